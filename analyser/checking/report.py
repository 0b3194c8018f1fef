"""The result of checking one submission; `to_dict()` is the JSON contract of issue 5."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Evidence:
    quote: str
    page: int


@dataclass
class CriterionScore:
    id: str
    score: int  # 0..3
    max: int
    evidence: list[Evidence]
    feedback: str  # what would raise the score
    title: str = ""  # for the renderers; not in the JSON contract
    review: bool = False  # the score is uncertain: a person should look (in the JSON)
    confidence: float = 1.0  # 0..1, how sure the scorer is of `score` (not in the JSON)


@dataclass
class CheckResult:
    id: str
    passed: bool | None  # None: skipped (e.g. deadline without a due date)
    detail: str


@dataclass
class Claim:
    claim: str
    supported: bool
    detail: str  # why: the article's own words where it states otherwise
    # Not in the JSON contract: "agrees", "contradicted", "unsupported" or "elsewhere"
    # (another source cited), the criterion the claim is about, and the sentence's index.
    verdict: str = ""
    criterion: str | None = None
    unit: int = -1
    kind: str = ""  # "model", "method", "setting", "data" (a data set, its size or split), "quantity" (a score) or "facts"


@dataclass
class CheckReport:
    submission: str
    rubric: str
    student_name: str | None
    article_link: str | None
    article_identifier: str | None
    pages: int
    pages_estimated: bool
    words: int
    criteria: list[CriterionScore]
    checks: list[CheckResult]
    consistency: list[Claim]
    total: float
    scale: float
    notes: list[str] = field(default_factory=list)
    # Not in the JSON contract (its keys are fixed); for the renderers and callers:
    language: str = "en"  # the submission's language ("en" or "fr"), that of feedback and details
    template_words: int = 0  # words of a template's guidance left in the draft, not counted in `words`

    def check(self, check_id: str) -> CheckResult:
        return next(c for c in self.checks if c.id == check_id)

    def score(self, criterion_id: str) -> int:
        return next(c.score for c in self.criteria if c.id == criterion_id)

    def to_dict(self) -> dict:
        return {
            "submission": self.submission,
            "rubric": self.rubric,
            "student": {"name": self.student_name},
            "article": {"link": self.article_link, "identifier": self.article_identifier},
            "pages": self.pages,
            "pages_estimated": self.pages_estimated,
            "words": self.words,
            "criteria": [
                {
                    "id": c.id,
                    "score": c.score,
                    "max": c.max,
                    "evidence": [{"quote": e.quote, "page": e.page} for e in c.evidence],
                    "feedback": c.feedback,
                    "review": c.review,
                }
                for c in self.criteria
            ],
            "checks": [{"id": c.id, "passed": c.passed, "detail": c.detail} for c in self.checks],
            "consistency": [{"claim": c.claim, "supported": c.supported, "detail": c.detail} for c in self.consistency],
            "total": self.total,
            "scale": self.scale,
        }
