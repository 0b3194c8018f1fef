"""Plain text: one block per line, blank lines kept as paragraph breaks.

Plain text has no heading markup, so a short line standing alone between
blank lines, without a sentence's end, and followed by text is taken for a
heading ("Model", "ML problem", "2. Training").
"""

from __future__ import annotations

import re

from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import normalise_characters

_NOT_A_HEADING = re.compile(r"://|@|[.,;!?]$|^[-*•–]\s")
_MAX_WORDS = 8


def read(text: str) -> Parsed:
    lines = [
        line.strip()
        for line in normalise_characters(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    ]
    blocks = [Block(text=line) for line in lines]
    for index, line in enumerate(lines):
        if _standalone_title(lines, index):
            blocks[index].heading_level = 2
    return Parsed(blocks=blocks, line_based=True)


def _standalone_title(lines: list[str], index: int) -> bool:
    line = lines[index]
    if not line or len(line.split()) > _MAX_WORDS or len(line) > 80 or _NOT_A_HEADING.search(line):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    before = lines[index - 1] if index > 0 else ""
    after = lines[index + 1] if index + 1 < len(lines) else None
    following = next((other for other in lines[index + 1 :] if other), "")
    # Alone on its line, and what follows is longer text (a paragraph or a list).
    return not before and after == "" and len(following) >= max(len(line) + 10, 25)
