"""Issue 13, items 12 and 13: no password in clear text, no terminal escape obeyed, no traceback on CR/LF."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import hostile_corpus as corpus
from analyser.cli import cli
from analyser.mailing.errors import SmtpError
from analyser.mailing.smtp import SmtpSettings
from test_grade_support import DUE, PAPER_SLUG, analysis

ACTING = ("\x1b", "\x07", "\x9b", "\u202e", "\r")  # ESC, BEL, CSI (C1), right-to-left override, CR


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [*map(str, args)], **kwargs)


# --- item 12: SMTP login over plain text ---------------------------------------------------------------

def test_a_login_in_clear_text_to_another_machine_is_refused_before_the_password_is_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("ANALYSER_SMTP_PASSWORD", raising=False)
    result = run("email", tmp_path, "--from", "Prof <prof@univ.fr>", "--send", "--smtp-host", "smtp.univ.fr",
                 "--user", "prof")
    assert result.exit_code == 2, result.output
    assert result.output == ("error: smtp.univ.fr:25: refusing to send the password of prof in clear text: "
                             "add --starttls or --ssl (or --insecure-login to send it anyway)\n")
    assert "password for" not in result.output  # refused before any prompt


@pytest.mark.parametrize("host, security, insecure, refused", [
    ("smtp.univ.fr", "none", False, True),
    ("smtp.univ.fr", "none", True, False),
    ("smtp.univ.fr", "starttls", False, False),
    ("smtp.univ.fr", "ssl", False, False),
    ("localhost", "none", False, False),
    ("127.0.0.1", "none", False, False),
    ("::1", "none", False, False),
    ("127.0.0.1.evil.org", "none", False, True),
])
def test_the_rule_for_clear_text_logins(host, security, insecure, refused):
    settings = SmtpSettings(host=host, security=security, user="prof", insecure_login=insecure)
    if refused:
        with pytest.raises(SmtpError, match="refusing to send the password"):
            settings.check_login()
    else:
        settings.check_login()
    SmtpSettings(host="smtp.univ.fr").check_login()  # no login, nothing to protect


# --- item 13: terminal escapes and line breaks ---------------------------------------------------------

def test_escapes_in_names_and_file_names_are_shown_not_obeyed(tmp_path, papers_dir):
    box = corpus.write_raw_mbox(tmp_path / "class.mbox", [
        corpus.raw_message(b"\x1b]0;pwned\x07\x1b[2JMallory \xe2\x80\xaeevil <m@x.fr>",
                           "Sat, 28 Feb 2026 10:00:00 +0100", "x",
                           attachments=[("m.pdf", b"%PDF-1.4 broken", "application/pdf")]),
    ])
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "\x1b[31mred\x9b2J\u202etxt.md").write_bytes(b"\x00\x01 binary")
    result = run("grade", box, folder, "--out", tmp_path / "out", "--due", DUE, "--offline",
                 "--paper", papers_dir / f"{PAPER_SLUG}.pdf")
    assert result.exit_code == 0, result.output
    assert not any(char in result.output for char in ACTING), repr(result.output)
    assert "Mallory evil" in result.output  # the sender's name, without its escapes
    assert "\\x1b[31mred\\x9b2J\\u202etxt.md" in result.output  # the file, named visibly
    students = json.loads((tmp_path / "out" / "students.json").read_text())["students"]
    assert not any(char in json.dumps(s, ensure_ascii=False) for s in students for char in ACTING if char != "\x1b")


def test_an_error_naming_a_hostile_file_is_one_inert_line(tmp_path):
    name = tmp_path / "\x1b[2J\x1b]0;title\x07report\u202efdp.md"
    result = run("extract", name)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and not any(char in result.output for char in ACTING)
    assert "\\x1b[2J" in result.output and "\\u202e" in result.output


def test_extract_and_check_print_document_text_inertly(tmp_path):
    path = tmp_path / "analysis.md"
    path.write_text(analysis("Ann \u202eLee") + "\nCSI\x9b2J here, and an override\u202e.\n", encoding="utf-8")
    for args in (("extract", path), ("extract", path, "--format", "json"), ("check", path, "--offline")):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert not any(char in result.output for char in ACTING), (args, repr(result.output[:300]))
    json.loads(run("extract", path, "--format", "json").output)  # still valid JSON


@pytest.fixture
def graded_dir(tmp_path, papers_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "ann.md").write_text(analysis("Ann Lee"), encoding="utf-8")
    out = tmp_path / "out"
    result = run("grade", inputs, "--out", out, "--offline", "--paper", papers_dir / f"{PAPER_SLUG}.pdf")
    assert result.exit_code == 0, result.output
    return out


def test_a_line_break_in_course_is_a_one_line_error(graded_dir):
    result = run("email", graded_dir, "--from", "Prof <prof@univ.fr>", "--course", "AI\nBcc: everyone@univ.fr")
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "holds a line break or a control character" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("field, value", [("email", "ann@x.fr\r\nBcc: all@univ.fr"), ("name", "Ann\nLee"),
                                          ("slug", "../../elsewhere")])
def test_a_line_break_in_an_edited_students_json_is_a_one_line_error(graded_dir, field, value):
    manifest = graded_dir / "students.json"
    data = json.loads(manifest.read_text())
    data["students"][0][field] = value
    manifest.write_text(json.dumps(data))
    result = run("email", graded_dir, "--from", "Prof <prof@univ.fr>")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {manifest}: damaged (student 1: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert not (graded_dir / "outbox").exists() or not list((graded_dir / "outbox").iterdir())
    assert not (graded_dir.parent.parent / "elsewhere.eml").exists()
