"""Each field of `analyser.facts` on short crafted passages: what is said, what is
denied, whose model it is."""

from __future__ import annotations

import json
import re

import pytest

from analyser.documents.model import Document, Metadata, Page, Section, Sentence
from analyser.facts import extract
from analyser.facts.corpus import Corpus, is_negated
from analyser.facts.model import PaperFacts

KINDS = {"abstract": "abstract", "introduction": "introduction", "methods": "methods", "results": "results",
         "related work": "introduction", "conclusion": "conclusion"}


def make_document(*sections: tuple[str, str], references: str = "", words_per_page: int = 500) -> Document:
    """A Document from (heading, text) pairs: sentences split at ". ", a new page every
    `words_per_page` words, the kind read from the heading."""
    pages: list[list[str]] = [[]]
    words_on_page = 0
    doc_sections, sentences = [], []
    for heading, text in sections:
        doc_sections.append(Section(heading, KINDS.get(heading.lower()), text, len(pages)))
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip()):
            words = len(sentence.split())
            if words_on_page + words > words_per_page and pages[-1]:
                pages.append([])
                words_on_page = 0
            pages[-1].append(sentence)
            words_on_page += words
            sentences.append(Sentence(sentence, len(pages), heading))
    body = [Page(number, " ".join(lines)) for number, lines in enumerate(pages, 1)]
    return Document(
        path="crafted.md", kind="md", pages=body, pages_estimated=True, sections=doc_sections,
        sentences=sentences, references=references,
        word_count=sum(len(page.text.split()) for page in body), metadata=Metadata(title="crafted"),
    )


def facts_of(*sections: tuple[str, str], **options) -> PaperFacts:
    return extract(make_document(*sections, **options))


# --- negation ----------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, words, denied",
    [
        ("We did not use cross-validation.", "cross-validation", True),
        ("No cross-validation was performed.", "cross-validation", True),
        ("Cross-validation was not performed for lack of time.", "Cross-validation", True),
        ("The model was trained without dropout.", "dropout", True),
        ("We used a scaffold split rather than a random split.", "random split", True),
        ("We used 5-fold cross-validation.", "cross-validation", False),
        ("Not only dropout but also weight decay was used.", "dropout", False),
        ("We did not tune it, but we used dropout.", "dropout", False),
    ],
)
def test_negation(sentence, words, denied):
    start = sentence.index(words)
    assert is_negated(sentence, start, start + len(words)) is denied


# --- learning type and task ------------------------------------------------

def test_regression_paper_is_supervised_regression():
    facts = facts_of(
        ("Abstract", "We train a random forest regressor to predict the band gap of oxides."),
        ("Methods", "The regression model maps composition descriptors to the band gap. "
                    "We report the RMSE and MAE on a held-out test set."),
    )
    assert facts.values("learning_type") == {"supervised"}
    assert facts.values("tasks") == {"regression"}


def test_classification_from_roc_auc_and_classifier():
    facts = facts_of(
        ("Methods", "We train a binary classifier of toxicity on labelled data. "
                    "Performance is measured by ROC-AUC on the test set."),
    )
    assert "classification" in facts.values("tasks")
    assert "regression" not in facts.values("tasks")


def test_self_supervised_needs_the_paper_to_say_it_of_itself():
    cited = facts_of(
        ("Methods", "Smith et al. proposed a self-supervised contrastive learning model. "
                    "We train a graph neural network regressor to predict solubility."),
    )
    assert "self-supervised" not in cited.values("learning_type")
    own = facts_of(
        ("Methods", "We pre-train the network with self-supervised learning on unlabelled molecules. "
                    "We then fine-tune it to predict solubility, a regression task."),
    )
    assert {"self-supervised", "supervised"} <= own.values("learning_type")


def test_visualisation_is_no_dimensionality_reduction_task():
    facts = facts_of(
        ("Results", "We visualise the learned embeddings with t-SNE in Fig. 4. "
                    "The t-SNE map shows clusters of toxic molecules."),
    )
    assert "dimensionality-reduction" not in facts.values("tasks")


# --- models: main vs baseline ------------------------------------------------

def test_main_and_baseline_models():
    facts = facts_of(
        ("Abstract", "We propose a graph neural network for reaction yields."),
        ("Methods", "Our graph neural network is trained with Adam. "
                    "As baselines we use random forest and support vector regression on Morgan fingerprints."),
        ("Results", "The graph neural network outperforms XGBoost and the random forest baselines."),
    )
    roles = {(model.family, model.role) for model in facts.models}
    assert ("gnn", "main") in roles
    assert ("tree-ensemble", "baseline") in roles
    assert ("kernel", "baseline") in roles
    assert facts.main_families() == {"gnn"}
    for model in facts.models:
        assert model.evidence and all(item.quote for item in model.evidence)


def test_comparison_opening_the_sentence_keeps_our_model_main():
    facts = facts_of(
        ("Methods", "We develop a message passing neural network (MPNN) for solubility."),
        ("Results", "Compared with a random forest, our MPNN lowers the RMSE by 20%."),
    )
    assert facts.main_families() == {"gnn"}
    assert "tree-ensemble" in {model.family for model in facts.models if model.role == "baseline"}


def test_model_named_only_in_references_or_introduction_is_not_the_papers():
    facts = facts_of(
        ("Introduction", "Convolutional neural networks have been used for spectra by many groups."),
        ("Methods", "We fit a Gaussian process regression model with a Matern kernel to the yields."),
        references="[1] A. Author, Long short-term memory networks for chemistry, 2019.",
    )
    families = {model.family for model in facts.models}
    assert facts.main_families() == {"gaussian-process"}
    assert "rnn" not in families and "cnn" not in families


def test_model_defined_by_the_paper_gets_families_from_its_long_form():
    facts = facts_of(
        ("Abstract", "We propose the heterogeneous graph transformer (HeteroGT) for molecular property prediction."),
        ("Methods", "HeteroGT is trained on each benchmark with the same settings."),
    )
    assert {"transformer", "gnn"} <= facts.main_families()
    assert any(model.name == "HeteroGT" for model in facts.models)


def test_abbreviation_defined_as_something_else_is_not_that_model():
    facts = facts_of(
        ("Methods", "Machine learning potentials (MLPs) extend simulations. "
                    "We train a Gaussian process on the MLP energies to interpolate them."),
    )
    assert "mlp" not in {model.family for model in facts.models}


# --- data --------------------------------------------------------------------

def test_n_samples_prefers_the_data_set_size_over_other_counts():
    facts = facts_of(
        ("Methods", "The data set consists of 12,480 molecules collected from ChEMBL. "
                    "Each molecule is described by 2048 bits of a Morgan fingerprint. "
                    "The network is trained for 300 epochs."),
    )
    assert facts.data.n_samples == 12480
    assert "12,480 molecules" in facts.data.n_samples_evidence[0].quote
    assert "ChEMBL" in facts.values("datasets")
    assert "fingerprints" in facts.values("representation")


def test_n_samples_is_none_for_several_data_sets_of_different_sizes():
    facts = facts_of(
        ("Methods", "The BBBP dataset has 2039 molecules. The BACE dataset has 1513 molecules. "
                    "The ESOL dataset has 1128 molecules. The Tox21 dataset has 7831 molecules."),
    )
    assert facts.data.n_samples is None
    assert {"BBBP", "BACE", "ESOL", "Tox21"} <= facts.values("datasets")


def test_a_citation_number_before_a_clause_is_no_sample_count():
    from analyser.facts.corpus import Corpus
    from analyser.facts.sizes import size_candidates

    document = make_document(("Methods", "The graph defines a Markov random field (MRF) 45 where materials with the "
                                         "same label belong to the same phase region. The wafer holds 177 materials."))
    assert [candidate.value for candidate in size_candidates(Corpus(document))] == [177]


def test_measures_are_not_sample_counts():
    facts = facts_of(("Methods", "We synthesised 300 nm particles and used 50 mg of polymer in the data set."))
    assert facts.data.n_samples is None


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The data were split into training, validation and test sets with a ratio of 8:1:1.",
         {"train": 0.8, "validation": 0.1, "test": 0.1}),
        ("We randomly split the data 90/10 into training and test sets.", {"train": 0.9, "test": 0.1}),
        ("The data were randomly split 0.7/0.3 into training and test sets.", {"train": 0.7, "test": 0.3}),
        ("80% of the data were used for training and 20% for testing.", {"train": 0.8, "test": 0.2}),
        ("The dataset is split evenly into a training and a testing set.", {"train": 0.5, "test": 0.5}),
    ],
)
def test_split(sentence, expected):
    split = facts_of(("Methods", sentence)).data.split
    assert split is not None
    assert {key: value for key, value in split.items() if key != "evidence"} == pytest.approx(expected)
    assert split["evidence"][0].quote == sentence


def test_chemistry_representations_with_both_spellings():
    facts = facts_of(
        ("Methods", "Molecules are given as SMILES strings and as molecular graphs. "
                    "Crystals are described by elemental property statistics of their chemical composition.")
    )
    assert {"SMILES/strings", "graphs", "compositions"} <= facts.values("representation")


# --- optimisation --------------------------------------------------------------

def test_optimiser_loss_hyperparameters_and_search():
    facts = facts_of(
        ("Methods", "The model was optimised with the Adam optimizer with a learning rate of 1e-4 and a "
                    "batch size of 64 for 500 epochs. The loss function is the mean squared error loss. "
                    "Hyperparameters were chosen by grid search on the validation set."),
    )
    assert facts.values("optimiser") == {"Adam"}
    assert "mean squared error" in facts.values("loss")
    assert facts.values("hyperparameter_search") == {"grid search"}
    found = {(item.name, item.value) for item in facts.optimisation.hyperparameters}
    assert {("learning rate", "1e-4"), ("batch size", "64"), ("epochs", "500")} <= found


# --- validation and regularisation ------------------------------------------

def test_validation_schemes():
    facts = facts_of(
        ("Methods", "Models were evaluated with 5-fold cross-validation on a scaffold split, "
                    "and on an external test set of 200 compounds from a later campaign."),
    )
    assert {"k-fold-cv", "scaffold-split", "external-test"} <= facts.values("validation")


def test_denied_cross_validation_is_not_reported():
    facts = facts_of(
        ("Methods", "We did not use cross-validation because training is expensive. "
                    "Instead, 20% of the data were held out as a test set."),
    )
    assert "k-fold-cv" not in facts.values("validation")
    assert "hold-out" in facts.values("validation")


def test_fold_change_is_not_k_fold():
    facts = facts_of(("Results", "The new method gives a 10-fold reduction in cost and a 3-fold speed-up."))
    assert "k-fold-cv" not in facts.values("validation")


def test_regularisation_british_and_american():
    facts = facts_of(
        ("Methods", "We apply dropout of 0.2, L2 regularisation and early stopping on the validation loss. "
                    "The trees are pruned and the final model is an ensemble of models.")
    )
    assert {"dropout", "weight decay/L2", "early stopping", "ensembling"} <= facts.values("regularisation")
    american = facts_of(("Methods", "We use L2 regularization and batch normalization in every layer."))
    assert "weight decay/L2" in american.values("regularisation")


# --- metrics -----------------------------------------------------------------

def test_metrics_with_values_and_splits():
    facts = facts_of(
        ("Results", "On the test set the model reaches an MAE of 0.31 eV. "
                    "The training R2 is 0.99 while the test R2 is 0.71."),
    )
    metrics = {(metric.name, metric.value, metric.split) for metric in facts.metrics}
    assert ("MAE", 0.31, "test") in metrics
    assert ("R2", 0.99, "train") in metrics
    assert ("R2", 0.71, "test") in metrics


def test_root_mean_squared_error_is_not_also_mse():
    facts = facts_of(("Results", "The root mean squared error on the test set is 1.2 kcal/mol."))
    assert {metric.name for metric in facts.metrics} == {"RMSE"}


# --- questions ---------------------------------------------------------------

def _questions(facts: PaperFacts) -> str:
    return " ".join(question.text for question in facts.questions).lower()


def test_questions_overfitting_small_data_leakage_baseline_uncertainty():
    facts = facts_of(
        ("Methods", "We train a deep neural network on a data set of 180 molecules given as SMILES strings. "
                    "The molecules were randomly split into training and test sets. "
                    "The network has 150,000 trainable parameters."),
        ("Results", "The training R2 is 0.99 while the test R2 is 0.71. Our molecules span many scaffolds."),
    )
    text = _questions(facts)
    assert "overfitting" in text
    assert "enough data" in text
    assert "scaffold" in text
    assert "baseline" in text
    assert "uncertainty" in text
    for question in facts.questions:
        assert question.reason
    overfit = next(question for question in facts.questions if "overfitting" in question.text)
    assert any("0.99" in item.quote for item in overfit.evidence)


def test_no_leakage_or_baseline_question_when_the_paper_covers_them():
    facts = facts_of(
        ("Methods", "We train a random forest on 5,000 molecules from ChEMBL given as Morgan fingerprints. "
                    "Models are evaluated on a scaffold split and results are averaged over 5 random seeds "
                    "with their standard deviation."),
        ("Results", "Our random forest outperforms a k-nearest neighbours baseline by 0.1 in R2."),
    )
    text = _questions(facts)
    assert "scaffold" not in text
    assert "no baseline" not in text
    assert "uncertainty" not in text


def test_tuning_on_the_test_set_is_questioned():
    facts = facts_of(
        ("Methods", "The hyperparameters were tuned on the test set to get the best model. "
                    "We trained a random forest regressor on 2,000 compounds."),
    )
    question = next(question for question in facts.questions if "tuned on the test set" in question.text)
    assert "tuned on the test set" in question.evidence[0].quote


# --- contract ----------------------------------------------------------------

def test_to_dict_is_the_json_contract():
    facts = facts_of(
        ("Abstract", "We propose a graph neural network regressor for QM9 energies."),
        ("Methods", "The QM9 data set of 130,831 molecules is split 80/10/10 into training, validation and test "
                    "sets. We use the Adam optimiser. The test MAE is 0.012 eV."),
    )
    data = json.loads(json.dumps(facts.to_dict()))
    assert set(data) == {"learning_type", "tasks", "models", "data", "optimisation", "validation",
                         "regularisation", "metrics", "questions"}
    # The keys of issue 4, and those issue 12 added (confidence, per-data-set entries).
    assert set(data["data"]) == {"datasets", "n_samples", "n_samples_evidence", "split", "representation",
                                 "sets", "n_samples_confidence", "split_confidence"}
    assert set(data["optimisation"]) == {"loss", "optimiser", "hyperparameters", "hyperparameter_search"}
    assert set(data["models"][0]) == {"name", "family", "role", "evidence", "confidence"}
    assert set(data["metrics"][0]) == {"name", "value", "split", "evidence", "confidence"}
    assert set(data["questions"][0]) == {"text", "reason", "evidence"}
    assert set(data["learning_type"][0]) == {"value", "evidence", "confidence"}
    evidence = data["learning_type"][0]["evidence"][0]
    assert set(evidence) == {"quote", "page", "section"} and isinstance(evidence["page"], int)
    assert data["data"]["n_samples"] == 130831
    assert 0 < data["data"]["n_samples_confidence"] <= 1
    (qm9,) = data["data"]["sets"]
    assert set(qm9) == {"name", "size", "unit", "source", "split", "role", "evidence", "confidence"}
    assert (qm9["name"], qm9["size"], qm9["unit"]) == ("QM9", 130831, "molecules")
    for item in data["learning_type"] + data["tasks"] + data["models"] + data["metrics"]:
        assert 0 < item["confidence"] <= 1


def test_nothing_found_is_empty_not_a_guess():
    facts = facts_of(("Introduction", "This essay discusses the history of the periodic table."))
    data = facts.to_dict()
    for field in ("learning_type", "tasks", "models", "validation", "regularisation", "metrics"):
        assert data[field] == []
    assert data["data"]["n_samples"] is None and data["data"]["split"] is None


def test_evidence_pages_follow_the_document_pages():
    filler = " ".join(f"Sentence {i} is about the synthesis of materials." for i in range(120))
    facts = facts_of(("Introduction", filler), ("Methods", "We used 10-fold cross-validation throughout."))
    label = next(label for label in facts.validation if label.value == "k-fold-cv")
    assert label.evidence[0].page > 1
    assert label.evidence[0].section == "Methods"


def test_corpus_leaves_out_back_matter():
    document = make_document(
        ("Methods", "We train a random forest."),
        ("Acknowledgements", "We thank the group that trained the convolutional neural network."),
    )
    corpus = Corpus(document)
    assert all("thank" not in sent.text for sent in corpus.sentences)
    assert "cnn" not in {model.family for model in extract(document).models}


# --- cases met while checking on realistic passages ---------------------------

def test_logistic_regression_is_a_classifier_not_a_regression_task():
    facts = facts_of(
        ("Methods", "We train a convolutional neural network to classify Raman spectra into 30 species. "
                    "A logistic regression serves as a baseline classifier."),
    )
    assert "regression" not in facts.values("tasks")
    assert "classification" in facts.values("tasks")
    assert ("linear", "baseline") in {(model.family, model.role) for model in facts.models}


@pytest.mark.parametrize(
    "sentence",
    [
        "As baselines, we trained a random forest on the same features.",
        "Our model compares favourably with a random forest.",
        "The gradient boosting model beats the random forest baseline.",
    ],
)
def test_baseline_phrasings(sentence):
    facts = facts_of(
        ("Methods", "We propose a gradient boosting model (XGBoost) for solubility. " + sentence),
    )
    roles = {model.name.lower(): model.role for model in facts.models}
    assert roles.get("random forest") == "baseline"
    assert facts.main_families() == {"tree-ensemble"}


def test_size_trained_on_and_split_in_parentheses():
    facts = facts_of(
        ("Abstract", "We present a QSAR model trained on 9,982 compounds."),
        ("Methods", "The data set was divided into a training set (80%) and a test set (20%)."),
    )
    assert facts.data.n_samples == 9982
    split = facts.data.split
    assert split["train"] == pytest.approx(0.8) and split["test"] == pytest.approx(0.2)


def test_train_value_given_in_comparison_feeds_the_overfitting_question():
    facts = facts_of(
        ("Results", "On the test set, R2 is 0.86, compared with 0.97 on the training set."),
    )
    metrics = {(metric.name, metric.value, metric.split) for metric in facts.metrics}
    assert {("R2", 0.86, "test"), ("R2", 0.97, "train")} <= metrics
    assert any("overfitting" in question.text for question in facts.questions)


def test_unsupervised_clustering_paper():
    facts = facts_of(
        ("Abstract", "We cluster 1,200 metal-organic frameworks by pore geometry with unsupervised learning."),
        ("Methods", "We apply k-means clustering with k = 8 to 12 geometric descriptors."),
    )
    assert facts.values("learning_type") == {"unsupervised"}
    assert "clustering" in facts.values("tasks")
    assert facts.main_families() == {"clustering"}
    assert facts.data.n_samples == 1200


# --- vocabularies --------------------------------------------------------------

FAMILIES = {"linear", "kernel", "gaussian-process", "tree", "tree-ensemble", "nearest-neighbours", "mlp", "cnn",
            "rnn", "gnn", "transformer", "autoencoder", "generative", "clustering", "other"}


def test_vocabularies_use_only_the_contract_values():
    from analyser.facts import vocab

    assert {entry.family for entry in vocab.group("models", "model")} <= FAMILIES
    assert {entry.value for entry in vocab.group("models", "family_word")} <= FAMILIES
    assert {entry.value for entry in vocab.group("learning", "learning_type")} == {
        "supervised", "unsupervised", "semi-supervised", "self-supervised", "reinforcement"}
    assert {entry.value for entry in vocab.group("learning", "task")} <= {
        "regression", "classification", "clustering", "dimensionality-reduction", "generation", "ranking",
        "segmentation", "other"}
    assert {entry.value for entry in vocab.group("validation", "validation")} == {
        "hold-out", "k-fold-cv", "leave-one-out", "scaffold-split", "time-split", "cluster-split", "external-test"}


def test_every_vocabulary_entry_finds_its_own_words():
    """Each term is found in a sentence made of it (anchors never hide a match)."""
    from analyser.facts import vocab
    from analyser.facts.vocab import tomllib

    for path in sorted(vocab.VOCAB_DIR.glob("*.toml")):
        raw = tomllib.loads(path.read_text())
        for group, items in raw.items():
            for item, entry in zip(items, vocab.group(path.stem, group)):
                for word in item.get("terms", []) + item.get("acronyms", []):
                    corpus = Corpus(make_document(("Methods", f"Here the {word} is used.")))
                    hits = corpus.find(entry.pattern, entry.anchors, entry.exact_anchors)
                    assert hits, (path.name, group, entry.value, word)


def test_british_and_american_spellings_both_count():
    british = facts_of(("Methods", "We used L-BFGS and a regularisation of the weights; the optimiser was tuned."))
    american = facts_of(("Methods", "We used L-BFGS and a regularization of the weights; the optimizer was tuned."))
    assert british.values("regularisation") == american.values("regularisation") != set()
    assert british.values("optimiser") == american.values("optimiser") == {"L-BFGS"}


def test_class_balance_and_reproducibility_questions():
    bare = facts_of(
        ("Methods", "We train a convolutional neural network classifier of microscopy images on 5,000 images."),
        ("Results", "The classifier reaches 95% accuracy on the test set."),
    )
    text = _questions(bare)
    assert "classes balanced" in text
    assert "training settings" in text
    careful = facts_of(
        ("Methods", "We train a convolutional neural network classifier on 5,000 images with a stratified split; "
                    "the classes are balanced. The learning rate is 1e-3 and the batch size of 32."),
    )
    text = _questions(careful)
    assert "classes balanced" not in text and "training settings" not in text
