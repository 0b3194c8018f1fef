"""Output folders (`grade --out`, `demo --out`, `email DIR`'s outbox): made, or refused in one line."""

from __future__ import annotations

from pathlib import Path

from analyser.grading.errors import OutputDirError


def make_output_dir(folder: Path, what: str = "output folder") -> Path:
    """Create `folder` (and its parents) or raise `OutputDirError` naming it; returns it resolved."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputDirError(f"cannot create the {what} (a file of that name exists)", path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputDirError(f"cannot create the {what} ({_why(error)})", path=str(folder)) from None
    return folder.resolve()


def write_failure(error: OSError, folder: Path) -> OutputDirError:
    """The one-line error for an output that could not be written (full disk, read-only folder...)."""
    return OutputDirError(f"cannot write in the output folder ({_why(error)})", path=str(error.filename or folder))


def _why(error: OSError) -> str:
    return error.strerror or type(error).__name__
