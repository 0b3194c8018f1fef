"""Crossref metadata for any DOI, and its open-access PDF link when there is one.

Crossref's etiquette: https, and a contact address (User-Agent and `mailto`)
to be served from the "polite" pool.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from analyser.sources.config import SourceConfig
from analyser.sources.http import get_json, session_for
from analyser.sources.model import Paper

_DATE_FIELDS = ("posted", "published-online", "published-print", "published", "issued", "created")


def _params(config: SourceConfig, **params) -> dict:
    if config.contact_email:
        params["mailto"] = config.contact_email
    return params


def work(doi: str, config: SourceConfig, *, not_found: str | None = None) -> dict:
    """The `message` of GET /works/{doi}; an unknown DOI is 404 with a plain-text body."""
    url = f"{config.crossref_url}/works/{quote(doi, safe='/')}"
    data = get_json(session_for(config), url, params=_params(config),
                    not_found=not_found or f"not found on Crossref: {doi}")
    return data.get("message") or {}


def query_works(query: str, prefix: str, config: SourceConfig, *, rows: int) -> list[dict]:
    """Preprints under a DOI prefix matching a free-text query, best first."""
    url = f"{config.crossref_url}/works"
    params = _params(config, query=query, filter=f"prefix:{prefix},type:posted-content", rows=rows)
    data = get_json(session_for(config), url, params=params, not_found=f"Crossref has no /works at {url}")
    return (data.get("message") or {}).get("items") or []


def strip_markup(text: str | None) -> str:
    """JATS or HTML to plain text; a leading "Abstract" heading goes too."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text or ""))
    plain = " ".join(plain.split())
    return re.sub(r"^abstract\s*[:.]?\s+", "", plain, flags=re.IGNORECASE)


def _date(message: dict) -> str | None:
    for name in _DATE_FIELDS:
        parts = ((message.get(name) or {}).get("date-parts") or [[None]])[0]
        if parts and parts[0]:
            return "-".join(f"{value:02d}" if i else str(value) for i, value in enumerate(parts) if value)
    return None


def _author(author: dict) -> str:
    name = " ".join(part for part in (author.get("given"), author.get("family")) if part)
    return name or author.get("name") or ""


def _licence(message: dict) -> str | None:
    licences = message.get("license") or []
    # The version-of-record licence is the one that governs the published PDF.
    licences = sorted(licences, key=lambda item: item.get("content-version") != "vor")
    return licences[0].get("URL") if licences else None


def pdf_link(message: dict) -> str | None:
    """A PDF link from `link[]`. They are often mislabelled, so accept application/pdf or a
    URL that looks like a PDF (.pdf, /pdf/); the download checks the bytes anyway."""
    links = message.get("link") or []
    for link in links:
        if (link.get("content-type") or "").lower() == "application/pdf":
            return link.get("URL")
    for link in links:
        url = link.get("URL") or ""
        if url.lower().split("?")[0].endswith(".pdf") or "/pdf/" in url.lower():
            return url
    return None


def to_paper(message: dict, *, source: str = "crossref") -> Paper:
    doi = (message.get("DOI") or "").lower()
    titles = message.get("title") or [""]
    return Paper(
        identifier=f"doi:{doi}",
        title=strip_markup(titles[0] if titles else ""),
        authors=[name for name in map(_author, message.get("author") or []) if name],
        abstract=strip_markup(message.get("abstract")),
        published=_date(message),
        source=source,
        doi=doi or None,
        landing_url=((message.get("resource") or {}).get("primary") or {}).get("URL") or message.get("URL"),
        pdf_url=pdf_link(message),
        licence=_licence(message),
        categories=list(message.get("subject") or ([message["group-title"]] if message.get("group-title") else [])),
    )


def lookup(doi: str, config: SourceConfig) -> Paper:
    return to_paper(work(doi, config))
