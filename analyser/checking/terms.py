"""Finding a rubric's vocabulary terms in text, in English and French alike.

Text and terms are compared folded: lower case, accents removed, typographic
apostrophes and dashes made plain, so "entraînement" matches "entrainement".
Term syntax (documented in the rubric file): "word*" is a prefix, other terms
are whole words (a plural "s" allowed), "re:..." is a regular expression.
Hyphens and apostrophes separate words: "cross-validation" also matches
"cross validation".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PLAIN = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-", "\u00a0": " ", "\u202f": " ", "œ": "oe", "æ": "ae"})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_PLAIN).casefold())
    return "".join(char for char in text if not unicodedata.combining(char))


_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def tokens(folded_text: str) -> tuple[str, ...]:
    # "cross-validation", "cross validation" and "l'article" all become word lists.
    return tuple(_TOKEN.findall(folded_text))


class TermSet:
    """A compiled list of terms; `found(text)` gives the distinct terms found.

    Word terms are matched on the text's words (dictionary look-ups, not one
    long regular expression: a check runs thousands of these), regular
    expressions ("re:...") on the folded text.
    """

    def __init__(self, terms: tuple[str, ...] | list[str]):
        self.terms = tuple(terms)
        self._exact: dict[int, set[tuple[str, ...]]] = {}  # n words -> term word tuples
        # n words -> first n-1 words -> the prefixes the last word may start with
        self._prefix: dict[int, dict[tuple[str, ...], tuple[str, ...]]] = {}
        regexes = []
        for term in self.terms:
            if term.startswith("re:"):
                regexes.append(f"(?:{term[3:]})")
                continue
            words = tuple(tokens(fold(term.rstrip("*"))))
            if not words:
                continue
            if len(words) > MAX_TERM_WORDS:  # rare long phrases: a regular expression
                tail = r"\w*" if term.endswith("*") else r"\b"
                regexes.append(r"\b" + r"\W+".join(re.escape(w) for w in words) + tail)
                continue
            if term.endswith("*"):
                by_first = self._prefix.setdefault(len(words), {})
                by_first[words[:-1]] = by_first.get(words[:-1], ()) + (words[-1],)
            else:
                self._exact.setdefault(len(words), set()).add(words)
        self._regex = re.compile("|".join(regexes)) if regexes else None
        self._lengths = sorted(set(self._exact) | set(self._prefix))
        self._memo: dict[str, frozenset[str]] = {}

    def found(self, folded_text: str) -> frozenset[str]:
        # A check asks the same set about the same sentence several times (to place
        # it, then to score each criterion): remember the last few thousand answers.
        hits = self._memo.get(folded_text)
        if hits is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            hits = self._memo[folded_text] = frozenset(self._find(folded_text))
        return hits

    def _find(self, folded_text: str) -> set[str]:
        hits: set[str] = set()
        if self._regex is not None:
            hits.update(match.group(0).strip() for match in self._regex.finditer(folded_text))
        if not self._lengths:
            return hits
        grams = _grams(folded_text)
        for n, exact in self._exact.items():
            hits.update(" ".join(words) for words in exact & grams.get(n, frozenset()))
        for n, by_first in self._prefix.items():
            if n == 1:
                starts = by_first[()]
                hits.update(word for word in tokens(folded_text) if word.startswith(starts))
                continue
            for window in grams.get(n, ()):
                starts = by_first.get(window[:-1])
                if starts and window[-1].startswith(starts):
                    hits.add(" ".join(window))
        return hits

    def search(self, folded_text: str) -> bool:
        return bool(self.found(folded_text))

    def __bool__(self) -> bool:
        return bool(self.terms)


MAX_TERM_WORDS = 6
MEMO_SIZE = 4096


@lru_cache(maxsize=2048)
def _grams(folded_text: str) -> dict[int, frozenset[tuple[str, ...]]]:
    """The text's word n-grams, each also without a plural ending on its last word."""
    words = tokens(folded_text)
    grams: dict[int, set[tuple[str, ...]]] = {}
    for n in range(1, MAX_TERM_WORDS + 1):
        bucket = grams.setdefault(n, set())
        for i in range(len(words) - n + 1):
            window = words[i:i + n]
            bucket.add(window)
            last = window[-1]
            if last.endswith("s") and len(last) > 2:
                bucket.add(window[:-1] + (last[:-1],))
                if last.endswith("es"):
                    bucket.add(window[:-1] + (last[:-2],))
    return {n: frozenset(bucket) for n, bucket in grams.items()}


@lru_cache(maxsize=512)
def term_set(terms: tuple[str, ...]) -> TermSet:
    return TermSet(terms)


# Quantities: numbers that are not years, figure/table/section references or list markers.
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*(?:\s?%)?)")
_REFERENCE_BEFORE = re.compile(r"(?:fig(?:ure)?s?|eqs?|equations?|tables?|sections?|§|refs?|chapters?|parts?|steps?|annexe?|appendix|tableau|et al)\.?\s*\(?$", re.IGNORECASE)


def quantities(text: str) -> set[str]:
    found: set[str] = set()
    for match in _NUMBER.finditer(text):
        value = match.group(1)
        if _REFERENCE_BEFORE.search(text[max(0, match.start() - 14):match.start()]):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", value):
            continue  # a year
        found.add(value.replace(" ", ""))
    return found



# Clauses saying the paper does not give something ("no loss or optimiser is
# given", "the learning rate is not reported", "l'article ne précise pas la
# perte"): the terms in them are what is missing, not what the paper does.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|\.\s|\b(?:but|whereas|while|although|mais|alors que|tandis que)\b")
_REPORT_VERB = (
    r"(?:giv|report|stat|specif|mention|describ|provid|disclos|detail|discuss|explain|say|said|document|"
    r"donn|precis|indiqu|mentionn|decri|rapport|dit|expliqu|detaill|fourni)\w*"
)
_ABSENT = re.compile(
    rf"\b(?:no|not|never|neither|nor|none|nothing|without|aucun\w*|pas|jamais|ni|sans|rien)\b(?:\W+\w+){{0,12}}?\W+{_REPORT_VERB}"
    rf"|\bn(?:e\s+|'){_REPORT_VERB}\s+(?:pas|jamais|rien|nulle part)\b"
    rf"|\b(?:is|are|remains?|was|were|est|sont|reste\w*)\s+(?:\w+\s+)?(?:missing|absent\w*|unreported|unspecified|manquant\w*|non precise\w*)\b"
)


@lru_cache(maxsize=4096)
def without_absent_clauses(folded_text: str) -> str:
    """The folded sentence without its clauses that say something is not given."""
    if not _ABSENT.search(folded_text):
        return folded_text
    pieces = _CLAUSE_BREAK.split(folded_text)
    return " | ".join(piece for piece in pieces if piece and not _ABSENT.search(piece))


# Names of methods, data sets and systems: acronyms ("BRICS", "OQMD"), mixed
# case ("qSNAP", "NequIP") or letters with digits ("ESM2", "HSE06"): specifics
# that generic wording never has. The names an article uses often are its own
# subject (its model, its protein); the ones it uses rarely or never are the
# other work it is compared with.
_NAME = re.compile(r"(?<![\w-])(?=[\w-]*[A-Z][\w-]*[A-Z0-9]|[A-Za-z][\w-]*\d)[A-Za-z][\w-]*[A-Za-z0-9](?![\w-])")
_GENERIC_NAMES = frozenset({
    "ml", "ai", "ia", "dl", "nn", "ann", "url", "doi", "pdf", "et", "al", "ok", "ii", "iii", "iv", "vs", "fig", "eq",
    "id", "cv", "md", "3d", "2d", "1d", "gpu", "cpu", "ie", "eg", "usa", "uk", "eu", "phd", "msc", "m1", "m2",
})
OWN_NAME_COUNT = 10  # an article naming something more often than this is about it


def paper_names(text: str, own_names: frozenset[str] = frozenset()) -> set[str]:
    """Name-like tokens of `text` (not a capitalised first word), except generic ones and `own_names`."""
    found = set()
    for match in _NAME.finditer(text):
        name = fold(match.group(0))
        if name in _GENERIC_NAMES or name in own_names or name.isdigit():
            continue
        found.add(name)
    return found


@lru_cache(maxsize=8)
def own_names(article_text: str) -> frozenset[str]:
    """The names an article uses more than OWN_NAME_COUNT times: its own subject."""
    counts: dict[str, int] = {}
    for match in _NAME.finditer(article_text):
        name = fold(match.group(0))
        counts[name] = counts.get(name, 0) + 1
    return frozenset(name for name, count in counts.items() if count > OWN_NAME_COUNT)
