"""`check --papers DIR` finds the article in a folder, and a folder submission says what would give it a time."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from analyser.cli import cli
from test_grade_support import DUE, analysis


def test_check_finds_the_article_in_a_folder_of_pdfs_offline(papers_dir, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("gao2024-ssl-gnn-polymer-properties", "ward2016-general-purpose-ml-inorganic-materials"):
        shutil.copy(papers_dir / f"{name}.pdf", folder / f"{name[:4]}.pdf")
    draft = tmp_path / "draft.md"
    draft.write_text(analysis("Ada Lovelace", link="https://doi.org/10.1039/d4me00088a"))
    result = CliRunner().invoke(cli, ["check", str(draft), "--papers", str(folder), "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["article"]["identifier"] == "doi:10.1039/d4me00088a"
    assert report["consistency"]  # checked against the folder's PDF, no network, no cache

    draft.write_text(analysis("Ada Lovelace", link="https://doi.org/10.5555/elsewhere"))
    missing = CliRunner().invoke(cli, ["check", str(draft), "--papers", str(folder), "--offline"])
    assert missing.exit_code == 0, missing.output
    assert "no PDF in" in missing.stderr and "10.5555/elsewhere" in missing.stderr


def test_a_folder_submission_says_no_time_is_known_and_what_would_give_one(papers_dir, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "ada.md").write_text(analysis("Ada Lovelace"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["grade", str(inputs), "--out", str(out), "--due", DUE, "--offline",
                                      "--paper", str(papers_dir / "jiang2023-pharmhgt-molecular-property.pdf")])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "ada" / "report.json").read_text())
    deadline = next(c for c in report["checks"] if c["id"] == "deadline")
    assert deadline["passed"] is None
    assert "carries no submission time" in deadline["detail"] and "mbox, Maildir or .eml" in deadline["detail"]
    assert "--submitted-at" not in (out / "ada" / "report.html").read_text()  # an option grade does not have


def test_each_article_gets_its_own_facts_when_articles_come_and_go(papers_dir):
    # A document made after another was dropped often takes its memory address, hence
    # its id(): the facts kept for the dropped one must never be given to the new one.
    import copy
    import gc

    from analyser.checking.inputs import Article, article_facts
    from analyser.documents import load
    from analyser.facts import extract

    names = ("ward2016-general-purpose-ml-inorganic-materials", "gao2024-ssl-gnn-polymer-properties")
    documents = {name: load(papers_dir / f"{name}.pdf") for name in names}
    expected = {name: extract(document).to_dict() for name, document in documents.items()}
    for _ in range(8):
        for name in names:
            fresh = copy.copy(documents[name])  # a new document object, as a new check reads one
            article = Article(document=fresh)
            found = article_facts(article).to_dict()
            del article, fresh
            gc.collect()
            assert found == expected[name], name
