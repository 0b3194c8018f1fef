"""`analyser template`: from a paper (a file or anything `analyser fetch` accepts) to a template file."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from analyser.template.content import TemplateContent
from analyser.template.errors import OutputFormatError, PaperPathError
from analyser.template.render import FORMATS, check_output

DEFAULT_STEM = "analysis-template"


@dataclass
class TemplateResult:
    path: Path
    format: str
    content: TemplateContent
    notes: list[str] = field(default_factory=list)  # e.g. why the facts boxes are empty


def default_output(fmt: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{DEFAULT_STEM}.{fmt}"


# The extensions --out may have, and the format each one names.
SUFFIX_FORMATS = {"md": "md", "markdown": "md", "tex": "tex", "docx": "docx", "html": "html", "htm": "html"}


def format_for(out: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one `out`'s extension names, else Markdown.

    `out`'s extension must not name another format than `fmt`; without `fmt`
    it must name one (a file without any extension gets Markdown).
    """
    if fmt and fmt not in FORMATS:
        raise OutputFormatError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    suffix = Path(out).suffix.lstrip(".").lower() if out is not None else ""
    named = SUFFIX_FORMATS.get(suffix)
    if fmt:
        if named is not None and named != fmt:
            raise OutputFormatError(
                f"--format {fmt} does not match {out} (a .{suffix} file is {named}); "
                f"change --format or --out's extension"
            )
        return fmt
    if named is not None:
        return named
    if suffix:
        extensions = ", ".join(f".{name}" for name in SUFFIX_FORMATS)
        raise OutputFormatError(
            f"cannot write a .{suffix} template; give --out one of {extensions} "
            f"(formats {', '.join(FORMATS)}) or add --format",
            path=str(out),
        )
    return "md"


def check_paper(paper: str | Path) -> Path | None:
    """The file `paper` names, or None for an identifier to resolve; raises PaperPathError
    for a folder or a document that is not there. Quick: nothing is read."""
    from analyser.documents.errors import MissingFileError
    from analyser.sources import local_article

    try:
        path = local_article(paper)
    except MissingFileError as error:
        raise PaperPathError(str(error).removeprefix(f"{error.path}: "), path=error.path) from None
    if path is not None:
        return path
    # An identifier: check its form now (no network), so that a typo is told before
    # an existing output is; resolve() fetches it later.
    from analyser.sources.identifiers import parse_identifier

    parse_identifier(str(paper))
    return None


def make_template(
    paper: str | Path,
    *,
    fmt: str | None = None,
    out: Path | None = None,
    name: str | None = None,
    lang: str = "en",
    rubric: str | Path | None = None,
    force: bool = False,
    offline: bool = False,
    date: _dt.date | str | None = None,
) -> TemplateResult:
    """Write the analysis template of `paper` and say where.

    `paper` is a document on disk, or an arXiv id, DOI or URL that
    `analyser.sources.resolve` fetches (its PDF then gives the facts). The
    output is refused when it exists, unless `force`.
    """
    from analyser.rubric import load_rubric
    from analyser.template.build import build_content
    from analyser.template.render import write_template

    fmt = format_for(out, fmt)
    out = Path(out) if out is not None else default_output(fmt)
    # What is wrong with PAPER's name first, then the output, both before the slow
    # part (fetching, reading the PDF).
    check_paper(paper)
    check_output(out, force=force)
    loaded_rubric = load_rubric(str(rubric) if rubric is not None else None)

    from analyser.sources import locate_article

    located = locate_article(paper, offline=offline)
    notes: list[str] = []
    link = title = abstract = None
    if located.paper is not None:
        meta = located.paper
        title, abstract = meta.title, meta.abstract
        link = f"https://doi.org/{meta.doi}" if meta.doi else (meta.landing_url or meta.identifier)
        if located.path is None:
            why = f": {located.pdf_error}" if located.pdf_error else ""
            notes.append(f"no PDF of {meta.identifier}{why}; the 'from the article' boxes hold only its abstract")

    document = facts = None
    if located.path is not None:
        from analyser.documents import load

        document = load(located.path)
        facts = extract_facts(document)

    content = build_content(
        document, facts, loaded_rubric, name=name, lang=lang, link=link, title=title, date=date, abstract=abstract
    )
    if content.title.link.startswith("["):
        notes.append("no DOI or URL found in the article: write its link in the title block")
    path = write_template(content, fmt, out, force=force)
    return TemplateResult(path=path, format=fmt, content=content, notes=notes)


def extract_facts(document):
    from analyser.facts import extract

    return extract(document)
