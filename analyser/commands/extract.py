"""`analyser extract FILE`: the clean, page-aware text of a document."""

from __future__ import annotations

import json

import click

from analyser.commands._options import pdf_engine_option


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sections"]),
    default="text",
    show_default=True,
    help="text: cleaned body text without references; json: the whole Document; "
    "sections: each heading with its kind, page and text.",
)
@pdf_engine_option
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse files larger than this (default 50 MB, or $ANALYSER_MAX_BYTES).",
)
def extract(file: str, output_format: str, pdf_engine: str, max_bytes: int | None) -> None:
    """Extract clean, page-aware text from FILE (PDF, Word, Markdown, LaTeX, HTML or text).

    The type is read from the content, not the extension. Examples:

        analyser extract article.pdf

        analyser extract report.docx --format sections

        analyser extract article.pdf --format json --pdf-engine pypdf
    """
    from analyser.documents import load
    from analyser.documents.render import sections_text

    document = load(file, pdf_engine=pdf_engine, max_bytes=max_bytes)
    from analyser.commands._output import echo_json, echo_text

    if output_format == "json":
        echo_json(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
    elif output_format == "sections":
        echo_text(sections_text(document))
    else:
        echo_text(document.text)
