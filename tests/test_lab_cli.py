"""`analyser lab list` and `analyser lab run`."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from analyser.cli import cli
from analyser.lab.experiments import EXPERIMENTS


def test_list_names_every_experiment():
    result = CliRunner().invoke(cli, ["lab", "list"])
    assert result.exit_code == 0, result.output
    for name in EXPERIMENTS:
        assert name in result.output


def test_run_writes_png_and_json_and_prints_figures(tmp_path):
    out = tmp_path / "figures"
    result = CliRunner().invoke(cli, ["lab", "run", "normal-equations", "--out", str(out), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "train risk" in result.output and "test risk" in result.output
    png, record = out / "normal-equations.png", out / "normal-equations.json"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads(record.read_text())
    assert data["experiment"] == "normal-equations" and data["seed"] == 3
    assert set(data["result"]) >= {"train_risk", "test_risk", "slope", "intercept"}
    assert f"{data['result']['test_risk']:.2f}" in result.output


def test_seed_changes_the_data(tmp_path):
    runs = []
    for seed in ("1", "2"):
        CliRunner().invoke(cli, ["lab", "run", "normal-equations", "--out", str(tmp_path / seed), "--seed", seed])
        runs.append(json.loads((tmp_path / seed / "normal-equations.json").read_text())["result"]["slope"])
    assert runs[0] != runs[1]


def test_learning_curve_takes_a_model(tmp_path):
    result = CliRunner().invoke(cli, ["lab", "run", "learning-curve", "--model", "knn", "--quick", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "knn on xnor" in result.output
    assert json.loads((tmp_path / "learning-curve.json").read_text())["options"] == {"model": "knn"}


def test_unknown_experiment_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["lab", "run", "overfitting", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith("error: unknown experiment 'overfitting'")
    assert "overfitting-d100" in result.output and "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_unknown_model_and_misplaced_option_are_errors(tmp_path):
    result = CliRunner().invoke(cli, ["lab", "run", "learning-curve", "--model", "svm", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "unknown model 'svm'" in result.output
    result = CliRunner().invoke(cli, ["lab", "run", "gd-vs-sgd", "--dataset", "iris", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "takes no option --dataset" in result.output


def test_lab_list_does_not_import_numpy():
    code = "import sys; from analyser.cli import main; sys.argv = ['analyser', 'lab', 'list']\n" \
           "try:\n    main()\nexcept SystemExit:\n    pass\n" \
           "assert 'numpy' not in sys.modules, 'numpy imported'\nassert 'matplotlib' not in sys.modules"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "ridge-path" in done.stdout
