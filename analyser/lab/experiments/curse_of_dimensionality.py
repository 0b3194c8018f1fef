"""curse-of-dimensionality: nearest vs farthest neighbour distances as d grows.

For points uniform in [0, 1]^d the squared distance is a sum of d independent
terms, so it concentrates around d/6 with spread ~ sqrt(d): the nearest and
the farthest neighbour end up almost equally far, ratio -> 1, and "nearest"
means little.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.lab.experiments._common import Result, pyplot, save


@dataclass
class CurseResult(Result):
    n_points: int
    n_queries: int
    dims: list[int]
    nearest: list[float]  # mean over queries
    farthest: list[float]
    ratio: list[float]  # mean of nearest / farthest

    def summary(self):
        lines = [f"{self.n_points} points uniform in [0,1]^d, {self.n_queries} queries: nearest / farthest distance"]
        for d, r, near, far in zip(self.dims, self.ratio, self.nearest, self.farthest):
            lines.append(f"  d = {d:<5} ratio {r:.3f}   nearest {near:.3f}   farthest {far:.3f}")
        return lines


def run(*, seed: int = 0, quick: bool = False, out=None) -> CurseResult:
    from analyser.lab.neighbours import squared_distances

    rng = np.random.default_rng(seed)
    dims = [1, 2, 5, 10, 50, 100, 1000] if quick else [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]
    n_points, n_queries = (300, 50) if quick else (1000, 100)
    nearest, farthest, ratio = [], [], []
    for d in dims:
        points, queries = rng.random((n_points, d)), rng.random((n_queries, d))
        D = np.sqrt(squared_distances(queries, points))
        near, far = D.min(axis=1), D.max(axis=1)
        nearest.append(float(near.mean()))
        farthest.append(float(far.mean()))
        ratio.append(float(np.mean(near / far)))
    result = CurseResult(n_points=n_points, n_queries=n_queries, dims=dims, nearest=nearest, farthest=farthest, ratio=ratio)
    if out is not None:
        plt = pyplot()
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
        left.plot(dims, ratio, "o-")
        left.set(xscale="log", xlabel="dimension d", ylabel="nearest / farthest", ylim=(0, 1), title="Distances concentrate")
        scale = np.sqrt(np.asarray(dims) / 6)  # typical distance sqrt(d / 6)
        right.plot(dims, np.asarray(nearest) / scale, "o-", label="nearest")
        right.plot(dims, np.asarray(farthest) / scale, "s-", label="farthest")
        right.set(xscale="log", xlabel="dimension d", ylabel="distance / sqrt(d/6)", title="Nearest and farthest")
        right.legend()
        save(fig, out)
    return result
