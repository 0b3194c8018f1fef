"""How many samples the data have: the size statements of a paper ("a data set of
3101 structures"), the one size of its data (`n_samples`) when it has one, and
the several sizes stated when it has several data sets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus, Sent
from analyser.facts.model import Evidence

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
_PART_BETWEEN = re.compile(r"\b(?:training|train|test|testing|validation|held-out|hold-out|evaluation)\b", re.I)
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
    # "(MRF) 45 where materials ...": a citation number before a clause, no count
    r"\b(?:as|in|of|the|for|to|with|from|by|on|at|which|that|were|was|is|are|than|and|or|per|where|when|while|whose|who)\b",
    re.I,
)
_RANGE_AFTER = re.compile(r"^\s*(?:[-–]|to)\s*\d", re.I)
# "ranging from 312 to 341,788 instances": the end of a range is no size either.
_RANGE_BEFORE = re.compile(r"\b(?:from|between)\s+[\d,.\s\u2009\u202f]+\s*(?:to|and|[-–])\s*$", re.I)
# "42 966 polymers, composed of nine A monomers and 862 B monomers": after a first
# count, what the samples are made of.
_CONSTITUENTS_BEFORE = re.compile(
    r"\b(?:composed of|made (?:up )?of|built from|formed from|combinations? of|derived from|based on)\b[^.;]{0,60}$", re.I)
# "28 material properties": the noun describes what is counted, it is not counted.
_NOUN_OF_ANOTHER = re.compile(
    r"^\s*(?:properties|features|attributes|descriptors|types|classes|categories|targets|tasks|labels|elements|"
    r"parameters|families|groups|classes)\b", re.I)
# "28 data sets", "ten benchmark datasets": a paper with several data sets.
_SEVERAL_SETS = re.compile(
    r"\b(?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:data\s?sets|databases|benchmarks?\s+(?:data\s?sets|tasks))\b", re.I)
_FITTED_ON_BEFORE = re.compile(r"\b(?:train(?:ed|ing)|fit(?:ted|ting)?|learn(?:ed|t|s))\s+(?:on|to|from)\s+(?:the\s+|all\s+|its\s+)?$", re.I)
HEDGE_FACTOR = 0.5  # "about 700": an order of magnitude weighs half a count
_WEAK_NOUNS = re.compile(
    r"^(?:systems?|experiments?|cells?|genes?|candidates?|examples?|measurements?|frames?|snapshots?|"
    r"particles?|compositions?|sequences?)$",
    re.I,
)


@dataclass
class SizeCandidate:
    value: int
    score: float
    sent: Sent
    start: int
    end: int
    noun: str = ""  # what is counted, as written ("structures")
    hedged: bool = False  # "about 700", "∼300,000": an order of magnitude, not a count


@dataclass
class SizeFinding:
    """The size of the data (None when the paper has several data sets or states
    none), its evidence and score, and the several sizes stated when no one is."""

    value: int | None
    evidence: list[Evidence]
    several: list[tuple[int, Evidence]]
    score: float = 0.0
    candidates: list[SizeCandidate] = field(default_factory=list)


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
        if _RANGE_BEFORE.search(before) or _NOUN_OF_ANOTHER.match(sent.text[match.end() :]):
            continue
        score = sent.weight
        score *= 2.0 if _DATA_WORDS.search(sent.text) else 1.0 if sent.owned else 0.3
        # "100 test samples", "2808 training structures": one part of the data.
        if (_PART_BEFORE.search(before) or _SHARE_BEFORE.search(before) or _PART_BETWEEN.search(between)
                or _RANGE_AFTER.search(sent.text[match.end("num") :]) or _PART_AFTER.match(sent.text[match.end() :])):
            score *= 0.3
        if _WEAK_NOUNS.match(match.group("noun").strip()) and not _FITTED_ON_BEFORE.search(before):
            score *= 0.4  # "70 new compositions" may be anything; "fitted to the 56 compositions" is the data
        hedged = bool(_HEDGE_BEFORE.search(before))
        if hedged:
            score *= HEDGE_FACTOR
        if _WHOLE_BEFORE.search(before):
            score *= 1.5
        if _CONSTITUENTS_BEFORE.search(before) and any(item.sent is sent for item in found):
            score *= 0.3
        found.append(SizeCandidate(value, score, sent, match.start(), match.end(), match.group("noun"),
                                   hedged))
    return found


def find(corpus: Corpus) -> SizeFinding:
    """The size of the data, or the several sizes stated when there is no single one."""
    candidates = size_candidates(corpus)
    if not candidates:
        return SizeFinding(None, [], [], 0.0, candidates)
    # The strongest statement of a size wins; repeats only break ties (a split
    # part such as "10000 configurations each" is often repeated more).
    totals: dict[int, float] = {}
    for candidate in candidates:
        totals[candidate.value] = max(totals.get(candidate.value, 0.0), candidate.score) + 0.01
    best_value = max(totals, key=totals.get)
    best = totals[best_value]
    if best < N_SAMPLES_MIN_SCORE:
        return SizeFinding(None, [], [], 0.0, candidates)
    strongest = {}
    for candidate in sorted(candidates, key=lambda item: -item.score):
        strongest.setdefault(candidate.value, candidate)
    # Several data sets of different sizes, none dominant: no single size. So too
    # when the paper says it uses several data sets ("28 data sets in total").
    rivals = [value for value, score in totals.items() if value != best_value and score >= RIVAL_SHARE * best]
    if len(rivals) >= 2 or several_data_sets(corpus):
        several = sorted([best_value, *rivals], key=lambda value: -totals[value])[:MAX_SIZES]
        return SizeFinding(None, [], [(value, _evidence_of(strongest[value])) for value in several], best, candidates)
    evidence = [
        _evidence_of(candidate)
        for candidate in sorted(candidates, key=lambda item: -item.score)
        if candidate.value == best_value
    ][:scoring.MAX_EVIDENCE]
    return SizeFinding(best_value, evidence, [], best, candidates)


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12}


def several_data_sets(corpus: Corpus) -> bool:
    """The paper says, of its own work, that it uses several data sets."""
    for sent, match in corpus.search(_SEVERAL_SETS, ("data", "benchmark")):
        count = match.group("count").lower()
        number = int(count) if count.isdigit() else _COUNT_WORDS.get(count, 0)
        if sent.pipeline and not _PART_BEFORE.search(sent.text[: match.start()]) and number >= 2:
            return True
    return False


def _evidence_of(candidate: SizeCandidate) -> Evidence:
    return candidate.sent.evidence(candidate.start, candidate.end)


def n_samples(corpus: Corpus) -> tuple[int | None, list[Evidence]]:
    """The size of the data set, or None when the paper has no single one."""
    found = find(corpus)
    return found.value, found.evidence


def stated_sizes(corpus: Corpus) -> list[tuple[int, Evidence]]:
    """The sizes the paper states when it has several data sets and no single size
    (strongest first); empty when it has one size or states none."""
    return find(corpus).several
