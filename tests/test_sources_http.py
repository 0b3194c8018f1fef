"""The polite session: retries with backoff on 429/5xx, Retry-After honoured and capped."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from analyser.sources import NetworkError, RateLimitedError
from analyser.sources.config import SourceConfig
from analyser.sources.http import PoliteSession, retry_wait


def _session(*, retries=3, backoff=0.5, max_wait=30.0, email=None):
    waits: list[float] = []
    config = SourceConfig(retries=retries, backoff=backoff, max_wait=max_wait, contact_email=email, timeout=5)
    return PoliteSession(config, sleep=waits.append), waits


def test_429_then_success_waits_as_retry_after_says(httpserver):
    httpserver.expect_oneshot_request("/x").respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    httpserver.expect_request("/x").respond_with_data("ok")
    session, waits = _session()
    response = session.get(httpserver.url_for("/x"))
    assert response.status_code == 200 and response.text == "ok"
    assert waits == [7.0]


def test_503_with_http_date_retry_after(httpserver):
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=20), usegmt=True)
    httpserver.expect_oneshot_request("/x").respond_with_data("busy", status=503, headers={"Retry-After": when})
    httpserver.expect_request("/x").respond_with_data("ok")
    session, waits = _session()
    assert session.get(httpserver.url_for("/x")).text == "ok"
    assert len(waits) == 1 and 15 <= waits[0] <= 20


def test_retry_after_is_capped(httpserver):
    httpserver.expect_oneshot_request("/x").respond_with_data("", status=429, headers={"Retry-After": "30"})
    httpserver.expect_request("/x").respond_with_data("ok")
    session, waits = _session(max_wait=12)
    session.get(httpserver.url_for("/x"))
    assert waits == [12]


def test_retry_after_beyond_the_deadline_fails_at_once(httpserver):
    # Waiting an hour in silence (or 12 s and knocking again, against the server's wish) is no answer.
    httpserver.expect_request("/x").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    session, waits = _session(max_wait=12)
    with pytest.raises(RateLimitedError, match=r"asks to wait 3600 s, more than the \d+ s left before the deadline "
                                               r"\(ANALYSER_HTTP_DEADLINE\); try again in 60 minutes") as caught:
        session.get(httpserver.url_for("/x"))
    assert waits == [] and caught.value.retry_after == 3600


def test_without_retry_after_backoff_grows(httpserver):
    for _ in range(3):
        httpserver.expect_oneshot_request("/x").respond_with_data("", status=502)
    httpserver.expect_request("/x").respond_with_data("ok")
    session, waits = _session(backoff=1.0)
    assert session.get(httpserver.url_for("/x")).text == "ok"
    assert len(waits) == 3
    # base * 2**try, with up to 50 % jitter
    for attempt, wait in enumerate(waits):
        assert 2**attempt <= wait <= 1.5 * 2**attempt


def test_persistent_429_is_a_rate_limit_error(httpserver):
    httpserver.expect_request("/x").respond_with_data("", status=429, headers={"Retry-After": "2"})
    session, waits = _session(retries=2)
    with pytest.raises(RateLimitedError) as caught:
        session.get(httpserver.url_for("/x"))
    assert waits == [2.0, 2.0]
    assert caught.value.retry_after == 2.0 and caught.value.status == 429
    assert "rate limited by localhost:" in str(caught.value) and "3 tries" in str(caught.value)
    assert len(httpserver.log) == 3


def test_persistent_503_is_a_network_error_suggesting_offline(httpserver):
    httpserver.expect_request("/x").respond_with_data("", status=503)
    session, _ = _session(retries=1, backoff=0)
    with pytest.raises(NetworkError, match="HTTP 503.*--offline"):
        session.get(httpserver.url_for("/x"))


def test_404_is_not_retried(httpserver):
    httpserver.expect_request("/x").respond_with_data("Resource not found.", status=404)
    session, waits = _session()
    assert session.get(httpserver.url_for("/x")).status_code == 404
    assert waits == [] and len(httpserver.log) == 1


def test_connection_refused_is_a_network_error():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    session, waits = _session(retries=3, backoff=0)
    with pytest.raises(NetworkError, match="could not reach 127.0.0.1.*--offline"):
        session.get(f"http://127.0.0.1:{port}/x")
    assert len(waits) == 1  # a refused connection is retried once, not three times


def test_user_agent_carries_the_contact_address(httpserver):
    httpserver.expect_request("/x").respond_with_data("ok")
    session, _ = _session(email="teacher@example.org")
    session.get(httpserver.url_for("/x"))
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("analyser/") and "mailto:teacher@example.org" in agent


@pytest.mark.parametrize("header, attempt, expected", [
    ("5", 0, 5.0), ("0", 3, 0.0), ("-4", 0, 0.0), ("1000", 0, 60.0), ("soon", 0, None),
])
def test_retry_wait(header, attempt, expected):
    wait = retry_wait(header, attempt, backoff=2.0, cap=60.0)
    if expected is None:  # unreadable header: exponential backoff
        assert 2.0 <= wait <= 3.0
    else:
        assert wait == expected


def test_config_reads_environment(monkeypatch):
    monkeypatch.setenv("ANALYSER_CROSSREF_URL", "http://localhost:1/cr/")
    monkeypatch.setenv("ANALYSER_HTTP_BACKOFF", "0.25")
    monkeypatch.setenv("ANALYSER_MAX_PDF_MB", "2")
    config = SourceConfig.from_env()
    assert config.crossref_url == "http://localhost:1/cr" and config.backoff == 0.25
    assert config.max_pdf_bytes == 2 * 2**20
    monkeypatch.setenv("ANALYSER_HTTP_BACKOFF", "fast")
    with pytest.raises(Exception, match="ANALYSER_HTTP_BACKOFF"):
        SourceConfig.from_env()
