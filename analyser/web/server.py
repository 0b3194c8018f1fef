"""Serve a Flask app on 127.0.0.1 at a random free port, with werkzeug's server (Flask's own)."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass
class Running:
    """A server started in a background thread (tests, benchmarks); `stop()` ends it."""

    url: str
    port: int
    server: object
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def make(app, token: str, *, port: int = 0):
    """(server, url): a threaded werkzeug server bound to 127.0.0.1 only, and the address with the token."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", port, app, threaded=True)
    app.config["PORT"] = server.server_port
    return server, f"http://127.0.0.1:{server.server_port}/?token={token}"


def start(app, token: str) -> Running:
    server, url = make(app, token)
    thread = threading.Thread(target=server.serve_forever, name="analyser-web", daemon=True)
    thread.start()
    return Running(url, server.server_port, server, thread)
