"""Word (.docx) with python-docx: paragraphs and tables in order, heading styles, core properties."""

from __future__ import annotations

import io
import re

from analyser.documents import bounds
from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import normalise_characters
from analyser.documents.errors import CorruptDocumentError
from analyser.documents.pdf_engines import split_authors

# "Heading 2" in English Word, "Titre 2" in French Word, "heading2" as style id.
_HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift|título|titolo)\s*(\d)$", re.IGNORECASE)


def _heading_level(paragraph) -> int | None:
    style = paragraph.style
    for name in (getattr(style, "name", None), getattr(style, "style_id", None)):
        if not name:
            continue
        match = _HEADING_STYLE.match(name.strip())
        if match:
            return int(match.group(1))
        if name.strip().lower() in ("title", "titre"):
            return 1
    return None


def _link_addresses(paragraph) -> list[str]:
    addresses = []
    for link in getattr(paragraph, "hyperlinks", []):
        address = (getattr(link, "address", "") or "").strip()
        if address.startswith(("http://", "https://")) and address not in addresses:
            addresses.append(address)
    return addresses


def read(data: bytes, path: str) -> Parsed:
    import zipfile

    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bounds.check_zip_members(archive, path)  # before python-docx inflates every part
    except (zipfile.BadZipFile, ValueError) as error:
        raise CorruptDocumentError(f"damaged Word file ({type(error).__name__}); re-save it from Word",
                                   path=path) from error
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - zip, XML and KeyError from a damaged package
        raise CorruptDocumentError(
            f"damaged Word file ({type(error).__name__}); re-save it from Word", path=path
        ) from error
    blocks: list[Block] = []
    title_style_text = None
    budget = bounds.TextBudget(path)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    blocks.append(Block(text=normalise_characters(" | ".join(cells))))
                    budget.add(len(blocks[-1].text))
            continue
        text = normalise_characters(" ".join(item.text.split()))
        if not text:
            continue
        # A student's article link is often behind words ("the article"): keep its address.
        for address in _link_addresses(item):
            if address not in text:
                text += f" ({address})"
        level = _heading_level(item)
        if level is not None and getattr(item.style, "name", "").lower() in ("title", "titre"):
            title_style_text = title_style_text or text
        blocks.append(Block(text=text, heading_level=level))
        budget.add(len(text))
    properties = document.core_properties
    title = (properties.title or "").strip() or title_style_text
    if not title:
        title = next((block.text for block in blocks if block.heading_level == 1), None)
    return Parsed(blocks=blocks, title=title, authors=split_authors(properties.author))
