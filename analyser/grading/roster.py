"""One class per --out folder: the students graded there, across runs.

`OUT/.grading/class.json` remembers every submission each student handed in
and the folder name (slug) their report has. A run adds what its inputs hold
to it, so late submissions graded next week join the class instead of
replacing it: the gradebook, the overview and the e-mail list hold every
student ever graded in that folder, and a newer submission replaces an older
one by the usual rule (the latest on or before the due date). `prune` keeps
only the students of this run's inputs.

Students are keyed as intake keys them: the sender's address for e-mail,
Moodle's participant id, else the sub-folder or file name; so two students
with one name never share a row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from analyser import atomic
from analyser.grading.errors import OutputDirError
from analyser.grading.model import Selection, Submission

FILE = "class.json"
VERSION = 1

NEW, UPDATED, UNCHANGED, EARLIER = "new", "updated", "unchanged", "earlier"


@dataclass
class Member:
    slug: str
    submissions: list[Submission]
    graded: tuple[str, str] = ("", "")
    """(submission id, content hash) graded last time: tells "updated" from "unchanged"."""


@dataclass
class Roster:
    path: Path
    members: dict[str, Member] = field(default_factory=dict)

    def slugs(self) -> dict[str, str]:
        return {key: member.slug for key, member in self.members.items()}


def load(grading_folder: Path) -> Roster:
    """The class as the last run left it; empty for a new folder."""
    path = Path(grading_folder) / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Roster(path)
    except (OSError, ValueError) as error:
        raise _damaged(path, error) from None
    try:
        members = {key: Member(entry["slug"], [_submission(item) for item in entry["submissions"]],
                               tuple(entry.get("graded") or ("", "")))
                   for key, entry in data["students"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise _damaged(path, error) from None
    return Roster(path, members)


def _damaged(path: Path, error: Exception) -> OutputDirError:
    # Never guess: reading it wrong would silently drop students from the class.
    return OutputDirError(f"damaged ({error}): remove it to start the class afresh from this run's inputs "
                          "(earlier students are then left out)", path=str(path))


def merge(roster: Roster, found: list[Submission], *, prune: bool = False) -> list[Submission]:
    """Every submission of the class: this run's, and (unless `prune`) those of earlier runs."""
    if prune:
        return list(found)
    merged: dict[str, Submission] = {}
    for member in roster.members.values():
        for submission in member.submissions:
            merged[submission.id] = submission
    for submission in found:
        merged[submission.id] = submission  # this run's view of it (a moved file, a new problem) wins
    return list(merged.values())


def statuses(roster: Roster, selections: list[Selection], found: list[Submission]) -> dict[str, str]:
    """Student key -> new, updated, unchanged (among this run's inputs) or earlier (only in earlier runs)."""
    present = {submission.student_key for submission in found}
    result = {}
    for chosen in selections:
        member = roster.members.get(chosen.student_key)
        if member is None:
            result[chosen.student_key] = NEW
        elif chosen.student_key not in present:
            result[chosen.student_key] = EARLIER
        elif member.graded != (chosen.graded.id, chosen.graded.content_hash):
            result[chosen.student_key] = UPDATED
        else:
            result[chosen.student_key] = UNCHANGED
    return result


def save(roster: Roster, selections: list[Selection], slugs: dict[str, str]) -> None:
    students = {}
    for chosen in sorted(selections, key=lambda s: s.student_key):
        students[chosen.student_key] = {
            "slug": slugs[chosen.student_key],
            "graded": [chosen.graded.id, chosen.graded.content_hash],
            "submissions": [_record(item) for item in chosen.all],
        }
    atomic.write_json(roster.path, {"version": VERSION, "students": students}, compact=True)


def _record(submission: Submission) -> dict:
    return {
        "id": submission.id,
        "student_key": submission.student_key,
        "path": str(submission.path) if submission.path is not None else None,
        "origin": submission.origin,
        "student_name": submission.student_name,
        "email": submission.email,
        "submitted_at": submission.submitted_at.isoformat() if submission.submitted_at else None,
        "subject": submission.subject,
        "content_hash": submission.content_hash,
        "problems": list(submission.problems),
        "other_files": list(submission.other_files),
    }


def _submission(data: dict) -> Submission:
    return Submission(
        id=data["id"],
        student_key=data["student_key"],
        path=Path(data["path"]) if data.get("path") else None,
        origin=data["origin"],
        student_name=data.get("student_name"),
        email=data.get("email"),
        submitted_at=datetime.fromisoformat(data["submitted_at"]) if data.get("submitted_at") else None,
        subject=data.get("subject"),
        content_hash=data.get("content_hash", ""),
        problems=list(data.get("problems") or []),
        other_files=list(data.get("other_files") or []),
    )
