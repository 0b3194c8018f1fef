"""The class overview's charts, as geometry computed here and drawn as inline SVG.

Server-side SVG keeps the overview one self-contained file that opens
anywhere (no JavaScript chart library, no network).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 500, 200, 28


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # under the bar
    value: str  # above the bar
    title: str  # tooltip


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    baseline: float  # y of the axis


def distribution(totals: list[float], scale: float, bins: int = 10) -> Chart:
    """Histogram of the totals over [0, scale] in `bins` equal bins (the last one closed)."""
    step = scale / bins
    counts = [0] * bins
    for total in totals:
        counts[min(int(total // step), bins - 1) if total >= 0 else 0] += 1
    labels = [f"{_fmt(i * step)}–{_fmt((i + 1) * step)}" for i in range(bins)]
    return _bars("Score distribution", counts, labels, top=max(counts, default=0),
                 titles=[f"{n} student(s) scored {label}" for n, label in zip(counts, labels)])


def criterion_means(criteria: list[tuple[str, str]], means: list[float | None], top: float = 3) -> Chart:
    values = [m if m is not None else 0.0 for m in means]
    titles = [f"{title}: mean {m:.2f} / {_fmt(top)}" if m is not None else f"{title}: no score"
              for (_, title), m in zip(criteria, means)]
    return _bars("Mean score per criterion", values, [cid for cid, _ in criteria], top=top, titles=titles)


def _bars(title: str, values: list[float], labels: list[str], top: float, titles: list[str]) -> Chart:
    count = max(len(values), 1)
    slot = (WIDTH - 2 * MARGIN) / count
    usable = HEIGHT - 2 * MARGIN
    top = top or 1  # an empty class draws empty bars, not a division by zero
    bars = []
    for i, (value, label, tip) in enumerate(zip(values, labels, titles)):
        height = usable * value / top
        bars.append(Bar(
            x=round(MARGIN + i * slot + slot * 0.1, 1),
            y=round(HEIGHT - MARGIN - height, 1),
            width=round(slot * 0.8, 1),
            height=round(height, 1),
            label=label,
            value=_fmt(value),
            title=tip,
        ))
    return Chart(title, WIDTH, HEIGHT, bars, HEIGHT - MARGIN)


def _fmt(value: float) -> str:
    return str(int(value)) if math.isclose(value, round(value)) else f"{value:.2f}".rstrip("0")
