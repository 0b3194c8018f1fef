"""Atomic writes: an output is either the old file or the new one, never half of each.

A run can be interrupted (Ctrl-C, a full disk, a crash in one worker); a user
must never find a truncated report, gradebook, template or cached PDF. Every
file is written next to its destination and moved into place with
`os.replace`, which is atomic on one file system.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


# The letters of mkstemp's names (grading/runlock.py recognises ".report.html.k3j_x9a2.tmp").
_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_ATTEMPTS = 100


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto it when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = None
    try:
        for _ in range(_ATTEMPTS):
            # Named before it exists, unlike mkstemp's: a Ctrl-C or a kill just after
            # the file is made still finds it below.
            temporary = path.parent / f".{path.name}.{''.join(secrets.choice(_NAME_LETTERS) for _ in range(8))}.tmp"
            try:
                # The mode any new file would get (0o666 less the umask).
                os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                break
            except FileExistsError:
                temporary = None
        else:
            raise FileExistsError(f"no free temporary name beside {path}")
        yield temporary
        os.replace(temporary, path)
    finally:
        # Leave no temporary file behind, whatever interrupted us.
        if temporary is not None:
            temporary.unlink(missing_ok=True)


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
