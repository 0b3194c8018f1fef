"""Step 4: grade one submission -- read it, get its article, extract the facts, check it.

Runs in worker processes (`--jobs`), so it takes and returns plain data.
Whatever goes wrong with one submission is returned as a reason for manual
review, never raised: the rest of the class goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from analyser.errors import AnalyserError
from analyser.grading.model import ARTICLE_UNAVAILABLE, Outcome, Submission

if TYPE_CHECKING:
    from analyser.sources.papers_folder import PapersFolder

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class JobSettings:
    rubric: str | None  # rubric name or path, loaded once per worker
    due: datetime | None
    offline: bool
    paper: str | None  # the article of the whole class (path or identifier), else each link
    article_store: str | None = None  # folder where extracted articles are shared between workers
    code_version: str = ""  # `ledger.code_fingerprint()`, computed once by the run for all its workers
    papers: PapersFolder | None = None  # --papers: the instructor's folder of article PDFs, read once by the run


# Per process: the rubric, and each article's Document and facts, so that a
# class writing about a handful of articles extracts each one once per worker.
_rubrics: dict = {}
_articles: dict[str, tuple] = {}


def grade_one(submission: Submission, settings: JobSettings) -> Outcome:
    try:
        return _grade(submission, settings)
    except Exception as error:  # noqa: BLE001
        # A bug met on one student's file must not cost the class its grades:
        # the submission goes to manual review with a one-line reason (the
        # traceback only at debug level), and is not remembered by the ledger
        # (retry), so the next run, maybe with a fix, tries again.
        log.debug("grading %s failed", submission.origin, exc_info=True)
        return Outcome(submission.id, None, review=[f"internal error while grading: {type(error).__name__}: {error}"],
                       retry=True)


def _grade(submission: Submission, settings: JobSettings) -> Outcome:
    if submission.path is None:
        return Outcome(submission.id, None, review=list(submission.problems) or ["nothing to grade"])

    from analyser.checking import check
    from analyser.documents import load
    from analyser.template_markers import strip_template_text

    review = list(submission.problems)
    try:
        document = load(submission.path, max_bytes=MAX_DOCUMENT_BYTES)
    except AnalyserError as error:
        return Outcome(submission.id, None, review=review + [f"could not be read: {error}"])

    (paper, facts, problem, retry, missing), unmatched = _article(document.text + "\n" + (document.references or ""),
                                                                  settings)
    if problem:
        review.append(problem)
    report = check(
        document,
        paper=paper,
        facts=facts,
        rubric=_rubric(settings.rubric),
        submitted_at=submission.submitted_at,
        due=settings.due,
        # The article was already looked for: don't let the checker try the network again.
        offline=settings.offline or paper is None,
    )
    data = report.to_dict()
    if submission.submitted_at is None:
        _explain_unknown_time(data, submission, report.language)
    return Outcome(submission.id, data, text=strip_template_text(document.text), review=review,
                   notes=list(report.notes), retry=retry, article_missing=missing,
                   language=getattr(report, "language", "") or "",
                   confidence={c.id: float(c.confidence) for c in report.criteria},
                   unmatched_link=unmatched if problem else "")


def _explain_unknown_time(report: dict, submission: Submission, language: str) -> None:
    """Say why the deadline went unchecked, and what would give a time -- with what `grade` has.

    The checker's own words name `check --submitted-at`, an option `grade` lacks.
    """
    from analyser.grading.labels import UNKNOWN_TIME

    for check in report.get("checks", []):
        if check.get("id") == "deadline" and check.get("passed") is None and "--submitted-at" in check.get("detail", ""):
            texts = UNKNOWN_TIME.get(language) or UNKNOWN_TIME["en"]
            check["detail"] = texts["mail" if submission.from_mail else "file"]


def _rubric(name_or_path: str | None):
    if name_or_path not in _rubrics:
        from analyser.rubric import load_rubric

        _rubrics[name_or_path] = load_rubric(name_or_path)
    return _rubrics[name_or_path]


def _article(text: str, settings: JobSettings):
    """((Document, facts, problem, retry, missing), unmatched link): the article the submission analyses.

    `retry`: the failure may pass (network), forget this outcome; `missing`:
    --offline found no cached copy, an online run should grade it again.
    With --papers, the folder's PDF that states the linked identifier (or whose
    title the text quotes) first; `unmatched` is the link none matched.
    """
    from analyser.sources import find_article_link

    link = settings.paper or find_article_link(text)
    unmatched = ""
    if settings.papers is not None and not settings.paper:
        found = settings.papers.match(link, text)
        if found is not None:
            link = found.path
        elif link:
            unmatched = link
    if not link:
        return (None, None, "no link to the article: consistency not checked", False, False), ""
    if link not in _articles:
        _articles[link] = _fetch_article(link, settings.offline, settings.article_store, settings.code_version)
    found = _articles[link]
    if unmatched and found[2]:
        found = (*found[:2], f"{found[2]} (no PDF in {settings.papers.folder} states this identifier or has "
                             "its title quoted)", *found[3:])
    return found, unmatched


def warm(settings: JobSettings) -> None:
    """Read the class's article once before the workers start, so that they share it."""
    if settings.paper:
        _article("", settings)


def _fetch_article(link: str, offline: bool, store: str | None, code_version: str = ""):
    from analyser.sources import locate_article
    from analyser.sources.errors import NetworkError, OfflineMissError

    try:
        located = locate_article(link, offline=offline)  # the instructor's file, or the link resolved
        if located.path is None:
            why = located.pdf_error or "no PDF available"
            return None, None, f"{ARTICLE_UNAVAILABLE}: {link}: {why}; consistency not checked", False, False
        paper, facts = _extracted(Path(located.path), Path(store) if store else None, code_version)
        return paper, facts, None, False, False
    except NetworkError as error:
        return None, None, f"{ARTICLE_UNAVAILABLE}: {error}", True, False
    except OfflineMissError as error:
        return None, None, f"{ARTICLE_UNAVAILABLE}: {error}", False, True
    except AnalyserError as error:
        return None, None, f"{ARTICLE_UNAVAILABLE}: {error}", False, False


def _extracted(pdf_path: Path, store: Path | None, code_version: str = ""):
    """(Document, facts) of an article PDF, extracted once for all workers and runs.

    Reading and extracting an article costs about a second; a class of 200
    writing about three articles would otherwise pay it in every worker.
    The first worker extracts under a lock and leaves a pickle in the output
    folder's ledger; the others (and later runs) load it.
    """
    import hashlib
    import pickle

    from analyser.documents import load
    from analyser.facts import extract
    from analyser import atomic
    if store is None:
        paper = load(pdf_path)
        return paper, extract(paper)
    key = hashlib.sha256(pdf_path.read_bytes() + code_version.encode()).hexdigest()[:32]
    target = store / f"{key}.pickle"
    with _locked(store / f"{key}.lock"):
        if target.is_file():
            try:
                return pickle.loads(target.read_bytes())  # written by us, in the instructor's own folder
            except Exception:  # noqa: BLE001 - a stale or damaged pickle is simply rebuilt
                log.info("rebuilding %s", target)
        paper = load(pdf_path)
        facts = extract(paper)
        atomic.write_bytes(target, pickle.dumps((paper, facts), protocol=pickle.HIGHEST_PROTOCOL))
    return paper, facts


class _locked:
    """An exclusive lock on a file (POSIX flock); no lock where fcntl is missing."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+b")
        try:
            import fcntl

            fcntl.flock(self.handle, fcntl.LOCK_EX)
        except ImportError:
            pass  # Windows: two workers may both extract; the result is the same
        return self

    def __exit__(self, *exc):
        self.handle.close()  # closing releases the lock
