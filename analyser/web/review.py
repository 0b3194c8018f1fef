"""`analyser review OUT`: the review queue, each submission beside its scores, the instructor's decisions.

The pages read the class as `analyser grade` left it (`.grading/result.pickle`)
with the decisions of `reviews.json` applied; a decision is saved to
`reviews.json` (atomically) and published at once to the student's report,
the overview, the gradebook and the e-mail list (`grading/publish.py`).
A `grade` re-run while the page is open is picked up on the next request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from analyser.grading.model import ClassResult, StudentResult
from analyser.review import decisions
from analyser.review.decisions import CriterionDecision, Decision, Reviews

SHORTCUTS = [
    ("j / k", "next / previous criterion (its evidence is highlighted in the text)"),
    ("0 1 2 3", "set the selected criterion's score"),
    ("a", "accept the proposed score of the selected criterion"),
    ("c", "write a comment on the selected criterion (Ctrl+Enter saves, Esc leaves)"),
    ("x", "clear the decision on the selected criterion"),
    ("r", "mark the submission reviewed: its flags are resolved and it may be e-mailed"),
    ("n / p", "next / previous submission of the queue"),
    ("u", "back to the queue"),
    ("?", "show or hide these shortcuts"),
]


class ReviewState:
    """The class and its decisions, reloaded when `grade` or a hand edit changes them; one writer at a time."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir).resolve()
        self.lock = threading.RLock()
        self._stamp: tuple | None = None
        self.result: ClassResult | None = None
        self.reviews: Reviews | None = None

    def _current_stamp(self) -> tuple:
        from analyser.grading.publish import SNAPSHOT

        stamps = []
        for path in (self.out_dir / ".grading" / SNAPSHOT, decisions.path_in(self.out_dir)):
            try:
                stat = path.stat()
                stamps.append((stat.st_mtime_ns, stat.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def load(self) -> tuple[ClassResult, Reviews]:
        from analyser.grading.publish import load_snapshot, review_student

        with self.lock:
            stamp = self._current_stamp()
            if stamp != self._stamp or self.result is None:
                result = load_snapshot(self.out_dir)
                reviews = decisions.load(self.out_dir)
                for student in result.students:
                    review_student(student, reviews.students.get(student.key), result.weights)
                self.result, self.reviews, self._stamp = result, reviews, stamp
            return self.result, self.reviews

    def decide(self, slug: str, change) -> StudentResult:
        """Apply `change(decision, student)` to the student's decision, save it, publish the class."""
        from analyser.grading.publish import publish

        with self.lock:
            result, reviews = self.load()
            student = student_by_slug(result, slug)
            decision = reviews.students.get(student.key)
            if decision is None or decision.submission != student.submission.content_hash:
                # A new decision on this version; an outdated one is replaced, never carried over silently.
                decision = Decision(submission=student.submission.content_hash, name=student.display_name)
            change(decision, student)
            decision.touch()
            if decision.criteria or decision.resolved or decision.comment:
                reviews.students[student.key] = decision
            else:
                reviews.students.pop(student.key, None)
            reviews.save()
            publish(result, reviews, only=student.slug)
            self._stamp = self._current_stamp()
            return student


def student_by_slug(result: ClassResult, slug: str) -> StudentResult:
    from flask import abort

    for student in result.students:
        if student.slug == slug:
            return student
    abort(404, "no such student")


@dataclass
class CriterionView:
    id: str
    title: str
    score: int | None
    proposed: int | None
    max: int
    review: bool
    confidence: float | None
    feedback: str
    evidence: list[dict]
    decision: CriterionDecision | None
    outdated: CriterionDecision | None


@dataclass
class StudentPage:
    """What templates/web/student.html receives."""

    student: StudentResult
    criteria: list[CriterionView]
    paragraphs: list
    checks: list[dict]
    claims: list[dict]
    position: int | None
    previous: str | None
    next: str | None
    focus: str | None
    decision: Decision | None
    outdated: Decision | None
    unresolved: list[str] = field(default_factory=list)


def student_page(result: ClassResult, student: StudentResult, queue: list) -> StudentPage:
    from analyser.review.highlight import highlight

    automatic = student.outcome.report or {}
    shown = student.report or {}
    titles = dict(result.criteria)
    applied = student.decision if student.decision_state == "applied" else None
    outdated = student.decision if student.decision_state == "outdated" else None
    views = []
    proposals = {c["id"]: c for c in automatic.get("criteria", [])}
    for criterion in shown.get("criteria", []):
        cid = criterion["id"]
        proposal = proposals.get(cid, criterion)
        views.append(CriterionView(
            id=cid, title=titles.get(cid, cid), score=criterion.get("score"), proposed=proposal.get("score"),
            max=criterion.get("max", 3), review=bool(proposal.get("review")),
            confidence=student.outcome.confidence.get(cid), feedback=criterion.get("feedback", ""),
            evidence=criterion.get("evidence", []),
            decision=applied.criteria.get(cid) if applied else None,
            outdated=outdated.criteria.get(cid) if outdated else None,
        ))
    evidence = {view.id: [e.get("quote", "") for e in view.evidence] for view in views}
    slugs = list(dict.fromkeys(item.slug for item in queue))
    position = slugs.index(student.slug) if student.slug in slugs else None
    order = slugs if position is not None else [s.slug for s in sorted(result.students, key=lambda s: s.display_name.casefold())]
    index = order.index(student.slug) if student.slug in order else 0
    first = next((item.criterion for item in queue if item.slug == student.slug and item.criterion), None)
    return StudentPage(
        student=student,
        criteria=views,
        paragraphs=highlight(student.outcome.text, evidence),
        checks=shown.get("checks", []),
        claims=shown.get("consistency", []),
        position=position,
        previous=order[index - 1] if index > 0 else None,
        next=order[index + 1] if index + 1 < len(order) else None,
        focus=first or (views[0].id if views else None),
        decision=applied,
        outdated=outdated,
        unresolved=student.unresolved,
    )


def create_app(out_dir: Path, token: str):
    """The review app of the class graded in `out_dir`."""
    from flask import Flask, abort, redirect, render_template, request, send_from_directory, url_for

    from analyser.grading.flags import FLAGS
    from analyser.resources import templates_dir
    from analyser.review.queue import review_queue
    from analyser.web import security

    state = ReviewState(out_dir)
    state.load()  # a missing or damaged class is said now, in one line, not on the first request
    app = Flask("analyser.web.review", template_folder=str(templates_dir()), static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    app.jinja_env.globals.update(FLAGS=FLAGS, SHORTCUTS=SHORTCUTS)
    security.install(app, token)

    @app.get("/")
    def queue():
        result, reviews = state.load()
        items = review_queue(result)
        students = sorted(result.students, key=lambda s: s.display_name.casefold())
        return render_template("web/queue.html", result=result, items=items, students=students,
                               reviews_path=reviews.path)

    @app.get("/s/<slug>")
    def student(slug: str):
        result, _ = state.load()
        chosen = student_by_slug(result, slug)
        page = student_page(result, chosen, review_queue(result))
        return render_template("web/student.html", result=result, page=page)

    @app.post("/s/<slug>/criterion/<cid>")
    def criterion(slug: str, cid: str):
        action = request.form.get("action", "set")
        comment = (request.form.get("comment") or "").strip()[:decisions.MAX_COMMENT]
        score_text = request.form.get("score", "")

        def change(decision: Decision, student: StudentResult) -> None:
            automatic = {c["id"]: c for c in (student.outcome.report or {}).get("criteria", [])}
            if cid not in automatic:
                abort(404, "no such criterion")
            proposed = automatic[cid]["score"]
            if action == "clear":
                decision.criteria.pop(cid, None)
                return
            if action == "accept":
                score = proposed
            else:
                if not score_text.isdigit() or not 0 <= int(score_text) <= decisions.MAX_SCORE:
                    abort(400, f"score must be a whole number from 0 to {decisions.MAX_SCORE}")
                score = int(score_text)
            decision.criteria[cid] = CriterionDecision(score, proposed, comment)

        state.decide(slug, change)
        return redirect(url_for("student", slug=slug) + f"#c-{cid}", code=303)

    @app.post("/s/<slug>/resolve")
    def resolve(slug: str):
        resolved = request.form.get("resolved", "1") == "1"
        comment = request.form.get("comment")

        def change(decision: Decision, student: StudentResult) -> None:
            decision.resolved = resolved
            if comment is not None:
                decision.comment = comment.strip()[:decisions.MAX_COMMENT]

        state.decide(slug, change)
        return redirect(url_for("student", slug=slug) + "#flags", code=303)

    @app.post("/s/<slug>/renew")
    def renew(slug: str):
        """Keep a decision made on an earlier version for this one: the instructor looked and says so."""

        def change(decision: Decision, student: StudentResult) -> None:
            if student.decision_state == "outdated" and student.decision is not None:
                earlier = student.decision
                decision.criteria = dict(earlier.criteria)
                decision.resolved = earlier.resolved
                decision.comment = earlier.comment

        state.decide(slug, change)
        return redirect(url_for("student", slug=slug) + "#flags", code=303)

    @app.get("/static/<name>")
    def static_file(name: str):
        if name not in ("review.js", "web.css"):
            abort(404)
        return send_from_directory(templates_dir() / "web", name, max_age=0)

    return app
