"""Each criterion at each level on crafted passages, in English and French."""

from __future__ import annotations

import pytest

from analyser.checking import check
from analyser.rubric import load_rubric

HEAD = "Name: Ada Lovelace\n\nArticle: https://doi.org/10.1000/xyz123\n\n"

# Per criterion: a heading and the passages that make levels 1, 2, 3 (cumulative).
PASSAGES = {
    "context": ("Context", [
        "The article is about drug discovery and molecular properties.",
        "The question is which molecules cross the blood-brain barrier. Measuring this costs weeks per molecule, "
        "so a machine learning model that predicts it is much cheaper than running the assays.",
        "Before this work, fingerprints with random forests were the standard approach (Smith et al., 2019). "
        "The paper claims that a new graph representation improves the accuracy.",
    ]),
    "framing": ("The ML problem and the data", [
        "This is a supervised learning problem.",
        "It is a supervised regression: the input is a molecular graph and the target is the measured solubility of each molecule.",
        "The data set has 1,128 molecules from the public ESOL database, split 80/10/10, and the labels are noisy experimental measurements. "
        "This framing suits the question, since solubility is a continuous measured quantity.",
    ]),
    "model": ("Model", [
        "The model is a graph neural network.",
        "It passes messages between atoms over several layers and sums the atom states into one vector; "
        "each atom is represented by a feature vector of its element and charge.",
        "It has 3 layers and a hidden size of 300, which suits small molecules because three hops cover most functional groups.",
    ]),
    "optimisation": ("Training", [
        "The model is trained on the training set.",
        "The network is trained by minimising the mean squared error with the Adam optimiser.",
        "The learning rate was chosen by grid search on the validation set among 0.001 and 0.0001, and training stopped after 50 epochs.",
    ]),
    "overfitting": ("Overfitting", [
        "The model might overfit.",
        "The paper uses cross-validation and compares the training error with the validation error.",
        "But the random split puts near-duplicate molecules in both the training and the test folds, so the test error is optimistic because of leakage.",
    ]),
    "alternatives": ("Alternatives", [
        "A random forest could also have been used.",
        "It would help because it needs less data and is cheaper to train.",
        "Other data, such as a larger solubility dataset, would help, but its labels are noisier. "
        "The problem could also be formulated as a classification of soluble versus insoluble molecules, which loses information.",
    ]),
}


def _write(tmp_path, sections: dict[str, str], name: str = "analysis.md") -> object:
    body = "".join(f"## {heading}\n\n{text}\n\n" for heading, text in sections.items())
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def _document(tmp_path, criterion_id: str, level: int):
    """Every other criterion at level 2, this one at `level` (0: absent)."""
    sections = {}
    for other, (heading, passages) in PASSAGES.items():
        wanted = level if other == criterion_id else 2
        if wanted:
            sections[heading] = " ".join(passages[:wanted])
    return _write(tmp_path, sections)


@pytest.mark.parametrize("criterion_id", list(PASSAGES))
@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_each_criterion_at_each_level(tmp_path, criterion_id, level):
    report = check(_document(tmp_path, criterion_id, level), offline=True)
    score = next(c for c in report.criteria if c.id == criterion_id)
    assert score.score == level, (criterion_id, level, score)
    if level:
        assert score.evidence, "a score above 0 rests on quoted sentences"
        assert all(item.quote in PASSAGES[criterion_id][1][0] or item.quote for item in score.evidence)
    else:
        assert score.evidence == []


def test_feedback_says_what_raises_the_score(tmp_path):
    from analyser.rubric import load_rubric

    rubric = load_rubric()
    report = check(_document(tmp_path, "model", 1), offline=True)
    model = next(c for c in report.criteria if c.id == "model")
    assert model.feedback == rubric.criterion("model").feedback[1]
    assert "structure" in model.feedback


def test_a_passing_word_inside_another_topic_does_not_count(tmp_path):
    # "overfit" appears only inside the training section: overfitting stays 0.
    sections = {
        "Training": PASSAGES["optimisation"][1][1] + " Training longer would make it overfit, I think.",
        "Model": " ".join(PASSAGES["model"][1][:2]),
    }
    report = check(_write(tmp_path, sections), offline=True)
    assert report.score("overfitting") == 0
    assert report.score("optimisation") == 2


def test_total_follows_the_spec_formula(tmp_path):
    report = check(_document(tmp_path, "context", 3), offline=True)
    scores = [c.score for c in report.criteria]
    assert report.total == round(20 * sum(scores) / 3 / 6, 2)
    assert report.scale == 20


def _free_text(tmp_path, *paragraphs: str):
    """A free-form analysis without headings: a context and a framing paragraph, then `paragraphs`."""
    text = (
        HEAD
        + "This article is about predicting the solubility of molecules. The question is which molecules dissolve, "
        "and measuring each one costs days, so a machine learning model is much cheaper.\n\n"
        "It is a supervised regression problem: the input is the molecular graph and the target is the measured solubility.\n\n"
        + "\n\n".join(paragraphs) + "\n"
    )
    path = tmp_path / "free.txt"
    path.write_text(text, encoding="utf-8")
    return check(path, offline=True)


def test_free_form_analysis_without_headings(tmp_path):
    report = _free_text(
        tmp_path,
        "The model is a graph neural network that passes messages between atoms over three layers; "
        "each atom is represented by a feature vector of its element.",
        "I think a random forest on fingerprints could also have been used, because it is cheaper to train.",
    )
    assert report.score("context") == 2
    assert report.score("framing") == 2
    assert report.score("model") == 2
    assert report.score("alternatives") == 2
    assert report.score("overfitting") == 0


def test_french_analysis_is_scored(tmp_path):
    text = (
        "Nom : Camille Durand\n\nArticle : https://doi.org/10.1000/abc\n\n"
        "## Contexte\n\nLa question est de savoir quelles molécules sont solubles. Mesurer chaque molécule est coûteux, "
        "donc un modèle d'apprentissage automatique qui prédit la solubilité fait gagner beaucoup de temps.\n\n"
        "## Le problème d'apprentissage\n\nC'est une régression supervisée : l'entrée est le graphe de la molécule "
        "et la cible est la solubilité mesurée. Les 1 128 molécules viennent de la base de données publique ESOL, "
        "avec un découpage 80/10/10. Ce cadrage est adapté à la question, car la solubilité est une grandeur continue.\n\n"
        "## Le modèle\n\nLe modèle est un réseau de neurones sur graphe : trois couches échangent des messages entre atomes, "
        "puis une somme donne un vecteur ; chaque atome est représenté par un vecteur de descripteurs.\n\n"
        "## Entraînement\n\nLe réseau est entraîné en minimisant l'erreur quadratique moyenne avec l'optimiseur Adam.\n\n"
        "## Surapprentissage\n\nLe modèle pourrait surapprendre.\n\n"
        "## Pistes d'amélioration\n\nUne forêt aléatoire aurait pu être utilisée, car elle demande moins de données.\n"
    )
    path = tmp_path / "analyse.md"
    path.write_text(text, encoding="utf-8")
    report = check(path, offline=True)
    assert report.student_name == "Camille Durand"
    # French work gets the rubric's French feedback and French check details.
    assert report.language == "fr"
    rubric = load_rubric()
    for criterion in report.criteria:
        assert criterion.feedback == rubric.criterion(criterion.id).feedback_in(criterion.score, "fr")
    assert report.check("student_name").detail == "nom trouvé : Camille Durand"
    assert "mots" in report.check("page_limit").detail
    assert "language" not in report.to_dict()  # the JSON contract's keys stay fixed
    from analyser.checking.render import to_html, to_text

    assert '<html lang="fr">' in to_html(report) and "Critères" in to_html(report)
    assert "vérifications" in to_text(report) and "nom trouvé : Camille Durand" in to_text(report)
    assert {c.id: c.score for c in report.criteria} == {
        "context": 2, "framing": 3, "model": 2, "optimisation": 2, "overfitting": 1, "alternatives": 2,
    }


def test_template_guidance_is_not_student_text(tmp_path):
    # An untouched template: guidance lines and placeholders only.
    template = (
        "Name: [Your name]\n\n"
        "## Model\n\n"
        "Guiding questions: Which model family is used, and what is its structure? How are the inputs represented? ¶\n\n"
        "From the article (p. 3): \"The network applies three message passing layers over the molecular graph.\" ¶\n\n"
        "[Write your analysis here]\n"
    )
    path = tmp_path / "template.md"
    path.write_text(template, encoding="utf-8")
    report = check(path, offline=True)
    assert report.score("model") <= 1  # at most the heading: nothing the student wrote explains it
    assert report.student_name is None
    assert all(c.score == 0 for c in report.criteria if c.id != "model")


def test_an_instructor_rubric_changes_the_scoring_without_code(tmp_path):
    rubric = tmp_path / "poster.toml"
    levels = "\n".join(f'{i} = "level {i}"' for i in range(4))
    rubric.write_text(
        'id = "poster"\ntitle = "Poster"\nscale = 10\n\n'
        '[[criteria]]\nid = "data"\ntitle = "Data"\nweight = 2\n'
        'explain = [["size"]]\nanalyse = [["size", "numbers"]]\n'
        f"[criteria.levels]\n{levels}\n[criteria.feedback]\n{levels}\n"
        '[criteria.vocabulary.en]\nmention = ["dataset"]\n'
        '[criteria.vocabulary.en.groups]\nsize = ["molecules"]\n',
        encoding="utf-8",
    )
    path = tmp_path / "poster.md"
    path.write_text("Name: Ada Lovelace\n\nThe dataset has 1,128 molecules, of which 113 form the test set.\n", encoding="utf-8")
    report = check(path, rubric=rubric, offline=True)
    assert [c.id for c in report.criteria] == ["data"]
    assert report.score("data") == 3
    assert report.total == 10.0 and report.rubric == "poster"


@pytest.mark.parametrize("text, language", [
    ("The model is a random forest, and I think the authors should have compared it with a simpler baseline "
     "because the data set is small and the split is random, which is not what they say in the paper.", "en"),
    ("Le modèle est une random forest, et je pense que les auteurs auraient dû la comparer à un modèle plus simple "
     "car le jeu de données est petit et le découpage est aléatoire, ce qui n'est pas dit dans l'article.", "fr"),
    ("GNN, MLP, Adam, dropout.", "en"),  # too little text to tell: English
])
def test_the_submissions_language_is_detected(text, language):
    from analyser.checking.language import detect

    assert detect(text) == language


@pytest.mark.parametrize("heading, criterion_id", [
    ("5. Est-ce que le modèle surapprend ?", "overfitting"),
    ("Does the model overfit?", "overfitting"),
    ("Do the results hold?", "overfitting"),
    ("2) Learning set-up", "framing"),
    ("How are they fitted?", "optimisation"),
    ("Another option", "alternatives"),
    ("Autres choix possibles", "alternatives"),
    ("Le problème de chimie et l'intérêt du ML", "context"),
    ("Biological question", "context"),
    ("Critical points / questions", None),
    # a student's own plain headings
    ("How the thing is built", "model"),
    ("How the pieces learned what they know", "optimisation"),
    ("Does it only know what it has seen?", "overfitting"),
    ("Is the model really as good as the paper says?", "overfitting"),
    ("Des résultats trop beaux ?", "overfitting"),
    ("Comment la question est posée", "framing"),
])
def test_section_headings_name_their_criterion(heading, criterion_id):
    from analyser.checking.criteria import map_headings

    assert map_headings([heading], load_rubric()) == [criterion_id]


def test_a_long_title_naming_a_topic_is_not_that_topics_section(tmp_path):
    text = (
        "# Graph neural networks for solubility: a short analysis of the article\n\n"
        "Ada Lovelace\nhttps://doi.org/10.1000/xyz123\n\n"
        "The question is which molecules dissolve in water, a property drug designers need early. Measuring it for "
        "every candidate is slow and expensive, so a learned model that predicts it from the structure saves weeks.\n\n"
        "The model is a graph neural network with three message passing layers over the atoms, each atom represented "
        "by a vector of features.\n"
    )
    path = tmp_path / "titled.md"
    path.write_text(text, encoding="utf-8")
    report = check(path, offline=True)
    assert report.score("context") == 2  # the opening paragraph is not the model's just because the title names one
    assert report.score("model") == 2


def test_overfitting_analysed_by_a_concrete_flaw_in_the_split(tmp_path):
    text = (
        "Name: Ada Lovelace\n\n## Overfitting\n\n"
        "The test set is a random split of the 1,128 molecules, so near-duplicate molecules sit on both sides of the split "
        "and the test error of 0.58 compared with 0.52 in training says little about new chemistry.\n"
    )
    path = tmp_path / "flaw.md"
    path.write_text(text, encoding="utf-8")
    report = check(path, offline=True)
    assert report.score("overfitting") == 3  # the spec: a verdict grounded in numbers, *or* a concrete flaw


def test_labels_inside_a_numbered_section_are_its_parts():
    from analyser.checking.criteria import _with_sub_labels, map_headings
    from analyser.checking.segment import Unit

    headings = ["5. Overfitting", "6. Alternatives", "On the model side:", "On the data side:", "7. Conclusion",
                "## Model", "Under the hood"]
    units = [Unit("A sentence.", 1, None, section, section) for section in (0, 2, 3, 4, 6)]  # 1 and 5 hold none
    rubric = load_rubric()
    mapped = _with_sub_labels(map_headings(headings, rubric), headings, units, [c.id for c in rubric.criteria])
    assert mapped[2:4] == ["alternatives", "alternatives"]  # not the model's nor the framing's
    assert mapped[4] is None  # a numbered heading ends the labels
    assert mapped[6] == "model"  # a part of the empty section above it


def test_a_label_naming_a_later_criterion_under_an_empty_section_starts_it():
    # "Overfitting:" stood alone at a page's end, "The numbers:" led a list, then "Alternatives:".
    from analyser.checking.criteria import _with_sub_labels, map_headings
    from analyser.checking.segment import Unit

    headings = ["Overfitting:", "The numbers (Table 1 and text):", "Alternatives:"]
    units = [Unit("A sentence.", 1, None, section, section) for section in (1, 2)]
    rubric = load_rubric()
    mapped = _with_sub_labels(map_headings(headings, rubric), headings, units, [c.id for c in rubric.criteria])
    assert mapped == ["overfitting", "overfitting", "alternatives"]


def test_run_in_labels_under_an_empty_section_are_its_parts(tmp_path):
    # LaTeX's \paragraph{...} is a run-in label: "Models." under "Alternatives" is an alternative model.
    tex = (
        "\\documentclass{article}\\begin{document}\n\\section{Model}\n\nThe model is a random forest on descriptors.\n\n"
        "\\section{Alternatives}\n\n\\paragraph{Models.} A Gaussian process would give an uncertainty for each "
        "prediction, which matters for screening, but it scales badly beyond a few thousand molecules.\n\n"
        "\\paragraph{Data.} A second source of measured solubilities would test whether the model transfers, at the "
        "cost of noisier labels.\n\n\\end{document}\n"
    )
    path = tmp_path / "analysis.tex"
    path.write_text(tex, encoding="utf-8")
    from analyser.checking.check import assess

    results = {r.criterion.id: r for r in assess(path, offline=True).results}
    assert any("Gaussian process" in unit.text for unit in results["alternatives"].units)
    assert not any("Gaussian process" in unit.text for unit in results["model"].units)


def test_an_alternatives_section_with_labelled_parts_counts_for_alternatives(tmp_path):
    text = (
        "Name: Ada Lovelace\n\n## 5. Overfitting\n\nThe test error of 0.58 against 0.52 in training is a small gap.\n\n"
        "## 6. Alternatives\n\n**On the model side:**\n\n"
        "A Gaussian process could replace the random forest: it would give an uncertainty for each prediction, "
        "which matters for screening, but it scales badly beyond a few thousand molecules.\n\n"
        "**On the data side:**\n\n"
        "More measured solubilities from a second source would test whether the model transfers, at the cost of noisier labels.\n"
    )
    path = tmp_path / "labelled.md"
    path.write_text(text, encoding="utf-8")
    report = check(path, offline=True)
    assert report.score("alternatives") >= 2


def test_an_explanation_counts_without_naming_its_criterion(tmp_path):
    # A loss and a fitting method in plain words, and no word of training or fitting.
    report = _free_text(tmp_path, "How are its numbers set? They are moved down the slope of the squared gaps "
                                  "between the predictions and the measured solubilities, a small step at a time.")
    assert report.score("optimisation") == 2


def test_a_proposal_explains_only_the_alternatives(tmp_path):
    report = _free_text(tmp_path, "One could instead move its numbers down the slope of the squared gaps "
                                  "between the predictions and the measured solubilities.")
    assert report.score("optimisation") == 0
    assert report.score("alternatives") >= 1


@pytest.mark.parametrize("sentence, group", [
    ("With 16 points, each hidden fifth holds only 3 or 4 mixtures.", "scheme"),
    ("A slice of the data was only looked at once training was over.", "scheme"),
    ("Une partie cachée au modèle sert à le juger.", "scheme"),
    ("So the model may simply have learnt these crystals by heart.", "flaw"),
    ("Le modèle a sans doute appris ces cristaux par cœur.", "flaw"),
])
def test_plain_words_for_a_test_part_and_memorising(sentence, group):
    from analyser.checking.terms import fold, term_set

    groups = load_rubric().criterion("overfitting").vocabulary.groups
    assert term_set(groups[group]).found(fold(sentence))


@pytest.mark.parametrize("sentence", ["The model does not simply learn them by heart.", "Il n'a pas appris par cœur."])
def test_denied_memorising_is_no_flaw(sentence):
    from analyser.checking.terms import fold, term_set

    assert not term_set(load_rubric().criterion("overfitting").vocabulary.groups["flaw"]).found(fold(sentence))


@pytest.mark.parametrize("sentence, described", [
    ("The model is a graph attention network followed by an MLP.", False),
    ("GNN-DDI is a graph convolutional network.", False),
    ("C'est un réseau de neurones convolutif.", False),
    ("Three convolution layers, then a pooling of the atom states.", True),
    ("The attention weights say which atoms matter.", True),
    ("Une couche cachée de 64 neurones.", True),
])
def test_a_models_name_is_no_description_of_its_structure(sentence, described):
    from analyser.checking.terms import fold, term_set

    structure = term_set(load_rubric().criterion("model").vocabulary.groups["structure"])
    assert bool(structure.found(fold(sentence))) is described


def test_a_plain_heading_before_an_estimated_page_break_still_heads_its_section():
    # A Markdown or text file's estimated page may end inside the sentence after a label.
    from analyser.checking.segment import segment

    first = ("Model:\n\nThe model is a random forest of regression trees on composition features.\n\n"
             "Training:\n\nHere is")
    second = "how they chose the settings: a fivefold cross-validated grid search over the number of trees.\n"
    assert segment([(1, first), (2, second)]).headings == ["Model:", "Training:"]


def test_a_label_a_pdf_reader_glued_to_the_paragraph_before_still_heads_its_section(tmp_path):
    # "... the feature choice. Over/underfitting:" -- the label opened a new page.
    from analyser.checking.check import assess

    body = ("Name: Ada Lovelace\n\nhttps://doi.org/10.1038/s41524-020-0317-6\n\nTraining:\n\n"
            "The forest is fitted with a fivefold cross-validated grid search over the number of trees and the split "
            "criterion, and refitted on all compositions. The features were chosen before the cross-validation "
            "loop, so the folds are not independent of the feature choice. Over/underfitting:\n\n"
            "The error shown in the figure is a training error, so it says little about new compositions.\n")
    path = tmp_path / "analysis.txt"
    path.write_text(body, encoding="utf-8")
    units = {r.criterion.id: [u.text for u in r.units] for r in assess(path, rubric="ml-paper-analysis", offline=True).results}
    assert any(text.startswith("The error shown") for text in units["overfitting"])
    assert not any(text.startswith("The error shown") for text in units["optimisation"])


def test_a_heading_that_would_end_an_estimated_page_goes_with_its_text(tmp_path):
    # Word and Markdown pages are estimated; a heading falling on the last words
    # of a page used to stand apart from its text and head nothing.
    from analyser.checking.check import assess
    from analyser.documents import load
    from analyser.documents.model import WORDS_PER_PAGE

    filler = ("The article screens crystals with a forest of trees on composition features. " * 60).split()
    first = " ".join(filler[: WORDS_PER_PAGE - 9])  # the name and link lines hold 4 words
    body = ("Name: Ada Lovelace\n\nhttps://doi.org/10.1038/s41524-020-0317-6\n\n" + first + ".\n\n**4) How it is taught**\n\n"
            "The network is nudged batch after batch in the direction that reduces its mistakes, with the Adam "
            "optimiser at a learning rate of 0.001 for 300 epochs, and early stopping on the validation loss.\n")
    path = tmp_path / "analysis.md"
    path.write_text(body, encoding="utf-8")
    pages = [page.text for page in load(path).pages]
    assert not pages[0].rstrip().endswith("How it is taught")
    units = {r.criterion.id: r.units for r in assess(path, rubric="ml-paper-analysis", offline=True).results}
    assert any(unit.heading == "4) How it is taught" for unit in units["optimisation"])


def test_a_sections_name_ending_a_pdf_page_heads_the_next_pages_text():
    from analyser.checking.segment import segment

    first = ("Name: Ada Lovelace\n\nOverfitting:\n\nThe split is random, so close analogues of a test active sit in "
             "the training set and the test score is optimistic.\n\n")
    second = "A random forest on Morgan fingerprints as a baseline would show whether the network is needed.\n"
    names = lambda heading: heading.rstrip(":") in ("Overfitting", "Alternatives")  # noqa: E731
    assert segment([(1, first + "Alternatives:"), (2, second)], names_section=names).headings == ["Overfitting:", "Alternatives:"]
    # A lead-in to a list there is not a heading: the paragraph may go on.
    assert segment([(1, first + "The numbers:"), (2, second)], names_section=names).headings == ["Overfitting:"]
