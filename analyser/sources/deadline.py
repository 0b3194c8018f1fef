"""Deadlines on network work as a whole, not on each read.

A socket timeout bounds one read: a server that sends one byte every five
seconds never trips a 30-second timeout, and a request hangs for hours.
Retries and Retry-After waits add up the same way. So time is bounded
twice, each bound a `scope`:

- a request (connection, every retry and wait, the answer read to its last
  byte): `ANALYSER_HTTP_DEADLINE`, 60 s by default;
- a fetch (an article's metadata and its PDF, several requests):
  `ANALYSER_HTTP_FETCH_DEADLINE`, 180 s.

Scopes nest; the nearest end wins. While a scope is open, every connection
the session uses is watched: at the deadline its socket is shut down, which
ends whatever read is blocked on it, however slowly the server trickles.
`expired()` then tells the caller to report a deadline rather than a
dropped connection.

The watch is installed through urllib3's documented hooks: a pool class per
scheme whose `ConnectionCls` arms the watch on each request it sends.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

Clock = Callable[[], float]


@dataclass
class _Scope:
    end: float
    what: str
    seconds: float
    setting: str
    clock: Clock
    timers: list[threading.Timer] = field(default_factory=list)
    cut: bool = False


_local = threading.local()


def _scopes() -> list[_Scope]:
    if not hasattr(_local, "scopes"):
        _local.scopes = []
    return _local.scopes


@contextmanager
def scope(seconds: float, what: str, setting: str, *, clock: Clock = time.monotonic) -> Iterator[_Scope]:
    """Bound everything the block does on the network to `seconds` (`what` and `setting` name it in errors)."""
    current = _Scope(clock() + seconds, what, seconds, setting, clock)
    _scopes().append(current)
    try:
        yield current
    finally:
        _scopes().remove(current)
        for timer in current.timers:
            timer.cancel()


def remaining() -> float | None:
    """Seconds left before the nearest deadline of the open scopes; None when none is open."""
    scopes = _scopes()
    if not scopes:
        return None
    return min(s.end - s.clock() for s in scopes)


def nearest() -> _Scope | None:
    scopes = _scopes()
    return min(scopes, key=lambda s: s.end - s.clock()) if scopes else None


def expired() -> _Scope | None:
    """The scope whose deadline has passed (or whose sockets were cut), else None."""
    for current in _scopes():
        if current.cut or current.end - current.clock() <= 0:
            return current
    return None


def _watch(sock: socket.socket | None) -> None:
    """Shut `sock` down at the nearest deadline, unless the scope ends first."""
    current = nearest()
    if current is None or sock is None:
        return
    left = max(0.0, current.end - current.clock())

    def cut() -> None:
        current.cut = True
        try:
            sock.shutdown(socket.SHUT_RDWR)  # wakes a recv() blocked in another thread
        except OSError:
            pass  # already closed: nothing is waiting on it

    timer = threading.Timer(left, cut)
    timer.daemon = True
    current.timers.append(timer)
    timer.start()


class _WatchedHTTPConnection(HTTPConnection):
    def request(self, *args, **kwargs):  # noqa: D102 - urllib3's, plus the watch
        super().request(*args, **kwargs)
        _watch(self.sock)


class _WatchedHTTPSConnection(HTTPSConnection):
    def request(self, *args, **kwargs):  # noqa: D102
        super().request(*args, **kwargs)
        _watch(self.sock)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class WatchedAdapter(HTTPAdapter):
    """requests' adapter, whose connections are shut down at the deadline of the open scopes."""

    def init_poolmanager(self, *args, **kwargs):  # noqa: D102
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def proxy_manager_for(self, *args, **kwargs):  # noqa: D102
        manager = super().proxy_manager_for(*args, **kwargs)
        manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return manager
