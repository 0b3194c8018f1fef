"""`analyser facts PAPER`: the ML facts of an article, each with its quote and page."""

from __future__ import annotations

import json

import click

from analyser.commands._output import echo_json, echo_text

from analyser.commands._options import pdf_engine_option


@click.command()
@click.argument("paper")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: readable in a terminal; json: the facts contract (keys fixed).",
)
@pdf_engine_option
@click.option("--offline", is_flag=True, help="Use only the local cache to resolve PAPER (no network).")
def facts(paper: str, output_format: str, pdf_engine: str, offline: bool) -> None:
    """Show the ML facts of PAPER: learning type, task, models, data, optimisation,
    validation, metrics, and the questions a critical reader should ask. Every
    item comes with the quote, page and section it was read from.

    PAPER is a file (PDF, Word, Markdown, LaTeX, HTML, text) or anything
    `analyser fetch` accepts (arXiv id, DOI, URL). Examples:

        analyser facts article.pdf

        analyser facts arXiv:2301.01234 --format json

        analyser facts 10.1039/d5dd00294j --offline
    """
    from analyser.facts import extract
    from analyser.facts.paper import load_paper
    from analyser.facts.render import to_text

    document = load_paper(paper, offline=offline, pdf_engine=pdf_engine)
    found = extract(document)
    if output_format == "json":
        echo_json(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        echo_text(to_text(found, source=paper), nl=False)
