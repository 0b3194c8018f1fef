"""Errors of `analyser email` that stop it (one failed recipient never does)."""

from __future__ import annotations

from analyser.errors import AnalyserError


class MailError(AnalyserError):
    """The reports cannot be e-mailed."""


class NotGradedError(MailError):
    """The folder holds no graded class (no students.json)."""


class UnknownStudentError(MailError):
    """--resend names nobody of the class."""


class SmtpError(MailError):
    """The mail server cannot be reached or refused the login."""


class BadAddressError(MailError):
    """--from is not an e-mail address."""


class BadOptionError(MailError):
    """An option's value cannot be used as given (a line break in --course)."""
