"""softmax-iris: softmax regression on iris by gradient descent, cross-entropy train vs test."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.lab.experiments._common import Result, pyplot, save


@dataclass
class SoftmaxIrisResult(Result):
    epochs: list[int]
    train_cross_entropy: list[float]
    test_cross_entropy: list[float]
    train_accuracy: float
    test_accuracy: float
    learning_rate: float

    def summary(self):
        return [
            f"after {self.epochs[-1]} epochs of gradient descent (step {self.learning_rate}):",
            f"cross-entropy train {self.train_cross_entropy[-1]:.3f}   test {self.test_cross_entropy[-1]:.3f}"
            f"   (start {self.train_cross_entropy[0]:.3f} = log 3)",
            f"accuracy train {self.train_accuracy:.3f}   test {self.test_accuracy:.3f}",
        ]


def run(*, seed: int = 0, quick: bool = False, out=None, epochs: int | None = None) -> SoftmaxIrisResult:
    from analyser.lab.datasets import iris
    from analyser.lab.model_selection import train_test_split
    from analyser.lab.softmax import SoftmaxRegression

    data = iris()
    X_tr, X_te, y_tr, y_te = train_test_split(data.X, data.y, test_size=0.2, random_state=seed)
    # standardise with the training statistics only: the test set stays unseen
    mean, std = X_tr.mean(axis=0), X_tr.std(axis=0)
    X_tr, X_te = (X_tr - mean) / std, (X_te - mean) / std
    n_epochs = epochs or (100 if quick else 500)
    lr = 0.5
    # tol=0 with n_iter_no_change=max: run every epoch, to draw the whole curve
    model = SoftmaxRegression(solver="gd", max_iter=n_epochs, learning_rate=lr, tol=0.0)
    model.fit(X_tr, y_tr, eval_set=(X_te, y_te))
    result = SoftmaxIrisResult(
        epochs=list(range(len(model.loss_curve_))),
        train_cross_entropy=[float(v) for v in model.loss_curve_],
        test_cross_entropy=[float(v) for v in model.eval_loss_curve_],
        train_accuracy=float(np.mean(model.predict(X_tr) == y_tr)),
        test_accuracy=float(np.mean(model.predict(X_te) == y_te)),
        learning_rate=lr,
    )
    if out is not None:
        plt = pyplot()
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.plot(result.epochs, result.train_cross_entropy, label="train")
        ax.plot(result.epochs, result.test_cross_entropy, label="test")
        ax.set(xlabel="epoch", ylabel="cross-entropy", yscale="log", title="Softmax regression on iris (gradient descent)")
        ax.legend()
        save(fig, out)
    return result
