"""arXiv through the arxiv package's Client, against recorded-format Atom feeds served locally."""

from __future__ import annotations

import pytest

from analyser.sources import (
    IdentifierError,
    NetworkError,
    NotAPdfError,
    NotFoundError,
    PdfUnavailableError,
    SourceError,
    resolve,
    search,
)
from analyser.sources import arxiv_source
from analyser.sources.cache import Cache
from analyser.sources.config import SourceConfig
from analyser.sources.model import Identifier
from sources_support import minimal_pdf, serve_atom, serve_pdf, server_url, sources_env  # noqa: F401

PDF_PATH = "/arxiv/pdf/2503.05378v2"


def test_happy_path_metadata_and_pdf(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    data = serve_pdf(sources_env, PDF_PATH, minimal_pdf("web testing"))
    fetched = resolve("2503.05378")
    paper = fetched.paper
    assert paper.identifier == "arXiv:2503.05378v2"
    assert paper.title == "A Survey on Web Testing: On the Rise of AI and Applications in Industry"
    assert paper.authors == ["Iva Kertusha", "Gebremariem Assress", "Onur Duman", "Andrea Arcuri"]
    assert paper.published == "2025-03-07" and paper.source == "arxiv"
    assert paper.doi == "10.48550/arXiv.2503.05378"
    assert paper.categories == ["cs.SE"]
    assert paper.abstract.startswith("Web application testing is an essential practice")
    assert paper.pdf_url == server_url + PDF_PATH
    assert fetched.pdf_error is None and fetched.pdf_path.read_bytes() == data
    # arXiv is asked with the arxiv.py parameters, and the page size is bounded.
    request = sources_env.log[0][0]
    assert request.args["id_list"] == "2503.05378" and int(request.args["max_results"]) <= 100
    agent = request.headers["User-Agent"]
    assert "mailto:teacher@example.org" in agent and "arxiv.py/" in agent


@pytest.mark.parametrize("typed", [
    "2503.05378", "arXiv:2503.05378", "https://arxiv.org/abs/2503.05378",
    "https://arxiv.org/pdf/2503.05378.pdf", "10.48550/arXiv.2503.05378",
    "https://doi.org/10.48550/arXiv.2503.05378", "arxiv.org/abs/2503.05378",
])
def test_every_arxiv_form_reaches_arxiv(sources_env, server_url, typed):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    assert resolve(typed, download=False).paper.identifier == "arXiv:2503.05378v2"


def test_version_is_passed_on(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378v2")
    assert resolve("https://arxiv.org/abs/2503.05378v2", download=False).paper.identifier == "arXiv:2503.05378v2"


def test_old_style_id_and_messy_whitespace(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-hep-th-9901001.xml", id_list="hep-th/9901001")
    paper = resolve("hep-th/9901001", download=False).paper
    assert paper.identifier == "arXiv:hep-th/9901001v3"
    assert paper.title == "Old-style identifier entry: a title broken over lines"
    assert paper.abstract == "An abstract with leading spaces and a line break."
    assert paper.authors == ["José Álvarez"] and paper.published == "1999-01-01"
    assert paper.published_doi is None  # a journal_ref but no <arxiv:doi>
    assert paper.pdf_url.endswith("/arxiv/pdf/hep-th/9901001v3")


def test_unknown_id_is_not_found(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-empty.xml", id_list="2301.99999")
    with pytest.raises(NotFoundError, match=r"^not found on arXiv: 2301\.99999$"):
        resolve("2301.99999")


@pytest.mark.parametrize("status", [400, 200])
def test_error_entry_is_an_error_whatever_the_status(sources_env, server_url, status):
    serve_atom(sources_env, server_url, "arxiv-error-400.xml", status=status, id_list="abc")
    with pytest.raises(IdentifierError, match="incorrect id format for abc"):
        arxiv_source.lookup(Identifier("arxiv", "abc"), SourceConfig.from_env())
    assert len(sources_env.log) == 1  # a refused query is not repeated


def test_withdrawn_entry_without_pdf(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-withdrawn.xml", id_list="2104.00001")
    fetched = resolve("2104.00001")
    assert fetched.paper.withdrawn and fetched.paper.pdf_url is None
    assert fetched.pdf_path is None
    assert isinstance(fetched.pdf_error, PdfUnavailableError) and "withdrawn" in str(fetched.pdf_error)
    assert len(sources_env.log) == 1  # no download was tried


def test_429_then_success(sources_env, server_url):
    sources_env.expect_oneshot_request("/api/query").respond_with_data("", status=429, headers={"Retry-After": "0"})
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    assert resolve("2503.05378", download=False).paper.identifier == "arXiv:2503.05378v2"
    assert [entry[1].status_code for entry in sources_env.log] == [429, 200]


def test_503_throughout_is_a_network_error(sources_env):
    sources_env.expect_request("/api/query").respond_with_data("", status=503, headers={"Retry-After": "0"})
    with pytest.raises(NetworkError, match="HTTP 503"):
        resolve("2503.05378")
    assert len(sources_env.log) == 3  # ANALYSER_HTTP_RETRIES=2


def test_html_file_unavailable_page_is_not_saved(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    sources_env.expect_request(PDF_PATH).respond_with_data(
        "<html><body>File unavailable: HTML or source was not provided to generate HTML or a PDF</body></html>",
        content_type="text/html")
    fetched = resolve("2503.05378")
    assert fetched.pdf_path is None and isinstance(fetched.pdf_error, NotAPdfError)
    assert "open " in str(fetched.pdf_error) and "--pdf FILE" in str(fetched.pdf_error)
    folder = Cache().folder("arXiv:2503.05378")
    assert sorted(path.name for path in folder.iterdir()) == ["metadata.json"]  # no PDF, no leftovers


def test_search_returns_candidates(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-search-testing.xml", search_query="all:testing")
    papers = search("testing", source="arxiv", max_results=3)
    assert [paper.identifier for paper in papers] == ["arXiv:2202.12139v1", "arXiv:2405.13786v1", "arXiv:2005.14124v2"]
    assert papers[0].doi == "10.48550/arXiv.2202.12139"
    assert papers[0].published_doi == "10.1109/icstw55395.2022.00035"
    assert sources_env.log[0][0].args["max_results"] == "3"


def test_search_words_become_an_and_query(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-empty.xml",
               search_query='all:graph AND all:"neural network"')
    assert search('graph "neural network"', source="arxiv") == []


def test_search_keeps_arxiv_syntax(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-empty.xml", search_query="ti:transformer AND cat:cs.LG")
    assert search("ti:transformer AND cat:cs.LG") == []


def test_odd_status_is_a_network_error_not_a_traceback(sources_env):
    sources_env.expect_request("/api/query").respond_with_data("", status=501)
    with pytest.raises(NetworkError, match="arXiv kept failing.*HTTP 501"):
        resolve("2503.05378")


def test_mistyped_endpoint_is_a_clear_error(sources_env, monkeypatch):
    monkeypatch.setenv("ANALYSER_CROSSREF_URL", "api.crossref.org")  # no scheme
    with pytest.raises(SourceError, match="cannot fetch api.crossref.org/works"):
        resolve("10.1039/d5dd00294j")
