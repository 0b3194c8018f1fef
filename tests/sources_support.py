"""Shared helpers of the tests/test_sources*.py files: recorded-format responses served
by a real local HTTP server (pytest-httpserver), the environment pointed at it."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from pytest_httpserver.httpserver import QueryMatcher

from analyser.documents.pdfwrite import serialise

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
DOI = "10.26434/chemrxiv.10001917/v1"  # the ChemRxiv article of crossref-chemrxiv-2026.json


def _pdf_string(text: str) -> bytes:
    return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1") + b")"


def minimal_pdf(text: str = "hello", *, lines: list[str] | None = None, info: dict[str, str] | None = None) -> bytes:
    """A small but well-formed one-page PDF (header, objects, xref, %%EOF).

    `lines`: the first page's text, one line each (else the single `text`);
    `info`: the document's Info dictionary (Title, Author...)."""
    shown = lines if lines is not None else [text]
    stream = b"BT /F1 12 Tf 14 TL 72 720 Td " + b" ".join(_pdf_string(line) + b" Tj T*" for line in shown) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if info:
        objects.append(b"<< " + b" ".join(b"/" + key.encode() + b" " + _pdf_string(value)
                                          for key, value in info.items()) + b" >>")
    return serialise(objects, root=1, info=len(objects) if info else None)


def fixture_text(name: str, server_url: str) -> str:
    """A recorded response with its absolute links pointed at the local server."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text.replace("https://arxiv.org/", server_url + "/arxiv/").replace("{SERVER}", server_url)


def fixture_json(name: str, server_url: str) -> dict:
    return json.loads(fixture_text(name, server_url))


@pytest.fixture
def server_url(httpserver) -> str:
    return httpserver.url_for("").rstrip("/")


@pytest.fixture
def sources_env(httpserver, monkeypatch, server_url):
    """Every source pointed at the local server; no waiting between tries."""
    monkeypatch.setenv("ANALYSER_ARXIV_URL", f"{server_url}/api/query")
    monkeypatch.setenv("ANALYSER_CHEMRXIV_URL", f"{server_url}/chemrxiv")
    monkeypatch.setenv("ANALYSER_BIORXIV_URL", f"{server_url}/biorxiv-api")
    monkeypatch.setenv("ANALYSER_BIORXIV_SITE_URL", server_url + "/{server}-site")
    monkeypatch.setenv("ANALYSER_CROSSREF_URL", f"{server_url}/crossref")
    monkeypatch.setenv("ANALYSER_CONTACT_EMAIL", "teacher@example.org")
    monkeypatch.setenv("ANALYSER_HTTP_BACKOFF", "0")
    monkeypatch.setenv("ANALYSER_HTTP_RETRIES", "2")
    monkeypatch.setenv("ANALYSER_HTTP_TIMEOUT", "5")
    monkeypatch.setenv("ANALYSER_ARXIV_DELAY", "0")
    return httpserver


class SubsetQuery(QueryMatcher):
    """Match requests whose query string holds these parameters (others may be there too)."""

    def __init__(self, **expected: str):
        self.expected = expected

    def get_comparing_values(self, request_query_string: bytes):
        query = dict(parse_qsl(request_query_string.decode("utf-8"), keep_blank_values=True))
        return {key: query.get(key) for key in self.expected}, self.expected


def serve_atom(httpserver, server_url: str, name: str, *, status: int = 200, **query) -> None:
    matcher = SubsetQuery(**query) if query else None
    httpserver.expect_request("/api/query", query_string=matcher).respond_with_data(
        fixture_text(name, server_url).encode("utf-8"), status=status,
        content_type="application/atom+xml; charset=utf-8")


def serve_pdf(httpserver, path: str, data: bytes | None = None) -> bytes:
    data = minimal_pdf() if data is None else data
    httpserver.expect_request(path).respond_with_data(data, content_type="application/pdf")
    return data


class Trickler:
    """An HTTP server that sends one byte every `every` seconds, in the headers or in the body."""

    def __init__(self, where: str, every: float = 0.4, lasts: float = 20.0):
        self.where, self.every, self.lasts = where, every, lasts
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/paper.pdf"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            connection.recv(65536)
            if self.where == "headers":
                first, slow = b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"a" * 1000
            else:
                first = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n%PDF-1.4\n"
                slow = b"0" * 1000
            end = time.monotonic() + self.lasts
            try:
                connection.sendall(first)
                for byte in slow:
                    if self.stop.is_set() or time.monotonic() > end:
                        return
                    connection.sendall(bytes([byte]))
                    time.sleep(self.every)
            except OSError:
                return  # the client gave up: what we want

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
