"""gd-vs-sgd: least squares on the salary data by SGD with batch fraction gamma.

Same step size for every gamma: gamma = 1 (full batch) makes one update per
epoch, gamma = 1/n (online) makes n, so small batches get close to the
optimum in far fewer epochs, but keep jittering around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.lab.experiments._common import Result, pyplot, save


@dataclass
class GdVsSgdResult(Result):
    n: int
    learning_rate: float
    optimum_risk: float  # the normal-equations risk, the floor
    gammas: list[float]
    labels: list[str]
    histories: list[list[float]]  # risk at epoch 0..E, per gamma
    final_risk: list[float]
    epochs_to_within_1pc: list[int | None]
    gd_stopped_at: int  # epochs gradient descent needed with its stopping criterion

    def summary(self):
        lines = [f"least squares on n = {self.n} salaries, step {self.learning_rate}, optimum risk {self.optimum_risk:.2f}"]
        for label, final, hit in zip(self.labels, self.final_risk, self.epochs_to_within_1pc):
            when = f"first within 1% at epoch {hit}" if hit is not None else "never within 1%"
            gap = 100 * (final / self.optimum_risk - 1)
            lines.append(f"  gamma = {label:<6} final risk {final:8.2f} (+{gap:.1f}%)   {when}")
        # A constant step leaves small batches bouncing around the optimum.
        lines.append("small batches get close fastest, then fluctuate: their final risk stays above the optimum")
        lines.append(f"gradient descent with tol 1e-6 stopped after {self.gd_stopped_at} epochs")
        return lines


def run(*, seed: int = 0, quick: bool = False, out=None, learning_rate: float = 0.02, epochs: int = 200) -> GdVsSgdResult:
    from analyser.lab.datasets import salary
    from analyser.lab.linear import LinearRegression
    from analyser.lab.optim import SGD, GradientDescent, least_squares_objective

    data = salary(seed=seed)
    n = len(data.y)
    # standardised feature plus a column of ones: the risk is well conditioned
    x = (data.X[:, 0] - data.X[:, 0].mean()) / data.X[:, 0].std()
    Phi = np.column_stack([np.ones(n), x])
    objective = least_squares_objective(Phi, data.y)
    optimum = objective.loss(LinearRegression(fit_intercept=False).fit(Phi, data.y).coef_)
    n_epochs = epochs  # cheap enough that quick runs the same
    gammas = [1 / n, 2 / n, 0.1, 0.5, 1.0]
    labels = ["1/n", "2/n", "0.1", "0.5", "1"]
    histories = []
    for gamma in gammas:
        sgd = SGD(learning_rate=learning_rate, batch_fraction=gamma, max_epochs=n_epochs, tol=None, random_state=seed)
        histories.append([float(v) for v in sgd.minimise(objective, np.zeros(2)).history])
    within = []
    for h in histories:
        hits = [e for e, r in enumerate(h) if r <= 1.01 * optimum]
        within.append(hits[0] if hits else None)
    gd = GradientDescent(learning_rate=learning_rate, max_epochs=10_000, tol=1e-6).minimise(objective, np.zeros(2))
    result = GdVsSgdResult(
        n=n, learning_rate=learning_rate, optimum_risk=optimum, gammas=gammas, labels=labels, histories=histories,
        final_risk=[h[-1] for h in histories], epochs_to_within_1pc=within, gd_stopped_at=gd.n_epochs,
    )
    if out is not None:
        plt = pyplot()
        fig, ax = plt.subplots(figsize=(6, 4))
        for label, h in zip(labels, histories):
            ax.plot(range(len(h)), h, label=f"gamma = {label}")
        ax.axhline(optimum, color="k", lw=0.8, ls=":", label="optimum (normal equations)")
        ax.set(xlabel="epoch", ylabel="training risk (MSE)", yscale="log", title="Gradient descent vs SGD")
        ax.legend()
        save(fig, out)
    return result
