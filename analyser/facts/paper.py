"""From what a user types (a file, an arXiv id, a DOI, a URL) to the article's Document."""

from __future__ import annotations

from pathlib import Path

from analyser.documents.model import Document


def load_paper(paper: str | Path, *, offline: bool = False, pdf_engine: str = "auto") -> Document:
    """The Document of `paper`: a file read as it is, anything else resolved and its
    PDF read. Raises DocumentError or SourceError subclasses."""
    from analyser.documents import load
    from analyser.sources import PdfUnavailableError, locate_article

    located = locate_article(paper, offline=offline)
    if located.path is None:
        if located.pdf_error is not None:
            raise located.pdf_error
        raise PdfUnavailableError(f"no PDF could be had for {paper}; save it by hand and pass the file")
    return load(located.path, pdf_engine=pdf_engine)
