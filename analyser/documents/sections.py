"""Section headings: recognise them in plain lines and name their kind.

Articles and student reports use a small set of headings (English and French):
Abstract, Introduction, Methods, Results, Discussion, Conclusion, References...
possibly numbered ("2 Methods", "2.1 Data", "IV. RESULTS"). A numbered heading
with any other title is accepted only when its number follows the previous
one, which rejects wrapped lines such as "10 samples were used".
"""

from __future__ import annotations

import re

# kind -> words a heading of that kind starts with (accents and case ignored).
_KIND_PREFIXES: dict[str, tuple[str, ...]] = {
    "abstract": ("abstract", "summary", "resume", "synopsis"),
    "introduction": (
        "introduction", "background", "context", "contexte", "motivation", "overview",
        "problematique", "etat de l'art", "related work", "state of the art",
    ),
    "methods": (
        "methods", "method", "materials and methods", "material and methods", "methodology",
        "computational details", "computational methods", "computational section",
        "experimental", "experiments", "experimental section", "experimental setup",
        "online methods", "methodes", "methode", "methodologie", "materiel et methodes",
        "materiels et methodes", "approach", "approche",
    ),
    "results": ("results", "result", "resultats", "resultat"),
    "discussion": ("discussion", "limitations"),
    "conclusion": (
        "conclusion", "conclusions", "concluding remarks", "summary and outlook",
        "outlook", "perspectives", "conclusion et perspectives",
    ),
    "references": (
        "references", "reference list", "bibliography", "literature cited", "works cited",
        "references cited", "bibliographie", "references bibliographiques",
    ),
    "other": (
        "acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment",
        "remerciements", "data availability", "code availability", "data and code availability",
        "author contributions", "contributions", "competing interests", "conflicts of interest",
        "conflict of interest", "declaration of competing interest", "funding",
        "additional information", "supplementary information", "supplementary material",
        "supporting information", "appendix", "annexe", "annexes", "keywords", "mots-cles",
        "abbreviations", "disclosure and competing interests statement", "ethics",
        "open access", "author information", "notes",
    ),
}

# Headings whose whole text must match (so that "Results show that..." is not one).
_EXACT_ONLY = {"other"}

# Sections after the references that are not references themselves.
AFTER_REFERENCES = {"other", "methods", "appendix"}

_NUMBER = re.compile(
    r"^(?P<number>(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5}(?=\.))\.?)\s+(?P<title>.+)$"
)
_TRAILING = re.compile(r"[\s:.]+$")


_PLAIN_LETTERS = str.maketrans("àâäáãåéèêëíìîïóòôöõúùûüçñÿ’", "aaaaaaeeeeiiiiooooouuuucny'")


def fold(text: str) -> str:
    """Lower-case, accents off, spacing collapsed: for comparing headings."""
    text = text.lower()
    if not text.isascii():
        # A table for the accents of English and French headings: much faster than NFKD per line.
        text = text.translate(_PLAIN_LETTERS)
    return " ".join(text.replace("&", "and").split())


_EXACT = {prefix: kind for kind, prefixes in _KIND_PREFIXES.items() for prefix in prefixes}
_EXACT.update({"results and discussion": "results", "resultats et discussion": "results"})
KNOWN_HEADINGS = frozenset(_EXACT)  # folded headings that are complete by themselves
# The longest known start wins: "summary and outlook" is a conclusion, not an abstract.
_PREFIX_KIND = {
    prefix: kind
    for kind, prefixes in _KIND_PREFIXES.items()
    if kind not in _EXACT_ONLY
    for prefix in prefixes
}
_PREFIX = re.compile(
    "(" + "|".join(re.escape(prefix) for prefix in sorted(_PREFIX_KIND, key=len, reverse=True)) + r")\b"
)


def kind_of(title: str) -> str | None:
    """Canonical kind of a heading title ("Results and discussion" -> results), or None."""
    folded = _TRAILING.sub("", fold(title))
    if folded in _EXACT:
        return _EXACT[folded]
    match = _PREFIX.match(folded)
    return _PREFIX_KIND[match.group(1)] if match else None


_ROMAN_START = re.compile(r"[IVX]{1,5}\.\s")


def could_be_heading(text: str) -> bool:
    """A cheap first test: numbered, or opening with a known heading word."""
    first = text[0]
    if first.isdigit():
        # Numbered as HeadingDetector reads it (split_number of the line, spaces
        # collapsed): lines that only open with a digit ("2019 was...", table
        # rows) are never headings, and are many.
        return _NUMBER.match(" ".join(text.split())) is not None
    if first in "IVX" and _ROMAN_START.match(text):
        return True
    lowered = text.lower() if text.isascii() else fold(text)
    return lowered.rstrip(" :.") in _EXACT or bool(_PREFIX.match(lowered))


def heading_kind(text: str) -> str | None:
    """Kind of a heading line, numbered or not; long titles only when they open with a known word.

    "2 Methods" -> methods; "1. Context: the scientific question and why ML is
    used" -> introduction; "Results show that the model..." -> None.
    """
    _, title = split_number(text)
    title = _TRAILING.sub("", title)
    if len(title.split()) <= 8 or _looks_like_title(title):
        return kind_of(title)
    return None


def split_number(line: str) -> tuple[tuple[int, ...] | None, str]:
    """("2.1 Data") -> ((2, 1), "Data"); an unnumbered line -> (None, line)."""
    match = _NUMBER.match(line.strip())
    if not match:
        return None, line.strip()
    raw = match.group("number").rstrip(".")
    if raw.isdigit() or "." in raw:
        number = tuple(int(part) for part in raw.split("."))
    else:
        number = (_roman(raw),)
    return number, match.group("title").strip()


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for char, following in zip(text, text[1:] + " "):
        value = values[char]
        total += -value if values.get(following, 0) > value else value
    return total


def _title_shape_ok(title: str) -> bool:
    words = title.split()
    if not words or len(words) > 14 or len(title) > 110:
        return False
    if title[-1] in ",;" or (title.endswith(".") and not title.endswith("etc.")):
        return False
    first = title.lstrip("\"'“(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    letters = sum(char.isalpha() for char in title)
    return letters >= 0.6 * len(title.replace(" ", ""))


def follows(previous: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    """Whether heading `number` can come right after heading `previous`."""
    if previous is None:
        return number in ((1,), (0,)) or (len(number) == 1 and number[0] <= 2)
    for depth in range(len(previous)):
        if number[:depth] == previous[:depth] and len(number) == depth + 1:
            return number[depth] == previous[depth] + 1
    # One level deeper: "2" -> "2.1"
    return number == previous + (1,)


class HeadingDetector:
    """Decides, line by line, which short lines are section headings.

    Stateful: a numbered heading of unknown title is accepted only when its
    number follows the last accepted one.
    """

    def __init__(self) -> None:
        self.last_number: tuple[int, ...] | None = None
        self.in_references = False

    def heading(self, line: str) -> tuple[str, str | None] | None:
        """(heading text, kind) when `line` is a heading, else None."""
        found = self._heading(line)
        if found is not None:
            self.in_references = found[1] == "references"
        return found

    def _heading(self, line: str) -> tuple[str, str | None] | None:
        text = " ".join(line.split())
        if not text or len(text) > 120:
            return None
        number, title = split_number(text)
        title_core = _TRAILING.sub("", title)
        if not title_core:
            return None
        kind = heading_kind(title_core)
        if kind is not None and not _title_shape_ok(title_core):
            kind = None
        if number is None:
            if kind is None:
                return None
            if kind not in _EXACT_ONLY and fold(title_core) not in _EXACT:
                # An unnumbered heading must be a known heading as a whole,
                # or a short title starting with one ("Conclusions and outlook").
                if len(title_core.split()) > 5 or not _looks_like_title(title_core):
                    return None
            return text.rstrip(":"), kind
        if kind is not None:
            if follows(self.last_number, number) or len(number) == 1:
                self.last_number = number
            return text, kind
        roman = not text[0].isdigit()  # "IV. Results" only with a known title
        # Inside references, "12. A. Smith, Nature 2020" is an entry, not a heading.
        if not roman and not self.in_references and _title_shape_ok(title_core) and follows(self.last_number, number):
            self.last_number = number
            return text, None
        return None


_CONNECTOR = re.compile(r"^\s*(?:and|&|of|for|on|et|de|des|du|:|-|–|—|\()", re.IGNORECASE)


def _looks_like_title(text: str) -> bool:
    # "Results and discussion", "Methods: data", but not "Results show that".
    if re.search(r"[.;!?]", text):
        return False
    folded = fold(text)
    match = _PREFIX.match(folded)
    return bool(match) and bool(_CONNECTOR.match(folded[match.end() :]))
