"""The course's experiments: each a `run(seed=, quick=, out=, ...)` returning a result
dataclass (`to_dict()`, `summary()`) and drawing its plot to `out` when given.

`run_experiment` is what the CLI calls: it writes `<name>.png` and `<name>.json`.
"""

from __future__ import annotations

import importlib
import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path

from analyser.lab.errors import BadOptionError, LabError, UnknownExperimentError

# name -> (module, one-line description); modules are imported when run
EXPERIMENTS: dict[str, tuple[str, str]] = {
    "normal-equations": ("normal_equations", "least squares on salary vs experience: train vs test risk (80/20)"),
    "softmax-iris": ("softmax_iris", "softmax regression on iris by gradient descent: cross-entropy train vs test"),
    "overfitting-d100": ("overfitting_d100", "least squares with d' = 100: test risk peaks as n_train reaches d'"),
    "ridge-path": ("ridge_path", "ridge vs lambda: train/test risk, bias and variance, lambda by cross-validation"),
    "xnor-models": ("xnor_models", "trees, forest, boosting and networks on noisy XNOR: boundaries, accuracies"),
    "gd-vs-sgd": ("gd_vs_sgd", "risk vs epoch for batch fractions gamma = 1/n, 2/n, 0.1, 0.5, 1"),
    "curse-of-dimensionality": ("curse_of_dimensionality", "nearest vs farthest neighbour distance as d grows"),
    "learning-curve": ("learning_curve", "train/test risk vs n for any lab model (--model, --dataset)"),
}


@dataclass
class ExperimentRun:
    name: str
    result: object
    files: list[Path] = field(default_factory=list)

    def summary(self) -> list[str]:
        return self.result.summary()


def options(name: str) -> list[str]:
    """The keyword options experiment `name` takes besides seed, quick and out."""
    signature = inspect.signature(_module(name).run)
    return [p for p in signature.parameters if p not in ("seed", "quick", "out")]


def _module(name: str):
    if name not in EXPERIMENTS:
        raise UnknownExperimentError(name, list(EXPERIMENTS))
    return importlib.import_module(f"analyser.lab.experiments.{EXPERIMENTS[name][0]}")


def run_experiment(name: str, out_dir: str | Path | None = None, *, seed: int = 0, quick: bool = False, **opts) -> ExperimentRun:
    """Run experiment `name`; with `out_dir`, write `<name>.png` and `<name>.json` there."""
    module = _module(name)
    known = options(name)
    for key in opts:
        if key not in known:
            taken = ", ".join(f"--{k.replace('_', '-')}" for k in known) or "none"
            raise BadOptionError(f"experiment {name!r} takes no option --{key.replace('_', '-')} (its options: {taken})")
    files: list[Path] = []
    png = None
    if out_dir is not None:
        out_dir = Path(out_dir)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LabError(f"cannot create the output folder: {error.strerror}", path=str(out_dir)) from error
        png = out_dir / f"{name}.png"
    result = module.run(seed=seed, quick=quick, out=png, **opts)
    if out_dir is not None:
        record = {"experiment": name, "seed": seed, "quick": quick, "options": opts, "result": result.to_dict()}
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        files = [png, path]
    return ExperimentRun(name=name, result=result, files=files)
