"""Gradient descent and stochastic gradient descent as reusable optimisers.

An optimiser minimises an `Objective`: the empirical risk over n samples,
R(theta) = (1/n) sum_i l(theta; x_i, y_i), given by its full value `loss(theta)`
and the mean gradient over a subset of the samples `gradient(theta, idx)`.

SGD draws batches of size max(1, round(gamma * n)) without replacement within
an epoch: gamma = 1 is full-batch gradient descent, gamma = 1/n online SGD.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Objective:
    """The risk to minimise: full value and mean gradient over sample indices."""

    loss: Callable[[np.ndarray], float]
    gradient: Callable[[np.ndarray, np.ndarray | slice], np.ndarray]
    n_samples: int


@dataclass
class OptimResult:
    theta: np.ndarray
    history: list[float] = field(default_factory=list)  # R(theta) at the start and after each epoch
    n_epochs: int = 0
    n_updates: int = 0
    converged: bool = False  # stopped by the tolerance rule at a risk below the start
    stopped: str = "max_epochs"  # "tolerance" | "max_epochs" | "diverged"


class SGD:
    """Mini-batch stochastic gradient descent with a stopping criterion.

    Parameters
    ----------
    learning_rate : float
        Step size eta in theta <- theta - eta * grad.
    batch_fraction : float
        gamma, the fraction of the n samples in a batch (1/n: online, 1: full batch).
    max_epochs : int
        Passes over the data at most.
    tol, n_iter_no_change : float, int
        Stop when the risk has not dropped by more than `tol` below its best
        value for `n_iter_no_change` consecutive epochs (scikit-learn's rule).
    momentum : float
        Heavy-ball momentum, v <- mu v - eta grad; theta <- theta + v.
    random_state : int | None
        Seed of the batch order.
    record : bool
        Evaluate the full risk after each epoch (needed for `tol`; costs one
        pass per epoch).
    """

    def __init__(
        self,
        learning_rate: float = 0.01,
        batch_fraction: float = 0.1,
        max_epochs: int = 100,
        tol: float | None = 1e-6,
        n_iter_no_change: int = 5,
        momentum: float = 0.0,
        shuffle: bool = True,
        random_state: int | None = None,
        record: bool = True,
    ):
        self.learning_rate = learning_rate
        self.batch_fraction = batch_fraction
        self.max_epochs = max_epochs
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.momentum = momentum
        self.shuffle = shuffle
        self.random_state = random_state
        self.record = record

    def batch_size(self, n: int) -> int:
        if not 0 < self.batch_fraction <= 1:
            raise ValueError(f"batch_fraction must be in (0, 1], got {self.batch_fraction}")
        return max(1, min(n, int(round(self.batch_fraction * n))))

    def minimise(
        self, objective: Objective, theta0: np.ndarray, callback: Callable[[int, np.ndarray], None] | None = None
    ) -> OptimResult:
        """Run the epochs from theta0; `callback(epoch, theta)` after each epoch (e.g. a validation risk)."""
        n = objective.n_samples
        size = self.batch_size(n)
        rng = np.random.default_rng(self.random_state)
        theta = np.array(theta0, dtype=np.float64, copy=True)
        velocity = np.zeros_like(theta)
        result = OptimResult(theta=theta)
        best = np.inf
        stale = 0
        if self.record or self.tol is not None:
            best = objective.loss(theta)
            result.history.append(best)
        order = np.arange(n)
        for epoch in range(self.max_epochs):
            if self.shuffle and size < n:
                rng.shuffle(order)
            for start in range(0, n, size):
                idx = slice(None) if size >= n else order[start : start + size]
                grad = objective.gradient(theta, idx)
                if self.momentum:
                    velocity *= self.momentum
                    velocity -= self.learning_rate * grad
                    theta += velocity
                else:
                    theta -= self.learning_rate * grad
                result.n_updates += 1
            result.n_epochs = epoch + 1
            if callback is not None:
                callback(epoch + 1, theta)
            if not (self.record or self.tol is not None):
                continue
            risk = objective.loss(theta)
            result.history.append(risk)
            if not np.isfinite(risk):
                result.stopped = "diverged"  # the step is too large; the history shows it
                break
            if self.tol is not None:
                stale = stale + 1 if risk > best - self.tol else 0
                best = min(best, risk)
                if stale >= self.n_iter_no_change:
                    # a risk that stopped falling above where it started is a divergence
                    result.stopped = "tolerance" if risk <= result.history[0] else "diverged"
                    result.converged = result.stopped == "tolerance"
                    break
        result.theta = theta
        return result


class GradientDescent(SGD):
    """Full-batch gradient descent: SGD with gamma = 1, stopping on a flat risk."""

    def __init__(
        self,
        learning_rate: float = 0.1,
        max_epochs: int = 1000,
        tol: float | None = 1e-8,
        n_iter_no_change: int = 1,
        momentum: float = 0.0,
        record: bool = True,
    ):
        super().__init__(
            learning_rate=learning_rate,
            batch_fraction=1.0,
            max_epochs=max_epochs,
            tol=tol,
            n_iter_no_change=n_iter_no_change,
            momentum=momentum,
            shuffle=False,
            random_state=None,
            record=record,
        )


def least_squares_objective(X: np.ndarray, y: np.ndarray) -> Objective:
    """R(theta) = (1/n) ||X theta - y||^2, gradient (2/|B|) X_B^T (X_B theta - y_B)."""

    def loss(theta):
        r = X @ theta - y
        return float(r @ r) / len(y)

    def gradient(theta, idx):
        Xb, yb = X[idx], y[idx]
        return 2.0 * Xb.T @ (Xb @ theta - yb) / len(yb)

    return Objective(loss=loss, gradient=gradient, n_samples=len(y))
