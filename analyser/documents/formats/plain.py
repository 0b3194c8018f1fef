"""Plain text: one block per line, blank lines kept as paragraph breaks.

Plain text has no heading markup of its own, but people write headings in it
the ways they know:

- Markdown-style `#`, `##`... lines ("## The ML problem");
- a line underlined with `===` or `---`;
- a short line in capitals or numbered ("INTRODUCTION", "2. Training") with a
  blank line before it;
- any other short line standing alone between blank lines, without a
  sentence's end, and followed by text ("Model", "ML problem").
"""

from __future__ import annotations

import re

from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import normalise_characters
from analyser.documents.sections import split_number

_NOT_A_HEADING = re.compile(r"://|@|[.,;!?]$|^[-*•–]\s")
_HASH_HEADING = re.compile(r"^(#{1,6})\s+(.*?)[\s#]*$")
_UNDERLINE = re.compile(r"^(?:=+|-+)$")
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
_MAX_WORDS = 8


def read(text: str) -> Parsed:
    lines = [
        line.strip()
        for line in normalise_characters(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    ]
    blocks = [Block(text=line) for line in lines]
    for index, line in enumerate(lines):
        if not line:
            continue
        hashes = _HASH_HEADING.match(line) if line[0] == "#" else None
        if hashes and hashes.group(2):
            blocks[index] = Block(text=hashes.group(2), heading_level=len(hashes.group(1)))
        elif _underlined(lines, index):
            blocks[index].heading_level = 1 if lines[index + 1][0] == "=" else 2
            blocks[index + 1] = Block(text="")
        elif _standalone_title(lines, index) or _marked_title(lines, index):
            blocks[index].heading_level = 2
    return Parsed(blocks=blocks, line_based=True)


def _short(line: str) -> bool:
    return bool(line) and len(line.split()) <= _MAX_WORDS and len(line) <= 80 and not _NOT_A_HEADING.search(line)


def _underlined(lines: list[str], index: int) -> bool:
    """A line followed by a rule of "=" or "-" at least 3 long (setext headings)."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return (
        len(following) >= 3
        and bool(_UNDERLINE.match(following))
        and len(lines[index]) <= 100
        and not _LIST_ITEM.match(lines[index])
    )


def _marked_title(lines: list[str], index: int) -> bool:
    """A short line in capitals, or numbered, after a blank line and followed by text ("2. Training")."""
    line = lines[index]
    if not _short(line) or (index > 0 and lines[index - 1]):
        return False
    following = lines[index + 1] if index + 1 < len(lines) else ""
    # What follows is a new sentence of text, not the rest of this line's sentence nor a list.
    if not following or following[0].islower() or _LIST_ITEM.match(following) or len(following) < len(line):
        return False
    letters = [char for char in line if char.isalpha()]
    if len(letters) >= 3 and all(char.isupper() for char in letters):
        return True
    number, title = split_number(line)
    return number is not None and title[:1].isupper()


def _standalone_title(lines: list[str], index: int) -> bool:
    line = lines[index]
    if not _short(line):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    before = lines[index - 1] if index > 0 else ""
    after = lines[index + 1] if index + 1 < len(lines) else None
    following = next((other for other in lines[index + 1 :] if other), "")
    # Alone on its line, and what follows is longer text (a paragraph or a list).
    return not before and after == "" and len(following) >= max(len(line) + 10, 25)
