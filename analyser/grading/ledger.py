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
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from analyser import __version__
from analyser import atomic
from analyser.grading.model import Outcome, Submission

FOLDER = ".grading"


def grading_key(submission: Submission, settings_fingerprint: str) -> str:
    parts = [
        submission.content_hash,
        submission.submitted_at.isoformat() if submission.submitted_at else "",
        settings_fingerprint,
        __version__,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def settings_fingerprint(rubric_text: str, due, paper: str | None, offline: bool) -> str:
    """What, besides the submission, decides a grade: the rubric, the options and the code."""
    parts = [rubric_text, due.isoformat() if due else "", paper or "", str(offline), code_fingerprint()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# The parts whose code decides a grade.
GRADING_CODE = ("checking", "facts", "documents", "rubric", "grading/job.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The grading code as installed: an upgrade (or an edit in a checkout) re-grades.

    Size and modification time of each module that decides a grade: a stat
    per file, no reading.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for part in GRADING_CODE:
        root = package / part
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.suffix in (".py", ".toml", ".json") and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


class Ledger:
    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / FOLDER

    def _file(self, submission_id: str) -> Path:
        return self.folder / f"{hashlib.sha256(submission_id.encode()).hexdigest()[:24]}.json"

    def lookup(self, submission: Submission, key: str) -> Outcome | None:
        path = self._file(submission.id)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or damaged: grade again
        if entry.get("key") != key or entry.get("outcome", {}).get("submission_id") != submission.id:
            return None
        try:
            return Outcome(**{**entry["outcome"], "skipped": True})
        except TypeError:
            return None  # written by another version of the Outcome shape

    def record(self, outcome: Outcome, key: str) -> None:
        if outcome.retry:
            return  # e.g. the article was unreachable: try again next run
        data = asdict(outcome)
        data.pop("skipped")
        atomic.write_json(self._file(outcome.submission_id), {"key": key, "outcome": data}, compact=True)
