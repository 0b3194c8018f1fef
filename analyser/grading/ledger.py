"""Step 3: skip what was already graded (content hash), and make runs resumable.

Each graded submission leaves `OUT/.grading/<id-hash>.json` holding its
outcome and the key it was graded under: the hash of the submitted content,
of the rubric and of every setting that changes a grade. A re-run whose key
matches reuses the outcome instead of grading again. The file is written as
soon as the submission is graded, so an interrupted run resumes where it
stopped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

from analyser import __version__
from analyser import atomic
from analyser.grading.model import Outcome, Submission

FOLDER = ".grading"


def grading_key(submission: Submission, settings_fingerprint: str) -> str:
    """What one grade depends on, and only that: same key on every run with the same inputs.

    The submitted content and its time (the Date header, for lateness), and
    `settings_fingerprint` (rubric, due date, article, grading code). Nothing
    measured while running (clock, file times, paths, --jobs, --offline) goes in.
    """
    parts = [
        submission.content_hash,
        submission.submitted_at.isoformat() if submission.submitted_at else "",
        "\x1e".join(submission.problems),
        settings_fingerprint,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def settings_fingerprint(rubric_text: str, due, article: str, code_version: str) -> str:
    """What, besides the submission, decides a grade: the rubric, the due date, the article and the code.

    `article` is the content hash of the class's article (`--paper` file), its
    identifier, or "" when each submission's own link is used.
    """
    parts = [rubric_text, due.isoformat() if due else "", article, code_version]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# Bump when a change to the grading code (checker, facts, documents, rubric
# loading, grading/job.py) changes grades without a new release: the next run
# re-grades every class. Between bumps, grades are reused.
GRADING_VERSION = 3


def article_state_reader() -> Callable[[str], str]:
    """`state(link)`: the digest of the article a link leads to in the cache (or a local file), "" if none.

    Never uses the network (a cache lookup, then a hash of the PDF), and reads
    each link once per run: a class of 200 writing on three articles costs
    three lookups.
    """
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def state(link: str) -> str:
        from analyser.grading.job import file_digest
        from analyser.sources.article import cached_article

        path = cached_article(link)
        try:
            return file_digest(path) if path is not None else ""
        except OSError:
            return ""

    return state


def code_fingerprint() -> str:
    """The grading code's version: the release and GRADING_VERSION, nothing read from disk.

    Not the source files' times or contents: in a shared checkout colleagues
    edit modules all day, and an editor, a checkout or a reinstall touches
    files without changing any grade -- each of those re-graded whole classes
    for no reason ("9 graded, 0 unchanged" on an identical run).
    """
    return f"{__version__}+grading.{GRADING_VERSION}"


class Ledger:
    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / FOLDER

    def _file(self, submission_id: str) -> Path:
        return self.folder / f"{hashlib.sha256(submission_id.encode()).hexdigest()[:24]}.json"

    def lookup(self, submission: Submission, key: str, *, offline: bool = False,
               article_state: Callable[[str], str] | None = None) -> Outcome | None:
        """The outcome recorded under `key`; one graded without its article only for an offline run.

        `article_state(link)` is the digest of the article now at hand for a link
        ("" when none): an outcome graded against another state of its article
        -- typically "could not be had", before `analyser fetch DOI --pdf FILE`
        put it in the cache -- is graded again.
        """
        path = self._file(submission.id)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or damaged: grade again
        if entry.get("key") != key or entry.get("outcome", {}).get("submission_id") != submission.id:
            return None
        try:
            outcome = Outcome(**{**entry["outcome"], "skipped": True})
        except TypeError:
            return None  # written by another version of the Outcome shape
        if outcome.article_missing and not offline:
            return None  # online now: the article can be fetched, grade it fully
        if article_state is not None and outcome.article_link and article_state(outcome.article_link) != outcome.article_digest:
            return None  # the article arrived (or changed) since: grade against it
        return outcome

    def latest(self, submission: Submission) -> Outcome | None:
        """The outcome last recorded for `submission`, whatever it was graded under; None if none."""
        try:
            entry = json.loads(self._file(submission.id).read_text(encoding="utf-8"))
            if entry.get("outcome", {}).get("submission_id") != submission.id:
                return None
            return Outcome(**{**entry["outcome"], "skipped": True})
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def record(self, outcome: Outcome, key: str) -> None:
        if outcome.retry:
            return  # e.g. the article was unreachable: try again next run
        # Shallow: the fields are plain data already (asdict's deep copy cost a second a class of 500).
        data = {field.name: getattr(outcome, field.name) for field in fields(outcome) if field.name != "skipped"}
        atomic.write_json(self._file(outcome.submission_id), {"key": key, "outcome": data}, compact=True)
