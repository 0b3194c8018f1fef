"""Turn what a user types (or a student wrote) into an `Identifier`, without any network.

Accepted forms are listed in ACCEPTED_FORMS; the rules for arXiv ids follow
arXiv's identifier documentation (new scheme YYMM.NNNN[N] since April 2007,
old scheme archive[.SC]/YYMMNNN before), the DOI routing follows the prefixes
of each source (10.48550 arXiv, 10.26434 ChemRxiv, 10.1101 bioRxiv/medRxiv).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from analyser.sources.errors import IdentifierError
from analyser.sources.model import Identifier

ACCEPTED_FORMS = (
    "arXiv id (2301.01234, 2301.01234v2, hep-th/9901001, arXiv:2301.01234), "
    "arxiv.org/abs or /pdf URL, DOI (10.26434/chemrxiv-..., 10.1101/..., any 10.xxxx/...), "
    "doi.org URL, chemrxiv.org / biorxiv.org / medrxiv.org article URL, a journal URL with a DOI "
    "in it, or a local .pdf file"
)

_NEW_ARXIV = re.compile(r"(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?", re.ASCII)
_OLD_ARXIV = re.compile(r"([a-z][a-z\-]*)(\.[A-Za-z]{2})?/(\d{7})(?:v(\d+))?", re.ASCII)
# The archives of the old scheme (1991-2007), so that "notes/1234567" is not taken for an id.
_OLD_ARCHIVES = frozenset({
    "acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an", "chao-dyn",
    "chem-ph", "cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "funct-an", "gr-qc", "hep-ex",
    "hep-lat", "hep-ph", "hep-th", "math", "math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th",
    "patt-sol", "physics", "plasm-ph", "q-alg", "q-bio", "quant-ph", "solv-int", "supr-con",
})
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.ASCII)
_CHEMRXIV_DOI = re.compile(r"10\.(?:26434|33774)/chemrxiv[.-].+")
_BIORXIV_DOI = re.compile(r"(10\.1101/\d[\d.]*?\d)(?:v(\d+))?")
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)")
_SITES = ("arxiv.org", "export.arxiv.org", "doi.org", "dx.doi.org", "chemrxiv.org",
          "biorxiv.org", "medrxiv.org", "connect.biorxiv.org", "connect.medrxiv.org")
_TRAILING = ".,;:'\"]}>"


def _usage(text: str, why: str = "not an article identifier") -> IdentifierError:
    shown = text if len(text) <= 80 else text[:77] + "..."
    return IdentifierError(f"{why}: {shown!r}; accepted: {ACCEPTED_FORMS}")


def _arxiv(text: str) -> Identifier | None:
    """A bare arXiv id in either scheme, or None."""
    match = _NEW_ARXIV.fullmatch(text)
    if match:
        yy, mm, number, version = match.groups()
        yymm = int(yy + mm)
        # 4-digit numbers for 0704-1412, 5 digits from 1501; the scheme starts in April 2007.
        digits_ok = len(number) == (4 if yymm <= 1412 else 5)
        if 1 <= int(mm) <= 12 and yymm >= 704 and digits_ok:
            return Identifier("arxiv", f"{yy}{mm}.{number}", int(version) if version else None)
        return None
    match = _OLD_ARXIV.fullmatch(text)
    if match:
        archive, _subject, number, version = match.groups()
        month = int(number[2:4])
        if archive in _OLD_ARCHIVES and 1 <= month <= 12:
            # The preferred external form drops the subject class: math.CA/0611800 -> math/0611800.
            return Identifier("arxiv", f"{archive}/{number}", int(version) if version else None)
    return None


def _doi(doi: str, *, server: str | None = None) -> Identifier:
    doi = doi.rstrip(_TRAILING)
    if doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    lower = doi.lower()
    arxiv_doi = _ARXIV_DOI.fullmatch(lower)
    if arxiv_doi:
        # DataCite DOIs Crossref does not know: ask arXiv itself.
        found = _arxiv(arxiv_doi.group(1))
        if found is None:
            raise _usage(doi, "not a valid arXiv DOI")
        return found
    if _CHEMRXIV_DOI.fullmatch(lower):
        return Identifier("chemrxiv", lower)
    biorxiv = _BIORXIV_DOI.fullmatch(lower)
    if biorxiv:
        version = biorxiv.group(2)
        return Identifier("biorxiv", biorxiv.group(1), int(version) if version else None, server)
    return Identifier("crossref", lower)


def _url(text: str) -> Identifier:
    if not re.match(r"https?://", text, re.IGNORECASE):
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = unquote(parts.path)
    if host in ("arxiv.org", "export.arxiv.org"):
        match = re.fullmatch(r"/(?:abs|pdf|html|format)/(.+?)(?:\.pdf)?/?", path)
        found = _arxiv(match.group(1)) if match else None
        if found:
            return found
    elif host in ("doi.org", "dx.doi.org"):
        doi = path.lstrip("/")
        if _DOI.fullmatch(doi):
            return _doi(doi)
    elif host == "chemrxiv.org":
        match = re.fullmatch(r"/doi/(?:[a-z]+/)?(10\.\d{4,9}/.+?)/?", path)
        if match:
            return _doi(match.group(1))
        # Figshare era (2017-2021): /articles/preprint/<slug>/<id>[/<version>].
        match = re.fullmatch(r"/articles/(?:preprint/)?[^/]+/(\d+)(?:/(\d+))?/?", path)
        if match:
            number, version = match.groups()
            return Identifier("chemrxiv", f"10.26434/chemrxiv.{number}" + (f".v{version}" if version else ""))
        if "/article-details/" in path:
            raise IdentifierError(
                f"this ChemRxiv page address carries no DOI: {text}; copy the DOI shown on the page "
                "(10.26434/chemrxiv-...) and use it instead"
            )
    elif host.split(".")[-2:-1] in (["biorxiv"], ["medrxiv"]):
        server = host.split(".")[-2]
        match = re.fullmatch(
            r"/(?:content|cgi/content/short)/(10\.1101/[\d.]+?)(v\d+)?"
            r"(?:\.full|\.full\.pdf|\.abstract|\.full-text|\.article-info|\.article-metrics|"
            r"\.supplementary-material)?/?", path)
        if match:
            return _doi(match.group(1) + (match.group(2) or ""), server=server)
    else:
        found = _publisher(host, path)
        if found:
            return found
    raise _usage(text, "not an article address")


def _publisher(host: str, path: str) -> Identifier | None:
    """Journal pages: a DOI in the path (/doi/10.1021/..., /article/10.1007/...), or the
    publisher's own rule for article numbers (Nature: 10.1038/<id>, RSC: 10.1039/<id>)."""
    match = re.search(r"/(10\.\d{4,9}/[^?#]+?)(?:/(?:full|abstract|pdf|epdf|html|meta))?(?:\.pdf)?/?$", path)
    if match:
        return _doi(match.group(1))
    if host.endswith("nature.com"):
        match = re.fullmatch(r"/articles/([a-z0-9][a-z0-9.\-]+?)(?:\.pdf)?/?", path)
        if match:
            return _doi(f"10.1038/{match.group(1)}")
    if host == "pubs.rsc.org":
        match = re.fullmatch(r"/[a-z]{2}/content/article(?:landing|html|pdf)/\d{4}/[a-z]+/([a-z0-9]+)/?", path,
                             re.IGNORECASE)
        if match:
            return _doi(f"10.1039/{match.group(1).lower()}")
    return None


def parse_identifier(text: str | os.PathLike) -> Identifier:
    """Parse an arXiv id, DOI, article URL or local PDF path; raise IdentifierError otherwise."""
    if isinstance(text, os.PathLike):
        text = os.fspath(text)
    raw = (text or "").strip().strip("<>").strip()
    if not raw:
        raise _usage(raw, "empty identifier")
    if len(raw) > 2000:
        raise _usage(raw, "identifier too long")
    lowered = raw.lower()
    if re.match(r"https?://", lowered) or lowered.split("/", 1)[0].removeprefix("www.") in _SITES:
        return _url(raw)
    if lowered.startswith("arxiv:"):
        rest = raw[len("arxiv:"):].strip()
        found = _arxiv(rest)
        if found is None:
            raise _usage(raw, "not a valid arXiv id")
        return found
    if lowered.startswith("doi:"):
        rest = raw[len("doi:"):].strip()
        if not _DOI.fullmatch(rest):
            raise _usage(raw, "not a valid DOI")
        return _doi(rest)
    if _DOI.fullmatch(raw):
        return _doi(raw)
    found = _arxiv(raw)
    if found:
        return found
    if lowered.endswith(".pdf"):
        path = Path(raw).expanduser()
        if not path.is_file():
            raise IdentifierError("no such PDF file", path=str(path))
        return Identifier("local", str(path.resolve()))
    raise _usage(raw)


# Candidates in free text: URLs, DOIs, then arXiv ids with or without their prefix.
# URLs stop at characters a URL cannot hold unescaped, e.g. in LaTeX's \url{...}\\ .
_CANDIDATE = re.compile(
    r"(?P<url>(?:https?://|\bwww\.|\b(?:dx\.)?doi\.org/|\b(?:arxiv|chemrxiv|biorxiv|medrxiv)\.org/)"
    r"[^\s<>\"'{}|\\^`]+)"
    r"|(?P<doi>\b(?:doi:\s*)?10\.\d{4,9}/[^\s<>\"'{}|\\^`]+)"
    r"|(?P<arxiv>\barxiv:?\s*(?:\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?))"
    r"|(?<![\w./-])(?P<bare>\d{4}\.\d{4,5}(?:v\d+)?)(?![\w/]|\.\d)",
    re.IGNORECASE,
)


def _clean(candidate: str) -> str:
    candidate = candidate.rstrip(_TRAILING)
    while candidate.endswith(")") and candidate.count("(") < candidate.count(")"):
        candidate = candidate[:-1].rstrip(_TRAILING)
    return candidate


def find_article_link(text: str) -> str | None:
    """The first article link in free text (URL, doi.org URL, bare DOI, arXiv id), as written.

    Article forms win over other web addresses, so "code at github.com/..., article
    arXiv:2301.01234" gives the arXiv id; with no article form, the first http(s)
    URL is returned; None when there is neither.
    """
    first_url: str | None = None
    for match in _CANDIDATE.finditer(text or ""):
        candidate = _clean(match.group(0))
        if match.group("arxiv"):
            candidate = re.sub(r"(?i)^arxiv:?\s*", "arXiv:", candidate)
        elif match.group("doi"):
            candidate = re.sub(r"(?i)^doi:\s*", "", candidate)
        try:
            if parse_identifier(candidate).kind != "local":
                return candidate
        except IdentifierError:
            if match.group("url") and first_url is None and re.match(r"(?i)https?://", candidate):
                first_url = candidate
    return first_url
