"""Issue 13, items 1-6 and 11: real and hostile mailboxes and class folders give the right grades.

Every input becomes a gradebook row or a listed, named problem held for
review: never a traceback for the whole class, never silence, never a silent 0.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile_corpus as corpus
from analyser.cli import cli
from test_grade_support import DUE, LINK, PAPER_SLUG, analysis, mail, prime_cache, write_mbox

MD = "text/markdown"
ON_TIME = "Sat, 28 Feb 2026 10:00:00 +0100"


# The good analysis of test_grade_support scores about 10-11/20 against the article
# (the article itself, graded as a submission, about 6.7): above this, it was graded.
GOOD_TOTAL = 8


def grade(*inputs, out: Path, extra: tuple = ("--offline",)):
    return CliRunner().invoke(cli, ["grade", *map(str, inputs), "--out", str(out), "--due", DUE, *extra])


@pytest.fixture(autouse=True)
def _article_in_cache(papers_dir):
    """The article every analysis links to is in the cache, as after `analyser fetch`: no review noise."""
    prime_cache(papers_dir / f"{PAPER_SLUG}.pdf")


def gradebook(out: Path) -> dict[str, dict]:
    with (out / "gradebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["Student"]: row for row in csv.DictReader(handle)}


def reports(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*/report.json")}


@pytest.fixture(scope="module")
def article(papers_dir) -> Path:
    return papers_dir / f"{PAPER_SLUG}.pdf"


def _blocks(markdown: str):
    """(heading level or 0, text) of a Markdown analysis: each block of plain lines is one paragraph."""
    for block in markdown.split("\n\n"):
        lines = block.strip().splitlines()
        while lines and lines[0].startswith("#"):
            heading = lines.pop(0)
            yield heading.count("#"), heading.lstrip("# ")
        if lines:
            yield 0, " ".join(lines)


def _docx(path: Path, markdown: str) -> Path:
    """A Word file of a Markdown analysis, with Word headings."""
    import docx

    document = docx.Document()
    for level, text in _blocks(markdown):
        if level:
            document.add_heading(text, level=level)
        else:
            document.add_paragraph(text)
    document.save(path)
    return path


def _html(markdown: str) -> str:
    """An HTML page of a Markdown analysis, as our template exports one."""
    import html

    lines = [f"<h{level}>{html.escape(text)}</h{level}>" if level else f"<p>{html.escape(text)}</p>"
             for level, text in _blocks(markdown)]
    return "<!doctype html><html><body>" + "\n".join(lines) + "</body></html>"


# --- item 1: a raw 8-bit byte in a sender's name ------------------------------------------------------

def test_a_raw_latin1_sender_name_is_decoded_and_the_class_is_graded(tmp_path):
    box = corpus.write_raw_mbox(tmp_path / "class.mbox", [
        corpus.raw_message(b"Ren\xe9 Dupont <rene@etu.example.fr>", ON_TIME, "analyse",
                           attachments=[("rene.md", analysis("").encode(), MD)]),
        corpus.raw_message(b"Ann Lee <ann@etu.example.fr>", ON_TIME, "analysis",
                           attachments=[("ann.md", analysis("Ann Lee").encode(), MD)]),
    ])
    result = grade(box, out=tmp_path / "out")
    assert result.exit_code == 0, result.output
    book = gradebook(tmp_path / "out")
    assert set(book) == {"René Dupont", "Ann Lee"}
    assert all(row["Total (ml-paper-analysis, /20)"] for row in book.values())
    students = json.loads((tmp_path / "out" / "students.json").read_text(encoding="utf-8"))["students"]
    assert {s["name"] for s in students} == {"René Dupont", "Ann Lee"}
    # Every file written is valid UTF-8 (the lone surrogate of "Ren\xe9" used to stop the run here).
    for path in (tmp_path / "out").rglob("*"):
        if path.suffix in (".html", ".json", ".csv"):
            path.read_bytes().decode("utf-8")


def test_a_file_name_that_is_not_utf8_does_not_stop_the_class(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.md").write_text(analysis("Ann Lee"), encoding="utf-8")
    odd = Path(os.fsdecode(bytes(folder) + b"/caf\xe9.md"))  # Latin-1 bytes in a name on a UTF-8 file system
    odd.write_text(analysis("Zoé Café"), encoding="utf-8")
    result = grade(folder, out=tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(gradebook(tmp_path / "out")) == 2


# --- item 2: a later e-mail without attachment does not replace the analysis --------------------------

QUESTION = ("Dear professor, I have a question about my analysis: should the discussion of overfitting "
            "also compare the scaffold split with the random split, or is it enough to comment on the "
            "error bars of the small data sets? Thank you very much for your help and have a nice day.")


def test_a_follow_up_question_does_not_replace_the_attached_analysis(tmp_path):
    box = write_mbox(tmp_path / "class.mbox", [
        mail("Zoé Roy <zoe@x.fr>", "Fri, 27 Feb 2026 10:00:00 +0100", "my analysis",
             attachments=[("zoe.md", analysis("Zoé Roy").encode(), MD)]),
        mail("Zoé Roy <zoe@x.fr>", "Sat, 28 Feb 2026 18:00:00 +0100", "a question about my analysis", body=QUESTION),
        mail("Zoé Roy <zoe@x.fr>", "Sat, 28 Feb 2026 19:00:00 +0100", "thanks", body="Thanks!"),
        # A body-only analysis is still graded when it is the student's only hand-in.
        mail("Dan Roux <dan@x.fr>", ON_TIME, "analysis", body=analysis("Dan Roux")),
    ])
    result = grade(box, out=tmp_path / "out")
    assert result.exit_code == 0, result.output
    zoe, dan = reports(tmp_path / "out")["zoe-roy"], reports(tmp_path / "out")["dan-roux"]
    assert zoe["submission"].endswith("zoe.md") and zoe["total"] > GOOD_TOTAL
    assert [row["status"] for row in zoe["grading"]["history"]] == [
        "graded", "not graded: the analysis attached to another message was graded", "not graded: no analysis in it"]
    assert "manual_review" not in zoe["grading"]["flags"]  # a question or a thank-you needs nobody's review
    assert dan["submission"].endswith("body.txt") and dan["total"] > GOOD_TOTAL


# --- item 3: the article attached with the analysis ---------------------------------------------------

@pytest.mark.parametrize("with_article", [True, False], ids=["article-known", "offline-no-article"])
def test_the_students_own_document_is_graded_not_the_attached_article(tmp_path, article, with_article):
    own = _docx(tmp_path / "analysis.docx", analysis("Eve Noir"))
    box = write_mbox(tmp_path / "class.mbox", [
        mail("Eve Noir <eve@x.fr>", ON_TIME, "analysis + article",
             attachments=[("analysis.docx", own.read_bytes(), "application/vnd.openxmlformats-officedocument."
                                                               "wordprocessingml.document"),
                          ("jiang2023.pdf", article.read_bytes(), "application/pdf")]),
    ])
    extra = ("--offline", "--paper", str(article)) if with_article else ("--offline",)
    result = grade(box, out=tmp_path / "out", extra=extra)
    assert result.exit_code == 0, result.output
    eve = reports(tmp_path / "out")["eve-noir"]
    assert eve["submission"].endswith("analysis.docx"), eve["submission"]
    assert eve["total"] > GOOD_TOTAL


def test_the_article_alone_is_recognised_and_not_graded(tmp_path, article):
    box = write_mbox(tmp_path / "class.mbox", [
        mail("Max Gris <max@x.fr>", ON_TIME, "analysis", attachments=[("analysis.pdf", article.read_bytes(),
                                                                        "application/pdf")]),
        mail("Ann Lee <ann@x.fr>", ON_TIME, "analysis", attachments=[("ann.md", analysis("Ann Lee").encode(), MD)]),
    ])
    result = grade(box, out=tmp_path / "out", extra=("--offline", "--paper", str(article)))
    assert result.exit_code == 0, result.output
    max_ = reports(tmp_path / "out")["max-gris"]
    assert "total" not in max_ and "manual_review" in max_["grading"]["flags"]
    assert any("is the article itself" in reason for reason in max_["grading"]["review"])
    assert gradebook(tmp_path / "out")["Max Gris"]["Needs review"] == "1"
    # Without the article to compare with, its journal look is enough to hold it for review.
    from analyser.sources import parse_identifier
    from analyser.sources.cache import Cache

    Cache().pdf_path(parse_identifier(LINK).canonical).unlink()
    result = grade(box, out=tmp_path / "out2")
    max_ = reports(tmp_path / "out2")["max-gris"]
    assert any("looks like the published article itself" in reason for reason in max_["grading"]["review"])


def test_a_copy_of_the_article_in_a_preferred_format_gives_way_to_the_analysis(tmp_path, article):
    from analyser.documents import load

    article_text = load(article).text
    box = write_mbox(tmp_path / "class.mbox", [
        mail("Léa Blanc <lea@x.fr>", ON_TIME, "analysis", attachments=[
            ("notes.md", ("# Notes\n\n" + article_text).encode(), MD),  # .md ranks before .txt
            ("analysis.txt", analysis("Léa Blanc").encode(), "text/plain")]),
    ])
    result = grade(box, out=tmp_path / "out", extra=("--offline", "--paper", str(article)))
    assert result.exit_code == 0, result.output
    lea = reports(tmp_path / "out")["lea-blanc"]
    assert lea["submission"].endswith("analysis.txt") and lea["total"] > GOOD_TOTAL
    assert any("notes.md is the article itself" in note for note in lea["grading"]["notes"])


# --- item 4: nobody vanishes ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vanishing(tmp_path_factory, article):
    base = tmp_path_factory.mktemp("vanishing")
    good = analysis("Ann Lee").encode()
    broken = corpus.with_broken_base64(
        corpus.raw_message(b"Bea Vert <bea@x.fr>", ON_TIME, "analysis",
                           attachments=[("bea.docx", _docx(base / "bea.docx", analysis("Bea Vert")).read_bytes(),
                                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]),
        "bea.docx")
    huge = corpus.raw_message(b"Carl Huge <carl@x.fr>", ON_TIME, "analysis",
                              attachments=[("carl.pdf", b"%PDF-1.4\n" + b"0" * (31 * corpus.MB), "application/pdf")])
    box = corpus.write_raw_mbox(base / "class.mbox", [
        corpus.raw_message(b"Ann Lee <ann@x.fr>", ON_TIME, "analysis", attachments=[("ann.md", good, MD)]),
        broken,
        huge,
        corpus.raw_message(b"Alice <", ON_TIME, "analysis",
                           attachments=[("alice.md", analysis("Alice Malformed").encode(), MD)]),
    ])
    folder = base / "folder"
    folder.mkdir()
    (folder / "dora.html").write_text(_html(analysis("Dora Exp")), encoding="utf-8")
    (folder / "ezra.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "fanny.rtf").write_text("{\\rtf1\\ansi The model overfits the data.}")
    # --paper: a module fixture runs outside the per-test cache, so it must not look links up.
    result = grade(box, folder, out=base / "out", extra=("--offline", "--paper", str(article)))
    return {"result": result, "out": base / "out"}


def test_every_message_and_file_is_a_row_or_a_named_problem(vanishing):
    result, out = vanishing["result"], vanishing["out"]
    assert result.exit_code == 0, result.output
    book = gradebook(out)
    assert set(book) == {"Ann Lee", "Bea Vert", "Carl Huge", "Alice", "Dora Exp", "ezra", "fanny"}, set(book)
    for name in ("Bea Vert", "Carl Huge", "ezra", "fanny"):
        assert book[name]["Total (ml-paper-analysis, /20)"] == "" and book[name]["Needs review"] == "1", name
        assert name in result.output  # listed at the end, with the reason
    for name in ("Ann Lee", "Alice", "Dora Exp"):
        assert float(book[name]["Total (ml-paper-analysis, /20)"]) > GOOD_TOTAL, name
    assert book["Alice"]["Needs review"] == "1"  # graded, but whose is it?


def test_the_reasons_say_what_happened(vanishing):
    output = vanishing["result"].output
    assert "attachment bea.docx could not be decoded (broken base64 encoding)" in output
    assert "message larger than 30 MB: not read" in output
    assert "no sender address could be read (From: Alice <)" in output
    assert "an old Word .doc file" in output and "an RTF file" in output
    assert "with no sender and nothing to grade" not in output


# --- item 5: ties and names ----------------------------------------------------------------------------

def test_two_versions_in_the_same_second_the_later_message_wins(tmp_path):
    others = [mail(f"S{i} <s{i}@x.fr>", ON_TIME, "a", attachments=[(f"s{i}.md", analysis(f"S{i}").encode(), MD)])
              for i in range(8)]
    same = "Sat, 28 Feb 2026 23:00:00 +0100"
    box = write_mbox(tmp_path / "class.mbox", others + [
        mail("Tom Lin <tom@x.fr>", same, "v1", attachments=[("v1.md", analysis("Tom Lin").encode(), MD)]),  # message 9
        mail("Tom Lin <tom@x.fr>", same, "v2", attachments=[("v2.md", analysis("Tom Lin", variant="Version two.").encode(),
                                                             MD)]),  # message 10
    ])
    result = grade(box, out=tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert reports(tmp_path / "out")["tom-lin"]["submission"].endswith("v2.md")


def test_one_folder_per_student_names_the_student(tmp_path):
    from test_grade_support import GOOD

    folder = tmp_path / "class"
    nameless = GOOD.replace("Name: {name}\n", "").format(link=LINK)
    for student in ("Alice Martin", "Bruno Petit", "Chloé Durand"):
        (folder / student).mkdir(parents=True)
        (folder / student / "analysis.md").write_text(nameless + f"\n{student} was here in spirit.\n", encoding="utf-8")
    result = grade(folder, out=tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert set(gradebook(tmp_path / "out")) == {"Alice Martin", "Bruno Petit", "Chloé Durand"}


# --- item 6: an article attached by hand after the first run is used ---------------------------------

def test_a_hand_attached_article_replaces_the_ledgers_could_not_be_had(tmp_path, article):
    from analyser.sources import parse_identifier
    from analyser.sources.cache import Cache

    key = parse_identifier(LINK).canonical  # metadata known, PDF refused: what a 403 leaves in the cache
    Cache().pdf_path(key).unlink()
    box = write_mbox(tmp_path / "class.mbox", [
        mail("Ann Lee <ann@x.fr>", ON_TIME, "a", attachments=[("ann.md", analysis("Ann Lee").encode(), MD)])])
    first = grade(box, out=tmp_path / "out")
    assert first.exit_code == 0 and "graded without the article: 1" in first.output, first.output

    fetched = CliRunner().invoke(cli, ["fetch", LINK, "--pdf", str(article), "--out", str(tmp_path / "fetched"),
                                       "--offline"])
    assert fetched.exit_code == 0, fetched.output
    second = grade(box, out=tmp_path / "out")
    assert second.exit_code == 0, second.output
    assert "1 student(s): 1 graded, 0 unchanged" in second.output and "without the article" not in second.output
    ann = reports(tmp_path / "out")["ann-lee"]
    assert not any("article could not be had" in reason for reason in ann["grading"]["review"])
    third = grade(box, out=tmp_path / "out")
    assert "0 graded, 1 unchanged" in third.output  # and then the ledger holds again


# --- item 11: symbolic links out of the class folder ---------------------------------------------------

def test_links_out_of_the_class_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n" * 20 + analysis("Secret"))
    folder = tmp_path / "class"
    (folder / "ann").mkdir(parents=True)
    (folder / "ann" / "analysis.md").write_text(analysis("Ann Lee"), encoding="utf-8")
    (folder / "mallory").mkdir()
    (folder / "mallory" / "analysis.txt").symlink_to("/etc/passwd")
    (folder / "mel").mkdir()
    (folder / "mel" / "analysis.txt").symlink_to(outside / "secret.txt")
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    (folder / "ann" / "again.md").symlink_to(folder / "ann" / "analysis.md")  # inside: harmless, read
    result = grade(folder, out=tmp_path / "out")
    assert result.exit_code == 0, result.output
    book = gradebook(tmp_path / "out")
    assert book["mallory"]["Needs review"] == "1" and book["mallory"]["Total (ml-paper-analysis, /20)"] == ""
    assert book["mel"]["Needs review"] == "1" and book["mel"]["Total (ml-paper-analysis, /20)"] == ""
    assert "a link to a file outside the class folder" in result.output
    assert "a link to a folder outside the class folder" in result.output
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert b"root:x:0:0" not in path.read_bytes(), path


def test_a_later_unreadable_message_holds_the_student_for_review(tmp_path):
    first = corpus.raw_message(b"Ann Lee <ann@x.fr>", "Fri, 27 Feb 2026 10:00:00 +0100", "analysis",
                               attachments=[("ann.md", analysis("Ann Lee").encode(), MD)])
    later = corpus.with_broken_base64(corpus.raw_message(
        b"Ann Lee <ann@x.fr>", ON_TIME, "corrected analysis",
        attachments=[("ann-v2.docx", _docx(tmp_path / "v2.docx", analysis("Ann Lee", variant="v2")).read_bytes(),
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]), "ann-v2.docx")
    box = corpus.write_raw_mbox(tmp_path / "class.mbox", [first, later])
    result = grade(box, out=tmp_path / "out")
    assert result.exit_code == 0, result.output
    ann = reports(tmp_path / "out")["ann-lee"]
    assert ann["submission"].endswith("ann.md") and ann["total"] > GOOD_TOTAL  # what could be read is graded...
    assert "manual_review" in ann["grading"]["flags"]  # ...and held: the broken one may be the newer version
    assert any(reason.startswith("a later message could not be graded") and "ann-v2.docx" in reason
               for reason in ann["grading"]["review"])
    assert [row["status"] for row in ann["grading"]["history"]] == ["graded", "not graded: could not be read"]
