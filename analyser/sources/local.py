"""What a local PDF says about itself: title, authors and DOI, without any network.

The PDF's own metadata (Info dictionary: Title, Author) comes first when it is
real; many PDFs leave it empty or hold placeholders ("Title", "Microsoft Word -
draft.docx"), and then the first page's text is read: the title is the first
non-trivial line(s) before the author line, the authors that line, and the DOI
the one `own_identifier` reads (arXiv ids become their 10.48550 DOI).
pypdfium2 is imported only when a local PDF is read.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from analyser.sources.own_identifier import as_doi, identifiers_in

logger = logging.getLogger(__name__)

_FIRST_LINES = 40  # the title block sits at the top of page 1
_MAX_TITLE_LINES = 4
_MAX_TITLE_CHARS = 300
_PLACEHOLDER_TITLES = frozenset({"title", "untitled", "no title", "paper", "article", "manuscript", "document",
                                 "main", "template", "slides", "preprint"})
_FILE_LIKE = re.compile(r"(?i)^(microsoft (word|powerpoint) - )|\.(docx?|tex|dvi|pdf|indd|rtf|odt)$")
# Lines that end the title block: what follows a title on a first page, never part of it.
_STOP = re.compile(
    r"(?i)^(abstract\b|summary\b|cite this|received\b|accepted\b|published\b|doi\b|https?://|www\.|"
    r"open access|article open|keywords?\b|correspondence|e-?mail\b|\S+@\S+|[\d*†‡§¶]+\s+[A-Z]|©|copyright)")
# Running heads and margins printed above a title: "arXiv:2301.01234v2 [cs.LG] 3 Jan 2023",
# "bioRxiv preprint doi: ...", "Journal of ..., 2023, 63, 1234".
_RUNNING_HEAD = re.compile(
    r"(?i)\barxiv:\s*\d|\bpreprint\b|\bjournal of\b|\bproceedings\b|\bvol\.\s*\d|\bpp\.\s*\d|^page \d|"
    r"^(?:doi\b|https?://|www\.)|\bcopyright\b|©")
# Affiliation and footnote marks glued to names: digits, *, daggers, envelopes.
_MARKS = re.compile(r"[\d*†‡§¶✉#]+")
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "le", "la", "dos",
                        "das", "el", "al", "bin", "ter", "zu"})
# Capitalised words of title-case titles that no name is made of.
_NOT_NAMES = frozenset({"A", "An", "The", "Of", "For", "With", "In", "On", "And", "To", "Via", "From", "By",
                        "Using", "Towards", "Toward", "Learning", "Machine", "Neural", "Network", "Networks",
                        "Model", "Models", "Deep", "Data", "Prediction", "Molecular", "Graph"})


@dataclass
class LocalInfo:
    """What could be read from a local PDF; empty fields when nothing trustworthy was found."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    doi: str | None = None


def read_local_info(path: Path) -> LocalInfo:
    """Title, authors and DOI of a local PDF, from its metadata then its first page.

    Never raises for an unreadable or odd PDF: the caller falls back to the file name.
    """
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
    except Exception as error:  # noqa: BLE001 - pdfium raises its own types for broken/encrypted files
        logger.info("cannot read the metadata of %s: %s", path, error)
        return LocalInfo()
    try:
        metadata = pdf.get_metadata_dict()
        text = ""
        if len(pdf) > 0:
            page = pdf[0]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
    except Exception as error:  # noqa: BLE001
        logger.info("cannot read the first page of %s: %s", path, error)
        metadata, text = {}, ""
    finally:
        pdf.close()
    return info_from(metadata, text, stem=path.stem)


def info_from(metadata: dict, first_page: str, *, stem: str = "") -> LocalInfo:
    """The LocalInfo of a PDF's metadata dictionary and first-page text (pure, testable)."""
    lines = _lines(first_page)
    title_meta = _clean(metadata.get("Title") or "")
    title_lines, author_lines = _title_block(lines)
    text_title = _join(title_lines) if title_lines else None
    title = title_meta if _real_title(title_meta, stem) else text_title
    authors = _authors(author_lines)
    if not authors:
        authors = _split_authors(_clean(metadata.get("Author") or ""))
    # The one reader of "the article's own identifier" (also the checker's and the template's).
    return LocalInfo(title=title, authors=authors, doi=as_doi(next(iter(identifiers_in(first_page)), None)))


def _clean(text: str) -> str:
    # pdfium gives U+FFFE for a hyphen it took for a soft one.
    return " ".join(text.replace("\x00", "").replace("\ufffe", "-").split())


def _lines(text: str) -> list[str]:
    lines = []
    for raw in text.splitlines():
        line = _clean(raw)
        if line:
            lines.append(line)
        if len(lines) >= _FIRST_LINES:
            break
    return lines


def _real_title(title: str, stem: str) -> bool:
    if len(title) < 8 or title.lower() in _PLACEHOLDER_TITLES or _FILE_LIKE.search(title):
        return False
    return title.lower() != stem.lower()


def _trivial(line: str) -> bool:
    """Page numbers, running heads and labels such as "Article" or "ARTICLE OPEN"."""
    words = line.split()
    return len(words) < 3 or not re.search(r"[a-z]", line) or bool(re.fullmatch(r"[\d\s.,:/-]+", line))


def _looks_like_authors(line: str) -> bool:
    """A list of at least two personal names: "Ada Lovelace, Alan M. Turing & Grace Hopper"."""
    parts = _name_parts(line)
    return len(parts) >= 2 and all(_is_name(part) for part in parts)


def _name_parts(line: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", _MARKS.sub("", line))
    return [" ".join(part.split()) for part in parts if part.strip()]


def _is_name(part: str) -> bool:
    words = part.split()
    if not 2 <= len(words) <= 5 or not words[-1][0].isupper():
        return False
    return all(word in _PARTICLES or (word[0].isupper() and word[0].isalpha() and word not in _NOT_NAMES
                                      and not any(char.isdigit() for char in word))
               for word in words)


def _title_block(lines: list[str]) -> tuple[list[str], list[str]]:
    """(title lines, author lines) of a first page; ([], []) when no title can be told."""
    start = 0
    while start < len(lines) and (_trivial(lines[start]) or _RUNNING_HEAD.search(lines[start])) \
            and not _looks_like_authors(lines[start]):
        start += 1
    title: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if _looks_like_authors(line) or _STOP.match(line):
            break
        title.append(line)
        index += 1
        if len(title) > _MAX_TITLE_LINES or len(_join(title)) > _MAX_TITLE_CHARS:
            # No author line nor abstract close by: too unsure to call it a title block.
            return [lines[start]] if not _trivial(lines[start]) else [], []
    authors: list[str] = []
    if index < len(lines) and _looks_like_authors(lines[index]):
        authors.append(lines[index])
        index += 1
        # Author lists wrap: carry on while a line ends or starts with a separator.
        while index < len(lines) and not _STOP.match(lines[index]) and (
                re.search(r"(,|&|\band)$", _MARKS.sub("", authors[-1]).strip())
                or re.match(r"(,|&|and\b)", lines[index])):
            authors.append(lines[index])
            index += 1
    return title, authors


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and not text.endswith(" -"):
            text = text + line  # a word cut at the line end: "atom-" + "centered"
        else:
            text = f"{text} {line}" if text else line
    return text.strip()


def _authors(lines: list[str]) -> list[str]:
    return _name_parts(" ".join(lines)) if lines else []


def _split_authors(text: str) -> list[str]:
    if not text:
        return []
    parts = re.split(r"\s*(?:;|,|&|\band\b)\s*", text)
    return [part for part in parts if part]
