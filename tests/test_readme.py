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


def test_the_readme_stays_short_and_its_guides_exist():
    assert len(README.splitlines()) <= 250, "README.md is for users: keep it short, details go in docs/"
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)", README):
        assert (REPO / target).is_file(), f"README links to a missing guide: {target}"


def _commands():
    import click

    from analyser.cli import cli

    context = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                yield f"{name} {sub.name}", sub
        else:
            yield name, command


def test_every_option_is_documented():
    # A user finds every option of every command in the README or a guide.
    text = README + "".join(path.read_text(encoding="utf-8") for path in (REPO / "docs").glob("*.md"))
    missing = []
    for name, command in _commands():
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("--") and option not in ("--help",) and option not in text:
                    missing.append(f"analyser {name} {option}")
    assert not missing, f"undocumented options: {missing}"
