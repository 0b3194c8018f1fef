"""ridge-path: ridge on the d' = 100 linear problem as lambda grows.

Train risk rises with lambda (the penalty pulls away from the least-squares
fit), bias^2 rises, variance falls, and the test risk is U-shaped; 5-fold
cross-validation on the training set alone picks a lambda near the bottom.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.lab.experiments._common import Result, mse, pyplot, save


@dataclass
class RidgePathResult(Result):
    n_train: int
    d: int
    lambdas: list[float]
    train_risk: list[float]
    test_risk: list[float]
    bias2: list[float]
    variance: list[float]
    cv_risk: list[float]
    best_lambda_cv: float
    best_lambda_test: float
    test_risk_at_cv_lambda: float
    test_risk_least_squares: float

    def summary(self):
        return [
            f"n_train {self.n_train}, d' {self.d}: lambda by 5-fold CV = {self.best_lambda_cv:.3g}"
            f" (best on test: {self.best_lambda_test:.3g})",
            f"test risk at the CV lambda {self.test_risk_at_cv_lambda:.3f}; least squares (lambda = 0)"
            f" {self.test_risk_least_squares:.3f}",
            f"lambda {self.lambdas[0]:.0e} -> {self.lambdas[-1]:.0e}: train risk {self.train_risk[0]:.3f} -> "
            f"{self.train_risk[-1]:.3f}, bias^2 {self.bias2[0]:.3f} -> {self.bias2[-1]:.3f}, "
            f"variance {self.variance[0]:.3f} -> {self.variance[-1]:.3f}",
        ]


def run(*, seed: int = 0, quick: bool = False, out=None, n_train: int = 150, noise: float = 1.0) -> RidgePathResult:
    from analyser.lab.bias_variance import bias_variance
    from analyser.lab.datasets import linear_problem
    from analyser.lab.linear import LinearRegression, Ridge
    from analyser.lab.model_selection import GridSearch, KFold

    problem = linear_problem(d=100, noise=noise, seed=seed)
    rng = np.random.default_rng(seed + 1)
    X, y = problem.sample(n_train, rng)
    X_test, y_test = problem.sample(1000 if quick else 4000, rng)
    lambdas = np.logspace(-4, 2, 13 if quick else 25)
    rounds = 10 if quick else 40
    train_risk, test_risk, bias2, variance = [], [], [], []
    for lam in lambdas:
        model = Ridge(alpha=lam).fit(X, y)
        train_risk.append(mse(model.predict(X), y))
        test_risk.append(mse(model.predict(X_test), y_test))
        # fresh training sets from the known distribution; the target is the
        # noise-free f(x), so bias^2 + variance is the excess risk over noise^2
        bv = bias_variance(Ridge(alpha=lam), lambda g: problem.sample(n_train, g), X_test, problem.f(X_test),
                           n_rounds=rounds, random_state=seed + 2)
        bias2.append(bv.bias2)
        variance.append(bv.variance)
    search = GridSearch(Ridge(), {"alpha": list(lambdas)}, cv=KFold(5, shuffle=True, random_state=seed),
                        scoring="neg_mean_squared_error").fit(X, y)
    cv_risk = [-r["mean_score"] for r in search.cv_results_]
    best_cv = float(search.best_params_["alpha"])
    result = RidgePathResult(
        n_train=n_train, d=problem.d, lambdas=[float(v) for v in lambdas], train_risk=train_risk, test_risk=test_risk,
        bias2=bias2, variance=variance, cv_risk=cv_risk, best_lambda_cv=best_cv,
        best_lambda_test=float(lambdas[int(np.argmin(test_risk))]),
        test_risk_at_cv_lambda=mse(search.best_estimator_.predict(X_test), y_test),
        test_risk_least_squares=mse(LinearRegression().fit(X, y).predict(X_test), y_test),
    )
    if out is not None:
        plt = pyplot()
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
        left.plot(lambdas, train_risk, label="train risk")
        left.plot(lambdas, test_risk, label="test risk")
        left.plot(lambdas, cv_risk, "--", label="5-fold CV risk")
        left.axvline(best_cv, color="grey", ls=":", label=f"CV choice {best_cv:.2g}")
        left.set(xscale="log", xlabel="lambda", ylabel="risk (MSE)", title="Ridge path")
        left.legend()
        right.plot(lambdas, bias2, label="bias^2")
        right.plot(lambdas, variance, label="variance")
        right.plot(lambdas, np.add(bias2, variance), "k--", label="bias^2 + variance")
        right.set(xscale="log", xlabel="lambda", title="Bias-variance (fresh training sets)")
        right.legend()
        save(fig, out)
    return result
