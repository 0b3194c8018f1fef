"""Decision trees, forests and boosting against scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import ensemble as sk_ensemble
from sklearn import tree as sk_tree

from analyser.lab import (
    AdaBoostClassifier,
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from analyser.lab.datasets import xnor
from analyser.lab.model_selection import train_test_split


def _data(seed, n=600):
    # continuous features, rounded to float32 (scikit-learn's trees work in float32),
    # so that no two samples share a value
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 5)).astype(np.float32).astype(np.float64)
    label = (X[:, 0] * X[:, 1] + 0.3 * rng.normal(size=n) > 0).astype(int) + (X[:, 2] > 1)
    target = X[:, 2] + np.sin(2 * X[:, 0]) + 0.1 * rng.normal(size=n)
    X_new = rng.normal(size=(3000, 5))
    return X, label, target, X_new


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("depth", [1, 2, 4, None])
def test_classification_tree_predicts_as_sklearn_entropy_tree(seed, depth):
    # Entropy depends on class counts only, so in a small node two features can
    # give exactly the same counts (a tie, which scikit-learn breaks by a random
    # feature order); min_samples_split = 60 keeps the nodes large enough that
    # this does not happen.
    X, y, _, X_new = _data(seed)
    limits = dict(max_depth=depth, min_samples_split=60, min_samples_leaf=5)
    ours = DecisionTreeClassifier(**limits).fit(X, y)
    theirs = sk_tree.DecisionTreeClassifier(criterion="entropy", random_state=0, **limits).fit(X, y)
    assert np.array_equal(ours.predict(X_new), theirs.predict(X_new))
    assert ours.get_n_leaves() == theirs.get_n_leaves()
    assert ours.get_depth() == theirs.get_depth()


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("depth", [1, 3, 6, None])
def test_regression_tree_predicts_as_sklearn_tree(seed, depth):
    X, _, y, X_new = _data(seed)
    ours = DecisionTreeRegressor(max_depth=depth, min_samples_leaf=5).fit(X, y)
    theirs = sk_tree.DecisionTreeRegressor(max_depth=depth, min_samples_leaf=5, random_state=0).fit(X, y)
    assert_allclose(ours.predict(X_new), theirs.predict(X_new), atol=1e-10)
    assert ours.get_depth() == theirs.get_depth()


def test_tree_limits_depth_and_leaf_size():
    X, y, _, _ = _data(3)
    model = DecisionTreeClassifier(max_depth=3, min_samples_leaf=20).fit(X, y)
    assert model.get_depth() <= 3
    leaves = model.tree_.feature < 0
    assert model.tree_.n_samples[leaves].min() >= 20
    grown = DecisionTreeClassifier().fit(X, y)
    assert grown.score(X, y) == 1.0  # fully grown on distinct points: memorises


def test_integer_sample_weights_equal_repeated_rows():
    X, y, target, X_new = _data(4, n=200)
    w = np.random.default_rng(0).integers(1, 4, len(y))
    rows = np.repeat(np.arange(len(y)), w)
    for model in (DecisionTreeClassifier(max_depth=4, min_samples_leaf=1), DecisionTreeRegressor(max_depth=4)):
        labels = y if model._classification else target
        weighted = type(model)(**model.get_params()).fit(X, labels, sample_weight=w)
        repeated = type(model)(**model.get_params()).fit(X[rows], labels[rows])
        assert_allclose(weighted.tree_.threshold, repeated.tree_.threshold)
        assert_allclose(weighted.predict(X_new), repeated.predict(X_new))


def _xnor_split(seed):
    data = xnor(n=500, seed=seed)
    return train_test_split(data.X, data.y, test_size=0.3, random_state=seed)


@pytest.mark.parametrize("seed", [0, 1])
def test_ensembles_are_as_accurate_as_sklearn_on_xnor(seed):
    X_tr, X_te, y_tr, y_te = _xnor_split(seed)
    pairs = [
        (RandomForestClassifier(n_estimators=50, random_state=seed),
         sk_ensemble.RandomForestClassifier(n_estimators=50, criterion="entropy", random_state=seed)),
        (AdaBoostClassifier(n_estimators=50, max_depth=2),
         sk_ensemble.AdaBoostClassifier(sk_tree.DecisionTreeClassifier(max_depth=2), n_estimators=50, random_state=seed)),
        (GradientBoostingClassifier(n_estimators=50, random_state=seed),
         sk_ensemble.GradientBoostingClassifier(n_estimators=50, random_state=seed)),
    ]
    for ours, theirs in pairs:
        a, b = ours.fit(X_tr, y_tr).score(X_te, y_te), theirs.fit(X_tr, y_tr).score(X_te, y_te)
        assert abs(a - b) <= 0.02, (type(ours).__name__, a, b)
        assert a > 0.9


def test_stumps_cannot_do_xnor_but_boosting_of_depth_2_can():
    X_tr, X_te, y_tr, y_te = _xnor_split(2)
    assert DecisionTreeClassifier(max_depth=1).fit(X_tr, y_tr).score(X_te, y_te) < 0.75
    assert AdaBoostClassifier(max_depth=2).fit(X_tr, y_tr).score(X_te, y_te) > 0.9


def test_forest_averages_less_variable_than_one_tree():
    X, _, y, X_new = _data(5)
    truth = X_new[:, 2] + np.sin(2 * X_new[:, 0])
    tree_err = np.mean((DecisionTreeRegressor(random_state=0).fit(X, y).predict(X_new) - truth) ** 2)
    forest_err = np.mean((RandomForestRegressor(n_estimators=30, random_state=0).fit(X, y).predict(X_new) - truth) ** 2)
    assert forest_err < 0.7 * tree_err


def test_forest_is_reproducible_with_a_seed():
    X, y, _, X_new = _data(6, n=200)
    a = RandomForestClassifier(n_estimators=5, random_state=1).fit(X, y).predict_proba(X_new)
    b = RandomForestClassifier(n_estimators=5, random_state=1).fit(X, y).predict_proba(X_new)
    c = RandomForestClassifier(n_estimators=5, random_state=2).fit(X, y).predict_proba(X_new)
    assert_allclose(a, b)
    assert not np.allclose(a, c)


def test_gradient_boosting_regressor_close_to_sklearn():
    X, _, y, X_new = _data(7)
    truth = X_new[:, 2] + np.sin(2 * X_new[:, 0])
    ours = GradientBoostingRegressor(n_estimators=100).fit(X, y)
    theirs = sk_ensemble.GradientBoostingRegressor(n_estimators=100, random_state=0).fit(X, y)
    ours_err, theirs_err = np.mean((ours.predict(X_new) - truth) ** 2), np.mean((theirs.predict(X_new) - truth) ** 2)
    assert ours_err < 1.1 * theirs_err + 0.005
    assert np.all(np.diff(ours.train_score_) <= 1e-12)  # each stage lowers the training error


def test_multiclass_boosting_matches_sklearn_accuracy():
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
    ours = GradientBoostingClassifier(n_estimators=30).fit(X_tr, y_tr)
    theirs = sk_ensemble.GradientBoostingClassifier(n_estimators=30, random_state=0).fit(X_tr, y_tr)
    assert abs(ours.score(X_te, y_te) - theirs.score(X_te, y_te)) <= 0.05
    assert_allclose(ours.predict_proba(X_te).sum(axis=1), 1.0)


def test_weighted_constant_target_node_is_a_leaf():
    # the same y with different weights is pure: no split, whatever the weights
    X = np.arange(6, dtype=float)[:, None]
    y = np.array([1.0, 1.0, 1.0, 5.0, 5.0, 5.0])
    model = DecisionTreeRegressor().fit(X, y, sample_weight=[1, 2, 3, 1, 2, 3])
    assert model.get_n_leaves() == 2
    assert_allclose(model.predict([[0.0], [5.0]]), [1.0, 5.0])
