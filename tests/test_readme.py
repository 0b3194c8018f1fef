"""The README keeps its promises: every command documented, the test command is CI's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyser.cli import COMMANDS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_in_the_readme(name):
    assert re.search(rf"analyser {name}\b", README), f"`analyser {name}` is not documented in README.md"


def test_the_readme_test_command_is_what_ci_runs():
    ci = (REPO / ".ci" / "run").read_text()
    test_command = re.search(r"python -m pytest[^\n`]*", ci).group(0)
    assert test_command in README


def test_the_readme_main_job_is_the_demo():
    assert "pip install . && analyser demo" in README


def test_environment_variables_are_documented():
    # Every ANALYSER_* setting the code reads is explained to users.
    names = set()
    for path in (REPO / "analyser").rglob("*.py"):
        names.update(re.findall(r"\"(ANALYSER_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    missing = sorted(name for name in names if name not in README)
    assert not missing, f"undocumented settings: {missing}"
