"""What every format reader hands to the loader: blocks of text in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    """A paragraph (or, for PDFs and plain text, a line) of a document."""

    text: str
    page: int = 1  # 1-based; for formats without pages, filled in by the loader
    heading_level: int | None = None  # set when the format marks the block as a heading
    emphasis: bool = False  # set in bold or larger than the body (a heading hint)
    continues: bool = False  # carries the emphasised block before it on (a wrapped heading)
    spaced: bool = False  # a layout line with extra space above it: it opens a paragraph


@dataclass
class Parsed:
    """A format reader's result, before sections, references and sentences."""

    blocks: list[Block]
    page_count: int | None = None  # real pages (PDF); None: estimate from words
    title: str | None = None
    page_title: str | None = None  # a PDF's title read on page 1, when its metadata has none
    authors: list[str] = field(default_factory=list)
    engine: str | None = None
    # Lines are layout lines (PDF, hard-wrapped text) rather than paragraphs.
    line_based: bool = False
