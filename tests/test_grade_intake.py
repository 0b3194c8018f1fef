"""Intake and selection: submissions from mailboxes, folders and .eml files; one graded per student."""

from __future__ import annotations

import mailbox
from datetime import datetime, timezone

import pytest

from analyser.dates import parse_due
from analyser.dates import BadDateError
from analyser.grading.errors import InputNotFoundError
from analyser.grading.intake import collect
from analyser.grading.names import assign_slugs, safe_filename
from analyser.grading.selection import select
from test_grade_support import DUE, class_messages, mail, snapshot, write_mbox


@pytest.fixture
def class_mbox(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    return write_mbox(folder / "class.mbox", class_messages())


def test_mbox_gives_senders_dates_and_saved_attachments(class_mbox, tmp_path):
    inbox = tmp_path / "out" / "inbox"
    subs = {s.student_key: s for s in collect([class_mbox], inbox) if "bob" not in s.student_key}
    alice = subs["alice@etu.example.fr"]
    assert alice.student_name == "Alice Martin" and alice.email == "alice@etu.example.fr"
    assert alice.submitted_at == datetime(2026, 2, 26, 9, 0, tzinfo=timezone.utc)
    assert alice.path.name == "alice.md" and inbox in alice.path.parents
    assert alice.path.read_text().startswith("# ML analysis")
    # No attachment: the body is the submission.
    dan = subs["dan@etu.example.fr"]
    assert dan.path.name == "body.txt" and "Dan Roux" in dan.path.read_text()


def test_hostile_attachment_name_lands_inside_the_output_folder(class_mbox, tmp_path):
    out = tmp_path / "deep" / "out"
    frank = next(s for s in collect([class_mbox], out / "inbox") if s.email == "frank@etu.example.fr")
    assert frank.path.name == "passwd.txt"
    assert out.resolve() in frank.path.resolve().parents
    assert not (tmp_path / "etc").exists() and not (tmp_path / "deep" / "etc").exists()


def test_safe_filename_keeps_one_harmless_component():
    for hostile in ["../../etc/passwd", "/etc/shadow", "..\\..\\boot.ini", "..", "", "a/../../b.pdf", "x\x00y.md"]:
        name = safe_filename(hostile)
        assert name and "/" not in name and "\\" not in name and not name.startswith(".") and "\x00" not in name
    assert safe_filename("Résumé final.PDF") == "Resume_final.PDF"
    assert len(safe_filename("a" * 500 + ".pdf")) <= 80


def test_selection_grades_latest_on_time_and_lists_all(class_mbox, tmp_path):
    selections = {s.student_key: s for s in select(collect([class_mbox], tmp_path / "inbox"), parse_due(DUE))}
    bob = selections["bob@etu.example.fr"]
    assert [s.path.name for s in bob.all] == ["bob-v1.txt", "bob-v2.md"]
    assert bob.graded.path.name == "bob-v2.md" and not bob.late
    assert selections["carol@etu.example.fr"].late
    assert not selections["alice@etu.example.fr"].late


def test_a_late_second_version_does_not_replace_the_one_on_time(tmp_path):
    box = write_mbox(tmp_path / "c.mbox", [
        mail("Zoé <z@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "v1", attachments=[("a.md", b"# v1 " + b"word " * 40, "text/markdown")]),
        mail("Zoé <z@x.fr>", "Tue, 03 Mar 2026 10:00:00 +0100", "v2", attachments=[("b.md", b"# v2 " + b"word " * 40, "text/markdown")]),
    ])
    (chosen,) = select(collect([box], tmp_path / "inbox"), parse_due(DUE))
    assert chosen.graded.path.name == "a.md" and not chosen.late and len(chosen.all) == 2
    # Without a due date the latest counts.
    (latest,) = select(collect([box], tmp_path / "inbox"), None)
    assert latest.graded.path.name == "b.md"


def test_maildir_eml_and_folder_inputs_are_read_without_being_modified(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    maildir = mailbox.Maildir(str(inputs / "Maildir"))
    maildir.add(mail("Ann <ann@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "a",
                     attachments=[("ann.md", b"# Ann\n" + b"text " * 50, "text/markdown")]))
    maildir.close()
    (inputs / "one.eml").write_bytes(mail("Ben <ben@x.fr>", "Sat, 28 Feb 2026 11:00:00 +0100", "b",
                                          attachments=[("ben.txt", b"text " * 50, "text/plain")]).as_bytes())
    moodle = inputs / "Chloe Roy_4242_assignsubmission_file_"
    moodle.mkdir()
    (moodle / "analysis.md").write_text("# Chloe\n" + "text " * 50)
    (inputs / "dylan.txt").write_text("text " * 50)
    before = snapshot(inputs)

    subs = collect([inputs], tmp_path / "out" / "inbox", exclude=tmp_path / "out")
    by_key = {s.student_key: s for s in subs}
    assert set(by_key) == {"ann@x.fr", "ben@x.fr", "moodle:4242", "dylan"}
    assert by_key["moodle:4242"].student_name == "Chloe Roy"
    assert snapshot(inputs) == before  # nothing moved from new/ to cur/, nothing rewritten


def test_output_folder_inside_the_input_folder_is_not_read_back(tmp_path):
    inputs = tmp_path / "class"
    (inputs / "graded" / "someone").mkdir(parents=True)
    (inputs / "graded" / "someone" / "report.txt").write_text("not a submission " * 10)
    (inputs / "ann.md").write_text("# Ann " + "text " * 50)
    subs = collect([inputs], inputs / "graded" / "inbox", exclude=inputs / "graded")
    assert [s.student_key for s in subs] == ["ann"]


def test_errors_a_user_can_cause(tmp_path):
    with pytest.raises(InputNotFoundError, match="nope"):
        collect([tmp_path / "nope"], tmp_path / "inbox")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputNotFoundError, match="photo.png"):
        collect([tmp_path / "photo.png"], tmp_path / "inbox")
    with pytest.raises(BadDateError):
        parse_due("next friday")
    assert parse_due("2026-03-01").hour == 23


def test_oversized_and_numerous_attachments_are_bounded(tmp_path, monkeypatch):
    from analyser.grading import mail_intake

    monkeypatch.setattr(mail_intake, "MAX_ATTACHMENT_BYTES", 1000)
    monkeypatch.setattr(mail_intake, "MAX_ATTACHMENTS", 3)
    message = mail("Big <big@x.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "big",
                   attachments=[("huge.md", b"x" * 5000, "text/markdown")]
                   + [(f"f{i}.txt", b"word " * 40, "text/plain") for i in range(5)])
    (sub,) = collect([write_mbox(tmp_path / "b.mbox", [message])], tmp_path / "inbox")
    assert any("huge.md" in p and "not saved" in p for p in sub.problems)
    assert any("only the first 3" in p for p in sub.problems)
    assert not list((tmp_path / "inbox").rglob("huge.md"))
    assert len(list((tmp_path / "inbox").rglob("*.txt"))) == 2


def test_slugs_are_unique_and_stable():
    keys = ["a@x.fr", "b@x.fr", "c@x.fr"]
    labels = {"a@x.fr": "Jean Dupont", "b@x.fr": "Jean Dupont", "c@x.fr": "../inbox"}
    first = assign_slugs(keys, labels)
    assert len(set(first.values())) == 3 and first == assign_slugs(list(reversed(keys)), labels)
    assert first["c@x.fr"] != "inbox" and "/" not in first["c@x.fr"]
