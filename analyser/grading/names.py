"""Safe names for files and folders built from what students send.

Attachment names and sender names are untrusted: `../../etc/passwd`, absolute
paths, control characters, Windows device names or 300-character names must
all become one harmless name inside the output folder.
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME = 80


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def safe_filename(name: str | None, default: str = "attachment") -> str:
    """One path component: no separators, no leading dots, bounded length."""
    # Keep only the last component whichever separator the sender's system used.
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("_", _ascii(base)).strip("._-")
    if not base:
        base = default
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    if stem.lower() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    ext = ext[:10]
    stem = stem[: MAX_NAME - len(ext) - 1] or default
    return f"{stem}.{ext}" if ext else stem


def slugify(text: str | None, default: str = "student") -> str:
    """A lower-case folder name from a student's name or address."""
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(text or "").lower()).strip("-")
    return slug[:60].strip("-") or default


# Folders of the output directory that a student slug must never take.
_RESERVED_SLUGS = {"inbox", "outbox", "assets"}


def assign_slugs(keys: list[str], labels: dict[str, str | None], previous: dict[str, str] | None = None) -> dict[str, str]:
    """One distinct slug per key (stable: sorted keys, numbered clashes), keeping the
    slug each key had in earlier runs of the class.

    A newcomer whose name another student already has gets the next free
    number; nobody's report folder changes name because someone joined.
    """
    previous = previous or {}
    result = {key: previous[key] for key in keys if key in previous}
    taken = set(result.values())
    for key in sorted(k for k in keys if k not in result):
        base = slugify(labels.get(key) or key)
        slug, n = base, 2
        while slug in taken or slug in _RESERVED_SLUGS:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        result[key] = slug
    return result
