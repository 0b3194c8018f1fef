"""The root of the errors a user can cause or meet.

Each module defines its own subclasses (one per failure a user can cause);
the CLI turns any of them into a one-line message and exit status 2.
"""

from __future__ import annotations


class AnalyserError(Exception):
    """A failure the user can act on; its message is one line for the terminal."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)
