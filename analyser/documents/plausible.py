"""Is decoded text really text? A plausibility test for files read as plain text.

A byte-order mark makes any binary file decodable: after "FF FE" every pair
of bytes is a UTF-16 character, so a garbage file reads as a page of
Chinese-looking ideographs -- and was graded. Real text, in any language,
has tell-tale proportions that garbage lacks:

- almost no control characters, unassigned or private-use code points, and
  no U+FFFD (what undecodable bytes become);
- letters from one to three scripts (Latin with some Greek for a French or
  English analysis; Han with Hiragana and Katakana for Japanese), not a
  spread over a dozen;
- spaces or punctuation every few dozen characters, even in Chinese.

The test reads a bounded sample, so it costs the same on any file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

SAMPLE_CHARS = 20_000
MIN_CHARS = 200  # shorter texts are too short to judge: let them through
MAX_BAD_SHARE = 0.02  # controls, unassigned, private use, surrogates, U+FFFD
MIN_SCRIPTS_SHARE = 0.9  # of the letters, in the three most used scripts
MIN_BREAKS_SHARE = 0.02  # spaces and punctuation among all characters


def problem(text: str) -> str | None:
    """Why `text` does not look like text, or None when it does."""
    sample = _sample(text)
    if len(sample) < MIN_CHARS:
        return None
    # ASCII is counted by regular expressions (in C); only the other characters, a few per page in
    # French or English, are looked up one by one.
    bad = len(_ASCII_BAD.findall(sample))
    latin = len(_ASCII_LETTER.findall(sample))
    breaks = len(_ASCII_BREAK.findall(sample))
    scripts: Counter[str] = Counter()
    for char in _NON_ASCII.findall(sample):
        category = unicodedata.category(char)
        if char == "\ufffd" or category in ("Cn", "Co", "Cs", "Cc"):
            bad += 1
        elif category[0] == "L":
            scripts[_script(char)] += 1
        elif category[0] in "PZ":
            breaks += 1
    scripts["LATIN"] += latin
    letters = sum(scripts.values())
    total = len(sample)
    if bad / total > MAX_BAD_SHARE:
        return f"{100 * bad / total:.0f} % of its characters are control, unassigned or undecodable ones"
    if letters >= MIN_CHARS // 2:
        main = sum(count for _, count in scripts.most_common(3))
        if main / letters < MIN_SCRIPTS_SHARE:
            return f"its letters are spread over {len([s for s in scripts if scripts[s]])} writing systems"
    if breaks / total < MIN_BREAKS_SHARE:
        return "it has almost no spaces or punctuation"
    return None


_ASCII_BAD = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # controls, but tab, line feed, vertical tab, form feed, return
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_BREAK = re.compile(r"[\t-\r !-/:-@\[-`{-~]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _sample(text: str) -> str:
    """The start and the middle of `text`: a file may open with a plausible header and go on as garbage."""
    if len(text) <= SAMPLE_CHARS:
        return text
    half = SAMPLE_CHARS // 2
    middle = len(text) // 2
    return text[:half] + text[middle:middle + half]


def _script(char: str) -> str:
    """The writing system of a letter, from its Unicode name: LATIN, GREEK, CJK, HANGUL, HIRAGANA..."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"
