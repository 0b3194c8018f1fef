"""Step 4: grade one submission -- read it, get its article, extract the facts, check it.

Runs in worker processes (`--jobs`), so it takes and returns plain data.
Whatever goes wrong with one submission is returned as a reason for manual
review, never raised: the rest of the class goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
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
_articles: dict[str, "ArticleFound"] = {}


def grade_one(submission: Submission, settings: JobSettings) -> Outcome:
    try:
        return _valid(_grade(submission, settings))
    except Exception as error:  # noqa: BLE001
        # A bug met on one student's file must not cost the class its grades:
        # the submission goes to manual review with a one-line reason (the
        # traceback only at debug level), and is not remembered by the ledger
        # (retry), so the next run, maybe with a fix, tries again.
        log.debug("grading %s failed", submission.origin, exc_info=True)
        return Outcome(submission.id, None, review=[f"internal error while grading: {type(error).__name__}: {error}"],
                       retry=True)


def _valid(outcome: Outcome) -> Outcome:
    """Every string of the outcome valid text: a file name that is not UTF-8 must not stop the writing of reports."""
    from analyser.safe_text import valid_data, valid_text

    outcome.report = valid_data(outcome.report)
    outcome.review = valid_data(outcome.review)
    outcome.notes = valid_data(outcome.notes)
    outcome.text = valid_text(outcome.text)
    return outcome


def _grade(submission: Submission, settings: JobSettings) -> Outcome:
    if submission.path is None:
        return Outcome(submission.id, None, review=list(submission.problems) or ["nothing to grade"])

    from analyser.checking import check
    from analyser.template_markers import strip_template_text

    review = list(submission.problems)
    notes: list[str] = []
    candidates = [submission.path, *submission.alternatives]
    document, problem = _first_readable(candidates, notes)
    if document is None:
        return Outcome(submission.id, None, review=review + [problem])

    article = _article(document.text + "\n" + (document.references or ""), settings)
    if article.problem:
        review.append(article.problem)
    if article.shingles:
        first = document
        document, verdict = _own_document(document, candidates, article.shingles, notes)
        if document is None:
            return Outcome(submission.id, None, review=review + [verdict], article_link=article.link,
                           article_digest=article.digest)
        if verdict:
            review.append(verdict)
        if document is not first:  # the analysis graded instead names its article itself
            article = _article(document.text + "\n" + (document.references or ""), settings)
    elif len(candidates) == 1:
        signs = _article_signs(document)
        if signs:  # the article is not at hand to compare with: a person must look
            review.append(f"looks like the published article itself ({signs}), not an analysis")
    report = check(
        document,
        paper=article.paper,
        facts=article.facts,
        rubric=_rubric(settings.rubric),
        submitted_at=submission.submitted_at,
        due=settings.due,
        # The article was already looked for: don't let the checker try the network again.
        offline=settings.offline or article.paper is None,
    )
    data = report.to_dict()
    if submission.submitted_at is None:
        _explain_unknown_time(data, submission, report.language)
    return Outcome(submission.id, data, text=strip_template_text(document.text), review=review,
                   notes=notes + list(report.notes), retry=article.retry, article_missing=article.missing,
                   language=getattr(report, "language", "") or "", article_link=article.link,
                   article_digest=article.digest, confidence={c.id: float(c.confidence) for c in report.criteria},
                   unmatched_link=article.unmatched if article.problem else "")


def _explain_unknown_time(report: dict, submission: Submission, language: str) -> None:
    """Say why the deadline went unchecked, and what would give a time -- with what `grade` has.

    The checker's own words name `check --submitted-at`, an option `grade` lacks.
    """
    from analyser.grading.labels import UNKNOWN_TIME

    for check in report.get("checks", []):
        if check.get("id") == "deadline" and check.get("passed") is None and "--submitted-at" in check.get("detail", ""):
            texts = UNKNOWN_TIME.get(language) or UNKNOWN_TIME["en"]
            check["detail"] = texts["mail" if submission.from_mail else "file"]


def _first_readable(candidates: list[Path], notes: list[str]):
    """(Document, None) of the first candidate that can be read, else (None, why the first could not)."""
    from analyser.documents import load

    first_problem = None
    for path in candidates:
        try:
            document = load(path, max_bytes=MAX_DOCUMENT_BYTES)
        except AnalyserError as error:
            first_problem = first_problem or f"could not be read: {error}"
            notes.append(f"{path.name} could not be read: {error}")
            continue
        if path != candidates[0]:
            notes.append(f"{path.name} graded instead")
        return document, None
    return None, first_problem


def _own_document(document, candidates: list[Path], article: set[int], notes: list[str]):
    """(the document to grade, a review reason or None); (None, why) when every candidate is the article."""
    from analyser.documents import load
    from analyser.grading.own_document import COPIED_SHARE, IS_ARTICLE_SHARE, copied_share

    share = copied_share(document.text, article)
    if share < IS_ARTICLE_SHARE:
        verdict = f"{share:.0%} of its text is copied from the article" if share >= COPIED_SHARE else None
        return document, verdict
    name = Path(document.path).name
    for path in candidates:
        if str(path) == document.path:
            continue
        try:
            other = load(path, max_bytes=MAX_DOCUMENT_BYTES)
        except AnalyserError:
            continue
        if copied_share(other.text, article) < COPIED_SHARE:
            notes.append(f"{name} is the article itself, not graded; {path.name} graded instead")
            return other, None
    return None, (f"{name} is the article itself ({share:.0%} of its text is the article's), not an analysis: "
                  "ask the student for their analysis")


def _article_signs(document) -> str | None:
    from analyser.grading.own_document import article_signs

    first = document.pages[0].text if document.pages else ""
    return article_signs(pages=None if document.pages_estimated else len(document.pages), first_page=first,
                         references=document.references or "")


def _rubric(name_or_path: str | None):
    if name_or_path not in _rubrics:
        from analyser.rubric import load_rubric

        _rubrics[name_or_path] = load_rubric(name_or_path)
    return _rubrics[name_or_path]


@dataclass
class ArticleFound:
    """What was found of the article a submission analyses (job.py's view, per worker)."""

    paper: object = None  # its Document, None when it could not be had
    facts: object = None
    problem: str | None = None  # the review reason when it could not be had
    retry: bool = False  # the failure may pass (network): forget this outcome
    missing: bool = False  # --offline found no cached copy: an online run should grade again
    link: str = ""  # the link or --paper it was looked for by
    digest: str = ""  # sha256 of the article's file, "" when none was had (see ledger.article_state)
    shingles: set = field(default_factory=set)  # its 8-word runs, to recognise a copy of it
    unmatched: str = ""  # with --papers: the link no PDF of the folder matched


def _article(text: str, settings: JobSettings) -> ArticleFound:
    """The article the submission analyses, cache first (once per link and worker)."""
    from analyser.sources import find_article_link

    link = settings.paper or find_article_link(text)
    unmatched = ""
    # With --papers, the folder's PDF that states the linked identifier (or whose title the text quotes) first.
    if settings.papers is not None and not settings.paper:
        found = settings.papers.match(link, text)
        if found is not None:
            link = found.path
        elif link:
            unmatched = link
    if not link:
        return ArticleFound(problem="no link to the article: consistency not checked")
    if link not in _articles:
        _articles[link] = _fetch_article(link, settings.offline, settings.article_store, settings.code_version)
    found = _articles[link]
    if unmatched and found.problem:
        found = replace(found, problem=f"{found.problem} (no PDF in {settings.papers.folder} states this identifier "
                                      "or has its title quoted)", unmatched=unmatched)
    return found


def reset() -> None:
    """Forget the articles read by an earlier run in this process: the cache may have changed since."""
    _articles.clear()


def warm(settings: JobSettings) -> None:
    """Read the class's article once before the workers start, so that they share it."""
    if settings.paper:
        _article("", settings)


def _fetch_article(link: str, offline: bool, store: str | None, code_version: str = "") -> ArticleFound:
    from analyser.grading.own_document import shingles
    from analyser.sources import locate_article
    from analyser.sources.errors import NetworkError, OfflineMissError

    try:
        located = locate_article(link, offline=offline)  # the instructor's file, or the link resolved
        if located.path is None:
            why = located.pdf_error or "no PDF available"
            # A PDF that timed out may come next time: not remembered by the ledger.
            return ArticleFound(problem=f"{ARTICLE_UNAVAILABLE}: {link}: {why}; consistency not checked", link=link,
                                retry=isinstance(located.pdf_error, NetworkError))
        paper, facts = _extracted(Path(located.path), Path(store) if store else None, code_version)
        return ArticleFound(paper, facts, link=link, digest=file_digest(Path(located.path)),
                            shingles=shingles(paper.text))
    except NetworkError as error:
        return ArticleFound(problem=f"{ARTICLE_UNAVAILABLE}: {error}", retry=True, link=link)
    except OfflineMissError as error:
        return ArticleFound(problem=f"{ARTICLE_UNAVAILABLE}: {error}", missing=True, link=link)
    except AnalyserError as error:
        return ArticleFound(problem=f"{ARTICLE_UNAVAILABLE}: {error}", link=link)


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


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
