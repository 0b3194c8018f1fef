"""`load(path)`: check the file, detect its type, read it, assemble the Document."""

from __future__ import annotations

import os
import re
from pathlib import Path

from analyser.documents import bounds, plausible
from analyser.documents.assemble import assemble
from analyser.documents.blocks import Parsed
from analyser.documents.detect import decode, detect, hint
from analyser.documents.errors import (
    DocumentError,
    EmptyDocumentError,
    MissingFileError,
    NotTextError,
    TooLargeError,
    UnknownTypeError,
)
from analyser.documents.model import Document
from analyser.documents.pdf_engines import ENGINES

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "ANALYSER_MAX_BYTES"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_HEAD_BYTES = 64 * 1024


def max_bytes_limit(max_bytes: int | None = None) -> int:
    """The size limit: the argument, else $ANALYSER_MAX_BYTES ("20MB", "1000000"), else 50 MB."""
    if max_bytes is not None:
        return int(max_bytes)
    value = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    match = _SIZE.match(value)
    if not match:
        raise DocumentError(f"{MAX_BYTES_ENV}={value!r} is not a size (e.g. 50MB or 52428800)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def load(path, *, pdf_engine: str = "auto", max_bytes: int | None = None) -> Document:
    """Read the document at `path` (pdf, docx, md, txt, tex, html; type from its content)."""
    if pdf_engine not in ENGINES:
        raise DocumentError(f"unknown PDF engine {pdf_engine!r}; choose one of {', '.join(ENGINES)}")
    path = Path(path)
    name = str(path)
    data = _read_bytes(path, name, max_bytes_limit(max_bytes))
    # Not data.strip(): that copies the whole file (megabytes for a PDF) to look at its first bytes.
    if not data or data.isspace():
        raise EmptyDocumentError("empty document: the file holds no text", path=name)
    kind = detect(path, data[:_HEAD_BYTES])
    if kind is None:
        seems = hint(data[:_HEAD_BYTES])
        raise UnknownTypeError(
            f"unknown document type: {seems}" if seems
            else "unknown document type: expected PDF, Word (.docx), Markdown, text, LaTeX or HTML",
            path=name,
        )
    parsed = _parse(kind, data, name, pdf_engine)
    document = assemble(parsed, kind=kind, path=name)
    if not document.word_count and not document.references.strip():
        raise EmptyDocumentError("empty document: no words found in it", path=name)
    return document


def _read_bytes(path: Path, name: str, limit: int) -> bytes:
    try:
        if not path.exists():
            raise MissingFileError("no such file", path=name)
        if not path.is_file():
            raise MissingFileError("not a regular file (a folder?)", path=name)
        size = path.stat().st_size
        if size > limit:
            raise TooLargeError(
                f"file too large: {_size(size)} is over the {_size(limit)} limit "
                f"(raise it with --max-bytes or {MAX_BYTES_ENV})",
                path=name,
            )
        return path.read_bytes()
    except OSError as error:
        raise MissingFileError(f"cannot read the file ({error.strerror or error})", path=name) from error


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _parse(kind: str, data: bytes, name: str, pdf_engine: str) -> Parsed:
    if kind == "pdf":
        from analyser.documents.formats import pdf

        return pdf.read(data, name, pdf_engine)
    if kind == "docx":
        from analyser.documents.formats import docx

        return docx.read(data, name)
    text = decode(data)
    if text is None:
        raise UnknownTypeError("unknown text encoding: save it as UTF-8", path=name)
    bounds.check_text_length(len(text), name)
    not_text = plausible.problem(text)
    if not_text:
        raise NotTextError(f"not a text document: {not_text} (binary data?)", path=name)
    if kind == "md":
        from analyser.documents.formats import markdown

        return markdown.read(text)
    if kind == "tex":
        from analyser.documents.formats import latex

        return latex.read(text, path=name)
    if kind == "html":
        from analyser.documents.formats import html

        return html.read(text)
    from analyser.documents.formats import plain

    return plain.read(text)
