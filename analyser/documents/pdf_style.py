"""Which PDF lines are set in bold or larger than the body text (PDFium only).

A heading hint for documents whose headings carry no number or known word
("The problem the authors want to solve"). It costs PDFium calls, so only
lines shaped like headings are looked at, first by their first character;
the last character is checked only when the first one stands out.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import re
from collections import Counter
from dataclasses import dataclass

# Imported by the PDFium reader only, once pypdfium2 has been found.
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from analyser.documents.cleaning import MARKS, normalise_characters

_CRLF = re.compile("\r\n")
_BODY_SAMPLE = 60  # body lines measured to know the body text's height
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|[-,]b[dx]?$|\bbd\b", re.IGNORECASE)


@dataclass(slots=True)
class _Candidate:
    line: int  # index of the line on its page
    first: int  # character indices of the line's first and last characters
    last: int
    font: str = ""
    height: float = 0.0


class FontNames:
    """FPDFText_GetFontInfo with one reusable buffer (it is called for many lines)."""

    def __init__(self) -> None:
        self._get = pdfium_raw.FPDFText_GetFontInfo
        self._buffer = ctypes.create_string_buffer(96)
        self._flags_ref = ctypes.byref(ctypes.c_int())

    def __call__(self, textpage, index: int) -> str:
        self._get(textpage.raw, index, self._buffer, 96, self._flags_ref)
        return self._buffer.value.decode("latin-1")


@functools.lru_cache(maxsize=256)
def _is_bold(font: str) -> bool:
    return bool(_BOLD_FONT.search(font))


def _charbox(textpage, index: int) -> tuple[float, float, float, float]:
    """The loose box of a character, as PdfTextPage.get_charbox(loose=True) gives it, at half the cost.

    It is called for thousands of characters: pypdfium2's method hands the
    PdfTextPage object to ctypes, which converts it on every call; the raw
    handle is passed as it is.
    """
    rect = pdfium_raw.FS_RECTF()
    if not pdfium_raw.FPDFText_GetLooseCharBox(textpage.raw, index, rect):
        raise pdfium.PdfiumError("Failed to get charbox.")
    return rect.left, rect.bottom, rect.right, rect.top


def _height(textpage, index: int) -> float:
    left, bottom, right, top = _charbox(textpage, index)
    return round(top - bottom, 1)


# A line that may be a heading starts with anything but a lower-case ASCII
# letter (checked in C over the whole page; the rest in Python, on few lines).
# The page's first line, then every line after a "\n": a pattern that opens
# with a literal character lets the regex engine jump from one line break to
# the next, where a multi-line "^" is tried at every character (4x slower).
_FIRST_LINE_START = re.compile(r"[ ]*[^\sa-z]")
_NEXT_LINE_START = re.compile(r"\n[ ]*[^\sa-z]")


def candidates(textpage, text: str, font_name: FontNames) -> list[_Candidate]:
    """Lines of `text` ("\r\n" between lines) that could be headings, with the style of their first character."""
    # Text positions are character indices only when no character took two
    # UTF-16 units; otherwise the page gets no style hints.
    if len(text) != textpage.count_chars():
        return []
    line_ends = [match.start() for match in _CRLF.finditer(text)]
    starts = [match.end() - 1 for match in _NEXT_LINE_START.finditer(text)]  # first characters
    first_line = _FIRST_LINE_START.match(text)
    if first_line:
        starts.insert(0, first_line.end() - 1)
    found = []
    for first in starts:
        line = bisect.bisect_right(line_ends, first)
        end = line_ends[line] if line < len(line_ends) else len(text)
        stripped = text[first:end].rstrip()
        if (
            len(stripped) <= 120
            and stripped[-1] not in ".,;"
            and (stripped[0].isupper() or stripped[0].isdigit())
            and stripped.count(" ") < 16
        ):
            candidate = _Candidate(line, first, first + len(stripped) - 1)
            candidate.font = font_name(textpage, first)
            found.append(candidate)
    return found


def emphasised_lines(
    pages: list[tuple[object, list[str], list[_Candidate]]], font_name: FontNames
) -> list[tuple[set[int], set[int]]]:
    """For each (textpage, lines, candidates): the lines set in bold or larger.

    Two sets of line indices per page: lines that start such a run, and lines
    that carry one on in the same style (a heading wrapped over lines).
    """
    fonts: Counter[str] = Counter()
    for _, lines, found in pages:
        fonts.update(candidate.font for candidate in found if len(lines[candidate.line]) > 40)
    if not fonts:
        return [(set(), set()) for _ in pages]
    body_font = fonts.most_common(1)[0][0]
    # Heights cost a PDFium call each: measured on a sample of body lines, and
    # on the lines whose font differs from the body's (bold, headings).
    heights: Counter[float] = Counter()
    sampled = 0
    for textpage, lines, found in pages:
        for candidate in found:
            body_line = candidate.font == body_font
            if body_line and (sampled >= _BODY_SAMPLE or len(lines[candidate.line]) <= 40):
                continue
            candidate.height = _height(textpage, candidate.first)
            if body_line:
                heights[candidate.height] += 1
                sampled += 1
    if not heights:
        return [(set(), set()) for _ in pages]
    body_height = heights.most_common(1)[0][0]
    if body_height <= 0:
        return [(set(), set()) for _ in pages]
    marked = []
    for textpage, page_lines, found in pages:
        lines = set()
        for candidate in found:
            bold = _is_bold(candidate.font)
            if not (bold or candidate.height >= 1.03 * body_height):
                continue
            # The first character stands out: so must the last ("Fig. 1 Caption..." does not).
            last_font = font_name(textpage, candidate.last)
            height = min(candidate.height, _height(textpage, candidate.last))
            if (
                (bold and _is_bold(last_font) and height >= 0.95 * body_height)
                or height >= 1.15 * body_height
                # Fonts with meaningless names ("AdvOT5777b7ad"): another font, a bit larger.
                or (candidate.font != body_font and last_font == candidate.font and height >= 1.03 * body_height)
            ):
                lines.add(candidate.line)
        continued = _continuations(textpage, page_lines, lines, found, font_name) if lines else set()
        marked.append((lines - continued, continued))
    return marked


def _first_characters(lines: list[str]) -> list[int]:
    """Where each line's first character (after its leading spaces) stands in PDFium's
    text, the lines joined by "\r\n"."""
    starts = []
    position = 0
    for line in lines:
        starts.append(position + len(line) - len(line.lstrip()))
        position += len(line) + 2
    return starts


def _is_text_of(textpage, lines: list[str]) -> bool:
    """Whether `lines` are the page's text as PDFium gives it, so that their positions hold."""
    return sum(len(line) + 2 for line in lines) - 2 == textpage.count_chars()


def _continuations(textpage, lines: list[str], marked: set[int], found: list[_Candidate], font_name) -> set[int]:
    """The lines that carry on a marked heading in its style ("potentials: exploring...")."""
    firsts = _first_characters(lines)
    style = {candidate.line: (candidate.font, candidate.height) for candidate in found}
    result: set[int] = set()
    for number in sorted(marked):
        if number - 1 in marked | result and style.get(number - 1) == style[number]:
            result.add(number)  # "...(2024), "A ubiquitous" / "GC content signature..."
        following = number + 1
        while following < len(lines) and following not in result and following not in marked:
            stripped = lines[following].strip()
            if not stripped or len(stripped) > 120:
                break
            first = firsts[following]
            if (font_name(textpage, first), _height(textpage, first)) != style[number]:
                break
            style[following] = style[number]
            result.add(following)
            following += 1
    return result


_PARAGRAPH_GAP = (1.2, 4.0)  # extra space between paragraphs, in line pitches: more than a line, less than a figure
_SENTENCE_END = re.compile(r"[.!?:][\"'”’»)\]]*$")
_SHORT_FIELD = re.compile(r"\s*[A-ZÀ-Þ][\w'’ ]{1,24}\s?:\s*\S.{0,50}$")  # "Name: Ada Lovelace", "Date : 3 mai"


def paragraph_starts(textpage, lines: list[str]) -> set[int]:
    """The lines that open a paragraph by the space above them: after a sentence's end or a
    labelled field ("Name: Ada Lovelace"), a wider gap than the page's line pitch.

    Word processors space paragraphs rather than indent them, and a paragraph
    whose last line runs to the margin leaves no other trace in the text.
    """
    if not _is_text_of(textpage, lines):
        return set()
    firsts = _first_characters(lines)
    bottoms: list[tuple[int, float, float]] = []  # (line, bottom, height) of each line's first character
    for number, line in enumerate(lines):
        if line.strip():
            _, bottom, _, top = _charbox(textpage, firsts[number])
            bottoms.append((number, bottom, top - bottom))
    gaps = [(above[1] - below[1], above, below) for above, below in zip(bottoms, bottoms[1:])]
    pitches = sorted(gap for gap, above, below in gaps if gap > 0 and abs(above[2] - below[2]) < 0.1 * above[2])
    if len(pitches) < 3:
        return set()
    pitch = pitches[(len(pitches) - 1) // 2]  # the lower median: most gaps are the plain line pitch
    low, high = _PARAGRAPH_GAP
    return {
        below[0]
        for gap, above, below in gaps
        if low * pitch <= gap <= high * pitch
        and abs(above[2] - below[2]) < 0.1 * above[2]  # same type: not a heading or a caption
        and (_SENTENCE_END.search(lines[above[0]].rstrip()) or _SHORT_FIELD.match(lines[above[0]]))
        and not lines[below[0]].lstrip()[:1].islower()  # "(Fig." / "7) where ...", "e.g." / "the ..."
        and not lines[below[0]].lstrip()[:1].isdigit()
    }


# A line holding nothing but a list marker: "1.", "(2)", "[3]", "a)", "•".
# PDFium gives such markers apart from their items when the list is laid
# out as two columns (marker, text): often all of a page's markers at once,
# at the end of the page ("73." ... "95." of a reference list).
_BARE_MARKER_LINE = r"[ \ue000\ue001]*(?:\d{1,3}[.)]|\(\d{1,3}\)|\[\d{1,3}\]|[a-z][.)]|\([a-z]\)|[•▪◦‣∙●○■□*·])[ \r]*$"
BARE_MARKER = re.compile("^" + _BARE_MARKER_LINE, re.MULTILINE)
# The same after a line break: found 4x faster than with "^" (see _NEXT_LINE_START).
_BARE_MARKER_AFTER_BREAK = re.compile("\n" + _BARE_MARKER_LINE, re.MULTILINE)


def has_bare_marker(text: str) -> bool:
    """Whether a line of `text` holds nothing but a list marker: BARE_MARKER.search(text), faster."""
    return BARE_MARKER.match(text) is not None or _BARE_MARKER_AFTER_BREAK.search(text) is not None
_MARKER_GAP = 6.0  # at most this many marker heights between a marker and its item


def attach_list_markers(textpage, lines: list[str]) -> list[str]:
    """`lines` with each bare list marker moved to the start of the line it stands beside.

    The item is the line whose first character sits at the marker's height,
    just right of it. `lines` are the page's text lines ("\\r\\n" between
    them in PDFium's text); markers without an item stay where they are.
    """
    joined = "\r\n".join(lines)
    markers = [joined.count("\r\n", 0, match.start()) for match in BARE_MARKER.finditer(joined)]
    if not markers:
        return lines
    texts = [_unmarked(line) for line in lines]  # as in PDFium's text, for positions
    if not _is_text_of(textpage, texts):
        return lines
    firsts = _first_characters(texts)
    is_marker = set(markers)
    starts: list[tuple[float, float, float, int]] = []  # (bottom, top, left, line) of each line's first character
    for number, text in enumerate(texts):
        if number in is_marker or not text.strip():
            continue
        left, bottom, _, top = _charbox(textpage, firsts[number])
        starts.append((bottom, top, left, number))
    starts.sort()
    bottoms = [start[0] for start in starts]
    tallest = max((top - bottom for bottom, top, _, _ in starts), default=0.0)
    moved: dict[int, tuple[int, str]] = {}  # item line -> (marker line, marker)
    for number in markers:
        text = texts[number]
        left, bottom, right, top = _charbox(textpage, firsts[number])
        middle, height = (bottom + top) / 2, max(top - bottom, 1.0)
        best = None
        # Lines whose first character spans the marker's middle: bottom <= middle <= top.
        index = bisect.bisect_right(bottoms, middle) - 1
        while index >= 0 and bottoms[index] >= middle - tallest:
            _, line_top, line_left, line = starts[index]
            gap = line_left - right
            if (
                line_top >= middle
                and line not in moved
                and -0.5 * height <= gap <= _MARKER_GAP * height
                and (best is None or gap < best[1])
            ):
                best = (line, gap)
            index -= 1
        if best is not None:
            moved[best[0]] = (number, text.strip())
    if not moved:
        return lines
    used = {number for number, _ in moved.values()}
    result = []
    for number, line in enumerate(lines):
        if number in used:
            continue
        if number in moved:
            body = line.lstrip(" " + MARKS)
            mark = line[: len(line) - len(body)].strip(" ")
            line = f"{mark}{moved[number][1]} {body}"
        result.append(line)
    return result



def _unmarked(text: str) -> str:
    """`text` without the emphasis marks, which are not in PDFium's text (its positions)."""
    if MARKS[0] in text or MARKS[1] in text:
        return text.replace(MARKS[0], "").replace(MARKS[1], "")
    return text


_TITLE_LINES = 20  # lines at the top of page 1 where the title is looked for
_TITLE_RATIO = 1.2  # the title's type is this much larger than the other lines there, at least


def page_title(textpage, lines: list[str]) -> str | None:
    """The title of page 1: the run of lines near the top set in the largest type."""
    if not _is_text_of(textpage, lines):
        return None
    firsts = _first_characters(lines)
    heights: list[tuple[int, float]] = []
    for number, line in enumerate(lines[:_TITLE_LINES]):
        stripped = line.strip()
        if stripped:
            heights.append((number, _height(textpage, firsts[number])))
    if len(heights) < 3:
        return None
    largest = max(height for _, height in heights)
    ordered = sorted(height for _, height in heights)
    if largest < _TITLE_RATIO * ordered[len(ordered) // 2]:
        return None
    run: list[str] = []
    for number, height in heights:
        if height >= 0.97 * largest:
            if run and number != previous + 1:
                break
            run.append(lines[number].strip())
            previous = number
        elif run:
            break
    title = ""
    for line in run[:4]:
        line = normalise_characters(line.replace("\ufffe", "-"))  # PDFium's mark of a line-end hyphen
        title += line if not title or title.endswith("-") else " " + line
    return title if len(title.split()) >= 3 else None
