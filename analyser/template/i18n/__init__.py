"""The fixed words of the template in each language (en.toml, fr.toml here)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Texts:
    lang: str
    labels: dict[str, str]  # layout words: "Name", "Word budget:", placeholders...
    headings: dict[str, str]  # criterion id -> heading, when the rubric has none in this language
    facts: dict[str, str]  # kind of fact -> its label, e.g. "loss" -> "Loss"
    lab: dict[str, str]  # lab experiment -> what running it shows
    values: dict[str, str]  # a fact's vocabulary id -> how it reads, e.g. "k-fold-cv"
    questions: dict[str, str]  # a critical question of analyser.facts (English) -> its translation
    # Questions with numbers in them: (pattern on the English text, translation with {1}, {2}...).
    question_patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)

    def question(self, text: str) -> str:
        """A critical question of analyser.facts in this language (as it is when no translation fits)."""
        if text in self.questions:
            return self.questions[text]
        for pattern, translation in self.question_patterns:
            match = pattern.fullmatch(text)
            if match:
                return translation.format(None, *match.groups())
        return text


@lru_cache(maxsize=None)
def texts(lang: str) -> Texts:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown template language {lang!r} (choose from {', '.join(LANGUAGES)})")
    with open(Path(__file__).parent / f"{lang}.toml", "rb") as handle:
        data = tomllib.load(handle)
    patterns = [(re.compile(item["pattern"]), item["text"]) for item in data.get("question_patterns", [])]
    return Texts(
        lang, data["labels"], data["headings"], data["facts"], data["lab"], data["values"], data["questions"], patterns
    )
