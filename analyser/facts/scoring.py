"""Turning vocabulary hits into labels: weigh, drop the denied, keep the best quotes,
and say how confident the label is.

A value is a fact of the paper only when at least one of its sentences states
it of the paper's own pipeline (`Sent.pipeline`): a word met only in the
introduction, in cited, general or hypothetical sentences is someone else's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analyser.facts.corpus import Corpus, Hit
from analyser.facts.model import Evidence, Label
from analyser.facts.vocab import Entry

MAX_EVIDENCE = 3
# Evidence not stated of the paper's own pipeline counts this much in the confidence.
OFF_PIPELINE_SHARE = 0.6


def confidence(score: float, min_score: float, pipeline_share: float = 1.0) -> float:
    """1 - 2^(-score/min_score): 0.5 at the reporting threshold, 0.75 at twice it...,
    lowered when part of the evidence is not of the paper's own pipeline."""
    if score <= 0 or min_score <= 0:
        return 0.0
    strength = 1.0 - 0.5 ** (score / min_score)
    return round(strength * (OFF_PIPELINE_SHARE + (1 - OFF_PIPELINE_SHARE) * pipeline_share), 2)


@dataclass
class Tally:
    """What the paper says about one value: its affirmed hits and their weight."""

    value: str
    hits: list[Hit] = field(default_factory=list)
    score: float = 0.0
    denied: int = 0
    pipeline: float = 0.0  # the part of the score stated of the paper's own pipeline

    def add(self, hit: Hit, weight: float) -> None:
        if hit.negated:
            self.denied += 1
            return
        # One sentence counts once, however often it repeats the word.
        if any(seen.sent.index == hit.sent.index for seen in self.hits):
            return
        self.hits.append(hit)
        self.score += hit.sent.weight * weight
        if hit.sent.pipeline:
            self.pipeline += hit.sent.weight * weight

    @property
    def pipeline_share(self) -> float:
        return self.pipeline / self.score if self.score > 0 else 0.0

    def reported(self, min_score: float) -> bool:
        """Strong enough, and stated at least once of the paper's own pipeline."""
        return self.score >= min_score and self.pipeline > 0

    def rescale(self, kept: list[Hit]) -> None:
        """Keep only the hits `kept`, and the share of the score they carried."""
        total = sum(hit.sent.weight for hit in self.hits)
        if len(kept) == len(self.hits) or total <= 0:
            return
        share = sum(hit.sent.weight for hit in kept) / total
        pipeline_total = sum(hit.sent.weight for hit in self.hits if hit.sent.pipeline)
        pipeline_kept = sum(hit.sent.weight for hit in kept if hit.sent.pipeline)
        self.score *= share
        self.pipeline *= pipeline_kept / pipeline_total if pipeline_total > 0 else 0.0
        self.hits = kept

    def evidence(self, limit: int = MAX_EVIDENCE) -> list[Evidence]:
        # The paper's own statements first, then the heaviest.
        best = sorted(self.hits, key=lambda hit: (not hit.sent.pipeline, -hit.sent.weight, hit.sent.index))[:limit]
        return [hit.evidence() for hit in sorted(best, key=lambda hit: hit.sent.index)]

    def label(self, min_score: float = 1.0) -> Label:
        return Label(self.value, self.evidence(), confidence(self.score, min_score, self.pipeline_share))


# "measured by cross-validation or a held-out test set": options, not a choice made.
_OR_BETWEEN = re.compile(r"^[\s,]*(?:\w+\s+){0,3}?(?:or|nor)\s+(?:\w+\s+){0,3}?$", re.I)


def _alternatives(tallies: dict[str, Tally]) -> None:
    """Drop the hits of values offered as alternatives ("X or Y") in a sentence where
    the paper does not speak of its own work."""
    by_sentence: dict[int, list[tuple[Hit, Tally]]] = {}
    for item in tallies.values():
        for hit in item.hits:
            by_sentence.setdefault(hit.sent.index, []).append((hit, item))
    for pairs in by_sentence.values():
        if len({item.value for _, item in pairs}) < 2 or pairs[0][0].sent.owned:
            continue
        pairs.sort(key=lambda pair: pair[0].start)
        text = pairs[0][0].sent.text
        for (first, first_tally), (second, second_tally) in zip(pairs, pairs[1:]):
            if first_tally is not second_tally and _OR_BETWEEN.match(text[first.end : second.start]):
                for hit, item in ((first, first_tally), (second, second_tally)):
                    if hit in item.hits:
                        item.rescale([other for other in item.hits if other is not hit])


def tally(corpus: Corpus, entries: Iterable[Entry]) -> dict[str, Tally]:
    """Tallies by value (several entries may share one value); values offered as
    alternatives ("by cross-validation or on a held-out set") are not counted."""
    tallies: dict[str, Tally] = {}
    for entry in entries:
        current = tallies.setdefault(entry.value, Tally(entry.value))
        # `unless`: a context in which the words mean something else
        # (t-SNE "to visualise" is no dimensionality-reduction task).
        unless = re.compile(entry.extra["unless"], re.I) if "unless" in entry.extra else None
        for hit in corpus.find_entry(entry):
            if unless is None or not unless.search(hit.sent.text):
                current.add(hit, entry.weight)
    _alternatives(tallies)
    return tallies


def labels(corpus: Corpus, entries: Iterable[Entry], min_score: float = 1.0) -> list[Label]:
    """The values said (not denied) with enough weight, strongest first."""
    found = [item for item in tally(corpus, entries).values() if item.reported(min_score)]
    found.sort(key=lambda item: -item.score)
    return [item.label(min_score) for item in found]
