"""Step 1: find the submissions in the INPUTs (folders, files, mbox, Maildir, .eml).

Inputs are only read. Attachments are saved under `OUT/inbox/`; documents
given as files are graded where they are.

Nothing in a class folder is skipped in silence: a file in a format we do not
read (.doc, .rtf, .odt, an image...) is a submission of its owner that could
not be graded, with the reason, so that it shows in the gradebook and the
review list. Two exceptions, both said here: hidden files and folders (".git",
".DS_Store") and the operating systems' own litter ("Thumbs.db"). A symbolic
link that leads out of the class folder is not followed (a link to
/etc/passwd would otherwise be graded and quoted in a report): it is listed as
its owner's problem.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from analyser.grading import mail_intake
from analyser.grading.errors import InputNotFoundError
from analyser.grading.model import Submission
from analyser.safe_text import for_terminal, path_text, valid_text

DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".md", ".markdown", ".tex", ".txt", ".html", ".htm"}
MBOX_EXTENSIONS = {".mbox", ".mbx"}
_LITTER = {"thumbs.db", "desktop.ini", "icon\r"}
_HEAD_BYTES = 64 * 1024

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
            if submission.id not in found:
                submission.sequence = len(found)  # the inputs' order: mailbox order breaks ties
                found[submission.id] = submission
    submissions = list(found.values())
    _mark_article_like(submissions)
    return submissions


def _from_path(path: Path, inbox: Path, exclude: Path | None):
    if path.is_dir():
        if _is_maildir(path):
            yield from _from_messages(mail_intake.messages_from_maildir(path), inbox, path)
        else:
            yield from _from_folder(path, inbox, exclude)
        return
    kind = _file_kind(path)
    if kind is None:
        # Named on the command line: said at once (a folder's odd files are its owners' problems instead).
        raise InputNotFoundError(
            f"{_why_not_a_document(path)}; give a folder, an mbox, a Maildir, .eml files or documents "
            "(pdf, docx, md, tex, txt, html)", path=str(path))
    yield from _from_file(path, kind, inbox, root=None)


def _from_file(path: Path, kind: str | None, inbox: Path, root: Path | None):
    """The submissions of one file of `kind` (see _file_kind); an unreadable one for any other file."""
    if kind == "eml":
        yield from _from_messages(mail_intake.messages_from_eml(path), inbox, path)
    elif kind == "mbox":
        yield from _from_messages(mail_intake.messages_from_mbox(path), inbox, path)
    elif kind == "document":
        yield _from_document(path, root=root)
    else:
        yield _not_graded(path, root, _why_not_a_document(path))


def _from_folder(folder: Path, inbox: Path, exclude: Path | None):
    excluded = exclude.resolve() if exclude else None
    top = folder.resolve()
    for current, dirs, files in os.walk(folder):  # never into linked folders (followlinks=False)
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            path = here / name
            resolved = path.resolve()
            if excluded and (resolved == excluded or excluded in resolved.parents):
                dirs.remove(name)  # our own outputs, when --out is inside the input folder
            elif path.is_symlink():
                dirs.remove(name)
                if not _inside(resolved, top):
                    yield _not_graded(path, folder, f"a link to a folder outside the class folder ({resolved}): "
                                                    "not followed")
            elif _is_maildir(path):
                dirs.remove(name)
                yield from _from_messages(mail_intake.messages_from_maildir(path), inbox, path)
        for name in sorted(files):
            if name.startswith(".") or name.lower() in _LITTER:
                continue
            path = here / name
            if path.is_symlink() and not _inside(path.resolve(), top):
                # Never read: a link to /etc/passwd would be graded and quoted in a report.
                yield _not_graded(path, folder, f"a link to a file outside the class folder ({path.resolve()}): "
                                                "not read")
                continue
            yield from _from_file(path, _file_kind(path), inbox, root=folder)


def _inside(resolved: Path, top: Path) -> bool:
    return resolved == top or top in resolved.parents


def _from_messages(messages, inbox: Path, source: Path):
    try:
        for label, raw in messages:
            yield from mail_intake.submissions_from_message(raw, valid_text(label), inbox)
    except (OSError, ValueError) as error:  # an unreadable mailbox spoils its own messages only
        if isinstance(error, OSError) and error.filename and Path(inbox) in Path(error.filename).parents:
            raise  # writing our own output folder failed: the run cannot go on
        why = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        yield Submission(id=f"unreadable:{path_text(source)}", student_key=f"unreadable:{path_text(source)}", path=None,
                         origin=path_text(source), problems=[f"could not be read ({why})"], unattributed=True)


def _owner(path: Path, root: Path | None) -> tuple[str, str | None, str | None]:
    """(student key, name, folder label) of a file: Moodle's naming, else its sub-folder, else its name."""
    in_folder = root is not None and len(path.relative_to(root).parts) > 1
    owner = path.relative_to(root).parts[0] if in_folder else path.stem
    match = _MOODLE.match(owner) or _MOODLE.match(path.name)
    name = match.group("name").strip() if match else None
    key = f"moodle:{match.group('id')}" if match else owner.lower()
    # One folder per student: the folder's name is who they are when the document does not say.
    label = path_text(owner) if in_folder and not match else None
    # The key is written to students.json and reviews.json: inert, whatever the file was called.
    return for_terminal(path_text(key)), valid_text(name) if name else None, label


def _from_document(path: Path, root: Path | None) -> Submission:
    key, name, label = _owner(path, root)
    submission = Submission(id=f"file:{path_text(path.resolve())}", student_key=key, path=path, origin=path_text(path),
                            student_name=name, owner_label=label)
    try:
        submission.content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:  # e.g. no permission: this student goes to manual review, the others go on
        submission.path = None
        submission.problems.append(f"could not be read ({error.strerror or type(error).__name__})")
    return submission


def _not_graded(path: Path, root: Path | None, why: str) -> Submission:
    """A file that is no document we grade, kept as its owner's submission with the reason (never silence)."""
    key, name, label = _owner(path, root)
    return Submission(id=f"file:{path_text(path.absolute())}", student_key=key, path=None, origin=path_text(path),
                      student_name=name, owner_label=label, content_hash=hashlib.sha256(why.encode()).hexdigest(),
                      problems=[valid_text(why)])


def _why_not_a_document(path: Path) -> str:
    from analyser.documents.detect import hint

    try:
        with path.open("rb") as handle:
            seems = hint(handle.read(_HEAD_BYTES))
    except OSError as error:
        return f"could not be read ({error.strerror or type(error).__name__})"
    what = path.suffix.lower() or "no extension"
    return f"not a format we grade ({seems or what}): ask for a PDF or .docx"


def _mark_article_like(submissions: list[Submission]) -> None:
    """A student who handed in several documents: the PDFs that look like the article rank last."""
    from analyser.grading.own_document import order_documents

    by_student: dict[str, list[Submission]] = {}
    for submission in submissions:
        if submission.path is not None and not submission.from_mail:
            by_student.setdefault(submission.student_key, []).append(submission)
    for items in by_student.values():
        if len(items) < 2:
            continue
        signs = {candidate.path: candidate.article_signs for candidate in order_documents([s.path for s in items])}
        for submission in items:
            submission.looks_like_article = signs.get(submission.path)


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new", "tmp"))


def _file_kind(path: Path) -> str | None:
    """"eml", "mbox" or "document"; None for anything else (a format we do not grade)."""
    suffix = path.suffix.lower()
    if suffix == ".eml":
        return "eml"
    if suffix in MBOX_EXTENSIONS:
        return "mbox"
    if suffix in DOCUMENT_EXTENSIONS:
        return "document"
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return None
    if not suffix and head.startswith(b"From "):
        return "mbox"
    from analyser.documents.detect import detect

    # A document whatever its name says ("analysis" without extension, a PDF saved as .bin).
    return "document" if detect(path, head) else None
