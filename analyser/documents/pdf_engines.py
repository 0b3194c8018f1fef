"""Two PDF text engines behind one interface: pypdfium2 (fast) and pypdf (pure Python).

Both return the raw text of each page plus the file's metadata, normalised to
the same conventions so that one cleaning step serves both: "\\n" line ends,
and a line-end hyphen written as "-\\n" (PDFium marks it with U+FFFE and no
line break; pypdf keeps the hyphen and the break).

`auto` prefers PDFium (25-40x faster on real articles) and falls back to
pypdf when pypdfium2 is not installed or fails on the file.
"""

from __future__ import annotations

import io
import os
import logging
import re
from dataclasses import dataclass, field

# EMPHASIS starts a line set in bold or larger than the body text (PDFium
# only): the cleaning keeps it, the loader reads it as a heading hint.
from analyser.documents.cleaning import CONTINUED, EMPHASIS, MARKS, PARAGRAPH
from analyser.documents.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    EngineUnavailableError,
    TooLargeError,
    TooManyPagesError,
)

log = logging.getLogger(__name__)

ENGINES = ("auto", "pypdf", "pdfium")

_PDFIUM_HYPHEN = re.compile("\ufffe\\s*")
_LINE_ENDS = re.compile(r"\r\n?")
_MARK = re.compile(f"[{MARKS}]")


@dataclass
class RawPdf:
    pages: list[str]  # raw text of each page, in page order
    engine: str  # "pdfium" or "pypdf"
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    page_title: str | None = None  # page 1's title, read from the type sizes (PDFium only)


class _EngineFailed(Exception):
    """An engine could not read the file (internal: auto tries the next one)."""


class _Encrypted(Exception):
    """The file needs a password other than the empty one (internal)."""


DEFAULT_MAX_PAGES = 1000
MAX_PAGES_ENV = "ANALYSER_MAX_PAGES"


def max_pages_limit() -> int:
    """Pages read at most: a hostile or mistaken file must not hold a batch for minutes."""
    value = os.environ.get(MAX_PAGES_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_PAGES


def _check_pages(count: int, path: str) -> None:
    limit = max_pages_limit()
    if count > limit:
        raise TooManyPagesError(
            f"too many pages: {count} is over the {limit}-page limit (raise it with {MAX_PAGES_ENV})", path=path
        )


def extract(data: bytes, path: str, engine: str = "auto") -> RawPdf:
    """Raw page texts of the PDF `data` (read from `path`, named in errors)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; expected one of {', '.join(ENGINES)}")
    from analyser.documents.bounds import check_pdf_streams

    check_pdf_streams(data, path)  # a decompression bomb is refused before either engine inflates it
    order = ["pdfium", "pypdf"] if engine == "auto" else [engine]
    failures: list[str] = []
    for name in order:
        reader = _READERS[name]
        try:
            return reader(data, path)
        except ImportError as error:
            if engine != "auto":
                raise EngineUnavailableError(
                    f"PDF engine {name} is not installed ({error}); try --pdf-engine auto",
                    path=path,
                ) from error
            failures.append(f"{name} not installed")
        except _Encrypted as error:
            raise EncryptedPdfError(
                "encrypted PDF: it needs a password; save an unprotected copy first", path=path
            ) from error
        except _EngineFailed as error:
            log.info("%s: engine %s failed: %s", path, name, error)
            failures.append(f"{name}: {error}")
    raise CorruptPdfError(
        f"corrupt or truncated PDF ({'; '.join(failures)[:200]})", path=path
    )


# Digits right after a word: a superscript reference number ("Adam⁴⁴") or an
# exponent or index ("m²", "R²", "QM9"); only the type size tells them apart.
_GLUED_DIGITS = re.compile(r"\d{1,3}(?:[,–-]\d{1,3})*(?![\w.]\d)")  # and three letters before (checked apart: faster)
_BLANK = "\u2063"  # invisible separator: stands in for a removed reference number until the text is final
SUPERSCRIPT_RATIO = 0.85  # a superscript is set at most this size of the letter before it


_NAME_BEFORE = re.compile(r"(?:^|[\s,])[A-Z][a-zà-ÿ'\-]+$")
_NAME_AFTER = re.compile(r"^[\s,]*(?:$|[A-Z]|and\b|&|✉|\*)")


def _affiliation(text: str, match: re.Match) -> bool:
    """"Marco Eckhoff¹ and Jörg Behler¹,²": a name's affiliation marks, which the
    author list is read by, not a reference."""
    return bool(_NAME_BEFORE.search(text[max(0, match.start() - 30):match.start()])
                and _NAME_AFTER.match(text[match.end():match.end() + 12]))


def _middle(pdfium_raw, textpage, index: int) -> float | None:
    import ctypes

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not pdfium_raw.FPDFText_GetCharBox(textpage, index, left, right, bottom, top):
        return None
    return (bottom.value + top.value) / 2


def _lowered(pdfium_raw, textpage, letter: int, digit: int) -> bool:
    """Whether the small digit sits lower than the letter before it: a subscript
    ("HfO2", "WC5" in a formula), not a raised reference number."""
    letter_middle, digit_middle = _middle(pdfium_raw, textpage, letter), _middle(pdfium_raw, textpage, digit)
    return letter_middle is not None and digit_middle is not None and digit_middle < letter_middle


def _without_reference_superscripts(textpage, text: str, count: int) -> str:
    """`text` without the reference numbers set as superscripts after a word of three
    letters or more: glued to it, they hide the word ("ReLU44", "Adam44") from every
    reader downstream. Exponents after units and symbols ("m²", "R²") and subscripts
    ending a formula ("HfO2") are kept."""
    if len(text) != count:
        return text  # the text's offsets are not the characters': nothing to tell sizes by
    import pypdfium2.raw as pdfium_raw

    cut = []
    for match in _GLUED_DIGITS.finditer(text):
        if match.start() < 3 or not text[match.start() - 3:match.start()].isalpha():
            continue
        before = pdfium_raw.FPDFText_GetFontSize(textpage, match.start() - 1)
        size = pdfium_raw.FPDFText_GetFontSize(textpage, match.start())
        if before > 0 and size < SUPERSCRIPT_RATIO * before and not _affiliation(text, match) \
                and not _lowered(pdfium_raw, textpage, match.start() - 1, match.start()):
            cut.append(match.span())
    if not cut:
        return text
    # Blanked rather than cut: the style pass maps text offsets to characters.
    kept, position = [], 0
    for start, end in cut:
        kept.append(text[position:start])
        kept.append(_BLANK * (end - start))
        position = end
    kept.append(text[position:])
    return "".join(kept)


def _without_marks(text: str) -> str:
    """`text` without our private emphasis marks (a PDF may hold those characters)."""
    # The marks are almost never there: a substring test (C, fast) spares a regex pass over every page.
    if EMPHASIS in text or CONTINUED in text or PARAGRAPH in text:
        return _MARK.sub("", text)
    return text


# The same, printed as superscript characters ("compounds²⁻⁵"); "m²", "cm⁻¹" stay.
_SUPERSCRIPT_DIGITS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_SUPERSCRIPT_REFERENCE = re.compile(r"(?<=[^\W\d_]{3})[¹²³⁴⁵⁶⁷⁸⁹⁰](?:[¹²³⁴⁵⁶⁷⁸⁹⁰⁻,]*[¹²³⁴⁵⁶⁷⁸⁹⁰])?")


def _normalise(text: str) -> str:
    text = text.replace(_BLANK, "") if _BLANK in text else text
    if _SUPERSCRIPT_DIGITS.search(text):  # rare: a class scan spares the look-behind pass
        text = _SUPERSCRIPT_REFERENCE.sub("", text)
    text = _LINE_ENDS.sub("\n", text)
    return _PDFIUM_HYPHEN.sub("-\n", text)


def _read_pdfium(data: bytes, path: str) -> RawPdf:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    try:
        # The empty password opens files that are encrypted only against editing.
        document = pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_raw.FPDF_ERR_PASSWORD:
            raise _Encrypted(str(error)) from error
        raise _EngineFailed(str(error)) from error
    try:
        _check_pages(len(document), path)
    except TooManyPagesError:
        document.close()
        raise
    from analyser.documents import bounds, pdf_style

    opened = []  # (page, textpage): kept open until the style pass is done
    budget = bounds.TextBudget(path)
    try:
        font_name = pdf_style.FontNames()
        pages = []
        has_markers = []  # pages with a list marker alone on its line
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            opened.append((page, textpage))
            # Counted before the text is copied out: a hostile file is stopped at its first huge page.
            count = textpage.count_chars()
            budget.add(count, page=index + 1)
            text = _without_marks(_without_reference_superscripts(textpage, textpage.get_text_range(), count))
            pages.append((textpage, text.split("\r\n"), pdf_style.candidates(textpage, text, font_name)))
            has_markers.append(pdf_style.has_bare_marker(text))
        title = pdf_style.page_title(pages[0][0], pages[0][1]) if pages else None
        marked = pdf_style.emphasised_lines(pages, font_name)
        texts = []
        for (textpage, lines, _), (starts, continued) in zip(pages, marked):
            paragraphs = pdf_style.paragraph_starts(textpage, lines) - starts - continued
            if starts or continued:
                lines = _marked(lines, starts, continued)
            if has_markers[len(texts)]:
                count = len(lines)
                lines = pdf_style.attach_list_markers(textpage, lines)
                if len(lines) != count:
                    paragraphs = set()  # the lines moved: their numbers no longer hold
            for number in paragraphs:
                lines[number] = PARAGRAPH + lines[number].lstrip()
            texts.append(_normalise("\n".join(lines)))
        metadata = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as error:
        raise _EngineFailed(str(error)) from error
    finally:
        for page, textpage in opened:
            textpage.close()
            page.close()
        document.close()
    return RawPdf(
        pages=texts,
        engine="pdfium",
        title=_clean_field(metadata.get("Title")),
        authors=split_authors(metadata.get("Author")),
        page_title=_clean_field(title),
    )


def _quiet_pypdf() -> None:
    # pypdf logs repair warnings ("EOF marker not found") that would reach the
    # terminal through logging's last-resort handler; a NullHandler keeps them
    # for applications that configure logging, and off the user's screen.
    pypdf_log = logging.getLogger("pypdf")
    if not any(isinstance(handler, logging.NullHandler) for handler in pypdf_log.handlers):
        pypdf_log.addHandler(logging.NullHandler())


def _marked(lines: list[str], starts: set[int], continued: set[int]) -> list[str]:
    """A copy of `lines` with the emphasis marks put in (`starts` and `continued` are disjoint)."""
    # Only the few marked lines are touched, not every line of the page.
    lines = list(lines)
    for number in starts:
        lines[number] = EMPHASIS + lines[number].lstrip()
    for number in continued:
        lines[number] = CONTINUED + lines[number].lstrip()
    return lines


def _read_pypdf(data: bytes, path: str) -> RawPdf:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    _quiet_pypdf()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except (DependencyError, NotImplementedError) as error:
                raise _Encrypted(str(error)) from error
            if not decrypted:
                raise _Encrypted("the empty password does not open it")
        _check_pages(len(reader.pages), path)
        from analyser.documents import bounds

        pages, budget = [], bounds.TextBudget(path)
        for number, page in enumerate(reader.pages, start=1):
            pages.append(_normalise(_without_marks(page.extract_text() or "")))
            budget.add(len(pages[-1]), page=number)
        info = reader.metadata
        title = info.title if info else None
        author = info.author if info else None
    except (_Encrypted, ImportError, TooLargeError, TooManyPagesError):
        raise
    except FileNotDecryptedError as error:
        raise _Encrypted(str(error)) from error
    except Exception as error:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise _EngineFailed(f"{type(error).__name__}: {error}") from error
    return RawPdf(pages=pages, engine="pypdf", title=_clean_field(title), authors=split_authors(author))


_READERS = {"pdfium": _read_pdfium, "pypdf": _read_pypdf}


_PLACEHOLDER_TITLES = {"title", "untitled", "no title", "document", "slide 1", "abstract"}
_FILE_NAME = re.compile(r"^(?:microsoft word - )?.*\.(?:docx?|pdf|tex|dvi|rtf|odt|indd|qxd)$", re.IGNORECASE)


def _clean_field(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.replace(_BLANK, "").split())
    # Producers leave placeholders and file names in the metadata.
    if value.lower() in _PLACEHOLDER_TITLES or _FILE_NAME.match(value):
        return None
    return value or None


def split_authors(value) -> list[str]:
    """Authors from a metadata field such as "A. Smith; B. Jones" or "A. Smith and B. Jones"."""
    value = _clean_field(value)
    if not value:
        return []
    authors: list[str] = []
    for part in re.split(r"\s*(?:;|\band\b|&|\\\\)\s*", value):
        pieces = [piece.strip() for piece in part.split(",")]
        # "Smith, J." is one author; "Ada Smith, Bo Jones" are two.
        if len(pieces) > 1 and all(len(piece.split()) >= 2 for piece in pieces if piece):
            authors.extend(piece for piece in pieces if piece)
        elif part.strip(" ,"):
            authors.append(part.strip(" ,"))
    return authors
