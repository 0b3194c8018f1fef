"""Step 2: one graded submission per student.

The course's rule: of a student's submissions, the latest one sent on or
before the due date is graded; when none was on time, the latest one, flagged
late; without a due date, the latest. What a mature mail workflow adds:

- Only a submission that holds an analysis can replace another. Students
  write again after sending their work ("a question about my analysis...",
  "thanks!"): a message without an attached document never replaces one
  with it, and a message with nothing gradable replaces nothing. So the
  latest on-time submission is taken from the best kind available: an
  attached (or handed-in) document, else an analysis written in the body of
  an e-mail, else -- nothing gradable at all -- the latest message, which
  then goes to manual review.
- A document that looks like the published article is a document of the
  last resort: the student's own document of the same kind comes first.
- Ties: two versions sent in the same second are ordered as they came in the
  inputs (mailbox order), never by their labels ("message 10" is later than
  "message 9"). Files without a time rank among themselves by that order too,
  so the choice is the same on every run.
- A later message that could not be read (too large, a broken attachment)
  may hold a newer version, and an unreadable message sent on time makes a
  late one doubtful: the student is held for review, with the reason.

All submissions are listed in the student's report.
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
        graded = _best(on_time) or _best(ordered) or ordered[-1]
        late = bool(due and graded.submitted_at and graded.submitted_at > due)
        selection = Selection(student_key=key, graded=graded, all=ordered, late=late)
        selection.review = _unread_later(selection, due)
        selections.append(selection)
    return selections


def kind(submission: Submission) -> int:
    """What a submission holds, best first: 3 own document, 2 article-like document, 1 e-mail body, 0 nothing."""
    if submission.path is None:
        return 0
    if submission.from_body:
        return 1
    return 2 if submission.looks_like_article else 3


def _best(candidates: list[Submission]) -> Submission | None:
    """The latest submission of the best kind among `candidates` (ordered by time), None if none is gradable."""
    gradable = [s for s in candidates if kind(s) > 0]
    if not gradable:
        return None
    top = max(kind(s) for s in gradable)
    return [s for s in gradable if kind(s) == top][-1]


def _unread_later(selection: Selection, due: datetime | None) -> list[str]:
    """Review reasons: unreadable messages that may hold a newer version, or an on-time one."""
    graded = selection.graded
    position = selection.all.index(graded)
    reasons = []
    for index, item in enumerate(selection.all):
        if item is graded or item.path is not None or not item.problems or item.note_only:
            continue
        on_time = due is None or item.submitted_at is None or item.submitted_at <= due
        why = f"({item.origin}: {'; '.join(item.problems)})"
        if index > position and on_time:
            reasons.append(f"a later message could not be graded {why}; it may hold a newer version")
        elif on_time and selection.late:
            reasons.append(f"a message sent on time could not be graded {why}; the student may not be late")
    return reasons


def _when(submission: Submission):
    return (submission.submitted_at or _EARLIEST, submission.sequence)
