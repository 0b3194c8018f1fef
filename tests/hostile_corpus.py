"""The hostile corpus of issue 13, made at test time (no committed binaries).

What a hostile student or a careless mail client hands in: decompression and
size bombs, broken mail, text that is not text, links out of a class folder,
a truncated PDF with a forged end. Each function writes one case into a
folder and returns its path; the tests build what they need in `tmp_path`.

The bombs are made in about a second each without compressing a gigabyte:
deflate output after a full flush depends only on the input that follows, so
the compressed form of one megabyte of filler, repeated, is the compressed
form of the whole run.
"""

from __future__ import annotations

import random
import struct
import zlib
from email.message import EmailMessage
from pathlib import Path

from analyser.documents.pdfwrite import serialise, simple_pdf

MB = 1024 * 1024
GB = 1024 * MB


def _deflate_run(prefix: bytes, chunk: bytes, count: int, suffix: bytes, *, raw: bool) -> tuple[bytes, int, int]:
    """(compressed bytes, crc32, adler32) of prefix + chunk * count + suffix, in zip (raw) or zlib form."""
    wbits = -15 if raw else 15
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail_compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail = tail_compressor.compress(suffix) + tail_compressor.flush(zlib.Z_FINISH)
    crc, adler = zlib.crc32(prefix), zlib.adler32(prefix)
    for _ in range(count):
        crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
    crc, adler = zlib.crc32(suffix, crc), zlib.adler32(suffix, adler)
    body = head + piece * count + tail
    if not raw:
        body += struct.pack(">I", adler)
    return body, crc, adler


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate data, crc32, inflated size) members, written by hand."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                                 len(out), 0)
    return bytes(out)


def _docx_parts() -> dict[str, bytes]:
    """The parts of a real, tiny .docx made by python-docx."""
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _docx_with_body(path: Path, chunk: bytes, count: int) -> Path:
    members = []
    for name, data in _docx_parts().items():
        if name == "word/document.xml":
            start = data.index(b"<w:body>") + len(b"<w:body>")
            body, crc, _ = _deflate_run(data[:start], chunk, count, data[start:], raw=True)
            size = len(data) + len(chunk) * count
        else:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            body, crc, size = compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)
        members.append((name, body, crc, size))
    path.write_bytes(_zip(members))
    return path


def docx_bomb(folder: Path, inflated: int = GB) -> Path:
    """A .docx of about 1 MB whose document.xml inflates to `inflated` bytes (of blanks)."""
    return _docx_with_body(folder / "bomb.docx", b" " * MB, inflated // MB)


def docx_paragraphs(folder: Path, text_bytes: int = 200 * MB) -> Path:
    """A .docx of well under 1 MB holding `text_bytes` of real paragraphs."""
    paragraph = b"<w:p><w:r><w:t>The model overfits the small data set, as the test error shows.</w:t></w:r></w:p>"
    chunk = paragraph * (MB // len(paragraph))
    return _docx_with_body(folder / "paragraphs.docx", chunk, text_bytes // len(chunk))


def pdf_stream_bomb(folder: Path, inflated: int = GB) -> Path:
    """A one-page PDF whose content stream (FlateDecode) inflates to `inflated` bytes."""
    stream, _, _ = _deflate_run(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n", b" " * MB, inflated // MB, b"\n", raw=False)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path = folder / "bomb.pdf"
    path.write_bytes(serialise(objects, root=1))
    return path


def pdf_much_text(folder: Path, pages: int = 1000, chars_per_page: int = 5200) -> Path:
    """A PDF holding about 5 MB of text: 1000 full pages, just under the page limit."""
    words = "the model is trained on the data and tested on a split that may leak".split()
    rng = random.Random(13)
    texts = [" ".join(rng.choice(words) for _ in range(chars_per_page // 5)) for _ in range(pages)]
    path = folder / "long.pdf"
    path.write_bytes(simple_pdf(texts, width=5000))  # one long line a page: the file stays small
    return path


def utf32_garbage(folder: Path, name: str = "analysis.txt", size: int = 64 * 1024) -> Path:
    """Random bytes after a UTF-32 byte-order mark: reads as a page of "Chinese" when taken for UTF-16."""
    path = folder / name
    path.write_bytes(b"\xff\xfe\x00\x00" + random.Random(14).randbytes(size))
    return path


def utf16_garbage(folder: Path, name: str = "notes.txt", size: int = 64 * 1024) -> Path:
    path = folder / name
    path.write_bytes(b"\xff\xfe" + random.Random(16).randbytes(size))
    return path


def cjk_garbage(folder: Path, name: str = "essay.txt", chars: int = 5000) -> Path:
    """UTF-16 that decodes only to random CJK ideographs: no space, no punctuation, no sense."""
    rng = random.Random(17)
    path = folder / name
    path.write_bytes(b"\xff\xfe" + "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(chars)).encode("utf-16-le"))
    return path


def truncated_pdf(path: Path, pages: int = 12) -> Path:
    """A real PDF cut at 60 % of its length, then given a forged %%EOF: looks complete from both ends."""
    data = simple_pdf([f"Page {n}: results of the graph model on the test split. " * 40 for n in range(pages)])
    path.write_bytes(data[: int(len(data) * 0.6)] + b"\n%%EOF\n")
    return path


# --- mail ---------------------------------------------------------------------------------------------

def raw_message(sender: bytes, date: str, subject: str, *, body: str = "Please find my analysis attached.",
                attachments: list[tuple[str, bytes, str]] = ()) -> bytes:
    """An e-mail as bytes, with a From header given as raw bytes (8-bit, malformed: whatever a client sends)."""
    message = EmailMessage()
    message["From"] = "placeholder@example.org"
    message["To"] = "teacher@example.org"
    message["Subject"] = subject
    message["Date"] = date
    message.set_content(body)
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes().replace(b"From: placeholder@example.org", b"From: " + sender, 1)


def with_broken_base64(raw: bytes, filename: str) -> bytes:
    """`raw` with the base64 body of attachment `filename` damaged (characters outside base64 mixed in)."""
    start = raw.index(f'filename="{filename}"'.encode())
    body = raw.index(b"\n\n", start) + 2
    end = raw.index(b"\n--", body)
    lines = raw[body:end].split(b"\n")
    damaged = [line[:20] + b"!!@@##" + line[20:] if index % 2 == 0 else line for index, line in enumerate(lines)]
    return raw[:body] + b"\n".join(damaged) + raw[end:]


def write_raw_mbox(path: Path, messages: list[bytes]) -> Path:
    """An mbox of raw messages, as a mail client exports it (">From " quoting of body lines)."""
    with path.open("wb") as out:
        for raw in messages:
            out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n")
            for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
                out.write((b">" + line if line.startswith(b"From ") else line) + b"\n")
            out.write(b"\n")
    return path
