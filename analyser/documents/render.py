"""Plain-text views of a Document for the terminal."""

from __future__ import annotations

from analyser.documents.model import Document

_PREVIEW_CHARS = 300


def sections_text(document: Document) -> str:
    """One entry per section: heading, kind, page, word count and the start of its text."""
    estimated = " (estimated)" if document.pages_estimated else ""
    lines = [
        f"{document.path}: {document.kind}, {document.page_count} pages{estimated}, "
        f"{document.word_count} words, {len(document.sections)} sections"
    ]
    for section in document.sections:
        heading = section.heading or "(before the first heading)"
        words = len(section.text.split())
        lines.append(f"\n## {heading}  [{section.kind or '-'}, page {section.page}, {words} words]")
        preview = " ".join(section.text.split())
        if len(preview) > _PREVIEW_CHARS:
            preview = preview[:_PREVIEW_CHARS].rsplit(" ", 1)[0] + " ..."
        if preview:
            lines.append(preview)
    return "\n".join(lines)
