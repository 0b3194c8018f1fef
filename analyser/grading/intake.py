"""Step 1: find the submissions in the INPUTs (folders, files, mbox, Maildir, .eml).

Inputs are only read. Attachments are saved under `OUT/inbox/`; documents
given as files are graded where they are.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from analyser.grading import mail_intake
from analyser.grading.errors import InputNotFoundError
from analyser.grading.model import Submission

DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".md", ".markdown", ".tex", ".txt"}
MBOX_EXTENSIONS = {".mbox", ".mbx"}

# Moodle's "download all submissions" names each file or folder
# "Firstname Lastname_123456_assignsubmission_file_...": the name is before the id.
_MOODLE = re.compile(r"^(?P<name>[^_]+?)_(?P<id>\d+)_assign(?:submission|feedback)_")


def collect(inputs: list[Path], inbox: Path, *, exclude: Path | None = None) -> list[Submission]:
    """All submissions found in `inputs`, in a stable order; `exclude` (the output dir) is skipped."""
    found: dict[str, Submission] = {}
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise InputNotFoundError("no such file or folder", path=str(path))
        for submission in _from_path(path, inbox, exclude):
            # The same message exported twice (mbox and .eml) counts once.
            found.setdefault(submission.id, submission)
    return list(found.values())


def _from_path(path: Path, inbox: Path, exclude: Path | None):
    if path.is_dir():
        if _is_maildir(path):
            yield from _from_messages(mail_intake.messages_from_maildir(path), inbox, path)
        else:
            yield from _from_folder(path, inbox, exclude)
        return
    kind = _file_kind(path)
    if kind is None:
        raise InputNotFoundError(
            "not a submission: give a folder, an mbox, a Maildir, .eml files or documents "
            "(pdf, docx, md, tex, txt)", path=str(path))
    yield from _from_file(path, kind, inbox, root=None)


def _from_file(path: Path, kind: str | None, inbox: Path, root: Path | None):
    """The submissions of one file of `kind` (see _file_kind); nothing for other files."""
    if kind == "eml":
        yield from _from_messages(mail_intake.messages_from_eml(path), inbox, path)
    elif kind == "mbox":
        yield from _from_messages(mail_intake.messages_from_mbox(path), inbox, path)
    elif kind == "document":
        yield _from_document(path, root=root)


def _from_folder(folder: Path, inbox: Path, exclude: Path | None):
    excluded = exclude.resolve() if exclude else None
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if excluded and (path.resolve() == excluded or excluded in path.resolve().parents):
            continue  # our own outputs, when --out is inside the input folder
        if path.is_dir():
            if _is_maildir(path):
                yield from _from_messages(mail_intake.messages_from_maildir(path), inbox, path)
            continue
        if any(_is_maildir(parent) for parent in path.parents if folder in parent.parents):
            continue  # already read as part of its Maildir
        yield from _from_file(path, _file_kind(path), inbox, root=folder)


def _from_messages(messages, inbox: Path, source: Path):
    try:
        for label, raw in messages:
            yield from mail_intake.submissions_from_message(raw, label, inbox)
    except (OSError, ValueError) as error:  # an unreadable mailbox spoils its own messages only
        if isinstance(error, OSError) and error.filename and Path(inbox) in Path(error.filename).parents:
            raise  # writing our own output folder failed: the run cannot go on
        why = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        yield Submission(id=f"unreadable:{source}", student_key=f"unreadable:{source}", path=None, origin=str(source),
                         problems=[f"could not be read ({why})"], unattributed=True)


def _from_document(path: Path, root: Path | None) -> Submission:
    # Who: Moodle's naming, else the sub-folder of the class folder, else the file name.
    owner = path.relative_to(root).parts[0] if root and len(path.relative_to(root).parts) > 1 else path.stem
    match = _MOODLE.match(owner) or _MOODLE.match(path.name)
    name = match.group("name").strip() if match else None
    key = f"moodle:{match.group('id')}" if match else owner.lower()
    submission = Submission(id=f"file:{path.resolve()}", student_key=key, path=path, origin=str(path),
                            student_name=name)
    try:
        submission.content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:  # e.g. no permission: this student goes to manual review, the others go on
        submission.path = None
        submission.problems.append(f"could not be read ({error.strerror or type(error).__name__})")
    return submission


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new", "tmp"))


def _file_kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".eml":
        return "eml"
    if suffix in MBOX_EXTENSIONS:
        return "mbox"
    if suffix in DOCUMENT_EXTENSIONS:
        return "document"
    if not suffix:
        with path.open("rb") as handle:
            if handle.read(5) == b"From ":
                return "mbox"
    return None
