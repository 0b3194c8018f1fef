"""Evaluation metrics with the value and split (train/validation/test) they are reported for."""

from __future__ import annotations

import re

from analyser.facts import vocab
from analyser.facts.corpus import Corpus, Hit
from analyser.facts.model import Metric
from analyser.facts.scoring import confidence

MAX_METRICS = 20
# A value reported once in the results (weight 1.2) of the paper's own work is firm.
CONFIDENT_WEIGHT = 0.6
_NUMBER = r"[-−]?\d+(?:\.\d+)?"
_AFTER = re.compile(
    rf"^\s*(?:\([^)]{{0,25}}\)\s*)?(?:values?\s+)?"
    # "the RMSE on the test set is 1.2": the split between the name and its number
    rf"(?:(?:on|for|over|across|in)\s+(?:the\s+)?(?:[\w\-]+\s+){{0,2}}?(?:set|data|split|fold)s?\s+)?"
    rf"(?:of|=|:|is|was|were|reached|reaches|achieved|achieves|"
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
# A split named as such: "test set", "training data", "held-out", "cross-validation",
# or a split word right before the metric ("the test RMSE", "training R2 of").
# "Training this model yields an RMSE of..." (training, the verb) names no split.
_SPLIT_NOUN = r"(?:\s+(?:set|sets|data|split|subset|fold|folds|error|errors|loss|points|entries|molecules|structures|samples|compounds))"
_SPLITS = [
    ("test", re.compile(rf"\btest(?:ing)?{_SPLIT_NOUN}\b|\bheld[- ]out\b|\bunseen\b|\bout[- ]of[- ]sample\b|"
                        r"\b(?:on|over|across|for)\s+(?:the\s+)?test(?:ing)?\b", re.I)),
    ("validation", re.compile(rf"\bvalidation{_SPLIT_NOUN}?\b|\bcross[- ]validat\w*", re.I)),
    ("train", re.compile(rf"\btrain(?:ing)?{_SPLIT_NOUN}\b|\bin[- ]sample\b|"
                         r"\b(?:on|over|for)\s+(?:the\s+)?training\b", re.I)),
]
_OPENING_SPLIT = re.compile(
    r"\s*(?:on|for|in|across|over)\s+(?:the\s+|our\s+)?(?:[\w\-]+\s+){0,2}?(test(?:ing)?|train(?:ing)?|validation)"
    r"(?:\s+(?:set|data|split)s?)?\s*,",
    re.I,
)
# A split word just before the metric's name: "the test RMSE", "training R2".
_SPLIT_BEFORE_NAME = re.compile(r"\b(test(?:ing)?|train(?:ing)?|validation)\s+(?:set\s+)?(?:[\w\-]+\s+)?$", re.I)
# A change of a score, not a score: "improves the RMSE by 0.1", "a reduction of 20% in MAE",
# "0.272 in RMSE higher than the best baseline", "an RMSE 0.05 lower than X".
_CHANGE_BEFORE_VALUE = re.compile(
    r"\b(?:by|improvements?|reductions?|decreases?|increases?|gains?|drops?|differences?|margins?|"
    r"improv\w*|reduc\w*|decreas\w*|increas\w*|lower\w*|rais\w*|boost\w*)\s+(?:of\s+|in\s+|to\s+)?"
    r"(?:about\s+|approximately\s+|around\s+|up\s+to\s+|over\s+|nearly\s+|only\s+|~|≈)?$",
    re.I,
)
_CHANGE_BEFORE_NAME = re.compile(
    r"\b(?:improvements?|reductions?|decreases?|increases?|gains?|drops?|differences?|changes?)\s+"
    r"(?:of|in)\s+(?:the\s+)?(?:[\w\-]+\s+)?$",
    re.I,
)
# ...right after the number (a unit between at most): "0.04 eV lower than X", not
# "0.31 eV, which is lower than the chemical accuracy" (a score compared).
_CHANGE_AFTER = re.compile(
    r"^\s*(?:%|[^\s,;.]{1,12})?\s*(?:points?\s+)?(?:(?:higher|lower|better|worse|greater|smaller|larger|less|more)\s+than|"
    r"improvements?|reductions?|gains?|decrease|increase)\b",
    re.I,
)


def _split_name(word: str) -> str:
    word = word.lower()
    return "train" if word.startswith("train") else "validation" if word.startswith("valid") else "test"


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    clause_start = max((match.end() for match in _CLAUSE.finditer(text, 0, start)), default=0)
    following = _CLAUSE.search(text, end)
    return clause_start, following.start() if following else len(text)


def _split(text: str, start: int, end: int | None = None) -> str | None:
    """The split the metric is reported for, when its own clause names one ("the
    training R2 is 0.99 while the test R2 is 0.71"); None when it does not."""
    end = start if end is None else end
    right_before = _SPLIT_BEFORE_NAME.search(text[max(0, start - 30) : start])
    if right_before is not None:
        return _split_name(right_before.group(1))
    clause_start, clause_end = _clause(text, start, end)
    found = [(match.start(), name) for name, pattern in _SPLITS
             for match in pattern.finditer(text, clause_start, clause_end)]
    if not found:
        # A phrase opening the sentence sets the split of what follows: "On the test set, R2 is 0.86".
        opening = _OPENING_SPLIT.match(text)
        return _split_name(opening.group(1)) if opening and opening.end() <= start else None
    return min(found, key=lambda item: abs(item[0] - start))[1]


def _is_change(text: str, hit: Hit, value_start: int, value_end: int) -> bool:
    """The number is a change of the score (a gain, a reduction), not the score."""
    if _CHANGE_BEFORE_VALUE.search(text[max(0, value_start - 40) : value_start]):
        return True
    if _CHANGE_BEFORE_NAME.search(text[max(0, hit.start - 40) : hit.start]):
        return True
    return bool(_CHANGE_AFTER.match(text[max(value_end, hit.end) :]))


# A metric named without a number counts only when the paper presents it as its
# measure of performance ("evaluated with the RMSE", "the metrics R2 and MAE",
# "in terms of ROC-AUC"); "the accuracy and cost of simulations" is plain English.
_LIST_JOIN = re.compile(r"\s*(?:,|/|,?\s*and|,?\s*or)\s*", re.I)
_METRIC_WORD = re.compile(r"\bmetrics?\b|\bperformance measures?\b", re.I)
_RESULTS_AFTER = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?(?:scores?|results?|values?)\b", re.I)
_ROW_VALUES = re.compile(r"([-−]?\d+(?:\.\d+)?)\s+([-−]?\d+(?:\.\d+)?)(?!\.?\d)")
_EVALUATION_CUE = re.compile(
    r"\bmetrics?\b|\b(?:evaluat|assess|measur|quantif|report|scor|benchmark)\w*\b[^,;.]{0,40}"
    r"\b(?:by|using|with|via|in terms of|through)\b|\bin terms of\b|\b(?:evaluat|assess|measur|quantif)\w*\s+"
    r"(?:the\s+|their\s+|its\s+)?(?:[\w\-]+\s+){0,2}$",
    re.I,
)


def _value(hit: Hit, unitless: bool) -> tuple[float, int, int] | None:
    """The number bound to the metric's name, with its place in the sentence."""
    text = hit.sent.text
    window = max(0, hit.start - 25)
    percent = _PERCENT_BEFORE.search(text[window : hit.start]) if unitless else None
    if percent is not None:
        raw, start, end = percent.group("value"), window + percent.start("value"), window + percent.end("value")
    else:
        after = _AFTER.match(text[hit.end : hit.end + 60])
        if after is not None and unitless and _UNIT_AFTER.match(text[hit.end + after.end() :]):
            after = None  # "an accuracy of 1 meV/atom" is an error, not an accuracy score
        if after is not None:
            raw, start, end = after.group("value"), hit.end + after.start("value"), hit.end + after.end("value")
        else:
            before = _BEFORE.search(text[window : hit.start])
            if before is None:
                return None
            raw, start, end = before.group("value"), window + before.start("value"), window + before.end("value")
    try:
        return float(raw.replace("−", "-")), start, end
    except ValueError:
        return None


def _presented_as_metric(hit: Hit, plain_word: bool, others: list[Hit]) -> bool:
    """`plain_word`: the name is also plain English ("accuracy", "precision",
    "sensitivity"): it needs the word "metric" or to stand in a list of metrics
    ("accuracy, precision and recall")."""
    text = hit.sent.text
    if plain_word:
        listed = any(_LIST_JOIN.fullmatch(text[min(hit.end, other.end) : max(hit.start, other.start)])
                     for other in others)
        return listed or bool(_METRIC_WORD.search(text))
    clause_start, clause_end = _clause(text, hit.start, hit.end)
    return bool(_EVALUATION_CUE.search(text[clause_start:hit.start]) or
                _EVALUATION_CUE.search(text, hit.end, clause_end) or _RESULTS_AFTER.match(text, hit.end))


def _columns(text: str, hit: Hit, value_start: int) -> list[tuple[float, str]]:
    """A table read as text: split headers side by side ("Training set Test set")
    before a row "RMSE(E) 0.86 1.11" give each number of the row its column's split."""
    headers = [(match.start(), match.end(), name) for name, pattern in _SPLITS
               for match in pattern.finditer(text, 0, hit.start)]
    headers.sort()
    for (_, end, first), (start, _, second) in zip(headers, headers[1:]):
        if first != second and start - end <= 3:
            row = _ROW_VALUES.match(text, value_start)
            if row is None:
                return []
            values = [float(row.group(1).replace("−", "-")), float(row.group(2).replace("−", "-"))]
            return list(zip(values, (first, second)))
    return []


def find(corpus: Corpus) -> list[Metric]:
    """Metrics with the number bound to them; a metric named without one only when
    the paper presents it as a measure of performance. A change of a score ("the
    RMSE drops by 20 %", "0.27 lower than the baseline") is not a score."""
    with_values: dict[tuple, Metric] = {}
    named: dict[str, Metric] = {}
    hits = corpus.find_all(vocab.group("metrics", "metric"))
    hits_in: dict[int, list[tuple[Hit, str]]] = {}
    for hit, entry in hits:
        hits_in.setdefault(hit.sent.index, []).append((hit, entry.value))
    for hit, entry in hits:
        if hit.negated or hit.sent.kind in ("introduction", "related"):
            continue
        found = _value(hit, bool(entry.extra.get("unitless")))
        value = None
        if found is not None:
            value, value_start, value_end = found
            if "max" in entry.extra and abs(value) > entry.extra["max"]:
                value = None  # "an AUC of 2.47" is the area under some other curve
            elif _is_change(hit.sent.text, hit, value_start, value_end):
                value = None
        split = _split(hit.sent.text, hit.start, hit.end)
        if value is not None:
            columns = _columns(hit.sent.text, hit, value_start)
            if columns:
                for column_value, column_split in columns:
                    key = (entry.value, column_value, column_split)
                    with_values.setdefault(key, Metric(entry.value, column_value, column_split, [hit.evidence()],
                                                       _confidence(hit)))
                continue
            key = (entry.value, value, split)
            if key not in with_values:
                with_values[key] = Metric(entry.value, value, split, [hit.evidence()], _confidence(hit))
            # "R2 is 0.86 on the test set, compared with 0.97 on the training set"
            other = _COMPARED_VALUE.search(hit.sent.text, hit.end)
            if other is not None:
                other_split = _split_name(other.group("split"))
                key = (entry.value, float(other.group("value")), other_split)
                if other_split != split and key not in with_values:
                    with_values[key] = Metric(entry.value, key[1], other_split, [hit.evidence()], _confidence(hit))
        elif entry.value not in named and found is None and _presented_as_metric(
            hit, bool(entry.extra.get("plain_word")), [other for other, name in hits_in[hit.sent.index] if name != entry.value]
        ):
            named[entry.value] = Metric(entry.value, None, split, [hit.evidence()], _confidence(hit))
    metrics = list(with_values.values())[:MAX_METRICS]
    reported = {metric.name for metric in metrics}
    metrics += [metric for name, metric in named.items() if name not in reported]
    return metrics


def _confidence(hit: Hit) -> float:
    return confidence(hit.sent.weight, CONFIDENT_WEIGHT, 1.0 if hit.sent.pipeline else 0.0)


def lower_is_better(name: str) -> bool:
    for entry in vocab.group("metrics", "metric"):
        if entry.value == name:
            return bool(entry.extra.get("lower_is_better", False))
    return False
