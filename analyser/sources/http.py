"""One polite `requests` session for every source: timeouts, a User-Agent with a
contact address, and retries with backoff on 429/5xx that honour Retry-After.

arXiv's client gets the same session, so the rules hold for every request we make.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import urlsplit

import requests

from analyser.sources import deadline, waiting
from analyser.sources.config import SourceConfig
from analyser.sources.errors import NetworkError, NotFoundError, RateLimitedError, SourceError

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def retry_wait(retry_after: str | None, attempt: int, *, backoff: float, cap: float) -> float:
    """Seconds to wait before try `attempt + 1`: the server's Retry-After when it gives one
    (seconds or an HTTP date), else exponential backoff with jitter; never more than `cap`."""
    wait: float | None = None
    if retry_after:
        value = retry_after.strip()
        try:
            wait = float(value)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                if when.tzinfo is None:
                    when = when.replace(tzinfo=timezone.utc)
                wait = (when - datetime.now(timezone.utc)).total_seconds()
    if wait is None:
        # Jitter spreads out clients that failed together (a whole class at once).
        wait = backoff * 2**attempt * (1 + random.random() / 2)
    return max(0.0, min(wait, cap))


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


class PoliteSession(requests.Session):
    """A Session whose every request is retried with backoff and bounded by a deadline (see `deadline`)."""

    def __init__(self, config: SourceConfig, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.config = config
        self._sleep = sleep
        self._clock = clock
        self.headers["User-Agent"] = config.user_agent
        adapter = deadline.WatchedAdapter()
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request_scope(self, url: str):
        """The deadline of one request to `url`; open it around a streamed download to cover the body too."""
        return deadline.scope(self.config.deadline, f"a request to {host_of(url)}", "ANALYSER_HTTP_DEADLINE",
                              clock=self._clock)

    def request(self, method, url, **kwargs):  # noqa: D102 - same as requests.Session.request
        if kwargs.get("stream"):
            # The caller reads the body later and opened the scope around it (download_pdf does).
            return self._request(method, url, **kwargs)
        with self.request_scope(url):
            return self._request(method, url, **kwargs)

    def _request(self, method, url, **kwargs):
        tries = self.config.retries + 1
        for attempt in range(tries):
            last = attempt == tries - 1
            left = self._left(url)
            kwargs["timeout"] = (min(10.0, self.config.timeout, left), min(self.config.timeout, left))
            try:
                response = super().request(method, url, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as error:
                if deadline.expired():
                    raise deadline_error(url) from None
                # A refused connection or unknown host rarely heals within seconds: one retry only,
                # so "network down" is said quickly.
                refused = isinstance(error, requests.ConnectionError) and not isinstance(error, requests.Timeout)
                if last or (refused and attempt >= 1):
                    reason = "timed out" if isinstance(error, requests.Timeout) else "connection failed"
                    raise NetworkError(
                        f"could not reach {host_of(url)} ({reason}); check your connection, "
                        "or use --offline to work from the cache", url=url) from None
                wait, reason = retry_wait(None, attempt, backoff=self.config.backoff, cap=self.config.max_wait), \
                    "connection failed"
            except requests.RequestException as error:
                if deadline.expired():  # the watch cut the connection mid-answer
                    raise deadline_error(url) from None
                # A bad address (e.g. a mistyped ANALYSER_*_URL), too many redirects...: not transient.
                raise SourceError(f"cannot fetch {url}: {type(error).__name__}", url=url) from None
            else:
                if deadline.expired():
                    # Cut in the headers, the answer can even look complete: it is not.
                    response.close()
                    raise deadline_error(url)
                if response.status_code not in RETRY_STATUSES:
                    return response
                retry_after = response.headers.get("Retry-After")
                response.close()
                if last:
                    raise _give_up(url, response.status_code, tries, retry_after)
                asked = retry_wait(retry_after, attempt, backoff=0, cap=86400) if retry_after else None
                if asked is not None and asked > self._left(url):
                    raise _too_long_to_wait(url, response.status_code, asked, self._left(url))
                wait = retry_wait(retry_after, attempt, backoff=self.config.backoff, cap=self.config.max_wait)
                reason = "rate limited" if response.status_code == 429 else f"HTTP {response.status_code}"
            if wait >= self._left(url):
                raise deadline_error(url)  # the next try could not even start in time
            logger.info("retrying %s in %.1f s (try %d of %d)", url, wait, attempt + 2, tries)
            if wait >= 1:
                waiting.report(wait, host_of(url), reason)
            self._sleep(wait)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _left(self, url: str) -> float:
        left = deadline.remaining()
        if left is None:  # a stream request without its scope: bound it all the same
            left = self.config.deadline
        if left <= 0:
            raise deadline_error(url)
        return left


def deadline_error(url: str) -> NetworkError:
    """The error of a request or fetch that ran out of time (the scope that ran out names itself)."""
    current = deadline.expired() or deadline.nearest()
    if current is None:
        return NetworkError(f"{host_of(url)} did not answer in time", url=url)
    return NetworkError(f"{host_of(url)} did not answer in time: {current.what} may take {current.seconds:g} s "
                        f"({current.setting}); try again later, or use --offline to work from the cache", url=url)


def _too_long_to_wait(url: str, status: int, asked: float, left: float) -> SourceError:
    host = host_of(url)
    what = "rate limited by" if status == 429 else f"HTTP {status} from"
    nearest = deadline.nearest()
    setting = nearest.setting if nearest is not None else "ANALYSER_HTTP_DEADLINE"
    message = (f"{what} {host}: it asks to wait {asked:.0f} s, more than the {max(left, 0):.0f} s left before the "
               f"deadline ({setting}); try again in {_duration(asked)}")
    if status == 429:
        return RateLimitedError(message, url=url, retry_after=asked)
    error = NetworkError(message, url=url)
    error.status = status
    return error


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} minutes"


def _give_up(url: str, status: int, tries: int, retry_after: str | None) -> SourceError:
    host = host_of(url)
    if status == 429:
        seconds = retry_wait(retry_after, 0, backoff=0, cap=86400) if retry_after else None
        return RateLimitedError(
            f"rate limited by {host} (HTTP 429) after {tries} tries; wait a few minutes, then try again",
            url=url, retry_after=seconds)
    error = NetworkError(f"{host} kept failing (HTTP {status}) after {tries} tries; try again later, "
                         "or use --offline to work from the cache", url=url)
    error.status = status
    return error


@lru_cache(maxsize=4)
def session_for(config: SourceConfig) -> PoliteSession:
    """The one session of the process for this configuration (connections are reused)."""
    return PoliteSession(config)


def get_json(session: requests.Session, url: str, *, params: dict | None = None,
             not_found: str) -> dict:
    """GET a JSON document; 404 becomes NotFoundError(not_found), other failures SourceError."""
    response = session.get(url, params=params, headers={"Accept": "application/json"})
    if response.status_code == 404:
        raise NotFoundError(not_found, url=response.url, status=404)
    if response.status_code != 200:
        raise SourceError(f"{host_of(url)} answered HTTP {response.status_code} for {response.url}",
                          url=response.url, status=response.status_code)
    try:
        data = response.json()
    except ValueError:
        raise SourceError(f"{host_of(url)} sent something that is not JSON for {response.url}",
                          url=response.url) from None
    if not isinstance(data, dict):
        raise SourceError(f"{host_of(url)} sent unexpected JSON for {response.url}", url=response.url)
    return data
