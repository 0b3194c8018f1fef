"""Turning vocabulary hits into labels: weigh, drop the denied, keep the best quotes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analyser.facts.corpus import Corpus, Hit
from analyser.facts.model import Evidence, Label
from analyser.facts.vocab import Entry

MAX_EVIDENCE = 3


@dataclass
class Tally:
    """What the paper says about one value: its affirmed hits and their weight."""

    value: str
    hits: list[Hit] = field(default_factory=list)
    score: float = 0.0
    denied: int = 0

    def add(self, hit: Hit, weight: float) -> None:
        if hit.negated:
            self.denied += 1
            return
        # One sentence counts once, however often it repeats the word.
        if any(seen.sent.index == hit.sent.index for seen in self.hits):
            return
        self.hits.append(hit)
        self.score += hit.sent.weight * weight

    def evidence(self, limit: int = MAX_EVIDENCE) -> list[Evidence]:
        best = sorted(self.hits, key=lambda hit: (-hit.sent.weight, hit.sent.index))[:limit]
        return [hit.evidence() for hit in sorted(best, key=lambda hit: hit.sent.index)]

    def label(self) -> Label:
        return Label(self.value, self.evidence())


def tally(corpus: Corpus, entries: Iterable[Entry]) -> dict[str, Tally]:
    """Tallies by value (several entries may share one value)."""
    tallies: dict[str, Tally] = {}
    for entry in entries:
        current = tallies.setdefault(entry.value, Tally(entry.value))
        # `unless`: a context in which the words mean something else
        # (t-SNE "to visualise" is no dimensionality-reduction task).
        unless = re.compile(entry.extra["unless"], re.I) if "unless" in entry.extra else None
        for hit in corpus.find_entry(entry):
            if unless is None or not unless.search(hit.sent.text):
                current.add(hit, entry.weight)
    return tallies


def labels(corpus: Corpus, entries: Iterable[Entry], min_score: float = 1.0) -> list[Label]:
    """The values said (not denied) with enough weight, strongest first."""
    found = [item for item in tally(corpus, entries).values() if item.score >= min_score]
    found.sort(key=lambda item: -item.score)
    return [item.label() for item in found]
