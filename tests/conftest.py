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
        pytest.skip(f"the course's shared data is not at {SHARED}: set ANALYSER_SHARED_DIR")
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


# What each skip needs, by the words of its reason: said once at the end of the run, so
# that a missing dependency is never silent.
NEEDS = (("shared data", ("shared", "paper not there", "ground-truth")), ("Chromium", ("chromium",)),
         ("pdflatex", ("pdflatex",)))


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    counts: dict[str, int] = {}
    for report in skipped:
        reason = str(report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr).casefold()
        for need, words in NEEDS:
            if any(word in reason for word in words):
                counts[need] = counts.get(need, 0) + 1
                break
    for need, count in counts.items():
        terminalreporter.write_line(f"{count} test(s) skipped for want of {need} (see README, 'What the tests need')")
