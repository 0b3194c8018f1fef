"""From a document, its facts and the rubric to the template's content."""

from __future__ import annotations

import pytest

from analyser.documents.model import Document, Metadata, Page, Section, Sentence
from analyser.facts.model import (
    Data,
    Evidence,
    Hyperparameter,
    Label,
    Metric,
    Model,
    Optimisation,
    PaperFacts,
    Question,
)
from analyser.rubric import load_rubric
from analyser.template import TemplateError, build_content
from analyser.template.budget import available_words


def ev(quote: str, page: int = 3) -> list[Evidence]:
    return [Evidence(quote, page, "Methods")]


def small_paper(n_samples: int | None = 435) -> PaperFacts:
    return PaperFacts(
        learning_type=[Label("supervised", ev("We train a supervised model on measured glasses."))],
        tasks=[Label("classification", ev("The model classifies alloys as glass-forming or not.", 2))],
        models=[
            Model("random forest", "tree-ensemble", "main", ev("An ensemble of 500 decision trees was trained.", 4)),
            Model("logistic regression", "linear", "baseline", ev("We compare with logistic regression.", 5)),
        ],
        data=Data(
            datasets=[Label("Landolt-Börnstein", ev("Data come from the Landolt-Börnstein handbook."))],
            n_samples=n_samples,
            n_samples_evidence=ev("The data set holds 435 alloys."),
            split={"train": 0.8, "test": 0.2},
            representation=[Label("composition attributes", ev("Each alloy is described by 145 attributes."))],
        ),
        optimisation=Optimisation(
            loss=[Label("cross-entropy", ev("We minimise the cross-entropy.", 4))],
            optimiser=[Label("Adam", ev("Adam was used with default settings.", 4))],
            hyperparameters=[Hyperparameter("number of trees", "500", ev("500 trees", 4))],
            hyperparameter_search=[Label("grid search", ev("A grid search chose the depth.", 4))],
        ),
        validation=[Label("10-fold cross-validation", ev("We use 10-fold cross-validation.", 6))],
        regularisation=[Label("pruning", ev("Trees are pruned.", 6))],
        metrics=[Metric("accuracy", 0.9, "test", ev("The accuracy is 90% on the test set.", 7))],
        questions=[
            Question("Are near-duplicate alloys split across training and test sets?", "random split", ev("random split", 6)),
            Question("Would a simpler baseline do as well?", "no strong baseline", []),
        ],
    )


def small_document(title: str | None = "Predicting glass formation", doi_line: str = "doi: 10.1038/x.2016.28") -> Document:
    sentences = [
        Sentence("Metallic glasses are hard to discover by trial and error.", 1, "Abstract"),
        Sentence("Here we show that machine learning predicts which alloys form glasses.", 1, "Abstract"),
        Sentence("We train a supervised model on measured glasses.", 3, "Methods"),
    ]
    return Document(
        path="paper.pdf", kind="pdf",
        pages=[Page(1, f"{sentences[0].text} {sentences[1].text} {doi_line}"), Page(2, ""), Page(3, sentences[2].text)],
        pages_estimated=False,
        sections=[Section("Abstract", "abstract", " ".join(s.text for s in sentences[:2]), 1),
                  Section("Methods", "methods", sentences[2].text, 3)],
        sentences=sentences, references="", word_count=40, metadata=Metadata(title=title),
    )


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def test_one_section_per_criterion_in_the_rubric_order_with_its_title(rubric):
    content = build_content(small_document(), small_paper(), rubric, name="Marie Curie", date="2026-11-29")
    assert [s.criterion_id for s in content.sections] == [c.id for c in rubric.criteria]
    assert [s.heading for s in content.sections] == [c.title for c in rubric.criteria]
    assert [s.number for s in content.sections] == list(range(1, len(rubric.criteria) + 1))
    for section, criterion in zip(content.sections, rubric.criteria):
        assert section.guiding_questions == criterion.questions["en"]
        assert str(section.word_budget) in section.placeholder
    total = available_words(3, 500, len(rubric.criteria))
    assert total - 10 < content.total_budget <= total


def test_title_block(rubric):
    content = build_content(small_document(), small_paper(), rubric, name="  Marie   Curie ", date="2026-11-29")
    assert content.title.student_name == "Marie Curie"
    assert content.title.article_title == "Predicting glass formation"
    # The DOI printed on the first page, broken over a line as PDFs do.
    assert content.title.link == "https://doi.org/10.1038/x.2016.28"
    assert content.title.date == "2026-11-29"


def test_placeholders_when_nothing_is_known(rubric):
    content = build_content(small_document(title=None, doi_line=""), None, rubric)
    assert content.title.student_name == "[Your name]"
    assert content.title.link.startswith("[Your")
    assert content.title.article_title.startswith("[Your")
    # Without facts the boxes are empty, but the context still quotes the abstract.
    assert all(not s.facts for s in content.sections if s.criterion_id != "context")


def test_explicit_link_and_title_win(rubric):
    content = build_content(small_document(), None, rubric, link="https://arxiv.org/abs/1605.08386", title="Other")
    assert (content.title.link, content.title.article_title) == ("https://arxiv.org/abs/1605.08386", "Other")


def test_facts_land_in_their_criterion_with_quote_and_page(rubric):
    content = build_content(small_document(), small_paper(), rubric)
    values = {s.criterion_id: {f.value for f in s.facts} for s in content.sections}
    assert {"supervised", "classification", "Landolt-Börnstein", "435", "train 80%, test 20%"} <= values["framing"]
    assert {"random forest (tree-ensemble)", "composition attributes"} <= values["model"]
    assert {"cross-entropy", "Adam", "grid search", "number of trees = 500"} <= values["optimisation"]
    assert {"10-fold cross-validation", "pruning", "accuracy = 0.9 (test)"} <= values["overfitting"]
    assert values["alternatives"] == {"logistic regression (linear)"}
    model = content.section("model").facts[0]
    assert (model.quote, model.page) == ("An ensemble of 500 decision trees was trained.", 4)
    context = content.section("context").facts
    assert [f.quote for f in context] == [s.text for s in small_document().sentences[:2]]
    assert all(f.page == 1 for f in context)


def test_critical_questions_go_where_they_are_asked(rubric):
    content = build_content(small_document(), small_paper(), rubric)
    overfitting = [q.text for q in content.section("overfitting").critical_questions]
    alternatives = [q.text for q in content.section("alternatives").critical_questions]
    assert overfitting == ["Are near-duplicate alloys split across training and test sets?"]
    assert alternatives == ["Would a simpler baseline do as well?"]
    assert content.section("overfitting").critical_questions[0].page == 6


def test_lab_experiments_follow_the_questions(rubric):
    few = build_content(None, small_paper(n_samples=435), rubric)
    commands = {s.criterion_id: [lab.command for lab in s.lab] for s in few.sections}
    assert commands["overfitting"] == [
        # The lab model nearest the article's (a tree ensemble: the forest).
        "analyser lab run learning-curve --model forest", "analyser lab run overfitting-d100",
        "analyser lab run ridge-path",
    ]
    assert commands["alternatives"] == ["analyser lab run xnor-models"]
    assert commands["framing"] == []
    many = small_paper(n_samples=200_000)
    many.regularisation = []
    many.questions = []
    many.models = [m for m in many.models if m.role == "main"]
    assert all(not s.lab for s in build_content(None, many, rubric).sections)


def test_long_quotes_are_cut_and_boxes_are_capped(rubric):
    facts = small_paper()
    facts.optimisation.hyperparameters = [
        Hyperparameter(f"h{i}", str(i), ev("word " * 200)) for i in range(30)
    ]
    section = build_content(None, facts, rubric).section("optimisation")
    assert len(section.facts) == 8
    assert all(len(f.quote) <= 260 for f in section.facts)


def test_french(rubric):
    content = build_content(small_document(), small_paper(), rubric, lang="fr")
    assert content.lang == "fr"
    assert [s.heading for s in content.sections][:3] == ["Contexte", "Problème d'apprentissage et données", "Modèle"]
    assert content.sections[0].guiding_questions == rubric.criteria[0].questions["fr"]
    assert content.title.student_name == "[Votre nom]"
    assert content.sections[0].placeholder.startswith("[Écrivez votre analyse")
    assert "résumé" in content.reminder
    assert content.section("framing").facts[0].label == "Type d'apprentissage"


def test_unknown_language(rubric):
    with pytest.raises(TemplateError, match="de"):
        build_content(None, None, rubric, lang="de")


def test_every_lab_command_named_exists():
    from analyser.lab.experiments import EXPERIMENTS
    from analyser.lab.models import model_names
    from analyser.template.suggestions import _LAB_MODEL
    from analyser.template.i18n import texts

    for lang in ("en", "fr"):
        assert set(texts(lang).lab) <= set(EXPERIMENTS)
    assert set(_LAB_MODEL.values()) <= set(model_names())


ROUTED = {
    "How many samples were the models trained and tested on?": "framing",
    "Were choices tuned on the test set? Then the test error is optimistic.": "optimisation",
    "Only about 300 samples for a mlp model: is there enough data, and would a simpler model do as well?":
        "overfitting",
    "No baseline model is reported: how much better is this than a simple model (linear regression, "
    "random forest on descriptors) or than the mean?": "alternatives",
    "The targets are computed (DFT / ab initio): how do predictions compare with experiment, given the "
    "model cannot be more accurate than its labels?": "framing",
    "How far does the model carry beyond the kind of data it was trained on (its applicability domain)?":
        "overfitting",
}


def test_the_questions_of_analyser_facts_go_to_the_criterion_they_question(rubric):
    facts = PaperFacts(questions=[Question(text, "", []) for text in ROUTED])
    content = build_content(None, facts, rubric)
    where = {q.text: s.criterion_id for s in content.sections for q in s.critical_questions}
    assert where == ROUTED
    # "Is there enough data?" is what the learning curve shows.
    assert [lab.command for lab in content.section("overfitting").lab][:2] == [
        "analyser lab run learning-curve", "analyser lab run overfitting-d100",
    ]


def test_french_translates_fact_values_and_the_fixed_questions(rubric):
    facts = small_paper()
    facts.validation = [Label("k-fold-cv", ev("We use 10-fold cross-validation.", 6))]
    facts.questions = [Question("How many samples were the models trained and tested on?", "", []),
                       Question("A question analyser.facts asks in its own words?", "", [])]
    french = build_content(None, facts, rubric, lang="fr")
    assert [f.value for f in french.section("framing").facts][:2] == ["supervisé", "classification"]
    assert french.section("overfitting").facts[0].value == "validation croisée à k plis"
    questions = [q.text for s in french.sections for q in s.critical_questions]
    # A question without a translation stays as analyser.facts wrote it.
    assert questions == ["Sur combien d'exemples les modèles ont-ils été entraînés et testés ?",
                         "A question analyser.facts asks in its own words?"]
    english = build_content(None, facts, rubric, lang="en")
    assert english.section("overfitting").facts[0].value == "k-fold cross-validation"


def _fixed_questions_of_analyser_facts() -> list[str]:
    """The constant question texts of analyser/facts/questions.py, read from its source."""
    import ast
    import inspect

    import analyser.facts.questions as module

    texts_found = []
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Question" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant):
                texts_found.append(first.value)
            elif isinstance(first, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in first.values):
                texts_found.append("".join(v.value for v in first.values))
    return texts_found


def test_every_question_analyser_facts_asks_has_its_french():
    from analyser.template.i18n import texts

    french = texts("fr")
    fixed = _fixed_questions_of_analyser_facts()
    assert len(fixed) >= 8
    assert [q for q in fixed if french.question(q) == q] == []
    # The questions with numbers, as analyser.facts words them.
    assert french.question("About 300 samples for a model of 1,200,000 parameters: is there enough data?") == (
        "Environ 300 exemples pour un modèle de 1,200,000 paramètres : y a-t-il assez de données ?")
    assert french.question("Training RMSE 0.1 against test RMSE 0.5: is the model overfitting?") == (
        "RMSE 0.1 à l'entraînement contre 0.5 en test : le modèle sur-apprend-il ?")
    assert "modèle gnn/mlp" in french.question(
        "Only about 300 samples for a gnn/mlp model: is there enough data, and would a simpler model do as well?")


def test_a_rubric_with_other_weights_shares_the_words_by_them(tmp_path):
    from analyser.resources import rubrics_dir

    source = (rubrics_dir() / "ml-paper-analysis.toml").read_text(encoding="utf-8")
    head, tail = source.split('id = "overfitting"', 1)
    heavier = head + 'id = "overfitting"' + tail.replace("weight = 1", "weight = 2", 1)
    path = tmp_path / "heavy.toml"
    path.write_text(heavier, encoding="utf-8")
    content = build_content(None, None, load_rubric(str(path)))
    budgets = {s.criterion_id: s.word_budget for s in content.sections}
    others = [b for cid, b in budgets.items() if cid != "overfitting"]
    # Twice the weight, twice the words (to the 10-word step).
    assert all(abs(budgets["overfitting"] - 2 * b) <= 20 for b in others)
    assert content.total_budget == load_rubric().checks.page_limit * 500 - 60 - 15 * 6
