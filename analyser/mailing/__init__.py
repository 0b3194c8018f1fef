"""E-mail the graded reports to the students: reviewed as .eml first, then sent once each."""

from analyser.mailing.errors import MailError


def email_reports(*args, **kwargs):
    """See `analyser.mailing.outbox.email_reports`."""
    from analyser.mailing.outbox import email_reports as _email_reports

    return _email_reports(*args, **kwargs)


__all__ = ["MailError", "email_reports"]
