"""Step 7: the outputs -- per-student report.html/.json, index.html, CSV files.

Pages are jinja2 templates under `templates/grading/` (autoescape on: every
string from a student is untrusted). Each page carries a Content-Security-
Policy that allows only its own inline script, so even text that slipped
through escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analyser import atomic
from analyser.grading import charts, labels
from analyser.grading.flags import FLAGS
from analyser.grading.model import ClassResult, StudentResult
from analyser.review.queue import review_queue


@lru_cache(maxsize=1)
def environment():
    import jinja2

    from analyser.resources import templates_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        # Everything is escaped except plain-text e-mail bodies, which no browser renders.
        autoescape=jinja2.select_autoescape(disabled_extensions=("txt",), default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["FLAGS"] = FLAGS
    return env


def script_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


@dataclass
class HistoryRow:
    origin: str
    submitted_at: str
    status: str  # "graded", "earlier version", "later version (after the due date)"


@dataclass
class ReportPage:
    """What templates/grading/report.html receives."""

    student: StudentResult
    name: str
    report: dict | None
    criteria_titles: dict[str, str]
    rubric_title: str
    flags: list[str]
    history: list[HistoryRow]
    similar: list[dict] = field(default_factory=list)  # {other, other_name, score, passages}
    lang: str = "en"
    """The submission's language: the report's fixed words follow it."""
    t: dict = field(default_factory=lambda: labels.for_language("en"))
    """The fixed words in `lang` (labels.for_language)."""
    instructor: dict | None = None
    """The instructor's decisions (`analyser.review.apply.instructor_view`), None without any."""


def report_page(student: StudentResult, result: ClassResult, names: dict[str, str]) -> ReportPage:
    history = [HistoryRow(item.origin, _when(item.submitted_at), _status(item, student, result))
               for item in student.selection.all]
    similar = []
    for pair in student.similar:
        other = pair.b if pair.a == student.slug else pair.a
        similar.append({"other": other, "other_name": names.get(other, other), "score": pair.score,
                        "passages": pair.passages})
    lang = labels.report_language(student.outcome.language, student.outcome.text)
    from analyser.review.apply import instructor_view

    return ReportPage(
        student=student,
        name=student.display_name,
        report=student.report,
        criteria_titles=_criteria_titles(result, lang),
        rubric_title=result.rubric_id,
        flags=student.flags,
        history=history,
        similar=similar,
        lang=lang,
        t=labels.for_language(lang),
        instructor=instructor_view(student.decision, student.decision_state, student.outcome.report),
    )


def _status(item, student: StudentResult, result: ClassResult) -> str:
    """Why each submission of a student was or was not graded (selection.py has the rules)."""
    graded = student.submission
    if item is graded:
        return "graded" if student.outcome.report else "selected, but could not be graded"
    if item.path is None:
        return "not graded: no analysis in it" if item.note_only else "not graded: could not be read"
    if result.due and item.submitted_at and item.submitted_at > result.due:
        return "not graded: after the due date"
    if item.from_body and not graded.from_body:
        return "not graded: the analysis attached to another message was graded"
    if item.looks_like_article:
        return "not graded: looks like the article itself"
    return "not graded: a later version was graded"


def _criteria_titles(result: ClassResult, lang: str) -> dict[str, str]:
    """The rubric's criterion titles in the submission's language (English when it has none)."""
    return result.criteria_titles.get(lang) or dict(result.criteria)


def report_json(student: StudentResult, page: ReportPage) -> dict:
    """The checker's JSON contract, untouched, plus a "grading" key with the batch's view."""
    data = dict(student.report or {})
    graded = student.submission
    data["grading"] = {
        "slug": student.slug,
        "student_key": student.key,
        "name": student.name,
        "display_name": student.display_name,
        # What the feedback e-mail is written in: the checker's, else guessed from the text.
        "language": page.lang,
        "email": graded.email,
        "submitted_at": graded.submitted_at.isoformat() if graded.submitted_at else None,
        "origin": graded.origin,
        "late": "late" in student.flags,
        "flags": student.flags,
        "review": student.review,
        "notes": student.outcome.notes,
        "history": [row.__dict__ for row in page.history],
        "similar": page.similar,
        "content_hash": graded.content_hash,
        # How sure the checker is of each score (0..1): what the review queue is ordered by.
        "confidence": student.outcome.confidence,
        "unresolved": student.unresolved,
        "instructor": page.instructor,
    }
    return data


def write_student(student: StudentResult, result: ClassResult, names: dict[str, str]) -> None:
    page = report_page(student, result, names)
    folder = result.out_dir / student.slug
    html = environment().get_template("grading/report.html").render(page=page)
    atomic.write_text(folder / "report.html", html)
    atomic.write_json(folder / "report.json", report_json(student, page))


@dataclass
class IndexPage:
    """What templates/grading/index.html receives."""

    result: ClassResult
    rows: list[StudentResult]
    distribution: charts.Chart
    means: charts.Chart
    flag_counts: dict[str, int]
    script: str
    script_csp: str
    queue: list = field(default_factory=list)  # analyser.review.queue items: uncertain scores first, least confident first


def write_index(result: ClassResult) -> Path:
    env = environment()
    script = env.loader.get_source(env, "grading/sort.js")[0]
    totals = [s.total for s in result.students if s.total is not None]
    means = []
    for cid, _ in result.criteria:
        scores = [c["score"] for s in result.students if s.report
                  for c in s.report.get("criteria", []) if c["id"] == cid]
        means.append(sum(scores) / len(scores) if scores else None)
    page = IndexPage(
        result=result,
        rows=sorted(result.students, key=lambda s: s.display_name.casefold()),
        distribution=charts.distribution(totals, result.scale),
        means=charts.criterion_means(result.criteria, means),
        flag_counts={flag: sum(flag in s.flags for s in result.students) for flag in FLAGS},
        script=script,
        script_csp=script_hash(script),
        queue=review_queue(result),
    )
    html = env.get_template("grading/index.html").render(page=page)
    return atomic.write_text(result.out_dir / "index.html", html)


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip() if moment else "unknown"


MANIFEST = "students.json"


def write_manifest(result: ClassResult) -> Path:
    """students.json: who was graded and where their report is (what `analyser email` reads)."""
    students = []
    for student in sorted(result.students, key=lambda s: s.slug):
        students.append({
            "slug": student.slug,
            "key": student.key,
            "name": student.name,
            "display_name": student.display_name,
            "email": student.submission.email,
            "total": student.total,
            "scale": result.scale,
            "flags": student.flags,
            # What waits for the instructor: `analyser email` holds these reports back.
            "unresolved": student.unresolved,
            "report_html": f"{student.slug}/report.html",
            "report_json": f"{student.slug}/report.json",
        })
    return atomic.write_json(result.out_dir / MANIFEST, {"rubric": result.rubric_id, "criteria": dict(result.criteria),
                                                               "criteria_titles": result.criteria_titles,
                                                           "students": students})
