"""`analyser fetch` and `analyser search`: thin layers over analyser.sources."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from analyser.commands._output import echo_json, echo_line

_SOURCES = ("arxiv", "chemrxiv", "biorxiv")


def _authors(authors: list[str]) -> str:
    if not authors:
        return "(no authors listed)"
    shown = ", ".join(authors[:3])
    return shown + (f" (+{len(authors) - 3} more)" if len(authors) > 3 else "")


@click.command()
@click.argument("identifier")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder in which DIR/<id>/paper.pdf and metadata.json are written.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path),
              help="A PDF you saved by hand (when the site refuses scripts): attach it to the article.")
@click.option("--refresh", is_flag=True, help="Fetch again even if the article is in the cache.")
@click.option("--offline", is_flag=True, help="Use only the cache; never touch the network.")
def fetch(identifier: str, out: Path, pdf: Path | None, refresh: bool, offline: bool) -> None:
    """Fetch an article and its PDF by arXiv id, DOI, URL or local PDF.

    \b
    Examples:
      analyser fetch 2301.01234              (arXiv, latest version)
      analyser fetch arXiv:2301.01234v2      (that version)
      analyser fetch hep-th/9901001          (old-style arXiv id)
      analyser fetch https://arxiv.org/abs/2301.01234
      analyser fetch 10.26434/chemrxiv-2023-vmbt3     (ChemRxiv)
      analyser fetch https://www.biorxiv.org/content/10.1101/2021.11.22.469359v2
      analyser fetch https://doi.org/10.1039/d5dd00294j  (any DOI, via Crossref)
      analyser fetch 10.26434/chemrxiv-2023-vmbt3 --pdf ~/Downloads/paper.pdf

    With --pdf no network is needed: when the source cannot be reached (or
    with --offline) the title and authors are read from the PDF, and
    `--refresh` completes them later, online, keeping the PDF.
    """
    from analyser.sources import fetch_into

    saved = fetch_into(identifier, out, pdf=pdf, offline=offline, refresh=refresh)
    paper = saved.fetched.paper
    origin = " (from the cache)" if saved.fetched.from_cache else ""
    # Titles, authors and links come from the sources (or the PDF itself): untrusted.
    echo_line(f"fetched {paper.identifier} from {paper.source}{origin}")
    echo_line(f"  title:     {paper.title}")
    echo_line(f"  authors:   {_authors(paper.authors)}")
    echo_line(f"  published: {paper.published or 'unknown'}")
    if paper.doi:
        echo_line(f"  doi:       {paper.doi}")
    if paper.source == "local" and paper.doi:
        echo_line(f"  (read from the PDF; `analyser fetch {paper.doi}` gets the full metadata)")
    if paper.from_pdf:
        echo_line(f"  (title and authors read from the PDF, offline; `analyser fetch {paper.identifier} --refresh` "
                  "completes them when online)")
    if paper.landing_url:
        echo_line(f"  page:      {paper.landing_url}")
    echo_line(f"  metadata:  {saved.metadata_path}")
    echo_line(f"  pdf:       {saved.pdf_path or 'none'}")
    if saved.fetched.pdf_error is not None:
        # Metadata is written; the missing PDF still makes the command fail (exit 2).
        raise saved.fetched.pdf_error


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--source", type=click.Choice(_SOURCES), default=None,
              help="Where to search (ChemRxiv and bioRxiv through Crossref's index).  "
                   "[default: arxiv; with --offline: every source]")
@click.option("--max", "max_results", type=click.IntRange(1, 100), default=10, show_default=True,
              help="How many candidates to list.")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text",
              show_default=True)
@click.option("--offline", is_flag=True,
              help="Search only the articles already fetched (the cache), by title, abstract and author words.")
def search(query: tuple[str, ...], source: str | None, max_results: int, output_format: str,
           offline: bool) -> None:
    """Search arXiv, ChemRxiv or bioRxiv for articles matching QUERY.

    \b
    Examples:
      analyser search graph neural network molecular property
      analyser search "machine learning" catalysis --source chemrxiv --max 5
      analyser search protein language model --source biorxiv --format json
      analyser search polymer graph --offline      (among the articles you fetched)
    """
    from analyser.sources import search as run_search

    text = " ".join(query)
    papers = run_search(text, source=source, max_results=max_results, offline=offline)
    if output_format == "json":
        echo_json(json.dumps([paper.to_dict() for paper in papers], indent=2, ensure_ascii=False))
        return
    if not papers:
        where = "among the cached articles" if offline else f"on {source or 'arxiv'}"
        click.echo(f"no results for {text!r} {where}")
        return
    for number, paper in enumerate(papers, 1):
        first = paper.authors[0] + (" et al." if len(paper.authors) > 1 else "") if paper.authors else "?"
        echo_line(f"{number}. {paper.title}")
        echo_line(f"   {paper.identifier} | {paper.published or 'no date'} | {first}")
        if paper.abstract:
            echo_line("   " + textwrap.shorten(paper.abstract, width=100, placeholder=" ..."))
