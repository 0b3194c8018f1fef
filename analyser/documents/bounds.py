"""Bounds on the work one untrusted document may cost: inflated sizes and text length.

A file's size says little about what reading it costs. A 1 MB .docx can
hold a document.xml that inflates to 1 GB; a PDF stream of 1 MB can inflate
to 1 GB inside PDFium; 700 KB of zipped paragraphs are 200 MB of text that
every later pass (cleaning, sentences, checking) then walks through. So,
before anything is inflated or parsed:

- a .docx (a zip): each member's declared size and compression ratio, and
  their total (Python's zipfile never inflates a member past its declared
  size, so checking the declared sizes is enough);
- a PDF: every compressed stream but images is inflated once, chunk by chunk
  and thrown away, up to a bound -- the stream PDFium would otherwise hold
  in memory whole. Image streams are not inflated: extracting text never
  decodes them, and real figures inflate to hundreds of megabytes;
- any document: the text taken from it, counted as it is read (a PDF page by
  page, before the page's text is even copied), up to `max_chars_limit()`.

Over a bound, the document is refused with a one-line `TooLargeError`
subclass naming the file, in well under a second and with little memory.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib

from analyser.documents.errors import DecompressionBombError, DocumentError, TooMuchTextError

DEFAULT_MAX_CHARS = 1_000_000  # about 400 pages of an article; an analysis is 15,000
MAX_CHARS_ENV = "ANALYSER_MAX_CHARS"
MAX_PAGE_CHARS = 100_000  # a dense page holds 6,000 characters
MAX_ZIP_MEMBER = 20 * 1024 * 1024  # document.xml of a 300-page thesis: about 5 MB
MAX_ZIP_TOTAL = 100 * 1024 * 1024  # every part, images included, as python-docx loads them all
MAX_ZIP_RATIO = 100  # text and XML deflate 5-20x; a bomb, 1000x
MAX_PDF_STREAM = 32 * 1024 * 1024  # content, font and object streams: a few MB at most in real articles
MAX_PDF_STREAMS_TOTAL = 128 * 1024 * 1024
_CHUNK = 1024 * 1024

# "stream" and its line end at the start of a stream's data (a literal pattern: the regex engine
# jumps from one to the next; a look-behind for "endstream" made it try every byte, 10x slower).
_STREAM = re.compile(rb"stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def max_chars_limit() -> int:
    """The most characters of text read from one document: $ANALYSER_MAX_CHARS, else 1,000,000."""
    value = os.environ.get(MAX_CHARS_ENV, "").strip().replace("_", "").replace(",", "")
    if not value:
        return DEFAULT_MAX_CHARS
    if not value.isdigit() or int(value) <= 0:
        raise DocumentError(f"{MAX_CHARS_ENV}={value!r} is not a number of characters (e.g. 1000000)")
    return int(value)


def check_text_length(count: int, path: str, limit: int | None = None) -> None:
    """Raise TooMuchTextError when `count` characters are over the limit."""
    limit = max_chars_limit() if limit is None else limit
    if count > limit:
        raise TooMuchTextError(
            f"too much text: over {limit:,} characters (a document this long is not an analysis "
            f"nor an article; raise the limit with {MAX_CHARS_ENV})", path=path)


class TextBudget:
    """The characters read so far from one document, refused past `max_chars_limit()`
    (and a page past MAX_PAGE_CHARS): a hostile file is stopped where it overflows."""

    def __init__(self, path: str) -> None:
        self.path, self.limit, self.length = path, max_chars_limit(), 0

    def add(self, count: int, page: int | None = None) -> None:
        if page is not None:
            check_page_chars(count, page, self.path)
        self.length += count
        check_text_length(self.length, self.path, self.limit)


def check_page_chars(count: int, page: int, path: str) -> None:
    if count > MAX_PAGE_CHARS:
        raise TooMuchTextError(f"page {page} holds {count:,} characters, far more than a page can show: "
                               "not read", path=path)


def check_zip_members(archive: zipfile.ZipFile, path: str) -> None:
    """Refuse a zip (.docx) whose members would inflate beyond any real document, before inflating any."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_ZIP_MEMBER and not info.filename.startswith("word/media/"):
            raise DecompressionBombError(f"{info.filename} inflates to {_mb(info.file_size)}, over the "
                                         f"{_mb(MAX_ZIP_MEMBER)} a part may hold: not read", path=path)
        if info.file_size > _CHUNK and ratio > MAX_ZIP_RATIO:
            raise DecompressionBombError(f"{info.filename} inflates {ratio:,.0f} times (to {_mb(info.file_size)}): "
                                         "a decompression bomb, not read", path=path)
    if total > MAX_ZIP_TOTAL:
        raise DecompressionBombError(f"its parts inflate to {_mb(total)}, over the {_mb(MAX_ZIP_TOTAL)} limit: "
                                     "not read", path=path)


def check_pdf_streams(data: bytes, path: str) -> None:
    """Refuse a PDF one of whose non-image streams (or all of them) inflate beyond the bounds."""
    total = 0
    for match in _STREAM.finditer(data):
        if data[max(0, match.start() - 3): match.start()] == b"end":
            continue  # the end of a stream, not its start
        before = data[max(0, match.start() - 4096): match.start()]
        dictionary = before[before.rfind(b"obj"):]
        if _IMAGE.search(dictionary):
            continue
        size = _inflated_size(data, match.end(), MAX_PDF_STREAM + 1)
        if size > MAX_PDF_STREAM:
            raise DecompressionBombError(f"a stream inflates to over {_mb(MAX_PDF_STREAM)} (at byte {match.end():,}): "
                                         "a decompression bomb, not read", path=path)
        total += size
        if total > MAX_PDF_STREAMS_TOTAL:
            raise DecompressionBombError(f"its streams inflate to over {_mb(MAX_PDF_STREAMS_TOTAL)}: "
                                         "not read", path=path)


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """Bytes the zlib stream at `start` inflates to, counted up to `limit`; 0 if it is not zlib data."""
    inflater = zlib.decompressobj()
    view = memoryview(data)  # slices without copies: a PDF has hundreds of small streams
    size = 0
    position = start
    try:
        while position < len(data) and not inflater.eof and size < limit:
            # max_length keeps every step to one chunk of output, whatever the ratio.
            size += len(inflater.decompress(view[position:position + _CHUNK], _CHUNK))
            while inflater.unconsumed_tail and not inflater.eof and size < limit:
                size += len(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
            position += _CHUNK
    except zlib.error:
        return size  # not zlib (or damaged after this point): PDFium stops there too
    return size


def _mb(count: int) -> str:
    return f"{count / 2**20:,.0f} MB"
