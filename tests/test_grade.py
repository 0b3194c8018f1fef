"""`analyser grade` end to end on a real mbox of a small class (the cases of issue 7)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from test_grade_support import DUE, PAPER_SLUG, analysis, class_messages, mail, prime_cache, snapshot, write_mbox


def _grade(inputs: list[Path], out: Path, paper: Path | None, *extra: str):
    args = ["grade", *map(str, inputs), "--out", str(out), "--due", DUE, "--offline"]
    if paper:
        args += ["--paper", str(paper)]
    return CliRunner().invoke(cli, [*args, *extra])


@pytest.fixture(scope="module")
def paper(papers_dir) -> Path:
    return papers_dir / f"{PAPER_SLUG}.pdf"


@pytest.fixture(scope="module")
def graded(tmp_path_factory, paper):
    """The class of the issue graded once; the tests below only read it."""
    base = tmp_path_factory.mktemp("class")
    inputs = base / "in"
    inputs.mkdir()
    box = write_mbox(inputs / "class.mbox", class_messages())
    before = snapshot(inputs)
    result = _grade([box], base / "out", paper)
    return {"result": result, "out": base / "out", "inputs": inputs, "before": before, "box": box}


def _reports(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text()) for p in out.glob("*/report.json")}


def test_every_student_gets_a_report_and_the_corrupt_pdf_goes_to_manual_review(graded):
    result, out = graded["result"], graded["out"]
    assert result.exit_code == 0, result.output
    reports = _reports(out)
    assert set(reports) == {"alice-martin", "bob-durand", "carol-petit", "dan-roux", "erin-blanc", "frank-noir",
                            "grace-script-document-title-1-script"}
    for slug in reports:
        assert (out / slug / "report.html").is_file()
    erin = reports["erin-blanc"]
    assert erin["grading"]["flags"] == ["manual_review"] and "erin.pdf" in erin["grading"]["review"][0]
    assert "total" not in erin  # no score invented for an unreadable file
    assert "Erin Blanc" in result.output and "manual review" in result.output
    graded_ok = [r for slug, r in reports.items() if slug != "erin-blanc"]
    assert all(isinstance(r["total"], float) and len(r["criteria"]) == 6 for r in graded_ok)


def test_late_two_versions_body_and_hostile_name(graded):
    out, reports = graded["out"], _reports(graded["out"])
    assert "late" in reports["carol-petit"]["grading"]["flags"]
    assert not any("late" in r["grading"]["flags"] for s, r in reports.items() if s != "carol-petit")
    history = reports["bob-durand"]["grading"]["history"]
    assert [row["status"] for row in history] == ["not graded: a later version was graded", "graded"]
    assert reports["bob-durand"]["submission"].endswith("bob-v2.md")
    assert reports["dan-roux"]["submission"].endswith("body.txt")
    frank = Path(reports["frank-noir"]["submission"])
    assert frank.name == "passwd.txt" and out.resolve() in frank.resolve().parents
    assert not (graded["inputs"].parent / "etc").exists()


def test_inputs_are_never_modified(graded):
    assert snapshot(graded["inputs"]) == graded["before"]


def test_gradebook_is_importable_and_matches_the_reports(graded):
    out, reports = graded["out"], _reports(graded["out"])
    with (out / "gradebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7
    header = rows[0].keys()
    assert {"Student", "SIS Login ID", "Email address", "Late"} <= set(header)
    criteria = ["context", "framing", "model", "optimisation", "overfitting", "alternatives"]
    assert all(c in header for c in criteria)
    total_column = next(h for h in header if h.startswith("Total"))
    by_mail = {row["Email address"]: row for row in rows}
    for report in reports.values():
        row = by_mail[report["grading"]["email"]]
        if "total" in report:
            assert float(row[total_column]) == pytest.approx(report["total"])
            assert [int(row[c]) for c in criteria] == [c["score"] for c in report["criteria"]]
        else:
            assert row[total_column] == ""  # not graded is not zero
        assert row["Late"] == ("1" if "late" in report["grading"]["flags"] else "0")


def test_similar_pairs_are_listed_with_their_shared_passages_in_both_reports(graded):
    out = graded["out"]
    with (out / "similarity.csv").open(encoding="utf-8-sig", newline="") as handle:
        pairs = list(csv.DictReader(handle))
    assert pairs and all(float(p["similarity"]) >= 0.8 for p in pairs)
    # Alice and Bob hand in the same text but for one sentence.
    reports = _reports(out)
    alice_similar = {s["other"]: s for s in reports["alice-martin"]["grading"]["similar"]}
    passage = alice_similar["bob-durand"]["passages"][0]
    assert len(passage.split()) >= 12
    for slug in ("alice-martin", "bob-durand"):
        html = (out / slug / "report.html").read_text()
        assert "high similarity" in html and passage.split(":")[0][:40] in html
    # A student with an original text is not flagged.
    assert "high_similarity" not in reports["carol-petit"]["grading"]["flags"]


def test_student_text_is_inert_in_every_report(graded):
    out = graded["out"]
    grace = out / "grace-script-document-title-1-script"
    for page in out.glob("*/report.html"):
        html = page.read_text()
        assert "<script" not in html and "<img" not in html
    index = (out / "index.html").read_text()
    assert index.count("<script") == 1  # the sort script, and nothing from a student
    assert "&lt;script&gt;document.title=1&lt;/script&gt;" in index
    assert "&lt;script&gt;" in (grace / "report.html").read_text()
    # ... and in the e-mail that would carry the report.
    from email import message_from_bytes, policy

    from analyser.mailing import email_reports

    held = email_reports(out, "teacher@example.org")
    # The unreadable submission is held back for the instructor, not mailed.
    assert "erin-blanc" in held.held and not (held.outbox / "erin-blanc.eml").exists()
    outbox = email_reports(out, "teacher@example.org", include_unresolved=True).outbox
    message = message_from_bytes((outbox / f"{grace.name}.eml").read_bytes(), policy=policy.default)
    body = message.get_body(preferencelist=("html",)).get_content()
    assert "<script" not in body and "&lt;script&gt;" in body


def test_rerun_skips_unchanged_and_regrades_what_changed(tmp_path, paper):
    inputs = tmp_path / "in"
    inputs.mkdir()
    messages = [
        mail("Ann Lee <ann@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "a",
             attachments=[("ann.md", analysis("Ann Lee").encode(), "text/markdown")]),
        mail("Ben Ray <ben@x.fr>", "Sat, 28 Feb 2026 11:00:00 +0100", "b",
             attachments=[("ben.md", analysis("Ben Ray", variant="Ben's own remark on scaffold splits and leakage.").encode(), "text/markdown")]),
    ]
    box = write_mbox(inputs / "class.mbox", messages)
    out = tmp_path / "out"
    first = _grade([box], out, paper)
    assert first.exit_code == 0, first.output
    assert "2 graded, 0 unchanged" in first.output
    report_before = (out / "ann-lee" / "report.json").read_text()

    second = _grade([box], out, paper)
    assert "0 graded, 2 unchanged" in second.output, second.output
    assert (out / "ann-lee" / "report.json").read_text() == report_before

    # An interrupted run leaves the finished submissions in the ledger: the next resumes.
    entries = sorted((out / ".grading").glob("*.json"))
    ledger_entries = [e for e in entries if e.name not in ("similarity.json", "class.json")]
    assert len(ledger_entries) == 2
    ledger_entries[0].unlink()
    resumed = _grade([box], out, paper)
    assert "1 graded, 1 unchanged" in resumed.output, resumed.output

    # Ben sends a new version: only he is graded again.
    messages.append(mail("Ben Ray <ben@x.fr>", "Sun, 01 Mar 2026 11:00:00 +0100", "b2",
                         attachments=[("ben2.md", analysis("Ben Ray", variant="A second thought.").encode(), "text/markdown")]))
    write_mbox(inputs / "class2.mbox", messages[2:])
    third = _grade([box, inputs / "class2.mbox"], out, paper)
    assert "1 graded, 1 unchanged" in third.output, third.output

    # A changed rubric re-grades everyone.
    from analyser.resources import rubrics_dir

    rubric = tmp_path / "strict.toml"
    rubric.write_text((rubrics_dir() / "ml-paper-analysis.toml").read_text().replace("scale = 20", "scale = 10", 1))
    fourth = _grade([box, inputs / "class2.mbox"], out, paper, "--rubric", str(rubric))
    assert "2 graded, 0 unchanged" in fourth.output, fourth.output
    assert json.loads((out / "ann-lee" / "report.json").read_text())["scale"] == 10


def test_parallel_jobs_give_the_same_grades(graded, tmp_path, paper):
    result = _grade([graded["box"]], tmp_path / "out", paper, "--jobs", "2")
    assert result.exit_code == 0, result.output
    serial, parallel = _reports(graded["out"]), _reports(tmp_path / "out")
    assert {s: r.get("total") for s, r in serial.items()} == {s: r.get("total") for s, r in parallel.items()}


def test_an_article_that_cannot_be_had_flags_review_and_the_others_go_on(tmp_path, paper):
    box = write_mbox(tmp_path / "c.mbox", [
        mail("Ann Lee <ann@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "a",
             attachments=[("ann.md", analysis("Ann Lee", link="arXiv:2401.00001").encode(), "text/markdown")]),
        mail("Ben Ray <ben@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "b",
             attachments=[("ben.md", analysis("Ben Ray").encode(), "text/markdown")]),
    ])
    prime_cache(paper)  # Ben's article is in the cache, Ann's is not
    result = _grade([box], tmp_path / "out", None)  # each link resolved, offline
    assert result.exit_code == 0, result.output
    reports = _reports(tmp_path / "out")
    ann = reports["ann-lee"]
    assert "manual_review" in ann["grading"]["flags"] and "could not be had" in " ".join(ann["grading"]["review"])
    assert isinstance(ann["total"], float)  # still scored, without the consistency check
    ben = reports["ben-ray"]
    assert "manual_review" not in ben["grading"]["flags"] and ben["consistency"]


def test_errors_a_user_can_cause(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["grade", str(tmp_path / "nope.mbox"), "--out", str(tmp_path / "o")])
    assert missing.exit_code == 2 and "nope.mbox" in missing.output and "Traceback" not in missing.output
    (tmp_path / "a.md").write_text("text")
    bad_due = runner.invoke(cli, ["grade", str(tmp_path / "a.md"), "--out", str(tmp_path / "o"), "--due", "soon"])
    assert bad_due.exit_code == 2 and "--due" in bad_due.output
    (tmp_path / "file").write_text("x")
    bad_out = runner.invoke(cli, ["grade", str(tmp_path / "a.md"), "--out", str(tmp_path / "file")])
    assert bad_out.exit_code == 2
