"""analyser.lab: the course's ML algorithms written plainly on numpy, and its experiments.

Every estimator follows scikit-learn's conventions (fit / predict / score,
get_params / set_params, fitted attributes ending in `_`) and is checked
against scikit-learn in the tests. Names are imported lazily, so that
`import analyser.lab` (and `analyser lab list`) stays light.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "LinearRegression": "linear",
    "Ridge": "linear",
    "SoftmaxRegression": "softmax",
    "GradientDescent": "optim",
    "SGD": "optim",
    "Objective": "optim",
    "DecisionTreeClassifier": "tree",
    "DecisionTreeRegressor": "tree",
    "RandomForestClassifier": "ensemble",
    "RandomForestRegressor": "ensemble",
    "AdaBoostClassifier": "boosting",
    "GradientBoostingRegressor": "boosting",
    "GradientBoostingClassifier": "boosting",
    "MLPClassifier": "mlp",
    "MLPRegressor": "mlp",
    "NearestNeighbourClassifier": "neighbours",
    "train_test_split": "model_selection",
    "KFold": "model_selection",
    "cross_val_score": "model_selection",
    "GridSearch": "model_selection",
    "bias_variance": "bias_variance",
    "BiasVariance": "bias_variance",
    "run_experiment": "experiments",
    "EXPERIMENTS": "experiments",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'analyser.lab' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"analyser.lab.{_WHERE[name]}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
