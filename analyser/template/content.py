"""What an analysis template says, independent of the format it is written in.

`build_content` fills a `TemplateContent`; the Markdown, LaTeX and HTML
renderers (jinja2) and the Word writer (python-docx) all read this one object,
so the four formats cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FactItem:
    """One fact the article states, with the sentence to go back to."""

    label: str  # what kind of fact, in the template's language, e.g. "Learning type"
    value: str  # e.g. "supervised"
    quote: str  # the article's sentence ("" when the fact has no evidence)
    page: int | None  # 1-based page of the quote


@dataclass(frozen=True)
class CriticalQuestion:
    """A question worth asking of this article (from `facts.questions`)."""

    text: str
    quote: str = ""
    page: int | None = None


@dataclass(frozen=True)
class LabExperiment:
    """An `analyser lab` command that illustrates a question of the section."""

    command: str  # e.g. "analyser lab run learning-curve"
    why: str  # one sentence: what running it shows


@dataclass(frozen=True)
class TitleBlock:
    article_title: str
    student_name: str  # the name, or a placeholder the markers recognise
    link: str  # DOI / URL of the article, or a placeholder
    date: str  # ISO date the template was written


@dataclass(frozen=True)
class SectionContent:
    """One rubric criterion: the heading the checker recognises, and the help around it."""

    criterion_id: str
    number: int  # 1-based, in the rubric's order
    heading: str  # the criterion's title (the checker maps headings back to criteria)
    guiding_questions: list[str]
    word_budget: int
    facts: list[FactItem] = field(default_factory=list)
    critical_questions: list[CriticalQuestion] = field(default_factory=list)
    lab: list[LabExperiment] = field(default_factory=list)
    placeholder: str = ""  # where the student writes, e.g. "[Write your analysis here ...]"


@dataclass(frozen=True)
class TemplateContent:
    """Everything a rendered template shows, already in its language."""

    lang: str  # "en" | "fr"
    title: TitleBlock
    sections: list[SectionContent]
    reminder: str  # "an analysis is not a summary ..."
    labels: dict[str, str]  # the fixed words of the layout, in `lang` (see i18n/*.toml)
    rubric_id: str
    page_limit: int
    words_per_page: int

    @property
    def total_budget(self) -> int:
        return sum(section.word_budget for section in self.sections)

    def section(self, criterion_id: str) -> SectionContent:
        for section in self.sections:
            if section.criterion_id == criterion_id:
                return section
        raise KeyError(criterion_id)
