"""Decision trees grown greedily: entropy for classification, squared error for regression.

Every node tries every threshold of every (candidate) feature at once: each
feature's samples are kept sorted (the orders are split stably from parent to
children, so nothing is re-sorted), and cumulative sums along that order give
the impurity of every left/right partition in a few array operations. A split
sits halfway between two consecutive distinct values, `x <= threshold` going
left, as in scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analyser.lab._base import (
    BaseEstimator,
    ClassifierMixin,
    RegressorMixin,
    as_weights,
    encode_classes,
    fit_data,
    predict_data,
)


def _xlogx(c: np.ndarray) -> np.ndarray:
    # c log c with 0 log 0 = 0 (the clip makes log finite, the factor c makes it 0)
    return c * np.log2(np.maximum(c, 1e-300))


def _entropy_cost(counts: np.ndarray, totals: np.ndarray) -> np.ndarray:
    # n_S H(S) = n_S log n_S - sum_k c_k log c_k   (weighted counts; the node's
    # impurity after a split is the sum of this for both children over n)
    return _xlogx(totals) - _xlogx(counts).sum(axis=-1)


def _sse_gain(s: np.ndarray, w: np.ndarray) -> np.ndarray:
    # sum_i w_i (y_i - mean)^2 = sum w y^2 - (sum w y)^2 / sum w; the first term
    # is the same for every split of a node, so the split minimising the
    # children's squared error maximises sum over children of (sum w y)^2 / sum w.
    return s**2 / np.maximum(w, 1e-300)


@dataclass
class _Tree:
    """Flat arrays, node 0 the root; leaves have feature == -1."""

    feature: list[int] = field(default_factory=list)
    threshold: list[float] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    right: list[int] = field(default_factory=list)
    value: list[np.ndarray] = field(default_factory=list)
    n_samples: list[int] = field(default_factory=list)

    def add(self, value, n) -> int:
        self.feature.append(-1)
        self.threshold.append(np.nan)
        self.left.append(-1)
        self.right.append(-1)
        self.value.append(value)
        self.n_samples.append(n)
        return len(self.feature) - 1

    def freeze(self):
        self.feature = np.asarray(self.feature, dtype=np.intp)
        self.threshold = np.asarray(self.threshold, dtype=np.float64)
        self.left = np.asarray(self.left, dtype=np.intp)
        self.right = np.asarray(self.right, dtype=np.intp)
        self.value = np.asarray(self.value, dtype=np.float64)
        self.n_samples = np.asarray(self.n_samples, dtype=np.intp)
        return self

    def apply(self, X: np.ndarray) -> np.ndarray:
        """Leaf index of each row: one vectorised step per tree level."""
        node = np.zeros(len(X), dtype=np.intp)
        rows = np.arange(len(X))
        active = self.feature[node] >= 0
        while active.any():
            idx, nd = rows[active], node[active]
            goes_left = X[idx, self.feature[nd]] <= self.threshold[nd]
            node[idx] = np.where(goes_left, self.left[nd], self.right[nd])
            active[idx] = self.feature[node[idx]] >= 0
        return node

    @property
    def max_depth(self) -> int:
        depth = np.zeros(len(self.feature), dtype=int)
        for i in range(len(self.feature)):  # children always come after parents
            if self.feature[i] >= 0:
                depth[self.left[i]] = depth[self.right[i]] = depth[i] + 1
        return int(depth.max())


class _BaseTree(BaseEstimator):
    _classification = True

    def __init__(
        self,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        random_state: int | np.random.Generator | None = None,
    ):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def _n_candidates(self, d: int) -> int:
        m = self.max_features
        if m is None:
            return d
        if m == "sqrt":
            return max(1, int(np.sqrt(d)))
        if m == "log2":
            return max(1, int(np.log2(d)))
        if isinstance(m, float):
            return max(1, int(m * d))
        return max(1, min(d, int(m)))

    def _grow(self, X, targets, w):
        """targets: (n, K) one-hot for classification, (n, 1) for regression."""
        n, d = X.shape
        rng = np.random.default_rng(self.random_state)
        max_depth = np.inf if self.max_depth is None else self.max_depth
        min_leaf = max(1, int(self.min_samples_leaf))
        min_split = max(2, int(self.min_samples_split), 2 * min_leaf)
        n_cand = self._n_candidates(d)
        wt = targets * w[:, None]  # weighted class counts / weighted y
        tree = _Tree()
        order = np.argsort(X, axis=0, kind="stable").T  # (d, n): each feature's order
        stack = [(order, 0, tree.add(self._leaf_value(wt, w, slice(None)), n))]
        while stack:
            order, depth, node = stack.pop()
            m = order.shape[1]
            if depth >= max_depth or m < min_split or self._pure(targets, order[0]):
                continue
            features = np.arange(d) if n_cand >= d else np.sort(rng.choice(d, n_cand, replace=False))
            split = self._best_split(X, wt, w, order[features], features, min_leaf)
            if split is None:
                continue
            f, position = split
            sorted_f = order[f]
            lo, hi = X[sorted_f[position - 1], f], X[sorted_f[position], f]
            threshold = lo / 2.0 + hi / 2.0
            if threshold == hi:  # midpoint rounded up to hi: keep x <= t for the left only
                threshold = lo
            goes_left = np.zeros(n, dtype=bool)
            goes_left[sorted_f[:position]] = True
            mask = goes_left[order]
            left_order = order[mask].reshape(d, position)
            right_order = order[~mask].reshape(d, m - position)
            tree.feature[node], tree.threshold[node] = int(f), float(threshold)
            left = tree.add(self._leaf_value(wt, w, left_order[0]), position)
            right = tree.add(self._leaf_value(wt, w, right_order[0]), m - position)
            tree.left[node], tree.right[node] = left, right
            stack.append((right_order, depth + 1, right))
            stack.append((left_order, depth + 1, left))
        return tree.freeze()

    def _best_split(self, X, wt, w, order, features, min_leaf):
        """(feature, position) of the lowest children impurity, or None.

        position p means the first p samples of the feature's order go left.
        """
        m = order.shape[1]
        values = X[order, features[:, None]]  # (f, m), sorted along axis 1
        # cumulative sums over the first 1..m-1 samples: the left child of each cut
        if self._classification:
            cum = np.cumsum(wt[order], axis=1)  # (f, m, K)
            left, total = cum[:, :-1], cum[:, -1:]
            wl = left.sum(axis=2)
            wr = total.sum(axis=2) - wl
            cost = _entropy_cost(left, wl) + _entropy_cost(total - left, wr)
        else:
            cw = np.cumsum(w[order], axis=1)
            cs = np.cumsum(wt[order, 0], axis=1)
            sl, wl = cs[:, :-1], cw[:, :-1]
            cost = -(_sse_gain(sl, wl) + _sse_gain(cs[:, -1:] - sl, cw[:, -1:] - wl))
        # a cut is allowed between distinct values and with min_leaf on each side
        valid = values[:, 1:] > values[:, :-1]
        if min_leaf > 1:
            valid[:, : min_leaf - 1] = False
            valid[:, m - min_leaf :] = False
        if not valid.any():
            return None
        cost = np.where(valid, cost, np.inf)
        i, j = np.unravel_index(np.argmin(cost), cost.shape)
        return int(features[i]), int(j) + 1

    def _pure(self, targets, rows) -> bool:
        """One class, or one target value, left: nothing to split (weights play no part)."""
        if self._classification:
            return int(np.count_nonzero(targets[rows].any(axis=0))) <= 1
        y = targets[rows, 0]
        return bool(y.min() == y.max())

    def apply(self, X):
        """Index of the leaf each sample falls in."""
        X = predict_data(self, X)
        return self.tree_.apply(X)

    def get_depth(self) -> int:
        return self.tree_.max_depth

    def get_n_leaves(self) -> int:
        return int(np.sum(self.tree_.feature < 0))


class DecisionTreeClassifier(ClassifierMixin, _BaseTree):
    """Classification tree; the split minimises the children's weighted entropy."""

    _classification = True

    def _leaf_value(self, wt, w, rows):
        counts = wt[rows].sum(axis=0)
        total = counts.sum()
        return counts / total if total > 0 else np.full(len(counts), 1.0 / len(counts))

    def fit(self, X, y, sample_weight=None):
        X, y = fit_data(self, X, y)
        codes = encode_classes(self, y)
        self.n_classes_ = len(self.classes_)
        w = as_weights(sample_weight, len(codes))
        self.tree_ = self._grow(X, np.eye(self.n_classes_)[codes], w)
        return self

    def predict_proba(self, X):
        leaves = self.apply(X)
        return self.tree_.value[leaves]

    def predict(self, X):
        P = self.predict_proba(X)
        return self.classes_[np.argmax(P, axis=1)]


class DecisionTreeRegressor(RegressorMixin, _BaseTree):
    """Regression tree; the split minimises the children's squared error."""

    _classification = False

    def _leaf_value(self, wt, w, rows):
        total = w[rows].sum()
        return [wt[rows, 0].sum() / total if total > 0 else 0.0]

    def fit(self, X, y, sample_weight=None):
        X, y = fit_data(self, X, y)
        y = np.asarray(y, dtype=np.float64)
        w = as_weights(sample_weight, len(y))
        self.tree_ = self._grow(X, y[:, None], w)
        return self

    def predict(self, X):
        leaves = self.apply(X)
        return self.tree_.value[leaves, 0]
