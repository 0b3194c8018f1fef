"""Tell a document's type from its content; the extension only breaks ties.

Students rename files ("report.txt" that is really a PDF, a .docx saved as
.doc), so the bytes decide: %PDF magic, a zip holding word/document.xml,
HTML and LaTeX markers; among plain texts, Markdown when it has Markdown
structure.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

KINDS = ("pdf", "docx", "md", "txt", "tex", "html")

_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".text": "txt",
    ".tex": "tex",
    ".latex": "tex",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_LATEX = re.compile(
    r"\\documentclass|\\begin\{document\}|\\section\*?\{|\\usepackage|\\maketitle|\\title\{"
)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_OTHER = re.compile(
    r"^\s*(?:[-*+]\s+\S|\d+\.\s+\S|>\s|```)|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\)|^\s*\|.*\|\s*$",
    re.MULTILINE,
)
# Bytes that never occur in text files (NUL and most C0 controls).
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def kind_from_extension(path: Path) -> str | None:
    return _EXTENSIONS.get(path.suffix.lower())


# Formats we don't read, with what to do about them (for the error message).
_OTHER_FORMATS = (
    (b"\xd0\xcf\x11\xe0", "an old Word .doc file: save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file: save it as .docx or PDF"),
    (b"\x89PNG", "a PNG image, not a document"),
    (b"\xff\xd8\xff", "a JPEG image, not a document"),
    (b"GIF8", "a GIF image, not a document"),
)


def hint(head: bytes) -> str | None:
    """What a file we cannot read seems to be, and what to do, when we can tell."""
    for magic, message in _OTHER_FORMATS:
        if head.startswith(magic):
            return message
    if head.startswith(b"PK\x03\x04") and b"opendocument" in head[:200]:
        return "an OpenDocument file: save it as .docx or PDF"
    return None


def _is_pdf(head: bytes) -> bool:
    # Readers accept junk before the header (up to 1 KB), but a text that
    # merely mentions "%PDF-" is no PDF.
    index = head.find(b"%PDF-", 0, 1024)
    return index == 0 or (index > 0 and (not head[:index].strip() or bool(_BINARY.search(head[:index]))))


def detect(path: Path, head: bytes) -> str | None:
    """The type of the file at `path` whose first bytes are `head`; None if unknown."""
    if _is_pdf(head):
        return "pdf"
    if hint(head):
        return None
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(path) else None
    if not _wide_bom(head) and _BINARY.search(head[:8192]):
        return None
    text = decode(head)
    if text is None:
        return None
    if _HTML.search(text.lstrip()[:4096].encode("utf-8", "replace")):
        return "html"
    if _LATEX.search(text):
        return "tex"
    by_extension = kind_from_extension(path)
    if by_extension in ("md", "txt"):
        return by_extension
    if _looks_like_markdown(text):
        return "md"
    return "txt"


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _looks_like_markdown(text: str) -> bool:
    return bool(_MD_HEADING.search(text)) or len(_MD_OTHER.findall(text)) >= 3


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _wide_bom(head: bytes) -> str | None:
    """"utf-32" or "utf-16" when `head` starts with that byte-order mark (whose text holds NUL bytes)."""
    if head.startswith(_UTF32_BOMS):  # first: the UTF-32 LE mark starts like the UTF-16 LE one
        return "utf-32"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    return None


def decode(data: bytes) -> str | None:
    """Text of `data`: UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, else Latin-1-ish cp1252.

    Undecodable units of a UTF-16/32 file become U+FFFD: whether the result
    is text at all is `plausible.problem`'s question.
    """
    wide = _wide_bom(data)
    if wide:
        # A head cut in the middle of the last unit: drop the partial unit.
        unit = 4 if wide == "utf-32" else 2
        return data[: len(data) - len(data) % unit].decode(wide, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A head cut in the middle of a multi-byte character is still UTF-8.
        if error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8-sig")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None
