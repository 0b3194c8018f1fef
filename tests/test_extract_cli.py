"""`analyser extract`: the three output formats, the engine option, errors as one line + exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.documents.pdfwrite import simple_pdf

BODY = "We fitted a Gaussian process to 120 measured particles. It predicts the size within 0.3 um."


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.pdf"
    path.write_bytes(
        simple_pdf(
            [
                f"Running head of the journal 2024\nAbstract\n{BODY}\n1",
                f"Running head of the journal 2024\n1 Introduction\n{BODY}\n2",
                "Running head of the journal 2024\nReferences\n1. A. Smith, Nature 1, 2020.\n3",
            ],
            title="Particles",
        )
    )
    return path


def _run(*args: str):
    return CliRunner().invoke(cli, ["extract", *args])


def test_text_is_the_cleaned_body_without_references(article: Path):
    result = _run(str(article))
    assert result.exit_code == 0, result.output
    assert BODY in result.output
    assert "A. Smith" not in result.output
    assert "Running head" not in result.output


def test_json_is_the_whole_document(article: Path):
    result = _run(str(article), "--format", "json", "--pdf-engine", "pypdf")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["engine"] == "pypdf" and data["kind"] == "pdf" and data["page_count"] == 3
    assert data["metadata"]["title"] == "Particles"
    assert "A. Smith, Nature 1, 2020." in data["references"]
    assert [s["kind"] for s in data["sections"]] == ["abstract", "introduction", "references"]
    assert {s["page"] for s in data["sentences"]} == {1, 2}


def test_sections_lists_headings_with_kind_and_page(article: Path):
    result = _run(str(article), "--format", "sections", "--pdf-engine", "pdfium")
    assert result.exit_code == 0, result.output
    assert "## Abstract  [abstract, page 1," in result.output
    assert "## 1 Introduction  [introduction, page 2," in result.output
    assert "3 pages," in result.output and "(estimated)" not in result.output


def test_non_pdf_pages_are_flagged_estimated(tmp_path: Path):
    path = tmp_path / "notes.md"
    path.write_text(f"# Results\n\n{BODY}\n", encoding="utf-8")
    result = _run(str(path), "--format", "sections")
    assert result.exit_code == 0, result.output
    assert "1 pages (estimated)" in result.output


def test_bad_engine_is_a_usage_error(article: Path):
    result = _run(str(article), "--pdf-engine", "ocr")
    assert result.exit_code == 2
    assert "ocr" in result.output


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.pdf", None, "no such file"),
        ("empty.txt", b"", "empty document"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "corrupt or truncated PDF"),
        ("image.bin", b"\x00\x01\x02\x03" * 50, "unknown document type"),
    ],
)
def test_user_errors_print_one_line_and_exit_2_in_a_real_process(tmp_path: Path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "analyser", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and str(path) in lines[0] and words in lines[0]
    assert "Traceback" not in result.stderr


def test_size_limit_option(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text(BODY * 10, encoding="utf-8")
    result = _run(str(path), "--max-bytes", "50")
    assert result.exit_code == 2
    assert "file too large" in result.output
