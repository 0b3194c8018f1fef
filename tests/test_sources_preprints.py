"""ChemRxiv (via Crossref), bioRxiv/medRxiv (api.biorxiv.org) and other DOIs (Crossref),
against recorded-format responses served by a local HTTP server."""

from __future__ import annotations

import pytest

from analyser.sources import NotAPdfError, NotFoundError, PdfUnavailableError, resolve, search
from sources_support import (  # noqa: F401
    fixture_json,
    minimal_pdf,
    serve_pdf,
    server_url,
    sources_env,
)

CHEMRXIV_ERAS = [
    ("10.26434/chemrxiv.12591221.v1", "crossref-chemrxiv-figshare.json"),
    ("https://chemrxiv.org/articles/preprint/ml_yields/12591221/1", "crossref-chemrxiv-figshare.json"),
    ("10.26434/chemrxiv-2023-vmbt3", "crossref-chemrxiv-coe.json"),
    ("https://doi.org/10.26434/chemrxiv-2023-vmbt3", "crossref-chemrxiv-coe.json"),
    ("10.26434/chemrxiv.10001917/v1", "crossref-chemrxiv-2026.json"),
    ("https://chemrxiv.org/doi/full/10.26434/chemrxiv.10001917/v1", "crossref-chemrxiv-2026.json"),
]


def _serve_work(httpserver, server_url, doi, name, status=200):
    httpserver.expect_request(f"/crossref/works/{doi}").respond_with_json(
        fixture_json(name, server_url), status=status)


@pytest.mark.parametrize("typed, fixture", CHEMRXIV_ERAS)
def test_chemrxiv_all_doi_eras_through_crossref(sources_env, server_url, typed, fixture):
    record = fixture_json(fixture, server_url)["message"]
    _serve_work(sources_env, server_url, record["DOI"], fixture)
    paper = resolve(typed, download=False).paper
    assert paper.source == "chemrxiv" and paper.doi == record["DOI"]
    assert paper.identifier == f"doi:{record['DOI']}"
    assert paper.title and paper.authors and paper.published[:4] in ("2020", "2023", "2026")
    assert paper.landing_url == f"{server_url}/chemrxiv/doi/{record['DOI']}"


def test_chemrxiv_coe_record_fields_and_mislabelled_pdf_link(sources_env, server_url):
    _serve_work(sources_env, server_url, "10.26434/chemrxiv-2023-vmbt3", "crossref-chemrxiv-coe.json")
    pdf_path = "/engage/api-gateway/chemrxiv/assets/orp/resource/item/646488c2a32ceeff2dc6f5f1/original/gnn-solubility.pdf"
    data = serve_pdf(sources_env, pdf_path)
    fetched = resolve("10.26434/chemrxiv-2023-vmbt3")
    paper = fetched.paper
    assert paper.title == "Graph Neural Networks Predict Solubility Across Solvents"
    assert paper.authors == ["Marie Curie", "The Open Chemistry Consortium"]
    assert paper.abstract == ("We train message-passing neural networks on 12,000 measured solubilities "
                              "& report MAE 0.6 log units.")
    assert paper.published == "2023-05-17" and paper.categories == ["Physical Chemistry"]
    assert paper.licence == "https://creativecommons.org/licenses/by/4.0/"
    assert fetched.pdf_path.read_bytes() == data
    request = sources_env.log[0][0]
    assert request.args["mailto"] == "teacher@example.org"
    assert "mailto:teacher@example.org" in request.headers["User-Agent"]


def test_chemrxiv_2026_record_without_link_uses_site_pdf_and_meets_a_challenge(sources_env, server_url):
    _serve_work(sources_env, server_url, "10.26434/chemrxiv.10001917/v1", "crossref-chemrxiv-2026.json")
    sources_env.expect_request("/chemrxiv/doi/pdf/10.26434/chemrxiv.10001917/v1").respond_with_data(
        "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
        "<body><script src='/cdn-cgi/challenge-platform/x.js'></script></body></html>",
        status=200, content_type="text/html; charset=UTF-8")
    fetched = resolve("10.26434/chemrxiv.10001917/v1")
    assert fetched.paper.abstract == ("We use Gaussian-process Bayesian optimisation to tune residence "
                                      "time and temperature.")
    assert fetched.pdf_path is None and isinstance(fetched.pdf_error, NotAPdfError)
    message = str(fetched.pdf_error)
    assert "bot-check page" in message
    assert (f"open {server_url}/chemrxiv/doi/10.26434/chemrxiv.10001917/v1 in a browser, save the PDF, then run "
            "`analyser fetch doi:10.26434/chemrxiv.10001917/v1 --pdf FILE`") in message


def test_chemrxiv_unknown_doi(sources_env):
    sources_env.expect_request("/crossref/works/10.26434/chemrxiv-2099-zzzzz").respond_with_data(
        "Resource not found.", status=404, content_type="text/plain")
    with pytest.raises(NotFoundError, match="not found on ChemRxiv.*chemrxiv-2099-zzzzz"):
        resolve("10.26434/chemrxiv-2099-zzzzz")


def _serve_biorxiv(httpserver, server_url, server, doi, name):
    httpserver.expect_request(f"/biorxiv-api/details/{server}/{doi}/na/json").respond_with_json(
        fixture_json(name, server_url))


def test_biorxiv_takes_the_latest_version(sources_env, server_url):
    doi = "10.1101/2021.11.22.469359"
    _serve_biorxiv(sources_env, server_url, "biorxiv", doi, "biorxiv-details-versions.json")
    data = serve_pdf(sources_env, f"/biorxiv-site/content/{doi}v3.full.pdf")
    fetched = resolve(doi)
    paper = fetched.paper
    assert paper.identifier == f"doi:{doi}v3" and paper.published == "2022-06-30"
    assert paper.title == "Deep learning of single-cell data (version 3)"
    assert paper.authors == ["Smith, J.", "Jones, A. B.", "Müller, K."]
    assert paper.source == "biorxiv" and paper.licence == "CC BY 4.0" and paper.categories == ["bioinformatics"]
    assert paper.published_doi == "10.1038/s41592-022-01234-5"
    assert fetched.pdf_path.read_bytes() == data


def test_biorxiv_version_from_the_url(sources_env, server_url):
    doi = "10.1101/2021.11.22.469359"
    _serve_biorxiv(sources_env, server_url, "biorxiv", doi, "biorxiv-details-versions.json")
    paper = resolve(f"https://www.biorxiv.org/content/{doi}v2.full.pdf", download=False).paper
    assert paper.identifier == f"doi:{doi}v2" and paper.published == "2022-02-14"
    assert paper.published_doi is None  # "NA" while v2 was the latest
    with pytest.raises(NotFoundError, match="latest is v3"):
        resolve(f"{doi}v7", download=False)


def test_medrxiv_doi_found_after_biorxiv_says_no_posts(sources_env, server_url):
    doi = "10.1101/2020.09.09.20191205"
    _serve_biorxiv(sources_env, server_url, "biorxiv", doi, "biorxiv-not-found.json")
    _serve_biorxiv(sources_env, server_url, "medrxiv", doi, "medrxiv-details.json")
    paper = resolve(doi, download=False).paper
    assert paper.source == "medrxiv" and paper.licence == "CC BY-NC-ND 4.0"
    assert paper.pdf_url == f"{server_url}/medrxiv-site/content/{doi}v1.full.pdf"


def test_biorxiv_not_found_on_either_server(sources_env, server_url):
    for server in ("biorxiv", "medrxiv"):
        _serve_biorxiv(sources_env, server_url, server, "10.1101/2099.01.01.000001", "biorxiv-not-found.json")
    with pytest.raises(NotFoundError, match="not found on bioRxiv or medRxiv: 10.1101/2099.01.01.000001"):
        resolve("10.1101/2099.01.01.000001")


def test_biorxiv_pdf_refused_by_the_site(sources_env, server_url):
    doi = "10.1101/2021.11.22.469359"
    _serve_biorxiv(sources_env, server_url, "biorxiv", doi, "biorxiv-details-versions.json")
    sources_env.expect_request(f"/biorxiv-site/content/{doi}v3.full.pdf").respond_with_data(
        "<html><title>Just a moment...</title></html>", status=403, content_type="text/html")
    fetched = resolve(doi)
    assert isinstance(fetched.pdf_error, PdfUnavailableError) and fetched.pdf_path is None
    assert "HTTP 403" in str(fetched.pdf_error) and "--pdf FILE" in str(fetched.pdf_error)
    # The metadata is cached all the same, so --offline finds it.
    assert resolve(doi, offline=True, download=False).paper.identifier == f"doi:{doi}v3"


def test_journal_doi_with_open_access_pdf(sources_env, server_url):
    _serve_work(sources_env, server_url, "10.1039/d5dd00294j", "crossref-journal-oa.json")
    data = serve_pdf(sources_env, "/en/content/articlepdf/2026/dd/d5dd00294j")
    fetched = resolve("https://doi.org/10.1039/D5DD00294J")
    paper = fetched.paper
    assert paper.source == "crossref" and paper.doi == "10.1039/d5dd00294j"
    assert paper.published == "2026-01-15"
    assert paper.licence == "https://creativecommons.org/licenses/by/3.0/"  # the vor licence, not tdm
    assert paper.pdf_url == f"{server_url}/en/content/articlepdf/2026/dd/d5dd00294j"
    assert fetched.pdf_path.read_bytes() == data


def test_closed_journal_article_has_metadata_but_no_pdf(sources_env, server_url):
    _serve_work(sources_env, server_url, "10.1016/j.closed.2024.01.001", "crossref-journal-closed.json")
    fetched = resolve("10.1016/j.closed.2024.01.001")
    assert fetched.paper.title == "A closed-access article" and fetched.paper.published == "2024-03"
    assert isinstance(fetched.pdf_error, PdfUnavailableError)
    assert f"open {server_url}/science/article/pii/S0000000000000001 in a browser" in str(fetched.pdf_error)


def test_truncated_pdf(sources_env, server_url):
    _serve_work(sources_env, server_url, "10.1039/d5dd00294j", "crossref-journal-oa.json")
    serve_pdf(sources_env, "/en/content/articlepdf/2026/dd/d5dd00294j", minimal_pdf()[:300])
    fetched = resolve("10.1039/d5dd00294j")
    assert isinstance(fetched.pdf_error, NotAPdfError) and "truncated" in str(fetched.pdf_error)
    assert fetched.pdf_path is None


def test_pdf_over_the_size_bound(sources_env, server_url, monkeypatch):
    monkeypatch.setenv("ANALYSER_MAX_PDF_MB", "0.001")
    _serve_work(sources_env, server_url, "10.1039/d5dd00294j", "crossref-journal-oa.json")
    serve_pdf(sources_env, "/en/content/articlepdf/2026/dd/d5dd00294j", minimal_pdf("x" * 5000))
    fetched = resolve("10.1039/d5dd00294j")
    assert isinstance(fetched.pdf_error, NotAPdfError) and "ANALYSER_MAX_PDF_MB" in str(fetched.pdf_error)


def test_search_chemrxiv_through_crossref(sources_env, server_url):
    sources_env.expect_request("/crossref/works").respond_with_json(
        fixture_json("crossref-search-chemrxiv.json", server_url))
    papers = search("graph neural network", source="chemrxiv", max_results=5)
    assert [paper.doi for paper in papers] == ["10.26434/chemrxiv-2023-vmbt3", "10.26434/chemrxiv.10001917/v1"]
    assert all(paper.source == "chemrxiv" for paper in papers)
    args = sources_env.log[0][0].args
    assert args["query"] == "graph neural network" and args["rows"] == "5"
    assert args["filter"] == "prefix:10.26434,type:posted-content"


def test_search_biorxiv_through_crossref(sources_env, server_url):
    sources_env.expect_request("/crossref/works").respond_with_json(
        fixture_json("crossref-search-biorxiv.json", server_url))
    papers = search("protein language model", source="biorxiv")
    assert [paper.source for paper in papers] == ["biorxiv", "medrxiv"]
    assert papers[0].abstract == "Prediction methods inputting embeddings from protein language models."
    assert sources_env.log[0][0].args["filter"] == "prefix:10.1101,type:posted-content"


def test_search_empty_result_set(sources_env, server_url):
    sources_env.expect_request("/crossref/works").respond_with_json(
        fixture_json("crossref-search-empty.json", server_url))
    assert search("zzzqqq", source="chemrxiv") == []
