"""The toy datasets: sizes, seeds and the structure the experiments rely on."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.lab import datasets
from analyser.lab.errors import UnknownDatasetError


def test_salary_is_373_noisy_points_on_a_line():
    data = datasets.salary()
    assert data.X.shape == (373, 1) and data.task == "regression"
    slope, intercept = np.polyfit(data.X[:, 0], data.y, 1)
    assert abs(slope - 2.5) < 0.2 and abs(intercept - 30) < 3
    assert np.array_equal(datasets.salary(seed=4).y, datasets.salary(seed=4).y)
    assert not np.array_equal(datasets.salary(seed=4).y, datasets.salary(seed=5).y)


def test_xnor_labels_follow_the_quadrants():
    data = datasets.xnor()
    assert data.X.shape == (500, 2) and set(data.y) == {0, 1}
    agree = (np.sign(data.X[:, 0]) == np.sign(data.X[:, 1])).astype(int)
    assert 0.95 < np.mean(agree == data.y) < 1.0  # noisy, but mostly XNOR
    assert 0.4 < data.y.mean() < 0.6


def test_linear_problem_has_d_100_and_unit_signal():
    problem = datasets.linear_problem()
    assert problem.d == 100
    X, y = problem.sample(20_000, np.random.default_rng(0))
    assert np.var(problem.f(X)) == pytest.approx(np.sum(problem.theta**2), rel=0.05)
    assert np.var(y - problem.f(X)) == pytest.approx(problem.noise**2, rel=0.05)


def test_iris_and_lookup_by_name():
    data = datasets.load("iris")
    assert data.X.shape == (150, 4) and len(set(data.y)) == 3
    assert datasets.load("linear", seed=1).X.shape == (500, 100)
    with pytest.raises(UnknownDatasetError, match="salary"):
        datasets.load("mnist")
