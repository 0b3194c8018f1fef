"""Options several commands share, declared once so that they read the same everywhere."""

from __future__ import annotations

import click

pdf_engine_option = click.option(
    "--pdf-engine",
    type=click.Choice(["auto", "pypdf", "pdfium"]),
    default="auto",
    show_default=True,
    help="PDF text engine; auto prefers pdfium and falls back to pypdf.",
)
