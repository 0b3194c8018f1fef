"""Nearest-neighbour classification (1-NN by default) and pairwise distances."""

from __future__ import annotations

import numpy as np

from analyser.lab._base import BaseEstimator, ClassifierMixin, check_is_fitted, encode_classes, fit_data, predict_data


def squared_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b for every pair (clipped at 0 against rounding)."""
    D = (A**2).sum(axis=1)[:, None] + (B**2).sum(axis=1)[None, :] - 2.0 * A @ B.T
    return np.maximum(D, 0.0)


class NearestNeighbourClassifier(ClassifierMixin, BaseEstimator):
    """Predicts the majority class of the `n_neighbors` closest training points (Euclidean).

    With n_neighbors = 1 (the default) the training error is 0 on data without
    duplicates: the model memorises.
    """

    def __init__(self, n_neighbors: int = 1):
        self.n_neighbors = n_neighbors

    def fit(self, X, y):
        X, y = fit_data(self, X, y)
        self._codes = encode_classes(self, y)
        self._X = X
        self.n_samples_fit_ = len(X)
        return self

    def kneighbors(self, X, chunk: int = 2048):
        """(distances, indices) of the n_neighbors nearest training points, closest first."""
        check_is_fitted(self)
        X = predict_data(self, X)
        k = min(int(self.n_neighbors), len(self._X))
        dist, idx = [], []
        for start in range(0, len(X), chunk):  # bounded memory: chunk x n_train at a time
            D = squared_distances(X[start : start + chunk], self._X)
            part = np.argpartition(D, k - 1, axis=1)[:, :k] if k < D.shape[1] else np.tile(np.arange(D.shape[1]), (len(D), 1))
            d = np.take_along_axis(D, part, axis=1)
            order = np.argsort(d, axis=1, kind="stable")
            idx.append(np.take_along_axis(part, order, axis=1))
            dist.append(np.sqrt(np.take_along_axis(d, order, axis=1)))
        return np.vstack(dist), np.vstack(idx)

    def predict_proba(self, X):
        _, idx = self.kneighbors(X)
        votes = self._codes[idx]
        P = np.zeros((len(idx), len(self.classes_)))
        for j in range(votes.shape[1]):
            P[np.arange(len(idx)), votes[:, j]] += 1
        return P / votes.shape[1]

    def predict(self, X):
        P = self.predict_proba(X)
        return self.classes_[np.argmax(P, axis=1)]
