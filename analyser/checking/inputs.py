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


class ArticleError(AnalyserError):
    """The article given explicitly (--paper) cannot be read or had."""


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


_TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".rst"}


def source_head(document, chars: int) -> str | None:
    """The first `chars` characters of a plain-text submission as written, line breaks kept.

    The readers join the lines of a paragraph, which runs a title block's
    lines together ("Name: Jean Dupont Article: ..."); the file itself still
    tells where each line ends. None for other formats or when unreadable."""
    path = getattr(document, "path", None)
    if path is None or Path(path).suffix.lower() not in _TEXT_SUFFIXES:
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(chars)
    except OSError:
        return None


def source_tail(document, chars: int) -> str | None:
    """The last `chars` characters of a plain-text submission as written (a
    signature line keeps its own line). None for other formats or when unreadable."""
    path = getattr(document, "path", None)
    if path is None or Path(path).suffix.lower() not in _TEXT_SUFFIXES:
        return None
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - chars * 4))
            return handle.read().decode("utf-8", errors="replace")[-chars:]
    except OSError:
        return None


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
    except AnalyserError:
        return None
    return None if identifier.kind == "local" else identifier.canonical


def article_own_identifier(document) -> str | None:
    """The canonical identifier the article states for itself (`analyser.sources.own_identifier`), or None."""
    if document is None:
        return None
    from analyser.sources.own_identifier import own_identifier

    found = own_identifier(document)
    return found.canonical if found else None


def article_in_folder(submission, folder) -> tuple[object, str | None, str | None]:
    """(the submission's Document, its article's PDF in `folder` or None, the link no PDF matched or None).

    `check --papers DIR`: the same matching as `grade --papers` (analyser.sources.papers_folder)."""
    from analyser.sources.papers_folder import read_papers_folder

    shelf = read_papers_folder(folder)
    document = load_submission(submission)
    text = unwrap_links(document.text + "\n" + (document.references or ""))
    link, found = shelf.match_text(text)
    if found is not None:
        return document, found.path, None
    return document, None, link


def _comparable(identifier: str) -> tuple[str, str]:
    kind, _, value = identifier.partition(":")
    value = value.strip().casefold()
    if kind == "arxiv":
        value = re.sub(r"v\d+$", "", value)
    return kind, value


def other_article(link_identifier: str | None, article: Article, submission_text: str) -> str | None:
    """The article's own identifier when it is not the one the analysis links to, else None.

    Only identifiers of one kind are compared (a DOI and an arXiv id may name the
    same work), and the article is taken as the right one when it names the
    linked identifier itself or when the analysis quotes the article's title."""
    own = article_own_identifier(article.document)
    if not own or not link_identifier:
        return None
    (kind, value), (link_kind, link_value) = _comparable(own), _comparable(link_identifier)
    if kind != link_kind or value == link_value:
        return None
    from analyser.checking.terms import fold

    if link_value in fold(article.text):
        return None
    title = fold(getattr(getattr(article.document, "metadata", None), "title", None) or "")
    title = " ".join(re.findall(r"\w+", title))
    if len(title) >= 20 and title in " ".join(re.findall(r"\w+", fold(submission_text))):
        return None
    return own


def get_article(paper, link: str | None, *, offline: bool) -> Article:
    """The article from --paper (file, identifier or Document), else from the link.

    An article the user named (`paper`) that cannot be had is an error: they
    asked for it. Only the link found inside the submission may fail softly
    (the check then goes on without consistency, with a note)."""
    if paper is not None and not isinstance(paper, (str, Path)):
        return Article(document=paper, identifier=identifier_of(link))
    if paper is not None:
        return _explicit_article(str(paper), link, offline=offline)
    if not link:
        return Article(notes=["no article link found and no --paper given: consistency not checked"])
    from analyser.sources import locate_article

    try:
        return _article_from(locate_article(link, offline=offline), link, link)
    except AnalyserError as error:
        return Article(identifier=identifier_of(link), notes=[f"article could not be had ({error}): consistency not checked"])


def _explicit_article(paper: str, link: str | None, *, offline: bool) -> Article:
    from analyser.documents.errors import MissingFileError
    from analyser.sources import locate_article

    try:
        located = locate_article(paper, offline=offline)
    except MissingFileError as error:
        if Path(paper).is_dir():
            raise ArticleError("--paper is a folder, not an article file", path=paper) from None
        if str(error).endswith(": no such file"):
            raise ArticleError("no such article file (--paper)", path=paper) from None
        raise ArticleError(f"the article (--paper) cannot be read: {error}") from None
    except AnalyserError as error:
        raise ArticleError(f"the article given with --paper could not be had: {error}") from None
    try:
        return _article_from(located, paper, link)
    except AnalyserError as error:
        if located.paper is None:
            raise ArticleError(f"the article (--paper) cannot be read: {error}") from None
        raise ArticleError(f"the article given with --paper could not be had: {error}") from None


def _article_from(located, wanted: str, link: str | None) -> Article:
    """The Article of what `analyser.sources.locate_article` found for `wanted`, its document read."""
    if located.paper is None:
        # A local copy of the article: its identifier is the one the analysis links to.
        return Article(document=_load_article_file(located.path), identifier=identifier_of(link) or f"local:{wanted}")
    identifier = located.paper.identifier
    if located.path is None:
        raise ArticleError(f"no PDF could be had for {identifier}")
    return Article(document=_load_article_file(Path(located.path)), identifier=identifier)


# id(article document) -> (that document, its facts). The entry holds the document
# so that its id cannot be reused by another article while the facts are kept.
_FACTS: dict[int, tuple[object, object]] = {}


def article_facts(article: Article, facts=None):
    """The article's ML facts: given, else extracted (once per article), else None with a note."""
    if facts is not None or article.document is None:
        return facts
    key = id(article.document)
    if key in _FACTS:
        return _FACTS[key][1]
    from analyser.facts import extract

    try:
        found = extract(article.document)
    except AnalyserError as error:
        article.notes.append(f"ML facts could not be extracted ({error}): claims checked against the article text only")
        return None
    if len(_FACTS) > 16:
        _FACTS.clear()
    _FACTS[key] = (article.document, found)
    return found
