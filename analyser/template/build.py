"""From an article (its document and facts) and a rubric to the content of a template.

Each rubric criterion gets its title, guiding questions and word budget, the
facts that bear on it with the sentence and page they were read from
(boxes.py), the critical questions that concern it and, where one
illustrates a question, an `analyser lab` command (suggestions.py).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from analyser.template.boxes import MAX_FACTS_PER_SECTION, clean, facts_for
from analyser.template.budget import available_words, word_budgets
from analyser.template.content import SectionContent, TemplateContent, TitleBlock
from analyser.template.errors import TemplateError
from analyser.template.i18n import LANGUAGES, Texts, texts
from analyser.template.suggestions import lab_for, route_questions

if TYPE_CHECKING:
    from analyser.documents import Document
    from analyser.facts.model import PaperFacts
    from analyser.rubric import Criterion, Rubric


def build_content(
    paper_document: Document | None,
    facts: PaperFacts | None,
    rubric: Rubric,
    *,
    name: str | None = None,
    lang: str = "en",
    link: str | None = None,
    title: str | None = None,
    date: _dt.date | str | None = None,
    abstract: str | None = None,
) -> TemplateContent:
    """The template of one article for one student, in `lang` ("en" or "fr").

    `link` and `title` come from the source the article was fetched from when
    there is one; otherwise they are read from the document (its title, the
    first DOI of its first pages), and a placeholder stands in when neither
    knows them. `abstract` (from the source's metadata) gives the context
    box its sentences when there is no document to read them from.
    """
    if lang not in LANGUAGES:
        raise TemplateError(f"unknown template language {lang!r} (choose from {', '.join(LANGUAGES)})")
    words = texts(lang)
    labels = words.labels
    title_block = TitleBlock(
        article_title=clean(title) or _document_title(paper_document) or labels["untitled"],
        student_name=clean(name) or labels["name_placeholder"],
        link=clean(link) or _document_link(paper_document) or labels["link_placeholder"],
        date=_iso_date(date),
    )
    criteria = list(rubric.criteria)
    page_limit = int(rubric.checks.page_limit)
    words_per_page = int(rubric.checks.words_per_page)
    budgets = word_budgets(
        [float(c.weight) for c in criteria], available_words(page_limit, words_per_page, len(criteria))
    )
    routed = route_questions(facts, words)
    sections = [
        SectionContent(
            criterion_id=criterion.id,
            number=number,
            heading=_heading(criterion, words),
            guiding_questions=_guiding_questions(criterion, lang),
            word_budget=budget,
            facts=facts_for(criterion.id, facts, paper_document, abstract, words)[:MAX_FACTS_PER_SECTION],
            critical_questions=routed.get(criterion.id, []),
            lab=lab_for(criterion.id, facts, words),
            placeholder=labels["placeholder"].format(words=budget),
        )
        for number, (criterion, budget) in enumerate(zip(criteria, budgets), start=1)
    ]
    return TemplateContent(
        lang=lang,
        title=title_block,
        sections=sections,
        reminder=labels["reminder_text"],
        labels=dict(labels),
        rubric_id=rubric.id,
        page_limit=page_limit,
        words_per_page=words_per_page,
    )


def _iso_date(date: _dt.date | str | None) -> str:
    if date is None:
        return _dt.date.today().isoformat()
    return date if isinstance(date, str) else date.isoformat()


def _document_title(document: Document | None) -> str:
    if document is None or document.metadata is None:
        return ""
    return clean(document.metadata.title)


def _document_link(document: Document | None) -> str:
    """The article's own identifier as a link (`analyser.sources.own_identifier`, also fetch's and check's)."""
    if document is None:
        return ""
    from analyser.sources.own_identifier import as_link, own_identifier

    return as_link(own_identifier(document)) or ""


def _heading(criterion: Criterion, words: Texts) -> str:
    # The checker maps headings back to criteria by the rubric's titles, in
    # the template's language when the rubric has them in it.
    return criterion.title_in(words.lang)


def _guiding_questions(criterion: Criterion, lang: str) -> list[str]:
    questions = criterion.questions or {}
    return list(questions.get(lang) or questions.get("en") or [])


