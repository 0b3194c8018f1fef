"""bioRxiv and medRxiv (DOI prefix 10.1101) through api.biorxiv.org.

The details endpoint answers one record per version (take the latest, or the one
asked for) and says "no posts found" with HTTP 200; a DOI asked of the wrong
server looks not found too, so we try bioRxiv, then medRxiv. The API has no
keyword search: search goes through Crossref's index of the same prefix.
"""

from __future__ import annotations

from analyser.sources import crossref
from analyser.sources.config import SourceConfig
from analyser.sources.errors import NotFoundError
from analyser.sources.http import get_json, session_for
from analyser.sources.model import Identifier, Paper

PREFIX = "10.1101"
SERVERS = ("biorxiv", "medrxiv")
_LICENCES = {
    "cc_by": "CC BY 4.0",
    "cc_by_nc": "CC BY-NC 4.0",
    "cc_by_nd": "CC BY-ND 4.0",
    "cc_by_nc_nd": "CC BY-NC-ND 4.0",
    "cc0": "CC0 1.0",
    "cc_no": "no reuse without permission",
}


def _version(record: dict) -> int:
    try:
        return int(record.get("version") or 0)
    except ValueError:
        return 0


def _records(doi: str, server: str, config: SourceConfig) -> list[dict]:
    url = f"{config.biorxiv_url}/details/{server}/{doi}/na/json"
    data = get_json(session_for(config), url, not_found=f"not found on {server}: {doi}")
    return [record for record in data.get("collection") or [] if isinstance(record, dict)]


def lookup(ident: Identifier, config: SourceConfig) -> Paper:
    servers = (ident.server,) if ident.server else SERVERS
    for server in servers:
        records = _records(ident.value, server, config)
        if records:
            break
    else:
        where = " or ".join({"biorxiv": "bioRxiv", "medrxiv": "medRxiv"}[s] for s in servers)
        raise NotFoundError(f"not found on {where}: {ident.value}")
    if ident.version is not None:
        chosen = [record for record in records if _version(record) == ident.version]
        if not chosen:
            latest = max(map(_version, records))
            raise NotFoundError(f"no version {ident.version} of {ident.value} on {server} (latest is v{latest})")
        record = chosen[0]
    else:
        record = max(records, key=_version)
    return _paper(record, server, config)


def _paper(record: dict, server: str, config: SourceConfig) -> Paper:
    server = (record.get("server") or server).lower()
    doi = (record.get("doi") or "").lower()
    version = _version(record)
    site = config.biorxiv_site_url.format(server=server)
    kind = (record.get("type") or "").lower()
    title = " ".join((record.get("title") or "").split())
    return Paper(
        identifier=f"doi:{doi}v{version}",
        title=title,
        authors=[name.strip() for name in (record.get("authors") or "").split(";") if name.strip()],
        abstract=crossref.strip_markup(record.get("abstract")),
        published=record.get("date") or None,
        source=server if server in SERVERS else "biorxiv",
        doi=doi,
        landing_url=f"{site}/content/{doi}v{version}",
        pdf_url=f"{site}/content/{doi}v{version}.full.pdf",
        licence=_LICENCES.get(record.get("license") or "", record.get("license") or None),
        categories=[record["category"]] if record.get("category") else [],
        withdrawn="withdrawn" in kind or title.upper().startswith("WITHDRAWN"),
        published_doi=_published(record.get("published")),
    )


def _published(value) -> str | None:
    # The journal DOI, or the string "NA" while there is none.
    value = (value or "").strip().lower() if isinstance(value, str) else ""
    return value if value.startswith("10.") else None


def _source_of(item: dict) -> str:
    names = " ".join(inst.get("name", "") for inst in item.get("institution") or []).lower()
    return "medrxiv" if "medrxiv" in names else "biorxiv"


def search(query: str, config: SourceConfig, *, max_results: int = 10) -> list[Paper]:
    items = crossref.query_works(query, PREFIX, config, rows=max_results)
    papers = []
    for item in items[:max_results]:
        paper = crossref.to_paper(item, source=_source_of(item))
        papers.append(paper)
    return papers
