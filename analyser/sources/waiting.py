"""Who hears about the waits of the network code: the library never prints, the CLI does.

A rate-limited source may make us wait a minute or two (Retry-After); in
silence that looks like a hang. `report(seconds, host, reason)` is called
before every such wait and logs it; an application that wants the user to
see it sets a listener with `listening(callback)` (the CLI prints "waiting
30 s for api.crossref.org (rate limited)..." on stderr).

No dependency: the CLI sets the listener without importing the network code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

logger = logging.getLogger(__name__)

Listener = Callable[[float, str, str], None]  # (seconds, host, reason)
_listeners: list[Listener] = []


def report(seconds: float, host: str, reason: str) -> None:
    """Say that we are about to wait `seconds` for `host` because of `reason` ("rate limited"...)."""
    logger.info("waiting %.0f s for %s (%s)", seconds, host, reason)
    for listener in list(_listeners):
        listener(seconds, host, reason)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Call `listener` for every wait reported while the block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
