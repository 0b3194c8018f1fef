"""An article's front matter on page 1: the author line(s) after the title.

PDFs often carry no author in their metadata, and their author line, set in
bold or large type, would otherwise be read as a heading. A line is an
author line when it is a list of personal names ("Ada Smith, Bo Jones and
C. D. Lee"), affiliation marks (¹, 1,2, *, ‡, ✉) aside.
"""

from __future__ import annotations

import re

_MARKS = re.compile(r"[\d¹²³⁰-⁹*†‡§¶✉#∗⁎]+")
_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bet\b)\s*")
_PARTICLES = frozenset("van von de der den da di du le la dos del des y bin al el ter".split())
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}(?:-[A-Z]\.)?|[A-Z]")
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž'’]+(?:-[A-ZÀ-ÖØ-Þa-zà-öø-ÿ][a-zà-öø-ÿ'’]+)*")
_MAX_LINE = 300
# Capitalised words of titles and keyword lines that are no one's name.
_NOT_NAMES = frozenset(
    """
    Learning Machine Deep Neural Network Networks Data Model Models Analysis Chemistry Science
    Materials Molecular University Institute Department Laboratory School Article Open Access
    Abstract Introduction Keywords Received Accepted Published Journal Review Research
    """.split()
)


def _name(piece: str) -> bool:
    words = piece.split()
    if not 2 <= len(words) <= 5:
        return False
    proper = 0
    for word in words:
        if word in _PARTICLES or _INITIALS.fullmatch(word):
            continue
        if not _NAME_WORD.fullmatch(word) or word in _NOT_NAMES:
            return False
        proper += 1
    return proper >= 1 and words[-1] not in _PARTICLES


def names(text: str, *, single: bool = False) -> list[str]:
    """The personal names `text` lists, or [] when it is anything else.

    A lone name counts only with `single` (the line right after a title).
    """
    if len(text) > _MAX_LINE or ":" in text or "@" in text or "/" in text:
        return []
    cleaned = _MARKS.sub(" ", text).strip(" ,;&")
    pieces = [" ".join(piece.split()) for piece in _SEPARATORS.split(cleaned)]
    pieces = [piece for piece in pieces if piece]
    if not pieces or len(pieces) < (1 if single else 2):
        return []
    # A name's last letters can be affiliation letters glued on ("Harkerc"): kept as printed.
    return pieces if all(_name(piece) for piece in pieces) else []


def carried_on(text: str) -> bool:
    """Whether a line carries on the author line before it (", Francesco Dossena 4")."""
    return text.lstrip().startswith((",", "&", "and "))


def continues(text: str) -> bool:
    """Whether an author line goes on over the next line ("..., Qiang Zhang,")."""
    stripped = _MARKS.sub("", text).rstrip()
    return stripped.endswith((",", "&", " and", ";"))
