"""`analyser grade`: the whole class in, reports, class overview and gradebook out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from analyser.commands._output import echo_line


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the reports, index.html, gradebook.csv and similarity.csv.")
@click.option("--rubric", default=None, help="Rubric name or TOML path (default: ml-paper-analysis).")
@click.option("--due", default=None, help="Due date, ISO (2026-03-01 or 2026-03-01T23:59+01:00); local time without a zone.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Submissions graded in parallel (processes).")
@click.option("--offline", is_flag=True, help="Use only cached articles; never the network.")
@click.option("--paper", default=None, help="The article of the whole class (PDF or identifier) instead of each submission's link.")
@click.option("--papers", "papers", default=None, type=click.Path(path_type=Path),
              help="A folder of article PDFs: each submission gets the one stating the DOI or arXiv id it links "
                   "to (or whose title it quotes); no network needed.")
@click.option("--prune", is_flag=True,
              help="Keep only the students of these INPUTS: remove from --out those graded by earlier runs only.")
@click.option("--similarity", "threshold", default=0.8, show_default=True, type=click.FloatRange(0, 1),
              help="TF-IDF cosine above which two submissions are flagged as similar.")
@click.option("--force", is_flag=True,
              help="Write into an --out folder that holds other files than a previous grading.")
def grade(inputs, out_dir, rubric, due, jobs, offline, paper, papers, prune, threshold, force):
    """Grade a whole class.

    INPUTS are folders of submissions, single documents (pdf, docx, md, tex,
    txt, html), mbox files, Maildirs or .eml files. From e-mail, the sender is
    the student and the Date header the submission time; of several
    submissions from one student, the latest before the due date that holds
    an analysis is graded (a later note or question does not replace it). A
    message or file that cannot be graded is its student's row, held for
    review with the reason; a message with neither a sender nor anything to
    grade is listed, not made a student; no submission at all is an error.
    One run at a time per --out folder.

    One --out folder holds one class: each run adds its students to those of
    earlier runs (late submissions next week), a newer submission replacing an
    older one by the same rule; --prune keeps only this run's students. The
    instructor's decisions (`analyser review`, OUT/reviews.json) are kept and
    applied on every run.

    Re-running skips submissions whose content and rubric did not change.
    Inputs are never modified.
    """
    from analyser.grading import grade_class
    from analyser.dates import parse_due

    stderr = sys.stderr
    shown = False

    def progress(done: int, total: int) -> None:
        # A bar only on a terminal: in a log or a pipe it would be noise.
        nonlocal shown
        width = 30
        filled = width * done // total if total else width
        stderr.write(f"\rgrading [{'#' * filled}{'-' * (width - filled)}] {done}/{total}")
        stderr.flush()
        shown = True

    try:
        result = grade_class(list(inputs), out_dir, rubric=rubric, due=parse_due(due) if due else None,
                             jobs=jobs, offline=offline, paper=paper, similarity_threshold=threshold,
                             progress=progress if stderr.isatty() else None, force=force, papers=papers,
                             prune=prune)
    finally:
        if shown:
            stderr.write("\r\033[K")  # erase the bar: the summary below says it all
            stderr.flush()

    summary = f"{len(result.students)} student(s): {result.graded} graded, {result.skipped} unchanged since the last run"
    if result.without_article:
        summary += f", graded without the article: {result.without_article} (manual review)"
    if result.failed:
        summary += f", {result.failed} could not be graded (manual review)"
    if result.held:
        summary += f", {result.held} graded but held for manual review"
    click.echo(summary + ".")
    counts = result.status_counts
    line = (f"The class in {result.out_dir}: {counts.get('new', 0)} new, {counts.get('updated', 0)} updated, "
            f"{counts.get('unchanged', 0)} unchanged, {counts.get('earlier', 0)} from earlier runs")
    if result.pruned:
        line += f"; {len(result.pruned)} removed (--prune)"
    click.echo(line + ".")
    if result.pairs:
        click.echo(f"{len(result.pairs)} pair(s) of similar submissions: see similarity.csv.")
    # Names, subjects, links and file names in these lines are the students': shown, never obeyed by the terminal.
    if result.unmatched_links:
        where = result.papers or "the --papers folder"
        click.echo(f"{len(result.unmatched_links)} article link(s) match no PDF in {where}:")
        for link, count in result.unmatched_links.items():
            echo_line(f"  - {link} ({count} submission(s))")
        click.echo(f"  Put each article's PDF in {where} (any file name: it is matched by the DOI or arXiv id it "
                   "prints, or its title), or run `analyser fetch LINK` once while online; then grade again.")
    if result.problems or result.reviewed:
        done = f" ({result.reviewed} more resolved in `analyser review`)" if result.reviewed else ""
        click.echo(f"{len(result.problems)} submission(s) need manual review{done}" + (":" if result.problems else "."))
        for line in result.problems:
            echo_line(f"  - {line}")
    if result.rejected:
        click.echo(f"{len(result.rejected)} message(s) with no sender and nothing to grade (not students):")
        for line in result.rejected:
            echo_line(f"  - {line}")
    click.echo(f"Class overview: {result.out_dir / 'index.html'}")
    click.echo(f"Gradebook:      {result.out_dir / 'gradebook.csv'}")
    click.echo(f"Review:         analyser review {result.out_dir}")
