"""The command group itself: version, help, lazy start-up, errors at the edge."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from analyser import __version__
from analyser.cli import COMMANDS, cli
from analyser.errors import AnalyserError

HEAVY = ("numpy", "sklearn", "pypdf", "pypdfium2", "matplotlib", "docx", "requests", "arxiv", "flask", "werkzeug")


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0, result.output
    assert __version__ in result.output


def test_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_start_up_imports_no_heavy_module(argv):
    # A fresh interpreter, so that modules other tests imported don't count.
    code = (
        "import sys\n"
        "from analyser.cli import cli\n"
        f"try:\n    cli({argv!r})\nexcept SystemExit:\n    pass\n"
        f"print('heavy:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "heavy:"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_registered_command_loads(name):
    # Each entry points at a real click command, and its --help works.
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output


def test_user_errors_become_one_line_and_status_2():
    @click.command()
    def boom():
        raise AnalyserError("cannot read this", path="essay.pdf")

    cli.add_command(boom, "boom-test")
    try:
        result = CliRunner().invoke(cli, ["boom-test"])
    finally:
        cli.commands.pop("boom-test")
    assert result.exit_code == 2
    assert result.output.strip() == "error: essay.pdf: cannot read this"
    assert "Traceback" not in result.output


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyser", *args], capture_output=True, text=True)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["extract", "--format", "xml", "x.pdf"], "'xml' is not one of"),
        (["no-such-command"], "No such command 'no-such-command'"),
        (["extract"], "Missing argument 'FILE'"),
    ],
)
def test_usage_errors_are_one_line_with_a_pointer_to_help(args, expected):
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ") and expected in result.stderr
    assert "--help" in result.stderr


def test_a_folder_given_as_a_file_is_named_in_one_line(tmp_path):
    result = run_cli("extract", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(tmp_path) in result.stderr
