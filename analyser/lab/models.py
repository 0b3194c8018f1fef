"""The lab's models by short name, as `learning-curve --model NAME` takes them."""

from __future__ import annotations

from collections.abc import Callable

from analyser.lab.errors import UnknownModelError

# name -> (one-line description, classifier factory or None, regressor factory or None)
# Factories take a seed; settings are the experiments' defaults, small enough to run in seconds.
MODELS: dict[str, tuple[str, Callable | None, Callable | None]] = {}


def _register():
    from analyser.lab import boosting, ensemble, linear, mlp, neighbours, softmax, tree

    MODELS.update({
        "linear": ("least squares (normal equations)", None, lambda s: linear.LinearRegression()),
        "ridge": ("ridge, lambda = 0.1", None, lambda s: linear.Ridge(alpha=0.1)),
        "softmax": ("softmax regression", lambda s: softmax.SoftmaxRegression(alpha=1e-4), None),
        # fully grown: a depth-limited greedy tree can fail on XNOR (no first
        # split has any gain, so it chips at the edges and runs out of depth)
        "tree": ("decision tree, fully grown",
                 lambda s: tree.DecisionTreeClassifier(random_state=s),
                 lambda s: tree.DecisionTreeRegressor(min_samples_leaf=3, random_state=s)),
        "forest": ("random forest, 50 trees",
                   lambda s: ensemble.RandomForestClassifier(n_estimators=50, random_state=s),
                   lambda s: ensemble.RandomForestRegressor(n_estimators=50, random_state=s)),
        "adaboost": ("AdaBoost, 50 depth-2 trees", lambda s: boosting.AdaBoostClassifier(max_depth=2, random_state=s), None),
        "gboost": ("gradient boosting, 100 depth-3 trees",
                   lambda s: boosting.GradientBoostingClassifier(random_state=s),
                   lambda s: boosting.GradientBoostingRegressor(random_state=s)),
        "mlp": ("network, two hidden layers of 10",
                lambda s: mlp.MLPClassifier(hidden_layer_sizes=(10, 10), random_state=s),
                lambda s: mlp.MLPRegressor(hidden_layer_sizes=(10, 10), random_state=s)),
        "knn": ("1-nearest neighbour", lambda s: neighbours.NearestNeighbourClassifier(), None),
    })


def model_names() -> list[str]:
    if not MODELS:
        _register()
    return list(MODELS)


def make_model(name: str, task: str, seed: int = 0):
    """A fresh estimator `name` for `task` ("classification" | "regression")."""
    from analyser.lab.errors import BadOptionError

    if name not in model_names():
        raise UnknownModelError(name, model_names())
    _, classifier, regressor = MODELS[name]
    factory = classifier if task == "classification" else regressor
    if factory is None:
        other = "regression" if task == "classification" else "classification"
        raise BadOptionError(f"model {name!r} does {other} only; pick a {other} dataset")
    return factory(seed)


def default_task(name: str) -> str:
    if name not in model_names():
        raise UnknownModelError(name, model_names())
    return "classification" if MODELS[name][1] is not None else "regression"
