"""Errors a user can meet while writing a template."""

from __future__ import annotations

from analyser.errors import AnalyserError


class TemplateError(AnalyserError):
    """The template could not be written (unknown language, output already there...)."""


class OutputExistsError(TemplateError):
    """The output file is already there and --force was not given."""
