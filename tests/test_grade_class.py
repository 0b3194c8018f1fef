"""A class graded offline from a mailbox and a folder of the articles, then again a week later.

Each student picked their own article (real PDFs of ../shared/papers); the
folder's PDFs are matched by the DOI they print or the title a student
quotes. The second run holds only three late submissions and must keep the
first run's students, replacing what changed by the latest-before-due rule.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from test_grade_support import DUE, analysis, mail, write_mbox

ARTICLES = {  # student -> (article PDF, how the analysis names it)
    "alice": ("baghishov2026-mlip-tradeoff", "https://doi.org/10.1039/d5dd00294j"),
    "bob": ("gao2024-ssl-gnn-polymer-properties", "doi:10.1039/D4ME00088A"),
    "carol": ("ward2016-general-purpose-ml-inorganic-materials", "https://doi.org/10.1038/npjcompumats.2016.28"),
    "dan": ("jiang2023-pharmhgt-molecular-property", "https://www.nature.com/articles/s42004-023-00857-x"),
}
TITLE_ONLY = "Self-supervised graph neural networks for polymer property prediction"  # Erin quotes it, no link
UNKNOWN = "https://doi.org/10.5555/not-in-the-folder.2024"


def _student(name: str, link: str, date: str, variant: str = "", subject: str = "analysis"):
    first = name.split()[0].lower()
    text = analysis(name, link=link, variant=variant or f"{name} adds a remark of their own.")
    return mail(f"{name} <{first}@etu.example.fr>", date, subject,
                attachments=[(f"{first}.md", text.encode(), "text/markdown")])


def _grade(inputs, out: Path, papers: Path, *extra: str):
    result = CliRunner().invoke(cli, ["grade", *map(str, inputs), "--out", str(out), "--due", DUE, "--offline",
                                      "--papers", str(papers), *extra])
    assert result.exit_code == 0, result.output
    return result


def _reports(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text()) for p in out.glob("*/report.json")}


def _gradebook(out: Path) -> dict[str, dict]:
    rows = csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig")))
    return {row["Email address"]: row for row in rows}


@pytest.fixture(scope="module")
def week(tmp_path_factory, papers_dir):
    base = tmp_path_factory.mktemp("week")
    papers = base / "articles"
    papers.mkdir()
    for slug, _ in ARTICLES.values():  # the instructor's folder: the file names say nothing
        shutil.copy(papers_dir / f"{slug}.pdf", papers / f"{len(list(papers.iterdir())) + 1:02d}.pdf")
    first_box = write_mbox(base / "week1.mbox", [
        _student("Alice Martin", ARTICLES["alice"][1], "Thu, 26 Feb 2026 10:00:00 +0100"),
        _student("Bob Durand", ARTICLES["bob"][1], "Thu, 26 Feb 2026 11:00:00 +0100"),
        _student("Carol Petit", ARTICLES["carol"][1], "Thu, 26 Feb 2026 12:00:00 +0100"),
        _student("Dan Roux", ARTICLES["dan"][1], "Thu, 26 Feb 2026 13:00:00 +0100"),
        mail("Erin Blanc <erin@etu.example.fr>", "Thu, 26 Feb 2026 14:00:00 +0100", "analysis",
             attachments=[("erin.md", analysis("Erin Blanc", link=f"the article \"{TITLE_ONLY}\" (Gao et al.)")
                           .replace("Article: the article", "Article:").encode(), "text/markdown")]),
        _student("Frank Noir", UNKNOWN, "Thu, 26 Feb 2026 15:00:00 +0100"),
        # Two students with one name: two rows, never one.
        _student("Grace Vert", ARTICLES["dan"][1], "Thu, 26 Feb 2026 16:00:00 +0100", variant="Grace one."),
        mail("Grace Vert <grace.vert@other.example.org>", "Thu, 26 Feb 2026 17:00:00 +0100", "analysis",
             attachments=[("g.md", analysis("Grace Vert", link=ARTICLES["alice"][1], variant="Grace two.").encode(),
                           "text/markdown")]),
    ])
    out = base / "out"
    first = _grade([first_box], out, papers)
    after_first = {"reports": _reports(out), "gradebook": _gradebook(out)}
    second_box = write_mbox(base / "week2.mbox", [
        # A newcomer, Bob's new version before the due date, Carol's after it.
        _student("Hugo Bernard", ARTICLES["carol"][1], "Sat, 28 Feb 2026 09:00:00 +0100"),
        _student("Bob Durand", ARTICLES["bob"][1], "Sat, 28 Feb 2026 10:00:00 +0100", variant="Bob's second version."),
        _student("Carol Petit", ARTICLES["carol"][1], "Tue, 03 Mar 2026 10:00:00 +0100", variant="Carol, too late."),
    ])
    second = _grade([second_box], out, papers)
    return {"base": base, "out": out, "papers": papers, "first": first, "second": second,
            "after_first": after_first, "second_box": second_box}


def test_each_student_is_graded_against_their_own_article_offline(week):
    reports = week["after_first"]["reports"]
    for student, (_, link) in ARTICLES.items():
        report = next(r for r in reports.values() if r["grading"]["email"] == f"{student}@etu.example.fr")
        from analyser.sources import parse_identifier

        assert report["article"]["identifier"] == parse_identifier(link).canonical, student
        assert not any("could not be had" in reason for reason in report["grading"]["review"]), student
        assert not any("is not the one the analysis links to" in note for note in report["grading"]["notes"]), student
        assert report["consistency"], student  # claims were checked against the article
    erin = reports["erin-blanc"]  # no link, the title quoted: matched by title
    assert not any("could not be had" in reason for reason in erin["grading"]["review"])
    assert erin["consistency"]


def test_an_unmatched_link_is_listed_once_with_what_to_do(week):
    output = week["first"].output
    listed = output.split("match no PDF in", 1)[1].split("need manual review", 1)[0]
    assert listed.count("10.5555/not-in-the-folder.2024") == 1
    assert "1 article link(s) match no PDF in" in output
    assert "https://doi.org/10.5555/not-in-the-folder.2024 (1 submission(s))" in output
    assert "Put each article's PDF in" in output and "analyser fetch LINK" in output
    # The summary and the list agree: one submission without its article, one in the list.
    assert "graded without the article: 1 (manual review)" in output
    assert "1 submission(s) need manual review:" in output


def test_two_students_with_one_name_get_two_rows(week):
    book = week["after_first"]["gradebook"]
    graces = [row for email, row in book.items() if row["Student"].startswith("Grace Vert")]
    assert len(graces) == 2
    assert {row["Student"] for row in graces} == {"Grace Vert (grace@etu.example.fr)",
                                                 "Grace Vert (grace.vert@other.example.org)"}


def test_a_second_run_keeps_the_class_and_replaces_what_changed(week):
    out, second = week["out"], week["second"]
    assert "The class in" in second.output
    assert "1 new, 1 updated, 1 unchanged, 6 from earlier runs" in second.output
    book = _gradebook(out)
    assert len(book) == 9  # the 8 of the first week and Hugo
    assert "hugo@etu.example.fr" in book
    reports = _reports(out)
    assert set(week["after_first"]["reports"]) <= set(reports)  # nobody dropped
    bob = reports["bob-durand"]
    assert bob["grading"]["submitted_at"].startswith("2026-02-28T10:00")  # the newer version, before the due date
    assert [row["status"] for row in bob["grading"]["history"]] == ["not graded: a later version was graded", "graded"]
    carol = reports["carol-petit"]  # the late version does not replace the one on time
    assert carol["grading"]["submitted_at"].startswith("2026-02-26T12:00")
    assert [row["status"] for row in carol["grading"]["history"]] == ["graded", "not graded: after the due date"]
    assert "late" not in carol["grading"]["flags"] and carol["total"] == week["after_first"]["reports"]["carol-petit"]["total"]
    manifest = json.loads((out / "students.json").read_text())
    assert len(manifest["students"]) == 9  # the e-mail list holds the whole class
    index = (out / "index.html").read_text()
    assert index.count('<tr data-slug="') == 9


def test_prune_keeps_only_the_students_of_the_inputs(week, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(week["out"], out)
    result = _grade([week["second_box"]], out, week["papers"], "--prune")
    assert "6 removed (--prune)" in result.output
    assert set(_gradebook(out)) == {"hugo@etu.example.fr", "bob@etu.example.fr", "carol@etu.example.fr"}
    assert not (out / "alice-martin").exists()
    assert len(json.loads((out / "students.json").read_text())["students"]) == 3


def test_a_wrong_papers_folder_is_one_line_and_leaves_no_output(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ada.md").write_text(analysis("Ada Lovelace"))
    result = CliRunner().invoke(cli, ["grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                      "--papers", str(tmp_path / "nowhere"), "--offline"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere'}: no such folder (--papers takes a folder of article PDFs)"
    assert not (tmp_path / "out").exists()


def test_students_whose_files_are_gone_keep_their_grade_when_the_settings_change(tmp_path, papers_dir):
    paper = papers_dir / "jiang2023-pharmhgt-molecular-property.pdf"
    first, second = tmp_path / "week1", tmp_path / "week2"
    first.mkdir()
    second.mkdir()
    (first / "ada.md").write_text(analysis("Ada Lovelace"))
    (second / "bea.md").write_text(analysis("Bea Curie", variant="Bea's own point."))
    out = tmp_path / "out"
    args = ["--out", str(out), "--offline", "--paper", str(paper)]
    assert CliRunner().invoke(cli, ["grade", str(first), *args, "--due", DUE]).exit_code == 0
    ada = json.loads((out / "ada" / "report.json").read_text())
    shutil.rmtree(first)  # the files of last week are gone; the due date moves
    again = CliRunner().invoke(cli, ["grade", str(second), *args, "--due", "2026-03-08"])
    assert again.exit_code == 0, again.output
    assert "1 new, 0 updated, 0 unchanged, 1 from earlier runs" in again.output
    assert json.loads((out / "ada" / "report.json").read_text())["total"] == ada["total"]
    assert "could not be read" not in again.output
