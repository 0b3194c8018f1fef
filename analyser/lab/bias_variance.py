"""Bias-variance decomposition of the squared error by resampling.

Fit the estimator on R training sets D_1..D_R and predict the test points:
with f_bar(x) = mean_r f_r(x),
    E_r[(f_r(x) - t(x))^2] = (f_bar(x) - t(x))^2 + mean_r (f_r(x) - f_bar(x))^2
                              ----- bias^2 -----   -------- variance --------
averaged over the test points, exactly. t is the noise-free target when it is
known (then the noise is not in the error), else the observed y.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn.base import clone


@dataclass
class BiasVariance:
    bias2: float
    variance: float
    error: float  # mean over rounds and test points of (f_r(x) - t(x))^2 = bias2 + variance
    n_rounds: int

    def to_dict(self) -> dict:
        return {"bias2": self.bias2, "variance": self.variance, "error": self.error, "n_rounds": self.n_rounds}


def bias_variance(
    estimator,
    train: tuple[np.ndarray, np.ndarray] | Callable[[np.random.Generator], tuple[np.ndarray, np.ndarray]],
    X_test: np.ndarray,
    target_test: np.ndarray,
    *,
    n_rounds: int = 30,
    random_state: int | None = None,
) -> BiasVariance:
    """Decompose the test error of `estimator`.

    train: either (X, y), resampled with replacement (the bootstrap), or a
    function drawing a fresh training set from a generator (when the data
    distribution is known, as for the lab's linear problem).
    """
    if n_rounds < 2:
        raise ValueError("n_rounds must be at least 2")
    rng = np.random.default_rng(random_state)
    target = np.asarray(target_test, dtype=np.float64)
    predictions = np.empty((n_rounds, len(target)))
    for r in range(n_rounds):
        if callable(train):
            X, y = train(rng)
        else:
            X, y = train
            rows = rng.integers(0, len(X), len(X))
            X, y = np.asarray(X)[rows], np.asarray(y)[rows]
        predictions[r] = clone(estimator).fit(X, y).predict(X_test)
    mean = predictions.mean(axis=0)
    bias2 = float(np.mean((mean - target) ** 2))
    variance = float(np.mean(predictions.var(axis=0)))
    error = float(np.mean((predictions - target) ** 2))
    return BiasVariance(bias2=bias2, variance=variance, error=error, n_rounds=n_rounds)
