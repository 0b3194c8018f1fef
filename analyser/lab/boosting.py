"""Boosting: AdaBoost (SAMME) on weighted stumps, gradient boosting on regression trees.

AdaBoost re-weights the samples each round so that the next weak learner looks
at the previous one's mistakes; gradient boosting fits each new tree to the
negative gradient of the loss at the current prediction (the residuals, for
squared error) and adds it with a shrinkage `learning_rate`.
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
from analyser.lab.softmax import softmax
from analyser.lab.tree import DecisionTreeClassifier, DecisionTreeRegressor


class AdaBoostClassifier(ClassifierMixin, BaseEstimator):
    """SAMME AdaBoost; the weak learner is an entropy tree of depth `max_depth`.

    Round m: err = sum_i w_i [h(x_i) != y_i] / sum w;
    a_m = lr * (log((1 - err) / err) + log(K - 1));  w_i <- w_i exp(a_m [h(x_i) != y_i]).
    Prediction: argmax_k sum_m a_m [h_m(x) = k].
    """

    def __init__(self, n_estimators: int = 50, learning_rate: float = 1.0, max_depth: int = 1, random_state: int | None = None):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y):
        X, y = fit_data(self, X, y)
        codes = encode_classes(self, y)
        K = len(self.classes_)
        n = len(codes)
        w = np.full(n, 1.0 / n)
        self.estimators_, self.estimator_weights_, self.estimator_errors_ = [], [], []
        for _ in range(self.n_estimators):
            tree = DecisionTreeClassifier(max_depth=self.max_depth, random_state=self.random_state).fit(X, codes, sample_weight=w)
            wrong = tree.predict(X) != codes
            err = float(w[wrong].sum() / w.sum())
            if err <= 0:  # a perfect learner: it alone decides
                self.estimators_.append(tree)
                self.estimator_weights_.append(1.0)
                self.estimator_errors_.append(0.0)
                break
            if err >= 1 - 1.0 / K:  # no better than chance: stop adding
                if not self.estimators_:
                    self.estimators_.append(tree)
                    self.estimator_weights_.append(1.0)
                    self.estimator_errors_.append(err)
                break
            alpha = self.learning_rate * (np.log((1 - err) / err) + np.log(K - 1))
            self.estimators_.append(tree)
            self.estimator_weights_.append(alpha)
            self.estimator_errors_.append(err)
            w = w * np.exp(alpha * wrong)
            w /= w.sum()
        self.estimator_weights_ = np.asarray(self.estimator_weights_)
        self.estimator_errors_ = np.asarray(self.estimator_errors_)
        return self

    def _votes(self, X):
        """sum_m a_m [h_m(x) = k] / sum_m a_m, one column per class."""
        X = predict_data(self, X)
        scores = np.zeros((len(X), len(self.classes_)))
        for tree, alpha in zip(self.estimators_, self.estimator_weights_):
            votes = tree.classes_[np.argmax(tree.tree_.value[tree.tree_.apply(X)], axis=1)]
            scores[np.arange(len(X)), votes] += alpha
        return scores / self.estimator_weights_.sum()

    def decision_function(self, X):
        V = self._votes(X)
        return V[:, 1] - V[:, 0] if V.shape[1] == 2 else V

    def predict_proba(self, X):
        # scikit-learn's SAMME probabilities: softmax of the normalised votes / (K - 1)
        V = self._votes(X)
        return softmax(V / max(V.shape[1] - 1, 1))

    def predict(self, X):
        V = self._votes(X)
        return self.classes_[np.argmax(V, axis=1)]


class _GradientBoosting(BaseEstimator):
    def __init__(
        self,
        n_estimators: int = 100,
        learning_rate: float = 0.1,
        max_depth: int = 3,
        min_samples_leaf: int = 1,
        subsample: float = 1.0,
        random_state: int | None = None,
    ):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.subsample = subsample
        self.random_state = random_state

    def _tree(self, rng):
        return DecisionTreeRegressor(
            max_depth=self.max_depth, min_samples_leaf=self.min_samples_leaf, random_state=int(rng.integers(2**31))
        )

    def _rows(self, rng, n):
        if self.subsample >= 1.0:
            return np.arange(n)
        return np.sort(rng.choice(n, max(1, int(self.subsample * n)), replace=False))


class GradientBoostingRegressor(RegressorMixin, _GradientBoosting):
    """Least-squares boosting: F_0 = mean(y); F_m = F_{m-1} + lr * tree fitted to y - F_{m-1}."""

    def fit(self, X, y):
        X, y = fit_data(self, X, y)
        y = np.asarray(y, dtype=np.float64)
        rng = np.random.default_rng(self.random_state)
        self.init_ = float(y.mean())
        F = np.full(len(y), self.init_)
        self.estimators_, self.train_score_ = [], []
        for _ in range(self.n_estimators):
            rows = self._rows(rng, len(y))
            tree = self._tree(rng).fit(X[rows], (y - F)[rows])
            F += self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0]
            self.estimators_.append(tree)
            self.train_score_.append(float(np.mean((y - F) ** 2)))
        return self

    def predict(self, X):
        check_is_fitted(self)
        X = predict_data(self, X)
        F = np.full(len(X), self.init_)
        for tree in self.estimators_:
            F += self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0]
        return F


class GradientBoostingClassifier(ClassifierMixin, _GradientBoosting):
    """Boosting of the cross-entropy: K scores F_k, one regression tree per class and round.

    The negative gradient is r_ik = y_ik - p_k(x_i); each leaf then takes one
    Newton step, (K-1)/K * sum r / sum |r|(1 - |r|) (Friedman 2001), for K = 2
    with a single score as scikit-learn does.
    """

    def fit(self, X, y):
        X, y = fit_data(self, X, y)
        codes = encode_classes(self, y)
        K = len(self.classes_)
        rng = np.random.default_rng(self.random_state)
        n_scores = 1 if K == 2 else K
        Y = codes[:, None].astype(float) if K == 2 else np.eye(K)[codes]
        prior = np.bincount(codes, minlength=K) / len(codes)
        prior = np.clip(prior, 1e-12, None)
        # initial scores: log-odds (K = 2) or log priors
        self.init_ = np.log(prior[1:2] / prior[0:1]) if K == 2 else np.log(prior)
        F = np.tile(self.init_, (len(codes), 1))
        self.estimators_ = []
        for _ in range(self.n_estimators):
            P = self._proba_from_scores(F)
            P_pos = P[:, 1:2] if K == 2 else P
            residual = Y - P_pos
            rows = self._rows(rng, len(codes))
            stage = []
            for k in range(n_scores):
                tree = self._tree(rng).fit(X[rows], residual[rows, k])
                leaves = tree.tree_.apply(X[rows])
                r = residual[rows, k]
                factor = 1.0 if K == 2 else (K - 1) / K
                num = np.bincount(leaves, weights=r, minlength=len(tree.tree_.feature))
                den = np.bincount(leaves, weights=np.abs(r) * (1 - np.abs(r)), minlength=len(tree.tree_.feature))
                with np.errstate(divide="ignore", invalid="ignore"):
                    tree.tree_.value[:, 0] = np.where(den > 1e-150, factor * num / np.where(den > 1e-150, den, 1.0), 0.0)
                F[:, k] += self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0]
                stage.append(tree)
            self.estimators_.append(stage)
        return self

    @staticmethod
    def _proba_from_scores(F):
        if F.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-F[:, 0]))
            return np.column_stack([1 - p, p])
        return softmax(F)

    def decision_function(self, X):
        check_is_fitted(self)
        X = predict_data(self, X)
        F = np.tile(self.init_, (len(X), 1))
        for stage in self.estimators_:
            for k, tree in enumerate(stage):
                F[:, k] += self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0]
        return F[:, 0] if F.shape[1] == 1 else F

    def predict_proba(self, X):
        F = self.decision_function(X)
        return self._proba_from_scores(F[:, None] if F.ndim == 1 else F)

    def predict(self, X):
        P = self.predict_proba(X)
        return self.classes_[np.argmax(P, axis=1)]
