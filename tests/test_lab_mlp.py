"""The network (backpropagation checked by finite differences) and 1-nearest neighbour."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.neighbors import KNeighborsClassifier

from analyser.lab import MLPClassifier, MLPRegressor, NearestNeighbourClassifier
from analyser.lab.datasets import xnor
from analyser.lab.mlp import _Network
from analyser.lab.model_selection import train_test_split


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize("classification", [True, False])
def test_backpropagation_matches_finite_differences(activation, classification):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(12, 3))
    target = rng.integers(0, 3, 12) if classification else rng.normal(size=(12, 2))
    net = _Network([3, 5, 4, 3 if classification else 2], activation, classification, alpha=0.01)
    flat = net.init(rng)
    grad = net.gradient(flat, X, target)
    eps = 1e-6
    numeric = np.empty_like(flat)
    for i in range(len(flat)):
        step = np.zeros_like(flat)
        step[i] = eps
        numeric[i] = (net.loss(flat + step, X, target) - net.loss(flat - step, X, target)) / (2 * eps)
    assert_allclose(grad, numeric, rtol=1e-4, atol=1e-7)


def _xnor(seed):
    data = xnor(n=500, seed=seed)
    return train_test_split(data.X, data.y, test_size=0.3, random_state=seed)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_layers_of_ten_learn_xnor(seed):
    X_tr, X_te, y_tr, y_te = _xnor(seed)
    model = MLPClassifier(hidden_layer_sizes=(10, 10), random_state=seed).fit(X_tr, y_tr)
    assert model.score(X_te, y_te) >= 0.95
    assert model.loss_curve_[-1] < model.loss_curve_[0]
    assert [W.shape for W in model.coefs_] == [(2, 10), (10, 10), (10, 2)]


def test_one_hidden_unit_cannot_learn_xnor():
    X_tr, X_te, y_tr, y_te = _xnor(0)
    assert MLPClassifier(hidden_layer_sizes=(1,), random_state=0).fit(X_tr, y_tr).score(X_te, y_te) < 0.8


def test_sigmoid_network_learns_xnor_too():
    X_tr, X_te, y_tr, y_te = _xnor(3)
    model = MLPClassifier(hidden_layer_sizes=(10,), activation="sigmoid", learning_rate_init=0.2, max_iter=300, random_state=0)
    assert model.fit(X_tr, y_tr).score(X_te, y_te) >= 0.9


def test_regressor_fits_a_curve():
    rng = np.random.default_rng(0)
    X = rng.uniform(-3, 3, (400, 1))
    y = np.sin(X[:, 0]) + 0.05 * rng.normal(size=400)
    model = MLPRegressor(hidden_layer_sizes=(30, 30), max_iter=300, random_state=0).fit(X, y)
    grid = np.linspace(-2.5, 2.5, 50)[:, None]
    assert np.mean((model.predict(grid) - np.sin(grid[:, 0])) ** 2) < 0.02
    assert model.predict(grid).shape == (50,)


def test_unknown_activation_is_refused():
    with pytest.raises(ValueError, match="activation"):
        MLPClassifier(activation="swish").fit([[0.0], [1.0]], [0, 1])


def test_one_nearest_neighbour_matches_sklearn_and_memorises():
    rng = np.random.default_rng(0)
    X, X_new = rng.normal(size=(300, 4)), rng.normal(size=(500, 4))
    y = rng.integers(0, 3, 300)
    ours = NearestNeighbourClassifier().fit(X, y)
    assert np.array_equal(ours.predict(X_new), KNeighborsClassifier(n_neighbors=1).fit(X, y).predict(X_new))
    assert ours.score(X, y) == 1.0
    dist, idx = ours.kneighbors(X_new[:3])
    assert_allclose(dist[:, 0], np.linalg.norm(X[idx[:, 0]] - X_new[:3], axis=1))


def test_k_neighbours_vote_and_chunks():
    rng = np.random.default_rng(1)
    X, X_new = rng.normal(size=(200, 3)), rng.normal(size=(300, 3))
    y = (X[:, 0] > 0).astype(int)
    ours = NearestNeighbourClassifier(n_neighbors=5).fit(X, y)
    theirs = KNeighborsClassifier(n_neighbors=5).fit(X, y)
    assert_allclose(ours.predict_proba(X_new), theirs.predict_proba(X_new))
    d_small, i_small = ours.kneighbors(X_new, chunk=7)
    d_big, i_big = ours.kneighbors(X_new)
    assert_allclose(d_small, d_big)
