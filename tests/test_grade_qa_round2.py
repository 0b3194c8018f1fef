"""The QA tester's second round on `grade` and `email` (issue 7), each bug pinned by a test."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from test_grade_support import DUE, PAPER_SLUG, analysis, mail, write_mbox

DEMO = Path(__file__).resolve().parent.parent / "analyser" / "demo_data" / "submissions"
MD = "text/markdown"
NEVER_CACHED = "https://doi.org/10.9999/analyser-test.never-cached"


def _run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


@pytest.fixture(scope="module")
def paper(papers_dir) -> Path:
    return papers_dir / f"{PAPER_SLUG}.pdf"


@pytest.fixture(scope="module")
def graded(tmp_path_factory, paper):
    """An English and a French student, graded once against the class's article."""
    base = tmp_path_factory.mktemp("round2")
    box = write_mbox(base / "class.mbox", [
        mail("Ann Lee <ann@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "analysis",
             attachments=[("ann.md", analysis("Ann Lee").encode(), MD)]),
        mail("Hugo Bernard <hugo@x.fr>", "Sat, 28 Feb 2026 12:00:00 +0100", "Analyse ML",
             attachments=[("hugo.md", (DEMO / "hugo-bernard.md").read_bytes(), MD)]),
    ])
    out = base / "out"
    result = _run("grade", box, "--out", out, "--due", DUE, "--offline", "--paper", paper)
    assert result.exit_code == 0, result.output
    return {"out": out, "box": box}


def _copy(graded, tmp_path) -> Path:
    return Path(shutil.copytree(graded["out"], tmp_path / "g"))


# Bug 1: an existing output folder that cannot be written: one line, exit 2, before grading.

def test_an_output_folder_that_cannot_be_written_is_a_one_line_error(eval_dev_dir):
    result = _run("grade", eval_dev_dir / "analyses" / "d01.md", "--out", "/proc")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: /proc: cannot write in the output folder (")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_output_folder_is_refused_before_grading(tmp_path, eval_dev_dir):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = _run("grade", eval_dev_dir / "analyses" / "d01.md", "--out", out, "--offline")
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {out}: cannot write in the output folder (")


# Bug 2: a damaged grade folder: one line for students.json, one student skipped for a missing report.

@pytest.mark.parametrize("content", ["[]", '{"students": {}}', '{"students": [1]}', '{"students": [{"slug": "x"}]}'])
def test_a_students_json_of_the_wrong_shape_is_called_damaged(graded, tmp_path, content):
    folder = _copy(graded, tmp_path)
    (folder / "students.json").write_text(content)
    result = _run("email", folder, "--from", "prof@univ.fr")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {folder / 'students.json'}: damaged (")
    assert "run `analyser grade` again" in result.output and result.output.count("\n") == 1


def test_a_missing_report_skips_that_student_only(graded, tmp_path):
    folder = _copy(graded, tmp_path)
    (folder / "hugo-bernard" / "report.html").unlink()
    result = _run("email", folder, "--from", "prof@univ.fr", "--include-unresolved")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "1 message(s) written" in result.output
    assert re.search(r"hugo-bernard: .*report\.html: missing", result.output), result.output
    assert [p.name for p in (folder / "outbox").glob("*.eml")] == ["ann-lee.eml"]


def test_a_missing_report_json_skips_that_student_only(graded, tmp_path):
    folder = _copy(graded, tmp_path)
    (folder / "ann-lee" / "report.json").unlink()
    result = _run("email", folder, "--from", "prof@univ.fr", "--include-unresolved")
    assert result.exit_code == 1, result.output
    assert "ann-lee: " in result.output and "hugo-bernard" not in result.output.split("skipped")[0]
    assert [p.name for p in (folder / "outbox").glob("*.eml")] == ["hugo-bernard.eml"]


# Bug 3: scored without the article is not "graded": counted apart, for manual review.

def test_submissions_whose_article_could_not_be_had_are_not_counted_as_graded(tmp_path):
    box = write_mbox(tmp_path / "class.mbox", [
        mail(f"Student {i} <s{i}@x.fr>", f"Sat, 28 Feb 2026 1{i}:00:00 +0100", "a",
             attachments=[(f"s{i}.md", analysis(f"Student {i}", variant=f"Remark {i}.", link=NEVER_CACHED).encode(), MD)])
        for i in range(3)])
    out = tmp_path / "g"
    result = _run("grade", box, "--out", out, "--offline")  # nothing cached: no article for anyone
    assert result.exit_code == 0, result.output
    assert "3 student(s): 0 graded, 0 unchanged since the last run, graded without the article: 3 (manual review)" \
        in result.output, result.output
    index = (out / "index.html").read_text()
    assert "graded this run: 0, unchanged: 0, graded without the article: 3 (manual review)" in index
    again = _run("grade", box, "--out", out, "--offline")
    assert "0 graded, 0 unchanged since the last run, graded without the article: 3" in again.output, again.output


# Bug 4: the report's fixed words follow the submission's language.

def test_a_french_submission_gets_a_french_report(graded):
    html = (graded["out"] / "hugo-bernard" / "report.html").read_text()
    assert '<html lang="fr">' in html
    for french in ("<h2>Critères</h2>", "<h2>Vérifications</h2>", "réussi", "Rendus reçus", "<th>Critère</th>"):
        assert french in html, french
    for english in ("<h2>Criteria</h2>", "<h2>Checks</h2>", ">pass<", "Consistency with the article",
                    "Submissions received", "analysis report"):
        assert english not in html, english
    assert json.loads((graded["out"] / "hugo-bernard" / "report.json").read_text())["grading"]["language"] == "fr"


def test_an_english_submission_keeps_an_english_report(graded):
    html = (graded["out"] / "ann-lee" / "report.html").read_text()
    assert '<html lang="en">' in html and "<h2>Criteria</h2>" in html and ">pass<" in html
    assert "Critères" not in html


# Bug 5: an existing folder of unrelated files is not a grade output.

def test_a_non_empty_folder_without_a_previous_grading_is_refused(graded, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("mine")
    result = _run("grade", graded["box"], "--out", out, "--offline")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {out}: is not empty") and "--force" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["thesis.tex"]  # nothing written
    forced = _run("grade", graded["box"], "--out", out, "--offline", "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "index.html").is_file() and (out / "thesis.tex").read_text() == "mine"


def test_a_previous_grading_folder_and_an_empty_folder_are_accepted(graded, tmp_path, paper):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run("grade", graded["box"], "--out", empty, "--offline", "--paper", paper).exit_code == 0
    again = _run("grade", graded["box"], "--out", empty, "--offline", "--paper", paper)
    assert again.exit_code == 0 and "0 graded, 2 unchanged" in again.output, again.output
