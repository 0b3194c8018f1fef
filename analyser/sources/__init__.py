"""Find and fetch research articles: arXiv, ChemRxiv, bioRxiv/medRxiv, any DOI, a local PDF.

    >>> from analyser.sources import resolve
    >>> fetched = resolve("arXiv:2301.01234")      # doctest: +SKIP
    >>> fetched.paper.title, fetched.pdf_path      # doctest: +SKIP

Importing this package is cheap (no requests, no arxiv): `parse_identifier` and
`find_article_link` are pure; the network parts load when first called.
"""

from __future__ import annotations

from pathlib import Path

from analyser.sources.errors import (
    IdentifierError,
    NetworkError,
    NotAPdfError,
    NotFoundError,
    OfflineMissError,
    PdfUnavailableError,
    RateLimitedError,
    SourceError,
    StorageError,
)
from analyser.sources.article import Located, local_article, locate_article
from analyser.sources.identifiers import ACCEPTED_FORMS, find_article_link, parse_identifier
from analyser.sources.model import Fetched, Identifier, Paper, Saved


def resolve(text: str, *, offline: bool = False, refresh: bool = False, download: bool = True) -> Fetched:
    """The article behind an id / DOI / URL / local PDF, with its PDF when it can be had
    (else `Fetched.pdf_error` says why). Raises SourceError subclasses."""
    from analyser.sources import resolver

    return resolver.resolve(text, offline=offline, refresh=refresh, download=download)


def search(query: str, *, source: str | None = None, max_results: int = 10, offline: bool = False) -> list[Paper]:
    """Candidate articles on arXiv (default), ChemRxiv or bioRxiv for a free-text query;
    offline: among the articles already in the cache (every source unless `source` is given)."""
    from analyser.sources import resolver

    return resolver.search(query, source=source, max_results=max_results, offline=offline)


def attach_pdf(text: str, pdf: Path, *, offline: bool = False, refresh: bool = False) -> Fetched:
    """Attach a PDF saved by hand to the article's metadata in the cache."""
    from analyser.sources import resolver

    return resolver.attach_pdf(text, pdf, offline=offline, refresh=refresh)


def fetch_into(text: str, out: Path, *, pdf: Path | None = None, offline: bool = False,
               refresh: bool = False) -> Saved:
    """Resolve and write OUT/<slug>/metadata.json and paper.pdf (the `fetch` command)."""
    from analyser.sources import resolver

    return resolver.fetch_into(text, out, pdf=pdf, offline=offline, refresh=refresh)


__all__ = [
    "ACCEPTED_FORMS", "Fetched", "Identifier", "IdentifierError", "Located", "NetworkError", "NotAPdfError",
    "NotFoundError", "OfflineMissError", "Paper", "PdfUnavailableError", "RateLimitedError", "Saved",
    "SourceError", "StorageError", "attach_pdf", "fetch_into", "find_article_link", "local_article",
    "locate_article", "parse_identifier", "resolve", "search",
]
