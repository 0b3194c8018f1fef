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
from pathlib import Path

from analyser import atomic
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


def write_metadata(path: Path, paper: Paper) -> None:
    atomic.write_json(path, paper.to_dict())


class Cache:
    def __init__(self, root: Path | None = None):
        self.root = root or cache_root()

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

    def store(self, key: str, paper: Paper) -> None:
        write_metadata(self.folder(key) / METADATA, paper)

    def attach(self, key: str, pdf: Path) -> Path:
        target = self.pdf_path(key)
        atomic.copy_file(pdf, target)
        return target
