"""normal-equations: least squares on the salary data, train vs test risk (80/20 split)."""

from __future__ import annotations

from dataclasses import dataclass

from analyser.lab.experiments._common import Result, mse, pyplot, save


@dataclass
class NormalEquationsResult(Result):
    n_train: int
    n_test: int
    intercept: float
    slope: float
    train_risk: float
    test_risk: float
    noise_variance: float  # the risk of the true line: the floor no model beats

    def summary(self):
        return [
            f"salary = {self.intercept:.2f} + {self.slope:.3f} x years   (true: 30 + 2.5 x years)",
            f"train risk (MSE) {self.train_risk:.2f}   test risk {self.test_risk:.2f}   noise floor {self.noise_variance:.0f}",
            f"n_train {self.n_train}, n_test {self.n_test}",
        ]


def run(*, seed: int = 0, quick: bool = False, out=None) -> NormalEquationsResult:
    from analyser.lab.datasets import SALARY_NOISE, salary
    from analyser.lab.linear import LinearRegression
    from analyser.lab.model_selection import train_test_split

    data = salary(seed=seed)
    X_tr, X_te, y_tr, y_te = train_test_split(data.X, data.y, test_size=0.2, random_state=seed)
    model = LinearRegression().fit(X_tr, y_tr)
    result = NormalEquationsResult(
        n_train=len(y_tr), n_test=len(y_te), intercept=float(model.intercept_), slope=float(model.coef_[0]),
        train_risk=mse(model.predict(X_tr), y_tr), test_risk=mse(model.predict(X_te), y_te), noise_variance=SALARY_NOISE**2,
    )
    if out is not None:
        plt = pyplot()
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.scatter(X_tr[:, 0], y_tr, s=10, alpha=0.6, label=f"train (risk {result.train_risk:.1f})")
        ax.scatter(X_te[:, 0], y_te, s=14, marker="^", alpha=0.8, label=f"test (risk {result.test_risk:.1f})")
        xs = [[0.0], [35.0]]
        ax.plot([0, 35], model.predict(xs), "k-", label="normal equations")
        ax.set(xlabel=data.feature_names[0], ylabel=data.target_name, title="Least squares on the salary data")
        ax.legend()
        save(fig, out)
    return result
