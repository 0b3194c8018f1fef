"""An SMTP session: plain, STARTTLS or SSL, optional login; reconnects once if dropped.

The password is passed in by the caller (environment or prompt) and kept
only in memory: it is never logged, and smtplib's debug output stays off.
"""

from __future__ import annotations

import smtplib
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

from analyser.mailing.errors import SmtpError

DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int | None = None
    security: str = "none"  # "none" | "starttls" | "ssl"
    user: str | None = None
    timeout: float = 30.0
    insecure_login: bool = False
    """Log in even over a plain connection to another machine (the password then crosses the network readable)."""

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS[self.security]}"

    def check_login(self) -> None:
        """Refuse to send a password in clear text over the network (SmtpError), unless asked to.

        A login on a plain connection to another machine gives the password to
        anyone on the way. A mail server on this machine (loopback) is exempt:
        the password never leaves it.
        """
        if self.user and self.security == "none" and not self.insecure_login and not _loopback(self.host):
            raise SmtpError(f"refusing to send the password of {self.user} in clear text: add --starttls or --ssl "
                            "(or --insecure-login to send it anyway)", path=self.address)


def _loopback(host: str) -> bool:
    import ipaddress

    if host.lower().rstrip(".") in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Session:
    def __init__(self, settings: SmtpSettings, password: str | None):
        self._settings = settings
        self._password = password
        self._server: smtplib.SMTP | None = None

    def open(self) -> None:
        settings = self._settings
        settings.check_login()
        port = settings.port or DEFAULT_PORTS[settings.security]
        try:
            if settings.security == "ssl":
                server = smtplib.SMTP_SSL(settings.host, port, timeout=settings.timeout,
                                          context=ssl.create_default_context())
            else:
                server = smtplib.SMTP(settings.host, port, timeout=settings.timeout)
                if settings.security == "starttls":
                    server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, self._password or "")
        except smtplib.SMTPNotSupportedError:
            raise SmtpError("the server offers no login on this connection: add --starttls or --ssl",
                            path=settings.address) from None
        except smtplib.SMTPAuthenticationError:
            raise SmtpError(f"the server refused the login of {settings.user}: check the user and password",
                            path=settings.address) from None
        except (OSError, smtplib.SMTPException) as error:
            raise SmtpError(f"cannot talk to the mail server ({type(error).__name__}: {error})",
                            path=settings.address) from None
        self._server = server

    def send(self, message: EmailMessage) -> None:
        """Send one message; raises smtplib errors for this message only."""
        try:
            self._server.send_message(message)
        except smtplib.SMTPServerDisconnected:
            # Servers drop idle or long sessions: one new connection, then give up.
            self.open()
            self._server.send_message(message)

    def close(self) -> None:
        if self._server is not None:
            try:
                self._server.quit()
            except (OSError, smtplib.SMTPException):
                pass  # the messages are already accepted; a rude goodbye changes nothing
            self._server = None


@contextmanager
def connect(settings: SmtpSettings, password: str | None):
    session = Session(settings, password)
    session.open()
    try:
        yield session
    finally:
        session.close()
