"""Each experiment, run small (quick=True), shows what the course shows."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analyser.lab.errors import BadOptionError, UnknownDatasetError, UnknownExperimentError, UnknownModelError
from analyser.lab.experiments import EXPERIMENTS, run_experiment


def _run(name, out, **options):
    """Run small, and check that the plot and the JSON of the numbers were written."""
    done = run_experiment(name, out, seed=0, quick=True, **options)
    png, record = out / f"{name}.png", out / f"{name}.json"
    assert done.files == [png, record]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    assert json.loads(record.read_text())["result"] == done.result.to_dict()
    return done.result


def test_normal_equations_recover_the_line_and_generalise(tmp_path):
    r = _run("normal-equations", tmp_path)
    assert r.n_train + r.n_test == 373 and r.n_test == 75
    assert abs(r.slope - 2.5) < 0.2 and abs(r.intercept - 30) < 3
    # one feature, 298 samples: hardly any overfitting, both risks near the noise floor
    assert 0.7 * r.noise_variance < r.train_risk < 1.3 * r.noise_variance
    assert abs(r.test_risk - r.train_risk) < 0.3 * r.train_risk


def test_softmax_iris_cross_entropy_falls_and_classifies(tmp_path):
    r = _run("softmax-iris", tmp_path)
    assert r.train_cross_entropy[0] == pytest.approx(np.log(3))
    assert np.all(np.diff(r.train_cross_entropy) <= 1e-12)  # gradient descent with a safe step
    assert r.train_cross_entropy[-1] < 0.25
    assert r.test_cross_entropy[-1] < r.test_cross_entropy[0] / 3
    assert r.test_accuracy >= 0.85 and r.train_accuracy >= 0.9


def test_overfitting_d100_peaks_at_n_equal_d(tmp_path):
    r = _run("overfitting-d100", tmp_path)
    assert 90 <= r.peak_n_train <= 110
    peak = max(r.test_risk_median)
    assert peak > 10 * r.test_risk_median[-1] and peak > 10 * r.test_risk_median[0]
    below = [t for n, t in zip(r.n_train, r.train_risk) if n <= r.d]
    assert max(below) < 1e-12  # interpolation: zero training error up to n = d'
    assert r.test_risk_median[-1] < 2 * r.noise_variance + 0.5


def test_ridge_path_behaves_like_the_course_says(tmp_path):
    r = _run("ridge-path", tmp_path)
    assert np.all(np.diff(r.train_risk) >= -1e-12)  # train risk increases with lambda
    assert r.bias2[-1] > 3 * r.bias2[0]
    assert r.variance[-1] < 0.1 * r.variance[0]
    best = int(np.argmin(r.test_risk))
    assert 0 < best < len(r.lambdas) - 1  # U-shaped test risk
    assert r.test_risk_at_cv_lambda < r.test_risk_least_squares
    assert 1 / 30 < r.best_lambda_cv / r.best_lambda_test < 30
    assert r.cv_risk[0] > min(r.cv_risk)


def test_xnor_one_hidden_unit_is_clearly_worse_than_a_hundred(tmp_path):
    r = _run("xnor-models", tmp_path)
    acc = r.test_accuracy
    assert acc["mlp-1"] < 0.85
    assert acc["mlp-100"] >= 0.95 and acc["mlp-10x10"] >= 0.95
    assert acc["mlp-100"] - acc["mlp-1"] > 0.15
    for key in ("tree", "forest", "adaboost", "gboost"):
        assert acc[key] >= 0.9, key
    assert r.train_accuracy["tree"] == 1.0  # a fully grown tree memorises


def test_gd_vs_sgd_all_converge_small_batches_faster(tmp_path):
    r = _run("gd-vs-sgd", tmp_path)
    assert r.labels == ["1/n", "2/n", "0.1", "0.5", "1"]
    for label, final in zip(r.labels, r.final_risk):
        assert final < 1.1 * r.optimum_risk, label
    full = r.histories[-1]
    assert np.all(np.diff(full) <= 1e-9)  # full batch: the risk never rises
    online = r.histories[0]
    assert online[1] < full[1] / 5  # after one epoch online SGD (n updates) is far ahead of GD (1 update)
    assert r.epochs_to_within_1pc[0] < r.epochs_to_within_1pc[-1]
    assert 0 < r.gd_stopped_at < 10_000


def test_curse_of_dimensionality_ratio_tends_to_one(tmp_path):
    r = _run("curse-of-dimensionality", tmp_path)
    assert r.dims == sorted(r.dims)
    assert r.ratio[0] < 0.05 and r.ratio[-1] > 0.85
    assert np.all(np.diff(r.ratio) > 0)


@pytest.mark.parametrize("model, dataset", [("tree", None), ("ridge", None), ("forest", "iris"), ("mlp", "xnor")])
def test_learning_curve_test_risk_falls_with_n(model, dataset, tmp_path):
    options = {"model": model} | ({"dataset": dataset} if dataset else {})
    r = _run("learning-curve", tmp_path, **options)
    assert r.model == model
    assert r.sizes == sorted(r.sizes) and len(r.sizes) >= 4
    assert r.test_risk[-1] < r.test_risk[0]
    half = len(r.sizes) // 2
    assert np.mean(r.test_risk[-half:]) < np.mean(r.test_risk[:half])
    # a test risk is never (on average) below the train risk of the same fits by much
    assert r.test_risk[-1] >= r.train_risk[-1] - 0.05


def test_errors_name_what_is_known():
    with pytest.raises(UnknownExperimentError, match="normal-equations"):
        run_experiment("normal-equation")
    with pytest.raises(UnknownModelError, match="forest"):
        run_experiment("learning-curve", quick=True, model="svm")
    with pytest.raises(UnknownDatasetError, match="xnor"):
        run_experiment("learning-curve", quick=True, dataset="mnist")
    with pytest.raises(BadOptionError, match="--model"):
        run_experiment("curse-of-dimensionality", model="tree")
    with pytest.raises(BadOptionError, match="classification"):
        run_experiment("learning-curve", quick=True, model="softmax", dataset="salary")


def test_every_experiment_is_registered_and_documented():
    assert list(EXPERIMENTS) == [
        "normal-equations", "softmax-iris", "overfitting-d100", "ridge-path",
        "xnor-models", "gd-vs-sgd", "curse-of-dimensionality", "learning-curve",
    ]
    assert all(description for _, description in EXPERIMENTS.values())
