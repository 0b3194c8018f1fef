"""Submissions from e-mail: mbox files, Maildirs and .eml files.

From each message: the sender's name and address, the Date header as the
submission time, and the attachments in a format we grade (saved under
sanitised names inside the output folder) -- or the body when there is none.
Sizes and counts are bounded: a class mailbox is untrusted input.

Every message with a sender becomes a submission of that student, even when
nothing in it can be graded (too large, a broken attachment, a format we do
not read): the problem is then its review reason, so that no student
vanishes from the gradebook. Only a message with neither a sender nor
anything to grade is left out of the class, and listed.
"""

from __future__ import annotations

import email
import email.parser
import email.policy
import hashlib
import mailbox
from email.errors import InvalidBase64CharactersDefect, InvalidBase64LengthDefect
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from analyser import atomic
from analyser.grading import mail_headers
from analyser.grading.model import Submission
from analyser.grading.names import safe_filename


GRADED_EXTENSIONS = (".pdf", ".docx", ".md", ".tex", ".txt", ".html")  # in order of preference
MAX_MESSAGE_BYTES = 30 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS = 10
MIN_BODY_WORDS = 30  # a shorter body is a cover note ("please find attached"), not an analysis
_HEADER_BYTES = 256 * 1024  # where the headers of an over-size message are looked for
_BROKEN_ENCODING = (InvalidBase64CharactersDefect, InvalidBase64LengthDefect)


def _bounded(handle) -> bytes:
    """A message's bytes, at most one byte over the limit: an over-size message is never read whole."""
    with handle:
        return handle.read(MAX_MESSAGE_BYTES + 1)


def messages_from_mbox(path: Path):
    """(label, raw bytes) for each message; never writes to the mbox."""
    box = mailbox.mbox(str(path), create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            yield f"{path.name}, message {number}", _bounded(box.get_file(key))
    finally:
        box.close()


def messages_from_maildir(path: Path):
    # Reading a Maildir with the mailbox module moves nothing from new/ to cur/.
    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in sorted(box.iterkeys()):
        yield f"{path.name}/{key}", _bounded(box.get_file(key))


def messages_from_eml(path: Path):
    yield path.name, _bounded(path.open("rb"))


def submissions_from_message(raw: bytes, label: str, inbox: Path) -> list[Submission]:
    """The submission(s) one message carries: at most one graded document, plus problems."""
    digest = hashlib.sha256(raw).hexdigest()
    oversize = len(raw) > MAX_MESSAGE_BYTES
    message = _parse(raw, oversize)
    headers = mail_headers.read(message)
    submission = Submission(
        id=f"mail:{digest[:20]}",
        student_key=(headers.address or headers.name or f"unknown-{digest[:12]}").lower(),
        path=None,
        origin=label,
        student_name=headers.name,
        email=headers.address,
        submitted_at=headers.submitted_at,
        subject=headers.subject,
        content_hash=digest,
    )
    problems = submission.problems
    if headers.sender_problem:
        problems.append(headers.sender_problem)
    if headers.submitted_at is None:
        # Lateness cannot be judged: a person must look (the mail client's own date, the LMS...).
        problems.append("no submission time (no usable Date header): lateness not checked")
    if oversize:
        problems.append(f"message larger than {MAX_MESSAGE_BYTES // 2**20} MB: not read; "
                        "ask the student for a smaller file")
    else:
        try:
            _take_content(message, submission, inbox / digest[:16])
        except OSError:
            raise  # our own output folder: the run cannot go on
        except Exception as error:  # noqa: BLE001 - any parsing failure is this message's problem only
            problems.append(f"message could not be parsed ({type(error).__name__})")
    if submission.path is not None:
        submission.content_hash = _content_hash([submission.path, *submission.alternatives])
    elif not (headers.address or headers.name):
        # Nobody to attribute it to and nothing to grade: listed, never made into a student.
        submission.unattributed = True
    return [submission]


def _parse(raw: bytes, oversize: bool) -> EmailMessage:
    """The message; of an over-size one, only its header block (its body is never decoded)."""
    if not oversize:
        return email.message_from_bytes(raw, policy=email.policy.default)
    end = raw.find(b"\n\n", 0, _HEADER_BYTES)
    end = raw.find(b"\r\n\r\n", 0, _HEADER_BYTES) if end < 0 else end
    head = raw[: end if end >= 0 else _HEADER_BYTES]
    return email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(head)


def _take_content(message: EmailMessage, submission: Submission, folder: Path) -> None:
    """Save the attachments and choose what to grade: an attached document, else the body."""
    from analyser.grading.own_document import order_documents

    failed_before = len(submission.problems)
    saved, others = _save_attachments(message, folder, submission.problems)
    attachment_failed = len(submission.problems) > failed_before
    gradable = order_documents(sorted(saved, key=lambda p: GRADED_EXTENSIONS.index(p.suffix.lower())))
    if gradable:
        submission.path = gradable[0].path
        submission.looks_like_article = gradable[0].article_signs
        submission.alternatives = [candidate.path for candidate in gradable[1:]]
        submission.other_files = [p.name for p in submission.alternatives + others]
        return
    submission.other_files = [p.name for p in others]
    if others:
        names = ", ".join(p.name for p in others)
        submission.problems.append(f"no attachment in a graded format (pdf, docx, md, tex, txt, html); saved: {names}")
        return
    if attachment_failed:
        return  # the analysis was in the attachment that failed; the body is only a cover note
    body = _body_text(message)
    if len(body.split()) >= MIN_BODY_WORDS:
        submission.path = _save(folder / "body.txt", body.encode("utf-8", errors="replace"))
        submission.from_body = True
    else:
        submission.note_only = True
        submission.problems.append(
            "no attachment in a graded format (pdf, docx, md, tex, txt, html) and no analysis in the body")


def _content_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
            data = None
        if data is None or any(isinstance(defect, _BROKEN_ENCODING) for defect in part.defects):
            # Python decodes what it can of broken base64 and drops the rest: the bytes
            # would be graded as a damaged document (0/20). Say what happened instead.
            problems.append(f"attachment {name} could not be decoded (broken base64 encoding): "
                            "ask the student to send it again")
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
    "text/html": ".html",
}


def _attachment_name(part) -> str:
    try:
        filename = part.get_filename()
    except Exception:  # noqa: BLE001 - a malformed Content-Disposition: the declared type still names it
        filename = None
    name = safe_filename(mail_headers.header_text(filename) if filename else None, default="attachment")
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
