"""`analyser email`: review the messages (outbox/*.eml), then send them, each once.

Without `send`, messages are written to `DIR/outbox/<slug>.eml` for review.
With it, they go through SMTP; the ledger (`DIR/email-ledger.json`) is
rewritten after each accepted message, so a second run sends nothing already
sent (unless `resend` names the student), and a recipient the server refused
is simply not recorded: the next run retries it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr
from pathlib import Path

from analyser import atomic
from analyser.mailing.compose import Recipient, compose, report_sha
from analyser.mailing.errors import BadAddressError, BadOptionError, MailError, NotGradedError, UnknownStudentError
from analyser.safe_text import has_line_break, plain_name
from analyser.mailing.ledger import SentLedger
from analyser.mailing.smtp import SmtpSettings, connect

log = logging.getLogger(__name__)

OUTBOX = "outbox"
# local@domain.tld, nothing fancier: enough to catch a name, a typo or a missing domain.
_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_SLUG = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")  # one harmless path component, as `grade` writes them


def check_address(text: str, option: str = "--from") -> str:
    """`text` if it is an address ("x@univ.fr" or "Prof. X <x@univ.fr>"), else BadAddressError."""
    _, address = parseaddr(text)
    single = len(getaddresses([text])) == 1  # "a@x.fr, b@y.fr" is two senders
    if not single or not _ADDRESS.match(address) or "\n" in text or "\r" in text:
        raise BadAddressError(f"{option} {text!r} is not an e-mail address (e.g. 'Prof. X <x@univ.fr>')")
    return text


def check_course(course: str) -> str:
    """`course` if it can be a subject line's part: one line, no control character; else BadOptionError."""
    if has_line_break(course) or plain_name(course) != " ".join(course.split()):
        raise BadOptionError(f"--course {course!r} holds a line break or a control character: "
                             "it goes into the subject line, give it on one line")
    return course


@dataclass
class MailResult:
    outbox: Path | None = None  # where the .eml files were written (review mode)
    written: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    changed_since_sent: list[str] = field(default_factory=list)  # re-graded after it was sent
    held: list[str] = field(default_factory=list)  # flags not resolved by the instructor: not sent unless asked
    no_address: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (slug, why)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (slug, why): report missing or damaged, skipped


def email_reports(
    out_dir: Path,
    sender: str,
    *,
    send: bool = False,
    smtp: SmtpSettings | None = None,
    password: str | None = None,
    resend: tuple[str, ...] = (),
    course: str = "AI and chemistry",
    include_unresolved: bool = False,
) -> MailResult:
    """Write (or with `send`, send) each student's message, once.

    A report whose flags the instructor has not resolved yet (`analyser
    review`: manual review, uncertain scores, a decision on an earlier
    version) is held back, unless `include_unresolved` or `resend` names it.
    """
    out_dir = Path(out_dir)
    check_address(sender)
    check_course(course)
    from analyser.grading.publish import republish_if_edited

    republish_if_edited(out_dir)  # decisions edited by hand in reviews.json reach the messages too
    recipients, titles, unreadable = _recipients(out_dir)
    ledger = SentLedger(out_dir)
    forced = _resolve_resend(resend, recipients)
    result = MailResult(unreadable=unreadable)

    due: list[Recipient] = []
    for recipient in recipients:
        sent = ledger.entry(recipient.email) if recipient.email else None
        if not recipient.email:
            result.no_address.append(recipient.slug)
        elif recipient.slug in forced:
            due.append(recipient)
        elif sent is not None:
            result.already_sent.append(recipient.slug)
            if sent.get("report_sha256") != report_sha(recipient):
                result.changed_since_sent.append(recipient.slug)
        elif recipient.unresolved and not include_unresolved:
            # The instructor decides first (analyser review); --include-unresolved or --resend NAME overrides.
            result.held.append(recipient.slug)
        else:
            due.append(recipient)

    if not send:
        from analyser.grading.outdir import make_output_dir, write_failure

        result.outbox = make_output_dir(out_dir / OUTBOX, "outbox folder")
        for recipient in due:
            try:
                message = compose(recipient, sender, course=course, criteria_titles=titles)
            except OSError as error:  # the report vanished meanwhile: skip this student only
                result.unreadable.append((recipient.slug, f"{error.filename or recipient.report_html}: "
                                          f"{error.strerror or error}; run `analyser grade` again"))
                continue
            try:
                atomic.write_bytes(result.outbox / f"{recipient.slug}.eml", message.as_bytes())
            except OSError as error:
                raise write_failure(error, result.outbox) from None
            result.written.append(recipient.slug)
        return result

    if not due:
        return result
    with connect(smtp or SmtpSettings(), password) as server:
        for recipient in due:
            try:
                message = compose(recipient, sender, course=course, criteria_titles=titles)
                server.send(message)
            except MailError as error:
                result.failed.append((recipient.slug, str(error)))
                continue
            except Exception as error:  # noqa: BLE001 - smtplib raises many types; one refusal must not stop the class
                result.failed.append((recipient.slug, f"{type(error).__name__}: {error}"))
                log.info("sending to %s failed: %s", recipient.email, error)
                continue
            try:
                ledger.record(recipient.slug, recipient.email, message["Message-ID"], report_sha(recipient))
            except OSError as error:
                # Stop: going on without a record would send these messages again next run.
                raise MailError(f"sent to {recipient.email} but could not record it ({error.strerror}); "
                                f"{len(result.sent) + 1} message(s) sent so far", path=str(ledger.path)) from None
            result.sent.append(recipient.slug)
    return result


def _recipients(out_dir: Path) -> tuple[list[Recipient], dict[str, str], list[tuple[str, str]]]:
    """(recipients, criterion titles, unreadable): `unreadable` are (slug, why) of students whose report is gone.

    A damaged students.json stops everything (who is in the class is
    unknown); one student's missing or damaged report only skips that student.
    """
    from analyser.grading.render import MANIFEST

    manifest = out_dir / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotGradedError("no graded class here: run `analyser grade ... --out DIR` first", path=str(out_dir)) from None
    except (OSError, ValueError) as error:
        raise NotGradedError(f"damaged ({error}): run `analyser grade` again", path=str(manifest)) from None
    why = _manifest_problem(data)
    if why:
        raise NotGradedError(f"damaged ({why}): run `analyser grade` again", path=str(manifest))
    recipients = []
    unreadable: list[tuple[str, str]] = []
    for entry in data["students"]:
        report_json = out_dir / entry["report_json"]
        report_html = out_dir / entry["report_html"]
        try:
            report = json.loads(report_json.read_text(encoding="utf-8"))
            if not isinstance(report, dict):
                raise ValueError("not a report")
            if not report_html.is_file():
                raise FileNotFoundError(2, "missing", str(report_html))
        except FileNotFoundError as error:
            unreadable.append((entry["slug"], f"{error.filename or error}: missing; run `analyser grade` again"))
            continue
        except (OSError, ValueError) as error:
            unreadable.append((entry["slug"], f"{report_json}: unreadable report ({error}); run `analyser grade` again"))
            continue
        flags = entry.get("flags") if isinstance(entry.get("flags"), list) else []
        # Written by analyser grade since reviews exist; before, manual review was the only hold.
        unresolved = entry.get("unresolved")
        if not isinstance(unresolved, list):
            unresolved = ["manual_review"] if "manual_review" in flags else []
        recipients.append(Recipient(entry["slug"], entry.get("name"), entry.get("email"), report,
                                    report_html, flags=flags, unresolved=unresolved))
    criteria = data.get("criteria", {})
    titles: dict[str, dict[str, str]] = {"en": dict(criteria) if isinstance(criteria, dict) else {}}
    translated = data.get("criteria_titles", {})
    if isinstance(translated, dict):
        titles.update({lang: dict(t) for lang, t in translated.items() if isinstance(t, dict)})
    return recipients, titles, unreadable


def _manifest_problem(data) -> str | None:
    """Why students.json is not what `analyser grade` writes, or None."""
    if not isinstance(data, dict):
        return f"a JSON object was expected, not {type(data).__name__}"
    students = data.get("students")
    if not isinstance(students, list):
        return "no list of students"
    for number, entry in enumerate(students, 1):
        if not isinstance(entry, dict):
            return f"student {number} is not an object"
        for key in ("slug", "report_json", "report_html"):
            value = entry.get(key)
            if not isinstance(value, str) or not value:
                return f"student {number} has no {key}"
        for key in ("name", "email"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                return f"student {number}: {key} is not text"
        for key in ("slug", "name", "email"):
            value = entry.get(key)
            # A line break in a header field would smuggle in new header lines (or break the message).
            if isinstance(value, str) and (has_line_break(value) or plain_name(value) != " ".join(value.split())):
                return f"student {number}: {key} holds a line break or a control character"
        if not _SLUG.fullmatch(entry["slug"]):
            return f"student {number}: slug {entry['slug']!r} is not a folder name of the class"
        if entry.get("email") is not None and not _ADDRESS.match(entry["email"]):
            return f"student {number}: {entry['email']!r} is not an e-mail address"
    return None


def _resolve_resend(names: tuple[str, ...], recipients: list[Recipient]) -> set[str]:
    chosen = set()
    for name in names:
        wanted = name.casefold().strip()
        matches = [r.slug for r in recipients
                   if wanted in (r.slug, (r.name or "").casefold(), (r.email or "").casefold())]
        if not matches:
            raise UnknownStudentError(f"--resend {name!r}: no such student (give a name, e-mail or folder name from students.json)")
        chosen.update(matches)
    return chosen
