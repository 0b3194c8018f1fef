"""benchmarks/bench_facts.py: each label set reported on its own, precision and
recall apart, and the sealed papers measured from their own folder only. The
real sealed folder is never read here: a fake one is built in a temporary folder."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SLUG = "jowhar2024-ddx3x-gc-rf"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_facts", REPO / "benchmarks" / "bench_facts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture
def fake_sealed(tmp_path, papers_dir) -> Path:
    """A sealed folder of one paper: its gold labels and its PDF under another slug."""
    gold = json.loads((REPO / "benchmarks" / "facts-gold" / "paper-facts.json").read_text())[SLUG]
    folder = tmp_path / "sealed"
    (folder / "papers").mkdir(parents=True)
    shutil.copy(papers_dir / f"{SLUG}.pdf", folder / "papers" / "fake-sealed-paper.pdf")
    (folder / "paper-facts.json").write_text(json.dumps({"_provenance": {}, "fake-sealed-paper": gold}))
    return folder


def test_precision_recall_and_allowed_values(bench):
    assert bench.set_counts({"a", "b", "c"}, {"a", "d"}, {"a", "d", "b"}) == (1, 1, 1)
    assert bench.prf(1, 1, 1) == (0.5, 0.5, 0.5)
    assert bench.prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert bench.value_right({"a"}, {"a"}, {"a", "b"}) and not bench.value_right({"c"}, {"a"}, set())


def test_the_sealed_set_is_read_from_its_folder_only(bench, fake_sealed, shared_dir):
    sets = bench.label_sets(shared_dir, [fake_sealed])
    name, labels, folders, sealed = sets[0]
    assert sealed and labels == [fake_sealed / "paper-facts.json"] and folders == [fake_sealed / "papers"]
    assert not any(item[3] for item in sets[1:])
    # Without --sealed no sealed folder is looked at.
    assert not any(item[3] for item in bench.label_sets(shared_dir, []))


def test_sealed_papers_are_measured_with_targets_and_no_paper_by_paper_detail(bench, fake_sealed, capsys):
    result = bench.accuracy("SEALED", [fake_sealed / "paper-facts.json"], [fake_sealed / "papers"], verbose=False)
    assert result.papers == 1
    bench.report(result, targets=True)
    out = capsys.readouterr().out
    assert "SEALED: 1 papers" in out and "fake-sealed-paper" not in out
    for field in ("learning_type", "tasks", "main_families", "validation", "representation"):
        line = next(line for line in out.splitlines() if line.strip().startswith(field))
        assert " P " in line and " R " in line and "target" in line
    assert "learning_type" in out and "exact 1.00" in out


def test_main_measures_a_sealed_folder_given_on_the_command_line(bench, fake_sealed, shared_dir, monkeypatch, capsys):
    # Only the fake sealed set: the open sets are measured by the benchmark itself.
    monkeypatch.setattr(bench, "label_sets", lambda shared, sealed_dirs: [
        (f"SEALED papers ({sealed_dirs[0]}/paper-facts.json)", [sealed_dirs[0] / "paper-facts.json"], [sealed_dirs[0] / "papers"], True)])
    bench.main(["--sealed", "--sealed-dir", str(fake_sealed), "--no-timing", "--verbose", "--shared", str(shared_dir)])
    out = capsys.readouterr().out
    assert "SEALED papers" in out and "target F1 >= 0.9" in out
    assert "fake-sealed-paper" not in out  # never paper by paper, even with --verbose
