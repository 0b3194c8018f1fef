"""Errors a user meets while finding or fetching an article.

They carry structured fields (url, status, retry_after) besides the one-line
message, so callers such as the checker can decide what to do next.
"""

from __future__ import annotations

from analyser.errors import AnalyserError

BROWSER_HINT = "open {url} in a browser, save the PDF, then run `analyser fetch {ident} --pdf FILE`"


class SourceError(AnalyserError):
    """An article could not be found or fetched."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None,
                 path: str | None = None):
        self.url = url
        self.status = status
        super().__init__(message, path=path)


class IdentifierError(SourceError):
    """The text is none of the accepted identifier forms (no network involved)."""


class NotFoundError(SourceError):
    """The source answered, and has no such article."""


class NetworkError(SourceError):
    """The source could not be reached, or kept failing (timeouts, 5xx)."""


class RateLimitedError(NetworkError):
    """The source kept answering 429 after we waited and retried."""

    def __init__(self, message: str, *, url: str | None = None, retry_after: float | None = None):
        self.retry_after = retry_after
        super().__init__(message, url=url, status=429)


class NotAPdfError(SourceError):
    """A download (or a local file) is not a complete PDF: HTML page, truncated file..."""


class PdfUnavailableError(SourceError):
    """The metadata is known but there is no PDF we may fetch (withdrawn, blocked, closed)."""


class OfflineMissError(SourceError):
    """--offline was asked and the cache does not hold the article."""


class StorageError(SourceError):
    """A folder or file we write (the --out folder, the cache) cannot be created or written:
    a file in the way, no permission, a read-only or full disk."""


def storage_error(error: OSError, what: str, path, *, hint: str | None = None) -> StorageError:
    """The one-line StorageError for an OSError met while trying to `what` at `path`."""
    reason = error.strerror or type(error).__name__
    if isinstance(error, (NotADirectoryError, FileExistsError)):
        reason += ": a file is in the way"
    return StorageError(f"cannot {what} ({reason})" + (f"; {hint}" if hint else ""), path=str(path))
