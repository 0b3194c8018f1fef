"""`analyser template` on the command line: files, formats, refusals, errors without tracebacks."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from analyser.cli import cli

PAPER = "ward2016-general-purpose-ml-inorganic-materials.pdf"


@pytest.fixture()
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, ["template", *map(str, args)])


def test_writes_the_default_file_here_and_refuses_to_overwrite(papers_dir, in_tmp):
    result = run(papers_dir / PAPER, "--name", "Marie Curie")
    assert result.exit_code == 0, result.output
    out = in_tmp / "analysis-template.md"
    assert "analysis-template.md" in result.output and "6 sections" in result.output
    text = out.read_text(encoding="utf-8")
    assert "Name: Marie Curie" in text and "Article: https://doi.org/10.1038/npjcompumats.2016.28" in text

    out.write_text("my draft", encoding="utf-8")
    again = run(papers_dir / PAPER)
    assert again.exit_code == 2
    assert again.output.startswith("error: ") and "analysis-template.md" in again.output
    assert "Traceback" not in again.output
    assert out.read_text(encoding="utf-8") == "my draft"

    forced = run(papers_dir / PAPER, "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8").startswith("# ML analysis of")


@pytest.mark.parametrize("fmt", ["md", "tex", "docx", "html"])
def test_the_format_follows_the_extension_of_out(papers_dir, in_tmp, fmt):
    result = run(papers_dir / PAPER, "--out", f"mine.{fmt}", "--lang", "fr")
    assert result.exit_code == 0, result.output
    head = (in_tmp / f"mine.{fmt}").read_bytes()[:200]
    expected = {"md": b"# Analyse ML de", "tex": b"\\documentclass", "docx": b"PK\x03\x04", "html": b"<!DOCTYPE html>"}[fmt]
    assert head.startswith(expected)


def test_format_option_names_the_default_file(papers_dir, in_tmp):
    result = run(papers_dir / PAPER, "--format", "docx")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "analysis-template.docx").read_bytes()[:4] == b"PK\x03\x04"


def test_no_folder_is_made_for_you(in_tmp):
    # PAPER's name is checked first (a missing file is told before the output), so give one.
    (in_tmp / "article.md").write_text("# An article\n\nWe train a random forest.\n", encoding="utf-8")
    result = run("article.md", "--out", in_tmp / "sub" / "mine.md")
    assert result.exit_code == 2 and "does not exist" in result.output and "mine.md" in result.output


def test_errors_are_one_line_without_traceback(in_tmp):
    not_a_paper = run("certainly not a paper identifier")
    assert not_a_paper.exit_code == 2
    assert not_a_paper.output.startswith("error: ") and len(not_a_paper.output.strip().splitlines()) == 1

    broken = in_tmp / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = run(broken)
    assert result.exit_code == 2, result.output
    assert "broken.pdf" in result.output and "Traceback" not in result.output
    assert not (in_tmp / "analysis-template.md").exists()

    missing_rubric = run(broken, "--rubric", in_tmp / "nope.toml")
    assert missing_rubric.exit_code == 2 and "nope.toml" in missing_rubric.output


def test_bad_options_are_refused_by_click(in_tmp):
    assert run("x.pdf", "--format", "odt").exit_code == 2
    assert run("x.pdf", "--lang", "de").exit_code == 2


def test_help_lists_the_options():
    result = run("--help")
    assert result.exit_code == 0
    for option in ("--format", "--name", "--lang", "--rubric", "--out", "--force"):
        assert option in result.output


DOI = "10.1038/npjcompumats.2016.28"
TITLE = "A general-purpose machine learning framework for predicting properties of inorganic materials"


@pytest.fixture()
def crossref(httpserver, monkeypatch):
    """A local Crossref that knows the article (and, if served, its PDF): no network."""
    monkeypatch.setenv("ANALYSER_CROSSREF_URL", httpserver.url_for("/").rstrip("/"))
    monkeypatch.setenv("ANALYSER_HTTP_RETRIES", "0")
    message = {
        "DOI": DOI, "title": [TITLE], "author": [{"given": "Logan", "family": "Ward"}],
        "abstract": "<jats:p>A very active area of materials research is to devise methods that use machine "
                    "learning to automatically extract predictive models from existing materials data. "
                    "We created a general-purpose framework for inorganic materials.</jats:p>",
        "URL": f"https://doi.org/{DOI}",
        "link": [{"URL": httpserver.url_for("/paper.pdf"), "content-type": "application/pdf"}],
    }
    httpserver.expect_request(f"/works/{DOI}").respond_with_json({"status": "ok", "message": message})
    return httpserver


def test_a_doi_is_fetched_and_its_metadata_fills_the_title_block(crossref, papers_dir, in_tmp):
    crossref.expect_request("/paper.pdf").respond_with_data(
        (papers_dir / PAPER).read_bytes(), content_type="application/pdf")
    result = run(DOI, "--name", "Marie Curie")
    assert result.exit_code == 0, result.output
    text = (in_tmp / "analysis-template.md").read_text(encoding="utf-8")
    assert f"# ML analysis of “{TITLE}”" in text
    assert f"Article: https://doi.org/{DOI}" in text
    assert text.count("From the article, p.") >= 6  # the facts of the downloaded PDF


def test_without_its_pdf_the_template_still_comes_with_the_abstract(crossref, in_tmp):
    crossref.expect_request("/paper.pdf").respond_with_data("gone", status=404)
    result = run(DOI, "--format", "html")
    assert result.exit_code == 0, result.output
    assert "note: no PDF" in result.output
    html = (in_tmp / "analysis-template.html").read_text(encoding="utf-8")
    assert "general-purpose framework for inorganic materials" in html
    assert "From the article, p." not in html  # no page to cite without the PDF
