"""`analyser email` against a real local SMTP server (aiosmtpd): sent once, read back, retried."""

from __future__ import annotations

import email
import email.policy
import shutil
import socket

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from test_grade_support import DUE, PAPER_SLUG, analysis, mail, write_mbox

aiosmtpd = pytest.importorskip("aiosmtpd")


class Recorder:
    """An SMTP handler that keeps every accepted message and can refuse given recipients."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()
        self.logins: list[tuple[str, str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory, papers_dir):
    """A class of three graded once for the module (copied per test)."""
    from analyser.grading import grade_class

    base = tmp_path_factory.mktemp("email-class")
    box = write_mbox(base / "class.mbox", [
        mail(f"{name} <{addr}>", "Sat, 28 Feb 2026 10:00:00 +0100", "analysis",
             attachments=[(f"{addr.split('@')[0]}.md", analysis(name, variant=f"{name} & co <b>bold</b>").encode(), "text/markdown")])
        for name, addr in [("Alice Martin", "alice@etu.example.fr"), ("Bob Durand", "bob@etu.example.fr"),
                           ("Zoé Lefèvre", "zoe@etu.example.fr")]
    ])
    from analyser.dates import parse_due

    grade_class([box], base / "graded", due=parse_due(DUE), offline=True, paper=str(papers_dir / f"{PAPER_SLUG}.pdf"))
    return base / "graded"


@pytest.fixture
def class_dir(graded_class, tmp_path):
    return shutil.copytree(graded_class, tmp_path / "graded")


def _email(class_dir, port, *extra):
    # The checker marks scores it is unsure of, which hold a report back until the instructor decides
    # (tested in test_review.py); here the sending itself is tested.
    return CliRunner().invoke(cli, ["email", str(class_dir), "--from", "Teacher <teacher@example.org>",
                                    "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--include-unresolved",
                                    *extra])


def test_without_send_messages_go_to_the_outbox_only(class_dir, smtp_server):
    handler, port = smtp_server
    result = _email(class_dir, port)
    assert result.exit_code == 0, result.output
    files = sorted((class_dir / "outbox").glob("*.eml"))
    assert len(files) == 3 and handler.messages == []
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "alice@etu.example.fr"
    assert not (class_dir / "email-ledger.json").exists()


def test_send_once_read_back_then_nothing_on_second_run(class_dir, smtp_server):
    handler, port = smtp_server
    first = _email(class_dir, port, "--send")
    assert first.exit_code == 0, first.output
    assert "3 message(s) sent" in first.output
    received = {m["To"].addresses[0].addr_spec: m for m in handler.messages}
    assert set(received) == {"alice@etu.example.fr", "bob@etu.example.fr", "zoe@etu.example.fr"}

    zoe = received["zoe@etu.example.fr"]
    assert zoe["To"].addresses[0].display_name == "Zoé Lefèvre"
    html = zoe.get_body(preferencelist=("html",)).get_content()
    text = zoe.get_body(preferencelist=("plain",)).get_content()
    assert 'style="' in html and "<style" not in html  # inline CSS only
    report_json = __import__("json").loads((class_dir / "zoe-lefevre" / "report.json").read_text())
    assert f"{report_json['total']:.1f} / 20" in html and f"{report_json['total']:.1f} / 20" in text
    (attachment,) = list(zoe.iter_attachments())
    assert attachment.get_filename() == "report-zoe-lefevre.html"
    assert attachment.get_content().encode() == (class_dir / "zoe-lefevre" / "report.html").read_bytes() or \
        attachment.get_payload(decode=True) == (class_dir / "zoe-lefevre" / "report.html").read_bytes()

    second = _email(class_dir, port, "--send")
    assert second.exit_code == 0, second.output
    assert len(handler.messages) == 3 and "0 message(s) sent" in second.output
    assert "3 already sent" in second.output

    # A report re-graded after it was sent is pointed out, not silently re-sent.
    report = class_dir / "bob-durand" / "report.html"
    report.write_text(report.read_text().replace("</body>", "<p>regraded</p></body>"))
    changed = _email(class_dir, port, "--send")
    assert "changed since they were sent: bob-durand" in changed.output and len(handler.messages) == 3

    again = _email(class_dir, port, "--send", "--resend", "Bob Durand")
    assert again.exit_code == 0, again.output
    assert len(handler.messages) == 4 and handler.messages[-1]["To"].addresses[0].addr_spec == "bob@etu.example.fr"


def test_a_refused_recipient_does_not_stop_the_rest_and_is_retried(class_dir, smtp_server):
    handler, port = smtp_server
    handler.refuse = {"bob@etu.example.fr"}
    first = _email(class_dir, port, "--send")
    assert first.exit_code == 1
    assert "bob-durand" in first.output and "2 message(s) sent" in first.output
    assert {m["To"].addresses[0].addr_spec for m in handler.messages} == {"alice@etu.example.fr", "zoe@etu.example.fr"}

    handler.refuse = set()
    second = _email(class_dir, port, "--send")
    assert second.exit_code == 0, second.output
    assert [m["To"].addresses[0].addr_spec for m in handler.messages[2:]] == ["bob@etu.example.fr"]


def test_password_comes_from_the_environment_and_is_never_printed(class_dir, monkeypatch):
    # No server listens on this port: the error must be one clear line, without the password.
    monkeypatch.setenv("ANALYSER_SMTP_PASSWORD", "s3cret-value")
    result = _email(class_dir, _free_port(), "--send", "--user", "teacher")
    assert result.exit_code == 2
    assert result.output.startswith("error: 127.0.0.1:") and "cannot talk to the mail server" in result.output
    assert "s3cret-value" not in result.output
    assert "Traceback" not in result.output


def test_errors_a_user_can_cause(class_dir, tmp_path, smtp_server):
    handler, port = smtp_server
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _email(empty, port)
    assert result.exit_code == 2 and "analyser grade" in result.output
    result = _email(class_dir, port, "--send", "--resend", "Nobody Here")
    assert result.exit_code == 2 and "Nobody Here" in result.output and handler.messages == []


def test_login_uses_the_password_from_the_environment_and_stores_it_nowhere(class_dir, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    handler = Recorder()

    def authenticator(server, session, envelope, mechanism, auth_data):
        handler.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"s3cret-value", handled=False)

    controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    try:
        monkeypatch.setenv("ANALYSER_SMTP_PASSWORD", "wrong")
        refused = _email(class_dir, controller.port, "--send", "--user", "teacher")
        assert refused.exit_code == 2 and "refused the login of teacher" in refused.output
        assert "wrong" not in refused.output and handler.messages == []

        monkeypatch.setenv("ANALYSER_SMTP_PASSWORD", "s3cret-value")
        result = _email(class_dir, controller.port, "--send", "--user", "teacher")
        assert result.exit_code == 0, result.output
    finally:
        controller.stop()
    assert handler.logins[-1] == ("teacher", "s3cret-value") and len(handler.messages) == 3
    for path in class_dir.rglob("*"):
        if path.is_file():
            assert b"s3cret-value" not in path.read_bytes(), path
    assert "s3cret-value" not in result.output


@pytest.fixture
def tls_files(tmp_path):
    """A self-signed certificate for 127.0.0.1, trusted through SSL_CERT_FILE for the test."""
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl to make a test certificate")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_starttls_with_login_sends_over_an_encrypted_session(class_dir, tls_files, monkeypatch):
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Recorder()
    sessions = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        sessions.append(session.ssl is not None)
        return AuthResult(success=auth_data.password == b"pw", handled=False)

    # The server refuses mail and login before STARTTLS: the client must upgrade first.
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), tls_context=context,
                            require_starttls=True, authenticator=authenticator)
    controller.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate, and only for this test
    monkeypatch.setenv("ANALYSER_SMTP_PASSWORD", "pw")
    try:
        plain = _email(class_dir, controller.port, "--send", "--user", "teacher")
        result = _email(class_dir, controller.port, "--send", "--starttls", "--user", "teacher")
    finally:
        controller.stop()
    assert plain.exit_code == 2 and "--starttls" in plain.output  # no login in clear text
    assert result.exit_code == 0, result.output
    assert sessions == [True] and len(handler.messages) == 3
