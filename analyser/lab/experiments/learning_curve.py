"""learning-curve: train and test risk of any lab model as the training set grows.

The one to run to back a remark such as "with 200 samples the model probably
overfits": a large gap between train and test risk that closes as n grows is
variance (more data helps); two curves meeting high is bias (a richer model
helps).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.lab.experiments._common import Result, pyplot, save


@dataclass
class LearningCurveResult(Result):
    model: str
    dataset: str
    task: str
    risk: str  # what "risk" measures: "error rate" or "MSE"
    sizes: list[int]
    train_risk: list[float]
    test_risk: list[float]
    test_risk_std: list[float]
    repeats: int

    def summary(self):
        lines = [f"{self.model} on {self.dataset} ({self.task}); risk = {self.risk}, mean of {self.repeats} draws"]
        for n, tr, te in zip(self.sizes, self.train_risk, self.test_risk):
            lines.append(f"  n = {n:<5} train {tr:.3f}   test {te:.3f}   gap {te - tr:+.3f}")
        return lines


def _dataset(name: str, seed: int):
    from analyser.lab import datasets

    if name == "linear":
        return datasets.linear(n=1000, d=20, seed=seed)  # d' = 20: a curve without the n = d' peak
    return datasets.load(name, seed=seed)


def _risk(model, X, y, task) -> float:
    prediction = model.predict(X)
    return float(np.mean(prediction != y)) if task == "classification" else float(np.mean((prediction - y) ** 2))


def run(
    *, seed: int = 0, quick: bool = False, out=None, model: str = "tree", dataset: str | None = None, repeats: int | None = None
) -> LearningCurveResult:
    from analyser.lab.model_selection import train_test_split
    from analyser.lab.models import default_task, make_model

    task = default_task(model)
    dataset = dataset or ("xnor" if task == "classification" else "linear")
    data = _dataset(dataset, seed)
    make_model(model, data.task, seed)  # a model that cannot do this task fails now, clearly
    X_pool, X_te, y_pool, y_te = train_test_split(data.X, data.y, test_size=0.25, random_state=seed)
    n_pool = len(y_pool)
    smallest = max(10, n_pool // 30)
    sizes = sorted({int(v) for v in np.geomspace(smallest, n_pool, 5 if quick else 8).round()})
    repeats = repeats or (2 if quick else 5)
    rng = np.random.default_rng(seed)
    train, test, spread = [], [], []
    for n in sizes:
        tr, te = [], []
        for r in range(repeats):
            rows = rng.choice(n_pool, n, replace=False)
            if data.task == "classification" and len(np.unique(y_pool[rows])) < 2:
                rows = rng.choice(n_pool, n, replace=False)  # a one-class draw teaches nothing; draw again
            fitted = make_model(model, data.task, seed + r).fit(X_pool[rows], y_pool[rows])
            tr.append(_risk(fitted, X_pool[rows], y_pool[rows], data.task))
            te.append(_risk(fitted, X_te, y_te, data.task))
        train.append(float(np.mean(tr)))
        test.append(float(np.mean(te)))
        spread.append(float(np.std(te)))
    result = LearningCurveResult(
        model=model, dataset=dataset, task=data.task, risk="error rate" if data.task == "classification" else "MSE",
        sizes=sizes, train_risk=train, test_risk=test, test_risk_std=spread, repeats=repeats,
    )
    if out is not None:
        plt = pyplot()
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.plot(sizes, train, "o-", label="train")
        ax.errorbar(sizes, test, yerr=spread, fmt="s-", capsize=3, label="test")
        ax.set(xscale="log", xlabel="training set size n", ylabel=f"risk ({result.risk})",
               title=f"Learning curve: {model} on {dataset}")
        ax.minorticks_off()  # log-scale minor labels would overlap; label the sizes run
        ax.set_xticks(sizes, [str(n) for n in sizes])
        ax.legend()
        save(fig, out)
    return result
