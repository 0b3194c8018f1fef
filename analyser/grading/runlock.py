"""One grading run per output folder at a time, and the debris of killed runs swept away.

Two `analyser grade` runs on one `--out` would interleave their reports and
rewrite each other's gradebook. The run holds an exclusive lock on
`OUT/.grading/lock` (POSIX `flock`) for its whole length, with its pid
written inside; a second run is refused with a message naming that pid. The
kernel releases the lock when the process dies, however it dies, so a lock
file left by a killed run (its pid dead) is simply taken over.

Holding the lock, the run owns the folder: every temporary file of an
atomic write found there (`.NAME.XXXX.tmp`) is what a killed run left, and
is removed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analyser.grading.errors import OutputInUseError

LOCK = "lock"
# What atomic_path's names look like: ".report.html.k3j_x9a2.tmp".
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
_held: list[int] = []  # descriptors this process holds locks on (closed in forked workers)


@contextmanager
def held(out_dir: Path, folder: str) -> Iterator[None]:
    """Hold the lock of `out_dir` (in its `folder`) while the block runs, or raise OutputInUseError."""
    path = Path(out_dir) / folder / LOCK
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl
        except ImportError:  # no flock (Windows): runs are not kept apart there
            fcntl = None
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                other = os.pread(descriptor, 64, 0).decode("ascii", "replace").strip() or "unknown"
                raise OutputInUseError(
                    f"another `analyser grade` (pid {other}) is writing to this folder: wait for it to end, "
                    "or stop it, then run again", path=str(out_dir)) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        _held.append(descriptor)
        try:
            yield
        finally:
            _held.remove(descriptor)
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)  # closing releases the lock


def forget_in_child() -> None:
    """In a forked worker: close the inherited lock descriptors (the parent's lock is unaffected)."""
    while _held:
        try:
            os.close(_held.pop())
        except OSError:
            pass


def sweep_temporary_files(out_dir: Path) -> int:
    """Remove the temporary files of atomic writes under `out_dir` (call it holding the lock); how many."""
    removed = 0
    for path in Path(out_dir).rglob(".*.tmp"):
        try:
            if _TEMPORARY.match(path.name) and path.is_file() and not path.is_symlink():
                path.unlink()
                removed += 1
        except OSError:
            pass  # not ours to remove after all: it stays, and harms nothing
    return removed
