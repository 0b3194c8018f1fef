"""Softmax (multinomial logistic) regression minimising the cross-entropy.

R(W) = -(1/n) sum_i log p(y_i | x_i) + alpha ||W||^2, p(k | x) = softmax(W^T x + b)_k,
the intercept b unpenalised. Solved by Newton's method (default, exact) or by
the lab's gradient descent / SGD optimisers (to watch the risk fall epoch by
epoch).
"""

from __future__ import annotations

import numpy as np

from analyser.lab._base import BaseEstimator, ClassifierMixin, encode_classes, fit_data, predict_data
from analyser.lab.optim import SGD, GradientDescent, Objective


def softmax(Z: np.ndarray) -> np.ndarray:
    Z = Z - Z.max(axis=1, keepdims=True)  # exp of a large score would overflow
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def cross_entropy(P: np.ndarray, codes: np.ndarray) -> float:
    """Mean -log p(y_i | x_i), clipped so that a confident mistake stays finite."""
    return float(-np.mean(np.log(np.clip(P[np.arange(len(codes)), codes], 1e-300, None))))


class _Problem:
    """The penalised cross-entropy of (X1, Y) for a flat parameter vector.

    Parameters are Theta (p x K), p = d (+1 for the intercept row, the last),
    flattened in row-major order.
    """

    def __init__(self, X1, codes, n_classes, alpha, fit_intercept):
        self.X1, self.codes, self.K = X1, codes, n_classes
        self.Y = np.eye(n_classes)[codes]
        self.alpha, self.fit_intercept = alpha, fit_intercept
        self.p = X1.shape[1]
        # the penalty touches the weights, not the intercept row
        self.penalised = np.ones((self.p, 1))
        if fit_intercept:
            self.penalised[-1] = 0.0

    def theta(self, flat):
        return flat.reshape(self.p, self.K)

    def loss(self, flat):
        return self._loss_and_proba(flat)[0]

    def _loss_and_proba(self, flat):
        T = self.theta(flat)
        P = softmax(self.X1 @ T)
        return cross_entropy(P, self.codes) + self.alpha * float(np.sum(self.penalised * T**2)), P

    def gradient(self, flat, idx=slice(None)):
        # dR/dTheta = X^T (P - Y) / n + 2 alpha Theta (weights only)
        T = self.theta(flat)
        X, Y = self.X1[idx], self.Y[idx]
        P = softmax(X @ T)
        G = X.T @ (P - Y) / len(Y) + 2 * self.alpha * self.penalised * T
        return G.ravel()

    def newton(self, max_iter, tol):
        p, K, X = self.p, self.K, self.X1
        n = len(X)
        flat = np.zeros(p * K)
        loss, P = self._loss_and_proba(flat)
        n_iter = 0
        for n_iter in range(1, max_iter + 1):
            T = self.theta(flat)
            G = X.T @ (P - self.Y) / n + 2 * self.alpha * self.penalised * T
            if np.max(np.abs(G)) < tol:
                break
            # Hessian sum_i kron(diag(p_i) - p_i p_i^T, x_i x_i^T) / n, indexed
            # (class k, feature i) -> k * p + i. With A = [X p_1 | ... | X p_K]
            # (n x pK) and G = A^T A: the second term is G, and since
            # sum_l X p_l = X, the block X^T diag(p_k) X of the first term is
            # sum_l G_kl. One matrix product for the whole Hessian.
            A = np.empty((n, K * p))
            for k in range(K):
                np.multiply(X, P[:, k : k + 1], out=A[:, k * p : (k + 1) * p])
            G4 = (A.T @ A).reshape(K, p, K, p)
            H = -G4
            for k in range(K):
                H[k, :, k, :] += G4[k].sum(axis=1)
            H = H.reshape(K * p, K * p) / n
            # reorder to match Theta's row-major flattening (index i * K + k)
            H = H.reshape(K, p, K, p).transpose(1, 0, 3, 2).reshape(p * K, p * K)
            H[np.diag_indices_from(H)] += 2 * self.alpha * np.repeat(self.penalised[:, 0], K)
            # The softmax is unchanged by adding one vector to every class, so
            # H is singular along that direction; G has no component there, and
            # a tiny ridge keeps the solve well posed without moving the optimum.
            H[np.diag_indices_from(H)] += 1e-10 * (np.trace(H) / len(H) + 1e-12)
            step = np.linalg.solve(H, G.ravel())
            # backtracking line search (Armijo) so that far-off starts converge
            t, slope = 1.0, float(G.ravel() @ step)
            while True:
                candidate = flat - t * step
                new_loss, new_P = self._loss_and_proba(candidate)
                if new_loss <= loss - 1e-4 * t * slope or t < 1e-10:
                    break
                t *= 0.5
            flat, loss, P = candidate, new_loss, new_P
            # the Newton decrement slope / 2 estimates R(theta) - min R before a
            # full step; once it is below tol, the step just taken (quadratic
            # convergence) has left an error of order tol^2: done
            if t == 1.0 and slope / 2 < tol:
                break
        return flat, n_iter


class SoftmaxRegression(ClassifierMixin, BaseEstimator):
    """Multinomial logistic regression.

    Parameters
    ----------
    alpha : float
        L2 penalty on the weights (the intercept is not penalised).
    solver : {"newton", "gd", "sgd"}
        Newton's method, or the lab's GradientDescent / SGD (`loss_curve_` then
        holds the risk after each epoch).
    max_iter : int
        Newton iterations, or epochs for gd / sgd.
    tol : float
        Newton stops when the largest gradient entry, or the Newton decrement
        (the predicted remaining drop of the risk), is below tol; gd / sgd use
        the optimisers' rule (no drop larger than tol for a few epochs).
    learning_rate, batch_fraction : float
        Step size and batch fraction gamma for gd / sgd.
    """

    def __init__(
        self,
        alpha: float = 0.0,
        fit_intercept: bool = True,
        solver: str = "newton",
        max_iter: int = 100,
        tol: float = 1e-8,
        learning_rate: float = 0.5,
        batch_fraction: float = 0.1,
        random_state: int | None = None,
    ):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver
        self.max_iter = max_iter
        self.tol = tol
        self.learning_rate = learning_rate
        self.batch_fraction = batch_fraction
        self.random_state = random_state

    def _design(self, X):
        return np.hstack([X, np.ones((len(X), 1))]) if self.fit_intercept else X

    def fit(self, X, y, eval_set: tuple | None = None):
        """Fit; with gd / sgd and `eval_set=(X_val, y_val)`, `eval_loss_curve_` holds
        the validation cross-entropy after each epoch."""
        X, y = fit_data(self, X, y)
        codes = encode_classes(self, y)
        self.eval_loss_curve_ = []
        callback = None
        if eval_set is not None:
            X_val = self._design(np.asarray(eval_set[0], dtype=np.float64))
            val_codes = np.searchsorted(self.classes_, np.asarray(eval_set[1]))
            K = len(self.classes_)

            def callback(epoch, flat):
                P = softmax(X_val @ flat.reshape(-1, K))
                self.eval_loss_curve_.append(cross_entropy(P, val_codes))

            callback(0, np.zeros(X_val.shape[1] * K))
        problem = _Problem(self._design(X), codes, len(self.classes_), float(self.alpha), self.fit_intercept)
        if self.solver == "newton":
            flat, self.n_iter_ = problem.newton(self.max_iter, self.tol)
            self.loss_curve_ = [problem.loss(flat)]
            if callback is not None:
                callback(self.n_iter_, flat)
        elif self.solver in ("gd", "sgd"):
            objective = Objective(loss=problem.loss, gradient=problem.gradient, n_samples=len(codes))
            if self.solver == "gd":
                optimiser = GradientDescent(learning_rate=self.learning_rate, max_epochs=self.max_iter, tol=self.tol)
            else:
                optimiser = SGD(
                    learning_rate=self.learning_rate,
                    batch_fraction=self.batch_fraction,
                    max_epochs=self.max_iter,
                    tol=self.tol,
                    random_state=self.random_state,
                )
            result = optimiser.minimise(objective, np.zeros(problem.p * problem.K), callback)
            flat, self.n_iter_, self.loss_curve_ = result.theta, result.n_epochs, result.history
        else:
            raise ValueError(f"solver must be 'newton', 'gd' or 'sgd', got {self.solver!r}")
        T = problem.theta(flat)
        W = T[:-1] if self.fit_intercept else T
        self.coef_ = W.T.copy()  # (K, d), scikit-learn's layout
        self.intercept_ = T[-1].copy() if self.fit_intercept else np.zeros(problem.K)
        return self

    def _scores(self, X):
        X = predict_data(self, X)
        return X @ self.coef_.T + self.intercept_

    def decision_function(self, X):
        """Class scores W^T x + b; for two classes the 1-D difference z_1 - z_0, as in scikit-learn."""
        Z = self._scores(X)
        return Z[:, 1] - Z[:, 0] if Z.shape[1] == 2 else Z

    def predict_proba(self, X):
        return softmax(self._scores(X))

    def predict_log_proba(self, X):
        return np.log(self.predict_proba(X))

    def predict(self, X):
        Z = self._scores(X)
        return self.classes_[np.argmax(Z, axis=1)]
