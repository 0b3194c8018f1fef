"""Errors a user can meet while writing a template."""

from __future__ import annotations

from analyser.errors import AnalyserError


class TemplateError(AnalyserError):
    """The template could not be written (unknown language, output already there...)."""


class OutputExistsError(TemplateError):
    """The output file is already there and --force was not given."""


class PaperPathError(TemplateError):
    """PAPER names a file that is not there, or a folder."""


class OutputFormatError(TemplateError):
    """--out's extension names no format, or not the one --format asks for."""


class OutputWriteError(TemplateError):
    """The template could not be written where --out says (read-only folder, /proc...)."""
