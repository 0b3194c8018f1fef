"""The pure steps of grading: charts, similarity, flags, gradebook cells, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analyser import atomic
from analyser.grading import charts
from analyser.grading.flags import FLAGS, flags_for
from analyser.grading.gradebook import _csv
from analyser.grading.model import Outcome, Selection, SimilarPair, Submission
from analyser.grading.similarity import shared_passages, similar_pairs


def test_distribution_bins_cover_the_whole_scale():
    chart = charts.distribution([0, 1.9, 2, 19.99, 20, 20], scale=20, bins=10)
    counts = [int(bar.value) for bar in chart.bars]
    assert counts == [2, 1, 0, 0, 0, 0, 0, 0, 0, 3]  # 20/20 is in the last bin, not outside
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.label == "18–20" and tallest.y + tallest.height == chart.baseline


def test_criterion_means_scale_to_three_and_survive_an_empty_class():
    chart = charts.criterion_means([("a", "A"), ("b", "B")], [3.0, None])
    full, empty = chart.bars
    assert full.height == pytest.approx(charts.HEIGHT - 2 * charts.MARGIN) and empty.height == 0
    assert "no score" in empty.title
    assert [b.height for b in charts.distribution([], 20).bars] == [0] * 10


TEXT_A = ("Predicting solubility with a graph network is useful because assays are slow, and the authors claim "
          "their fragment view captures functional groups that atom graphs miss entirely in small data sets.")
TEXT_B = ("Random forests on fingerprints remain a strong baseline; the scaffold split shows a clear drop in "
          "accuracy which suggests leakage between near duplicate molecules in the random split of the data.")


def test_similarity_pairs_copies_and_shows_the_shared_passage():
    texts = {"ann": TEXT_A + " " + TEXT_B, "ben": TEXT_A + " I add my own remark here.", "cat": "Entirely different words about kernels, priors and uncertainty in Gaussian processes for catalysis."}
    pairs = similar_pairs(texts, threshold=0.5)
    assert [(p.a, p.b) for p in pairs] == [("ann", "ben")]
    assert TEXT_A.split(",")[0] in pairs[0].passages[0]
    assert similar_pairs({"only": TEXT_A}) == []


def test_shared_passages_need_a_long_common_run():
    assert shared_passages("one two three four five", "one two three four five") == []
    long = " ".join(f"w{i}" for i in range(20))
    assert shared_passages(f"x {long} y", f"z {long} q") == [long]


def _selection(late=False, name="Ann Lee", **fields):
    sub = Submission(id="s", student_key="k", path=Path("a.md"), origin="a.md", student_name=name, **fields)
    return Selection("k", sub, [sub], late=late)


def test_flags_follow_the_checks_and_the_batch():
    report = {
        "checks": [{"id": "page_limit", "passed": False}, {"id": "student_name", "passed": True},
                   {"id": "article_link", "passed": False}, {"id": "is_analysis", "passed": False},
                   {"id": "deadline", "passed": None}],
        "consistency": [{"claim": "x", "supported": False}],
    }
    pair = SimilarPair("k", "other", 0.9, [])
    assert flags_for(_selection(late=True), Outcome("s", report), [pair]) == [
        "late", "over_page_limit", "no_link", "summary", "unsupported_claims", "high_similarity"]
    assert flags_for(_selection(), Outcome("s", None, review=["unreadable"]), []) == ["manual_review"]
    assert set(FLAGS) >= {"late", "no_name", "manual_review"}


def test_csv_cells_cannot_become_spreadsheet_formulas():
    text = _csv([["name"], ["=HYPERLINK(\"http://x\")"], ["@SUM(A1)"], ["Zoé"]])
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[2] == "'@SUM(A1)" and lines[3] == "Zoé"


def test_atomic_write_replaces_whole_files_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "report.json"
    atomic.write_json(target, {"a": 1})
    atomic.write_json(target, {"a": 2})
    assert target.read_text().strip().endswith("}") and '"a": 2' in target.read_text()
    assert os.listdir(target.parent) == ["report.json"]

    with pytest.raises(TypeError):
        atomic.write_bytes(target, object())  # fails after the temporary file was opened
    assert '"a": 2' in target.read_text() and os.listdir(target.parent) == ["report.json"]


class _Killed(Exception):
    pass


def test_a_kill_just_as_the_temporary_file_is_made_leaves_none_behind(tmp_path, monkeypatch):
    # Interrupted right after the file was created, before anything else ran: with
    # mkstemp the name was not known yet, and the download test in test_hostile_runs.py
    # left a .tmp file now and then (a SIGTERM in that window).
    created = os.open

    def open_then_killed(file, flags, *args, **kwargs):
        descriptor = created(file, flags, *args, **kwargs)
        if str(file).endswith(".tmp"):
            os.close(descriptor)
            raise _Killed()
        return descriptor

    monkeypatch.setattr(os, "open", open_then_killed)
    with pytest.raises(_Killed):
        atomic.write_bytes(tmp_path / "paper.pdf", b"%PDF-1.7")
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []
