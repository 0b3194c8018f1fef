"""A tiny PDF writer for plain text pages (Helvetica, WinAnsi), no dependency.

Tests across the project need real PDFs with a text layer (student reports,
articles with running heads); this writes them in a few lines:
`simple_pdf(["page one text", "page two text"], title="...", author="...")`.
Lines are wrapped at `width` characters; each page's text is one string.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

_PAGE_WIDTH, _PAGE_HEIGHT = 595, 842  # A4 in points
_FONT_SIZE, _LEADING, _MARGIN = 11, 14, 56


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(text: str, width: int) -> bytes:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width) or [""])
    commands = [b"BT", f"/F1 {_FONT_SIZE} Tf {_LEADING} TL".encode(), f"{_MARGIN} {_PAGE_HEIGHT - _MARGIN} Td".encode()]
    for line in lines:
        commands.append(b"(" + _escape(line) + b") Tj T*")
    commands.append(b"ET")
    return b"\n".join(commands)


def simple_pdf(
    pages: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    width: int = 90,
) -> bytes:
    """Bytes of a PDF whose page i shows pages[i] (an empty string gives a page without text)."""
    return _document([_content(text, width) if text else b"" for text in pages], title, author)


@dataclass(frozen=True)
class Run:
    """A piece of text placed on a page: baseline at (x, y) points from the bottom left."""

    x: float
    y: float
    text: str
    size: float = _FONT_SIZE
    bold: bool = False


def placed_pdf(pages: list[list[Run]], *, title: str | None = None, author: str | None = None) -> bytes:
    """Bytes of a PDF whose pages show the given runs, drawn in the order given.

    For layouts simple_pdf cannot make: a title in large type, bold headings,
    list markers drawn after their items (as some producers do).
    """
    streams = []
    for runs in pages:
        commands = []
        for run in runs:
            font = b"/F2" if run.bold else b"/F1"
            commands.append(
                b"BT %s %s Tf %s %s Td (" % (font, _number(run.size), _number(run.x), _number(run.y))
                + _escape(run.text)
                + b") Tj ET"
            )
        streams.append(b"\n".join(commands))
    return _document(streams, title, author)


def _number(value: float) -> bytes:
    return (b"%d" % value) if float(value).is_integer() else (b"%.2f" % value)


def _document(streams: list[bytes], title: str | None, author: str | None) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree is known
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for stream in streams:
        contents = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (tree, _PAGE_WIDTH, _PAGE_HEIGHT, contents, font, bold)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    info_fields = []
    if title:
        info_fields.append(b"/Title (" + _escape(title) + b")")
    if author:
        info_fields.append(b"/Author (" + _escape(author) + b")")
    info = add(b"<< " + b" ".join(info_fields) + b" >>")

    return serialise(objects, root=catalog, info=info)


def serialise(objects: list[bytes], *, root: int, info: int | None = None) -> bytes:
    """A PDF file of numbered object bodies (1-based, in order): header, objects,
    cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    info_entry = b" /Info %d 0 R" % info if info is not None else b""
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, info_entry, xref)
    return bytes(out)
