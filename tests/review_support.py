"""Shared helpers of tests/test_review*.py: a graded class whose checker was unsure of some scores.

The checker does not set `review`/`confidence` meaningfully yet (issue 11):
the real checker runs, and its report is marked afterwards the way it will
mark it, so the queue and the hold are tested on the real grading path.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from test_grade_support import DUE, PAPER_SLUG, class_messages, write_mbox

# student name -> {criterion id: confidence}: the scores the checker is unsure of.
UNCERTAIN = {
    "Alice Martin": {"framing": 0.3, "model": 0.6},
    "Dan Roux": {"overfitting": 0.2},
}


@contextlib.contextmanager
def unsure_checker():
    """`analyser.checking.check`, marking the UNCERTAIN criteria as a person should look."""
    import analyser.checking as checking

    real = checking.check

    def check(*args, **kwargs):
        report = real(*args, **kwargs)
        for criterion in report.criteria:  # these marks only, whatever the checker of the day marks
            confidence = UNCERTAIN.get(report.student_name or "", {}).get(criterion.id)
            criterion.review, criterion.confidence = confidence is not None, confidence or 1.0
        return report

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checking, "check", check)
        yield


def grade(base: Path, out: Path, papers: Path):
    """The class of test_grade_support graded offline into `out` (jobs=1: the patch applies in-process)."""
    from analyser.dates import parse_due
    from analyser.grading import grade_class

    box = base / "class.mbox"
    if not box.exists():
        write_mbox(box, class_messages())
    with unsure_checker():
        return grade_class([box], out, due=parse_due(DUE), offline=True, paper=str(papers / f"{PAPER_SLUG}.pdf"))


@contextlib.contextmanager
def review_server(out: Path):
    """The review app of `out` on a real local server: yields (url with the token, running server)."""
    from analyser.web import review, security, server

    token = security.new_secret()
    running = server.start(review.create_app(out, token), token)
    try:
        yield running.url, running
    finally:
        running.stop()
