"""The typed result of reading a document: pages, sections, sentences, metadata.

This is the contract every later stage (facts, checking, grading) reads.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

WORDS_PER_PAGE = 500  # the course's estimate for documents without real pages


@dataclass
class Page:
    number: int  # 1-based
    text: str  # cleaned body text of the page (references left out)


@dataclass
class Section:
    heading: str  # as written, e.g. "2 Methods" or "Abstract"
    kind: str | None  # canonical: abstract, introduction, methods, results,
    # discussion, conclusion, references, other (None when unrecognised)
    text: str
    page: int  # page where the heading (or the section) starts


@dataclass
class Sentence:
    text: str
    page: int
    section: str | None  # heading of the section holding it


@dataclass
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass
class Document:
    path: str
    kind: str  # pdf, docx, md, txt, tex, html: the detected type
    pages: list[Page]
    pages_estimated: bool  # True unless the pages are a PDF's real pages
    sections: list[Section]
    sentences: list[Sentence]
    references: str  # the references section, kept apart from the body
    word_count: int
    metadata: Metadata
    engine: str | None = None  # PDF engine that produced the text

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        """The cleaned body text, references left out."""
        return "\n\n".join(page.text for page in self.pages if page.text)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["page_count"] = self.page_count
        return data
