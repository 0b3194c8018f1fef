"""The QA tester's bugs on `grade`, `email` and `demo` (issue 7), each pinned by a test."""

from __future__ import annotations

import csv
import email
import email.policy
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.grading.similarity import MAX_PASSAGE_CHARS, MAX_PASSAGES, shared_passages, similar_pairs
from test_grade_support import DUE, PAPER_SLUG, analysis, mail, write_mbox

DEMO = Path(__file__).resolve().parent.parent / "analyser" / "demo_data" / "submissions"


def _run(*args: str):
    return CliRunner().invoke(cli, [*map(str, args)])


@pytest.fixture(scope="module")
def paper(papers_dir) -> Path:
    return papers_dir / f"{PAPER_SLUG}.pdf"


def _no_date(message):
    del message["Date"]
    return message


@pytest.fixture(scope="module")
def qa_class(tmp_path_factory, paper):
    """One mbox with every case of the QA report, graded once; the tests only read it."""
    base = tmp_path_factory.mktemp("qa")
    md = "text/markdown"
    nobody = email.message.EmailMessage()
    nobody["Subject"] = "(no subject)"
    box = write_mbox(base / "class.mbox", [
        mail("Ann Lee <ann@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "analysis",
             attachments=[("ann.md", analysis("Ann Lee").encode(), md)]),
        # No display name, and no name in the analysis: the Student cell falls back to the address.
        mail("s.dupont@x.fr", "Sat, 28 Feb 2026 11:00:00 +0100", "my analysis",
             body=(DEMO / "anonymous.md").read_text(encoding="utf-8")),
        # French: the e-mail must be in French.
        mail("Hugo Bernard <hugo@x.fr>", "Sat, 28 Feb 2026 12:00:00 +0100", "Analyse ML",
             attachments=[("hugo.md", (DEMO / "hugo-bernard.md").read_bytes(), md)]),
        # No Date header: flagged and held for review.
        _no_date(mail("Noé Temps <noe@x.fr>", "Sat, 28 Feb 2026 13:00:00 +0100", "analysis",
                      attachments=[("noe.md", analysis("Noé Temps", variant="Noé forgot nothing but the date.").encode(), md)])),
        # Unreadable: counted as "could not be graded", not as graded.
        mail("Erin Blanc <erin@x.fr>", "Sat, 28 Feb 2026 14:00:00 +0100", "pdf",
             attachments=[("erin.pdf", b"%PDF-1.7\ngarbage", "application/pdf")]),
        # No sender, nothing to grade: listed, never made into a student.
        nobody,
    ])
    out = base / "out"
    result = _run("grade", box, "--out", out, "--due", DUE, "--offline", "--paper", paper)
    assert result.exit_code == 0, result.output
    return {"result": result, "out": out, "box": box}


def _students(out: Path) -> dict[str, dict]:
    return {s["slug"]: s for s in json.loads((out / "students.json").read_text())["students"]}


# Bug 1: an output folder that cannot be created is a one-line error, exit 2.

@pytest.mark.parametrize("where", ["proc", "under-a-file"])
def test_an_output_folder_that_cannot_be_created_is_a_one_line_error(tmp_path, where, eval_dev_dir):
    (tmp_path / "empty.md").write_text("")
    out = "/proc/analyser-x" if where == "proc" else tmp_path / "empty.md" / "sub"
    for args in (["grade", eval_dev_dir / "analyses" / "d01.md", "--out", out], ["demo", "--out", out]):
        result = _run(*args)
        assert result.exit_code == 2, result.output
        assert result.output == f"error: {out}: cannot create the output folder ({result.output.split('(')[-1]}"
        assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_email_outbox_that_cannot_be_created_and_a_bad_sender_are_errors(tmp_path):
    (tmp_path / "students.json").write_text(json.dumps({"students": []}))
    (tmp_path / "outbox").write_text("a file where the outbox should go")
    result = _run("email", tmp_path, "--from", "Teacher <teacher@example.org>")
    assert result.exit_code == 2 and "cannot create the outbox folder" in result.output, result.output
    for sender in ("notanaddress", "Prof <x@>", "a@b.fr, c@d.fr"):
        result = _run("email", tmp_path, "--from", sender)
        assert result.exit_code == 2 and "not an e-mail address" in result.output, result.output
        assert "Traceback" not in result.output


# Bug 2: nothing found is an error; no student is invented; failures are counted as such.

def test_no_submission_at_all_is_an_error_naming_the_inputs(tmp_path):
    (tmp_path / "emptydir").mkdir()
    result = _run("grade", tmp_path / "emptydir", "--out", tmp_path / "gout")
    assert result.exit_code == 2 and "no submission found" in result.output and "emptydir" in result.output
    (tmp_path / "nobody.mbox").write_text("From nobody\nhello, this is not an e-mail\n")
    result = _run("grade", tmp_path / "nobody.mbox", "--out", tmp_path / "gout")
    assert result.exit_code == 2 and "nobody.mbox" in result.output, result.output
    assert not list((tmp_path / "gout").glob("*/report.json"))


def test_a_message_without_sender_or_content_is_listed_not_made_a_student(qa_class):
    out, output = qa_class["out"], qa_class["result"].output
    students = _students(out)
    assert set(students) == {"ann-lee", "s-dupont-x-fr", "hugo-bernard", "noe-temps", "erin-blanc"}
    assert "1 message(s) with no sender and nothing to grade" in output and "class.mbox, message 6" in output
    assert "class.mbox, message 6" in (out / "index.html").read_text()
    with (out / "gradebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 5


def test_an_unreadable_submission_is_counted_as_not_graded(qa_class):
    assert "5 student(s): 4 graded, 0 unchanged since the last run, 1 could not be graded" in qa_class["result"].output


def test_no_progress_bar_is_left_on_a_stderr_that_is_not_a_terminal(qa_class):
    assert "grading" not in qa_class["result"].stderr


# Bug 3: shared passages are bounded.

def test_shared_passages_of_a_copied_document_are_few_and_short():
    document = " ".join(f"word{i} of the copied analysis" for i in range(1400))  # ~7,000 words
    passages = shared_passages(document, document)
    assert 1 <= len(passages) <= MAX_PASSAGES
    assert all(len(p) <= MAX_PASSAGE_CHARS and p.endswith("…") for p in passages)
    # Runs of eight shared words count; shorter ones do not.
    eight = "alpha beta gamma delta epsilon zeta eta theta"
    assert shared_passages(f"x {eight} y", f"z {eight} q") == [eight]
    assert shared_passages("x alpha beta gamma y", "z alpha beta gamma q") == []


def test_similarity_csv_holds_a_bounded_passage(tmp_path, paper):
    text = analysis("Ann Lee") * 6  # a long document, copied whole
    box = write_mbox(tmp_path / "c.mbox", [
        mail(f"{n} <{a}>", "Sat, 28 Feb 2026 10:00:00 +0100", "x", attachments=[(f"{a[:3]}.md", text.encode(), "text/markdown")])
        for n, a in [("Ann Lee", "ann@x.fr"), ("Ben Ray", "ben@x.fr")]])
    result = _run("grade", box, "--out", tmp_path / "out", "--offline", "--paper", paper)
    assert result.exit_code == 0, result.output
    with (tmp_path / "out" / "similarity.csv").open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert 0 < len(row["longest_shared_passage"]) <= MAX_PASSAGE_CHARS
    report = json.loads((tmp_path / "out" / "ann-lee" / "report.json").read_text())
    assert all(len(p) <= MAX_PASSAGE_CHARS for s in report["grading"]["similar"] for p in s["passages"])
    assert similar_pairs({"a": text, "b": text})[0].passages[0].endswith("…")


# Bug 4: French students get a French e-mail.

def test_the_email_is_in_the_language_of_the_submission(qa_class, tmp_path):
    out = shutil.copytree(qa_class["out"], tmp_path / "out")
    result = _run("email", out, "--from", "Teacher <teacher@example.org>", "--include-unresolved")
    assert result.exit_code == 0, result.output
    read = {p.stem: email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in (out / "outbox").glob("*.eml")}
    hugo, ann = read["hugo-bernard"], read["ann-lee"]
    assert "votre analyse" in hugo["Subject"] and "your ML analysis" in ann["Subject"]
    text = hugo.get_body(preferencelist=("plain",)).get_content()
    html = hugo.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("Bonjour Hugo Bernard,") and "Dear" not in text
    assert 'lang="fr"' in html and "Critère" in html and "Criterion" not in html
    assert ann.get_body(preferencelist=("plain",)).get_content().startswith("Dear Ann Lee,")


# Bug 5: names, the overview's header, messages without a date.

def test_a_student_without_a_name_gets_a_stand_in_and_the_no_name_flag(qa_class):
    out = qa_class["out"]
    with (out / "gradebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Email address"]: row for row in csv.DictReader(handle)}
    assert all(row["Student"] for row in rows.values())
    assert rows["s.dupont@x.fr"]["Student"] == "s.dupont"
    assert "no_name" in _students(out)["s-dupont-x-fr"]["flags"]
    assert "no_name" not in _students(out)["ann-lee"]["flags"]


def test_the_overview_header_separates_its_parts(qa_class):
    html = (qa_class["out"] / "index.html").read_text()
    summary = html.split('id="summary">')[1].split("</p>")[0]
    assert "· graded this run" in summary and "UTC+01:00 ·" in summary and "00·" not in summary


def test_a_message_without_a_date_is_flagged_and_held(qa_class, tmp_path):
    noe = _students(qa_class["out"])["noe-temps"]
    assert "no_time" in noe["flags"] and "manual_review" in noe["flags"]
    out = shutil.copytree(qa_class["out"], tmp_path / "out")
    result = _run("email", out, "--from", "teacher@example.org")
    assert "held for manual review" in result.output and "noe-temps" in result.output.split("held")[1]


# Bug 6: a second identical run re-grades nothing, whatever --jobs and the article's path.

def test_a_second_identical_run_with_two_jobs_skips_everything(tmp_path, paper):
    messages = [mail(f"Student {i} <s{i}@x.fr>", f"Sat, 28 Feb 2026 1{i}:00:00 +0100", "a",
                     attachments=[(f"s{i}.md", analysis(f"Student {i}", variant=f"Remark number {i} on splits.").encode(),
                                   "text/markdown")]) for i in range(4)]
    box = write_mbox(tmp_path / "class.mbox", messages)
    out = tmp_path / "out"
    first = _run("grade", box, "--out", out, "--offline", "--paper", paper, "--jobs", "2")
    assert "4 graded, 0 unchanged" in first.output, first.output
    second = _run("grade", box, "--out", out, "--offline", "--paper", paper, "--jobs", "2")
    assert "0 graded, 4 unchanged" in second.output, second.output
    # The same article by another path, and online instead of --offline: still the same grades.
    moved = shutil.copy(paper, tmp_path / "article.pdf")
    third = _run("grade", box, "--out", out, "--paper", moved, "--jobs", "2")
    assert "0 graded, 4 unchanged" in third.output, third.output


def test_the_grading_code_version_reads_no_file():
    from analyser import __version__
    from analyser.grading import ledger

    assert ledger.code_fingerprint() == f"{__version__}+grading.{ledger.GRADING_VERSION}"
