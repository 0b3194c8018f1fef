"""ChemRxiv (DOI prefix 10.26434) through Crossref.

ChemRxiv moved to a new platform in January 2026: its old JSON API is gone and
its site refuses scripts, so metadata comes from Crossref for all three DOI eras
(chemrxiv.12591221[.v1], chemrxiv-2023-vmbt3[-v2], chemrxiv.10001917/v1). The
PDF link is Crossref's when it lists one, else the site's /doi/pdf/ address.
"""

from __future__ import annotations

from analyser.sources import crossref
from analyser.sources.config import SourceConfig
from analyser.sources.model import Paper

PREFIX = "10.26434"


def lookup(doi: str, config: SourceConfig) -> Paper:
    message = crossref.work(doi, config, not_found=f"not found on ChemRxiv (via Crossref): {doi}")
    return _paper(message, config, doi)


def _paper(message: dict, config: SourceConfig, doi: str | None = None) -> Paper:
    paper = crossref.to_paper(message, source="chemrxiv")
    doi = paper.doi or doi
    paper.landing_url = f"{config.chemrxiv_url}/doi/{doi}"
    paper.pdf_url = paper.pdf_url or f"{config.chemrxiv_url}/doi/pdf/{doi}"
    return paper


def search(query: str, config: SourceConfig, *, max_results: int = 10) -> list[Paper]:
    items = crossref.query_works(query, PREFIX, config, rows=max_results)
    return [_paper(item, config) for item in items[:max_results]]
