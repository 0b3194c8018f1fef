"""Atomic writes: an output is either the old file or the new one, never half of each.

A run can be interrupted (Ctrl-C, a full disk, a crash in one worker); a user
must never find a truncated report, gradebook, template or cached PDF. Every
file is written next to its destination and moved into place with
`os.replace`, which is atomic on one file system.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _default_mode() -> int:
    # mkstemp makes the file private; give it the mode any new file would get.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# Ctrl-C and a kill: held while the temporary file is made, so that the cleanup
# below already guards it when their handler raises.
_HELD = {signal.SIGINT, signal.SIGTERM}


def _hold_signals():
    return signal.pthread_sigmask(signal.SIG_BLOCK, _HELD) if hasattr(signal, "pthread_sigmask") else None


def _release_signals(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto it when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = None
    held = _hold_signals()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        _release_signals(held)  # a signal that came meanwhile is handled here, inside the guard
        held = None
        os.chmod(temporary, _default_mode())
        yield Path(temporary)
        os.replace(temporary, path)
    finally:
        _release_signals(held)
        # Leave no temporary file behind, whatever interrupted us.
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> Path:
    # No fsync: os.replace already guarantees old-or-new, and an fsync per
    # report made grading a class several times slower.
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
    return Path(path)


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data, *, compact: bool = False) -> Path:
    indent = None if compact else 2
    text = json.dumps(data, indent=indent, ensure_ascii=False, default=str) + "\n"
    try:
        return write_bytes(path, text.encode("utf-8"))
    except UnicodeEncodeError:
        # A file name that is not UTF-8 (kept as surrogates) is written escaped: it reads back the same.
        return write_text(path, json.dumps(data, indent=indent, ensure_ascii=True, default=str) + "\n")


def copy_file(source: Path, path: Path) -> Path:
    with atomic_path(path) as temporary:
        shutil.copyfile(source, temporary)
    return Path(path)
