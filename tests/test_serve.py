"""`analyser serve`: a student checks a draft in the browser; the files never leave the machine."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import requests

from test_grade_support import analysis


@pytest.fixture
def served():
    from analyser.web import check, security, server

    token = security.new_secret()
    running = server.start(check.create_app(token, offline=True), token)
    session = requests.Session()
    session.get(running.url, timeout=10)
    yield running, session, running.url.split("?")[0]
    running.stop()


def _temporary_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("analyser-serve-*")}


def test_a_draft_and_the_articles_pdf_give_the_check_report_and_leave_nothing_behind(served, papers_dir):
    _, session, root = served
    form = session.get(root, timeout=10).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    before = _temporary_folders()
    pdf = papers_dir / "jiang2023-pharmhgt-molecular-property.pdf"
    response = session.post(root + "check", data={"csrf": csrf}, timeout=60, files={
        "draft": ("../../my draft.md", analysis("Ada <b>Lovelace</b>").encode(), "text/markdown"),
        "article": ("paper.pdf", pdf.read_bytes(), "application/pdf"),
    })
    assert response.status_code == 200, response.text[:500]
    assert "Check of" in response.text and "/ 20" in response.text
    assert "<b>Lovelace</b>" not in response.text  # the student's markup is text, never HTML
    assert "script-src" not in response.headers["Content-Security-Policy"]  # the report runs no script
    assert _temporary_folders() == before  # the uploads are gone


def test_uploads_are_bounded_and_need_the_token_and_the_form(served, monkeypatch):
    running, session, root = served
    assert requests.post(root + "check", files={"draft": ("a.md", b"x")}, timeout=10).status_code == 403  # no token
    assert session.post(root + "check", files={"draft": ("a.md", b"x")}, timeout=10).status_code == 403  # no CSRF
    csrf = re.search(r'name="csrf" value="([^"]+)"', session.get(root, timeout=10).text).group(1)
    from analyser.web import check

    big = b"x" * (check.MAX_DRAFT_BYTES + check.MAX_ARTICLE_BYTES + 128 * 1024)
    too_big = session.post(root + "check", data={"csrf": csrf}, files={"draft": ("a.md", big)}, timeout=60)
    assert too_big.status_code == 413
    wrong = session.post(root + "check", data={"csrf": csrf}, files={"draft": ("a.exe", b"MZ")}, timeout=10)
    assert wrong.status_code == 400 and "must be a PDF, Word" in wrong.text
