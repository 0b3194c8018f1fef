"""Submissions from e-mail: mbox files, Maildirs and .eml files.

From each message: the sender's name and address, the Date header as the
submission time, and the attachments in a format we grade (saved under
sanitised names inside the output folder) -- or the body when there is none.
Sizes and counts are bounded: a class mailbox is untrusted input.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import mailbox
from datetime import datetime, timezone
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from analyser import atomic
from analyser.grading.model import Submission
from analyser.grading.names import safe_filename


GRADED_EXTENSIONS = (".pdf", ".docx", ".md", ".tex", ".txt")  # in order of preference
MAX_MESSAGE_BYTES = 30 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS = 10
MIN_BODY_WORDS = 30  # a shorter body is a cover note ("please find attached"), not an analysis


def messages_from_mbox(path: Path):
    """(label, raw bytes) for each message; never writes to the mbox."""
    box = mailbox.mbox(str(path), create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            yield f"{path.name}, message {number}", box.get_bytes(key)
    finally:
        box.close()


def messages_from_maildir(path: Path):
    # Reading a Maildir with the mailbox module moves nothing from new/ to cur/.
    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in sorted(box.iterkeys()):
        yield f"{path.name}/{key}", box.get_bytes(key)


def messages_from_eml(path: Path):
    yield path.name, path.read_bytes()


def submissions_from_message(raw: bytes, label: str, inbox: Path) -> list[Submission]:
    """The submission(s) one message carries: at most one graded document, plus problems."""
    digest = hashlib.sha256(raw).hexdigest()
    sub_id = f"mail:{digest[:20]}"
    if len(raw) > MAX_MESSAGE_BYTES:
        return [_unreadable(sub_id, label, digest, f"message larger than {MAX_MESSAGE_BYTES // 2**20} MB: not read")]
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        name, address = _sender(message)
        submitted_at = _date(message)
        subject = str(message.get("Subject", "") or "").strip() or None
    except Exception as error:  # noqa: BLE001 - any parsing failure is this message's problem only
        return [_unreadable(sub_id, label, digest, f"message could not be parsed ({type(error).__name__})")]

    folder = inbox / digest[:16]
    submission = Submission(
        id=sub_id,
        student_key=(address or name or f"unknown-{digest[:12]}").lower(),
        path=None,
        origin=label,
        student_name=name,
        email=address,
        submitted_at=submitted_at,
        subject=subject,
    )
    if submitted_at is None:
        # Lateness cannot be judged: a person must look (the mail client's own date, the LMS...).
        submission.problems.append("no submission time (no usable Date header): lateness not checked")
    saved, others = _save_attachments(message, folder, submission.problems)
    gradable = sorted(saved, key=lambda p: GRADED_EXTENSIONS.index(p.suffix.lower()))
    submission.other_files = [p.name for p in gradable[1:] + others]
    if gradable:
        submission.path = gradable[0]
    elif others:
        names = ", ".join(p.name for p in others)
        submission.problems.append(f"no attachment in a graded format (pdf, docx, md, tex, txt); saved: {names}")
    else:
        body = _body_text(message)
        if len(body.split()) >= MIN_BODY_WORDS:
            submission.path = _save(folder / "body.txt", body.encode("utf-8"))
        elif not submission.problems:
            submission.problems.append("no attachment in a graded format (pdf, docx, md, tex, txt) and no analysis in the body")
    if submission.path is not None:
        submission.content_hash = hashlib.sha256(submission.path.read_bytes()).hexdigest()
    else:
        submission.content_hash = digest
        # Nobody to attribute it to and nothing to grade: listed, never made into a student.
        submission.unattributed = not (address or name)
    return [submission]


def _unreadable(sub_id: str, label: str, digest: str, problem: str) -> Submission:
    return Submission(id=sub_id, student_key=f"unknown-{digest[:12]}", path=None, origin=label,
                      content_hash=digest, problems=[problem], unattributed=True)


def _sender(message: EmailMessage) -> tuple[str | None, str | None]:
    header = message.get("From")
    addresses = getattr(header, "addresses", ()) if header is not None else ()
    if not addresses:
        return None, None
    first = addresses[0]
    return (first.display_name or None), (first.addr_spec.lower() if "@" in first.addr_spec else None)


def _date(message: EmailMessage) -> datetime | None:
    header = message.get("Date")
    when = getattr(header, "datetime", None) if header is not None else None
    if when is None:
        return None
    # "-0000" means "time zone unknown"; treat it as UTC rather than drop the time.
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _save_attachments(message: EmailMessage, folder: Path, problems: list[str]) -> tuple[list[Path], list[Path]]:
    """Save every attachment (bounded) under a safe name: (the ones we grade, the others)."""
    gradable: list[Path] = []
    others: list[Path] = []
    used: set[str] = set()
    attachments = list(message.iter_attachments())
    if len(attachments) > MAX_ATTACHMENTS:
        problems.append(f"{len(attachments)} attachments: only the first {MAX_ATTACHMENTS} were looked at")
    for part in attachments[:MAX_ATTACHMENTS]:
        name = _attachment_name(part)
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:  # noqa: BLE001 - a broken encoding spoils this attachment only
            problems.append(f"attachment {name} could not be decoded")
            continue
        if len(data) > MAX_ATTACHMENT_BYTES:
            problems.append(f"attachment {name} larger than {MAX_ATTACHMENT_BYTES // 2**20} MB: not saved")
            continue
        stem, suffix = Path(name).stem, Path(name).suffix
        n = 2
        while name in used:
            name, n = f"{stem}-{n}{suffix}", n + 1
        used.add(name)
        path = _save(folder / name, data)
        if path.suffix.lower() in GRADED_EXTENSIONS:
            gradable.append(path)
        else:
            others.append(path)
    return gradable, others


# A name without a usable extension ("analysis", "../../etc/passwd") gets one
# from the declared type, so that a plain-text analysis is still graded.
_TYPE_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "text/x-tex": ".tex",
    "application/x-tex": ".tex",
    "text/plain": ".txt",
}


def _attachment_name(part) -> str:
    name = safe_filename(part.get_filename(), default="attachment")
    suffix = Path(name).suffix.lower()
    if suffix not in GRADED_EXTENSIONS:
        extension = _TYPE_EXTENSIONS.get(part.get_content_type())
        if extension and not suffix:
            name += extension
    return name


def _save(target: Path, data: bytes) -> Path:
    # Defence in depth: the name is already sanitised, but a file must never
    # land outside its message's folder.
    if target.resolve().parent != target.parent.resolve():
        raise ValueError(f"refusing to write outside {target.parent}")
    if target.is_file() and target.read_bytes() == data:
        return target  # re-run: already there, keep its time stamp
    return atomic.write_bytes(target, data)


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except Exception:  # noqa: BLE001 - an undecodable body is treated as empty
        return ""
    if part.get_content_subtype() == "html":
        content = _html_to_text(content)
    return content.strip()


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("p", "br", "div", "li", "h1", "h2", "h3", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _html_to_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    return "".join(parser.parts)
