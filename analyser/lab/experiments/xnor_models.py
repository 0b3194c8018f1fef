"""xnor-models: trees, ensembles and networks on noisy XNOR, decision boundaries and accuracies.

No single line separates XNOR. A network with one hidden unit computes a
monotone function of one projection of x, so it cannot do better than about
3/4 of the points; 100 units, or two layers of 10, carve the four quadrants.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.lab.experiments._common import Result, pyplot, save

NAMES = {
    "tree": "decision tree",
    "forest": "random forest",
    "adaboost": "AdaBoost",
    "gboost": "gradient boosting",
    "mlp-1": "network, 1 hidden unit",
    "mlp-100": "network, 100 hidden units",
    "mlp-10x10": "network, 2 layers of 10",
}


@dataclass
class XnorResult(Result):
    n_train: int
    n_test: int
    train_accuracy: dict[str, float]
    test_accuracy: dict[str, float]

    def summary(self):
        lines = [f"noisy XNOR, n_train {self.n_train}, n_test {self.n_test}:"]
        for key, name in NAMES.items():
            lines.append(f"  {name:<28} train {self.train_accuracy[key]:.3f}   test {self.test_accuracy[key]:.3f}")
        return lines


def models(seed: int, quick: bool) -> dict:
    from analyser.lab.boosting import AdaBoostClassifier, GradientBoostingClassifier
    from analyser.lab.ensemble import RandomForestClassifier
    from analyser.lab.mlp import MLPClassifier
    from analyser.lab.tree import DecisionTreeClassifier

    epochs = 150 if quick else 300
    return {
        "tree": DecisionTreeClassifier(random_state=seed),
        "forest": RandomForestClassifier(n_estimators=30 if quick else 100, random_state=seed),
        "adaboost": AdaBoostClassifier(n_estimators=50, max_depth=2, random_state=seed),
        "gboost": GradientBoostingClassifier(n_estimators=50 if quick else 100, random_state=seed),
        "mlp-1": MLPClassifier(hidden_layer_sizes=(1,), max_iter=epochs, random_state=seed),
        "mlp-100": MLPClassifier(hidden_layer_sizes=(100,), max_iter=epochs, random_state=seed),
        "mlp-10x10": MLPClassifier(hidden_layer_sizes=(10, 10), max_iter=epochs, random_state=seed),
    }


def run(*, seed: int = 0, quick: bool = False, out=None) -> XnorResult:
    from analyser.lab.datasets import xnor
    from analyser.lab.model_selection import train_test_split

    data = xnor(n=500, seed=seed)
    X_tr, X_te, y_tr, y_te = train_test_split(data.X, data.y, test_size=0.3, random_state=seed)
    fitted = {key: model.fit(X_tr, y_tr) for key, model in models(seed, quick).items()}
    result = XnorResult(
        n_train=len(y_tr), n_test=len(y_te),
        train_accuracy={k: float(m.score(X_tr, y_tr)) for k, m in fitted.items()},
        test_accuracy={k: float(m.score(X_te, y_te)) for k, m in fitted.items()},
    )
    if out is not None:
        plt = pyplot()
        fig, axes = plt.subplots(2, 4, figsize=(14, 7), sharex=True, sharey=True)
        grid = np.linspace(-2.2, 2.2, 150)
        gx, gy = np.meshgrid(grid, grid)
        points = np.column_stack([gx.ravel(), gy.ravel()])
        panels = list(fitted.items()) + [("data", None)]
        for ax, (key, model) in zip(axes.ravel(), panels):
            if model is not None:
                proba = model.predict_proba(points)[:, 1].reshape(gx.shape)
                ax.contourf(gx, gy, proba, levels=np.linspace(0, 1, 11), cmap="RdBu", alpha=0.6)
                ax.set_title(f"{NAMES[key]}\ntest acc {result.test_accuracy[key]:.2f}", fontsize=9)
            else:
                ax.set_title("test data", fontsize=9)
            ax.scatter(X_te[:, 0], X_te[:, 1], c=y_te, cmap="RdBu", s=6, edgecolors="k", linewidths=0.2)
        save(fig, out)
    return result
