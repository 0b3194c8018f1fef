"""`analyser check`: score an analysis against the rubric and explain every point."""

from __future__ import annotations

from pathlib import Path

import click

from analyser.errors import AnalyserError


@click.command("check")
@click.argument("submission", type=click.Path(path_type=Path))
@click.option("--paper", help="The analysed article: a PDF, or an arXiv id / DOI / URL (default: the link in the submission).")
@click.option("--papers", type=click.Path(path_type=Path),
              help="A folder of article PDFs: the one stating the DOI or arXiv id the submission links to "
                   "(or whose title it quotes) is the article; no network needed.")
@click.option("--rubric", "rubric_name", help="Rubric name (bundled) or path to a .toml file (default: ml-paper-analysis).")
@click.option("--submitted-at", help="When it was handed in (ISO date-time), for the deadline check.")
@click.option("--due", help="Due date (ISO date-time); overrides the rubric's.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of the terminal.")
@click.option("--offline", is_flag=True, help="Use only cached articles; never go on the network.")
def check(submission, paper, papers, rubric_name, submitted_at, due, output_format, out, offline):
    """Score SUBMISSION (PDF, Word, Markdown, LaTeX, text) against the rubric.

    Prints each criterion's score with what would raise it, the formal checks
    (pages, name, article link, deadline, analysis vs summary) and the claims
    the article does not support.

    \b
    Examples:
      analyser check draft.pdf
      analyser check draft.docx --paper arXiv:2301.01234 --format html --out report.html
      analyser check draft.md --submitted-at 2026-12-16T08:00 --due 2026-12-15T23:59 --format json
      analyser check draft.pdf --papers ~/course/articles/
    """
    from analyser.checking import check as run_check
    from analyser.dates import parse_due, parse_moment
    from analyser.rubric import load_rubric

    document = submission
    if papers is not None and paper is None:
        from analyser.checking.inputs import article_in_folder

        document, paper, unmatched = article_in_folder(submission, papers)
        if unmatched:
            click.echo(f"note: no PDF in {papers} states {unmatched} or has its title quoted; "
                       "looking for the article elsewhere (the cache, then the network unless --offline)", err=True)
    report = run_check(
        document,
        paper=paper,
        rubric=load_rubric(rubric_name),
        submitted_at=parse_moment(submitted_at, "--submitted-at") if submitted_at else None,
        due=parse_due(due) if due else None,
        offline=offline,
    )
    if output_format == "json":
        import json

        text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif output_format == "html":
        from analyser.checking.render import to_html

        text = to_html(report)
    else:
        from analyser.checking.render import to_text

        text = to_text(report)
    if out is None:
        from analyser.commands._output import echo_json, echo_text

        (echo_json if output_format == "json" else echo_text)(text.rstrip("\n"))
        return
    if out.resolve() == submission.resolve():
        raise AnalyserError("--out is the submission itself; choose another file", path=str(out))
    from analyser import atomic

    try:
        atomic.write_text(out, text)
    except OSError as error:
        raise AnalyserError(f"cannot write the report: {error.strerror}", path=str(out)) from None
    click.echo(f"report written to {out} ({report.total:g}/{report.scale:g})")
