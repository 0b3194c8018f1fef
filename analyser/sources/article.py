"""From "the article a user names" to something readable: a local file, or an identifier resolved.

One set of rules for every command that takes an article (facts, template, check, grade):

- an existing folder is an error ("is a folder, not an article");
- an existing file, of any type, is read as it is;
- a name ending in a document suffix that is not there is a missing file ("no such
  file"), except a ``.pdf``: that is left to the identifier parser, which knows
  ``arxiv.org/pdf/....pdf`` names and says "no such PDF file" for the others;
- anything else is an identifier (arXiv id, DOI, URL) for `resolve`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analyser.sources.errors import SourceError
from analyser.sources.model import Paper

# Names ending in one of these are files, not identifiers (".pdf": see the module docstring).
DOCUMENT_SUFFIXES = frozenset({".docx", ".md", ".markdown", ".txt", ".tex", ".html", ".htm", ".rst"})


@dataclass
class Located:
    """Where an article can be read, and what is known about it."""

    path: Path | None
    """The document to read: the local file, or the fetched PDF; None when no PDF could be had."""
    paper: Paper | None = None
    """The article's metadata when it was resolved through a source; None for a local file."""
    pdf_error: SourceError | None = None
    """Why a resolved article has no PDF; None otherwise."""


def local_article(text: str | Path) -> Path | None:
    """The file `text` names, or None for an identifier to resolve. Quick: nothing is read
    and nothing fetched. Raises MissingFileError for a folder or a document that is not there."""
    from analyser.documents.errors import MissingFileError

    name = str(text)
    if "://" in name:
        return None
    path = Path(name).expanduser()
    try:
        if path.is_dir():
            raise MissingFileError("is a folder, not an article", path=name)
        if path.is_file():
            return path
        if path.exists():
            raise MissingFileError("not a regular file", path=name)
    except OSError as error:
        raise MissingFileError(f"cannot read the file ({error.strerror or error})", path=name) from error
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        raise MissingFileError("no such file", path=name)
    return None


def locate_article(text: str | Path, *, offline: bool = False) -> Located:
    """The article `text` names: a local file as it is, anything else resolved (cache first).

    Raises MissingFileError (folder, missing document) or SourceError subclasses
    (unknown identifier, not found, network...). A resolved article without a PDF
    is no error: `Located.path` is None and `Located.pdf_error` says why."""
    path = local_article(text)
    if path is not None:
        return Located(path=path)
    from analyser.sources import resolve

    fetched = resolve(str(text), offline=offline)
    return Located(path=fetched.pdf_path, paper=fetched.paper, pdf_error=fetched.pdf_error)


def cached_article(text: str | Path) -> Path | None:
    """The file `text` names, or the PDF the cache holds for it: what an offline `locate_article` reads.

    Never the network, nor the network code (cheap enough to ask for every
    link of a class); None when there is no such file or cached PDF, or
    `text` names no article.
    """
    from analyser.documents.errors import MissingFileError
    from analyser.sources.cache import Cache
    from analyser.sources.identifiers import parse_identifier

    try:
        path = local_article(text)
        if path is not None:
            return path
        ident = parse_identifier(str(text))
    except (MissingFileError, SourceError):
        return None
    if ident.kind == "local":
        return Path(ident.value) if Path(ident.value).is_file() else None
    cached = Cache().load(ident.canonical)
    return cached.pdf_path if cached is not None else None
