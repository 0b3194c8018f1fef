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
    unresolved: list[str] = field(default_factory=list)
    """What the instructor has not decided yet (students.json): held back unless asked."""


# The words of the message, in the submission's language (the report says which).
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "subject": "{course}: your ML analysis, {total}",
        "not_graded": "not graded",
        "dear": "Dear {name},",
        "student": "student",
        "intro": "Here is the feedback on your ML analysis for {course}.",
        "total": "Total",
        "needs_review": "Not graded yet: your submission needs a manual review.",
        "criterion": "Criterion",
        "score": "Score",
        "to_raise": "What would raise it",
        "to_note": "To note",
        "late": "Your analysis arrived after the due date.",
        "attached": "The full report, with the sentences each score rests on, is attached (open it in a browser).",
        "set_by_instructor": "set by the instructor",
        "instructor_comment": "Your instructor's comment",
    },
    "fr": {
        "subject": "{course} : votre analyse ML, {total}",
        "not_graded": "non notée",
        "dear": "Bonjour {name},",
        "student": "à vous",
        "intro": "Voici le retour sur votre analyse ML pour le cours {course}.",
        "total": "Note",
        "needs_review": "Pas encore notée : votre rendu doit être relu par l'enseignant.",
        "criterion": "Critère",
        "score": "Note",
        "to_raise": "Pour progresser",
        "to_note": "À noter",
        "late": "Votre analyse est arrivée après la date limite.",
        "attached": "Le rapport complet, avec les phrases sur lesquelles repose chaque note, est en pièce jointe "
                    "(ouvrez-le dans un navigateur).",
        "set_by_instructor": "fixée par l'enseignant",
        "instructor_comment": "Commentaire de votre enseignant",
    },
}


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
    comment: str = ""  # the instructor's comment on the whole analysis
    language: str = "en"  # a key of TEXTS: the submission's language
    t: dict[str, str] = field(default_factory=lambda: TEXTS["en"])
    """The message's fixed words in `language`."""


def message_language(report: dict) -> str:
    """The language to write to this student in: the checker's, else the one `analyser grade` found."""
    for declared in (report.get("language"), report.get("grading", {}).get("language")):
        if isinstance(declared, dict):
            declared = declared.get("code") or declared.get("language")
        if isinstance(declared, str) and declared[:2].lower() in TEXTS:
            return declared[:2].lower()
    return "en"


def compose(recipient: Recipient, sender: str, *, course: str, criteria_titles: dict[str, dict[str, str]]) -> EmailMessage:
    """The e-mail to one student; `criteria_titles` is language -> criterion id -> title."""
    from analyser.grading.render import environment

    if not recipient.email:
        raise MailError("no e-mail address for this student", path=recipient.slug)
    report = recipient.report
    lang = message_language(report)
    titles = criteria_titles.get(lang) or criteria_titles.get("en", {})
    instructor = (report.get("grading") or {}).get("instructor") or {}
    decided = instructor.get("criteria") or {}
    context = EmailContext(
        name=_clean(recipient.name) or "",
        total=report.get("total"),
        scale=report.get("scale") or 20,
        criteria=[{"title": titles.get(c["id"], c["id"]), "score": c["score"], "max": c.get("max", 3),
                   "feedback": c.get("feedback", ""),
                   "set_by_instructor": bool((decided.get(c["id"]) or {}).get("set_by_instructor")),
                   "comment": (decided.get(c["id"]) or {}).get("comment", "")}
                  for c in report.get("criteria", [])],
        comment=instructor.get("comment", "") or "",
        failed_checks=[c for c in report.get("checks", []) if c.get("passed") is False],
        late="late" in report.get("grading", {}).get("flags", []),
        course=course,
        language=lang,
        t=TEXTS[lang],
    )
    env = environment()
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((context.name, recipient.email))
    total = f"{context.total:.1f}/{context.scale:g}" if context.total is not None else context.t["not_graded"]
    message["Subject"] = context.t["subject"].format(course=course, total=total)
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
