"""`analyser check` on the command line: formats, errors, escaping."""

from __future__ import annotations

import json
import re
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
        assert set(criterion) == {"id", "score", "max", "evidence", "feedback", "review"}
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
    assert bad_due.exit_code == 2 and "--due 'tomorrow' is not an ISO date" in bad_due.output
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


def test_an_explicit_paper_that_does_not_exist_exits_2(submission, tmp_path):
    result = CliRunner().invoke(cli, ["check", str(submission), "--offline", "--paper", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "missing.pdf" in result.output
    assert result.output.strip().count("\n") == 0 and "Traceback" not in result.output


def test_an_unreadable_explicit_paper_exits_2(submission, tmp_path):
    broken = tmp_path / "paper.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot a pdf\x00")
    result = CliRunner().invoke(cli, ["check", str(submission), "--offline", "--paper", str(broken)])
    assert result.exit_code == 2 and "paper.pdf" in result.output and "Traceback" not in result.output


def _text_report(path, *args):
    result = CliRunner().invoke(cli, ["check", str(path), "--offline", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_text_output_gives_one_word_count_and_says_template_text_was_excluded(tmp_path):
    guidance = "Guiding questions: Which model family is used, and what is its structure? How are the inputs represented? ¶\n\n"
    template = "Name: [Your name]\n\n" + "".join(f"## Part {i}\n\n{guidance}" for i in range(30)) + "The model is a GNN.\n"
    path = tmp_path / "template.md"
    path.write_text(template, encoding="utf-8")
    output = _text_report(path)
    from analyser.checking import check as run_check

    report = run_check(path, offline=True)
    assert report.template_words > 300 and report.words < 100
    counts = {int(n) for n in re.findall(r"(\d+) words(?! a page| of template)", output)}
    assert counts == {report.words}, output  # header and page estimate agree
    assert "template guidance not counted" in output


def test_text_output_wraps_details_instead_of_cutting_words_and_shows_evidence(submission):
    output = _text_report(submission)
    from analyser.checking import check as run_check

    report = run_check(submission, offline=True)
    flat = " ".join(output.split())
    for check_result in report.checks:
        assert " ".join(check_result.detail.split()) in flat  # whole, wrapped over lines if long
    assert "…" not in "".join(line for line in output.splitlines() if "is_analysis" in line)
    model = next(c for c in report.criteria if c.id == "model")
    assert model.evidence and f"(p. {model.evidence[0].page})" in output
    assert "graph neural network" in output  # the top quote of the model's score
    assert "--format html" in output


def test_consistency_summary_has_no_double_negative(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text("# Paper\n\nWe train a random forest with 500 trees on 1128 molecules and report the error.\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("Name: Ada Lovelace\n\n## Model\n\nThe model is a random forest with 500 trees, trained on 1128 molecules.\n",
                     encoding="utf-8")
    output = _text_report(draft, "--paper", str(paper))
    assert "claim(s) checked are all supported" in output
    assert "0 of" not in output and "not supported" not in output


def test_the_report_never_overwrites_the_submission(submission):
    before = submission.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(submission), "--offline", "--out", str(submission)])
    assert result.exit_code == 2 and "--out is the submission itself" in result.output
    assert submission.read_bytes() == before
