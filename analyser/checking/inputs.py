"""Getting the submission, the article and its facts, each failure said plainly.

The submission must be readable (its errors go to the user). The article is
optional: when it cannot be had, the check goes on and a note says what was
skipped, so a student offline still gets a score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analyser.errors import AnalyserError

@dataclass
class Article:
    """The analysed article as the checker uses it."""

    document: object | None = None  # analyser.documents.Document
    identifier: str | None = None
    facts: object | None = None  # analyser.facts.PaperFacts
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text if self.document is not None else ""


def load_submission(submission):
    """A Document from a path (any format `analyser extract` reads) or a Document."""
    if not isinstance(submission, (str, Path)):
        return submission
    from analyser.documents import load

    return load(Path(submission))


@lru_cache(maxsize=8)
def _load_cached(path: str, _mtime: int):
    # The batch grader checks a whole class against a few articles: read each once.
    from analyser.documents import load

    return load(Path(path))


def _load_article_file(path: Path):
    return _load_cached(str(path.resolve()), path.stat().st_mtime_ns)


_WRAPPED_URL = re.compile(r"(https?://\S+/|doi:\s*\S+/|\b10\.\d{4,9}/)\s+(?=[\w.\-]+)")


def unwrap_links(text: str) -> str:
    """Join a link a PDF line break cut after a slash ("https://doi.org/10.1038/ s4432...")."""
    return _WRAPPED_URL.sub(r"\1", text)


def identifier_of(link: str | None) -> str | None:
    """The canonical identifier a link names (no network), or None."""
    if not link:
        return None
    try:
        from analyser.sources import parse_identifier

        identifier = parse_identifier(link)
    except (ImportError, AnalyserError):
        return None
    return None if identifier.kind == "local" else identifier.canonical


def get_article(paper, link: str | None, *, offline: bool) -> Article:
    """The article from --paper (file, identifier or Document), else from the link."""
    if paper is not None and not isinstance(paper, (str, Path)):
        return Article(document=paper, identifier=identifier_of(link))
    if paper is not None and Path(str(paper)).is_file():
        try:
            # A local copy of the article: its identifier is the one the analysis links to.
            return Article(document=_load_article_file(Path(str(paper))), identifier=identifier_of(link) or f"local:{paper}")
        except AnalyserError as error:
            return Article(notes=[f"article could not be read ({error}): consistency not checked"])
    wanted = str(paper) if paper is not None else link
    if not wanted:
        return Article(notes=["no article link found and no --paper given: consistency not checked"])
    try:
        from analyser.sources import resolve

        fetched = resolve(wanted, offline=offline)
    except AnalyserError as error:
        return Article(notes=[f"article could not be had ({error}): consistency not checked"])
    identifier = fetched.paper.identifier
    if fetched.pdf_path is None:
        return Article(identifier=identifier, notes=[f"no PDF could be had for {identifier}: consistency not checked"])
    try:
        document = _load_article_file(Path(fetched.pdf_path))
    except AnalyserError as error:
        return Article(identifier=identifier, notes=[f"article PDF could not be read ({error}): consistency not checked"])
    return Article(document=document, identifier=identifier)


_FACTS: dict[int, object] = {}  # id(article document) -> its facts; documents are cached above


def article_facts(article: Article, facts=None):
    """The article's ML facts: given, else extracted (once per article), else None with a note."""
    if facts is not None or article.document is None:
        return facts
    key = id(article.document)
    if key in _FACTS:
        return _FACTS[key]
    from analyser.facts import extract

    try:
        found = extract(article.document)
    except AnalyserError as error:
        article.notes.append(f"ML facts could not be extracted ({error}): claims checked against the article text only")
        return None
    if len(_FACTS) > 16:
        _FACTS.clear()
    _FACTS[key] = found
    return found
