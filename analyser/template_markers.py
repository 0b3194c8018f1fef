"""How the text a generated template carries is told apart from a student's own.

The template writes its guidance, quotes from the article and placeholders
behind these markers, in every format (Markdown, LaTeX, Word, HTML), so that
the checker can strip them from a draft: an untouched template is not student
text. The markers are plain words that survive a PDF export.
"""

from __future__ import annotations

import re

# Each guidance line of the template starts with one of these (English, French).
LINE_PREFIXES = (
    "Guiding questions:",
    "Questions to ask:",
    "Word budget:",
    "From the article",
    "Question to ask:",
    "Reminder:",
    "Lab experiment:",
    "Questions pour vous guider :",
    "Questions à poser :",
    "Budget de mots :",
    "Dans l'article",
    "Question à poser :",
    "Rappel :",
    "Expérience du lab :",
)

# Placeholders the student replaces, e.g. "[Your name]", "[Write your analysis here]".
PLACEHOLDER = re.compile(r"\[(?:Your|Write|Votre|Écrivez|Ecrivez)[^\]]{0,120}\]", re.IGNORECASE)

_LEADING_DECORATION = re.compile(r"^[\s>*_#\-•▸|]+")


def is_template_text(line: str) -> bool:
    """True for a line that the template wrote and the student did not."""
    bare = _LEADING_DECORATION.sub("", line).strip()
    if not bare:
        return False
    if PLACEHOLDER.fullmatch(bare):
        return True
    folded = bare.casefold()
    return any(folded.startswith(prefix.casefold()) for prefix in LINE_PREFIXES)


def strip_template_text(text: str) -> str:
    """The text without the template's guidance lines and placeholders."""
    kept = [PLACEHOLDER.sub("", line) for line in text.splitlines() if not is_template_text(line)]
    return "\n".join(kept)
