"""Printing what came from outside (students' names and files, articles' text and titles) on a terminal.

Terminal escapes (ESC [ 2 J clears the screen, OSC sets the window title),
C1 controls and bidi overrides in a name or a file name must be shown, not
obeyed: every command prints untrusted text through these three functions
(`analyser.safe_text.for_terminal` has the rules).
"""

from __future__ import annotations

import click

from analyser.safe_text import for_terminal, json_for_terminal


def echo_line(text: str, *, err: bool = False) -> None:
    """One line built from untrusted parts: line breaks in them are shown as "\\x0a", never obeyed."""
    click.echo(for_terminal(text), err=err)


def echo_text(text: str, *, err: bool = False, nl: bool = True) -> None:
    """A text of several lines (a report, a document): its line breaks and tabs are kept."""
    click.echo(for_terminal(text, multiline=True), err=err, nl=nl)


def echo_json(text: str) -> None:
    """JSON text: the characters that act on a terminal become \\uXXXX escapes (the same JSON)."""
    click.echo(json_for_terminal(text))
