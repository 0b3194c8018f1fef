"""Errors raised while reading a document: one type per failure a user can cause.

Every message is one line and starts with the file's path (see AnalyserError),
so the CLI can print it as it is.
"""

from __future__ import annotations

from analyser.errors import AnalyserError


class DocumentError(AnalyserError):
    """A document could not be read; the message names the file and the problem."""


class MissingFileError(DocumentError):
    """The path does not exist or is not a regular file."""


class UnknownTypeError(DocumentError):
    """The content is none of the formats we read (pdf, docx, md, txt, tex, html)."""


class CorruptPdfError(DocumentError):
    """The PDF is damaged or truncated: no engine could open it."""


class EncryptedPdfError(DocumentError):
    """The PDF is encrypted with a password (the empty password was tried)."""


class NoTextLayerError(DocumentError):
    """The PDF has pages but no text: a scan that needs OCR first."""


class EmptyDocumentError(DocumentError):
    """The file holds no text at all."""


class TooLargeError(DocumentError):
    """The file is over the size limit (max_bytes or ANALYSER_MAX_BYTES)."""


class CorruptDocumentError(DocumentError):
    """A Word (or other structured) file is damaged and cannot be parsed."""


class EngineUnavailableError(DocumentError):
    """The PDF engine asked for is not installed."""


class TooManyPagesError(DocumentError):
    """A PDF with more pages than the limit (default 1000, ANALYSER_MAX_PAGES)."""


class TooMuchTextError(TooLargeError):
    """The document holds more text than one document is allowed (ANALYSER_MAX_CHARS), or a page far more than a page can."""


class DecompressionBombError(TooLargeError):
    """A compressed part (a .docx member, a PDF stream) would inflate far beyond any real document."""


class NotTextError(UnknownTypeError):
    """Bytes that decode to no readable text (binary data with a text byte-order mark...)."""
