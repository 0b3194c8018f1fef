"""From what a user types (a file, an arXiv id, a DOI, a URL) to the article's Document."""

from __future__ import annotations

from pathlib import Path

from analyser.documents.model import Document

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".md", ".markdown", ".txt", ".tex", ".html", ".htm"}


def load_paper(paper: str | Path, *, offline: bool = False, pdf_engine: str = "auto") -> Document:
    """The Document of `paper`: a file read as it is, anything else resolved and its
    PDF read. Raises DocumentError or SourceError subclasses."""
    from analyser.documents import load

    path = Path(paper)
    if path.is_dir():
        from analyser.documents.errors import MissingFileError

        raise MissingFileError("is a folder, not an article", path=str(paper))
    # A missing "analysis.docx" is a missing file, not an unknown identifier.
    looks_like_file = path.suffix.lower() in DOCUMENT_SUFFIXES and "://" not in str(paper)
    if path.is_file() or (looks_like_file and not path.suffix.lower() == ".pdf"):
        return load(path, pdf_engine=pdf_engine)
    from analyser.sources import PdfUnavailableError, resolve

    fetched = resolve(str(paper), offline=offline)
    if fetched.pdf_path is None:
        if fetched.pdf_error is not None:
            raise fetched.pdf_error
        raise PdfUnavailableError(f"no PDF could be had for {paper}; save it by hand and pass the file")
    return load(fetched.pdf_path, pdf_engine=pdf_engine)
