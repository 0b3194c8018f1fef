"""Sentence splitting that survives scientific prose.

A sentence ends at ., ! or ? followed by space and a capital, digit, quote or
bracket, except after abbreviations ("e.g.", "et al.", "Fig.", "Eq.", initials
such as "J."). Decimals never split: their dot has no space after it.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    e.g i.e et al al etc cf vs viz approx ca resp fig figs eq eqs eqn eqns ref refs
    tab tabs sec secs ch chap no nos vol vols pp p dr mr mrs ms prof st jr sr inc ltd
    co corp dept univ est min max avg std var incl suppl ext
    mt env
    """.split()
)
# Common French ones in student reports.
ABBREVIATIONS |= frozenset("p.ex ex cad c.-à-d env mme mlle".split())

# A stop, closing quotes or brackets, space, then what can start a sentence.
# Or a full stop after a word with citation numbers stuck to it ("failure.34 The"):
# a letter or bracket before the stop, so that decimals and versions ("2.34 The") never split.
_BOUNDARY = re.compile(
    r"[.!?…](?:"
    r"(?<=[^\W\d_)\]]\.)\d{1,3}(?:[,–-]\d{1,3})*\s+(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])"
    r"|[.!?…]*[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ]))"
)
_LETTERS_AND_DOTS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# Words that start sentences and are never surnames: after one, a capital letter
# and a stop end a sentence ("a function over P. For instance, ...") rather than
# being an initial ("J. Smith").
_STARTERS = frozenset(
    """
    The This These That Those For In We However It Its As Thus Therefore Here Such An On At To With By From
    If When While Since Our Then Finally Moreover Furthermore Hence Note Each All Both One Similarly Also
    Because Although Using Only Other Another Figure Table
    """.split()
)
_NEXT_WORD = re.compile(r"[\"'“‘(\[]?([A-Za-z]+)\b(?!\.)")


_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`; a blank line always ends one."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH.finditer(text):
        spans.extend((start + position, end + position) for start, end in _split_paragraph(text[position : match.start()]))
        position = match.end()
    spans.extend((start + position, end + position) for start, end in _split_paragraph(text[position:]))
    return spans


def _split_paragraph(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        mark = match.start()  # the stop itself
        # The last word before the stop is all that matters: a short slice keeps this linear.
        if _is_abbreviation(text[max(start, mark - 30) : mark + 1]) and not _initial_before_sentence(text, mark, match.end()):
            continue
        stop = mark + len(match.group().rstrip())
        if stop > start:
            spans.append((start, stop))
        start = match.end()
    tail_end = len(text.rstrip())
    if tail_end > start:
        spans.append((start, tail_end))
    return spans


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _initial_before_sentence(text: str, mark: int, following: int) -> bool:
    """A lone capital before the stop, and a sentence starter after it."""
    if mark < 1 or not text[mark - 1].isupper() or (mark >= 2 and not text[mark - 2].isspace()):
        return False
    word = _NEXT_WORD.match(text, following)
    return bool(word) and word.group(1) in _STARTERS


def _is_abbreviation(candidate: str) -> bool:
    """Whether the period ending `candidate` belongs to an abbreviation or an initial."""
    if not candidate.endswith("."):
        return False
    # The last whitespace-separated token: never empty, the candidate ends with ".".
    token = candidate.rsplit(None, 1)[-1].lstrip("(\"'[“")
    word = token[:-1]
    if not word:
        return False
    lowered = word.lower()
    if lowered in ABBREVIATIONS or lowered.rstrip(".") in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    # "e.g", "i.e", "U.S" style tokens made of single letters and dots (the test
    # for a dot spares the regex on most words).
    return "." in word and bool(_LETTERS_AND_DOTS.fullmatch(word))
