"""The review: the queue's order, reviews.json (format, hand edits, outdated decisions), decisions applied.

The page itself runs on a real local server (security) and in a real
browser (test_review_browser.py).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import requests
from click.testing import CliRunner

from analyser.cli import cli
from analyser.grading.publish import load_snapshot, publish
from analyser.review import decisions
from analyser.review.apply import Weights
from analyser.review.queue import review_queue
from review_support import grade, review_server


@pytest.fixture(scope="module")
def graded(tmp_path_factory, papers_dir):
    base = tmp_path_factory.mktemp("review")
    grade(base, base / "out", papers_dir)
    return base


@pytest.fixture
def out(graded, tmp_path):
    """A fresh copy of the graded class for each test that writes decisions."""
    import shutil

    copy = tmp_path / "out"
    shutil.copytree(graded / "out", copy)
    # The snapshot knows its folder; the copy is published from its own.
    return copy


def test_the_queue_puts_the_least_confident_scores_first_then_the_flags(graded):
    result = load_snapshot(graded / "out")
    publish(result, decisions.load(graded / "out"))
    items = review_queue(result)
    uncertain = [(item.name, item.criterion, item.confidence) for item in items if item.kind == "criterion"]
    assert uncertain == [("Dan Roux", "overfitting", 0.2), ("Alice Martin", "framing", 0.3),
                         ("Alice Martin", "model", 0.6)]
    assert items[:3] == [item for item in items if item.kind == "criterion"]  # scores before other flags
    flagged = [item for item in items if item.kind == "flags"]
    assert flagged[0].flags[0] == "manual_review" and flagged[0].name == "Erin Blanc"
    report = json.loads((graded / "out" / "alice-martin" / "report.json").read_text())
    assert report["grading"]["confidence"]["framing"] == 0.3  # carried through grading
    assert [c["review"] for c in report["criteria"]][:2] == [False, True]
    assert report["grading"]["unresolved"] == ["criterion:framing", "criterion:model"]


def _decide(out, key, **criteria):
    reviews = decisions.load(out)
    snapshot = load_snapshot(out)
    student = next(s for s in snapshot.students if s.key == key)
    reviews.students[key] = decisions.Decision(
        submission=student.submission.content_hash, name=student.display_name,
        criteria={cid: decisions.CriterionDecision(score, None, f"why {cid}") for cid, score in criteria.items()})
    reviews.save()
    return student


def test_a_decision_is_applied_everywhere_by_the_next_grade_run(out, papers_dir):
    before = json.loads((out / "alice-martin" / "report.json").read_text())
    _decide(out, "alice@etu.example.fr", framing=0, model=1)
    grade(out.parent, out, papers_dir)
    report = json.loads((out / "alice-martin" / "report.json").read_text())
    scores = {c["id"]: c["score"] for c in report["criteria"]}
    assert scores["framing"] == 0 and scores["model"] == 1
    assert report["total"] < before["total"]
    assert report["grading"]["instructor"]["automatic_total"] == before["total"]
    assert report["grading"]["unresolved"] == []  # both uncertain criteria decided
    html = (out / "alice-martin" / "report.html").read_text()
    assert "set by the instructor" in html and "why framing" in html
    book = {row["Email address"]: row for row in csv.DictReader(io.StringIO(
        (out / "gradebook.csv").read_text(encoding="utf-8-sig")))}
    assert book["alice@etu.example.fr"]["framing"] == "0" and float(
        next(v for k, v in book["alice@etu.example.fr"].items() if k.startswith("Total"))) == report["total"]
    assert f"{report['total']:.1f}" in (out / "index.html").read_text()


def test_a_total_recomputed_without_a_change_is_the_checkers_own(graded):
    result = load_snapshot(graded / "out")
    for student in result.students:
        if student.outcome.report and "total" in student.outcome.report:
            assert result.weights.total(student.outcome.report) == student.outcome.report["total"], student.slug


def test_a_decision_on_an_earlier_version_is_flagged_not_applied(out):
    student = _decide(out, "alice@etu.example.fr", framing=0)
    reviews = decisions.load(out)
    reviews.students["alice@etu.example.fr"].submission = "0" * 64  # made on another version
    reviews.save()
    result = load_snapshot(out)
    publish(result, decisions.load(out))
    alice = next(s for s in result.students if s.key == student.key)
    assert alice.decision_state == "outdated" and "review_outdated" in alice.flags
    assert alice.report == alice.outcome.report  # the automatic scores, not the old decision
    assert "outdated" in alice.unresolved
    assert review_queue(result)[3].slug == "alice-martin"  # first of the flagged submissions
    assert "earlier version of this submission" in (out / "alice-martin" / "report.html").read_text()


@pytest.mark.parametrize("content, message", [
    ('{"version": 1, "students": {"a@b.c": {"submission": "x", "criteria": {"framing": {"score": 7}}}}}',
     "students.a@b.c.criteria.framing.score: 7 is not a whole number from 0 to 3"),
    ('{"version": 1, "students": {\n  "a@b.c": {"submission": "x",}\n}}', "line 2, column 31: not valid JSON (Expecting property name enclosed in double quotes)"),
    ('{"version": 2, "students": {}}', "version: 2 is not a version this analyser reads (it reads 1)"),
])
def test_a_hand_edit_error_is_one_line_naming_the_file_and_nothing_is_overwritten(out, content, message):
    (out / "reviews.json").write_text(content)
    for args in (["grade", str(out.parent / "class.mbox"), "--out", str(out), "--offline"],
                 ["email", str(out), "--from", "x@univ.fr"], ["review", str(out), "--no-browser"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.strip().splitlines() == [f"error: {out / 'reviews.json'}: {message}"], result.stderr
    assert (out / "reviews.json").read_text() == content


def test_email_holds_unresolved_reports_unless_told(out):
    held = CliRunner().invoke(cli, ["email", str(out), "--from", "x@univ.fr"])
    assert held.exit_code == 0, held.output
    written = {p.stem for p in (out / "outbox").glob("*.eml")}
    assert "alice-martin" not in written and "dan-roux" not in written and "bob-durand" in written
    assert "held for manual review until you resolve their flags" in held.output
    _decide(out, "dan@etu.example.fr", overfitting=2)
    publish(load_snapshot(out), decisions.load(out))
    again = CliRunner().invoke(cli, ["email", str(out), "--from", "x@univ.fr"])
    assert "dan-roux" in {p.stem for p in (out / "outbox").glob("*.eml")}, again.output
    everyone = CliRunner().invoke(cli, ["email", str(out), "--from", "x@univ.fr", "--include-unresolved"])
    assert everyone.exit_code == 0
    assert "alice-martin" in {p.stem for p in (out / "outbox").glob("*.eml")}


# ---- the app on a real local server ------------------------------------------------------------


def test_the_page_refuses_no_token_a_wrong_host_another_origin_and_a_post_without_csrf(out):
    with review_server(out) as (url, running):
        root = url.split("?")[0]
        assert requests.get(root, timeout=10).status_code == 403  # no token
        assert requests.get(root + "?token=wrong", timeout=10).status_code == 403
        session = requests.Session()
        first = session.get(url, timeout=10)
        assert first.status_code == 200 and first.url == root  # the token traded for a cookie, out of the URL
        assert session.get(root, headers={"Host": f"attacker.example:{running.port}"}, timeout=10).status_code == 403
        page = session.get(root + "s/alice-martin", timeout=10)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        target = root + "s/alice-martin/criterion/framing"
        form = {"score": "0", "action": "set", "csrf": csrf}
        assert session.post(target, data=form, headers={"Origin": "http://127.0.0.1:1"}, timeout=10).status_code == 403
        assert session.post(target, data={**form, "csrf": "nope"}, timeout=10).status_code == 403
        assert session.post(target, data=form, headers={"Sec-Fetch-Site": "cross-site"}, timeout=10).status_code == 403
        assert not (out / "reviews.json").exists()
        done = session.post(target, data=form, headers={"Origin": root.rstrip("/")}, timeout=10)
        assert done.status_code == 200
        assert json.loads((out / "reviews.json").read_text())["students"]["alice@etu.example.fr"]["criteria"][
            "framing"]["score"] == 0
        headers = done.headers
        assert "script-src 'self'" in headers["Content-Security-Policy"] and headers["Referrer-Policy"] == "same-origin"


def test_student_text_is_escaped_on_the_page(out):
    with review_server(out) as (url, _):
        session = requests.Session()
        session.get(url, timeout=10)
        page = session.get(url.split("?")[0] + "s/grace-script-document-title-1-script", timeout=10).text
    # The sender's name carries a script: shown as text, in the title and the heading.
    assert '<h1 id="student-name">Grace &lt;script&gt;document.title=1&lt;/script&gt;</h1>' in page
    assert "<script>document" not in page and "<img src=x" not in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/review.js">']


def test_the_server_listens_on_the_loopback_only(out):
    with review_server(out) as (_, running):
        assert running.server.server_address[0] == "127.0.0.1"


def test_weights_follow_the_checkers_formula():
    weights = Weights({"a": 1.0, "b": 3.0}, 20.0, {"deadline": 2.0})
    report = {"criteria": [{"id": "a", "score": 3}, {"id": "b", "score": 1}], "checks": [{"id": "deadline", "passed": False}]}
    assert weights.total(report) == round(20 * (3 + 3) / 3 / 4 - 2, 2)
