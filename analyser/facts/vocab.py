"""Vocabularies (model names, datasets, metrics...) read from `vocab/*.toml`.

Each TOML file holds arrays of tables, one array per group (e.g. `[[task]]`).
An entry names its canonical `value` and how it is written:
  terms    plain words, case-insensitive; spaces match spaces or hyphens and a
           final plural "s"/"es" is allowed. List British and American spellings.
  acronyms case-sensitive words such as "RF" or "MAE".
  patterns regular expressions (case-insensitive) for what words cannot say.
  anchors  (with patterns) lower-case words one of which every match contains;
           they let the search skip sentences (patterns without anchors scan all).
Optional: `family` (models), `weight` (< 1 for weak cues), and any other key,
kept in `extra`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

VOCAB_DIR = Path(__file__).parent / "vocab"

# A term must not be glued to a longer word: "supervised" is not in "self-supervised".
_LEFT = r"(?<![\w\-])"
_RIGHT = r"(?![\w])"


@dataclass(frozen=True)
class Entry:
    value: str
    regex: str  # compiled on first use (`pattern`): most entries never occur in a paper
    family: str | None = None
    weight: float = 1.0
    # Strings one of which every match contains (lower-case ones searched in the
    # lower-cased text, acronyms as written); None: no shortcut, scan everything.
    anchors: tuple[str, ...] | None = None
    exact_anchors: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    @cached_property
    def pattern(self) -> re.Pattern:
        return re.compile(self.regex, re.IGNORECASE)


def term_regex(term: str) -> str:
    words = re.split(r"[\s\-]+", term.strip())
    body = r"[\s\-\u2010\u2011]*".join(re.escape(word) for word in words)
    if words[-1][-1:].isalpha():
        body += "(?:e?s)?"
    return _LEFT + body + _RIGHT


def _entry(raw: dict, source: str) -> Entry:
    try:
        value = raw["value"]
    except KeyError as error:
        raise ValueError(f"{source}: an entry has no 'value'") from error
    parts = [term_regex(term) for term in raw.get("terms", [])]
    parts += [f"(?:{pattern})" for pattern in raw.get("patterns", [])]
    # Acronyms are case-sensitive inside an otherwise case-insensitive pattern.
    parts += [f"(?-i:{_LEFT}{re.escape(word)}{_RIGHT})" for word in raw.get("acronyms", [])]
    if not parts:
        raise ValueError(f"{source}: entry {value!r} has no terms, acronyms or patterns")
    known = {"value", "terms", "patterns", "acronyms", "family", "weight", "anchors"}
    anchors: tuple[str, ...] | None = None
    exact: tuple[str, ...] = ()
    if not raw.get("patterns") or raw.get("anchors"):
        # The longest word of a term is the rarest one to look for.
        words = [max(re.split(r"[\s\-]+", term.strip()), key=len) for term in raw.get("terms", [])]
        words += list(raw.get("anchors", []))
        anchors = tuple(sorted({word.lower() for word in words if word}))
        exact = tuple(sorted(set(raw.get("acronyms", []))))
    return Entry(
        value=value,
        regex="|".join(parts),
        family=raw.get("family"),
        weight=float(raw.get("weight", 1.0)),
        anchors=anchors,
        exact_anchors=exact,
        extra={key: item for key, item in raw.items() if key not in known},
    )


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, tuple[Entry, ...]]:
    """The groups of `vocab/<name>.toml`, each a tuple of entries in file order."""
    path = VOCAB_DIR / f"{name}.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return {
        group: tuple(_entry(item, f"{path.name} [{group}]") for item in items)
        for group, items in raw.items()
        if isinstance(items, list)
    }


def group(name: str, group_name: str) -> tuple[Entry, ...]:
    return load(name)[group_name]
