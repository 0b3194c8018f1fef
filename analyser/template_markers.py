"""How the text a generated template carries is told apart from a student's own.

The template writes its guidance, quotes from the article and placeholders
behind these markers, in every format (Markdown, LaTeX, Word, HTML), so that
the checker can strip them from a draft: an untouched template is not student
text. The markers are plain words that survive a PDF export:

- every guidance paragraph starts with one of `LINE_PREFIXES`;
- in the formats a PDF export wraps (HTML, Word, LaTeX) it also ends with
  `END_MARK`, set tiny and light there, so that a paragraph a PDF export
  wrapped over several lines, or a reader cut at a page break, is still
  removed whole (call `strip_template_text` on each page's text or on the
  whole: both work);
- in Markdown the guidance is in HTML comments (`<!-- ... -->`), which no
  Markdown viewer or converter shows: what a comment holds is never the
  student's text, even when a reader cut it at a page break (a page that
  opens inside a comment, or ends inside one);
- placeholders the student replaces are in square brackets and start with
  "Your"/"Write" (or "Votre"/"Écrivez"), e.g. "[Your name]"; a section's
  placeholder is a paragraph of its own, ended with `END_MARK` too (in
  Markdown: inside the section's comment).
"""

from __future__ import annotations

import re

# Each guidance paragraph of the template starts with one of these (English, French).
LINE_PREFIXES = (
    "ML analysis of",
    "Guiding questions:",
    "Guiding question:",
    "Questions to ask:",
    "Question to ask:",
    "Word budget:",
    "From the article",
    "Reminder:",
    "Lab experiment:",
    "Analyse ML de",
    "Questions pour vous guider :",
    "Question pour vous guider :",
    "Questions à poser :",
    "Question à poser :",
    "Budget de mots :",
    "Dans l'article",
    "Rappel :",
    "Expérience du lab :",
)

# Ends every guidance paragraph (the pilcrow is in every Latin font and students don't type it).
END_MARK = "¶"

# Placeholders the student replaces, e.g. "[Your name]", "[Write your analysis here]".
PLACEHOLDER = re.compile(r"\[(?:Your|Write|Votre|Écrivez|Ecrivez)[^\]\[]{0,160}\]", re.IGNORECASE)

# A section's placeholder stands alone as a paragraph that ends with END_MARK,
# so that it goes even when a reader cuts it at a page break.
_PLACEHOLDER_START = re.compile(r"\[(?:Your|Write|Votre|Écrivez|Ecrivez)\b", re.IGNORECASE)

# A PDF export wraps a guidance paragraph over a few lines at most.
MAX_WRAPPED_LINES = 8

# Markdown guidance: an HTML comment (whole, or the part of it a page break left on this page).
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A page that opens inside a comment: its rest, up to a "-->" that ends a line, within one paragraph.
_COMMENT_REST = re.compile(r"\A(?:(?!<!--|\n[ \t]*\n).)*?-->[ \t]*(?=\n|\Z)", re.DOTALL)
# A page that ends inside a comment: from its opening to the end.
_COMMENT_START = re.compile(r"<!--(?:(?!-->).)*\Z", re.DOTALL)
_COMMENT_LINE = re.compile(r"^\s*(?:<!--.*-->|<!--|-->)\s*$")

_LEADING_DECORATION = re.compile(r"^[\s>*_#\-•▸|]+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([:;!?])")


def _fold(text: str) -> str:
    # Word, PDF and French typography turn spaces into no-break ones and
    # apostrophes into curly ones; compare without those differences.
    text = text.replace("\u2019", "'").replace("\u02bc", "'")
    text = _SPACES.sub(" ", text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text).strip().casefold()


_FOLDED_PREFIXES = tuple(_fold(prefix) for prefix in LINE_PREFIXES)


def _opens_guidance(line: str) -> bool:
    """A guidance paragraph or a placeholder starts on this line."""
    bare = _LEADING_DECORATION.sub("", line).strip()
    return bool(bare) and (_PLACEHOLDER_START.match(bare) is not None or _fold(bare).startswith(_FOLDED_PREFIXES))


def is_template_text(line: str) -> bool:
    """True for a line that the template wrote and the student did not."""
    # Only the template writes the end mark, so a line ending with it is the
    # template's even without its prefix (the rest of a wrapped paragraph);
    # a comment no reader of the document sees.
    return _opens_guidance(line) or line.rstrip().endswith(END_MARK) or _COMMENT_LINE.match(line) is not None


def _pieces(line: str) -> list[str]:
    # Readers join consecutive guidance paragraphs into one line (a Markdown
    # block quote, a PDF column); the end marks still separate them.
    return [piece for piece in re.split(f"(?<={END_MARK})", line) if piece]


def _find_close(lines: list[str], start: int) -> int | None:
    """Index of the line that closes a guidance paragraph left open before `start`.

    A reader may have wrapped the paragraph, or cut it at a page break (a
    blank line then); its rest ends with the mark. A guidance line that
    starts before the mark is found means the open one was not ours to the
    end (e.g. the title, or a student's line that starts like ours), and
    then nothing more is removed.
    """
    seen = 0
    for j in range(start, len(lines)):
        following = lines[j]
        if not following.strip():
            continue
        if _opens_guidance(following):
            return None
        if END_MARK in following:
            return j
        seen += 1
        if seen >= MAX_WRAPPED_LINES:
            return None
    return None


def _skip_leading_fragment(lines: list[str]) -> int:
    """Where to start reading when the text opens on the rest of a guidance paragraph.

    A page's text may begin with the end of a paragraph that started on the
    page before: lines without a prefix up to one holding the mark. The part
    up to the mark is dropped (lines[j] keeps what follows it).
    """
    for j, line in enumerate(lines[:MAX_WRAPPED_LINES]):
        if not line.strip() or _opens_guidance(line):
            return 0
        if END_MARK in line:
            lines[j] = line.split(END_MARK, 1)[1]
            return j
    return 0


_PLACEHOLDER_OPENINGS = ("[your", "[write", "[votre", "[écrivez", "[ecrivez")


def _drop_trailing_fragment(lines: list[str]) -> None:
    """Drop a page's last line when it is the start of a guidance prefix a page break cut ("Guiding")."""
    for j in range(len(lines) - 1, -1, -1):
        bare = _fold(_LEADING_DECORATION.sub("", lines[j]))
        if not bare:
            continue
        if any(opening.startswith(bare) for opening in (*_FOLDED_PREFIXES, *_PLACEHOLDER_OPENINGS)):
            lines[j] = ""
        return


def _strip_comments(text: str) -> str:
    """The text without HTML comments (kept line breaks), whole or cut by a page break."""
    if COMMENT_OPEN not in text and COMMENT_CLOSE not in text:
        return text

    def same_lines(match: re.Match) -> str:
        return "\n" * match.group().count("\n")

    text = _COMMENT.sub(same_lines, text)
    text = _COMMENT_REST.sub(same_lines, text)
    return _COMMENT_START.sub(same_lines, text)


def strip_template_text(text: str) -> str:
    """The text without the template's guidance paragraphs and placeholders."""
    lines = _strip_comments(text).splitlines()
    _drop_trailing_fragment(lines)
    kept: list[str] = []
    i = _skip_leading_fragment(lines)
    while i < len(lines):
        pieces = _pieces(lines[i])
        student = [piece for piece in pieces if not is_template_text(piece)]
        open_guidance = bool(pieces) and _opens_guidance(pieces[-1]) and not pieces[-1].rstrip().endswith(END_MARK)
        if len(student) == len(pieces):  # no guidance on this line (or a blank line)
            kept.append(lines[i])
        elif "".join(student).strip():
            kept.append("".join(student))
        i += 1
        if open_guidance:
            close = _find_close(lines, i)
            if close is not None:
                # Drop the paragraph's rest, keep what follows its mark on the closing line.
                rest = lines[close].split(END_MARK, 1)[1]
                lines[close] = rest
                i = close
    return PLACEHOLDER.sub("", "\n".join(kept))
