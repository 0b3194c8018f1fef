"""Random forests: bagging (bootstrap samples) plus feature bagging at every split.

The classifier averages the trees' class probabilities, the regressor their
predictions; the variance of an average of weakly correlated trees is what
drops.
"""

from __future__ import annotations

import numpy as np

from analyser.lab._base import (
    BaseEstimator,
    ClassifierMixin,
    RegressorMixin,
    check_is_fitted,
    encode_classes,
    fit_data,
    predict_data,
)
from analyser.lab.tree import DecisionTreeClassifier, DecisionTreeRegressor


class _Forest(BaseEstimator):
    def __init__(
        self,
        n_estimators: int = 100,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = "sqrt",
        bootstrap: bool = True,
        random_state: int | None = None,
    ):
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.random_state = random_state

    def _fit_trees(self, X, targets, make_tree):
        rng = np.random.default_rng(self.random_state)
        n = len(X)
        self.estimators_ = []
        for _ in range(self.n_estimators):
            tree = make_tree(
                max_depth=self.max_depth,
                min_samples_split=self.min_samples_split,
                min_samples_leaf=self.min_samples_leaf,
                max_features=self.max_features,
                random_state=int(rng.integers(2**31)),
            )
            # a bootstrap sample as integer weights: a row drawn k times counts k times
            w = np.bincount(rng.integers(0, n, n), minlength=n).astype(float) if self.bootstrap else np.ones(n)
            keep = w > 0
            tree.fit(X[keep], targets[keep], sample_weight=w[keep])
            self.estimators_.append(tree)
        return self


class RandomForestClassifier(ClassifierMixin, _Forest):
    """Bagged entropy trees with `max_features` candidate features per split."""

    def fit(self, X, y):
        X, y = fit_data(self, X, y)
        codes = encode_classes(self, y)
        # trees see codes 0..K-1; a bootstrap sample may miss a class, so map
        # each tree's classes back to the forest's columns when averaging
        return self._fit_trees(X, codes, DecisionTreeClassifier)

    def predict_proba(self, X):
        X = predict_data(self, X)
        P = np.zeros((len(X), len(self.classes_)))
        for tree in self.estimators_:
            P[:, tree.classes_] += tree.tree_.value[tree.tree_.apply(X)]
        return P / len(self.estimators_)

    def predict(self, X):
        P = self.predict_proba(X)
        return self.classes_[np.argmax(P, axis=1)]


class RandomForestRegressor(RegressorMixin, _Forest):
    """Bagged squared-error trees; by default every feature is a candidate at each split (as in scikit-learn)."""

    def __init__(
        self,
        n_estimators: int = 100,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = 1.0,
        bootstrap: bool = True,
        random_state: int | None = None,
    ):
        super().__init__(n_estimators, max_depth, min_samples_split, min_samples_leaf, max_features, bootstrap, random_state)

    def fit(self, X, y):
        X, y = fit_data(self, X, y)
        return self._fit_trees(X, np.asarray(y, dtype=np.float64), DecisionTreeRegressor)

    def predict(self, X):
        check_is_fitted(self)
        X = predict_data(self, X)
        return np.mean([tree.tree_.value[tree.tree_.apply(X), 0] for tree in self.estimators_], axis=0)
