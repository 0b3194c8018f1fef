"""`analyser demo`: the whole pipeline offline on bundled data."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--out", "out_dir", default="analyser-demo", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for everything the demo writes.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Submissions graded in parallel (processes).")
def demo(out_dir, jobs):
    """Run the whole pipeline offline on a bundled article and a small class.

    Writes the analysis template of the article, grades six e-mailed
    submissions (a good one, one in French sent twice, a summary, a late one,
    one without a name), and writes the class overview, the reports, the
    gradebook and the e-mails (not sent) under --out.
    """
    from analyser.grading.demo import run_demo

    result = run_demo(out_dir, jobs=jobs)
    grades = result.grades
    click.echo(f"Demo written to {result.out_dir}/ ({result.students} students, no network used):")
    click.echo(f"  article:         {result.article} (CC BY 4.0, see ATTRIBUTION.md)")
    if result.template:
        click.echo(f"  template:        {result.template}")
    click.echo(f"  class mailbox:   {result.mailbox}")
    click.echo(f"  class overview:  {grades / 'index.html'}   <- open this in a browser")
    click.echo(f"  reports:         {grades}/<student>/report.html")
    click.echo(f"  gradebook:       {grades / 'gradebook.csv'}")
    click.echo(f"  e-mails (unsent): {result.outbox}/")
    if result.held:
        click.echo(f"  held for review: {len(result.held)} report(s) with uncertain scores or flags "
                   f"({', '.join(result.held)}); decide with `analyser review {grades}`")
    for note in result.notes:
        click.echo(f"  note: {note}")
