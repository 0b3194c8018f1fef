"""Least squares, ridge and softmax regression against scikit-learn on the same data."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import linear_model as sk

from analyser.lab import LinearRegression, Ridge, SoftmaxRegression


def _regression(seed, n=200, d=8, targets=None):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, d) + rng.normal(size=d)
    shape = (d,) if targets is None else (d, targets)
    y = X @ rng.normal(size=shape) + 3.0 + rng.normal(size=(n,) if targets is None else (n, targets))
    return X, y


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_linear_regression_matches_sklearn(seed, fit_intercept):
    X, y = _regression(seed)
    ours = LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    theirs = sk.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, atol=1e-8)
    assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-8)
    assert_allclose(ours.predict(X), theirs.predict(X), atol=1e-8)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("lam", [1e-3, 0.1, 10.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_is_sklearn_ridge_with_alpha_n_lambda(seed, lam, fit_intercept):
    X, y = _regression(seed)
    ours = Ridge(alpha=lam, fit_intercept=fit_intercept).fit(X, y)
    theirs = sk.Ridge(alpha=len(y) * lam, fit_intercept=fit_intercept, solver="cholesky").fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, atol=1e-8)
    assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-8)


def test_ridge_with_more_features_than_samples_matches_sklearn():
    X, y = _regression(3, n=40, d=120)
    ours = Ridge(alpha=0.05).fit(X, y)
    theirs = sk.Ridge(alpha=40 * 0.05).fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, atol=1e-8)


def test_multi_output_regression_matches_sklearn():
    X, y = _regression(4, targets=3)
    assert_allclose(LinearRegression().fit(X, y).coef_, sk.LinearRegression().fit(X, y).coef_, atol=1e-8)
    assert_allclose(Ridge(alpha=0.2).fit(X, y).predict(X), sk.Ridge(alpha=200 * 0.2).fit(X, y).predict(X), atol=1e-8)


def test_least_squares_below_d_interpolates_with_minimum_norm():
    X, y = _regression(5, n=30, d=60)
    model = LinearRegression(fit_intercept=False).fit(X, y)
    assert_allclose(model.predict(X), y, atol=1e-8)  # n < d: the training data are fitted exactly
    assert_allclose(model.coef_, np.linalg.pinv(X) @ y, atol=1e-8)


def test_ridge_train_risk_grows_with_lambda():
    X, y = _regression(6)
    risks = [np.mean((Ridge(alpha=lam).fit(X, y).predict(X) - y) ** 2) for lam in np.logspace(-3, 2, 8)]
    assert np.all(np.diff(risks) > 0)


def test_ridge_rejects_negative_alpha():
    with pytest.raises(ValueError, match="alpha"):
        Ridge(alpha=-1).fit(*_regression(0))


def _classes(seed, n=300, d=5, k=3):
    from sklearn.datasets import make_classification

    # label noise (flip_y) keeps the classes overlapping: the unpenalised optimum exists
    return make_classification(n, d, n_informative=3, n_redundant=0, n_classes=k, flip_y=0.2, random_state=seed)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("k", [2, 3, 4])
def test_softmax_probabilities_match_unpenalised_logistic_regression(seed, k):
    X, y = _classes(seed, k=k)
    ours = SoftmaxRegression().fit(X, y)
    theirs = sk.LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-4)
    assert (ours.predict(X) == theirs.predict(X)).mean() > 0.99


def test_softmax_l2_penalty_matches_logistic_regression_c():
    # scikit-learn minimises C sum_i CE_i + ||W||^2 / 2, i.e. alpha = 1 / (2 C n)
    X, y = _classes(2)
    C = 0.05
    ours = SoftmaxRegression(alpha=1 / (2 * C * len(y))).fit(X, y)
    theirs = sk.LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
    assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-4)


@pytest.mark.parametrize("solver, step", [("gd", 0.5), ("sgd", 0.05)])
def test_softmax_gradient_solvers_approach_newton(solver, step):
    X, y = _classes(3)
    exact = SoftmaxRegression().fit(X, y)
    iterative = SoftmaxRegression(solver=solver, max_iter=300, learning_rate=step, tol=1e-9, random_state=0).fit(X, y)
    assert iterative.loss_curve_[0] == pytest.approx(np.log(3))  # theta = 0: uniform probabilities
    assert iterative.loss_curve_[-1] < exact.loss_curve_[-1] + 0.01
    assert np.abs(iterative.predict_proba(X) - exact.predict_proba(X)).max() < 0.05


def test_softmax_records_validation_cross_entropy():
    from sklearn.datasets import make_classification

    X, y = make_classification(300, 5, n_informative=3, n_redundant=0, n_classes=3, class_sep=2.0, random_state=4)
    model = SoftmaxRegression(solver="gd", max_iter=20, tol=0.0).fit(X[:200], y[:200], eval_set=(X[200:], y[200:]))
    assert len(model.eval_loss_curve_) == len(model.loss_curve_) == 21
    assert model.eval_loss_curve_[-1] < model.eval_loss_curve_[0]


def test_softmax_rejects_unknown_solver():
    with pytest.raises(ValueError, match="solver"):
        SoftmaxRegression(solver="adam").fit(*_classes(0))


def test_collinear_columns_fall_back_to_the_minimum_norm_solution():
    X, y = _regression(7, n=100, d=4)
    X = np.column_stack([X, X[:, 0] + X[:, 1]])  # an exact copy of a combination
    model = LinearRegression().fit(X, y)
    theirs = sk.LinearRegression().fit(X, y)
    assert_allclose(model.predict(X), theirs.predict(X), atol=1e-8)
    assert np.all(np.isfinite(model.coef_))
