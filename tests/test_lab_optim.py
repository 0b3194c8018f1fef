"""Gradient descent and SGD as optimisers: convergence, batch sizes, stopping."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from analyser.lab import SGD, GradientDescent
from analyser.lab.optim import Objective, least_squares_objective


@pytest.fixture
def problem():
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(200), rng.normal(size=(200, 3))])
    y = X @ np.array([1.0, -2.0, 0.5, 3.0]) + rng.normal(0, 0.3, 200)
    return X, y, np.linalg.lstsq(X, y, rcond=None)[0]


def test_gradient_descent_reaches_least_squares_and_stops(problem):
    X, y, exact = problem
    result = GradientDescent(learning_rate=0.2, tol=1e-12).minimise(least_squares_objective(X, y), np.zeros(4))
    assert result.converged and result.stopped == "tolerance"
    assert result.n_epochs < 1000
    assert_allclose(result.theta, exact, atol=1e-5)
    assert np.all(np.diff(result.history) <= 0)  # a small enough step never climbs


def test_looser_tolerance_stops_sooner(problem):
    X, y, _ = problem
    objective = least_squares_objective(X, y)
    loose = GradientDescent(learning_rate=0.05, tol=1e-2).minimise(objective, np.zeros(4))
    tight = GradientDescent(learning_rate=0.05, tol=1e-10).minimise(objective, np.zeros(4))
    assert loose.converged and tight.converged
    assert loose.n_epochs < tight.n_epochs


@pytest.mark.parametrize("gamma, size", [(1 / 200, 1), (2 / 200, 2), (0.1, 20), (0.5, 100), (1.0, 200)])
def test_batch_fraction_sets_updates_per_epoch(problem, gamma, size):
    X, y, _ = problem
    sgd = SGD(learning_rate=0.01, batch_fraction=gamma, max_epochs=3, tol=None, random_state=0)
    assert sgd.batch_size(200) == size
    result = sgd.minimise(least_squares_objective(X, y), np.zeros(4))
    assert result.n_updates == 3 * int(np.ceil(200 / size))
    assert len(result.history) == 4


@pytest.mark.parametrize("gamma", [1 / 200, 0.1, 1.0])
def test_sgd_converges_near_the_optimum(problem, gamma):
    X, y, exact = problem
    objective = least_squares_objective(X, y)
    sgd = SGD(learning_rate=0.02, batch_fraction=gamma, max_epochs=300, tol=None, random_state=1)
    result = sgd.minimise(objective, np.zeros(4))
    assert result.history[-1] < 1.1 * objective.loss(exact)
    assert result.history[-1] < 0.01 * result.history[0]


def test_sgd_is_reproducible_with_a_seed(problem):
    X, y, _ = problem
    run = lambda seed: SGD(batch_fraction=0.05, max_epochs=5, random_state=seed).minimise(  # noqa: E731
        least_squares_objective(X, y), np.zeros(4)).theta
    assert_allclose(run(3), run(3))
    assert not np.allclose(run(3), run(4))


def test_too_large_a_step_diverges_and_stops(problem):
    X, y, _ = problem
    with np.errstate(over="ignore", invalid="ignore"):
        result = GradientDescent(learning_rate=5.0, max_epochs=10_000).minimise(least_squares_objective(X, y), np.zeros(4))
    assert result.history[-1] > result.history[0] or not np.isfinite(result.history[-1])
    assert not result.converged
    assert result.stopped == "diverged"


def test_momentum_and_callback():
    # R(theta) = theta^2 / 2 per sample: gradient theta
    objective = Objective(loss=lambda t: float(t @ t) / 2, gradient=lambda t, idx: t.copy(), n_samples=10)
    seen = []
    result = SGD(learning_rate=0.1, batch_fraction=1.0, max_epochs=50, tol=None, momentum=0.5).minimise(
        objective, np.ones(2), callback=lambda epoch, theta: seen.append(epoch))
    assert seen == list(range(1, 51))
    assert np.abs(result.theta).max() < 1e-3


def test_batch_fraction_must_be_a_fraction():
    with pytest.raises(ValueError, match="batch_fraction"):
        SGD(batch_fraction=1.5).batch_size(10)
