"""`OUT/reviews.json`: the instructor's decisions, kept across every re-run of `analyser grade`.

The review page writes it (atomically, after each decision); it is also meant
to be read and edited by hand::

    {
      "format": "analyser-reviews",
      "version": 1,
      "students": {
        "alice@etu.example.fr": {                 <- the student: e-mail, else Moodle id or file name
          "name": "Alice Martin",                 <- for you to read; not used
          "submission": "9f2c...e1",              <- sha256 of the file the decisions were made on
          "resolved": true,                       <- flags looked at: the report may be e-mailed
          "comment": "Good work overall.",        <- shown in the report and the e-mail
          "criteria": {
            "ml_problem": {"score": 2, "proposed": 3, "comment": "It is regression, not classification."}
          },
          "decided_at": "2026-03-03T10:12:00+00:00"
        }
      }
    }

A criterion's `score` (0 to 3) replaces the automatic one; `proposed` is the
automatic score it was decided against (equal to `score`: the proposal was
accepted). When a student hands in a new version, `submission` no longer
matches: the decision is shown as outdated and not applied, never silently
carried over to a text it was not made on. Only `score` is required in a
criterion; every other key is optional.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from analyser import atomic
from analyser.errors import AnalyserError

FILE = "reviews.json"
FORMAT = "analyser-reviews"
VERSION = 1
MAX_SCORE = 3
MAX_COMMENT = 5000


class ReviewFileError(AnalyserError):
    """reviews.json cannot be read: bad JSON or a value of the wrong kind (a hand edit)."""


@dataclass
class CriterionDecision:
    score: int
    proposed: int | None = None
    comment: str = ""

    @property
    def accepted(self) -> bool:
        """The instructor confirmed the automatic score."""
        return self.score == self.proposed


@dataclass
class Decision:
    """What the instructor decided on one student's graded submission."""

    submission: str
    """sha256 of the submitted file the decision was made on."""
    name: str = ""
    resolved: bool = False
    comment: str = ""
    criteria: dict[str, CriterionDecision] = field(default_factory=dict)
    decided_at: str = ""

    def touch(self) -> None:
        self.decided_at = datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Reviews:
    path: Path
    students: dict[str, Decision] = field(default_factory=dict)

    def save(self) -> Path:
        data = {"format": FORMAT, "version": VERSION,
                "students": {key: _dump(decision) for key, decision in sorted(self.students.items())}}
        return atomic.write_text(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def path_in(out_dir: Path) -> Path:
    return Path(out_dir) / FILE


def load(out_dir: Path) -> Reviews:
    """The decisions of the class graded in `out_dir` (none yet: empty). ReviewFileError names the file."""
    path = path_in(out_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return Reviews(path)  # no decision yet (or no such folder: said by whoever makes it)
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewFileError(f"cannot be read ({getattr(error, 'strerror', None) or error})", path=str(path)) from None
    try:
        data = json.loads(text)
    except ValueError as error:
        where = f"line {error.lineno}, column {error.colno}: " if isinstance(error, json.JSONDecodeError) else ""
        raise ReviewFileError(f"{where}not valid JSON ({getattr(error, 'msg', error)})", path=str(path)) from None
    return Reviews(path, _parse(data, path))


def _parse(data, path: Path) -> dict[str, Decision]:
    def bad(where: str, why: str) -> ReviewFileError:
        return ReviewFileError(f"{where}: {why}", path=str(path))

    if not isinstance(data, dict):
        raise bad("top level", "a JSON object is expected")
    if data.get("version") != VERSION:
        raise bad("version", f"{data.get('version')!r} is not a version this analyser reads (it reads {VERSION})")
    students = data.get("students", {})
    if not isinstance(students, dict):
        raise bad("students", "an object keyed by student is expected")
    decisions = {}
    for key, entry in students.items():
        where = f"students.{key}"
        if not isinstance(entry, dict):
            raise bad(where, "an object is expected")
        submission = entry.get("submission")
        if not isinstance(submission, str) or not submission:
            raise bad(f"{where}.submission", "the sha256 of the submission is required")
        criteria = entry.get("criteria", {})
        if not isinstance(criteria, dict):
            raise bad(f"{where}.criteria", "an object keyed by criterion id is expected")
        parsed = {}
        for cid, item in criteria.items():
            cwhere = f"{where}.criteria.{cid}"
            if not isinstance(item, dict):
                raise bad(cwhere, "an object with a score is expected")
            score = item.get("score")
            if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= MAX_SCORE:
                raise bad(f"{cwhere}.score", f"{score!r} is not a whole number from 0 to {MAX_SCORE}")
            proposed = item.get("proposed")
            if proposed is not None and (isinstance(proposed, bool) or not isinstance(proposed, int)):
                raise bad(f"{cwhere}.proposed", f"{proposed!r} is not a whole number")
            parsed[cid] = CriterionDecision(score, proposed, _text(item.get("comment", ""), f"{cwhere}.comment", bad))
        resolved = entry.get("resolved", False)
        if not isinstance(resolved, bool):
            raise bad(f"{where}.resolved", "true or false is expected")
        decisions[key] = Decision(
            submission=submission,
            name=_text(entry.get("name", ""), f"{where}.name", bad),
            resolved=resolved,
            comment=_text(entry.get("comment", ""), f"{where}.comment", bad),
            criteria=parsed,
            decided_at=_text(entry.get("decided_at", ""), f"{where}.decided_at", bad),
        )
    return decisions


def _text(value, where: str, bad) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise bad(where, "text is expected")
    return value[:MAX_COMMENT]


def _dump(decision: Decision) -> dict:
    data: dict = {"name": decision.name, "submission": decision.submission, "resolved": decision.resolved}
    if decision.comment:
        data["comment"] = decision.comment
    data["criteria"] = {}
    for cid, item in sorted(decision.criteria.items()):
        entry: dict = {"score": item.score, "proposed": item.proposed}
        if item.comment:
            entry["comment"] = item.comment
        data["criteria"][cid] = entry
    data["decided_at"] = decision.decided_at
    return data
