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
    facts: dict[str, str]  # kind of fact -> its label, e.g. "loss" -> "Loss"
    lab: dict[str, str]  # lab experiment -> what running it shows
    # kind of fact -> {vocabulary value of analyser.facts -> how it reads}, e.g. "validation" -> {"k-fold-cv": ...}
    values: dict[str, dict[str, str]]
    numbers: dict[str, str]  # how numbers are written: thousands separator, decimal mark, percent sign
    questions: dict[str, str]  # a critical question of analyser.facts (English) -> its translation
    # Questions with numbers in them: (pattern on the English text, translation with {1}, {2}...).
    question_patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)

    def value(self, kind: str, value: str) -> str:
        """A fact's vocabulary value of `kind` (a task, a family, a split...) as it reads in this language."""
        return self.values.get(kind, {}).get(value, value)

    def integer(self, number: int) -> str:
        """42,966 in English, 42 966 in French."""
        return f"{number:,}".replace(",", self.numbers["thousands"])

    def decimal(self, number: float) -> str:
        """0.25 in English, 0,25 in French (at most 6 significant digits, as %g)."""
        text = f"{number:g}"
        if "e" in text or abs(number) < 1000:
            return text.replace(".", self.numbers["decimal"])
        whole, _, fraction = text.partition(".")
        return self.integer(int(whole)) + (self.numbers["decimal"] + fraction if fraction else "")

    def percent(self, fraction: float) -> str:
        """80% in English, 80 % in French."""
        return self.decimal(round(fraction * 100, 1)) + self.numbers["percent"]

    def question(self, text: str) -> str:
        """A critical question of analyser.facts in this language (as it is when no translation fits)."""
        if text in self.questions:
            return self.questions[text]
        for pattern, translation in self.question_patterns:
            match = pattern.fullmatch(text)
            if match:
                return translation.format(None, *(self.number_text(group) for group in match.groups()))
        return text

    def number_text(self, text: str) -> str:
        """A number analyser.facts wrote in English ("1,200,000", "0.25") as this language writes it; other text as it is."""
        if not _ENGLISH_NUMBER.fullmatch(text):
            return text
        whole, _, fraction = text.replace(",", "").partition(".")
        return self.integer(int(whole)) + (self.numbers["decimal"] + fraction if fraction else "")


_ENGLISH_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@lru_cache(maxsize=None)
def texts(lang: str) -> Texts:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown template language {lang!r} (choose from {', '.join(LANGUAGES)})")
    with open(Path(__file__).parent / f"{lang}.toml", "rb") as handle:
        data = tomllib.load(handle)
    patterns = [(re.compile(item["pattern"]), item["text"]) for item in data.get("question_patterns", [])]
    return Texts(
        lang, data["labels"], data["facts"], data["lab"], data["values"], data["numbers"],
        data["questions"], patterns,
    )
