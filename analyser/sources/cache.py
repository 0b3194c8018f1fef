"""The per-user cache of fetched articles: <cache>/papers/<slug>/{metadata.json,paper.pdf}.

Keyed by the canonical identifier of what was asked, so `2301.01234` and
`https://arxiv.org/abs/2301.01234` share an entry. Writes are atomic (temporary
file + rename): an interrupted fetch never leaves half a PDF behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analyser import atomic
from analyser.sources.errors import storage_error
from analyser.sources.model import Fetched, Paper

logger = logging.getLogger(__name__)

METADATA = "metadata.json"
PDF = "paper.pdf"


def cache_root() -> Path:
    """ANALYSER_CACHE_DIR, else $XDG_CACHE_HOME/analyser, else ~/.cache/analyser."""
    override = os.environ.get("ANALYSER_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "analyser"


def slug(identifier: str, *, limit: int = 100) -> str:
    """A safe folder name for an identifier: arXiv:2301.01234v2 -> arxiv-2301.01234v2."""
    name = re.sub(r"[^a-z0-9._-]+", "-", identifier.lower()).strip("-.") or "paper"
    if len(name) > limit:
        digest = hashlib.sha1(identifier.encode()).hexdigest()[:10]
        name = f"{name[: limit - 11]}-{digest}"
    return name


def folder_name(paper: Paper) -> str:
    """The folder of an article in `fetch --out`: its slug, without the .pdf of a local file."""
    identifier = paper.identifier
    if paper.source == "local":
        identifier = re.sub(r"(?i)\.pdf$", "", identifier)
    return slug(identifier)


CACHE_HINT = "set ANALYSER_CACHE_DIR to a folder you can write to"
STALE_TEMPORARY_SECONDS = 3600  # far longer than any download may take (ANALYSER_HTTP_FETCH_DEADLINE)


@contextmanager
def storing(folder: Path, what: str, *, shown: Path | None = None, hint: str | None = None) -> Iterator[Path]:
    """Create `folder` and turn any OSError met while writing into it into a StorageError
    naming `shown` (default: the folder), e.g. "out/x: cannot create the output folder
    (Not a directory: a file is in the way)". Only file-system work may run in the block."""
    folder = Path(folder)
    shown = folder if shown is None else shown
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise storage_error(error, f"create the {what}", shown, hint=hint) from None
    try:
        yield folder
    except OSError as error:
        raise storage_error(error, f"write into the {what}", shown, hint=hint) from None


def check_can_create(folder: Path, what: str, *, shown: Path | None = None, hint: str | None = None) -> None:
    """Fail early, before any network, when `folder` obviously cannot be created: the
    nearest existing ancestor is a file, or is not writable. Creates nothing."""
    folder = Path(folder)
    shown = folder if shown is None else shown
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        # What mkdir would say: the folder itself is a file, or a file is on its way.
        error = FileExistsError(17, os.strerror(17)) if existing == folder else NotADirectoryError(20, os.strerror(20))
        raise storage_error(error, f"create the {what}", shown, hint=hint)
    if existing != folder and existing.is_dir() and not os.access(existing, os.W_OK | os.X_OK):
        raise storage_error(PermissionError(13, os.strerror(13)), f"create the {what}", shown, hint=hint)


def write_metadata(path: Path, paper: Paper) -> None:
    atomic.write_json(path, paper.to_dict())


class Cache:
    def __init__(self, root: Path | None = None):
        self.root = root or cache_root()

    def storing(self, key: str):
        """Create the entry's folder; OSErrors become one clear StorageError naming the cache."""
        return storing(self.folder(key), "cache folder", shown=self.root, hint=CACHE_HINT)

    def check_writable(self, key: str) -> None:
        """Raise StorageError now, before any network, if the entry obviously cannot be written."""
        check_can_create(self.folder(key), "cache folder", shown=self.root, hint=CACHE_HINT)

    def entries(self) -> Iterator[Paper]:
        """The metadata of every readable cached article (unreadable entries are skipped)."""
        papers = self.root / "papers"
        if not papers.is_dir():
            return
        for meta in sorted(papers.glob(f"*/{METADATA}")):
            try:
                yield Paper.from_dict(json.loads(meta.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError) as error:
                logger.warning("ignoring unreadable cache entry %s: %s", meta, error)

    def folder(self, key: str) -> Path:
        return self.root / "papers" / slug(key)

    def pdf_path(self, key: str) -> Path:
        return self.folder(key) / PDF

    def load(self, key: str) -> Fetched | None:
        """The cached entry, or None (an unreadable entry counts as a miss and is refetched)."""
        meta = self.folder(key) / METADATA
        if not meta.is_file():
            return None
        try:
            paper = Paper.from_dict(json.loads(meta.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as error:
            logger.warning("ignoring unreadable cache entry %s: %s", meta, error)
            return None
        pdf = self.pdf_path(key)
        return Fetched(paper, pdf if pdf.is_file() else None, from_cache=True)

    def sweep(self, key: str, *, older_than: float = STALE_TEMPORARY_SECONDS) -> None:
        """Remove the temporary files a killed download left in the entry's folder.

        Only old ones: another process may be downloading the same article
        right now, and a download never outlives its deadline (minutes).
        """
        import time

        folder = self.folder(key)
        try:
            leftovers = list(folder.glob(".*.tmp"))
        except OSError:
            return
        for path in leftovers:
            try:
                if time.time() - path.stat().st_mtime > older_than:
                    path.unlink()
            except OSError:
                pass  # gone already, or not ours to remove: the next run tries again

    def store(self, key: str, paper: Paper) -> None:
        with self.storing(key) as folder:
            write_metadata(folder / METADATA, paper)

    def attach(self, key: str, pdf: Path) -> Path:
        target = self.pdf_path(key)
        with self.storing(key):
            atomic.copy_file(pdf, target)
        return target
