"""`analyser fetch ID --pdf FILE` without the network: metadata read from the PDF, completed by --refresh."""

from __future__ import annotations

import json

from click.testing import CliRunner

from analyser.cli import cli
from analyser.sources import resolve
from sources_support import fixture_json, server_url, sources_env  # noqa: F401

DOI = "10.1039/d5dd00294j"
SLUG = "baghishov2026-mlip-tradeoff"


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def test_offline_attach_reads_the_pdf_then_refresh_completes_it_online(papers_dir, sources_env, server_url, tmp_path):
    pdf = papers_dir / f"{SLUG}.pdf"
    offline = _run("fetch", DOI, "--pdf", str(pdf), "--offline", "--out", str(tmp_path / "out"))
    assert offline.exit_code == 0, offline.output
    assert "title and authors read from the PDF, offline" in offline.stdout
    assert f"analyser fetch doi:{DOI} --refresh" in offline.stdout
    metadata = json.loads((tmp_path / "out" / f"doi-{DOI.replace('/', '-')}" / "metadata.json").read_text())
    assert metadata["from_pdf"] is True and metadata["doi"] == DOI
    assert metadata["title"].startswith("Application-specific machine-learned interatomic potentials")
    assert len(sources_env.log) == 0  # not one request
    cached = resolve(DOI, offline=True)  # in the cache: grading offline finds it
    assert cached.paper.from_pdf and cached.pdf_path.read_bytes() == pdf.read_bytes()

    sources_env.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        fixture_json("crossref-journal-oa.json", server_url))
    online = _run("fetch", DOI, "--refresh", "--out", str(tmp_path / "again"))
    assert online.exit_code == 0, online.output
    refreshed = resolve(DOI, offline=True)
    assert not refreshed.paper.from_pdf and refreshed.paper.published  # the source's metadata now
    assert refreshed.pdf_path.read_bytes() == pdf.read_bytes()  # and the PDF attached by hand kept


def test_the_source_unreachable_counts_as_offline(papers_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSER_CROSSREF_URL", "http://127.0.0.1:9/crossref")  # nothing listens there
    monkeypatch.setenv("ANALYSER_HTTP_RETRIES", "0")
    monkeypatch.setenv("ANALYSER_HTTP_BACKOFF", "0")
    result = _run("fetch", DOI, "--pdf", str(papers_dir / f"{SLUG}.pdf"), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "read from the PDF, offline" in result.stdout


def test_a_pdf_of_another_article_is_refused(papers_dir, tmp_path):
    other = papers_dir / "gao2024-ssl-gnn-polymer-properties.pdf"
    result = _run("fetch", DOI, "--pdf", str(other), "--offline", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "is the article doi:10.1039/d4me00088a, not doi:10.1039/d5dd00294j" in result.stderr
