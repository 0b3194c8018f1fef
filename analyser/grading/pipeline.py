"""The grading run: intake -> roster -> selection -> ledger -> jobs -> similarity -> flags -> publish.

Each step is a module of `analyser.grading`; this file only chains them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from analyser import atomic
from analyser.rubric.model import LANGUAGES
from analyser.grading import intake, ledger, publish, roster, runlock, selection, similarity
from analyser.grading.errors import NoSubmissionError, OutputDirError
from analyser.grading.flags import flags_for
from analyser.grading.job import JobSettings, reset, warm
from analyser.grading.model import ClassResult, Outcome, SimilarPair, StudentResult
from analyser.grading.names import assign_slugs
from analyser.grading.outdir import check_not_foreign, check_writable, make_output_dir, write_failure
from analyser.grading.workers import Workers


Progress = Callable[[int, int], None]  # (done, total)


def grade_class(
    inputs: list[Path],
    out_dir: Path,
    *,
    rubric: str | None = None,
    due: datetime | None = None,
    jobs: int = 1,
    offline: bool = False,
    paper: str | None = None,
    similarity_threshold: float = similarity.DEFAULT_THRESHOLD,
    progress: Progress | None = None,
    force: bool = False,
    papers: str | Path | None = None,
    prune: bool = False,
) -> ClassResult:
    """Grade every submission in `inputs` into `out_dir`; see the module docstring for the steps.

    `paper` is the article of the whole class (a PDF path or an identifier);
    without it each submission's own link is matched in the `papers` folder
    (PDFs by the identifier or title they state), else resolved, cache first.
    `out_dir` holds one class across runs: this run's students are added to
    those of earlier runs, or replace them with `prune`.
    `force` allows an `out_dir` holding other files than a previous grading.
    """
    from analyser.review import decisions

    existed = Path(out_dir).is_dir()
    reviews = decisions.load(Path(out_dir))  # a hand-edit error is said before any work, and nothing overwritten
    shelf = None
    if papers is not None and not paper:
        from analyser.sources.papers_folder import read_papers_folder

        shelf = read_papers_folder(papers)  # a wrong --papers is said before the output folder is made
    out_dir = _prepare_out(Path(out_dir), inputs, force=force)
    try:
        # One run per folder; holding it, whatever temporary file is there was left by a killed run.
        with runlock.held(out_dir, ledger.FOLDER):
            runlock.sweep_temporary_files(out_dir)
            return _grade_locked(inputs, out_dir, rubric=rubric, due=due, jobs=jobs, offline=offline, paper=paper,
                                 similarity_threshold=similarity_threshold, progress=progress, shelf=shelf,
                                 prune=prune, reviews=reviews)
    except NoSubmissionError:
        if not existed:
            (out_dir / ledger.FOLDER / runlock.LOCK).unlink(missing_ok=True)
            _remove_empty(out_dir)  # leave no trace of a run that did nothing
        raise


def _grade_locked(inputs, out_dir: Path, *, rubric, due, jobs, offline, paper, similarity_threshold, progress,
                  shelf, prune, reviews) -> ClassResult:
    from analyser.review.apply import Weights
    from analyser.rubric import load_rubric

    loaded = load_rubric(rubric)
    due = due or _rubric_due(loaded)
    if paper and Path(paper).is_file():
        paper = str(Path(paper).resolve())  # workers may not share our working directory
    members = roster.load(out_dir / ledger.FOLDER)

    try:
        found = intake.collect([Path(p) for p in inputs], out_dir / "inbox", exclude=out_dir)
    except OSError as error:  # the inbox (saved attachments) could not be written
        raise write_failure(error, out_dir) from None
    submissions = [s for s in found if not s.unattributed]
    rejected = [f"{s.origin}: {'; '.join(s.problems) or 'nothing to grade'}" for s in found if s.unattributed]
    if not submissions:
        what = f" ({len(rejected)} message(s) with no sender and nothing to grade)" if rejected else ""
        raise NoSubmissionError(
            f"no submission found in {', '.join(str(p) for p in inputs)}{what}: give folders of documents "
            "(pdf, docx, md, tex, txt), mbox files, Maildirs or .eml files")
    selections = selection.select(roster.merge(members, submissions, prune=prune), due)
    slugs = assign_slugs([s.student_key for s in selections],
                         {s.student_key: s.graded.student_name or s.graded.email for s in selections},
                         members.slugs())
    status = roster.statuses(members, selections, submissions)

    code_version = ledger.code_fingerprint()
    settings = JobSettings(rubric=rubric, due=due, offline=offline, paper=paper,
                           article_store=str(out_dir / ledger.FOLDER / "articles"), code_version=code_version,
                           papers=shelf)
    article_key = _article_key(paper) + (shelf.digest if shelf is not None else "")
    fingerprint = ledger.settings_fingerprint(_rubric_text(rubric, loaded), due, article_key, code_version)
    book = ledger.Ledger(out_dir)
    article_state = ledger.article_state_reader()
    outcomes: dict[str, Outcome] = {}
    todo = []
    for chosen in selections:
        key = ledger.grading_key(chosen.graded, fingerprint)
        previous = book.lookup(chosen.graded, key, offline=offline, article_state=article_state)
        if previous is None and not _readable(chosen.graded):
            # Graded in an earlier run from a file no longer given: its grade stands.
            previous = book.latest(chosen.graded)
        if previous is not None:
            outcomes[chosen.graded.id] = previous
        else:
            todo.append((chosen.graded, key))

    reset()  # a library user may grade twice in one process, with articles fetched in between
    done = len(outcomes)
    if progress:
        progress(done, len(selections))
    with Workers(jobs) as workers:
        if todo and jobs > 1:
            warm(settings)
        for outcome, key in workers.grade(todo, settings):
            try:
                book.record(outcome, key)
            except OSError as error:
                raise write_failure(error, out_dir) from None
            outcomes[outcome.submission_id] = outcome
            done += 1
            if progress:
                progress(done, len(selections))

    students = [StudentResult(slugs[s.student_key], s, outcomes[s.graded.id], flags=[], status=status[s.student_key])
                for s in selections]
    pairs = _similar_pairs(out_dir, {st.slug: st.outcome.text for st in students if st.outcome.text},
                           similarity_threshold)
    for student in students:
        student.similar = [p for p in pairs if student.slug in (p.a, p.b)]
        student.flags = flags_for(student.selection, student.outcome, student.similar)

    result = ClassResult(
        out_dir=out_dir,
        students=students,
        rubric_id=loaded.id,
        scale=float(loaded.scale),
        criteria=[(c.id, c.title) for c in loaded.criteria],
        criteria_titles={lang: {c.id: c.title_in(lang) for c in loaded.criteria} for lang in LANGUAGES},
        due=due,
        pairs=pairs,
        graded=sum(1 for st in students if _scored(st.outcome) and not st.outcome.skipped),
        skipped=sum(1 for st in students if _scored(st.outcome) and st.outcome.skipped),
        failed=sum(1 for st in students if st.outcome.report is None),
        without_article=sum(1 for st in students if st.outcome.without_article),
        rejected=rejected,
        held=sum(1 for st in students if "manual_review" in st.flags and _scored(st.outcome)),
        status_counts={name: sum(1 for st in students if st.status == name)
                       for name in (roster.NEW, roster.UPDATED, roster.UNCHANGED, roster.EARLIER)},
        pruned=sorted(key for key in members.members if key not in slugs),
        unmatched_links=_unmatched(students),
        weights=Weights({c.id: float(c.weight) for c in loaded.criteria}, float(loaded.scale),
                        {"deadline": float(loaded.checks.penalties.late),
                         "page_limit": float(loaded.checks.penalties.over_page_limit)}),
        papers=shelf.folder if shelf is not None else None,
    )
    try:
        _remove_pruned(out_dir, [members.members[key].slug for key in result.pruned], set(slugs.values()))
        roster.save(members, selections, slugs)
        publish.save_snapshot(result)
        publish.publish(result, reviews)
    except OSError as error:
        raise write_failure(error, out_dir) from None
    return result


def _readable(submission) -> bool:
    return submission.path is None or Path(submission.path).is_file()


def _unmatched(students: list[StudentResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for student in students:
        link = student.outcome.unmatched_link
        if link and student.outcome.without_article:
            counts[link] = counts.get(link, 0) + 1
    return dict(sorted(counts.items()))


def _remove_pruned(out_dir: Path, gone: list[str], kept: set[str]) -> None:
    """The report folders of students --prune removed: our files only, then the folder if empty."""
    for slug in gone:
        if slug in kept:
            continue
        folder = out_dir / slug
        for name in ("report.html", "report.json"):
            (folder / name).unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            pass  # something else is in it: not ours to delete


def _scored(outcome: Outcome) -> bool:
    """Graded in full: a score, and the article it was checked against."""
    return outcome.report is not None and not outcome.without_article


def _similar_pairs(out_dir: Path, texts: dict[str, str], threshold: float) -> list[SimilarPair]:
    """The similarity step, reused when no text changed (it is the slow part of a re-run)."""
    import json
    from dataclasses import asdict

    digest = hashlib.sha256(repr((threshold, similarity.VERSION, sorted((slug, hashlib.sha256(text.encode()).hexdigest())
                                                    for slug, text in texts.items()))).encode()).hexdigest()
    saved = out_dir / ledger.FOLDER / "similarity.json"
    try:
        data = json.loads(saved.read_text(encoding="utf-8"))
        if data["key"] == digest:
            return [SimilarPair(**pair) for pair in data["pairs"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # absent or stale: compute
    pairs = similarity.similar_pairs(texts, threshold)
    atomic.write_json(saved, {"key": digest, "pairs": [asdict(p) for p in pairs]}, compact=True)
    return pairs


def _prepare_out(out_dir: Path, inputs, *, force: bool = False) -> Path:
    resolved = out_dir.resolve()
    for item in inputs:
        if Path(item).resolve() == resolved:
            raise OutputDirError("is also an input: give another --out folder", path=str(out_dir))
    if out_dir.is_dir():
        check_writable(out_dir)  # /proc, a read-only mount: said first, whatever it holds
    check_not_foreign(out_dir, ledger.FOLDER, force=force)
    folder = make_output_dir(out_dir)
    try:  # the ledger's folder: where the first write of the run goes
        (folder / ledger.FOLDER).mkdir(exist_ok=True)
    except OSError as error:
        raise OutputDirError(f"cannot write in the output folder ({error.strerror or type(error).__name__})",
                             path=str(out_dir)) from None
    return folder


def _remove_empty(folder: Path) -> None:
    for path in [*sorted(folder.rglob("*"), reverse=True), folder]:
        try:
            path.rmdir()  # folders only, and only empty ones
        except OSError:
            pass


def _article_key(paper: str | None) -> str:
    """The class's article by content (a file moved or given by another path is the same article)."""
    if paper and Path(paper).is_file():
        return "sha256:" + hashlib.sha256(Path(paper).read_bytes()).hexdigest()
    return paper or ""


def _rubric_due(rubric) -> datetime | None:
    checks = getattr(rubric, "checks", None)
    due = getattr(checks, "due", None) if checks is not None else None
    if isinstance(due, str):
        if not due.strip():
            return None
        from analyser.dates import parse_due

        return parse_due(due)
    return due


def _rubric_text(name_or_path: str | None, loaded) -> str:
    """The rubric's file content (so that editing the file re-grades), else its full repr."""
    from analyser.resources import rubrics_dir

    candidates = [Path(p) for p in (getattr(loaded, "path", ""), name_or_path) if p]
    candidates.append(rubrics_dir() / f"{loaded.id}.toml")
    for candidate in candidates:
        if candidate.is_file():
            return hashlib.sha256(candidate.read_bytes()).hexdigest()
    return repr(loaded)
