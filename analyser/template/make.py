"""`analyser template`: from a paper (a file or anything `analyser fetch` accepts) to a template file."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from analyser.template.content import TemplateContent
from analyser.template.errors import OutputExistsError, TemplateError
from analyser.template.render import FORMATS

DEFAULT_STEM = "analysis-template"


@dataclass
class TemplateResult:
    path: Path
    format: str
    content: TemplateContent
    notes: list[str] = field(default_factory=list)  # e.g. why the facts boxes are empty


def default_output(fmt: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{DEFAULT_STEM}.{fmt}"


def format_for(out: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one `out`'s extension names, else Markdown."""
    if fmt:
        if fmt not in FORMATS:
            raise TemplateError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    if out is not None and out.suffix.lstrip(".").lower() in FORMATS:
        return out.suffix.lstrip(".").lower()
    return "md"


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
    # Refuse before the slow part (fetching, reading the PDF).
    if out.exists() and not force:
        raise OutputExistsError("already exists; choose another --out or add --force", path=str(out))
    if not out.parent.is_dir():
        raise TemplateError("the folder to write into does not exist", path=str(out))
    loaded_rubric = load_rubric(str(rubric) if rubric is not None else None)

    notes: list[str] = []
    link = title = abstract = None
    document_path: Path | None = None
    if Path(paper).is_file():
        document_path = Path(paper)
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
