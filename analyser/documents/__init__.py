"""Read the documents users have (PDF, Word, Markdown, LaTeX, HTML, text) into a `Document`."""

from analyser.documents.errors import DocumentError
from analyser.documents.model import Document, Metadata, Page, Section, Sentence


def load(path, **options) -> Document:
    """Read `path` into a Document; raises DocumentError (or a subclass) on bad input."""
    from analyser.documents.loader import load as _load

    return _load(path, **options)


__all__ = ["Document", "DocumentError", "Metadata", "Page", "Section", "Sentence", "load"]
