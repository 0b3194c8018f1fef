"""`analyser check` on the command line: formats, errors, escaping."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from analyser.cli import cli

TEXT = (
    "Name: Ada Lovelace\n\nArticle: https://doi.org/10.1000/xyz123\n\n"
    "## Model\n\nThe model is a graph neural network; <script>document.title='pwned'</script> "
    "I think three layers are too few because they only see three bonds.\n"
)
CONTRACT_KEYS = {"submission", "rubric", "student", "article", "pages", "pages_estimated", "words", "criteria", "checks", "consistency", "total", "scale"}


@pytest.fixture
def submission(tmp_path):
    path = tmp_path / "draft.txt"  # plain text keeps the tag as written
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_text_output_is_a_table_with_checks(submission):
    result = CliRunner().invoke(cli, ["check", str(submission), "--offline"])
    assert result.exit_code == 0, result.output
    assert "criterion" in result.output and "score" in result.output
    for title in ("Context", "Model", "Alternatives", "total"):
        assert title in result.output
    for check_id in ("page_limit", "student_name", "article_link", "deadline", "is_analysis"):
        assert check_id in result.output


def test_json_output_has_exactly_the_contract_keys(submission):
    result = CliRunner().invoke(cli, ["check", str(submission), "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == CONTRACT_KEYS
    assert set(data["student"]) == {"name"} and data["student"]["name"] == "Ada Lovelace"
    assert set(data["article"]) == {"link", "identifier"}
    assert [c["id"] for c in data["criteria"]] == ["context", "framing", "model", "optimisation", "overfitting", "alternatives"]
    for criterion in data["criteria"]:
        assert set(criterion) == {"id", "score", "max", "evidence", "feedback"}
        assert criterion["max"] == 3 and 0 <= criterion["score"] <= 3
        for item in criterion["evidence"]:
            assert set(item) == {"quote", "page"}
    assert [c["id"] for c in data["checks"]] == ["page_limit", "student_name", "article_link", "deadline", "is_analysis"]
    for check in data["checks"]:
        assert set(check) == {"id", "passed", "detail"}
    assert data["scale"] == 20 and isinstance(data["total"], float)


def test_html_output_escapes_the_submission(submission, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", str(submission), "--offline", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "report written to" in result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "<link" not in page  # self-contained


@pytest.mark.browser
def test_html_report_runs_no_student_script_in_a_browser(submission, tmp_path):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(chromium):
        pytest.skip("no chromium")
    out = tmp_path / "report.html"
    CliRunner().invoke(cli, ["check", str(submission), "--offline", "--format", "html", "--out", str(out)])
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--dump-dom", out.as_uri()],
        capture_output=True, text=True, timeout=60,
    ).stdout
    assert "Ada Lovelace" in dom
    assert "<title>pwned</title>" not in dom
    assert "&lt;script&gt;" in dom


def test_unreadable_submission_exits_2_with_one_line(tmp_path):
    broken = tmp_path / "draft.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf\x00\x01")
    result = CliRunner().invoke(cli, ["check", str(broken), "--offline"])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "draft.pdf" in result.output
    assert result.output.strip().count("\n") == 0
    assert "Traceback" not in result.output


def test_missing_submission_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "none.md"), "--offline"])
    assert result.exit_code == 2
    assert "none.md" in result.output and "Traceback" not in result.output


def test_bad_dates_and_rubric_exit_2(submission, tmp_path):
    runner = CliRunner()
    bad_due = runner.invoke(cli, ["check", str(submission), "--offline", "--due", "tomorrow"])
    assert bad_due.exit_code == 2 and "--due 'tomorrow' is not an ISO date-time" in bad_due.output
    bad_rubric = runner.invoke(cli, ["check", str(submission), "--offline", "--rubric", str(tmp_path / "r.toml")])
    assert bad_rubric.exit_code == 2 and "r.toml" in bad_rubric.output


def test_deadline_from_the_command_line(submission):
    result = CliRunner().invoke(cli, [
        "check", str(submission), "--offline", "--format", "json",
        "--submitted-at", "2026-12-16T08:00:00+01:00", "--due", "2026-12-15T23:59:00+01:00",
    ])
    assert result.exit_code == 0, result.output
    deadline = next(c for c in json.loads(result.output)["checks"] if c["id"] == "deadline")
    assert deadline["passed"] is False and "after the due date" in deadline["detail"]


def test_check_module_imports_no_heavy_modules():
    code = "import sys, analyser.commands.check, analyser.commands.rubric; print(sorted(m for m in ('numpy','sklearn','pypdf','pypdfium2','docx','matplotlib','requests','arxiv') if m in sys.modules))"
    output = subprocess.run(["python", "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
