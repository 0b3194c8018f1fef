"""Which document is the student's own analysis, and which is the article they analysed.

Students attach the article with their analysis ("analysis.docx" and
"paper.pdf"), or hand in the article alone by mistake. Grading the article
gives it a score (6.67/20 for a journal paper) that is nobody's work. Two
ways to tell, used together:

- Before the article is known (intake, or offline): a PDF that looks like a
  published article. Signs: many pages (an analysis has at most 3), journal
  front matter on page 1 (received/accepted dates, "Cite this", licence,
  corresponding author...), a long reference list, and its own DOI being the
  very link another attachment gives as "the article". Two signs make it
  article-like; such a document is graded only when nothing else was sent.
- Once the article is read (grading): the share of the document's 8-word
  runs found in the article. An analysis quotes a sentence or two; the article
  itself, or a copy of it, shares almost all of them (`copied_share`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

ARTICLE_PAGES = 8
MIN_SIGNS = 2
SHINGLE_WORDS = 8
IS_ARTICLE_SHARE = 0.8  # this much of a document found in the article: it is the article
COPIED_SHARE = 0.5  # this much: graded, but a person must look
MIN_REFERENCES = 15
_RAW_TEXT_BYTES = 5 * 1024 * 1024

# What journals print on an article's first page and students do not write in an analysis.
_FRONT_MATTER = {
    "received date": re.compile(r"\breceived\b[^\n]{0,40}\b(?:19|20)\d\d\b|\breceived:", re.IGNORECASE),
    "accepted date": re.compile(r"\baccepted\b[^\n]{0,40}\b(?:19|20)\d\d\b|\baccepted:", re.IGNORECASE),
    "published date": re.compile(r"\bpublished(?: online)?:?[^\n]{0,40}\b(?:19|20)\d\d\b", re.IGNORECASE),
    "'cite this'": re.compile(r"\bcite this\b", re.IGNORECASE),
    "licence": re.compile(r"\bcreative commons\b|\blicen[cs]ed under\b|\bopen access article\b|\bARTICLE\s+\W?\s*OPEN\b"),
    "copyright": re.compile(r"©|\bcopyright\b", re.IGNORECASE),
    "corresponding author": re.compile(r"\bcorresponding authors?\b|✉|\*\s*e-?mail:", re.IGNORECASE),
}
_REFERENCE_ENTRY = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.)\s+\S", re.MULTILINE)
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    path: Path
    article_signs: str | None = None
    """Why it looks like the published article ("12 pages; journal front matter"), or None."""


def article_signs(*, pages: int | None, first_page: str, references: str = "", doi: str | None = None,
                  linked_elsewhere: str = "") -> str | None:
    """Why a document looks like a published article, or None when fewer than MIN_SIGNS signs are found.

    `pages` when known (a PDF's real pages), the text of page 1, the reference
    list, the document's own DOI and the text of the other documents sent with
    it (where "the article" is linked).
    """
    signs = []
    if pages is not None and pages >= ARTICLE_PAGES:
        signs.append(f"{pages} pages")
    front = [name for name, pattern in _FRONT_MATTER.items() if pattern.search(first_page)]
    if len(front) >= 2:
        signs.append(f"journal front matter ({', '.join(front[:3])})")
    entries = len(_REFERENCE_ENTRY.findall(references))
    if entries >= MIN_REFERENCES:
        signs.append(f"{entries} references")
    if doi and doi.lower() in linked_elsewhere.lower():
        signs.append(f"its DOI ({doi}) is the article the other document links to")
    return "; ".join(signs) if len(signs) >= MIN_SIGNS else None


def order_documents(paths: list[Path]) -> list[Candidate]:
    """`paths` (in order of format preference) with article-like PDFs moved last, when there is a choice."""
    candidates = [Candidate(path) for path in paths]
    if len(candidates) < 2:
        return candidates
    texts = {candidate.path: _raw_text(candidate.path) for candidate in candidates}
    for candidate in candidates:
        if candidate.path.suffix.lower() != ".pdf":
            continue
        others = "\n".join(text for path, text in texts.items() if path != candidate.path)
        candidate.article_signs = _pdf_signs(candidate.path, others)
    # sorted() is stable: the format preference holds within each group.
    return sorted(candidates, key=lambda candidate: candidate.article_signs is not None)


def _pdf_signs(path: Path, others: str) -> str | None:
    """Article signs of a PDF from its page count, first page and last page (PDFium, nothing else read)."""
    try:
        import pypdfium2 as pdfium

        from analyser.documents.bounds import check_pdf_streams
        from analyser.sources.local import info_from

        data = path.read_bytes()
        check_pdf_streams(data, str(path))  # never hand PDFium a decompression bomb
        pdf = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - unreadable: grading will say why; it is no article either way
        return None
    try:
        pages = len(pdf)
        first = _page_text(pdf, 0) if pages else ""
        last = _page_text(pdf, pages - 1) if pages > 1 else ""
        doi = info_from(pdf.get_metadata_dict(), first).doi
    except Exception:  # noqa: BLE001
        return None
    finally:
        pdf.close()
    return article_signs(pages=pages, first_page=first, references=last, doi=doi, linked_elsewhere=others)


def _page_text(pdf, index: int) -> str:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            # A page holds a few thousand characters; a hostile one is not read in full.
            return textpage.get_text_range() if textpage.count_chars() < 200_000 else ""
        finally:
            textpage.close()
    finally:
        page.close()


def _raw_text(path: Path) -> str:
    """Enough of a document's text to find a DOI in it, cheaply: no full parse, bounded."""
    try:
        if path.suffix.lower() == ".docx":
            with zipfile.ZipFile(path) as archive:
                parts = []
                for name in ("word/document.xml", "word/_rels/document.xml.rels"):
                    info = archive.getinfo(name) if name in archive.namelist() else None
                    if info is not None and info.file_size <= _RAW_TEXT_BYTES:
                        parts.append(archive.read(info).decode("utf-8", "replace"))
                return "\n".join(parts)
        if path.suffix.lower() == ".pdf":
            return ""  # an article links to many others: its own links say nothing here
        with path.open("rb") as handle:
            return handle.read(_RAW_TEXT_BYTES).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return ""


def shingles(text: str) -> set[int]:
    """Hashes of every run of SHINGLE_WORDS words (lower case): what two texts share verbatim."""
    words = _WORD.findall(text.lower())
    return {hash(tuple(words[i:i + SHINGLE_WORDS])) for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}


def copied_share(text: str, article: set[int]) -> float:
    """The share of `text`'s word runs found in the article (`shingles(article text)`); 0 for a short text."""
    own = shingles(text)
    if len(own) < 20 or not article:
        return 0.0
    return len(own & article) / len(own)
