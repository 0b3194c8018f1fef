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


def _lab(content) -> dict[str, list[str]]:
    return {s.criterion_id: [lab.command for lab in s.lab] for s in content.sections}


def test_lab_experiments_follow_the_facts_and_the_questions(rubric):
    commands = _lab(build_content(None, small_paper(n_samples=435), rubric))
    assert commands["overfitting"] == [
        # The lab model nearest the article's (a tree ensemble: the forest), on data of its task.
        "analyser lab run learning-curve --model forest --dataset xnor", "analyser lab run overfitting-d100",
        "analyser lab run ridge-path",  # the article prunes its trees
    ]
    assert commands["optimisation"] == ["analyser lab run gd-vs-sgd"]  # trained with Adam
    assert commands["alternatives"] == ["analyser lab run xnor-models"]  # a baseline is compared
    assert commands["framing"] == commands["context"] == commands["model"] == []
    many = small_paper(n_samples=200_000)
    many.regularisation = []
    many.questions = []
    many.models = [m for m in many.models if m.role == "main"]
    many.data.representation = [Label("fingerprints", ev("Morgan fingerprints of 2048 bits."))]
    commands = _lab(build_content(None, many, rubric))
    # Every template gets the learning curve; the grid search (no regularisation to show
    # it with) gets the ridge path in training, high-dimensional inputs the curse of dimensionality.
    assert commands["overfitting"] == ["analyser lab run learning-curve --model forest --dataset xnor"]
    assert commands["optimisation"] == ["analyser lab run ridge-path", "analyser lab run gd-vs-sgd"]
    assert commands["model"] == ["analyser lab run curse-of-dimensionality"]
    assert commands["alternatives"] == []


@pytest.mark.parametrize(
    ("models", "tasks", "option"),
    [
        ([Model("SchNet", "gnn", "main")], ["regression"], "--model mlp --dataset linear"),
        ([Model("SVM", "kernel", "main")], ["classification"], "--model knn --dataset xnor"),
        ([Model("Gaussian process", "gaussian-process", "main")], ["regression"], "--model ridge --dataset linear"),
        ([Model("XGBoost", "tree-ensemble", "main")], ["regression"], "--model gboost --dataset linear"),
        ([Model("logistic regression", "linear", "main")], ["classification"], "--model softmax --dataset xnor"),
        # A main model the lab has nothing near: the baseline's, else a tree on the article's task.
        ([Model("k-means", "clustering", "main"), Model("MLR", "linear", "baseline")], ["regression"],
         "--model linear --dataset linear"),
        ([], ["regression"], "--model tree --dataset linear"),
        ([], [], ""),
    ],
)
def test_the_learning_curve_runs_the_lab_model_nearest_the_articles(rubric, models, tasks, option):
    facts = PaperFacts(models=models, tasks=[Label(task, []) for task in tasks])
    command = build_content(None, facts, rubric).section("overfitting").lab[0].command
    assert command == f"analyser lab run learning-curve {option}".strip()


def test_every_suggested_lab_command_is_one_the_lab_runs():
    from analyser.lab.datasets import DATASETS, load
    from analyser.lab.experiments import EXPERIMENTS
    from analyser.lab.models import make_model
    from analyser.template.i18n import texts
    from analyser.template.suggestions import LAB_DATASET, LAB_MODEL, LAB_RULES

    for rule in LAB_RULES:
        assert rule.experiment in EXPERIMENTS, rule
        assert all(rule.why in texts(lang).lab for lang in ("en", "fr")), rule
    for task, dataset in LAB_DATASET.items():
        assert dataset in DATASETS and load(dataset).task == task
    for family, (regressor, classifier) in LAB_MODEL.items():
        # make_model refuses a model that cannot do the task, as `lab run` would.
        make_model(regressor, "regression")
        make_model(classifier, "classification")


@pytest.mark.slow
def test_a_suggested_command_runs(rubric, tmp_path):
    import shlex

    from click.testing import CliRunner

    from analyser.cli import cli

    facts = PaperFacts(models=[Model("SchNet", "gnn", "main")], tasks=[Label("regression", [])])
    command = build_content(None, facts, rubric).section("overfitting").lab[0].command
    args = shlex.split(command)[1:] + ["--quick", "--out", str(tmp_path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "learning-curve.png").exists()


def test_every_shared_paper_gets_lab_experiments(papers_dir, rubric):
    """The learning curve for every article; the other experiments where its facts or questions call for them."""
    from analyser.documents import load
    from analyser.template.make import extract_facts

    suggested = {}
    for pdf in sorted(papers_dir.glob("*.pdf")):
        document = load(pdf)
        commands = _lab(build_content(document, extract_facts(document), rubric))
        assert commands["overfitting"][0].startswith("analyser lab run learning-curve --model "), pdf.name
        suggested[pdf.name] = sum(commands.values(), [])
    assert len(suggested) >= 8
    # More than the learning curve for most of them: the lab covers more than one question.
    assert sum(len(commands) >= 2 for commands in suggested.values()) >= len(suggested) // 2, suggested


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
    # "Is there enough data?" is what the learning curve shows (no model known: the lab's default).
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
    # (numbers as French writes them: 1 200 000, 0,1)
    assert french.question("About 300 samples for a model of 1,200,000 parameters: is there enough data?") == (
        "Environ 300 exemples pour un modèle de 1\u00a0200\u00a0000 paramètres : y a-t-il assez de données ?")
    assert french.question("Training RMSE 0.1 against test RMSE 0.5: is the model overfitting?") == (
        "RMSE 0,1 à l'entraînement contre 0,5 en test : le modèle sur-apprend-il ?")
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


def test_french_fact_values_and_numbers_are_french(rubric):
    """What the QA tester saw: "Représentation : graphs", "Nombre d'exemples : 42,966", "RMSE (train)"."""
    facts = small_paper(n_samples=42_966)
    facts.models = [Model("GNN", "gnn", "main", ev("A graph neural network.")),
                    Model("random forest", "tree-ensemble", "baseline", ev("A random forest."))]
    facts.data.representation = [Label("graphs", ev("Polymers are graphs."))]
    facts.data.split = {"train": 0.8, "validation": 0.1, "test": 0.1}
    facts.metrics = [Metric("RMSE", 0.25, "train", ev("The training RMSE is 0.25.")),
                     Metric("accuracy", 1234.5, "test", ev("..."))]
    facts.optimisation.hyperparameters = [Hyperparameter("learning rate", "0.001", ev("lr 0.001"))]
    french = build_content(None, facts, rubric, lang="fr")
    said = {f.label: [] for s in french.sections for f in s.facts}
    for section in french.sections:
        for item in section.facts:
            said[item.label].append(item.value)
    nbsp = "\u00a0"
    assert said["Nombre d'exemples"] == [f"42{nbsp}966"]
    assert said["Représentation"] == ["graphes"]
    assert said["Modèle"] == ["GNN (réseau de neurones sur graphes)"]
    assert said["Comparé à"] == ["random forest (ensemble d'arbres)"]
    assert said["Découpage"] == [f"entraînement 80{nbsp}%, validation 10{nbsp}%, test 10{nbsp}%"]
    assert said["Métrique"] == ["RMSE = 0,25 (entraînement)", f"exactitude = 1{nbsp}234,5 (test)"]
    assert said["Hyperparamètre"] == ["taux d'apprentissage = 0,001"]
    assert said["Fonction de coût"] == ["entropie croisée"]
    assert said["Choix des hyperparamètres"] == ["recherche sur grille"]
    assert said["Régularisation"] == ["élagage"]
    # English stays as analyser.facts writes it.
    english = build_content(None, facts, rubric, lang="en")
    framing = {f.label: f.value for f in english.section("framing").facts}
    assert framing["Number of samples"] == "42,966"
    assert framing["Split"] == "train 80%, validation 10%, test 10%"
    assert [f.value for f in english.section("overfitting").facts if f.label == "Metric"] == [
        "RMSE = 0.25 (train)", "accuracy = 1,234.5 (test)"]


# The kinds of fact whose values come from the vocabulary of analyser.facts, and
# where they are: (table of analyser/facts/vocab/*.toml, key), by kind in i18n [values].
_VOCABULARY = {
    "learning_type": ("learning_type", "value"),
    "task": ("task", "value"),
    "representation": ("representation", "value"),
    "family": ("model", "family"),
    "validation": ("validation", "value"),
    "regularisation": ("regularisation", "value"),
    "loss": ("loss", "value"),
    "optimiser": ("optimiser", "value"),
    "hyperparameter": ("hyperparameter", "value"),
    "search": ("search", "value"),
    "metric": ("metric", "value"),
}


def test_every_value_of_the_facts_vocabulary_has_its_french():
    import sys
    from pathlib import Path

    import analyser.facts
    from analyser.template.i18n import texts

    tomllib = __import__("tomllib" if sys.version_info >= (3, 11) else "tomli")
    found: dict[str, set[str]] = {kind: set() for kind in _VOCABULARY}
    for path in (Path(analyser.facts.__file__).parent / "vocab").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind, (table, key) in _VOCABULARY.items():
            found[kind] |= {entry[key] for entry in data.get(table, []) if key in entry}
    assert all(found.values()), found
    french = texts("fr").values
    missing = {kind: sorted(values - set(french.get(kind, {}))) for kind, values in found.items()}
    assert {kind: values for kind, values in missing.items() if values} == {}
    assert set(texts("fr").values["split"]) >= {"train", "validation", "test"}
