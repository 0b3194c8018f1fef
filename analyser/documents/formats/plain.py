"""Plain text: one block per line, blank lines kept as paragraph breaks."""

from __future__ import annotations

from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import normalise_characters


def read(text: str) -> Parsed:
    lines = normalise_characters(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return Parsed(blocks=[Block(text=line.strip()) for line in lines], line_based=True)
