"""QA round on issue 5: numbers written differently, a wrong --paper, a name
cut at a bracket, a French template barely filled in. Crafted inputs each."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analyser.checking import check
from analyser.checking.quantities import ArticleQuantities, key as _key, value_of as _value


def _article_numbers(text):
    return ArticleQuantities([(text, 1)]).values
from analyser.checking.formal import find_student_name

PAPER = (
    "# Solubility with graph networks\n\n"
    "DOI: 10.1000/paper.2024.001\n\n"
    "We propose a message passing neural network that predicts aqueous solubility from the molecular graph. "
    "The Adam optimizer is used with a 10\u22123 learning rate and a batch size of 64 across 100 training epochs. "
    "The dataset encompasses 42\u202f966 polymers and 12\u00a0345 molecules.\n"
)


def _write(tmp_path, body: str, paper: str = PAPER, link: str = "https://doi.org/10.1000/paper.2024.001"):
    path = tmp_path / "analysis.md"
    path.write_text(f"Name: Ada Lovelace\n\nArticle: {link}\n\n{body}", encoding="utf-8")
    paper_path = tmp_path / "paper.md"
    paper_path.write_text(paper, encoding="utf-8")
    return path, paper_path


# -- 1. one value however it is written ---------------------------------------------------------

@pytest.mark.parametrize("written", ["1e-3", "1E-3", "10^-3", "10\u22123", "10-3", "0.001", "10^{-3}", "1 x 10-3",
                                     "1 \u00d7 10 \u22123"])  # a PDF's superscript set apart
def test_powers_of_ten_and_scientific_notation_are_one_value(written):
    assert _key(_value(written)) == _key(0.001)


def test_a_range_of_ten_minus_four_is_no_power():
    from analyser.checking.quantities import quantities

    assert [q.value for q in quantities("between 10 - 4 layers")] != [0.0001]


@pytest.mark.parametrize("written", ["42 966", "42\u2009966", "42\u202f966", "42\u00a0966", "42,966", "42966"])
def test_thousands_separators_of_any_space_are_one_value(written):
    assert _key(_value(written)) == 42966.0


def test_a_dash_range_is_not_a_power_of_ten():
    numbers = _article_numbers("between 10-30 layers and 10-12 heads")
    assert _key(1e-30) not in numbers and _key(1e-12) not in numbers and 30.0 in numbers


@pytest.mark.parametrize("written", ["1e-3", "1E-3", "10^-3", "0.001", "10-3"])
def test_a_learning_rate_written_otherwise_than_the_article_is_supported(tmp_path, written):
    body = (f"The model is trained with Adam, learning rate {written}, batch size 64, for 100 epochs "
            "on 42,966 polymers; I would question whether this budget suits such a dataset.\n")
    path, paper = _write(tmp_path, body)
    report = check(path, paper=paper, offline=True)
    unsupported = [c.claim for c in report.consistency if not c.supported]
    assert unsupported == [], unsupported


# -- 2. a --paper that is not the linked article -----------------------------------------------

BODY = "The authors train a message passing network with Adam for 100 epochs and I find the choice well argued.\n"


def test_a_paper_with_another_doi_than_the_link_is_pointed_out(tmp_path):
    path, paper = _write(tmp_path, BODY, link="https://doi.org/10.1000/another.999")
    report = check(path, paper=paper, offline=True)
    first = report.consistency[0]
    assert first.supported is False
    assert "doi:10.1000/another.999" in first.claim and "doi:10.1000/paper.2024.001" in first.claim
    assert any("not the one the analysis links to" in note for note in report.notes)
    assert report.article_identifier == "doi:10.1000/paper.2024.001"


def test_the_right_paper_raises_no_such_claim(tmp_path):
    path, paper = _write(tmp_path, BODY)
    report = check(path, paper=paper, offline=True)
    assert not any("is not the article given" in c.claim for c in report.consistency)
    assert not any("links to" in note for note in report.notes)


def test_an_arxiv_link_and_a_journal_doi_are_not_compared(tmp_path):
    path, paper = _write(tmp_path, BODY, link="arXiv:2401.01234")
    report = check(path, paper=paper, offline=True)
    assert not any("is not the article given" in c.claim for c in report.consistency)


def test_a_paper_quoting_the_linked_doi_is_taken_as_the_right_one(tmp_path):
    path, paper = _write(tmp_path, BODY, paper=PAPER + "\nA preprint is at doi:10.1000/another.999.\n",
                         link="https://doi.org/10.1000/another.999")
    report = check(path, paper=paper, offline=True)
    assert not any("is not the article given" in c.claim for c in report.consistency)


# -- 3. a name stops at a bracket, a course, digits --------------------------------------------

@pytest.mark.parametrize("line, name", [
    ("Student: Priya Raman (M1, AI and chemistry)", "Priya Raman"),
    ("Name: Priya Raman, M1 chemistry", "Priya Raman"),
    ("Name: Priya Raman -M1", "Priya Raman"),
    ("Nom : Jean-Pierre Dupont \u2013Master 2 chimie", "Jean-Pierre Dupont"),
    ("Name: Priya Raman 2024", "Priya Raman"),
    ("Name: Raman, Priya", "Raman, Priya"),
    ("Name: Jean Masterson", "Jean Masterson"),
])
def test_a_labelled_name_stops_where_the_name_ends(line, name):
    assert find_student_name(line + "\n", []) == name


def test_a_name_with_its_course_in_brackets_in_a_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Student: Priya Raman (M1, AI and chemistry)\n\nArticle: https://doi.org/10.1000/x1\n\n"
                    "The paper uses a random forest and I find the choice of features well argued.\n", encoding="utf-8")
    assert check(path, offline=True).student_name == "Priya Raman"


# -- 4. a French template barely filled in is French ------------------------------------------

FRENCH_TEMPLATE = """# Analyse ML de « Un article »

Nom : Marie Curie

Article : https://doi.org/10.1000/x1

<!--
Rappel : une analyse n'est pas un résumé. Ne racontez pas l'article : expliquez ses choix et questionnez-les : pourquoi ce modèle et ces données, ce que montrent les chiffres, ce qui pourrait mal tourner.
-->

## 1. Contexte

<!--
Question pour vous guider : Quelle question scientifique l'article traite-t-il ?
Question pour vous guider : Pourquoi l'apprentissage automatique est-il utile ici, et qu'avait-on fait avant ?
[Écrivez votre analyse ici : environ 230 mots]
-->

## 2. Problème d'apprentissage et données

<!--
Question pour vous guider : Le problème est-il supervisé ou non supervisé ? Quelles sont les entrées et les cibles ?
Question pour vous guider : Combien de données, quel découpage, et pourquoi ce cadrage convient-il ?
-->

GNN, MPNN, Adam, dropout.
"""


def test_a_french_template_with_few_own_words_is_french(tmp_path):
    path = tmp_path / "n.md"
    path.write_text(FRENCH_TEMPLATE, encoding="utf-8")
    assert check(path, offline=True).language == "fr"


def test_the_generated_french_template_is_checked_in_french(tmp_path, papers_dir):
    paper = papers_dir / "gao2024-ssl-gnn-polymer-properties.pdf"
    if not paper.is_file():
        pytest.skip("paper not there")
    out = tmp_path / "n.md"
    subprocess.run([sys.executable, "-m", "analyser", "template", str(paper), "--lang", "fr", "--name", "Marie Curie",
                    "--out", str(out)], check=True, capture_output=True)
    assert check(out, offline=True).language == "fr"
