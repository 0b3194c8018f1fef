"""Cleaning of raw PDF text: characters, running headers/footers, hyphenation.

The same steps run on the output of either engine (pdf_engines normalises
both to "\\n" line ends and "-\\n" for a line-end hyphen).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

# Presentation forms (ligatures ﬁ ﬂ ﬀ, Arabic/Hebrew forms), full-width ASCII
# and the like: NFKC maps them to plain letters. We do not NFKC the whole text,
# which would also turn "10²" into "102" and "½" into "1⁄2".
_COMPAT_CHARS = "\ufb00-\ufb4f\ufe70-\ufefe\uff01-\uff5e\u2000-\u200a\u2024-\u2026"  # a class, with ranges
_COMPAT_RANGES = re.compile(f"[{_COMPAT_CHARS}]")
_SPACE_CHARS = "\u00a0\u202f\u205f\u3000\t\f\v"
_INVISIBLE_CHARS = "\u200b-\u200d\u2060\ufeff\ufffe\u0000-\u0008\u000b\u000e-\u001f"  # a class, with ranges
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Mark the start of a line set in bold or larger than the body, of a line
# carrying such a line on, and of a line standing apart from a sentence's end
# by extra space: a new paragraph (see pdf_style). Private-use characters: not
# whitespace for str.strip(), and removed from the engines' text before marking.
EMPHASIS = "\ue000"
CONTINUED = "\ue001"
PARAGRAPH = "\ue002"
MARKS = EMPHASIS + CONTINUED + PARAGRAPH
_HYPHEN_CHARS = "\u2010\u2011"
_HYPHENS = re.compile(f"[{_HYPHEN_CHARS}]")
_SOFT_HYPHEN_AT_END = re.compile("\u00ad[ \t]*\n")


# Any character one of the passes below changes: most pages hold none, and
# one regex scan is cheaper than five.
_TO_FIX = re.compile(
    f"[{_COMPAT_CHARS}\u00ad{_HYPHEN_CHARS}{_SPACE_CHARS}{_INVISIBLE_CHARS}]"
)


def normalise_characters(text: str) -> str:
    """Ligatures and presentation forms to plain letters; odd spaces and invisibles out."""
    if not _TO_FIX.search(text):
        return text
    text = _COMPAT_RANGES.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)
    text = _SOFT_HYPHEN_AT_END.sub("", text)  # a discretionary hyphen: the word was split
    text = text.replace("\u00ad", "")
    text = _HYPHENS.sub("-", text)
    text = _SPACES.sub(" ", text)
    return _INVISIBLE.sub("", text)


# --- running headers, footers and page numbers ---------------------------------

_EDGE_LINES = 4  # lines looked at on top and bottom of each page
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:/|of|sur)\s*\d{1,4})?$|^[ivxlc]{1,6}$",
    re.IGNORECASE,
)


def _key(line: str) -> str:
    # Page numbers and dates inside a running line differ from page to page.
    return _DIGITS.sub("#", " ".join(line.lower().strip(MARKS).split()))


def _edge_indices(lines: list[str]) -> list[int]:
    """Indices of the first and last _EDGE_LINES non-empty lines (scanned from each end)."""
    top: list[int] = []
    for index, line in enumerate(lines):
        if line.strip():
            top.append(index)
            if len(top) == _EDGE_LINES:
                break
    bottom: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            bottom.append(index)
            if len(bottom) == _EDGE_LINES:
                break
    return sorted(set(top + bottom))


def _edge_keys(lines: list[str]) -> dict[int, str]:
    """The key of each line near the top or bottom of a page, by its index."""
    return {index: _key(lines[index]) for index in _edge_indices(lines)}


def running_lines(pages: list[list[str]]) -> set[str]:
    """Keys of the lines that repeat near the top or bottom of many pages."""
    return _repeated_keys([_edge_keys(lines) for lines in pages])


def _repeated_keys(edge_keys: list[dict[int, str]]) -> set[str]:
    if len(edge_keys) < 2:
        return set()
    seen: Counter[str] = Counter()
    for keys in edge_keys:
        seen.update(set(keys.values()))
    # Journals alternate left/right running heads, so a head can be on half
    # the pages only (less the first page). Three pages at least, so that a
    # sentence a short report happens to repeat is not taken for a running line.
    threshold = min(len(edge_keys), max(3, math.ceil(0.4 * len(edge_keys))))
    return {key for key, count in seen.items() if count >= threshold and key.strip()}


def remove_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers/footers and bare page numbers at the edges of each page."""
    # The edge lines' keys are computed once, for finding the running lines and for dropping them.
    edge_keys = [_edge_keys(lines) for lines in pages]
    repeated = _repeated_keys(edge_keys)
    cleaned = []
    for lines, keys in zip(pages, edge_keys):
        dropped = [
            index
            for index, key in keys.items()
            if key in repeated or _PAGE_NUMBER.match(lines[index].strip(" " + MARKS))
        ]
        kept = list(lines)
        # Only edge lines go: deleted by index (from the last) rather than filtering every line.
        for index in sorted(dropped, reverse=True):
            del kept[index]
        cleaned.append(kept)
    return cleaned


# --- hyphenation across line ends --------------------------------------------

_HYPHEN_SPACE = re.compile(r"-[ \t]+\n")
_HEAD_WORD = re.compile(r"[ \t]*([^\W_]\w*)")
_FUNCTION_WORDS = frozenset(
    "and or to of the as nor but than in on for with et ou de des du la le les".split()
)


class Vocabulary:
    """How often each word occurs in a text (lower-cased; "pre-training" is one word).

    Whitespace tokens are counted in C; the punctuation stuck to a word is
    dealt with at look-up time, for the few words looked up.
    """

    _AROUND = tuple((before, after) for before in ("", "(") for after in ("", ",", ".", ";", ":", ")"))

    def __init__(self, text: str) -> None:
        self._tokens = Counter(text.lower().split())

    def get(self, word: str, default: int = 0) -> int:
        word = word.lower()
        tokens = self._tokens
        return sum(tokens.get(before + word + after, 0) for before, after in self._AROUND) or default


def vocabulary(text: str) -> Vocabulary:
    """Word counts of `text` (see Vocabulary)."""
    return Vocabulary(text)


def join_hyphenated(text: str, vocab: Vocabulary | None = None) -> str:
    """Join words split by a hyphen at a line end, keeping real compound hyphens.

    The document's own vocabulary decides: "inter-/pretable" becomes
    "interpretable" when that word is used elsewhere, "pre-/training" stays
    hyphenated when "pre-training" is. Unknown cases keep the hyphen when
    both halves are words of the document ("time-consuming"), else join.
    """
    if "-" not in text:
        return text
    text = _HYPHEN_SPACE.sub("-\n", text)
    parts = text.split("-\n")
    if len(parts) == 1:
        return text
    if vocab is None:
        vocab = vocabulary(_without_junctions(parts))
    pieces = [parts[0]]
    for part in parts[1:]:
        left_word = _tail_word(pieces[-1])
        right = _HEAD_WORD.match(part)
        if not left_word or not right:
            pieces.append("-\n" + part)
            continue
        right_word = right.group(1)
        rest = part[right.end() :]
        # A URL runs to the end of the text before the break (its last token, as
        # pieces[-1] ends with a letter or digit): searched there, not in 200 characters.
        if rest.startswith("-") or _URL_TOKEN.search(pieces[-1][-200:].rsplit(None, 1)[-1]):
            glue = "-"  # "trial-/and-error": a compound goes on; "data-/repo" in a URL
        else:
            glue = _join(left_word, right_word, vocab)
        pieces.append(glue + right_word + rest)
    return "".join(pieces)


def _tail_word(text: str) -> str:
    """The letters and digits ending `text` (a scan from the end: the text can be long)."""
    start = len(text)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:]


def _without_junctions(parts: list[str]) -> str:
    """The text split at "-\n", less the words on either side of each split.

    Their halves ("inter", "pretable") must not count as words of the document.
    """
    kept = []
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if index > 0:
            part = part.split(None, 1)[1] if len(part.split(None, 1)) == 2 else ""
        if index < last:
            part = part.rsplit(None, 1)[0] if len(part.rsplit(None, 1)) == 2 else ""
        kept.append(part)
    return " ".join(kept)


def _join(left: str, right: str, vocab: Vocabulary) -> str:
    """What goes between the halves: "" (one word), "-" (compound) or "- " (suspended)."""
    if right.lower() in _FUNCTION_WORDS:
        return "- "  # "node- and edge-level"
    joined = vocab.get((left + right).lower(), 0)
    hyphenated = vocab.get(f"{left}-{right}".lower(), 0)
    if joined or hyphenated:
        return "" if joined > hyphenated else "-"
    if not left.isalpha() or not right.isalpha() or not right[0].islower():
        return "-"  # "SLAM-seq", "COVID-19", "3D-printed"
    if any(char.isupper() for char in left[1:]):
        return "-"
    if len(left) == 1:
        return "-"  # "e-mail", "N-methyl", "x-ray": hyphenation leaves two letters at least
    if _compound(left.lower(), right.lower(), vocab):
        return "-"
    return ""


# First and second parts that make compounds ("well-documented",
# "time-consuming", "environment-dependent") rather than halves of one word.
_COMPOUND_FIRST = frozenset(
    """
    well ill self non time data high low long short near full fully half semi quasi multi hyper
    plane cross user state first second third two three wide
    """.split()
)
_COMPOUND_SECOND = frozenset(
    """
    based dependent independent like free specific driven consuming intensive withdrawing donating
    induced derived related defined dimensional scale level wide aware known documented behaved
    established designed trained tuned art quality order range term made class sized shaped
    """.split()
)
# A hyphenation never leaves these alone on the next line as a word.
_SUFFIXES = frozenset(
    "est er ers ness less ly ing ings ed ity ment ments ful able ible tion tions sion ally ous ive ism ist".split()
)
_STEM_ENDINGS = (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("",)), ("s", ("",)), ("al", ("",)), ("ent", ("",)), ("able", ("", "e")))


def _known(word: str, vocab: Vocabulary) -> bool:
    """A word of the document, or a form of one ("documented" when "document" is used)."""
    if vocab.get(word):
        return True
    for ending, replacements in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if any(vocab.get(stem + replacement) for replacement in replacements):
                return True
    return False


def _compound(left: str, right: str, vocab: Vocabulary) -> bool:
    """Whether left-/right, neither form used elsewhere, reads as a hyphenated compound.

    Both halves must be words: of the document, or common parts of
    compounds; a first part made of a whole word ("augmented-wave") counts.
    Short pieces that hyphenation leaves ("-est", "-ness", "-ple") never do.
    """
    if right in _SUFFIXES or len(right) < 3:
        return False
    if left in _COMPOUND_FIRST:
        return len(right) >= 4 and (right in _COMPOUND_SECOND or _known(right, vocab) or len(right) >= 7)
    left_ok = _known(left, vocab) or (len(left) >= 6 and left.endswith(("ed", "ing")))
    return left_ok and (right in _COMPOUND_SECOND or _known(right, vocab))


# --- lines wrapped where the text had no space ---------------------------------

_URL_TOKEN = re.compile(r"(?:https?://|www\.|doi:|\b10\.\d{4,}/)\S*$", re.IGNORECASE)
_CITATION_START = re.compile(r"^\d{1,3}(?:[,–-]\d{1,3})*\s+[A-Z(]")
_TEX_GLUE_END = "}{_^\\"
_TEX_GLUE_START = "\\^_}{="


_URL_CONTINUATION = re.compile(r"[\w%~/#?=&+-]")


def ends_with_url(line: str) -> bool:
    """Whether `line` ends with a URL or DOI ("Link: https://doi.org/10.3390/x")."""
    return ("/" in line or "www" in line or "oi:" in line) and bool(_URL_TOKEN.search(line))


def url_continues(line: str, following: str) -> bool:
    """Whether `following` carries on the URL or DOI that ends `line` ("10.1038/" + "s44320-...").

    The URL must end with a character a URL breaks after ("/", ".", "-"...);
    after a full stop the next line must not open a sentence with a capital
    ("...00636-z." + "Correspondence..." is a URL, then a new sentence).
    """
    if not line or not following or line[-1] not in "/._-:=?&#":
        return False
    # Cheap tests in C before the regex: a URL or DOI holds "/", "www" or "doi:".
    if not ends_with_url(line):
        return False
    first = following[0]
    if not _URL_CONTINUATION.match(first):
        return False
    if line[-1] == "." and not (first.islower() or first.isdigit()):
        return False
    return True


def _open_math(line: str, open_before: bool) -> bool:
    """Whether an inline $...$ span is still open at the end of `line`."""
    if "$" not in line:
        return open_before
    dollars = line.count("$") - line.count("\\$")
    return open_before ^ (dollars % 2 == 1)


def _glued(line: str, following: str, in_math: bool, typical: float) -> bool:
    """Whether the break between `line` and `following` fell where the text has no space."""
    if not line or not following or following[0] in MARKS or line[0] in MARKS:
        return False  # a heading starts or ends here
    last, first = line[-1], following[0]
    if last == "/" or (last == "–" and first.isdigit()):
        return True  # "physical/ chemical", "EP/ R513143", "44– 46"
    if first in "^_":
        return True
    if in_math and (last in _TEX_GLUE_END or first in _TEX_GLUE_START):
        return True  # raw TeX of a PDF typeset from Markdown: "a_{x}^{y}" has no spaces
    if last in "._-:=?&#" and url_continues(line, following):
        return True  # a URL or DOI cut at a line end
    # A citation superscript pushed to the next line: "Dragonfly, / 39 EDBO+". Headings
    # such as "2 Methods" are short lines, so only long lines qualify.
    return (
        last in ".,;)"
        and first.isdigit()
        and len(following) >= 0.6 * typical
        and bool(_CITATION_START.match(following))
    )


def join_wrapped_lines(lines: list[str], typical: float) -> list[str]:
    """Merge lines whose break is not a space in the text (URLs, ranges, TeX, citations)."""
    merged: list[str] = []
    in_math = False
    for line in lines:
        if merged and _glued(merged[-1], line, in_math, typical):
            merged[-1] += line
        else:
            merged.append(line)
        if not line:
            in_math = False
        elif "$" in line:  # only a "$" opens or closes math: most lines leave it as it was
            in_math = _open_math(line, in_math)
    return merged


def typical_line_length(pages: list[list[str]]) -> float:
    lengths = sorted(len(line) for lines in pages for line in lines if len(line) >= 25)
    return float(lengths[len(lengths) // 2]) if lengths else 60.0


# --- list markers standing apart from their items -----------------------------

# A line holding nothing but a list marker: "1.", "(2)", "[3]", "a)", "•".
_LIST_MARKER = re.compile(r"(?:\d{1,3}[.)]|\(\d{1,3}\)|\[\d{1,3}\]|[a-z][.)]|\([a-z]\)|[•▪◦‣∙●○■□*·])")


def attach_loose_markers(lines: list[str]) -> list[str]:
    """Bare list-marker lines: one alone goes to the start of the next line; a run is dropped.

    PDF engines give the markers of a list laid out as two columns apart from
    the items, often all together at the end of the page (pdf_style puts them
    back by position when it can). A run of them ("73." ... "95.") can no longer
    be matched with its items and is layout debris, not text.
    """
    result: list[str] = []
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        if len(line) > 4 or not _LIST_MARKER.fullmatch(line.strip(MARKS)):
            result.append(line)
            index += 1
            continue
        end = index + 1
        while end < count and len(lines[end]) <= 4 and _LIST_MARKER.fullmatch(lines[end].strip(MARKS)):
            end += 1
        if end == index + 1 and end < count and lines[end][:1] not in MARKS:
            result.append(f"{line.strip(MARKS)} {lines[end]}")
            end += 1
        index = end
    return result


# --- whole pages ---------------------------------------------------------------


def clean_pages(raw_pages: list[str]) -> list[list[str]]:
    """Cleaned lines of each page: characters fixed, running lines out, hyphens joined."""
    pages = [normalise_characters(page).split("\n") for page in raw_pages]
    pages = [[line.strip() for line in lines] for lines in remove_running_lines(pages)]
    typical = typical_line_length(pages)
    pages = [join_wrapped_lines(attach_loose_markers([line for line in lines if line]), typical) for lines in pages]
    # One vocabulary for the whole document: a word split on page 3 is often
    # written whole on page 5.
    texts = ["\n".join(line for line in lines if line) for lines in pages]
    vocab = vocabulary(_without_junctions("\n".join(texts).split("-\n")))
    return [join_hyphenated(text, vocab).split("\n") if text else [] for text in texts]
