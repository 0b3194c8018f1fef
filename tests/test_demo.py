"""`analyser demo`: the whole pipeline offline on the bundled article and class."""

from __future__ import annotations

import json

from click.testing import CliRunner

from analyser.cli import cli


def test_demo_runs_offline_and_writes_everything(tmp_path, monkeypatch):
    # Any attempt to reach a source would fail fast and send a student to manual review.
    for name in ("ANALYSER_ARXIV_URL", "ANALYSER_CHEMRXIV_URL", "ANALYSER_BIORXIV_URL", "ANALYSER_CROSSREF_URL"):
        monkeypatch.setenv(name, "http://127.0.0.1:9/")
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out / "grades" / "index.html") in result.output

    grades = out / "grades"
    students = {s["slug"]: s for s in json.loads((grades / "students.json").read_text())["students"]}
    assert set(students) == {"camille-laurent", "hugo-bernard", "lena-fischer", "yanis-moreau", "s-dupont-etu-example-fr"}
    assert not any("manual_review" in s["flags"] for s in students.values())  # the article was had offline
    assert "late" in students["yanis-moreau"]["flags"]
    assert "summary" in students["lena-fischer"]["flags"]
    assert "no_name" in students["s-dupont-etu-example-fr"]["flags"]
    # The good analysis beats the summary; the French one is graded too.
    assert students["camille-laurent"]["total"] > students["lena-fischer"]["total"]
    assert students["hugo-bernard"]["total"] > students["lena-fischer"]["total"]
    hugo = json.loads((grades / "hugo-bernard" / "report.json").read_text())
    assert len(hugo["grading"]["history"]) == 2 and hugo["submission"].endswith(".docx")

    assert (out / "article" / "ATTRIBUTION.md").read_text().count("CC BY 4.0") >= 1
    # Every report is either in the outbox or held for the instructor's review, and the demo says which.
    held = [line for line in result.output.splitlines() if "held for review" in line]
    written = len(list((grades / "outbox").glob("*.eml")))
    unresolved = sum(bool(s.get("unresolved")) for s in students.values())
    assert written + unresolved == 5 and written >= 1
    assert bool(held) == bool(unresolved)
    assert (grades / "gradebook.csv").is_file() and (grades / "index.html").is_file()
    template = out / "template" / "analysis-template.md"
    assert template.is_file() or "template" in result.output

    again = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert again.exit_code == 0, again.output
    index = (grades / "index.html").read_text()
    assert "graded this run: 0, unchanged: 5" in index


def test_demo_data_ships_inside_the_package():
    from analyser.grading.demo import ARTICLE, DATA

    assert (DATA / "article" / ARTICLE).read_bytes()[:5] == b"%PDF-"
    spec = json.loads((DATA / "class.json").read_text())
    for message in spec["messages"]:
        assert (DATA / "submissions" / (message.get("attachment") or message["body"])).is_file()
