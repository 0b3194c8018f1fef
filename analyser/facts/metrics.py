"""Evaluation metrics with the value and split (train/validation/test) they are reported for."""

from __future__ import annotations

import re

from analyser.facts import vocab
from analyser.facts.corpus import Corpus, Hit
from analyser.facts.model import Metric

MAX_METRICS = 20
_NUMBER = r"[-−]?\d+(?:\.\d+)?"
_AFTER = re.compile(
    rf"^\s*(?:\([^)]{{0,25}}\)\s*)?(?:values?\s+)?(?:of|=|:|is|was|were|reached|reaches|achieved|achieves|"
    rf"amounts to|of about|of approximately|of only|below|under|around|≈|~|<)?\s*(?:about|approximately|only|~|≈)?\s*"
    rf"(?P<value>{_NUMBER})(?!\s*[-–]\s*fold)(?![\d/])"
)
# "0.95 R2", "0.272 in RMSE": a decimal right before the name (not "32% in R2", an increase)
_BEFORE = re.compile(r"(?<![\w.])(?P<value>[-−]?\d*\.\d+)\s*(?:in|of|for|on)?\s*(?:the\s+)?(?:test\s+|training\s+|validation\s+)?$")
# "90% accuracy" (not "32% in R2", an increase)
_PERCENT_BEFORE = re.compile(r"(?<![\w.])(?P<value>\d+(?:\.\d+)?)\s*%\s*(?:classification\s+|prediction\s+|test\s+)?$")
_UNIT_AFTER = re.compile(
    r"\s*(?:[mµμk]?eV|kcal|kJ|Å|a_?\{?0|[nµμcm]?m\b|K\b|°|Ha\b|hartree|mol\b|/|per\s+atom|atom)"
)
_CLAUSE = re.compile(r"[,;:]\s|\b(?:while|whereas|compared (?:with|to)|but|versus|vs\.?)\b", re.I)
_COMPARED_VALUE = re.compile(
    r"\b(?:compared (?:with|to)|against|versus|vs\.?|while|whereas)\s+(?:an?\s+|the\s+)?(?P<value>\d*\.?\d+)\s*%?\s+"
    r"(?:on|for|in)\s+(?:the\s+)?(?P<split>training|train|test|testing|validation)\b",
    re.I,
)
_SPLITS = [
    ("test", re.compile(r"\b(?:test(?:ing)?(?:\s+(?:set|data|split))?|held[- ]out|unseen)\b", re.I)),
    ("validation", re.compile(r"\bvalidation(?:\s+(?:set|data|split))?\b|\bcross[- ]validation\b", re.I)),
    ("train", re.compile(r"\btrain(?:ing)?(?:\s+(?:set|data|split|error))?\b", re.I)),
]


def _split_name(word: str) -> str:
    word = word.lower()
    return "train" if word.startswith("train") else "validation" if word.startswith("valid") else "test"


def _split(text: str, start: int) -> str | None:
    """The split named with the metric: in its own clause first ("the training R2 is
    0.99 while the test R2 is 0.71"), else the nearest before it, else after it."""
    clause_start = max((match.end() for match in _CLAUSE.finditer(text, 0, start)), default=0)
    following = _CLAUSE.search(text, start)
    clause_end = following.start() if following else len(text)
    found = [(match.start(), name) for name, pattern in _SPLITS for match in pattern.finditer(text)]
    inside = [item for item in found if clause_start <= item[0] < clause_end]
    if inside:
        return min(inside, key=lambda item: abs(item[0] - start))[1]
    before = [item for item in found if item[0] < start]
    if before:
        return max(before)[1]
    return min(found)[1] if found else None


def _value(hit: Hit, unitless: bool) -> float | None:
    text = hit.sent.text
    percent = _PERCENT_BEFORE.search(text[max(0, hit.start - 25) : hit.start]) if unitless else None
    if percent is not None:
        return float(percent.group("value"))
    after = _AFTER.match(text[hit.end : hit.end + 60])
    if after is not None and unitless and _UNIT_AFTER.match(text[hit.end + after.end() :]):
        after = None  # "an accuracy of 1 meV/atom" is an error, not an accuracy score
    if after is None:
        before = _BEFORE.search(text[max(0, hit.start - 25) : hit.start])
        if before is None:
            return None
        raw = before.group("value")
    else:
        raw = after.group("value")
    try:
        return float(raw.replace("−", "-"))
    except ValueError:
        return None


def find(corpus: Corpus) -> list[Metric]:
    with_values: dict[tuple, Metric] = {}
    named: dict[str, Metric] = {}
    for hit, entry in corpus.find_all(vocab.group("metrics", "metric")):
        if hit.negated or hit.sent.kind in ("introduction", "related"):
            continue
        value = _value(hit, bool(entry.extra.get("unitless")))
        if value is not None and "max" in entry.extra and abs(value) > entry.extra["max"]:
            value = None  # "an AUC of 2.47" is the area under some other curve
        split = _split(hit.sent.text, hit.start)
        if value is not None:
            key = (entry.value, value, split)
            if key not in with_values:
                with_values[key] = Metric(entry.value, value, split, [hit.evidence()])
            # "R2 is 0.86 on the test set, compared with 0.97 on the training set"
            other = _COMPARED_VALUE.search(hit.sent.text, hit.end)
            if other is not None:
                other_split = _split_name(other.group("split"))
                key = (entry.value, float(other.group("value")), other_split)
                if other_split != split and key not in with_values:
                    with_values[key] = Metric(entry.value, key[1], other_split, [hit.evidence()])
        elif entry.value not in named:
            named[entry.value] = Metric(entry.value, None, split, [hit.evidence()])
    metrics = list(with_values.values())[:MAX_METRICS]
    reported = {metric.name for metric in metrics}
    metrics += [metric for name, metric in named.items() if name not in reported]
    return metrics


def lower_is_better(name: str) -> bool:
    for entry in vocab.group("metrics", "metric"):
        if entry.value == name:
            return bool(entry.extra.get("lower_is_better", False))
    return False
