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
    check_writable(folder, what)
    return folder.resolve()


def check_writable(folder: Path, what: str = "output folder") -> None:
    """Write and remove a probe file in `folder`, or raise `OutputDirError` naming it.

    An existing folder may still refuse files (/proc, read-only mounts, no
    permission): better said before grading than as a traceback at the end.
    """
    import os
    import tempfile

    try:
        handle, probe = tempfile.mkstemp(prefix=".analyser-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise OutputDirError(f"cannot write in the {what} ({_why(error)})", path=str(folder)) from None


def check_not_foreign(folder: Path, marker: str, *, force: bool = False) -> None:
    """Refuse an existing, non-empty `folder` that is not a previous output (no `marker` inside).

    Reports mixed in silently with unrelated files are hard to tell apart
    and to clean up; `force` allows it knowingly.
    """
    folder = Path(folder)
    if force or not folder.is_dir() or (folder / marker).exists():
        return
    try:
        foreign = next(iter(folder.iterdir()), None)
    except OSError:
        return  # unreadable: check_writable says what is wrong
    if foreign is not None:
        raise OutputDirError("is not empty and holds no previous grading (no .grading folder): "
                             "give an empty or new folder, or --force to write into it", path=str(folder))


def write_failure(error: OSError, folder: Path) -> OutputDirError:
    """The one-line error for an output that could not be written (full disk, read-only folder...)."""
    return OutputDirError(f"cannot write in the output folder ({_why(error)})", path=str(error.filename or folder))


def _why(error: OSError) -> str:
    return error.strerror or type(error).__name__
