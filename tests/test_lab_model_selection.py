"""Splits, k-fold cross-validation, grid search and the bias-variance decomposition."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.model_selection import KFold as SkKFold

from analyser.lab import GridSearch, KFold, LinearRegression, Ridge, bias_variance, cross_val_score, train_test_split
from analyser.lab.datasets import linear_problem


def test_train_test_split_partitions_every_array_alike():
    X = np.arange(100).reshape(50, 2)
    y = np.arange(50)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
    assert len(y_te) == 10 and len(y_tr) == 40
    assert sorted(np.concatenate([y_tr, y_te])) == list(range(50))
    assert np.array_equal(X_tr[:, 0] // 2, y_tr)
    again = train_test_split(X, y, test_size=0.2, random_state=0)
    assert np.array_equal(again[3], y_te)


def test_train_test_split_refuses_empty_parts():
    with pytest.raises(ValueError):
        train_test_split(np.arange(5), test_size=5)
    with pytest.raises(ValueError, match="same length"):
        train_test_split(np.arange(5), np.arange(6))


@pytest.mark.parametrize("n, k", [(10, 3), (23, 5), (12, 12)])
def test_kfold_matches_sklearn_folds(n, k):
    ours = list(KFold(k).split(np.zeros(n)))
    theirs = list(SkKFold(k).split(np.zeros(n)))
    assert len(ours) == k
    for (a_tr, a_va), (b_tr, b_va) in zip(ours, theirs):
        assert np.array_equal(np.sort(a_tr), b_tr) and np.array_equal(a_va, b_va)


def test_shuffled_kfold_still_covers_each_sample_once():
    validation = np.concatenate([va for _, va in KFold(4, shuffle=True, random_state=1).split(np.zeros(17))])
    assert sorted(validation) == list(range(17))


def test_cross_val_score_is_the_mean_of_fold_fits():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(60, 3)), rng.normal(size=60)
    scores = cross_val_score(Ridge(alpha=0.1), X, y, cv=3, scoring="neg_mean_squared_error")
    manual = []
    for tr, va in KFold(3).split(X):
        model = Ridge(alpha=0.1).fit(X[tr], y[tr])
        manual.append(-np.mean((model.predict(X[va]) - y[va]) ** 2))
    assert_allclose(scores, manual)


def test_grid_search_picks_the_best_cross_validated_value():
    problem = linear_problem(d=30, noise=2.0, seed=0)
    X, y = problem.sample(40, np.random.default_rng(1))
    grid = [1e-4, 1e-2, 1.0, 100.0]
    search = GridSearch(Ridge(), {"alpha": grid}, cv=KFold(5, shuffle=True, random_state=0), scoring="neg_mean_squared_error")
    search.fit(X, y)
    means = [r["mean_score"] for r in search.cv_results_]
    assert search.best_params_["alpha"] == grid[int(np.argmax(means))]
    assert search.best_score_ == max(means)
    assert search.best_estimator_.alpha == search.best_params_["alpha"]
    # with 40 samples, 30 features and loud noise some shrinkage must win
    assert search.best_params_["alpha"] > 1e-4


def test_bias_variance_adds_up_and_least_squares_is_unbiased():
    problem = linear_problem(d=5, noise=1.0, seed=0)
    rng = np.random.default_rng(0)
    X_test = rng.normal(size=(300, 5))
    draw = lambda g: problem.sample(50, g)  # noqa: E731
    ls = bias_variance(LinearRegression(), draw, X_test, problem.f(X_test), n_rounds=200, random_state=0)
    assert ls.error == pytest.approx(ls.bias2 + ls.variance)
    assert ls.bias2 < 0.1 * ls.variance  # unbiased: what is left is the variance of the mean over rounds
    strong = bias_variance(Ridge(alpha=10.0), draw, X_test, problem.f(X_test), n_rounds=200, random_state=0)
    assert strong.bias2 > 10 * ls.bias2 and strong.variance < ls.variance


def test_bias_variance_by_bootstrap():
    problem = linear_problem(d=5, noise=1.0, seed=1)
    rng = np.random.default_rng(2)
    X, y = problem.sample(80, rng)
    X_test = rng.normal(size=(100, 5))
    result = bias_variance(Ridge(alpha=0.01), (X, y), X_test, problem.f(X_test), n_rounds=30, random_state=0)
    assert result.n_rounds == 30 and result.variance > 0
    assert result.error == pytest.approx(result.bias2 + result.variance)
