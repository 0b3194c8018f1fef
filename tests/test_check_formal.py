"""The formal checks, each passing and failing; summaries and copied text flagged."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from analyser.checking import check
from analyser.checking.formal import deadline, find_student_name

ANALYSIS = (
    "## Context\n\nThe question is which molecules are soluble. Measuring each one costs days, so a machine "
    "learning model that predicts solubility is much cheaper, but I think its errors matter.\n\n"
    "## Model\n\nThe model is a graph neural network; I am not sure the authors justify its depth, "
    "because three layers only see three bonds. However, the choice could be fine for small molecules.\n"
)


def _write(tmp_path, text, name="a.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_all_checks_pass_on_a_complete_analysis(tmp_path):
    path = _write(tmp_path, "Name: Ada Lovelace\n\nArticle: https://arxiv.org/abs/2301.01234\n\n" + ANALYSIS)
    report = check(path, offline=True, due=datetime(2030, 1, 1), submitted_at=datetime(2029, 12, 31))
    results = {c.id: c.passed for c in report.checks}
    assert results == {"page_limit": True, "student_name": True, "article_link": True, "deadline": True, "is_analysis": True}
    assert report.student_name == "Ada Lovelace"
    assert "2301.01234" in report.article_link


def test_missing_name_and_link_fail(tmp_path):
    report = check(_write(tmp_path, "# Analysis of an article\n\n" + ANALYSIS), offline=True)
    assert report.check("student_name").passed is False
    assert report.check("article_link").passed is False
    assert report.student_name is None and report.article_link is None
    assert any("consistency not checked" in note for note in report.notes)


@pytest.mark.parametrize("head, name", [
    ("Name: Jules Faure", "Jules Faure"),
    ("**Inès Moreau** — M2 AI and chemistry", "Inès Moreau"),
    ("Maëlle Robin\n\nM2 AI and chemistry", "Maëlle Robin"),
    ("Auteur : Sarah Haddad", "Sarah Haddad"),
    ("Julien Marchetti, M1 Chimie — \"AI and chemistry\" course", "Julien Marchetti"),
    ("Jade Le Goff – M1 Chemistry, AI and chemistry course", "Jade Le Goff"),  # a particle inside the name
    ("Analyse ML par Kévin Van den Berg, M1 Chimie", "Kévin Van den Berg"),  # particles in lower case
    ("Par Lucas Van der Berg – M1", "Lucas Van der Berg"),
    ("Analysis by Ward, Agrawal, Choudhary", None),
    ("Analysis of the article by Marco Eckhoff and Jörg Behler", None),
    ('Analysis of "Constrained composite Bayesian optimization" (Digital Discovery, 2025)', None),
])
def test_student_name_from_the_title_block(head, name):
    assert find_student_name(head + "\n\nSome text follows here.", []) == name


def test_name_of_an_article_author_is_not_the_students():
    assert find_student_name("Marco Eckhoff\n\nText.", [], paper_text="by Marco Eckhoff and J. Behler") is None


def test_page_limit_estimated_from_words(tmp_path):
    long_text = "Name: Ada Lovelace\n\n" + ("This sentence explains the model because it matters. " * 220)
    report = check(_write(tmp_path, long_text), offline=True)
    page_limit = report.check("page_limit")
    assert report.pages_estimated is True and report.pages == 4
    assert page_limit.passed is False and "estimated" in page_limit.detail
    short = check(_write(tmp_path, "Name: Ada Lovelace\n\n" + ANALYSIS, "b.md"), offline=True)
    assert short.check("page_limit").passed is True and short.pages == 1


def test_page_limit_uses_real_pdf_pages(eval_dev_dir):
    report = check(eval_dev_dir / "analyses" / "d09.pdf", offline=True)
    assert report.pages_estimated is False
    assert report.pages == 5
    assert report.check("page_limit").passed is False


def test_deadline_passes_fails_and_skips():
    due = datetime(2026, 12, 15, 23, 59, tzinfo=timezone.utc)
    assert deadline(due - timedelta(minutes=1), due).passed is True
    late = deadline(due + timedelta(hours=5), due)
    assert late.passed is False and "5.0 h after" in late.detail
    assert deadline(None, due).passed is None
    assert deadline(due, None).passed is None


def test_deadline_from_the_rubric_and_penalty(tmp_path):
    from analyser.rubric.loader import find_rubric

    source = find_rubric(None).read_text(encoding="utf-8")
    rubric = tmp_path / "strict.toml"
    rubric.write_text(source.replace('due = ""', 'due = "2026-12-15T23:59:00+00:00"').replace("late = 0.0", "late = 2.0"), encoding="utf-8")
    path = _write(tmp_path, "Name: Ada Lovelace\n\n" + ANALYSIS)
    on_time = check(path, rubric=rubric, offline=True, submitted_at=datetime(2026, 12, 15, 12, 0, tzinfo=timezone.utc))
    late = check(path, rubric=rubric, offline=True, submitted_at=datetime(2026, 12, 16, 12, 0, tzinfo=timezone.utc))
    assert on_time.check("deadline").passed is True
    assert late.check("deadline").passed is False
    assert late.total == max(0.0, round(on_time.total - 2.0, 2))
    assert any("deadline failed" in note for note in late.notes)


SUMMARY = (
    "Name: Tom Girard\n\nArticle: doi:10.1000/xyz\n\n"
    "The authors study the solubility of molecules. They collected 1,128 molecules from a database. "
    "They trained a graph neural network on them. The paper shows that the network reaches an error of 0.58. "
    "The authors then report results on two other datasets. They found that the model is accurate on both. "
    "The article also presents a visualisation of the learned features. They observed clusters of similar molecules. "
    "In the conclusion the authors describe future work on larger datasets.\n"
)


def test_summary_only_text_is_flagged(tmp_path):
    report = check(_write(tmp_path, SUMMARY), offline=True)
    result = report.check("is_analysis")
    assert result.passed is False
    assert "summary" in result.detail


PAPER = (
    "# Solubility with graph networks\n\n"
    "We propose a message passing neural network that predicts aqueous solubility from the molecular graph of each compound. "
    "Each atom is described by a vector of twelve features including its element, its formal charge and its hybridisation state. "
    "The network applies three rounds of message passing followed by a sum readout and a linear output layer. "
    "We train the model with the mean squared error loss and the Adam optimiser for 200 epochs on 1128 molecules. "
    "A Gaussian process baseline with a Tanimoto kernel reaches a test error of 0.71 on the same split.\n"
)


def test_text_copied_from_the_article_is_flagged_and_not_counted(tmp_path, rules_rubric):
    paper = _write(tmp_path, PAPER, "paper.md")
    copied = (
        "Name: Ada Lovelace\n\n## Model\n\n"
        "Each atom is described by a vector of twelve features including its element, its formal charge and its hybridisation state. "
        "The network applies three rounds of message passing followed by a sum readout and a linear output layer.\n"
    )
    own = (
        "Name: Ada Lovelace\n\n## Model\n\n"
        "Every atom becomes a vector of features such as its element and charge. "
        "Three message passing layers mix neighbouring atoms, and a sum gives one vector per molecule.\n"
    )
    copied_report = check(_write(tmp_path, copied, "copied.md"), paper=paper, offline=True, rubric=rules_rubric)
    own_report = check(_write(tmp_path, own, "own.md"), paper=paper, offline=True, rubric=rules_rubric)
    assert copied_report.score("model") == 1  # mentioned, but copied text is no explanation
    assert own_report.score("model") == 2
    assert copied_report.check("is_analysis").passed is False
    assert "copied" in copied_report.check("is_analysis").detail
    assert any("verbatim" in note for note in copied_report.notes)


def test_claims_the_article_does_not_support_are_listed_and_hold_the_score(tmp_path, rules_rubric):
    paper = _write(tmp_path, PAPER, "paper.md")
    invented = (
        "Name: Ada Lovelace\n\n## Training\n\n"
        "The model is a multilayer perceptron trained by minimising the cross-entropy loss with stochastic gradient descent. "
        "Training runs for 350 epochs with a batch size of 32 and dropout.\n\n"
        "## Alternatives\n\nA random forest could also be used, because it is cheaper.\n"
    )
    report = check(_write(tmp_path, invented, "invented.md"), paper=paper, offline=True, rubric=rules_rubric)
    unsupported = {c.claim.split(":")[0] for c in report.consistency if not c.supported}
    assert {"multilayer perceptron", "cross-entropy", "stochastic gradient descent", "350 epochs", "dropout"} <= unsupported
    # the proposed alternative is no claim about the paper
    assert not any(c.claim.startswith("random forest") for c in report.consistency)
    assert report.score("optimisation") == 1  # loss + optimiser named, but wrong: held at "mentioned"
    feedback = next(c.feedback for c in report.criteria if c.id == "optimisation")
    # 350 epochs is contradicted by the article, which gives 200: its own words are quoted.
    assert "the article says otherwise" in feedback and "200" in feedback and "We train the model" in feedback

    faithful = (
        "Name: Ada Lovelace\n\n## Training\n\n"
        "The network is trained by minimising the mean squared error with the Adam optimiser for 200 epochs on 1128 molecules.\n"
    )
    good = check(_write(tmp_path, faithful, "faithful.md"), paper=paper, offline=True, rubric=rules_rubric)
    assert all(c.supported for c in good.consistency) and good.consistency
    assert good.score("optimisation") == 2


def test_article_of_the_submissions_link_that_cannot_be_had_goes_on_without_consistency(tmp_path):
    path = _write(tmp_path, "Name: Ada Lovelace\n\nArticle: arXiv:2301.01234\n\n" + ANALYSIS)
    report = check(path, offline=True)  # not cached, offline: the link found in the draft fails softly
    assert report.consistency == []
    assert any("consistency not checked" in note for note in report.notes)
    assert report.criteria and report.total >= 0


@pytest.mark.parametrize("paper", ["missing.pdf", "papers/missing.md", "arXiv:2301.01234"])
def test_an_explicit_article_that_cannot_be_had_is_an_error(tmp_path, paper):
    from analyser.checking.inputs import ArticleError

    path = _write(tmp_path, "Name: Ada Lovelace\n\n" + ANALYSIS)
    with pytest.raises(ArticleError) as raised:
        check(path, paper=str(tmp_path / paper) if "." in paper.split(":")[0] else paper, offline=True)
    message = str(raised.value)
    assert "\n" not in message
    assert "missing" in message or "2301.01234" in message


def test_check_accepts_documents_as_the_batch_grader_passes_them(tmp_path):
    from analyser.documents import load

    paper = load(_write(tmp_path, PAPER, "paper.md"))
    draft = load(_write(tmp_path, "Name: Ada Lovelace\n\nArticle: doi:10.1000/xyz123\n\n" + ANALYSIS))
    report = check(draft, paper=paper, offline=True)
    assert report.submission == str(draft.path)
    assert report.article_identifier == "doi:10.1000/xyz123"
    assert report.student_name == "Ada Lovelace"
    assert not any("consistency not checked" in note for note in report.notes)


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_student_name_stops_at_the_end_of_its_line(tmp_path, suffix):
    # The readers join a paragraph's lines: "Name: Jean Dupont Article: https://...".
    text = "Name: Jean Dupont\nArticle: https://doi.org/10.1038/s41586-020-2649-2\n\n" + ANALYSIS
    report = check(_write(tmp_path, text, "n" + suffix), offline=True)
    assert report.student_name == "Jean Dupont"
    assert report.check("student_name").detail.endswith("Jean Dupont")


@pytest.mark.parametrize("head", [
    "Name: Jean Dupont Article: https://doi.org/10.1/x",
    "Nom : Jean Dupont Lien : https://doi.org/10.1/x",
    "Name: Jean Dupont Date: 2026-12-01",
    "Student: Jean Dupont Course: AI and chemistry",
    "Name: Jean Dupont https://doi.org/10.1/x",
    "Name: Jean Dupont jean.dupont@example.org",
])
def test_a_labelled_name_stops_at_the_next_field(head):
    assert find_student_name(head + "\n\nSome text follows here.", []) == "Jean Dupont"


def test_copied_sentences_are_never_shown_as_the_students_evidence(tmp_path):
    paper = _write(tmp_path, PAPER, "paper.md")
    mixed = (
        "Name: Ada Lovelace\n\n## Model\n\n"
        "The network applies three rounds of message passing followed by a sum readout and a linear output layer. "
        "I think the model is a reasonable choice for molecules this small.\n"
    )
    report = check(_write(tmp_path, mixed, "mixed.md"), paper=paper, offline=True)
    quotes = [e.quote for c in report.criteria for e in c.evidence]
    assert quotes and not any("three rounds of message passing" in q for q in quotes)
    assert any("reasonable choice" in q for q in quotes)

    copied = "Name: Ada Lovelace\n\n## Model\n\n" + PAPER.split("\n\n")[1].split(". ")[2] + ".\n"
    report = check(_write(tmp_path, copied, "copied_only.md"), paper=paper, offline=True)
    model = next(c for c in report.criteria if c.id == "model")
    assert model.score == 1  # a copied sentence shows the topic is mentioned...
    assert model.evidence and all(e.quote.endswith("(copied from the article)") for e in model.evidence)  # ...and says so
