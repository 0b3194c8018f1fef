"""The wheel carries templates/ and rubrics/: built, installed in a fresh venv, run."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """A fresh venv holding the wheel (not the checkout); returns its bin dir."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = dist.glob("analyser-*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )
    # Dependencies come from this environment (installing them again from the
    # registry would only test pip); the package itself comes from the wheel.
    target = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    Path(target, "zz_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    return bin_dir


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(bin_dir / "analyser"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_wheel_is_imported_from_the_venv_not_the_checkout(installed_wheel, tmp_path):
    out = subprocess.run(
        [str(installed_wheel / "python"), "-c",
         "import analyser, analyser.resources as r; print(analyser.__file__); "
         "print(r.templates_dir()); print(r.rubrics_dir())"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    venv_root = str(installed_wheel.parent)
    assert all(line.startswith(venv_root) for line in out), out


def test_installed_command_reads_a_bundled_rubric(installed_wheel, tmp_path):
    result = run(installed_wheel, "rubric", "show", "ml-paper-analysis", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for criterion in ("context", "framing", "model", "optimisation", "overfitting", "alternatives"):
        assert criterion in result.stdout


def test_installed_command_renders_a_bundled_template(installed_wheel, tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(
        "# Random forests for band gaps\n\n## Abstract\n\nWe train a random forest regression "
        "model on 5,000 compounds from the Materials Project to predict band gaps.\n"
    )
    out = tmp_path / "template.md"
    result = run(installed_wheel, "template", str(paper), "--format", "md", "--name", "Ada Lovelace",
                 "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "Ada Lovelace" in text
    assert "Random forests for band gaps" in text


def test_installed_demo_runs_on_bundled_data(installed_wheel, tmp_path):
    result = run(installed_wheel, "demo", "--out", str(tmp_path / "demo"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo" / "index.html").is_file() or any((tmp_path / "demo").rglob("index.html"))
