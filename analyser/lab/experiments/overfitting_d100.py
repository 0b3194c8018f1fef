"""overfitting-d100: least squares with d' = 100 features, test risk as n_train approaches d'.

For n_train < d' the normal equations have many solutions and the lab takes the
minimum-norm one, which interpolates the training data (train risk 0). As
n_train -> d' the interpolating fit needs ever larger coefficients to pass
through the noise, and the test risk explodes: it peaks at n_train = d'
(the "interpolation threshold"), then falls as data outnumber parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.lab.experiments._common import Result, mse, pyplot, save


@dataclass
class OverfittingResult(Result):
    d: int
    noise_variance: float
    n_train: list[int]
    test_risk_median: list[float]
    test_risk_mean: list[float]
    train_risk: list[float]
    peak_n_train: int
    repeats: int

    def summary(self):
        i = self.n_train.index(self.peak_n_train)
        last = self.n_train[-1]
        return [
            f"d' = {self.d}; test risk peaks at n_train = {self.peak_n_train} (median {self.test_risk_median[i]:.1f})",
            f"n_train = {self.n_train[0]}: test risk {self.test_risk_median[0]:.2f};"
            f" n_train = {last}: {self.test_risk_median[-1]:.2f} (noise floor {self.noise_variance:.2f})",
            f"train risk is 0 up to n_train = d' (interpolation): {self.train_risk[i]:.2g} at the peak",
        ]


def run(*, seed: int = 0, quick: bool = False, out=None, d: int = 100, noise: float = 0.5) -> OverfittingResult:
    from analyser.lab.datasets import linear_problem
    from analyser.lab.linear import LinearRegression

    problem = linear_problem(d=d, noise=noise, seed=seed)
    rng = np.random.default_rng(seed + 1)
    X_test, y_test = problem.sample(1000 if quick else 4000, rng)
    f = d / 100
    base = [10, 30, 50, 70, 80, 90, 95, 98, 100, 102, 105, 110, 120, 140, 170, 200, 250, 300, 400]
    if quick:
        base = [10, 50, 80, 90, 95, 100, 105, 110, 120, 150, 200, 300]
    sizes = sorted({max(2, int(round(b * f))) for b in base})
    repeats = 5 if quick else 20
    medians, means, train = [], [], []
    for n in sizes:
        risks, fits = [], []
        for _ in range(repeats):
            X, y = problem.sample(n, rng)
            # no intercept: the problem has none, so the threshold sits exactly at n = d'
            model = LinearRegression(fit_intercept=False).fit(X, y)
            risks.append(mse(model.predict(X_test), y_test))
            fits.append(mse(model.predict(X), y))
        medians.append(float(np.median(risks)))
        means.append(float(np.mean(risks)))
        train.append(float(np.mean(fits)))
    result = OverfittingResult(
        d=d, noise_variance=noise**2, n_train=sizes, test_risk_median=medians, test_risk_mean=means,
        train_risk=train, peak_n_train=sizes[int(np.argmax(medians))], repeats=repeats,
    )
    if out is not None:
        plt = pyplot()
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.plot(sizes, medians, "o-", label="test risk (median)")
        ax.plot(sizes, np.maximum(train, 1e-3), "s--", label="train risk (0 drawn at 1e-3)")
        ax.axvline(d, color="grey", ls=":", label=f"n_train = d' = {d}")
        ax.axhline(noise**2, color="k", lw=0.8, label="noise floor")
        ax.set(xlabel="n_train", ylabel="risk (MSE)", yscale="log", title="Least squares with d' = 100 features")
        ax.legend()
        save(fig, out)
    return result
