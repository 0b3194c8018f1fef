"""Fit + predict time of analyser.lab's estimators against scikit-learn's, n = 10,000.

Run: python benchmarks/bench_lab.py [--n 10000] [--repeats 5]
Prints, for each pair, the best-of-`repeats` seconds and the ratio lab / scikit-learn
with the target from issue 8: linear / ridge / softmax within 2x, trees within 10x.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from sklearn import linear_model as sk_linear
from sklearn import tree as sk_tree

from analyser.lab import DecisionTreeClassifier, DecisionTreeRegressor, LinearRegression, Ridge, SoftmaxRegression


def best_time(make, X, y, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        make().fit(X, y).predict(X)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--d", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    n, d = args.n, args.d
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, d))
    y_reg = X @ rng.normal(size=d) + np.sin(3 * X[:, 0]) + rng.normal(size=n)
    scores = X[:, :3] + 0.8 * rng.normal(size=(n, 3))
    y_cls = np.argmax(scores, axis=1)  # 3 overlapping classes: the unpenalised optimum exists
    lam = 0.01
    cases = [
        ("linear regression", lambda: LinearRegression(), lambda: sk_linear.LinearRegression(), y_reg, 2),
        ("ridge", lambda: Ridge(alpha=lam), lambda: sk_linear.Ridge(alpha=n * lam), y_reg, 2),
        ("softmax (3 classes)", lambda: SoftmaxRegression(), lambda: sk_linear.LogisticRegression(C=np.inf), y_cls, 2),
        ("tree classifier, depth 8", lambda: DecisionTreeClassifier(max_depth=8),
         lambda: sk_tree.DecisionTreeClassifier(criterion="entropy", max_depth=8), y_cls, 10),
        ("tree regressor, depth 8", lambda: DecisionTreeRegressor(max_depth=8),
         lambda: sk_tree.DecisionTreeRegressor(max_depth=8), y_reg, 10),
        ("tree classifier, full depth", lambda: DecisionTreeClassifier(),
         lambda: sk_tree.DecisionTreeClassifier(criterion="entropy"), y_cls, 10),
        ("tree regressor, full depth", lambda: DecisionTreeRegressor(),
         lambda: sk_tree.DecisionTreeRegressor(), y_reg, 10),
    ]
    print(f"fit + predict, n = {n}, d = {d}, best of {args.repeats}")
    print(f"{'estimator':<30}{'lab s':>10}{'sklearn s':>11}{'ratio':>8}{'target':>8}  ok")
    for name, ours, theirs, y, target in cases:
        t_ours = best_time(ours, X, y, args.repeats)
        t_theirs = best_time(theirs, X, y, args.repeats)
        ratio = t_ours / t_theirs
        print(f"{name:<30}{t_ours:>10.4f}{t_theirs:>11.4f}{ratio:>8.2f}{target:>7}x  {'yes' if ratio <= target else 'NO'}")


if __name__ == "__main__":
    main()
