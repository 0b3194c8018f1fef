"""Where the bundled templates and rubrics are, from a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries them inside the package (see pyproject's force-include);
    # a checkout or an editable install has them at the top of the repository.
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def templates_dir() -> Path:
    return _bundled("templates")


def rubrics_dir() -> Path:
    return _bundled("rubrics")
