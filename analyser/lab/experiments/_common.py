"""What the experiments share: JSON-ready results and a headless pyplot."""

from __future__ import annotations

import dataclasses

import numpy as np


def jsonable(value):
    """numpy scalars and arrays (also inside lists / dicts / dataclasses) as plain Python."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None  # JSON has no inf / nan
    return value


class Result:
    """Mixin of the experiments' result dataclasses."""

    def to_dict(self) -> dict:
        return jsonable(self)

    def summary(self) -> list[str]:  # pragma: no cover - every result overrides it
        raise NotImplementedError


def pyplot():
    """matplotlib.pyplot on the Agg backend (no display), imported only when drawing."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save(fig, path) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    pyplot().close(fig)


def mse(a, b) -> float:
    return float(np.mean((np.asarray(a) - np.asarray(b)) ** 2))
