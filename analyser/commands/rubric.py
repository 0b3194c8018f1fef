"""`analyser rubric`: show a rubric, or validate a rubric file an instructor wrote."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_PENALTY = 10.0  # analyser.checking.calibrate.DEFAULT_PENALTY, kept here so that --help imports nothing heavy


@click.group("rubric")
def rubric() -> None:
    """Show, validate or calibrate rubric files (TOML; see docs/rubric-format.md)."""


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


@rubric.command("calibrate")
@click.argument("labels", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--papers", "papers", multiple=True, required=True, type=click.Path(file_okay=False),
              help="A folder of the articles' PDFs, named <slug>.pdf after the labels' `paper` (repeatable).")
@click.option("--rubric", "rubric_name", default=None, help="The rubric to calibrate (default: ml-paper-analysis).")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="The calibration file to write (default: the rubric's own, or <rubric>.calibration.json beside it).")
@click.option("--penalty", type=float, default=DEFAULT_PENALTY, show_default=True, help="L2 penalty on the weights.")
@click.option("--leave-papers-out", "measure", is_flag=True, help="Also print the agreement on articles left out of the fit.")
def calibrate(labels, papers, rubric_name, out, penalty, measure):
    """Fit how evidence becomes a level on analyses graders labelled.

    LABELS are folders of <id>.labels.json files (the eval-dev format: scores,
    checks, paper), each beside its analysis or with the analyses in a sibling
    analyses/ folder. Writes a readable JSON file; the rubric uses it when its
    [scoring] table names it (calibration = "FILE").
    """
    from analyser.checking.calibrate import run_calibration

    import sys

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\rchecking {done}/{total}", nl=done == total, err=True)

    result = run_calibration([Path(p) for p in labels], [Path(p) for p in papers], rubric_name, Path(out) if out else None,
                             penalty=penalty, measure=measure, progress=progress)
    click.echo(f"fitted on {result.analyses} labelled analyses of {result.articles} articles; wrote {result.path}")
    if result.agreement:
        click.echo("leave-papers-out agreement (QWK): " + ", ".join(f"{cid} {kappa:.2f}" for cid, kappa in result.agreement.items())
                   + f"; mean {sum(result.agreement.values()) / len(result.agreement):.2f}")
    if not result.used_by_rubric:
        click.echo(f"the rubric does not use it yet: add `calibration = \"{result.path.name}\"` to its [scoring] table")
