"""The identifier an article states for itself (its DOI or arXiv id), read from the article.

One reader for every part that asks "which article is this file?": `fetch`
of a local PDF, the checker (is the article given the one the analysis links
to?), the template's link, and `grade --papers` (which PDF of the folder is a
submission's article?). They used to read it three ways and disagreed: a
bioRxiv PDF prints its DOI only in the running footer, which the document
reader drops as page furniture, so the template said "no DOI" for a PDF whose
DOI `fetch` read.

The first page is read as the PDF's text layer gives it, running heads and
footers included. What it states, most trustworthy first:

1. arXiv's margin stamp ("arXiv:2301.01234v2 [cs.LG] 3 Jan 2023");
2. DOIs labelled as such ("doi: 10...", "DOI 10...", "https://doi.org/10...");
3. any other article link on the page (a bare DOI, an article URL).

A journal PDF rarely cites another work on its first page, and when it does
the citation is neither labelled nor stamped, so the order above picks the
article's own. No network, nothing cached.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from analyser.sources.errors import IdentifierError
from analyser.sources.identifiers import find_article_link, parse_identifier
from analyser.sources.model import Identifier

logger = logging.getLogger(__name__)

_STAMP = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)\s*\[",
                    re.IGNORECASE)
_LABELLED_DOI = re.compile(r"(?i)(?:\bdoi\s*[:：]?\s*(?:https?://(?:dx\.)?doi\.org/)?|https?://(?:dx\.)?doi\.org/)"
                           r"(10\.\d{4,9}/[^\s\"<>;,]+)")
# Links a line break cut after a slash: "https://doi.org/10.1038/\ns42004-...", "DOI:\n10.1039/...".
_CUT_AFTER_SLASH = re.compile(r"(?<=/)[ \t]*\r?\n[ \t]*")
_CUT_AFTER_LABEL = re.compile(r"(?i)(\bdoi\s*[:：]?)[ \t]*\r?\n[ \t]*(?=10\.)")


def identifiers_in(first_page: str) -> list[Identifier]:
    """Every identifier `first_page` states for its article, the most trustworthy first, each once."""
    text = _CUT_AFTER_LABEL.sub(r"\1 ", _CUT_AFTER_SLASH.sub("", first_page or ""))
    found: list[Identifier] = []
    for match in _STAMP.finditer(text):
        _add(found, "arXiv:" + match.group(1))
    for match in _LABELLED_DOI.finditer(text):
        _add(found, match.group(1))
    link = find_article_link(text)
    if link:
        _add(found, link)
    return found


def _add(found: list[Identifier], text: str) -> None:
    try:
        ident = parse_identifier(text)
    except IdentifierError:
        return
    if ident.kind != "local" and not any(same_article(ident, other) for other in found):
        found.append(ident)


def same_article(a: Identifier, b: Identifier) -> bool | None:
    """True when `a` and `b` name the same work, False when they differ, None when they cannot be
    compared (a DOI and an arXiv id may name one work). Versions are ignored: a student who links
    v1 analyses the article of the v2 PDF."""
    if (a.kind == "arxiv") != (b.kind == "arxiv"):
        return None
    return a.value.casefold() == b.value.casefold()


def first_page_text(pdf: Path) -> str:
    """The first page of a PDF as its text layer has it, running heads and footers kept; "" if unreadable."""
    pdf = Path(pdf)
    try:
        stat = pdf.stat()
    except OSError:
        return ""
    return _first_page(str(pdf.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _first_page(path: str, _mtime: int, _size: int) -> str:
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
    except Exception as error:  # noqa: BLE001 - pdfium raises its own types for broken or encrypted files
        logger.info("cannot read %s: %s", path, error)
        return ""
    try:
        if len(pdf) == 0:
            return ""
        page = pdf[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        page.close()
        return text.replace("\x00", "").replace("\ufffe", "-")
    except Exception as error:  # noqa: BLE001
        logger.info("cannot read the first page of %s: %s", path, error)
        return ""
    finally:
        pdf.close()


def own_identifiers(article) -> list[Identifier]:
    """What the article states for itself; `article` is a PDF path or a Document (analyser.documents).

    A Document read from a PDF is read again at its first page through the
    PDF's text layer, for the running heads and footers its cleaned text lost.
    """
    texts: list[str] = []
    path = Path(article) if isinstance(article, (str, Path)) else Path(getattr(article, "path", "") or "")
    if path.suffix.lower() == ".pdf" and path.is_file():
        texts.append(first_page_text(path))
    pages = getattr(article, "pages", None)
    if pages:
        texts.append(pages[0].text)
    return identifiers_in("\n".join(texts))


def own_identifier(article) -> Identifier | None:
    """The identifier the article states for itself (see `own_identifiers`), or None."""
    found = own_identifiers(article)
    return found[0] if found else None


def as_doi(ident: Identifier | None) -> str | None:
    """The DOI of an identifier: arXiv ids give their 10.48550/arXiv DOI (DataCite's)."""
    if ident is None or ident.kind == "local":
        return None
    if ident.kind == "arxiv":
        return f"10.48550/arXiv.{ident.value}"
    return ident.value + (f"v{ident.version}" if ident.version else "")


def as_link(ident: Identifier | None) -> str | None:
    """A web address for the identifier: arXiv's abstract page, else doi.org."""
    if ident is None or ident.kind == "local":
        return None
    if ident.kind == "arxiv":
        return f"https://arxiv.org/abs/{ident.value}" + (f"v{ident.version}" if ident.version else "")
    return f"https://doi.org/{as_doi(ident)}"
