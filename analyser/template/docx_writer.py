"""The analysis template as a Word file, built with python-docx from the same content.

Guidance paragraphs are small and grey so the student sees what to delete;
their words are the same as in the other formats (render.section_guidance),
so the checker strips them from a .docx as from any other format. Their end
mark (and the placeholders') is a run of its own, tiny and very light: in the
text of the file and of its PDF export, hardly visible on the page.
"""

from __future__ import annotations

from pathlib import Path

from analyser.template.content import TemplateContent
from analyser.template_markers import END_MARK
from analyser.template.render import (
    Guidance,
    document_title,
    heading,
    paragraphs,
    preamble_guidance,
    section_guidance,
)

_GUIDE_GREY = (0x55, 0x55, 0x55)
_PLACEHOLDER_GREY = (0x88, 0x88, 0x88)
END_MARK_GREY = (0xD8, 0xD8, 0xD8)
END_MARK_SIZE = 5  # points


def write_docx(content: TemplateContent, path: Path, answers: dict[str, str] | None = None) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    answers = answers or {}
    document = Document()
    section = document.sections[0]
    # A4 with the margins of the other formats, so the page count matches theirs.
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)

    properties = document.core_properties
    properties.title = document_title(content)
    properties.language = content.lang
    properties.comments = f"analyser template, rubric {content.rubric_id}"

    document.add_heading(document_title(content), level=0)
    labels = content.labels
    for label, value in (
        (labels["name"], content.title.student_name),
        (labels["article"], content.title.link),
        (labels["date"], content.title.date),
    ):
        document.add_paragraph(f"{label}{labels['colon']}{value}")
    for line in preamble_guidance(content, "docx"):
        _guidance(document, line)

    for part in content.sections:
        document.add_heading(heading(part), level=1)
        for line in section_guidance(part, content):
            _guidance(document, line)
        answer = answers.get(part.criterion_id)
        if answer:
            for paragraph in paragraphs(answer):
                document.add_paragraph(paragraph)
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(part.placeholder + " ")
            _colour(run, _PLACEHOLDER_GREY)
            run.italic = True
            _end_mark(paragraph)
    document.save(str(path))


def _guidance(document, line: Guidance) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(1)
    # The prefix in bold, a lab command in monospace; the words are line.text's.
    rest = line.text[len(line.prefix):]
    if line.code:
        head, tail = rest.split(line.code, 1)
        pieces = [(line.prefix, "bold"), (head, ""), (line.code, "code"), (tail + " ", "")]
    else:
        pieces = [(line.prefix, "bold"), (rest + " ", "")]
    for text, style in pieces:
        run = paragraph.add_run(text)
        run.font.size = Pt(9)
        _colour(run, _GUIDE_GREY)
        run.bold = style == "bold"
        if style == "code":
            run.font.name = "Consolas"
    _end_mark(paragraph)


def _end_mark(paragraph) -> None:
    from docx.shared import Pt

    run = paragraph.add_run(END_MARK)
    run.font.size = Pt(END_MARK_SIZE)
    _colour(run, END_MARK_GREY)


def _colour(run, rgb: tuple[int, int, int]) -> None:
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(*rgb)
