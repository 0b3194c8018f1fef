"""A submission's text cut into paragraphs of segments, each segment knowing which criteria quote it.

The review page shows the student's text beside the scores with each
criterion's evidence sentences highlighted; the template escapes every
segment (the text is the student's), so nothing here builds HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ELLIPSIS = "…"
_MARK = re.compile(r"\s*\((?:copied from the article|copié de l'article)\)\s*$")


@dataclass(frozen=True)
class Segment:
    text: str
    criteria: tuple[str, ...] = ()


def paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def highlight(text: str, evidence: dict[str, list[str]]) -> list[list[Segment]]:
    """`text` as paragraphs of segments; `evidence` is criterion id -> the quotes its score rests on."""
    result = []
    for paragraph in paragraphs(text):
        marks: list[tuple[int, int, str]] = []
        for cid, quotes in evidence.items():
            for quote in quotes:
                needle = _needle(quote)
                if len(needle) < 12:
                    continue  # too short to find the right place
                start = paragraph.find(needle)
                while start >= 0:
                    marks.append((start, start + len(needle), cid))
                    start = paragraph.find(needle, start + len(needle))
        result.append(_segments(paragraph, marks))
    return result


def _needle(quote: str) -> str:
    quote = _MARK.sub("", " ".join((quote or "").split()))
    return quote[:-1].rstrip() if quote.endswith(_ELLIPSIS) else quote


def _segments(paragraph: str, marks: list[tuple[int, int, str]]) -> list[Segment]:
    if not marks:
        return [Segment(paragraph)]
    cuts = sorted({0, len(paragraph), *(m[0] for m in marks), *(m[1] for m in marks)})
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        covering = tuple(sorted({cid for s, e, cid in marks if s <= start and end <= e}))
        segments.append(Segment(paragraph[start:end], covering))
    return segments
