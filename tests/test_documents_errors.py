"""Bad input: one DocumentError subclass per failure, a one-line message naming the file."""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyser.documents import DocumentError, load
from analyser.documents import errors
from analyser.documents.pdfwrite import simple_pdf

TEXT = "We trained a random forest on the data set. It predicts band gaps well."


def _encrypt(data: bytes, user: str, owner: str = "owner") -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image_only_pdf() -> bytes:
    """A 'scan': one page holding an image and no text."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    figure = plt.figure(figsize=(2, 2))
    figure.figimage(np.random.default_rng(0).random((50, 50)))
    out = io.BytesIO()
    figure.savefig(out, format="pdf")
    plt.close(figure)
    return out.getvalue()


def _docx_without_document_xml() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/zip")
        archive.writestr("content.txt", "not a word file")
    return out.getvalue()


def _broken_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><broken")
    return out.getvalue()


CASES = {
    "missing": (None, errors.MissingFileError, "no such file"),
    "empty.txt": (b"", errors.EmptyDocumentError, "empty"),
    "blank.md": (b"  \n\n\t \n", errors.EmptyDocumentError, "empty"),
    "empty.html": (b"<html><body><script>x()</script></body></html>", errors.EmptyDocumentError, "empty"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, errors.UnknownTypeError, "unknown document type"),
    "archive.docx": ("ZIP", errors.UnknownTypeError, "unknown document type"),
    "broken.docx": ("BROKEN_DOCX", errors.CorruptDocumentError, "damaged Word file"),
    "truncated.pdf": ("TRUNCATED", errors.CorruptPdfError, "corrupt or truncated PDF"),
    "garbage.pdf": (b"%PDF-1.7\n" + bytes(random.Random(1).randrange(256) for _ in range(2000)), errors.CorruptPdfError, "corrupt"),
    "locked.pdf": ("ENCRYPTED", errors.EncryptedPdfError, "encrypted PDF"),
    "scan.pdf": ("SCAN", errors.NoTextLayerError, "no text layer: this looks like a scan; OCR it first"),
    "blank-pages.pdf": ("BLANK", errors.NoTextLayerError, "no text layer"),
}


def _write_case(tmp_path: Path, name: str) -> Path:
    content = CASES[name][0]
    path = tmp_path / name
    if content is None:
        return path
    if content == "ZIP":
        content = _docx_without_document_xml()
    elif content == "BROKEN_DOCX":
        content = _broken_docx()
    elif content == "TRUNCATED":
        content = simple_pdf([TEXT] * 3)[:300]
    elif content == "ENCRYPTED":
        content = _encrypt(simple_pdf([TEXT]), user="secret")
    elif content == "SCAN":
        content = _image_only_pdf()
    elif content == "BLANK":
        content = simple_pdf(["", ""])
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input_raises_its_error_naming_the_file(tmp_path: Path, name: str):
    path = _write_case(tmp_path, name)
    expected, words = CASES[name][1], CASES[name][2]
    with pytest.raises(expected) as caught:
        load(path)
    message = str(caught.value)
    assert str(path) in message and words in message
    assert "\n" not in message
    assert caught.value.path == str(path)


@pytest.mark.parametrize("engine", ["pypdf", "pdfium"])
def test_each_engine_reports_the_same_failures(tmp_path: Path, engine: str):
    for name in ("truncated.pdf", "locked.pdf", "scan.pdf"):
        with pytest.raises(CASES[name][1]):
            load(_write_case(tmp_path, name), pdf_engine=engine)


def test_the_empty_password_is_tried_first(tmp_path: Path):
    # Encrypted against editing only: opens without asking anything.
    path = tmp_path / "protected.pdf"
    path.write_bytes(_encrypt(simple_pdf([TEXT]), user=""))
    for engine in ("pdfium", "pypdf"):
        assert "random forest" in load(path, pdf_engine=engine).text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Word .doc file: save it as .docx"),
        (b"{\\rtf1\\ansi Some text}", "RTF file"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG image"),
    ],
)
def test_formats_we_do_not_read_say_what_to_do(tmp_path: Path, content: bytes, words: str):
    path = tmp_path / "report.docx"
    path.write_bytes(content)
    with pytest.raises(errors.UnknownTypeError, match=words):
        load(path)


def test_a_text_mentioning_the_pdf_magic_is_still_text(tmp_path: Path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nA PDF file starts with %PDF-1.7 and ends with %%EOF.\n", encoding="utf-8")
    assert load(path).kind == "md"


def test_a_folder_is_not_a_document(tmp_path: Path):
    with pytest.raises(errors.MissingFileError, match="not a regular file"):
        load(tmp_path)


def test_size_limit_from_argument_and_environment(tmp_path: Path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 20, encoding="utf-8")
    with pytest.raises(errors.TooLargeError, match="file too large") as caught:
        load(path, max_bytes=100)
    assert str(path) in str(caught.value)
    monkeypatch.setenv("ANALYSER_MAX_BYTES", "1k")
    with pytest.raises(errors.TooLargeError):
        load(path)
    monkeypatch.setenv("ANALYSER_MAX_BYTES", "1MB")
    assert load(path).word_count > 100
    assert load(path, max_bytes=10_000).word_count > 100  # the argument wins
    monkeypatch.setenv("ANALYSER_MAX_BYTES", "lots")
    with pytest.raises(DocumentError, match="ANALYSER_MAX_BYTES"):
        load(path)


def test_unknown_engine_is_refused(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(DocumentError, match="unknown PDF engine"):
        load(path, pdf_engine="ocr")


def test_every_error_is_a_document_error():
    for name in dir(errors):
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, Exception) and value.__module__ == errors.__name__:
            assert issubclass(value, DocumentError)
            assert value.__doc__


# --- nothing but DocumentError escapes, whatever the bytes --------------------

_REAL_PDF = simple_pdf([TEXT, TEXT + " Second page.", "References\n1. A. Smith, 2020."], title="T")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.integers(min_value=0, max_value=len(_REAL_PDF)).map(lambda cut: _REAL_PDF[:cut]),
        st.binary(max_size=600).map(lambda tail: b"%PDF-1.4\n" + tail),
        st.binary(max_size=600).map(lambda tail: b"PK\x03\x04" + tail),
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
        st.tuples(st.integers(0, len(_REAL_PDF) - 1), st.binary(min_size=1, max_size=8)).map(
            lambda spot: _REAL_PDF[: spot[0]] + spot[1] + _REAL_PDF[spot[0] + len(spot[1]) :]
        ),
    ),
    name=st.sampled_from(["f.pdf", "f.docx", "f.txt", "f.md", "f.tex", "f.html", "f"]),
)
def test_random_and_truncated_bytes_raise_only_document_errors(tmp_path: Path, data: bytes, name: str):
    path = tmp_path / name
    path.write_bytes(data)
    for engine in ("auto", "pypdf"):
        try:
            document = load(path, pdf_engine=engine)
        except DocumentError as error:
            assert str(path) in str(error) and "\n" not in str(error)
        else:
            assert document.word_count > 0 or document.references


def test_auto_falls_back_to_pypdf_when_pdfium_is_not_installed(tmp_path: Path, monkeypatch):
    path = tmp_path / "report.pdf"
    path.write_bytes(simple_pdf([TEXT]))
    # None in sys.modules makes `import pypdfium2` fail, as on a machine without it.
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    monkeypatch.setitem(sys.modules, "pypdfium2.raw", None)
    document = load(path, pdf_engine="auto")
    assert document.engine == "pypdf" and "random forest" in document.text
    with pytest.raises(errors.EngineUnavailableError, match="pdfium is not installed") as caught:
        load(path, pdf_engine="pdfium")
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("engine", ["pdfium", "pypdf"])
def test_page_count_is_bounded(tmp_path: Path, monkeypatch, engine: str):
    from analyser.documents.errors import TooManyPagesError
    from analyser.documents.pdfwrite import simple_pdf

    path = tmp_path / "long.pdf"
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    path.write_bytes(simple_pdf([f"The {word} model is trained on {n}00 molecules here." for n, word in enumerate(words, 1)]))
    assert load(path, pdf_engine=engine).page_count == 5
    monkeypatch.setenv("ANALYSER_MAX_PAGES", "4")
    with pytest.raises(TooManyPagesError, match=r"long\.pdf: too many pages: 5 is over the 4-page limit"):
        load(path, pdf_engine=engine)
