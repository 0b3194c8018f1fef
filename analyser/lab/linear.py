"""Least squares by the normal equations, and ridge in closed form.

Both centre X and y first when `fit_intercept`: the intercept then drops out
of the normal equations (and is never penalised), b = mean(y) - mean(X) theta.
"""

from __future__ import annotations

import numpy as np

from analyser.lab._base import BaseEstimator, RegressorMixin, fit_data, predict_data


def _centre(X, y, fit_intercept: bool):
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), np.zeros(y.shape[1:])
    x_mean, y_mean = X.mean(axis=0), y.mean(axis=0)
    return X - x_mean, y - y_mean, x_mean, y_mean


def _normal_equations(X, y):
    # theta = (X^T X)^-1 X^T y; Cholesky when X^T X is positive definite,
    # else (n < d, collinear columns) the minimum-norm solution X^+ y, which is
    # what makes the test risk peak at n = d (the overfitting-d100 experiment).
    n, d = X.shape
    if n > d:
        gram = X.T @ X
        try:
            L = np.linalg.cholesky(gram)
            z = np.linalg.solve(L, X.T @ y)
            theta = np.linalg.solve(L.T, z)
            # Cholesky of a nearly singular matrix can succeed and lose all
            # precision; a tiny pivot (diagonal of L) relative to the largest
            # flags it cheaply, and lstsq takes over.
            pivots = np.abs(np.diag(L))
            if np.all(np.isfinite(theta)) and pivots.min() > 1e-7 * pivots.max():
                return theta
        except np.linalg.LinAlgError:
            pass
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _ridge(X, y, lam: float):
    # theta = (X^T X / n + lam I)^-1 X^T y / n
    n, d = X.shape
    if n >= d or lam == 0:
        A = X.T @ X / n
        A[np.diag_indices_from(A)] += lam
        return np.linalg.solve(A, X.T @ y / n)
    # d > n: the same theta by the push-through identity, solving n x n:
    # theta = X^T (X X^T / n + lam I)^-1 y / n
    K = X @ X.T / n
    K[np.diag_indices_from(K)] += lam
    return X.T @ np.linalg.solve(K, y / n)


class _LinearModel(RegressorMixin, BaseEstimator):
    def _solve(self, X, y):  # pragma: no cover - abstract
        raise NotImplementedError

    def fit(self, X, y):
        X, y = fit_data(self, X, y, multi_output=True)
        y = np.asarray(y, dtype=np.float64)
        Xc, yc, x_mean, y_mean = _centre(X, y, self.fit_intercept)
        theta = self._solve(Xc, yc)
        # coef_ has scikit-learn's shape: (d,) or (n_targets, d)
        self.coef_ = theta.T if theta.ndim == 2 else theta
        self.intercept_ = y_mean - x_mean @ theta if self.fit_intercept else (0.0 if y.ndim == 1 else np.zeros(y.shape[1]))
        return self

    def predict(self, X):
        X = predict_data(self, X)
        return X @ self.coef_.T + self.intercept_


class LinearRegression(_LinearModel):
    """Ordinary least squares, theta = (Phi^T Phi)^-1 Phi^T y.

    Parameters
    ----------
    fit_intercept : bool
        Add an unpenalised intercept (the data are centred).
    """

    def __init__(self, fit_intercept: bool = True):
        self.fit_intercept = fit_intercept

    def _solve(self, X, y):
        return _normal_equations(X, y)


class Ridge(_LinearModel):
    """Ridge regression minimising (1/n)||Phi theta - y||^2 + alpha ||theta||^2.

    The intercept is not penalised, so this equals scikit-learn's
    `Ridge(alpha=n * alpha)`.
    """

    def __init__(self, alpha: float = 1.0, fit_intercept: bool = True):
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def _solve(self, X, y):
        if self.alpha < 0:
            raise ValueError(f"alpha must be >= 0, got {self.alpha}")
        return _ridge(X, y, float(self.alpha))
