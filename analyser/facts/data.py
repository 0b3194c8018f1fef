"""Datasets, data size, train/validation/test split and the representation of inputs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus, Sent
from analyser.facts.model import Data, Evidence

DATASET_MIN_SCORE = 1.0
REPRESENTATION_MIN_SCORE = 1.0
N_SAMPLES_MIN_SCORE = 1.5
RIVAL_SHARE = 0.6  # a size this close to the strongest one is another data set
MAX_SIZES = 4

_NUMBER = r"(?P<num>\d{1,3}(?:[, \u00a0\u2009\u202f]\d{3}(?![\d.,]\d))+|\d+(?:\.\d+)?\s*(?:k|K|thousand|million)(?![\w])|\d+)"
# Words that make "N things" the size of the data rather than any count.
_DATA_WORDS = re.compile(
    r"\b(?:data\s?sets?|databases?|reference data|training data|data consist\w*|consists? of|contain\w*|"
    r"compris\w*|total of|in total|collected|curated|compiled|generated|gathered|extracted|obtained|"
    r"selected|used|library|corpus|benchmark|(?:trained|fitted|tested|evaluated)(?:\s+[\w\-]+){0,5}\s+on|"
    r"fitted to|learn(?:ed|t) from)\b",
    re.I,
)
# Counts of a part of the data (one split, one class), not of the whole.
_PART_BEFORE = re.compile(
    r"\b(?:training|train|test|testing|validation|held-out|each|per|every|first|last|top|remaining|only|"
    r"additional|half|quarter|fraction|portion)\b(?:\s+\w+){0,3}\s*(?:of|with|contain\w*|has|had|includ\w*)?\s*$",
    re.I,
)
# "12% of the 30 selected compounds", "which 30 compounds in the remaining 10%": a part.
_SHARE_BEFORE = re.compile(r"\d\s*%\s+of\s+(?:the\s+)?$|\bwhich\s+$", re.I)
_PART_AFTER = re.compile(r"^\s*(?:in|of|from)\s+(?:the\s+)?(?:remaining|test|training|validation|held-out)\b", re.I)
_HEDGE_BEFORE = re.compile(
    r"\b(?:less|fewer|more) than\s*$|\b(?:up to|at most|at least|over|about|approximately|roughly|nearly)\s*$|[~∼≈]\s*$",
    re.I,
)
_WHOLE_BEFORE = re.compile(r"\b(?:whole|entire|full|complete|total|overall)\b[^.]{0,30}$|\bconsists? of\s*$", re.I)
_UNIT = re.compile(
    r"^(?:[nµμmck]?m|[mµμn]?[gLl]|K|°C|eV|meV|kJ|kcal|%|h|hrs?|min|s|ms|wt|mol|[mµμn]?M|Hz|kHz|MHz|ppm|Å|nm|"
    r"GPa|MPa|kPa|bar|atm|rpm|V|kV|mA|W)\b",
)
_FUNCTION_WORDS = re.compile(
    r"\b(?:as|in|of|the|for|to|with|from|by|on|at|which|that|were|was|is|are|than|and|or|per)\b", re.I
)
_RANGE_AFTER = re.compile(r"^\s*(?:[-–]|to)\s*\d", re.I)
_WEAK_NOUNS = re.compile(
    r"^(?:systems?|experiments?|cells?|genes?|candidates?|examples?|measurements?|frames?|snapshots?|"
    r"particles?|compositions?|sequences?)$",
    re.I,
)

_SPLIT_WORD = re.compile(r"\b(?:split\w*|ratio|partition\w*|divided|train\w*|test\w*|validation|evaluat\w*)\b", re.I)
# Percentages written as words: "Ninety percent of these data were used for training".
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_WORD_PERCENT = re.compile(
    r"\b(?P<tens>" + "|".join(_TENS) + r")(?:[\s\-](?P<units>" + "|".join(_UNITS) + r"))?(?=\s+per ?cent\b)",
    re.I,
)
# "the evaluation is conducted on the remaining 20% of the dataset", "tested on 10% of the data"
_EVALUATED_ON = re.compile(
    r"\b(?P<role>evaluat\w*|test(?:ed|ing)?|assess\w*|validat\w*)\b(?:(?!train)[^.;]){0,60}?\b(?:on|using|with)\s+"
    r"(?:the\s+)?(?:remaining|other|last|held[- ]out|rest(?:ing)?\s+)?\s*(?P<number>\d{1,2}(?:\.\d+)?)\s*(?:%|per ?cent)",
    re.I,
)
# "The remaining data were used as test set": the rest of a stated training share.
_REST_IS = re.compile(
    r"\b(?:remaining|rest|other)\b[^.;]{0,50}\b(?P<role>test\w*|validation|evaluat\w*)", re.I
)
_RATIO = re.compile(
    r"(?<![\d.])(\d{1,2}(?:\.\d+)?|0?\.\d+)\s*%?\s*[:/]\s*(\d{1,2}(?:\.\d+)?|0?\.\d+)\s*%?"
    r"(?:\s*[:/]\s*(\d{1,2}(?:\.\d+)?|0?\.\d+)\s*%?)?(?![\d/])"
)
# "80% of the data were used for training", "80% training", "trained on 90% of the data set"
_PERCENT = re.compile(
    r"(\d{1,2}(?:\.\d+)?)\s*(?:%|per ?cent)\s+(?:of\s+(?:the\s+|all\s+)?(?:\w+\s+)?(?:data|dataset|data set|"
    r"samples|structures|molecules|compounds|configurations|points|entries)\s+)?(?:(?:is|was|were|are)\s+)?"
    r"(?:(?:randomly\s+)?(?:used|selected|chosen|assigned|kept|reserved|set aside|held out|allocated)\s+)?"
    r"(?:for|as|in|to)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(training|train|validation|validating|test|testing)\b"
    r"|(\d{1,2}(?:\.\d+)?)\s*(?:%|per ?cent)\s+(training|train|validation|test|testing)\b",
    re.I,
)
# "a training set (80%) and a test set (20%)", "test set of 20%"
_ROLE_PERCENT = re.compile(
    r"\b(training|train|validation|test|testing)(?:\s+(?:set|data|split|subset))?\s*(?:\(|of\s+|:\s*|=\s*)"
    r"(\d{1,2}(?:\.\d+)?)\s*(?:%|per ?cent)",
    re.I,
)
_TRAINED_ON = re.compile(r"\btrained\s+on\s+(?:the\s+)?(?:first\s+|random\s+)?(\d{1,2}(?:\.\d+)?)\s*(?:%|per ?cent)", re.I)
_EVEN_SPLIT = re.compile(r"\bsplit\s+(?:\w+\s+){0,2}evenly\b|\bevenly\s+split\b|\bsplit\w*\s+in\s+half\b", re.I)


@dataclass
class SizeCandidate:
    value: int
    score: float
    sent: Sent
    start: int
    end: int


def _to_int(text: str) -> int | None:
    text = re.sub(r"[,\s\u00a0\u2009\u202f]", "", text) if re.search(r"\d[,\s]\d{3}", text) else text.strip()
    scale = 1
    lowered = text.lower()
    for suffix, factor in (("thousand", 1000), ("million", 1_000_000), ("k", 1000)):
        if lowered.endswith(suffix):
            text, scale = text[: -len(suffix)].strip(), factor
            break
    try:
        return int(round(float(text) * scale))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _size_pattern() -> re.Pattern:
    nouns = "|".join(entry.regex for entry in vocab.group("data", "sample_noun"))
    # Up to six words (adjectives, "2 × 2 × 2 bulk") between the number and its noun.
    return re.compile(
        rf"(?<![\w.,\-]){_NUMBER}\s+(?P<between>(?:[^\s.;:(),]+\s+){{0,6}}?)(?P<noun>{nouns})",
        re.IGNORECASE,
    )


def size_candidates(corpus: Corpus) -> list[SizeCandidate]:
    pattern = _size_pattern()
    nouns = vocab.group("data", "sample_noun")
    anchors = tuple(anchor for entry in nouns for anchor in entry.anchors or ())
    found = []
    for sent, match in corpus.search(pattern, anchors):
        value = _to_int(match.group("num"))
        if value is None or value < 10 or 1900 <= value <= 2100 and "," not in match.group("num"):
            continue
        between = match.group("between")
        if _FUNCTION_WORDS.search(between):
            continue  # "145 attributes as in the example": the noun is not what is counted
        if _UNIT.match(between):
            continue  # "300 nm particles": a measure, not a count
        if re.search(r"\d", between) and not re.search(r"\d\s*\$?\s*(?:×|x|\\times)\s*\$?\s*\d", between):
            continue  # "10 000 epochs of 32 molecules": the number belongs elsewhere
        before = sent.text[: match.start()]
        score = sent.weight
        score *= 2.0 if _DATA_WORDS.search(sent.text) else 1.0 if sent.owned else 0.3
        if (_PART_BEFORE.search(before) or _SHARE_BEFORE.search(before)
                or _RANGE_AFTER.search(sent.text[match.end("num") :]) or _PART_AFTER.match(sent.text[match.end() :])):
            score *= 0.3
        if _WEAK_NOUNS.match(match.group("noun").strip()):
            score *= 0.4
        if _HEDGE_BEFORE.search(before):
            score *= 0.5
        if _WHOLE_BEFORE.search(before):
            score *= 1.5
        found.append(SizeCandidate(value, score, sent, match.start(), match.end()))
    return found


def _sizes(corpus: Corpus) -> tuple[int | None, list[Evidence], list[tuple[int, Evidence]]]:
    """(the size, its evidence, the several sizes stated when there is no single one)."""
    candidates = size_candidates(corpus)
    if not candidates:
        return None, [], []
    # The strongest statement of a size wins; repeats only break ties (a split
    # part such as "10000 configurations each" is often repeated more).
    totals: dict[int, float] = {}
    for candidate in candidates:
        totals[candidate.value] = max(totals.get(candidate.value, 0.0), candidate.score) + 0.01
    best_value = max(totals, key=totals.get)
    best = totals[best_value]
    if best < N_SAMPLES_MIN_SCORE:
        return None, [], []
    strongest = {}
    for candidate in sorted(candidates, key=lambda item: -item.score):
        strongest.setdefault(candidate.value, candidate)
    # Several data sets of different sizes, none dominant: no single size.
    rivals = [value for value, score in totals.items() if value != best_value and score >= RIVAL_SHARE * best]
    if len(rivals) >= 2:
        several = sorted([best_value, *rivals], key=lambda value: -totals[value])[:MAX_SIZES]
        return None, [], [(value, _evidence_of(strongest[value])) for value in several]
    evidence = [
        _evidence_of(candidate)
        for candidate in sorted(candidates, key=lambda item: -item.score)
        if candidate.value == best_value
    ][:scoring.MAX_EVIDENCE]
    return best_value, evidence, []


def _evidence_of(candidate: SizeCandidate) -> Evidence:
    return candidate.sent.evidence(candidate.start, candidate.end)


def n_samples(corpus: Corpus) -> tuple[int | None, list[Evidence]]:
    """The size of the data set, or None when the paper has no single one."""
    size, evidence, _ = _sizes(corpus)
    return size, evidence


def stated_sizes(corpus: Corpus) -> list[tuple[int, Evidence]]:
    """The sizes the paper states when it has several data sets and no single size
    (strongest first); empty when it has one size or states none."""
    return _sizes(corpus)[2]


def _fractions(values: list[float]) -> list[float]:
    total = sum(values)
    return [round(value / total, 4) for value in values] if total > 0 else values


def _words_to_digits(text: str) -> str:
    def number(match: re.Match) -> str:
        value = _TENS[match.group("tens").lower()] + _UNITS.get((match.group("units") or "").lower(), 0)
        return str(value)
    return _WORD_PERCENT.sub(number, text)


def split(corpus: Corpus) -> dict | None:
    """Train/validation/test fractions when the paper states them. A training share
    alone is completed by the next sentence when it says where the rest went ("The
    remaining data were used as test set")."""
    best: tuple[float, dict] | None = None
    sentences = corpus.sentences
    for position, sent in enumerate(sentences):
        if not _SPLIT_WORD.search(sent.text):
            continue
        found = _split_in(_words_to_digits(sent.text))
        if not found:
            continue
        evidence = [sent.evidence()]
        if set(found) == {"train"} and found["train"] < 1 and position + 1 < len(sentences):
            following = sentences[position + 1]
            rest = _REST_IS.search(following.text)
            if rest is not None:
                found[_role(rest.group("role"))] = round(1 - found["train"], 4)
                evidence.append(following.evidence())
        if best is None or sent.weight > best[0]:
            best = (sent.weight, found | {"evidence": evidence})
    return best[1] if best else None


def _role(word: str) -> str:
    word = word.lower()
    return "train" if word.startswith("train") else "validation" if word.startswith("valid") else "test"


def _split_in(text: str) -> dict | None:
    lowered = text.lower()
    for match in _RATIO.finditer(text):
        numbers = [float(group) for group in match.groups() if group is not None]
        near = lowered[max(0, match.start() - 80) : match.end() + 80]
        if not re.search(r"train|split|ratio|test", near) or re.search(r"\d\s*/\s*\d+\s*(?:atom|mev|ev)", near):
            continue
        if len(numbers) == 3 and abs(sum(_fractions(numbers)) - 1) < 0.01:
            train, validation, test = _fractions(numbers)
            if train >= max(validation, test):
                return {"train": train, "validation": validation, "test": test}
        if len(numbers) == 2 and ("train" in near and "test" in near or "split" in near):
            train, test = _fractions(numbers)
            if train >= test and any(abs(numbers[0] + numbers[1] - total) < 1e-6 for total in (1, 10, 100)):
                return {"train": train, "test": test}
    parts = {}
    for match in _PERCENT.finditer(text):
        number, role = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        role = role.lower()
        role = "train" if role.startswith("train") else "validation" if role.startswith("valid") else "test"
        parts.setdefault(role, round(float(number) / 100, 4))
    for match in _ROLE_PERCENT.finditer(text):
        role = match.group(1).lower()
        role = "train" if role.startswith("train") else "validation" if role.startswith("valid") else "test"
        parts.setdefault(role, round(float(match.group(2)) / 100, 4))
    for match in _TRAINED_ON.finditer(text):
        parts.setdefault("train", round(float(match.group(1)) / 100, 4))
    for match in _EVALUATED_ON.finditer(text):
        role = "validation" if match.group("role").lower().startswith("validat") else "test"
        parts.setdefault(role, round(float(match.group("number")) / 100, 4))
    if parts:
        if len(parts) == 1 and "train" in parts and parts["train"] < 1 and "test" in lowered:
            parts["test"] = round(1 - parts["train"], 4)
        if len(parts) == 1 and "test" in parts and parts["test"] < 1 and "train" in lowered:
            parts = {"train": round(1 - parts["test"], 4), "test": parts["test"]}
        return parts
    if _EVEN_SPLIT.search(text) and "train" in lowered and "test" in lowered:
        return {"train": 0.5, "test": 0.5}
    return None


def find(corpus: Corpus) -> Data:
    size, size_evidence, several = _sizes(corpus)
    if size is None:
        # No single size: the evidence is then the statements of the several sizes.
        size_evidence = [evidence for _, evidence in several]
    return Data(
        datasets=scoring.labels(corpus, vocab.group("data", "dataset"), DATASET_MIN_SCORE),
        n_samples=size,
        n_samples_evidence=size_evidence,
        split=split(corpus),
        representation=scoring.labels(corpus, vocab.group("data", "representation"), REPRESENTATION_MIN_SCORE),
    )
