"""From a student's automatic report and the instructor's decision to the report everyone sees.

Pure functions of plain data: the grading run and the review page both call
them, so a decision reads the same in the report, the gradebook, the
overview and the e-mail.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from analyser.review.decisions import Decision

APPLIED, OUTDATED = "applied", "outdated"


@dataclass(frozen=True)
class Weights:
    """What a total is made of: the rubric's weights and scale, and its penalties by check id."""

    weights: dict[str, float]
    scale: float
    penalties: dict[str, float] = field(default_factory=dict)

    def total(self, report: dict) -> float:
        """The rubric's total of `report`'s criterion scores, less the penalties of its failed checks.

        The checker's own formula (checking/check.py): weighted mean of the
        scores on 3, times the scale, penalties off, never below zero.
        """
        scores = {c["id"]: c["score"] for c in report.get("criteria", [])}
        weight = sum(self.weights.get(cid, 0.0) for cid in scores) or 1.0
        total = self.scale * sum(self.weights.get(cid, 0.0) * score for cid, score in scores.items()) / 3 / weight
        failed = {c["id"] for c in report.get("checks", []) if c.get("passed") is False}
        total -= sum(points for check, points in self.penalties.items() if check in failed)
        return round(max(0.0, total), 2)


def state_of(decision: Decision | None, content_hash: str) -> str:
    """"" (no decision), "applied", or "outdated" (made on another version of the submission)."""
    if decision is None:
        return ""
    return APPLIED if decision.submission == content_hash else OUTDATED


def reviewed_report(report: dict | None, decision: Decision, weights: Weights) -> dict | None:
    """`report` with the instructor's scores in place of the proposals and the total recomputed."""
    if report is None or not decision.criteria:
        return report
    data = copy.deepcopy(report)
    changed = False
    for criterion in data.get("criteria", []):
        chosen = decision.criteria.get(criterion["id"])
        if chosen is not None and chosen.score != criterion["score"]:
            criterion["score"] = chosen.score
            changed = True
    if changed and "total" in data:
        data["total"] = weights.total(data)
    return data


def unresolved(report: dict | None, flags: list[str], decision: Decision | None, state: str) -> list[str]:
    """What still waits for the instructor before the report may be e-mailed.

    "manual_review" (the batch flagged it), "criterion:<id>" (the checker was
    unsure of that score and no decision was taken on it), "outdated" (a
    decision was made on an earlier version). A decision marked resolved on
    this version settles all of them.
    """
    applied = decision if state == APPLIED else None
    if applied is not None and applied.resolved:
        return []
    waiting = []
    if state == OUTDATED:
        waiting.append("outdated")
    if "manual_review" in flags:
        waiting.append("manual_review")
    for criterion in (report or {}).get("criteria", []):
        if criterion.get("review") and (applied is None or criterion["id"] not in applied.criteria):
            waiting.append(f"criterion:{criterion['id']}")
    return waiting


def instructor_view(decision: Decision | None, state: str, automatic: dict | None) -> dict | None:
    """The "instructor" part of report.json: each decision with the proposal it replaced."""
    if decision is None:
        return None
    proposals = {c["id"]: c["score"] for c in (automatic or {}).get("criteria", [])}
    return {
        "state": state,
        "resolved": decision.resolved if state == APPLIED else False,
        "comment": decision.comment if state == APPLIED else "",
        "decided_at": decision.decided_at,
        "criteria": {cid: {"score": item.score, "proposed": proposals.get(cid, item.proposed),
                           "comment": item.comment, "set_by_instructor": item.score != proposals.get(cid, item.proposed)}
                     for cid, item in decision.criteria.items()} if state == APPLIED else {},
        "automatic_total": (automatic or {}).get("total"),
    }
