"""Where each source lives and how politely we talk to it, read once from the environment.

Base URLs are configurable so tests can point them at a local server; the
names of these variables are a contract of the project (see docs/CONTRACTS.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from analyser import __version__


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        from analyser.sources.errors import SourceError

        raise SourceError(f"environment variable {name}={raw!r} is not a number") from None


def _positive(name: str, default: float) -> float:
    value = _float(name, default)
    if value <= 0:
        from analyser.sources.errors import SourceError

        raise SourceError(f"environment variable {name}={value:g} must be a number of seconds above 0")
    return value


@dataclass(frozen=True)
class SourceConfig:
    arxiv_url: str = "https://export.arxiv.org/api/query"
    """The arXiv API endpoint (ANALYSER_ARXIV_URL)."""
    chemrxiv_url: str = "https://chemrxiv.org"
    """The ChemRxiv web site (ANALYSER_CHEMRXIV_URL): landing pages and /doi/pdf/ links.
    Its metadata comes from Crossref since the January 2026 platform move."""
    biorxiv_url: str = "https://api.biorxiv.org"
    """The bioRxiv/medRxiv API (ANALYSER_BIORXIV_URL)."""
    biorxiv_site_url: str = "https://www.{server}.org"
    """The bioRxiv/medRxiv web site for PDFs (ANALYSER_BIORXIV_SITE_URL, `{server}` is filled in)."""
    crossref_url: str = "https://api.crossref.org"
    """The Crossref REST API (ANALYSER_CROSSREF_URL)."""
    contact_email: str | None = None
    """Sent in the User-Agent (and as Crossref's mailto) so providers can reach us
    instead of blocking us (ANALYSER_CONTACT_EMAIL)."""
    timeout: float = 30.0
    """Read timeout in seconds; connecting gets at most 10 s (ANALYSER_HTTP_TIMEOUT)."""
    retries: int = 3
    """Extra tries after a 429, 5xx or a dropped connection (ANALYSER_HTTP_RETRIES)."""
    backoff: float = 2.0
    """Base of the exponential backoff in seconds: base * 2**try (ANALYSER_HTTP_BACKOFF)."""
    max_wait: float = 120.0
    """Cap on any single wait, Retry-After included (ANALYSER_HTTP_MAX_WAIT)."""
    deadline: float = 60.0
    """The most one request may take in all: connecting, every retry and wait, the answer read
    to its last byte (ANALYSER_HTTP_DEADLINE). A Retry-After beyond it fails at once."""
    fetch_deadline: float = 180.0
    """The most fetching one article may take: its metadata and its PDF (ANALYSER_HTTP_FETCH_DEADLINE)."""
    arxiv_delay: float = 3.0
    """Seconds between arXiv API calls; its terms ask for 3 (ANALYSER_ARXIV_DELAY)."""
    max_pdf_bytes: int = 100 * 1024 * 1024
    """Downloads larger than this are refused (ANALYSER_MAX_PDF_MB)."""

    @classmethod
    def from_env(cls) -> SourceConfig:
        env = os.environ.get

        def url(name: str, default: str) -> str:
            return (env(name) or default).rstrip("/")

        defaults = cls()
        return cls(
            arxiv_url=url("ANALYSER_ARXIV_URL", defaults.arxiv_url),
            chemrxiv_url=url("ANALYSER_CHEMRXIV_URL", defaults.chemrxiv_url),
            biorxiv_url=url("ANALYSER_BIORXIV_URL", defaults.biorxiv_url),
            biorxiv_site_url=url("ANALYSER_BIORXIV_SITE_URL", defaults.biorxiv_site_url),
            crossref_url=url("ANALYSER_CROSSREF_URL", defaults.crossref_url),
            contact_email=env("ANALYSER_CONTACT_EMAIL") or None,
            timeout=_float("ANALYSER_HTTP_TIMEOUT", defaults.timeout),
            retries=int(_float("ANALYSER_HTTP_RETRIES", defaults.retries)),
            backoff=_float("ANALYSER_HTTP_BACKOFF", defaults.backoff),
            max_wait=_float("ANALYSER_HTTP_MAX_WAIT", defaults.max_wait),
            deadline=_positive("ANALYSER_HTTP_DEADLINE", defaults.deadline),
            fetch_deadline=_positive("ANALYSER_HTTP_FETCH_DEADLINE", defaults.fetch_deadline),
            arxiv_delay=_float("ANALYSER_ARXIV_DELAY", defaults.arxiv_delay),
            max_pdf_bytes=int(_float("ANALYSER_MAX_PDF_MB", defaults.max_pdf_bytes / 2**20) * 2**20),
        )

    @property
    def user_agent(self) -> str:
        # Crossref's etiquette: name/version (site; mailto:address).
        contact = f"; mailto:{self.contact_email}" if self.contact_email else ""
        return f"analyser/{__version__} (course tool{contact})"
