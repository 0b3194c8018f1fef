"""The rules behind the QA fixes of `analyser.facts`, each on crafted passages:
metrics need a bound value (and a change is no score), sizes and splits as papers
write them, group splits, and items that belong to something else."""

from __future__ import annotations

import pytest

from analyser.facts.corpus import is_negated
from test_facts_units import facts_of


def _metrics(facts) -> set[tuple]:
    return {(metric.name, metric.value, metric.split) for metric in facts.metrics}


# --- metrics: a name as a term, a value bound to it ---------------------------

@pytest.mark.parametrize(
    "sentence",
    [
        "The answers impact both the computational cost of training and the accuracy of later simulations.",
        "It can also be interpreted in terms of the sensitivity of the predicted value on the dependent value.",
        "Elemental property statistics are the mean, mean absolute deviation, range, minimum and maximum.",
        "Error bars show the precision of the instrument.",
    ],
)
def test_plain_words_and_statistics_are_no_metrics(sentence):
    assert facts_of(("Methods", sentence)).metrics == []


def test_a_metric_presented_as_the_measure_is_kept_without_a_value():
    facts = facts_of(("Results", "Tables 3 and 4 give the model performance metrics R2 and RMSE."))
    assert _metrics(facts) == {("R2", None, None), ("RMSE", None, None)}
    listed = facts_of(("Methods", "Models are compared on accuracy, precision and recall."))
    assert {"accuracy", "precision", "recall"} <= {metric.name for metric in listed.metrics}


@pytest.mark.parametrize(
    "sentence",
    [
        "Our model is up to 1.55% in ROC-AUC and 0.272 in RMSE higher than the best baseline model.",
        "In scarce data scenarios, it decreases the root mean square errors by 28.39% compared to training "
        "without pre-training.",
        "Pre-training improves the MAE by 0.05 eV on the test set.",
        "Our model reaches an RMSE 0.04 lower than the GCN.",
        "We observe a reduction of 0.12 in RMSE over the baseline.",
    ],
)
def test_a_change_of_a_score_is_not_a_score(sentence):
    metrics = facts_of(("Results", sentence)).metrics
    assert all(metric.value is None for metric in metrics), metrics
    assert all(metric.split is None for metric in metrics), metrics


def test_a_score_compared_with_something_is_still_a_score():
    facts = facts_of(("Results", "On the test set the model reaches an MAE of 0.31 kcal/mol which is lower than "
                                 "chemical accuracy."))
    assert ("MAE", 0.31, "test") in _metrics(facts)


def test_the_split_needs_evidence_in_the_metrics_clause():
    facts = facts_of(("Results", "Training this data set with plain descriptors yields an energy RMSE of "
                                 "about 11 meV/atom in the best potential."))
    assert _metrics(facts) == {("RMSE", 11.0, None)}
    facts = facts_of(("Results", "The model was trained for 100 epochs, and the test RMSE is 0.4 eV."))
    assert _metrics(facts) == {("RMSE", 0.4, "test")}


def test_a_table_read_as_text_gives_each_column_its_split():
    facts = facts_of(("Results", "Table 1 Training set Test set N 1387 156 RMSE(E) 0.86 1.11 MAE(F) 0.05 0.06."))
    assert {("RMSE", 0.86, "train"), ("RMSE", 1.11, "test"), ("MAE", 0.05, "train"),
            ("MAE", 0.06, "test")} <= _metrics(facts)


# --- sizes and splits ---------------------------------------------------------------

def test_several_stated_sizes_are_reported_as_several_not_as_none():
    facts = facts_of(
        ("Methods", "We selected a subset of 228,676 compounds from OQMD to use as a training set. "
                    "For this test we selected the compounds in the ICSD (a total of 25,085 entries). "
                    "A single model was trained on the band gap energies of 22,667 compounds from the ICSD."),
    )
    assert facts.data.n_samples is None
    quotes = " ".join(evidence.quote for evidence in facts.data.n_samples_evidence)
    assert "228,676" in quotes and "25,085" in quotes
    question = next(q for q in facts.questions if "sizes" in q.text.lower())
    assert "228,676" in question.reason and "no single data-set size was found" not in question.reason
    none = facts_of(("Methods", "We train a random forest regressor to predict band gaps."))
    assert any("no single data-set size was found" in q.reason for q in none.questions)


def test_a_count_inside_a_part_of_the_data_is_no_size():
    facts = facts_of(
        ("Methods", "The data set consists of 5,000 molecules. We selected which 30 molecules in the "
                    "remaining 10% were the most promising. Just over 12% of the 30 selected molecules were "
                    "active. We also selected 4,000 compounds."),
    )
    # the two counts of 30 are parts, not rival data sets that would leave no single size
    assert facts.data.n_samples == 5000


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ninety percent of these data were used for training the neural networks. "
         "The remaining data were used as test set.", {"train": 0.9, "test": 0.1}),
        ("Finally, the evaluation of the models is conducted on the remaining 20% of the dataset.", {"test": 0.2}),
        ("Seventy-five per cent of the data were used for training and the rest for testing.",
         {"train": 0.75, "test": 0.25}),
    ],
)
def test_splits_written_in_words_or_across_sentences(text, expected):
    split = facts_of(("Methods", text)).data.split
    assert split is not None
    assert {key: value for key, value in split.items() if key != "evidence"} == pytest.approx(expected)


def test_a_training_share_is_a_hold_out():
    facts = facts_of(("Methods", "We devised a test where a model was trained on 90% of the data set and then "
                                 "selected the best compounds among the others."))
    assert "hold-out" in facts.values("validation")


# --- validation: group splits -----------------------------------------------------

@pytest.mark.parametrize(
    "sentence, scheme",
    [
        ("We ran a leave-one-(binary)-system-out test of the model.", "cluster-split"),
        ("Models were assessed with leave-one-cluster-out validation.", "cluster-split"),
        ("We report leave-one-scaffold-out results for every target.", "cluster-split"),
        ("A leave-one-element-out test probes extrapolation.", "cluster-split"),
        ("We used leave-one-out cross-validation.", "leave-one-out"),
        ("We used leave-one-molecule-out validation.", "leave-one-out"),
    ],
)
def test_leave_one_group_out_is_a_cluster_split(sentence, scheme):
    found = facts_of(("Methods", sentence)).values("validation")
    assert scheme in found
    assert found & {"cluster-split", "leave-one-out"} == {scheme}


def test_each_group_as_the_test_set_is_a_cluster_split_not_a_hold_out():
    facts = facts_of(
        ("Methods", "We further validated the ability of our models to extrapolate to alloy systems not included "
                    "in the training set by iteratively using each binary system as a test set."),
    )
    assert facts.values("validation") == {"cluster-split"}
    assert not any("applicability domain" in question.text for question in facts.questions)


def test_a_negation_describing_the_test_data_denies_nothing():
    sentence = "We tested on systems not included in the training set by using each binary system as a test set."
    start = sentence.index("each binary")
    assert not is_negated(sentence, start, start + 30)
    assert is_negated("We did not use each binary system as a test set.", 15, 40)


def test_the_k_fold_loop_test_partition_is_no_hold_out():
    facts = facts_of(
        ("Methods", "We evaluated several algorithms using 10-fold cross-validation. This process is repeated "
                    "using each of the 10 partitions as the test set."),
    )
    assert facts.values("validation") == {"k-fold-cv"}


def test_cross_validation_naming_train_validation_and_test_is_a_hold_out():
    facts = facts_of(
        ("Methods", "We used typical cross-validation using Train to optimize fine-tuning, Validation to "
                    "optimize hyperparameters, and Test only to assess performance."),
    )
    assert "hold-out" in facts.values("validation")
    assert "k-fold-cv" not in facts.values("validation")


# --- items that belong to something else -----------------------------------------

def test_layers_acted_on_are_no_architecture_hyperparameter():
    facts = facts_of(
        ("Methods", "We examined three transfer strategies: transfer of message-passing layers (strategy a), "
                    "transfer of both message-passing and two fully connected layers (strategy b). "
                    "The GNN architectures incorporate three message passing layers."),
    )
    layers = {item.value for item in facts.optimisation.hyperparameters if item.name == "hidden layers"}
    assert layers == {"three"}


def test_the_leakage_question_quotes_the_data_split_not_other_random_steps():
    facts = facts_of(
        ("Methods", "We train a graph neural network on a data set of 5,000 molecules given as SMILES strings. "
                    "Two node feature vectors are randomly selected and masked. "
                    "The dataset is randomly shuffled and 20% of the molecules are held out as the test set. "
                    "Our molecules are drug-like compounds."),
    )
    question = next(q for q in facts.questions if "scaffold" in q.text)
    quotes = " ".join(evidence.quote for evidence in question.evidence)
    assert "shuffled" in quotes and "masked" not in quotes


def test_clustering_to_partition_the_data_does_not_make_a_paper_unsupervised():
    facts = facts_of(
        ("Methods", "We train random forest regressors to predict the band gap energies of 5,000 compounds. "
                    "To select a partitioning strategy, we have also explored an unsupervised-learning-based "
                    "strategy for determining distinct clusters of materials."),
    )
    assert facts.values("learning_type") == {"supervised"}


@pytest.mark.parametrize(
    "component",
    [
        "Besides, the Gated Recurrent Unit is applied as a readout operator to get the molecule vector.",
        "A GRU is used to aggregate the messages of the neighbours.",
        "The node states pass through a GRU-based readout.",
    ],
)
def test_a_component_of_the_main_model_is_no_main_model(component):
    facts = facts_of(
        ("Methods", "We propose a heterogeneous graph transformer (HGTX) for molecular property prediction. "
                    f"Our HGTX passes messages between atoms. {component}"),
    )
    assert "transformer" in facts.main_families()
    assert "rnn" not in facts.main_families()
