"""Write a `TemplateContent` as Markdown, LaTeX, HTML (jinja2) or Word (python-docx).

The jinja2 templates are templates/analysis/analysis.{md,tex,html}.j2 (HTML
autoescaped; LaTeX through the `tex` filter of latex.py); the Word file is
built by docx_writer.py.

Every guidance paragraph is composed here once (`section_guidance`,
`preamble_guidance`) and only laid out by the templates, so the four formats
carry the same words and the same markers (analyser/template_markers.py)
that let the checker strip them. The end mark is each format's to set: in
HTML, Word and LaTeX (which a PDF export wraps) it ends every guidance
paragraph and placeholder, tiny and light so that students hardly see it
while the text layer keeps it; a Markdown guidance paragraph is one line of
a block quote, which its prefix alone identifies, so it carries none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analyser.atomic import atomic_path
from analyser.template.content import FactItem, SectionContent, TemplateContent
from analyser.template.errors import OutputExistsError, OutputWriteError, TemplateError
from analyser.template.latex import tex_escape, tex_url
from analyser.template_markers import END_MARK

FORMATS = ("md", "tex", "docx", "html")


@dataclass(frozen=True)
class Guidance:
    """One guidance paragraph: a marker prefix, then its words.

    A lab line also has its command in `code` (set in monospace) and the
    rest in `note`; `text` is the paragraph as plain text, which is what
    every format must show (followed by the end mark where the format has one).
    """

    prefix: str
    body: str
    code: str = ""
    note: str = ""

    @property
    def text(self) -> str:
        return f"{self.prefix} {self.body}".strip()


def _quoted(text: str, labels: dict[str, str]) -> str:
    return f"{labels['quote_open']}{text}{labels['quote_close']}"


def fact_guidance(fact: FactItem, labels: dict[str, str]) -> Guidance:
    where = labels["from_article"] + (f", {labels['page']} {fact.page}" if fact.page else "")
    what = fact.label + (f"{labels['colon']}{fact.value}" if fact.value else "")
    body = f"— {what}" + (f" — {_quoted(fact.quote, labels)}" if fact.quote else "")
    return Guidance(prefix=where, body=body)


def section_guidance(section: SectionContent, content: TemplateContent) -> list[Guidance]:
    """The guidance paragraphs of one section, in the order every format shows them."""
    labels = content.labels
    lines = [
        Guidance(
            labels["word_budget"],
            labels["word_budget_text"].format(words=section.word_budget, pages=content.page_limit),
        )
    ]
    lines += [Guidance(labels["guiding_question"], q) for q in section.guiding_questions]
    lines += [fact_guidance(fact, labels) for fact in section.facts]
    for question in section.critical_questions:
        source = ""
        if question.quote:
            page = f"{labels['page']} {question.page}{labels['colon']}" if question.page else ""
            source = f" ({page}{_quoted(question.quote, labels)})"
        lines.append(Guidance(labels["question_to_ask"], question.text + source))
    lines += [
        Guidance(labels["lab_experiment"], f"{lab.command} — {lab.why}", code=lab.command, note=lab.why) for lab in section.lab
    ]
    return lines


def preamble_guidance(content: TemplateContent, fmt: str) -> list[Guidance]:
    labels = content.labels
    return [
        Guidance(labels["reminder"], content.reminder),
        Guidance(labels["reminder"], labels[f"{fmt}_note"]),
    ]


def heading(section: SectionContent) -> str:
    return f"{section.number}. {section.heading}"


def document_title(content: TemplateContent) -> str:
    return f"{content.labels['document_title']} {_quoted(content.title.article_title, content.labels)}"


def paragraphs(text: str) -> list[str]:
    """A student's answer as paragraphs (blank lines separate them)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


# --- Markdown ----------------------------------------------------------------

_MD_SPECIALS = re.compile(r"([\\`*_\[\]<>])")


def md_escape(text: object) -> str:
    """Article text that Markdown will not turn into emphasis, links or HTML."""
    return _MD_SPECIALS.sub(r"\\\1", str(text))


# --- end marks ------------------------------------------------------------------

# HTML: the end mark in a span styled small and light (analysis.html.j2, class "end-mark").
HTML_END_MARK = f'<span class="end-mark" aria-hidden="true">{END_MARK}</span>'
# LaTeX: \guideend (defined in analysis.tex.j2) sets its argument tiny and light grey.
TEX_END_MARK = rf"\guideend{{{END_MARK}}}"


def md_comment(text: object) -> str:
    """One line of an HTML comment: no "<" or ">" that could end it or be taken for a tag."""
    return " ".join(str(text).split()).replace("<", "&lt;").replace(">", "&gt;")


# --- rendering -----------------------------------------------------------------


def _environment(fmt: str):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    from analyser.resources import templates_dir

    env = Environment(
        loader=FileSystemLoader(str(templates_dir() / "analysis")),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if fmt == "tex":
        # LaTeX's own braces and percent signs would clash with jinja's defaults.
        env = env.overlay(
            block_start_string="<%", block_end_string="%>",
            variable_start_string="<<", variable_end_string=">>",
            comment_start_string="<#", comment_end_string="#>",
        )
    env.filters.update(tex=tex_escape, tex_url=tex_url, md=md_escape, md_comment=md_comment)
    env.globals.update(
        section_guidance=section_guidance,
        preamble_guidance=preamble_guidance,
        heading=heading,
        document_title=document_title,
        paragraphs=paragraphs,
        end_mark={"html": Markup(HTML_END_MARK), "tex": TEX_END_MARK}.get(fmt, ""),
    )
    return env


def render_text(content: TemplateContent, fmt: str, answers: dict[str, str] | None = None) -> str:
    """The template as Markdown, LaTeX or HTML text.

    `answers` (criterion id -> text) stands in for the placeholders: what a
    student's filled template looks like (used for the examples and the page-fit test).
    """
    if fmt not in ("md", "tex", "html"):
        raise TemplateError(f"no text rendering for format {fmt!r} (choose from md, tex, html)")
    template = _environment(fmt).get_template(f"analysis.{fmt}.j2")
    return template.render(content=content, answers=answers or {}, labels=content.labels, fmt=fmt)


def write_template(
    content: TemplateContent,
    fmt: str,
    out: Path,
    *,
    force: bool = False,
    answers: dict[str, str] | None = None,
) -> Path:
    """Write the template to `out` atomically; refuse to replace a file unless `force`."""
    if fmt not in FORMATS:
        raise TemplateError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    out = Path(out)
    check_output(out, force=force)
    text = None if fmt == "docx" else render_text(content, fmt, answers)
    try:
        with atomic_path(out) as temporary:
            if text is None:
                from analyser.template.docx_writer import write_docx

                write_docx(content, temporary, answers=answers)
            else:
                temporary.write_text(text, encoding="utf-8")
    except OSError as error:
        # A folder that cannot be written (read-only, /proc, a full disk...): atomic_path
        # fails on its temporary file; name the file the user asked for, not that one.
        raise OutputWriteError(f"cannot write the template ({error.strerror or error})", path=str(out)) from error
    return out


def check_output(out: Path, *, force: bool = False) -> None:
    """Refuse an `out` that exists (unless `force`) or whose folder is not there."""
    try:
        exists, folder = out.exists(), out.parent.is_dir()
    except OSError as error:  # e.g. a folder we may not look into
        raise OutputWriteError(f"cannot write the template ({error.strerror or error})", path=str(out)) from error
    if exists and not force:
        raise OutputExistsError("already exists; choose another --out or add --force", path=str(out))
    if not folder:
        raise TemplateError("the folder to write into does not exist", path=str(out))
