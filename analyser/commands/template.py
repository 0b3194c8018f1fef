"""`analyser template`: write a 3-page analysis template pre-filled from an article."""

from __future__ import annotations

from pathlib import Path

import click

FORMATS = ("md", "tex", "docx", "html")


@click.command("template")
@click.argument("paper")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from --out's extension: .md/.markdown, .tex, .docx, "
                   ".html/.htm; md without --out). Must match that extension.")
@click.option("--name", default=None, help="Your name, for the title block (default: a placeholder).")
@click.option("--lang", type=click.Choice(("en", "fr")), default="en", show_default=True,
              help="Language of the headings, questions and guidance.")
@click.option("--rubric", "rubric", default=None, metavar="NAME|PATH",
              help="Rubric to follow (default: ml-paper-analysis).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: analysis-template.<format> here).")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@click.option("--offline", is_flag=True, help="Use only the cache to resolve PAPER.")
def template(paper, fmt, name, lang, rubric, out, force, offline):
    """Write an analysis template for PAPER that follows the rubric.

    PAPER is a file (PDF, Word...) or anything `analyser fetch` accepts (arXiv
    id, DOI, URL). One section per rubric criterion, with its guiding
    questions, a word budget (all together fit the page limit), the facts of
    the article with their quotes and pages, the questions to ask and the
    `analyser lab` experiments that illustrate them.

    \b
    Examples:
      analyser template paper.pdf --name "Marie Curie"
      analyser template arXiv:1605.08386 --format docx --lang fr
      analyser template 10.1038/npjcompumats.2016.28 --format html --out mine.html
    """
    from analyser.template.make import make_template

    result = make_template(paper, fmt=fmt, out=out, name=name, lang=lang, rubric=rubric,
                           force=force, offline=offline)
    content = result.content
    click.echo(f"wrote {result.path} ({result.format}, {len(content.sections)} sections, "
               f"{content.total_budget} words in all for {content.page_limit} pages)")
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
