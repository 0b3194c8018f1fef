"""The data a grading run passes between its steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from analyser.safe_text import path_text, plain_name


@dataclass
class Submission:
    """One hand-in, as found in the inputs (a file, or an e-mail and its attachment)."""

    id: str
    """Stable across runs: where it came from (file path, or mailbox + Message-ID)."""
    student_key: str
    """Who handed it in: the sender's address, else the sub-folder or file name."""
    path: Path | None
    """The document to grade (an input file, or an attachment saved in the output dir)."""
    origin: str
    """Where it came from, for the instructor: "inbox.mbox, message 3", a path..."""
    student_name: str | None = None
    email: str | None = None
    submitted_at: datetime | None = None
    subject: str | None = None
    content_hash: str = ""
    problems: list[str] = field(default_factory=list)
    """What went wrong while taking it in (unreadable message, attachment too big...)."""
    other_files: list[str] = field(default_factory=list)
    """Attachments saved but not graded (a second format of the same analysis...)."""
    unattributed: bool = False
    """A message with no usable sender and nothing to grade: reported, but no student of the class."""
    sequence: int = 0
    """Position in the inputs (mailbox order): breaks ties between two versions sent in the same second."""
    from_body: bool = False
    """The analysis is the e-mail's body (no attachment): graded only when nothing better was sent."""
    alternatives: list[Path] = field(default_factory=list)
    """Other documents of the same message, in order of preference: graded instead of `path` when
    `path` turns out to be the article itself rather than the student's analysis."""
    looks_like_article: str | None = None
    """Why `path` looks like the published article rather than a student's analysis (front matter, pages...)."""
    note_only: bool = False
    """A message with no attachment and too short a body to be an analysis ("thanks!"): no version of the work."""
    owner_label: str | None = None
    """The name of the student's own sub-folder in a class folder: their name when nothing better is known."""

    @property
    def from_mail(self) -> bool:
        return self.id.startswith("mail:")


@dataclass
class Selection:
    """The submissions of one student: the graded one and all the others, listed."""

    student_key: str
    graded: Submission
    all: list[Submission]
    late: bool
    """The graded one came after the due date (no earlier version was on time)."""
    review: list[str] = field(default_factory=list)
    """Why the choice itself needs a person: a later message that could not be read may hold a newer version."""


# How a review reason starts when the article of a submission could not be had
# (job.py writes it; the summary counts such submissions apart from the graded ones).
ARTICLE_UNAVAILABLE = "article could not be had"


@dataclass
class Outcome:
    """What grading one submission gave; crosses process boundaries, so plain data."""

    submission_id: str
    report: dict | None
    """`CheckReport.to_dict()`, the JSON contract of `analyser check`; None if unreadable."""
    text: str = ""
    """The student's own text (template guidance removed), for the similarity step."""
    review: list[str] = field(default_factory=list)
    """Why a person must look at it (unreadable, article not found...)."""
    notes: list[str] = field(default_factory=list)
    """The checker's notes (a check skipped, and why)."""
    language: str = ""
    """The submission's language as the checker found it ("en", "fr"); "" if not known."""
    retry: bool = False
    """The problem may go away by itself (network): do not remember this outcome."""
    article_missing: bool = False
    """Graded without its article because --offline found it in no cache: reused only by offline runs."""
    confidence: dict[str, float] = field(default_factory=dict)
    """Criterion id -> how sure the checker is of its score (0..1): the review queue's order."""
    unmatched_link: str = ""
    """With --papers: the article link no PDF of the folder matched, when the article could not be had."""
    article_link: str = ""
    """The link (or --paper) the article was looked for by; "" when the submission gave none."""
    article_digest: str = ""
    """sha256 of the article's file it was graded against; "" when the article could not be had.
    A re-run grades again when the article behind `article_link` is no longer this one (it arrived)."""
    skipped: bool = False
    """True when the ledger showed nothing changed since the last run."""

    @property
    def without_article(self) -> bool:
        """Scored, but its article could not be had: consistency unchecked, a person must look.

        Read from the review reasons, so that outcomes already in a ledger count too.
        """
        return self.report is not None and (
            self.article_missing or any(reason.startswith(ARTICLE_UNAVAILABLE) for reason in self.review))


@dataclass
class SimilarPair:
    a: str  # student slugs
    b: str
    score: float
    passages: list[str]


@dataclass
class StudentResult:
    """One row of the class overview and of the gradebook."""

    slug: str
    selection: Selection
    outcome: Outcome
    flags: list[str]
    similar: list[SimilarPair] = field(default_factory=list)
    status: str = ""
    """In the class of the --out folder: "new", "updated", "unchanged" or "earlier" (not in this run's inputs)."""
    decision: object | None = None
    """The instructor's `analyser.review.decisions.Decision` on this student, if any."""
    decision_state: str = ""
    """"" (none), "applied", or "outdated" (made on an earlier version: shown, not applied)."""
    reviewed: dict | None = None
    """The report with the instructor's scores, when a decision applies; else None."""
    unresolved: list[str] = field(default_factory=list)
    """What waits for the instructor before e-mailing ("manual_review", "criterion:<id>", "outdated")."""

    @property
    def key(self) -> str:
        return self.selection.student_key

    @property
    def report(self) -> dict | None:
        """The report everyone sees: the instructor's decisions applied to the automatic one."""
        return self.reviewed if self.reviewed is not None else self.outcome.report

    @property
    def submission(self) -> Submission:
        return self.selection.graded

    @property
    def name(self) -> str | None:
        report_name = (self.outcome.report or {}).get("student", {}).get("name")
        # Read from the document: one plain line, like every name from a mail header (bidi controls out).
        return self.submission.student_name or plain_name(report_name)

    @property
    def display_name(self) -> str:
        """Never empty (a gradebook row needs a name): the name, else the e-mail's local part, else the file's."""
        if self.name:
            return self.name
        submission = self.submission
        if submission.email:
            return submission.email.partition("@")[0]
        # File and folder names as names: one plain line, whatever the file system allowed.
        if submission.owner_label and plain_name(submission.owner_label):
            return plain_name(submission.owner_label)
        if submission.path is not None and not submission.from_body and plain_name(path_text(submission.path.stem)):
            return plain_name(path_text(submission.path.stem))
        return self.slug

    @property
    def review(self) -> list[str]:
        """Every reason a person must look: grading the submission, then choosing it."""
        return self.outcome.review + [reason for reason in self.selection.review if reason not in self.outcome.review]

    @property
    def total(self) -> float | None:
        return (self.report or {}).get("total")


@dataclass
class ClassResult:
    out_dir: Path
    students: list[StudentResult]
    rubric_id: str
    scale: float
    criteria: list[tuple[str, str]]  # (id, title) in rubric order
    due: datetime | None
    pairs: list[SimilarPair]
    graded: int = 0  # submissions graded (given a score, with their article) in this run
    skipped: int = 0  # graded earlier, unchanged since the last run
    failed: int = 0  # could not be graded (unreadable...): manual review, whichever run
    without_article: int = 0  # scored without their article (not found, offline...): manual review, whichever run
    criteria_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> id -> title
    rejected: list[str] = field(default_factory=list)
    """Messages that carried neither a sender nor anything to grade: "origin: why", no student's."""
    problems: list[str] = field(default_factory=list)
    """One line per submission that needs a person and has not had one yet: the end-of-run summary."""
    reviewed: int = 0
    """Submissions flagged for manual review whose flags the instructor resolved (`analyser review`)."""
    held: int = 0
    """Scored with their article but flagged for manual review (a problem on intake, no link...)."""
    status_counts: dict[str, int] = field(default_factory=dict)
    """new / updated / unchanged / earlier -> how many students of the class (see roster.py)."""
    pruned: list[str] = field(default_factory=list)
    """Students removed by --prune (their submissions were no longer among the inputs)."""
    unmatched_links: dict[str, int] = field(default_factory=dict)
    """With --papers: article link -> submissions left without their article because no PDF matched it."""
    weights: object | None = None
    """The rubric's `analyser.review.apply.Weights`: recomputes a total after an instructor's decision."""
    papers: str | None = None
    """The --papers folder of the run, if any."""
