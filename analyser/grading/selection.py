"""Step 2: one graded submission per student.

Rule (the course's): of a student's submissions, the latest one sent on or
before the due date is graded. When none was on time, the latest one is
graded and flagged late. Without a due date, the latest. Submissions without
a time (plain files) rank after those with one only among themselves, by
name, so the choice is the same on every run. All of them are listed.
"""

from __future__ import annotations

from datetime import datetime, timezone

from analyser.grading.model import Selection, Submission

_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def select(submissions: list[Submission], due: datetime | None) -> list[Selection]:
    by_student: dict[str, list[Submission]] = {}
    for submission in submissions:
        by_student.setdefault(submission.student_key, []).append(submission)

    selections = []
    for key, items in sorted(by_student.items()):
        ordered = sorted(items, key=_when)
        on_time = [s for s in ordered if due is None or s.submitted_at is None or s.submitted_at <= due]
        graded = on_time[-1] if on_time else ordered[-1]
        late = bool(due and graded.submitted_at and graded.submitted_at > due)
        selections.append(Selection(student_key=key, graded=graded, all=ordered, late=late))
    return selections


def _when(submission: Submission):
    return (submission.submitted_at or _EARLIEST, submission.origin)
