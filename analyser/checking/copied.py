"""Sentences of a submission found nearly verbatim in the article.

A copied sentence shows the student found the passage, not that they
understood it: it may still show a topic is *mentioned* (level 1), but it
never counts as the student's explanation (levels 2 and 3).
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyser.checking.terms import fold

SHINGLE = 6  # words; long enough that shared technical phrases rarely reach it
MIN_WORDS = 9  # shorter sentences are too generic to call copied
COPIED_SHARE = 0.6  # of a sentence's shingles found in the article

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _shingles(words: list[str]) -> set[int]:
    return {hash(tuple(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


@lru_cache(maxsize=8)
def article_shingles(article_text: str) -> frozenset[int]:
    return frozenset(_shingles(_words(article_text)))


def copied_share(sentence: str, shingles: frozenset[int]) -> float:
    words = _words(sentence)
    if len(words) < MIN_WORDS:
        return 0.0
    own = _shingles(words)
    return len(own & shingles) / len(own) if own else 0.0


def is_copied(sentence: str, shingles: frozenset[int]) -> bool:
    return bool(shingles) and copied_share(sentence, shingles) >= COPIED_SHARE
