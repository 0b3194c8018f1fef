"""arXiv through the `arxiv` package's Client, with arXiv's own manners.

arXiv's terms of use: "make no more than one request every three seconds, and
limit requests to a single connection at a time" -- hence one Client per
process (its delay is enforced across calls) and our PoliteSession under it
(timeouts, backoff on 429/503, which arxiv.py itself does not do).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

import arxiv
import requests

from analyser.sources.config import SourceConfig
from analyser.sources.errors import IdentifierError, NetworkError, NotFoundError, SourceError
from analyser.sources.http import host_of, session_for
from analyser.sources.model import Identifier, Paper

_ATOM = "{http://www.w3.org/2005/Atom}"
PAGE_SIZE = 100  # arXiv allows 2000; a course's searches are small.
NUM_RETRIES = 3  # arxiv.py's default; with our session they only cover empty pages mid-listing.


class ArxivQueryError(IdentifierError):
    """arXiv answered with an error entry (its way of saying the query or id is malformed)."""


def _error_entry(body: bytes) -> str | None:
    """The message of arXiv's error entry, if the feed is one. Rule from the facts: an entry
    whose title is "Error" or whose id contains /api/errors#, whatever the HTTP status."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    for entry in root.iter(f"{_ATOM}entry"):
        entry_id = entry.findtext(f"{_ATOM}id") or ""
        title = (entry.findtext(f"{_ATOM}title") or "").strip()
        if "/api/errors#" in entry_id or title == "Error":
            return " ".join((entry.findtext(f"{_ATOM}summary") or title).split())
    return None


class _SessionView:
    """What arxiv.Client needs of a session (`get`), over our PoliteSession.

    A 4xx is final: arxiv.py would retry it at once, which only repeats the mistake.
    (429 and 5xx never get here: the PoliteSession retried them with backoff already.)
    """

    def __init__(self, session: requests.Session):
        self._session = session

    def get(self, url: str, **kwargs) -> requests.Response:
        # arxiv.py sends its own User-Agent; keep it, after ours with the contact address.
        headers = {key.lower(): value for key, value in (kwargs.pop("headers", None) or {}).items()}
        ours = self._session.headers["User-Agent"]
        headers["user-agent"] = f"{ours} {headers['user-agent']}" if "user-agent" in headers else ours
        response = self._session.get(url, headers=headers, **kwargs)
        # The old backend sent error entries with HTTP 200, the 2026 one with 400: check the body.
        # (arxiv.py would skip a 200 error entry silently, as it has no <published>.)
        if b"/api/errors#" in response.content or 400 <= response.status_code < 500:
            message = _error_entry(response.content)
            if message:
                raise ArxivQueryError(f"arXiv refused the request: {message}", url=url,
                                      status=response.status_code)
        if 400 <= response.status_code < 500:
            raise SourceError(f"{host_of(url)} answered HTTP {response.status_code} for {url}",
                              url=url, status=response.status_code)
        return response


class Client(arxiv.Client):
    """arxiv.Client pointed at our endpoint (ANALYSER_ARXIV_URL) and our session."""

    def __init__(self, config: SourceConfig):
        super().__init__(page_size=PAGE_SIZE, delay_seconds=config.arxiv_delay, num_retries=NUM_RETRIES)
        # arxiv.py builds each request as query_url_format.format(urlencode(args)).
        endpoint = config.arxiv_url.replace("{", "{{").replace("}", "}}")
        self.query_url_format = endpoint + "?{}"
        self._session = _SessionView(session_for(config))


@lru_cache(maxsize=4)
def client_for(config: SourceConfig) -> Client:
    # One client per process, so its 3-second spacing holds across calls.
    return Client(config)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _pdf_url(result: arxiv.Result) -> str | None:
    if result.pdf_url:
        return result.pdf_url
    # In Nov 2025 link titles vanished for a while: fall back on type, then on the path.
    for link in result.links:
        if link.content_type == "application/pdf" or "/pdf/" in (link.href or ""):
            return link.href
    return None


def to_paper(result: arxiv.Result) -> Paper:
    short_id = result.get_short_id()
    bare_id = re.sub(r"v\d+$", "", short_id)
    if "/api/errors#" in result.entry_id or result.title == "Error":
        raise ArxivQueryError(f"arXiv refused the request: {_clean(result.summary)}", url=result.entry_id)
    landing = next((link.href for link in result.links if link.rel == "alternate"), None)
    comment = result.comment or ""
    return Paper(
        identifier=f"arXiv:{short_id}",
        title=_clean(result.title),
        authors=[author.name for author in result.authors],
        abstract=_clean(result.summary),
        published=result.published.date().isoformat() if result.published else None,
        source="arxiv",
        doi=f"10.48550/arXiv.{bare_id}",
        landing_url=landing or f"https://arxiv.org/abs/{short_id}",
        pdf_url=_pdf_url(result),
        categories=list(dict.fromkeys([result.primary_category, *result.categories])),
        withdrawn=bool(re.search(r"\bwithdrawn\b", comment, re.IGNORECASE)),
        published_doi=result.doi.lower() if result.doi else None,
    )


def _run(client: Client, search: arxiv.Search) -> list[arxiv.Result]:
    try:
        return list(client.results(search))
    except arxiv.ArxivError as error:
        # What our session lets through and arxiv.py still refuses: odd statuses, empty pages.
        raise NetworkError(f"arXiv kept failing ({error.message}) for {error.url}; try again later, "
                           "or use --offline to work from the cache", url=error.url) from None


def lookup(ident: Identifier, config: SourceConfig) -> Paper:
    wanted = ident.value + (f"v{ident.version}" if ident.version else "")
    client = client_for(config)
    results = _run(client, arxiv.Search(id_list=[wanted], max_results=1))
    if not results:
        # A well-formed id arXiv does not have: HTTP 200 and an empty feed.
        raise NotFoundError(f"not found on arXiv: {wanted}")
    return to_paper(results[0])


def _query(text: str) -> str:
    """Plain words become an AND of all: terms; text already in arXiv syntax is left alone."""
    if re.search(r"\b(?:ti|au|abs|co|jr|cat|rn|id|all):", text):
        return text
    terms = re.findall(r'"[^"]+"|\S+', text)
    return " AND ".join(f"all:{term}" for term in terms)


def search(query: str, config: SourceConfig, *, max_results: int = 10) -> list[Paper]:
    client = client_for(config)
    client.page_size = max(1, min(PAGE_SIZE, max_results))
    search = arxiv.Search(query=_query(query), max_results=max_results)
    return [to_paper(result) for result in _run(client, search)]
