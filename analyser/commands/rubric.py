"""`analyser rubric`: show a rubric, or validate a rubric file an instructor wrote."""

from __future__ import annotations

import click


@click.group("rubric")
def rubric() -> None:
    """Show or validate rubric files (TOML; see the README's "Checking" section)."""


@rubric.command("show")
@click.argument("name_or_path", required=False)
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True, help="Language of the guiding questions and feedback.")
def show(name_or_path, lang):
    """Print a rubric: criteria, weights, levels, feedback, questions, check settings.

    NAME_OR_PATH is a bundled rubric's name or a .toml file (default: ml-paper-analysis).
    """
    from analyser.rubric import load_rubric
    from analyser.rubric.show import describe

    click.echo(describe(load_rubric(name_or_path), lang))


@rubric.command("validate")
@click.argument("path", type=click.Path(dir_okay=False))
def validate(path):
    """Check a rubric file; print every problem with its line number.

    Exit status 0 when the file is valid, 1 when it has problems.
    """
    from analyser.rubric import problems_in

    problems = problems_in(path)
    if not problems:
        click.echo(f"{path}: valid rubric")
        return
    for problem in problems:
        click.echo(problem, err=True)
    raise SystemExit(1)
