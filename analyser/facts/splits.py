"""The train/validation/test split as the paper states it: ratios (8:1:1, 90/10),
percentages ("80 % for training"), and a training share completed by the next
sentence ("The remaining data were used as test set")."""

from __future__ import annotations

import re

from analyser.facts.corpus import Corpus

# A split stated once in the methods (weight 1.5) is confidently the paper's.
SPLIT_MIN_WEIGHT = 0.75

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
    r"(?:for|as|in|to)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(pre-?training|fine-?tuning|training|train|validation|validating|test|testing)\b"
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
    found = weighed_split(corpus)
    return found[1] if found else None


def split_in_sentence(text: str) -> dict | None:
    """The split one sentence states, without its evidence."""
    return _split_in(_words_to_digits(text)) if _SPLIT_WORD.search(text) else None


def weighed_split(corpus: Corpus) -> tuple[float, dict] | None:
    """(the weight of the sentence stating it, the split with its evidence)."""
    best: tuple[float, dict] | None = None
    candidates: list = []
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
        candidates.append((sent, found, evidence))
        if best is None or sent.weight > best[0]:
            best = (sent.weight, found | {"evidence": evidence})
    if best is not None:
        _complete(best[1], [item for item in candidates if item[0].pipeline])
    return best


def _complete(split: dict, others: list) -> None:
    """Parts of the split stated in other sentences ("40% ... for pre-training", then
    "evaluated on the remaining 20%") join it when they name other parts and the
    shares still add up to at most the whole."""
    for _, found, evidence in others:
        parts = {key: value for key, value in split.items() if key != "evidence"}
        new = {key: value for key, value in found.items() if key not in parts}
        if not new or set(found) & set(parts) or sum(parts.values()) + sum(new.values()) > 1.0001:
            continue
        split.update(new)
        split["evidence"] = split["evidence"] + evidence


def _role(word: str) -> str:
    word = word.lower().replace("-", "")
    if word.startswith("pretrain"):
        return "pre-training"  # the share a self-supervised or transfer pre-training uses
    if word.startswith("finetun"):
        return "fine-tuning"
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
        role = _role(role)
        parts.setdefault(role, round(float(number) / 100, 4))
    for match in _ROLE_PERCENT.finditer(text):
        role = _role(match.group(1))
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
