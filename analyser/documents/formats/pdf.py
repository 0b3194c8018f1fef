"""PDF: the engines' page texts, cleaned, as one block per line."""

from __future__ import annotations

from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import CONTINUED, MARKS, PARAGRAPH, clean_pages
from analyser.documents.errors import EmptyDocumentError, NoTextLayerError
from analyser.documents.pdf_engines import extract


def read(data: bytes, path: str, engine: str = "auto") -> Parsed:
    raw = extract(data, path, engine)
    if not raw.pages:
        raise EmptyDocumentError("empty PDF: it has no pages", path=path)
    if not any(page.strip() for page in raw.pages):
        raise NoTextLayerError("no text layer: this looks like a scan; OCR it first", path=path)
    blocks = []
    for number, lines in enumerate(clean_pages(raw.pages), start=1):
        for line in lines:
            if not line:
                continue
            spaced = line[0] == PARAGRAPH
            if spaced:
                line = line[1:].lstrip()
                if not line:
                    continue
            if line[0] in MARKS:  # set in bold or large: a heading hint
                text = line[1:].strip()
                if text:
                    blocks.append(Block(text, number, emphasis=True, continues=line[0] == CONTINUED))
            else:
                blocks.append(Block(line, number, spaced=spaced))
    if not blocks:
        raise NoTextLayerError("no text layer: this looks like a scan; OCR it first", path=path)
    return Parsed(
        blocks=blocks,
        page_count=len(raw.pages),
        title=raw.title,
        page_title=raw.page_title,
        authors=raw.authors,
        engine=raw.engine,
        line_based=True,
    )
