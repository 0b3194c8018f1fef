"""Splitting data, k-fold cross-validation and grid search."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
from sklearn.base import clone

from analyser.lab._base import BaseEstimator


def train_test_split(*arrays, test_size: float | int = 0.2, random_state: int | None = None, shuffle: bool = True):
    """Split each array into (train, test) parts along its first axis.

    Returns train_1, test_1, train_2, test_2, ... like scikit-learn.
    """
    if not arrays:
        raise ValueError("at least one array is needed")
    n = len(arrays[0])
    if any(len(a) != n for a in arrays):
        raise ValueError("all arrays must have the same length")
    n_test = int(np.ceil(test_size * n)) if isinstance(test_size, float) else int(test_size)
    if not 0 < n_test < n:
        raise ValueError(f"test_size={test_size} leaves no train or no test sample out of {n}")
    order = np.random.default_rng(random_state).permutation(n) if shuffle else np.arange(n)
    test, train = order[:n_test], order[n_test:]
    out = []
    for a in arrays:
        a = np.asarray(a)
        out += [a[train], a[test]]
    return out


class KFold:
    """k consecutive folds (after an optional shuffle); each is the validation set once.

    The first n % k folds have one sample more, as in scikit-learn.
    """

    def __init__(self, n_splits: int = 5, shuffle: bool = False, random_state: int | None = None):
        if n_splits < 2:
            raise ValueError(f"n_splits must be at least 2, got {n_splits}")
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def split(self, X, y=None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        n = len(X)
        if self.n_splits > n:
            raise ValueError(f"cannot make {self.n_splits} folds out of {n} samples")
        order = np.random.default_rng(self.random_state).permutation(n) if self.shuffle else np.arange(n)
        sizes = np.full(self.n_splits, n // self.n_splits)
        sizes[: n % self.n_splits] += 1
        start = 0
        for size in sizes:
            val = order[start : start + size]
            train = np.concatenate([order[:start], order[start + size :]])
            yield train, val
            start += size

    def get_n_splits(self, X=None, y=None) -> int:
        return self.n_splits


def _scorer(scoring):
    """Higher is better for every scorer, as in scikit-learn."""
    if scoring is None:
        return lambda est, X, y: est.score(X, y)
    if callable(scoring):
        return scoring
    if scoring == "accuracy":
        return lambda est, X, y: float(np.mean(est.predict(X) == y))
    if scoring == "neg_mean_squared_error":
        return lambda est, X, y: -float(np.mean((est.predict(X) - y) ** 2))
    raise ValueError(f"scoring must be None, a callable, 'accuracy' or 'neg_mean_squared_error', got {scoring!r}")


def cross_val_score(estimator, X, y, *, cv: int | KFold = 5, scoring=None) -> np.ndarray:
    """The score of a fresh clone of `estimator` on each validation fold."""
    X, y = np.asarray(X), np.asarray(y)
    folds = KFold(cv) if isinstance(cv, int) else cv
    score = _scorer(scoring)
    return np.array([score(clone(estimator).fit(X[tr], y[tr]), X[va], y[va]) for tr, va in folds.split(X)])


class GridSearch(BaseEstimator):
    """Exhaustive search of `param_grid` by cross-validation, then a refit on all data.

    Attributes after fit: `best_params_`, `best_score_`, `best_estimator_`,
    `cv_results_` (a list of {"params", "mean_score", "std_score"}).
    """

    def __init__(self, estimator, param_grid: dict, *, cv: int | KFold = 5, scoring=None):
        self.estimator = estimator
        self.param_grid = param_grid
        self.cv = cv
        self.scoring = scoring

    def fit(self, X, y):
        names = list(self.param_grid)
        self.cv_results_ = []
        for values in itertools.product(*(self.param_grid[name] for name in names)):
            params = dict(zip(names, values))
            scores = cross_val_score(clone(self.estimator).set_params(**params), X, y, cv=self.cv, scoring=self.scoring)
            self.cv_results_.append({"params": params, "mean_score": float(scores.mean()), "std_score": float(scores.std())})
        best = max(self.cv_results_, key=lambda r: r["mean_score"])  # first of equal scores
        self.best_params_, self.best_score_ = best["params"], best["mean_score"]
        self.best_estimator_ = clone(self.estimator).set_params(**self.best_params_).fit(X, y)
        return self

    def predict(self, X):
        return self.best_estimator_.predict(X)

    def score(self, X, y):
        return _scorer(self.scoring)(self.best_estimator_, X, y)
