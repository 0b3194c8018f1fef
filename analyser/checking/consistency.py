"""Claims of an analysis about the paper that the article does not support.

Two kinds of claim are checked, both typical of an analysis written without
reading the paper: an ML method named as the paper's (an MLP, Adam, dropout...)
that the article never names, and a figure attached to the data, the model or
the training ("10,000 experiments", "200 epochs", "learning rate 1e-3") that
the article never gives. Hypothetical or negative sentences ("could use",
"there is no dropout") and the alternatives a student proposes are not claims.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from analyser.checking.report import Claim
from analyser.checking.segment import Unit
from analyser.checking.terms import fold, term_set

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_NOT_A_CLAIM = re.compile(
    r"\b(?:could|would|might|should|may|if|instead|rather|alternative\w*|perhaps|maybe|no|not|without|never|none|neither|nor|"
    r"pourrai\w*|aurai\w*|devrai\w*|si|plutot|au lieu|peut-etre|pas|sans|aucun\w*|jamais|ni)\b|n't"
)
_APPROXIMATE = re.compile(r"(?:~|≈|∼|>|<|≥|≤|\babout|\baround|\broughly|\bapproximately|\bnearly|\balmost|\bover|\bmore than|\bless than|\bup to|\border of|\benviron|\bpres de|\bplus de|\bmoins de|\bjusqu'a|\bsome)\s*$")
# A number as written: a power of ten ("10^-3", "10−3", "5 x 10-4"; a bare "10-3" only
# when nothing numeric follows), scientific notation ("1e-3", "1E-3"), or a plain
# number with thousands separators ("42,966", "42 966", thin or non-breaking spaces).
_MINUS = "\u2212\u2013\\-"
_POWER = (
    rf"(?<![\d.,])(?:\d+(?:\.\d+)?\s*[x×*·]\s*)?10\s*(?:\^|\*\*)\s*\{{?\s*[{_MINUS}+]?\s*\d{{1,2}}\}}?"
    rf"|(?<![\d.,])(?:\d+(?:\.\d+)?\s*[x×*·]\s*)?10(?:\u2212\d{{1,2}}|[\-\u2013]\d)(?![\d.,]\d|[\w%])"
)
_SCIENTIFIC = rf"\d+(?:\.\d+)?[eE][{_MINUS}+]?\d+\b"
_PLAIN = r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?"
_NUMBER = rf"((?:{_POWER})|{_SCIENTIFIC}|{_PLAIN})"
_ANY_NUMBER = re.compile(_NUMBER)
_NOUNS = (
    r"samples?|examples?|molecules?|compounds?|structures?|configurations?|experiments?|data ?points?|images?|sequences?|"
    r"epochs?|layers?|neurons?|hidden units?|units|heads?|trees?|parameters?|descriptors?|features?|iterations?|"
    r"echantillons?|exemples?|experiences?|epoques?|couches?|neurones?|arbres?|parametres?|variables?|iterations?|passes|passages"
)
_QUANTITY = re.compile(rf"{_NUMBER}\s*(?:k\s+)?(?:{_NOUNS})\b")
_SETTING = re.compile(
    rf"\b(?:batch size|mini-batch(?:es)? of|mini-lots? de|learning rate|lr|dropout|taux d'apprentissage|r2|accuracy|rmse|mae|auc)"
    rf"\s*(?:of|=|:|de|d'environ|is|was|est|vaut)?\s*{_NUMBER}"
)


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return tomllib.loads((Path(__file__).parent / "vocab" / "claims.toml").read_text(encoding="utf-8"))


def serious_labels() -> frozenset[str]:
    """Claims wrong enough alone to hold their criterion at 1: a model family
    the article never names is the model itself being wrong."""
    return frozenset(_vocabulary().get("model_families", {}).get("labels", ()))


_POWER_PARTS = re.compile(
    rf"(?:(\d+(?:\.\d+)?)\s*[x×*·]\s*)?10\s*(?:\^|\*\*)?\s*\{{?\s*([{_MINUS}+]?)\s*(\d{{1,2}})\}}?"
)


def _value(text: str) -> float | None:
    """The value of a number as written: 1e-3, 1E-3, 10^-3, 10−3, 10-3 and 0.001 are one value;
    42,966, 42 966 (any space) and 42966 another."""
    text = text.strip()
    power = _POWER_PARTS.fullmatch(text)
    if power and re.fullmatch(_POWER, text):
        mantissa = float(power.group(1)) if power.group(1) else 1.0
        sign = -1 if power.group(2) and power.group(2) != "+" else 1
        return mantissa * 10.0 ** (sign * int(power.group(3)))
    text = re.sub(r"\s+", "", text)
    if re.fullmatch(_SCIENTIFIC, text):
        return float(re.sub(f"[{_MINUS}]", "-", text))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _article_numbers(article_text: str) -> frozenset[float]:
    """Every value the article writes, each number read both whole ("42 966", "10−3")
    and as its bare digit runs ("42", "966", "10"), so no reading is missed."""
    numbers = set()
    folded = fold(article_text).replace("<sup>", "^").replace("</sup>", "")
    for pattern in (_ANY_NUMBER, re.compile(r"\d+(?:[.,]\d+)?")):
        for match in pattern.finditer(folded):
            value = _value(match.group(0))
            if value is not None:
                numbers.add(_key(value))
    return frozenset(numbers)


def _key(value: float) -> float:
    """A value rounded to 9 significant digits: 1e-3 computed as 10**-3 or read as 0.001 is one key."""
    return float(f"{value:.9g}")


@lru_cache(maxsize=8)
def _folded(article_text: str) -> str:
    return fold(article_text)


def _informative(value: float) -> bool:
    # Small whole numbers occur in any article by chance; they prove nothing.
    return value >= 10 or value != int(value)


_TEXTS = {
    "en": {
        "elsewhere": " (the analysis cites another source here: not held against it)",
        "named": "named in the article", "never_named": "the article never mentions {label}",
        "facts": "the article's {field}: {values}",
        "number": "the article gives this number", "never_number": "the article never gives the number {number}",
    },
    "fr": {
        "elsewhere": " (l'analyse cite ici une autre source : non retenu contre elle)",
        "named": "nommé dans l'article", "never_named": "l'article ne mentionne jamais {label}",
        "facts": "dans l'article ({field}) : {values}",
        "number": "l'article donne ce nombre", "never_number": "l'article ne donne jamais le nombre {number}",
    },
}


def check_claims(units: list[Unit], article_text: str, facts=None, *, skip: set[int] = frozenset(), language: str = "en") -> tuple[list[Claim], dict[int, list[str]]]:
    """The claims found, and for each sentence (by id) the labels of its unsupported claims."""
    texts = _TEXTS.get(language, _TEXTS["en"])
    other_source = False
    vocabulary = _vocabulary()
    folded_article = _folded(article_text)
    numbers = _article_numbers(article_text)
    claims: list[Claim] = []
    wrong: dict[int, list[str]] = {}
    seen: set[str] = set()
    in_article: dict[str, bool] = {}  # term label -> named in the article (searched once)

    def add(unit: Unit, label: str, supported: bool, detail: str) -> None:
        if label in seen:
            return
        seen.add(label)
        if not supported and other_source:
            detail += texts["elsewhere"]
        claims.append(Claim(claim=f"{label}: \u201c{_short(unit.text)}\u201d (p. {unit.page})", supported=supported, detail=detail))
        if not supported and not other_source:
            wrong.setdefault(id(unit), []).append(label)

    elsewhere = term_set(tuple(vocabulary["other_sources"]["terms"]))
    cited = {(unit.section, unit.paragraph if unit.section < 0 else -1) for unit in units if elsewhere.found(unit.folded)}

    for unit in units:
        if id(unit) in skip or unit.copied or _NOT_A_CLAIM.search(unit.folded):
            continue
        other_source = (unit.section, unit.paragraph if unit.section < 0 else -1) in cited
        for label, variants in vocabulary["terms"].items():
            matcher = term_set(tuple(variants))
            if matcher.search(unit.folded):
                if label not in in_article:
                    in_article[label] = matcher.search(folded_article)
                supported = in_article[label]
                add(unit, label, supported, texts["named"] if supported else texts["never_named"].format(label=label))
        for field, values in vocabulary["facts"].items():
            known = facts.values(field) if facts is not None else set()
            for value, variants in values.items() if known else ():
                if term_set(tuple(variants)).found(unit.folded):
                    add(unit, value, value in known, texts["facts"].format(field=field.replace("_", " "), values=", ".join(sorted(known))))
        for pattern in (_QUANTITY, _SETTING):
            for match in pattern.finditer(unit.folded):
                if _APPROXIMATE.search(unit.folded[max(0, match.start() - 20):match.start()]):
                    continue
                value = _value(match.group(1))
                if value is None or not _informative(value):
                    continue
                supported = _key(value) in numbers
                label = match.group(0).strip()
                add(unit, label, supported, texts["number"] if supported else texts["never_number"].format(number=match.group(1).strip()))
    claims.sort(key=lambda claim: claim.supported)
    return claims, wrong


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
