"""From what a user typed to a Paper and its PDF: cache first, then the right source."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from pathlib import Path

from analyser import atomic
from analyser.sources import arxiv_source, biorxiv, cache as cache_module, chemrxiv, crossref, deadline
from analyser.sources.cache import Cache, check_can_create, folder_name, storing
from analyser.sources.config import SourceConfig
from analyser.sources.download import check_pdf_file, check_whole_pdf, download_pdf
from analyser.sources.errors import BROWSER_HINT, OfflineMissError, PdfUnavailableError, SourceError
from analyser.sources.http import session_for
from analyser.sources.identifiers import parse_identifier
from analyser.sources.model import Fetched, Identifier, Paper, Saved

logger = logging.getLogger(__name__)

SEARCH_SOURCES = ("arxiv", "chemrxiv", "biorxiv")


def _lookup(ident: Identifier, config: SourceConfig) -> Paper:
    if ident.kind == "arxiv":
        return arxiv_source.lookup(ident, config)
    if ident.kind == "chemrxiv":
        return chemrxiv.lookup(ident.value, config)
    if ident.kind == "biorxiv":
        return biorxiv.lookup(ident, config)
    return crossref.lookup(ident.value, config)


def _local(ident: Identifier) -> Fetched:
    """A PDF the user has: its title, authors and DOI as the file itself gives them."""
    from analyser.sources.local import read_local_info

    path = Path(ident.value)
    check_pdf_file(path)
    info = read_local_info(path)
    paper = Paper(identifier=f"local:{path.name}", title=info.title or path.stem, authors=info.authors,
                  source="local", doi=info.doi, landing_url=path.as_uri())
    return Fetched(paper, path)


def _download(paper: Paper, key: str, cache: Cache, config: SourceConfig) -> Path:
    hint = BROWSER_HINT.format(url=paper.landing_url or paper.pdf_url, ident=key)
    if paper.withdrawn:
        raise PdfUnavailableError(f"{paper.identifier} was withdrawn: there is no PDF of this version "
                                  "(an earlier version may have one)")
    if not paper.pdf_url:
        raise PdfUnavailableError(f"no open PDF link for {paper.identifier}; {hint}")
    return download_pdf(session_for(config), paper.pdf_url, cache.pdf_path(key),
                        max_bytes=config.max_pdf_bytes, ident=key, landing_url=paper.landing_url)


def resolve(text: str, *, offline: bool = False, refresh: bool = False, download: bool = True) -> Fetched:
    """The article behind `text` (id, DOI, URL, local PDF) and its PDF when it can be had.

    Failures to get the PDF once the metadata is known (withdrawn, blocked by the site,
    an HTML page instead of a PDF...) do not raise: they are in `Fetched.pdf_error`.
    """
    ident = parse_identifier(text)
    if ident.kind == "local":
        return _local(ident)
    key = ident.canonical
    cache = Cache()
    cached = None if refresh else cache.load(key)
    if offline:
        if cached is None:
            raise OfflineMissError(f"{key} is not in the cache ({cache.root}); run `analyser fetch {key}` "
                                   "once while online")
        if download and cached.pdf_path is None:
            cached.pdf_error = OfflineMissError(f"the PDF of {key} is not in the cache; fetch it online "
                                                f"or attach one with `analyser fetch {key} --pdf FILE`")
        return cached
    if cached is not None and (cached.pdf_path is not None or not download):
        return cached
    cache.check_writable(key)  # a cache we cannot write is said before the network, not after
    config = SourceConfig.from_env()
    cache.sweep(key)  # what a killed download left behind
    with deadline.scope(config.fetch_deadline, f"fetching {key}", "ANALYSER_HTTP_FETCH_DEADLINE"):
        return _fetch(ident, key, cache, cached, config, download, refresh)


def _fetch(ident: Identifier, key: str, cache: Cache, cached: Fetched | None, config: SourceConfig,
           download: bool, refresh: bool) -> Fetched:
    paper = cached.paper if cached is not None else _lookup(ident, config)
    cache.store(key, paper)
    fetched = Fetched(paper, from_cache=cached is not None)
    kept = cache.pdf_path(key) if refresh and cache.pdf_path(key).is_file() else None
    if kept is not None and not download:
        fetched.pdf_path = kept
    if download:
        try:
            fetched.pdf_path = _download(paper, key, cache, config)
        except SourceError as error:
            if kept is not None:
                # --refresh of an article whose PDF was attached by hand: new metadata, the same PDF.
                logger.info("no PDF downloaded for %s (%s): keeping the one in the cache", key, error)
                fetched.pdf_path = kept
            else:
                # The metadata is good on its own; the caller decides whether a missing PDF is fatal.
                logger.info("no PDF for %s: %s", key, error)
                fetched.pdf_error = error
    return fetched


def attach_pdf(text: str, pdf: Path, *, offline: bool = False, refresh: bool = False) -> Fetched:
    """Resolve the metadata of `text` and attach a PDF the user saved by hand (--pdf).

    Without the network (--offline, or the source unreachable) the metadata is
    read from the PDF itself and marked `from_pdf`; `--refresh` online completes it.
    A PDF that states another article than `text` is refused: it would be
    graded against the wrong paper.
    """
    from analyser.sources.errors import NetworkError
    from analyser.sources.own_identifier import own_identifiers, same_article

    pdf = Path(pdf)
    check_whole_pdf(pdf)  # it goes into the cache: whole, or not at all
    ident = parse_identifier(text)
    if ident.kind == "local":
        raise SourceError("--pdf needs an article identifier, not a file", path=str(pdf))
    stated = own_identifiers(pdf)
    if any(same_article(ident, other) is False for other in stated) and \
            not any(same_article(ident, other) for other in stated):
        raise SourceError(f"this PDF is the article {stated[0].canonical}, not {ident.canonical}: "
                          "check the file or the identifier", path=str(pdf))
    try:
        fetched = resolve(text, offline=offline, refresh=refresh, download=False)
    except (OfflineMissError, NetworkError) as error:
        logger.info("no metadata for %s (%s): reading it from the PDF", ident.canonical, error)
        fetched = Fetched(_paper_from_pdf(ident, pdf))
        Cache().store(ident.canonical, fetched.paper)
    fetched.pdf_path = Cache().attach(ident.canonical, pdf)
    fetched.pdf_error = None
    return fetched


def _paper_from_pdf(ident: Identifier, pdf: Path) -> Paper:
    from analyser.sources.local import read_local_info
    from analyser.sources.own_identifier import as_doi, as_link

    info = read_local_info(pdf)
    source = {"arxiv": "arxiv", "chemrxiv": "chemrxiv", "biorxiv": "biorxiv"}.get(ident.kind, "crossref")
    return Paper(identifier=ident.canonical, title=info.title or pdf.stem, authors=info.authors, source=source,
                 doi=as_doi(ident), landing_url=as_link(ident), from_pdf=True)


def fetch_into(text: str, out: Path, *, pdf: Path | None = None, offline: bool = False,
               refresh: bool = False) -> Saved:
    """`analyser fetch`: resolve, then write OUT/<slug>/metadata.json and paper.pdf."""
    out = Path(out)
    parse_identifier(text)  # a usage error first, before touching any folder
    check_can_create(out, "output folder")  # before the network, not after a long download
    if pdf is not None:
        fetched = attach_pdf(text, pdf, offline=offline, refresh=refresh)
    else:
        fetched = resolve(text, offline=offline, refresh=refresh)
    record = {
        **fetched.paper.to_dict(),
        "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "pdf": cache_module.PDF if fetched.pdf_path else None,
        "pdf_problem": str(fetched.pdf_error) if fetched.pdf_error else None,
    }
    pdf_path = None
    with storing(out, "output folder"), storing(out / folder_name(fetched.paper), "output folder") as folder:
        metadata_path = folder / cache_module.METADATA
        atomic.write_json(metadata_path, record)
        if fetched.pdf_path is not None:
            pdf_path = folder / cache_module.PDF
            if fetched.pdf_path.resolve() != pdf_path.resolve():
                atomic.copy_file(fetched.pdf_path, pdf_path)
    return Saved(fetched, folder, metadata_path, pdf_path)


def search(query: str, *, source: str | None = None, max_results: int = 10, offline: bool = False) -> list[Paper]:
    """Candidate articles for a free-text query on one source (default arXiv), best first.

    offline: search the articles already in the cache instead, by the words of their title,
    abstract and authors (every word must be there); `source` then filters (default: all)."""
    if source is not None and source not in SEARCH_SOURCES:
        raise SourceError(f"unknown source {source!r}; choose one of {', '.join(SEARCH_SOURCES)}")
    query = " ".join(query.split())
    if not query:
        raise SourceError("empty search query")
    if offline:
        return search_cache(query, Cache(), source=source, max_results=max_results)
    config = SourceConfig.from_env()
    module = {"arxiv": arxiv_source, "chemrxiv": chemrxiv, "biorxiv": biorxiv}[source or "arxiv"]
    return module.search(query, config, max_results=max_results)


# arXiv query syntax a user may type (ti:..., AND, ANDNOT): not words to look for in the cache.
_QUERY_SYNTAX = re.compile(r"\b(?:ti|au|abs|co|jr|cat|rn|id|all):|\b(?:AND|OR|ANDNOT)\b")
_SOURCES_OF = {"arxiv": {"arxiv"}, "chemrxiv": {"chemrxiv"}, "biorxiv": {"biorxiv", "medrxiv"}}


def search_cache(query: str, cache: Cache, *, source: str | None = None, max_results: int = 10) -> list[Paper]:
    """Cached articles whose title, abstract or authors hold every word of `query`: those
    with more of the words in their title first, then the most recent."""
    words = set(re.findall(r"\w+", _QUERY_SYNTAX.sub(" ", query).lower()))
    if not words:
        raise SourceError(f"no words to search for in {query!r}")
    wanted = _SOURCES_OF.get(source) if source else None
    found: list[tuple[int, str, Paper]] = []
    for paper in cache.entries():
        if wanted is not None and paper.source not in wanted:
            continue
        title = set(re.findall(r"\w+", paper.title.lower()))
        everything = title | set(re.findall(r"\w+", f"{paper.abstract} {' '.join(paper.authors)}".lower()))
        if words <= everything:
            found.append((len(words & title), paper.published or "", paper))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [paper for _, _, paper in found[:max_results]]
