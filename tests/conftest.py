"""Shared fixtures: where the course's shared data lives (skip cleanly without it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ANALYSER_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    # No test may read or write the user's real cache.
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not there")
    return SHARED


@pytest.fixture(scope="session")
def papers_dir(shared_dir) -> Path:
    path = shared_dir / "papers"
    if not any(path.glob("*.pdf")):
        pytest.skip("no papers in ../shared/papers")
    return path


@pytest.fixture(scope="session")
def eval_dev_dir(shared_dir) -> Path:
    path = shared_dir / "eval-dev"
    if not path.is_dir():
        pytest.skip("no ../shared/eval-dev")
    return path


@pytest.fixture(scope="session")
def rules_rubric():
    """The default rubric scored by its rules and the spec's holds alone (no calibration):
    what a rubric an instructor writes without labelled analyses does."""
    from dataclasses import replace

    from analyser.rubric import load_rubric

    rubric = load_rubric()
    return replace(rubric, scoring=replace(rubric.scoring, calibration=""))
