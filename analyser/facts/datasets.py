"""Every data set the paper uses, each with its size, what it counts, its source,
its split and its role, where the paper gives them.

A data set comes from a size statement of the paper's own data ("The Tox21
data set has 7821 molecules", "a reference set of 3101 structures") or from a
named database or benchmark the paper uses (QM9, OQMD...) even when it states
no size. A size is given to the name said in the same sentence; the split is
the one the sentence states, or the paper's split when it has one data set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyser.facts import scoring
from analyser.facts.corpus import FIRST_PERSON, Hit, Sent
from analyser.facts.model import DataSet, Evidence, Label
from analyser.facts.sizes import HEDGE_FACTOR, SizeCandidate
from analyser.facts.splits import split_in_sentence

SET_MIN_SCORE = 1.5  # as for n_samples: a count that is surely the size of some data
MAX_SETS = 30

# "the Tox21 data set", "the MnO reference set", "the polymer dataset": a name
# written before the word that makes it a data set.
_NAMED_SET = re.compile(
    r"\b(?:the|a|an|our|this|their)\s+(?P<name>(?:[\w\-+.]+\s+){0,3}?)(?:reference\s+|benchmark\s+|training\s+)?"
    r"(?:data\s?sets?|databases?|data\s+collection|corpus|library|benchmark)\b",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"^(?:whole|entire|full|complete|same|original|first|second|third|final|new|large|small|other|following|"
    r"above|present|current|resulting|test|training|validation|total|initial|\d+)$",
    re.I,
)
_ROLES = [
    ("pre-training", re.compile(r"\bpre-?train\w*", re.I)),
    ("fine-tuning", re.compile(r"\bfine-?tun\w*", re.I)),
    ("test", re.compile(r"\b(?:test|testing|held[- ]out|hold[- ]out|external|evaluation)\s+(?:set|data|entries|"
                        r"samples|compounds|molecules|structures|articles|papers|subset)", re.I)),
    ("benchmark", re.compile(r"\bbenchmark\w*", re.I)),
    ("training", re.compile(r"\btrain\w*|\bfit(?:ted|ting)?\b", re.I)),
]
_SOURCES = [
    ("DFT calculations", re.compile(r"\bDFT\b|density functional|\bab initio\b|first[- ]principles", re.I)),
    ("simulations", re.compile(r"\bsimulat\w*|\bmolecular dynamics\b", re.I)),
    ("experiments", re.compile(r"\bexperiment\w*|\bmeasured\b|\bmeasurements?\b|\bassays?\b", re.I)),
    ("literature", re.compile(r"\bliterature\b|\bpublished\b|\barticles\b|\bpapers\b", re.I)),
]


@dataclass
class _Set:
    name: str
    size: int | None
    unit: str | None
    score: float
    sents: list[Sent] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0

    def entry(self, sources: dict[int, str]) -> DataSet:
        sent = self.sents[0] if self.sents else None
        text = " ".join(item.text for item in self.sents)
        return DataSet(
            name=self.name,
            size=self.size,
            unit=self.unit,
            source=_source(text, self.name, sources.get(sent.index) if sent else None),
            split=split_in_sentence(sent.text) if sent else None,
            role=_role(text),
            evidence=self.evidence[: scoring.MAX_EVIDENCE],
            confidence=self.confidence,
        )


def _role(text: str) -> str | None:
    for role, pattern in _ROLES:
        if pattern.search(text):
            return role
    return None


def _source(text: str, name: str, database: str | None) -> str | None:
    """Where the data come from: a database other than its own name, or the kind of
    origin the sentence says (DFT, experiments...)."""
    if database and database != name:
        return database
    for source, pattern in _SOURCES:
        if pattern.search(text):
            return source
    return None


def _unit(noun: str) -> str:
    noun = " ".join(noun.lower().split())
    if noun.endswith(("s", "data", "spectra")):
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + ("es" if noun.endswith(("x", "ch", "sh")) else "s")


def _name_near(candidate: SizeCandidate, named: dict[int, list[tuple[Hit, str]]]) -> str:
    """The data set a size belongs to: the named one nearest in its sentence, else a
    name written before "data set" ("the MnO reference set")."""
    hits = named.get(candidate.sent.index, [])
    if hits:
        return min(hits, key=lambda pair: abs(pair[0].start - candidate.start))[1]
    for match in _NAMED_SET.finditer(candidate.sent.text):
        words = [word for word in match.group("name").split() if not _NOT_A_NAME.match(word)]
        if words and abs(match.start() - candidate.start) < 120:
            return " ".join(words)
    return ""


_OTHER_CLAUSE = re.compile(r"\b(?:which|that|whose|where)\b", re.I)


def _own_rounded(candidate: SizeCandidate) -> bool:
    """The paper says "we" of the rounded count itself, with no clause of something
    else's between ("We used the OQMD, which contains ∼300,000 compounds" is not)."""
    before = candidate.sent.text[:candidate.start]
    ours = list(FIRST_PERSON.finditer(before))
    return candidate.sent.owned and bool(ours) and not _OTHER_CLAUSE.search(before[ours[-1].end():])


def find(named: list[Label], named_hits: dict[int, list[tuple[Hit, str]]],
         candidates: list[SizeCandidate], paper_split: dict | None) -> list[DataSet]:
    """`named`: the data set labels (vocabulary names); `named_hits`: their hits by
    sentence, with their names; `candidates`: the size statements; `paper_split`:
    the paper's split."""
    sets: dict[int, _Set] = {}
    for candidate in sorted(candidates, key=lambda item: -item.score):
        # "a database of ∼300,000 compounds" is its order of magnitude, not the data used;
        # "we have extracted a list of ~16,400 compounds" is the paper's own data, rounded.
        if candidate.hedged and not _own_rounded(candidate):
            continue
        if candidate.score < SET_MIN_SCORE * (HEDGE_FACTOR if candidate.hedged else 1.0):
            continue
        found = sets.get(candidate.value)
        if found is None:
            found = sets[candidate.value] = _Set(_name_near(candidate, named_hits), candidate.value,
                                                 _unit(candidate.noun), candidate.score)
        found.sents.append(candidate.sent)
        found.evidence.append(candidate.sent.evidence(candidate.start, candidate.end))
    sized = sorted(sets.values(), key=lambda item: -item.score)
    for item in sized:
        pipeline = sum(sent.weight for sent in item.sents if sent.pipeline)
        total = sum(sent.weight for sent in item.sents)
        item.confidence = scoring.confidence(item.score, SET_MIN_SCORE, pipeline / total if total else 0.0)
    sources = {index: hits[0][1] for index, hits in named_hits.items() if hits}
    entries = [item.entry(sources) for item in sized]
    # Named data sets with no size stated for them.
    covered = {entry.name.lower() for entry in entries} | {entry.source.lower() for entry in entries if entry.source}
    for label in named:
        if label.value.lower() not in covered:
            entries.append(DataSet(label.value, evidence=label.evidence, confidence=label.confidence))
    if paper_split and len([entry for entry in entries if entry.size is not None]) == 1:
        only = next(entry for entry in entries if entry.size is not None)
        if only.split is None:
            only.split = {key: value for key, value in paper_split.items() if key != "evidence"}
    return entries[:MAX_SETS]
