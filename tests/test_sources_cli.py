"""`analyser fetch` and `analyser search`: output, files written, exit codes."""

from __future__ import annotations

import json
import socket

from click.testing import CliRunner

from analyser.cli import cli
from sources_support import (  # noqa: F401
    fixture_json,
    minimal_pdf,
    serve_atom,
    serve_pdf,
    server_url,
    sources_env,
)


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def test_fetch_writes_pdf_and_metadata(sources_env, server_url, tmp_path):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    data = serve_pdf(sources_env, "/arxiv/pdf/2503.05378v2")
    result = _run("fetch", "arXiv:2503.05378", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "arxiv-2503.05378v2"
    assert (folder / "paper.pdf").read_bytes() == data
    metadata = json.loads((folder / "metadata.json").read_text())
    assert metadata["identifier"] == "arXiv:2503.05378v2" and metadata["pdf"] == "paper.pdf"
    assert metadata["pdf_problem"] is None
    assert "fetched arXiv:2503.05378v2 from arxiv" in result.stdout
    assert "A Survey on Web Testing" in result.stdout and str(folder / "paper.pdf") in result.stdout
    assert "Iva Kertusha, Gebremariem Assress, Onur Duman (+1 more)" in result.stdout


def test_fetch_blocked_pdf_keeps_metadata_and_fails_with_the_browser_hint(sources_env, server_url, tmp_path):
    sources_env.expect_request("/crossref/works/10.26434/chemrxiv.10001917/v1").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    sources_env.expect_request("/chemrxiv/doi/pdf/10.26434/chemrxiv.10001917/v1").respond_with_data(
        "<html><title>Just a moment...</title></html>", status=403, content_type="text/html")
    result = _run("fetch", "10.26434/chemrxiv.10001917/v1", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "save the PDF, then run `analyser fetch doi:10.26434/chemrxiv.10001917/v1 --pdf FILE`" in result.stderr
    folder = tmp_path / "doi-10.26434-chemrxiv.10001917-v1"
    assert json.loads((folder / "metadata.json").read_text())["pdf"] is None
    assert not (folder / "paper.pdf").exists()
    assert "Traceback" not in result.output


def test_fetch_with_pdf_attaches_it(sources_env, server_url, tmp_path):
    sources_env.expect_request("/crossref/works/10.26434/chemrxiv.10001917/v1").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    saved = tmp_path / "from-browser.pdf"
    saved.write_bytes(minimal_pdf("browser"))
    result = _run("fetch", "10.26434/chemrxiv.10001917/v1", "--pdf", str(saved), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "doi-10.26434-chemrxiv.10001917-v1" / "paper.pdf"
    assert written.read_bytes() == saved.read_bytes()
    assert len(sources_env.log) == 1  # metadata only: no download attempted
    # Now in the cache: offline works.
    again = _run("fetch", "doi:10.26434/chemrxiv.10001917/v1", "--offline", "--out", str(tmp_path / "o2"))
    assert again.exit_code == 0, again.output
    assert "(from the cache)" in again.stdout


def test_fetch_garbage_is_a_usage_error_listing_forms(tmp_path):
    result = _run("fetch", "my favourite paper", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "error: not an article identifier" in result.stderr
    for form in ("2301.01234", "hep-th/9901001", "doi.org", "chemrxiv.org", ".pdf"):
        assert form in result.stderr
    assert not any(tmp_path.iterdir())


def test_fetch_offline_miss(tmp_path):
    result = _run("fetch", "2301.01234", "--offline", "--out", str(tmp_path))
    assert result.exit_code == 2 and "not in the cache" in result.stderr


def test_fetch_network_down_suggests_offline(monkeypatch, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("ANALYSER_ARXIV_URL", f"http://127.0.0.1:{port}/api/query")
    monkeypatch.setenv("ANALYSER_HTTP_RETRIES", "0")
    result = _run("fetch", "2301.01234", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "could not reach 127.0.0.1" in result.stderr and "--offline" in result.stderr
    assert "Traceback" not in result.output


def test_fetch_unknown_id(sources_env, server_url, tmp_path):
    serve_atom(sources_env, server_url, "arxiv-empty.xml", id_list="2301.99999")
    result = _run("fetch", "2301.99999", "--out", str(tmp_path))
    assert result.exit_code == 2 and result.stderr == "error: not found on arXiv: 2301.99999\n"


def test_search_text(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-search-testing.xml", search_query="all:testing")
    result = _run("search", "testing", "--max", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1. Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques"
    assert lines[1] == "   arXiv:2202.12139v1 | 2022-02-24 | Mohit Kumar Ahuja et al."
    assert lines[2].startswith("   Deep Learning (DL) has revolutionized") and len(lines[2]) <= 103
    assert lines[3].startswith("2. ") and len(lines) == 6


def test_search_json_chemrxiv(sources_env, server_url):
    sources_env.expect_request("/crossref/works").respond_with_json(
        fixture_json("crossref-search-chemrxiv.json", server_url))
    result = _run("search", "graph", "neural", "--source", "chemrxiv", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [record["doi"] for record in records] == ["10.26434/chemrxiv-2023-vmbt3", "10.26434/chemrxiv.10001917/v1"]
    assert sources_env.log[0][0].args["query"] == "graph neural"


def test_search_empty(sources_env, server_url):
    sources_env.expect_request("/crossref/works").respond_with_json(
        fixture_json("crossref-search-empty.json", server_url))
    result = _run("search", "zzzqqq", "--source", "biorxiv")
    assert result.exit_code == 0 and result.stdout == "no results for 'zzzqqq' on biorxiv\n"


def test_search_bad_options():
    assert _run("search", "x", "--max", "0").exit_code == 2
    assert _run("search", "x", "--source", "pubmed").exit_code == 2
