"""The data of the sources part: what a user typed, the article found, the PDF had."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analyser.sources.errors import SourceError

SOURCES = ("arxiv", "chemrxiv", "biorxiv", "medrxiv", "crossref", "local")


@dataclass(frozen=True)
class Identifier:
    """An accepted identifier, parsed and canonicalised without any network."""

    kind: str
    """Where it is looked up: "arxiv", "chemrxiv", "biorxiv" (bioRxiv or medRxiv), "crossref" or "local"."""
    value: str
    """The id as the source's API wants it: "2301.01234", "math/0611800", a lower-case DOI, a file path."""
    version: int | None = None
    """The version asked for (arXiv vN, bioRxiv vN); None means the latest."""
    server: str | None = None
    """For bioRxiv DOIs: "biorxiv" or "medrxiv" when the URL told us, else None (try both)."""

    @property
    def canonical(self) -> str:
        """The stable external form, also the cache key: "arXiv:2301.01234v2", "doi:10.1101/...v2"."""
        suffix = f"v{self.version}" if self.version is not None else ""
        if self.kind == "arxiv":
            return f"arXiv:{self.value}{suffix}"
        if self.kind == "local":
            return f"local:{self.value}"
        return f"doi:{self.value}{suffix}"


@dataclass
class Paper:
    """One article's metadata, whatever source it came from."""

    identifier: str
    """Canonical id of what was found, with its version when the source has versions."""
    title: str
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    published: str | None = None
    """ISO date (YYYY-MM-DD) of the version found, or of first posting when that is all we know."""
    source: str = "crossref"
    """One of SOURCES."""
    doi: str | None = None
    landing_url: str | None = None
    pdf_url: str | None = None
    """Where the PDF may be downloaded; None for withdrawn or closed articles."""
    licence: str | None = None
    categories: list[str] = field(default_factory=list)
    withdrawn: bool = False
    published_doi: str | None = None
    """For a preprint: the DOI of its journal version when the source knows it."""
    from_pdf: bool = False
    """The metadata was read from a PDF the user attached, offline (title, authors, DOI as the file
    prints them); `analyser fetch ID --refresh` replaces it with the source's when online."""

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Paper:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


@dataclass
class Fetched:
    """The result of `resolve`: the metadata, and the PDF on disk when we could have it."""

    paper: Paper
    pdf_path: Path | None = None
    pdf_error: SourceError | None = None
    """Why there is no PDF (withdrawn, blocked by the site, not a PDF); None when there is one
    or when no download was asked."""
    from_cache: bool = False


@dataclass
class Saved:
    """What `analyser fetch` wrote into the output folder."""

    fetched: Fetched
    folder: Path
    metadata_path: Path
    pdf_path: Path | None
