"""What the instructor should look at first.

The checker marks a score it is unsure of (`"review": true`) and says how
sure it is (`confidence`, 0..1): those criteria come first, the least
confident first. Then the submissions with other flags, most serious first
(a decision made on an earlier version, manual review, unsupported claims,
high similarity...). A student whose flags the instructor resolved leaves
the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyser.grading.flags import FLAGS
from analyser.grading.model import ClassResult, StudentResult

# Flags that ask for a look, in the queue's order; the others (no name...) are facts, listed with them.
ATTENTION = ("review_outdated", "manual_review", "unsupported_claims", "high_similarity", "summary", "late",
             "no_time", "over_page_limit", "no_link", "no_name")


@dataclass(frozen=True)
class QueueItem:
    slug: str
    name: str
    kind: str
    """"criterion" (an uncertain score) or "flags" (the submission's other flags)."""
    criterion: str | None
    confidence: float | None
    flags: tuple[str, ...]
    reason: str

    @property
    def anchor(self) -> str:
        return f"c-{self.criterion}" if self.criterion else "flags"


def review_queue(result: ClassResult) -> list[QueueItem]:
    criteria, flagged = [], []
    titles = dict(result.criteria)
    for student in result.students:
        for waiting in student.unresolved:
            if waiting.startswith("criterion:"):
                cid = waiting.partition(":")[2]
                confidence = float(student.outcome.confidence.get(cid, 1.0))
                criteria.append(QueueItem(student.slug, student.display_name, "criterion", cid, confidence, (),
                                          f"{titles.get(cid, cid)}: uncertain score (confidence {confidence:.2f})"))
        attention = _attention(student)
        if attention:
            flagged.append(QueueItem(student.slug, student.display_name, "flags", None, None, attention,
                                     ", ".join(FLAGS.get(flag, flag) for flag in attention)))
    criteria.sort(key=lambda item: (item.confidence, item.name.casefold(), item.criterion))
    flagged.sort(key=lambda item: (ATTENTION.index(item.flags[0]), item.name.casefold()))
    return criteria + flagged


def _attention(student: StudentResult) -> tuple[str, ...]:
    """The flags still asking for a look: none once the instructor resolved this version."""
    decision = student.decision
    if decision is not None and student.decision_state == "applied" and getattr(decision, "resolved", False):
        return ()
    return tuple(flag for flag in ATTENTION if flag in student.flags)
