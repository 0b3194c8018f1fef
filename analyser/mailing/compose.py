"""One student's message: HTML body (inline CSS, for mail clients that drop <style>),
a plain-text part, and the report attached."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from datetime import datetime, timezone
from pathlib import Path

from analyser.mailing.errors import MailError

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Recipient:
    """One row of students.json, with the report it points to."""

    slug: str
    name: str | None
    email: str | None
    report: dict
    report_html: Path
    flags: list[str] = field(default_factory=list)


@dataclass
class EmailContext:
    """What templates/grading/email.html and email.txt receive."""

    name: str
    total: float | None
    scale: float
    criteria: list[dict]  # {title, score, max, feedback}
    failed_checks: list[dict]  # {id, detail}
    late: bool
    course: str


def compose(recipient: Recipient, sender: str, *, course: str, criteria_titles: dict[str, str]) -> EmailMessage:
    from analyser.grading.render import environment

    if not recipient.email:
        raise MailError("no e-mail address for this student", path=recipient.slug)
    report = recipient.report
    context = EmailContext(
        name=_clean(recipient.name) or "",
        total=report.get("total"),
        scale=report.get("scale") or 20,
        criteria=[{"title": criteria_titles.get(c["id"], c["id"]), "score": c["score"], "max": c.get("max", 3),
                   "feedback": c.get("feedback", "")} for c in report.get("criteria", [])],
        failed_checks=[c for c in report.get("checks", []) if c.get("passed") is False],
        late="late" in report.get("grading", {}).get("flags", []),
        course=course,
    )
    env = environment()
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((context.name, recipient.email))
    total = f"{context.total:.1f}/{context.scale:g}" if context.total is not None else "not graded"
    message["Subject"] = f"{course}: your ML analysis, {total}"
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    domain = parseaddr(sender)[1].rpartition("@")[2]
    message["Message-ID"] = make_msgid(idstring=recipient.slug, domain=domain or None)
    message.set_content(env.get_template("grading/email.txt").render(mail=context))
    message.add_alternative(env.get_template("grading/email.html").render(mail=context), subtype="html")

    data = recipient.report_html.read_bytes()
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise MailError(f"report larger than {MAX_ATTACHMENT_BYTES // 2**20} MB: not attached", path=str(recipient.report_html))
    message.add_attachment(data, maintype="text", subtype="html", filename=f"report-{recipient.slug}.html")
    return message


def report_sha(recipient: Recipient) -> str:
    return hashlib.sha256(recipient.report_html.read_bytes()).hexdigest()


def _clean(name: str | None) -> str | None:
    # A display name from an e-mail header must not smuggle new header lines.
    return _CONTROL.sub(" ", name).strip() if name else name
