"""Step 6: what the instructor should look at, per student.

Each flag is a pure function of the check report, the selection and the
similarity pairs; the order below is the order of the overview's columns.
"""

from __future__ import annotations

from analyser.grading.model import Outcome, Selection, SimilarPair

FLAGS: dict[str, str] = {
    "late": "late",
    "no_time": "no submission time",
    "over_page_limit": "over the page limit",
    "no_name": "no name",
    "no_link": "no link",
    "summary": "summary, not analysis",
    "unsupported_claims": "unsupported claims",
    "high_similarity": "high similarity",
    "uncertain": "uncertain score",
    "manual_review": "needs manual review",
    # Set when publishing (grading/publish.py), not here: the decision is the instructor's.
    "review_outdated": "decision on an earlier version",
}


def flags_for(selection: Selection, outcome: Outcome, similar: list[SimilarPair]) -> list[str]:
    report = outcome.report or {}
    checks = {check["id"]: check.get("passed") for check in report.get("checks", [])}
    found = []
    # A check that was skipped (passed is None) raises no flag: there was nothing to judge.
    if selection.late or checks.get("deadline") is False:
        found.append("late")
    if selection.graded.from_mail and selection.graded.submitted_at is None:
        found.append("no_time")  # no Date header: lateness could not be judged
    if checks.get("page_limit") is False:
        found.append("over_page_limit")
    report_name = (report.get("student") or {}).get("name")
    if checks.get("student_name") is False or not (selection.graded.student_name or report_name):
        found.append("no_name")
    if checks.get("article_link") is False:
        found.append("no_link")
    if checks.get("is_analysis") is False:
        found.append("summary")
    if any(claim.get("supported") is False for claim in report.get("consistency", [])):
        found.append("unsupported_claims")
    if similar:
        found.append("high_similarity")
    if any(criterion.get("review") for criterion in report.get("criteria", [])):
        found.append("uncertain")  # the checker was unsure of a score: the review queue's first items
    if outcome.report is None or outcome.review or selection.review:
        found.append("manual_review")
    return found
