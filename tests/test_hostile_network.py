"""Issue 13, items 8 and 9: network time bounded as a whole, and a cache that is never poisoned.

The slow servers are real: a tiny socket server that trickles one byte at a
time (no HTTP library would let a test server misbehave that way), and
pytest-httpserver for the rate limits. Nothing leaves the machine.
"""

from __future__ import annotations

import re
import time

import pytest
from click.testing import CliRunner

import hostile_corpus as corpus
from analyser.cli import cli
from analyser.sources import NetworkError, NotAPdfError, RateLimitedError
from analyser.sources.config import SourceConfig
from analyser.sources.download import download_pdf
from analyser.sources.http import PoliteSession
from analyser.sources.waiting import listening
from sources_support import DOI, Trickler, fixture_json, minimal_pdf, server_url, sources_env  # noqa: F401


@pytest.fixture
def trickler(request):
    server = Trickler(request.param)
    yield server
    server.close()


# --- item 8: deadlines ---------------------------------------------------------------------------------

@pytest.mark.parametrize("trickler", ["headers", "body"], indirect=True)
def test_a_server_trickling_bytes_is_stopped_at_the_request_deadline(trickler):
    # Each byte comes well within the 5 s read timeout: only a deadline on the whole request stops it.
    session = PoliteSession(SourceConfig(timeout=5, deadline=2, retries=0))
    start = time.monotonic()
    with pytest.raises(NetworkError, match=r"127\.0\.0\.1:\d+ did not answer in time: a request to "
                                           r"127\.0\.0\.1:\d+ may take 2 s \(ANALYSER_HTTP_DEADLINE\)"):
        response = session.get(trickler.url)
        response.content  # noqa: B018 - what a caller does next: read the answer
    assert time.monotonic() - start < 6


@pytest.mark.parametrize("trickler", ["body"], indirect=True)
def test_a_trickled_pdf_download_is_a_deadline_not_a_cut_download(trickler, tmp_path):
    session = PoliteSession(SourceConfig(timeout=5, deadline=2, retries=0))
    start = time.monotonic()
    with pytest.raises(NetworkError, match="did not answer in time"):
        download_pdf(session, trickler.url, tmp_path / "paper.pdf", max_bytes=10**7, ident="x")
    assert time.monotonic() - start < 6
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


class FakeClock:
    """Time that passes only when the code sleeps: minutes of Retry-After in no time."""

    def __init__(self):
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_retry_after_waits_add_up_to_the_deadline_and_no_further(httpserver):
    # Three Retry-After: 120 used to mean six minutes of silence; now: within the deadline, said, or refused.
    httpserver.expect_request("/x").respond_with_data("", status=429, headers={"Retry-After": "25"})
    clock = FakeClock()
    session = PoliteSession(SourceConfig(retries=5, deadline=60, max_wait=120), sleep=clock.sleep, clock=clock)
    heard = []
    with listening(lambda seconds, host, reason: heard.append((seconds, reason))):
        with pytest.raises(RateLimitedError, match=r"it asks to wait 25 s, more than the 10 s left before the "
                                                   r"deadline \(ANALYSER_HTTP_DEADLINE\)"):
            session.get(httpserver.url_for("/x"))
    assert clock.waits == [25, 25]
    assert heard == [(25, "rate limited"), (25, "rate limited")]


def test_the_cli_says_when_it_waits(sources_env, server_url, tmp_path):
    sources_env.expect_oneshot_request(f"/crossref/works/{DOI}").respond_with_data(
        "", status=429, headers={"Retry-After": "1"})
    sources_env.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    sources_env.expect_request(f"/chemrxiv/doi/pdf/{DOI}").respond_with_data(minimal_pdf(),
                                                                            content_type="application/pdf")
    result = CliRunner().invoke(cli, ["fetch", DOI, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^waiting 1 s for (localhost|127\.0\.0\.1):\d+ \(rate limited\)\.\.\.$", result.stderr, re.M)


@pytest.mark.parametrize("trickler", ["body"], indirect=True)
def test_a_whole_fetch_has_its_own_deadline(trickler, sources_env, server_url, tmp_path, monkeypatch):
    data = fixture_json("crossref-chemrxiv-2026.json", server_url)
    sources_env.expect_request(f"/crossref/works/{DOI}").respond_with_json(data)
    monkeypatch.setenv("ANALYSER_CHEMRXIV_URL", f"http://127.0.0.1:{trickler.port}")
    monkeypatch.setenv("ANALYSER_HTTP_FETCH_DEADLINE", "2")
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["fetch", DOI, "--out", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "may take 2 s (ANALYSER_HTTP_FETCH_DEADLINE)" in result.stderr and result.stderr.count("\n") == 1
    assert time.monotonic() - start < 8


def test_deadline_settings_are_checked(monkeypatch):
    monkeypatch.setenv("ANALYSER_HTTP_DEADLINE", "0")
    from analyser.sources.errors import SourceError

    with pytest.raises(SourceError, match="ANALYSER_HTTP_DEADLINE=0 must be a number of seconds above 0"):
        SourceConfig.from_env()


# --- item 9: the cache is never poisoned ----------------------------------------------------------------

def test_a_truncated_pdf_with_a_forged_eof_is_not_cached(httpserver, tmp_path):
    forged = corpus.truncated_pdf(tmp_path / "forged.pdf").read_bytes()
    assert forged.startswith(b"%PDF-") and forged.rstrip().endswith(b"%%EOF")  # it looks whole from both ends
    httpserver.expect_request("/paper.pdf").respond_with_data(forged, content_type="application/pdf")
    cached = tmp_path / "cache" / "paper.pdf"
    with pytest.raises(NotAPdfError, match="damaged or truncated PDF .*try again with --refresh"):
        download_pdf(PoliteSession(SourceConfig()), httpserver.url_for("/paper.pdf"), cached, max_bytes=10**7,
                     ident="x")
    assert not cached.exists() and list(cached.parent.iterdir()) == []


def test_fetch_pdf_refuses_a_damaged_file_before_it_enters_the_cache(sources_env, server_url, tmp_path):
    sources_env.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    forged = corpus.truncated_pdf(tmp_path / "saved.pdf")
    result = CliRunner().invoke(cli, ["fetch", DOI, "--pdf", str(forged), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {forged}: damaged or truncated PDF (PDFium cannot open it); download it again\n"
    offline = CliRunner().invoke(cli, ["fetch", DOI, "--offline", "--out", str(tmp_path / "o2")])
    assert offline.exit_code == 2 and "not in the cache" in offline.stderr


def test_a_whole_pdf_still_enters_the_cache(sources_env, server_url, tmp_path):
    sources_env.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    saved = tmp_path / "saved.pdf"
    saved.write_bytes(minimal_pdf("a whole article"))
    result = CliRunner().invoke(cli, ["fetch", DOI, "--pdf", str(saved), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
