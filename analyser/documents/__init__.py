"""Read the documents users have (PDF, Word, Markdown, LaTeX, HTML, text) into a `Document`."""

from analyser.documents.errors import DocumentError
from analyser.documents.model import Document, Metadata, Page, Section, Sentence


def load(path, *, pdf_engine: str = "auto", max_bytes: int | None = None) -> Document:
    """Read `path` into a Document; raises DocumentError (or a subclass) on bad input.

    The type comes from the content (pdf, docx, md, txt, tex, html). `pdf_engine`:
    "auto" (PDFium, falling back to pypdf), "pdfium" or "pypdf". `max_bytes`:
    the size limit (default: $ANALYSER_MAX_BYTES, else 50 MB).
    """
    from analyser.documents.loader import load as _load

    return _load(path, pdf_engine=pdf_engine, max_bytes=max_bytes)


__all__ = ["Document", "DocumentError", "Metadata", "Page", "Section", "Sentence", "load"]
