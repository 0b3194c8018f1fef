"""The analysis template: a 3-page skeleton that follows the rubric, pre-filled from the article.

    >>> from analyser.template import make_template
    >>> make_template("paper.pdf", fmt="docx", name="Marie Curie")   # doctest: +SKIP

`build_content` (build.py) turns a document, its facts and a rubric into a
`TemplateContent` (content.py); `render_text` / `write_template` (render.py)
write it as Markdown, LaTeX or HTML (jinja2, templates/analysis/) and the
Word writer (docx_writer.py) as .docx. Guidance is marked so the checker
ignores it (analyser/template_markers.py).
"""

from __future__ import annotations

from analyser.template.content import (
    CriticalQuestion,
    FactItem,
    LabExperiment,
    SectionContent,
    TemplateContent,
    TitleBlock,
)
from analyser.template.build import build_content
from analyser.template.errors import OutputExistsError, TemplateError
from analyser.template.make import TemplateResult, make_template


__all__ = [
    "CriticalQuestion",
    "FactItem",
    "LabExperiment",
    "OutputExistsError",
    "SectionContent",
    "TemplateContent",
    "TemplateError",
    "TemplateResult",
    "TitleBlock",
    "build_content",
    "make_template",
]
