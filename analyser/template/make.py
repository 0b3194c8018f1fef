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
# What a file name ending in one of these is, when it is not there: a missing file
# (as analyser.facts.paper.load_paper rules). A missing .pdf is left to the
# identifier parser, which knows arxiv.org/pdf/... names and says "no such PDF file".
DOCUMENT_SUFFIXES = {".docx", ".md", ".markdown", ".txt", ".tex", ".html", ".htm"}


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
    text = str(paper)
    if "://" in text:
        return None
    path = Path(paper).expanduser()
    try:
        if path.is_dir():
            raise PaperPathError("is a folder, not an article", path=text)
        if path.is_file():
            return path
        if path.exists():
            raise PaperPathError("not a regular file", path=text)
    except OSError as error:
        raise PaperPathError(f"cannot read the file ({error.strerror or error})", path=text) from error
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        raise PaperPathError("no such file", path=text)
    # An identifier: check its form now (no network), so that a typo is told before
    # an existing output is; resolve() fetches it later.
    from analyser.sources.identifiers import parse_identifier

    parse_identifier(text)
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
    paper_file = check_paper(paper)
    check_output(out, force=force)
    loaded_rubric = load_rubric(str(rubric) if rubric is not None else None)

    notes: list[str] = []
    link = title = abstract = None
    document_path: Path | None = None
    if paper_file is not None:
        document_path = paper_file
    else:
        from analyser.sources import resolve

        fetched = resolve(str(paper), offline=offline)
        meta = fetched.paper
        title, abstract = meta.title, meta.abstract
        link = f"https://doi.org/{meta.doi}" if meta.doi else (meta.landing_url or meta.identifier)
        document_path = fetched.pdf_path
        if document_path is None:
            why = f": {fetched.pdf_error}" if fetched.pdf_error else ""
            notes.append(f"no PDF of {meta.identifier}{why}; the 'from the article' boxes hold only its abstract")

    document = facts = None
    if document_path is not None:
        from analyser.documents import load

        document = load(document_path)
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
