"""Issue 12: facts are what the paper itself does. Each over-reading the issue
measured on papers new to the rules, on crafted passages: earlier work, the
field in general and what could be done are no facts of the pipeline; baselines,
components and tools are not main models; inputs are not what the model learns
inside; every data set keeps its own size; a question never contradicts its
quote; every fact carries a confidence."""

from __future__ import annotations

import pytest

from analyser.facts import CONFIDENT
from analyser.facts.corpus import Corpus, quote
from analyser.facts.stance import FIRST_PERSON, cites_others, general, hypothetical
from test_facts_units import facts_of, make_document


def _roles(facts) -> dict[str, str]:
    return {model.name.lower(): model.role for model in facts.models}


# --- where a sentence stands, and who speaks ------------------------------------

@pytest.mark.parametrize(
    "sentence",
    [
        "Random forests are widely used for property prediction.",
        "Machine learning has been applied to classification, regression and generation.",
        "Common examples include Gaussian processes, random forests and neural networks.",
        "For neural networks, uncertainty is often calculated by training several networks.",
        "Batch selection methods can also use filters such as clustering algorithms.",
    ],
)
def test_sentences_about_the_field_in_general(sentence):
    assert general(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We use a random forest widely used for property prediction.",
        "Our graph neural network is trained with Adam.",
    ],
)
def test_the_paper_speaking_of_itself_is_not_general(sentence):
    assert not general(sentence)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a superscript citation number as the subject is someone else's work; a count is not
        ("19 performed the first-principles calculations on 45 oxide materials as training data.", True),
        ("12,13 trained a linear regression model on 200 oxides.", True),
        ("45 oxide materials were computed with DFT.", False),
        ("We trained a regression model on 45 oxides.", False),
    ],
)
def test_a_citation_as_the_subject_cites_others(sentence, expected):
    assert cites_others(sentence) is expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Here, a Transformer model was employed to generate molecular structures.", True),
        ("The model proposed here is trained with Adam.", True),
        ("The two LSTM-based models share similarities as will be outlined here.", False),
    ],
)
def test_here_is_the_paper_speaking_only_as_in_this_paper(sentence, expected):
    assert bool(FIRST_PERSON.search(sentence)) is expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Fingerprints could represent the solvents in future work.", True),
        ("Leveraging descriptors would equip the optimisation with chemical knowledge.", True),
        ("We could reproduce the reference energies within 1 meV.", False),
        ("The model is trained on fingerprints.", False),
    ],
)
def test_what_could_be_done_is_hypothetical(sentence, expected):
    assert hypothetical(sentence) is expected


def test_a_general_or_hypothetical_sentence_is_no_statement_of_the_pipeline():
    corpus = Corpus(make_document(("Methods", "Random forests are widely used for solubility. "
                                              "We train a graph neural network on the molecules.")))
    widely, ours = corpus.sentences
    assert not widely.pipeline and ours.pipeline
    assert widely.weight < ours.weight


# --- tasks: those of the paper's own models -------------------------------------------

def test_a_price_regression_paper_is_no_classification_or_generation():
    facts = facts_of(
        ("Introduction", "Machine learning has been used for the classification, regression and generation "
                         "of molecules. Generative models and de novo design are popular."),
        ("Methods", "We train a graph neural network to predict the price of molecules. The model is fitted "
                    "by regression on the logarithm of the price per gram. We report the MAE and RMSE."),
        ("Discussion", "Generative models could use our price predictor to propose cheaper molecules, and "
                       "a classifier of purchasable molecules would be a natural extension."),
    )
    assert facts.values("tasks") == {"regression"}
    assert facts.values("learning_type") == {"supervised"}


def test_a_random_forest_classifier_paper_is_no_regression():
    facts = facts_of(
        ("Introduction", "QSAR regression models have been widely used to predict IC50 values, and regression "
                         "and classification are common tasks."),
        ("Methods", "We train a random forest classifier to classify compounds as active or inactive. "
                    "Performance is measured with ROC-AUC and accuracy on a held-out test set."),
    )
    assert facts.values("tasks") == {"classification"}
    assert facts.main_families() == {"tree-ensemble"}


def test_predictive_values_potential_interactions_and_a_tools_strengths_are_no_regression():
    facts = facts_of(
        ("Methods", "As GraphConvMol facilitates the end-to-end learning of molecular structures, it stands as a "
                    "robust asset in cheminformatics, specifically in predicting molecular properties. "
                    "We train a graph convolutional classifier to predict potential interactions between drug pairs. "
                    "p(x, y) is the predicting probability value of the pair. The predictive values are quantified "
                    "where a value of 1 represents a perfect prediction. Performance is measured with ROC-AUC."),
    )
    assert facts.values("tasks") == {"classification"}


def test_a_biological_target_is_no_competitor_and_its_data_set_split_is_the_papers():
    from analyser.facts import roles

    sections = (
        ("Methods", "The JAK2 data set was split into training, validation and test sets at a ratio of 8:1:1, "
                    "and the graph convolutional network was trained with five-fold cross-validation. "
                    "The trained model was used to predict the JAK2 inhibitory potential of approved drugs."),
        ("Results", "The top 20 compounds were docked against JAK2 (Figure 7). They show an activity against JAK2 "
                    "comparable to tofacitinib. Three-dimensional structure of the JAK2 protein, from Discovery Studio. "
                    "Our network was also benchmarked against CGCNN."),
    )
    facts = facts_of(*sections)
    assert roles.compared_names(Corpus(make_document(*sections))) == {"CGCNN"}
    assert facts.values("validation") >= {"hold-out", "k-fold-cv"}
    assert "regression" not in facts.values("tasks")
    assert "3D coordinates" not in facts.values("representation")


def test_a_redox_potential_is_a_regression_target():
    facts = facts_of(("Methods", "We train a neural network to predict the redox potential of each quinone."))
    assert facts.values("tasks") == {"regression"}


def test_data_kept_to_assess_generalisation_to_other_cells_are_an_external_test():
    facts = facts_of(
        ("Methods", "The cells of dataset 1 are split into training and test sets at a ratio of 4:1. "
                    "Dataset 2 and dataset 3 are used for assessing the generalizability of the model. "
                    "The base model is then transferred to other batteries with a small amount of new data."),
    )
    assert facts.values("validation") == {"hold-out", "external-test"}


def test_generalisation_praised_in_the_introduction_is_no_test():
    facts = facts_of(
        ("Introduction", "Evaluating the generalizability of machine learning models has been widely studied."),
        ("Methods", "The molecules are split into training and test sets at a ratio of 4:1."),
    )
    assert facts.values("validation") == {"hold-out"}


def test_classification_metrics_of_an_extraction_pipeline_are_no_classification_task():
    facts = facts_of(
        ("Methods", "We present an LLM-based agent for information extraction from journal articles. "
                    "Our information extraction agents are evaluated with standard classification metrics, "
                    "namely precision, recall and F1-score."),
    )
    assert "classification" not in facts.values("tasks")
    assert "other" in facts.values("tasks")


def test_options_offered_are_no_validation_done():
    facts = facts_of(
        ("Methods", "A loop stops when the model accuracy converges, as measured by cross-validation or a "
                    "held-out test set. Our Gaussian process is scored by five-fold cross-validation."),
    )
    assert facts.values("validation") == {"k-fold-cv"}


def test_the_test_data_of_a_cross_validation_are_no_hold_out():
    facts = facts_of(
        ("Methods", "We fit a random forest regression model; performance on the test data was computed in a "
                    "5-fold cross-validation scheme."),
        ("Results", "Figure 3 shows the model performance on unseen test data for each transcript class."),
    )
    assert facts.values("validation") == {"k-fold-cv"}


# --- models: main, baseline, component ---------------------------------------------------

def test_a_re_implemented_baseline_and_a_tool_used_are_not_main_models():
    facts = facts_of(
        ("Methods", "We propose a graph neural network (PriceGNN) to predict compound prices. "
                    "We re-implemented the random forest of the earlier study with its original settings. "
                    "Synthetic routes were obtained from the Molecular Transformer web server. "
                    "PriceGNN is trained on 100,000 molecules."),
        ("Results", "PriceGNN outperforms the random forest on the test set."),
    )
    roles = _roles(facts)
    assert facts.main_families() == {"gnn"}
    assert roles["random forest"] == "baseline"
    assert roles.get("molecular transformer", roles.get("transformer")) == "component"


def test_parts_of_the_model_and_members_of_an_ensemble_are_components():
    facts = facts_of(
        ("Methods", "We fine-tune a protein language model (pLM) with a CNN head on each task. "
                    "We also train an ensemble of reduced-error pruning decision trees using the random subspace "
                    "method. Our pLM is trained with LoRA."),
    )
    roles = _roles(facts)
    assert roles.get("cnn") == "component"
    assert [role for name, role in roles.items() if "decision trees" in name] == ["component"]
    assert "cnn" not in facts.main_families() and "tree" not in facts.main_families()


def test_a_model_is_listed_once_whatever_its_names():
    facts = facts_of(
        ("Methods", "We propose a transformer for compositions. As a baseline we train a random forest (RF) "
                    "on Magpie features."),
        ("Results", "Our transformer outperforms the RF baseline on every data set. The RF model does best "
                    "on the smallest data set, but our transformer is better than RF elsewhere."),
    )
    baselines = [model for model in facts.models if model.role == "baseline"]
    assert len(baselines) == 1 and baselines[0].family == "tree-ensemble"
    assert len({(model.name, model.family) for model in facts.models}) == len(facts.models)


def test_a_knowledge_graph_is_no_graph_neural_network():
    facts = facts_of(
        ("Methods", "We build a knowledge graph (KG) with open large language models (LLMs). Our LLMs extract "
                    "triplets from the text, and the KG is stored as a directed acyclic graph (DAG)."),
    )
    assert facts.main_families() == {"transformer"}


def test_models_offered_as_examples_are_not_the_papers():
    facts = facts_of(
        ("Methods", "While any ML model can be used for active learning, some common examples include Gaussian "
                    "processes, random forests and neural networks. After training our Gaussian process "
                    "surrogate, we compute the expected improvement."),
    )
    assert facts.main_families() == {"gaussian-process"}


def test_a_model_only_said_faster_than_another_has_no_baseline():
    facts = facts_of(
        ("Methods", "We fit a linear SNAP potential by weighted least squares, which is computationally "
                    "inexpensive compared to training non-linear models like neural networks."),
    )
    assert not [model for model in facts.models if model.role == "baseline"]


# --- representation: the inputs of the paper's own models -------------------------------

def test_inputs_of_earlier_work_and_representations_learned_inside_are_not_inputs():
    facts = facts_of(
        ("Introduction", "Earlier QSPR work related properties to predefined molecular descriptors. "
                         "Deep models learn a molecular fingerprint directly from the structure."),
        ("Methods", "We use a polymer graph representation: atoms are nodes and bonds are edges of the polymer "
                    "graph. In the readout phase, the hidden node features are aggregated into a polymer "
                    "fingerprint. Three fully connected layers map the fingerprints to the prediction. "
                    "The originally masked vectors are predicted from the learned embeddings."),
        ("Conclusion", "One could mask a property within the descriptors during pre-training."),
    )
    assert facts.values("representation") == {"graphs"}


def test_features_the_authors_compute_from_a_measured_curve_are_descriptors():
    facts = facts_of(
        ("Methods", "The model inputs are statistical features extracted from the voltage relaxation curve. "
                    "A gradient-boosted tree model is trained on these features to estimate the capacity."),
    )
    assert facts.values("representation") == {"descriptors"}


def test_patterns_measured_to_characterise_the_samples_made_are_no_input():
    methods = ("Methods", "A Gaussian process regressor maps the sintering temperature and the acid excess "
                          "to the ionic conductivity of each sample.")
    characterisation = ("3.4 Characterization of the samples",
                        "Figure 5 shows the X-ray diffraction patterns of two samples. The XRD patterns show "
                        "a second phase. The diffraction patterns of the other samples are alike.")
    assert "spectra" not in facts_of(methods, characterisation).values("representation")
    # Nor, in a results section, the patterns of the samples made: nothing says the model is fed them.
    assert "spectra" not in facts_of(methods, ("Results", characterisation[1])).values("representation")
    # Patterns the model is given are its input.
    fed = ("Methods", "A convolutional network takes the X-ray diffraction patterns as input and predicts the phase. "
                      "The XRD patterns are normalised before training.")
    assert "spectra" in facts_of(fed, ("Results", characterisation[1])).values("representation")


def test_what_the_pipeline_extracts_is_no_input_and_a_baselines_input_is_not_ours():
    facts = facts_of(
        ("Methods", "We present a multi-agent framework for extracting chemical compositions from articles. "
                    "Our agents extract the chemical composition of each material. "
                    "CrabNet takes the element embeddings of mat2vec as input. Roost relies on a graph "
                    "representation of the compound."),
        ("Results", "CrabNet outperforms Roost and ElemNet on most data sets."),
    )
    assert "compositions" not in facts.values("representation")
    assert "graphs" not in facts.values("representation")


def test_the_lab_suggests_no_dimensionality_experiment_for_inputs_the_paper_does_not_use():
    from analyser.template.i18n import texts
    from analyser.template.suggestions import lab_for

    facts = facts_of(
        ("Introduction", "Earlier QSPR models used molecular descriptors and fingerprints."),
        ("Methods", "We train a graph neural network on the polymer graph representation of each polymer."),
    )
    commands = [lab.command for lab in lab_for("model", facts, texts("en"))]
    assert not any("curse-of-dimensionality" in command for command in commands)


# --- data: every data set with its size ---------------------------------------------------

def test_every_data_set_keeps_its_size_and_no_single_n_samples():
    facts = facts_of(
        ("Methods", "The formation energy data set has 613,160 entries. The band gap data set has 95,312 "
                    "entries. The bulk modulus data set has 19,680 entries. The shear modulus data set has "
                    "19,680 entries. The glass data set contains 7,842 compositions."),
    )
    sizes = {item.size for item in facts.data.sets}
    assert {613160, 95312, 19680} <= sizes
    assert facts.data.n_samples is None


def test_a_range_of_data_set_sizes_is_no_size():
    facts = facts_of(
        ("Methods", "We included 28 benchmark datasets in total, ranging from 312 to 341,788 instances of data."),
    )
    assert facts.data.n_samples is None
    question = next(q for q in facts.questions if "several data sets" in q.text)
    assert question.reason


def test_a_second_data_set_and_the_pre_training_split_are_found():
    facts = facts_of(
        ("Methods", "We selected a subset of 228,676 compounds from OQMD to train the regression models. "
                    "For the glass-forming ability we selected 5,369 unique compositions from the "
                    "Landolt-Börnstein data set. The polymer dataset is randomly shuffled and 40% of the "
                    "dataset is used for pre-training tasks. Finally, the evaluation is conducted on the "
                    "remaining 20% of the dataset."),
    )
    sizes = {item.size: item for item in facts.data.sets}
    assert 228676 in sizes and sizes[228676].unit == "compounds"
    assert facts.data.split["pre-training"] == pytest.approx(0.4)
    assert facts.data.split["test"] == pytest.approx(0.2)


def test_a_named_data_set_gets_its_own_size_unit_and_role():
    facts = facts_of(
        ("Methods", "We pre-train on the ZINC data set of 250,000 molecules. The Tox21 dataset has 7,831 "
                    "molecules and is used for fine-tuning."),
    )
    sets = {item.name: item for item in facts.data.sets}
    assert (sets["ZINC"].size, sets["ZINC"].unit, sets["ZINC"].role) == (250000, "molecules", "pre-training")
    assert (sets["Tox21"].size, sets["Tox21"].role) == (7831, "fine-tuning")


def test_a_test_set_count_is_no_data_size():
    facts = facts_of(
        ("Results", "With this limited dataset of 100 test samples, we found one new composition."),
    )
    assert facts.data.n_samples is None


# --- questions: never contradicted by their quote ---------------------------------------

def test_class_proportions_stated_are_quoted_not_called_missing():
    facts = facts_of(
        ("Methods", "We train a random forest classifier of glass-forming ability. After screening, 70.8% of "
                    "the entries in the training data set correspond to metallic glasses. Our model has an "
                    "80.2% classification accuracy over 15,318 test entries where 71% of entries were "
                    "measured to be glasses."),
    )
    question = next(q for q in facts.questions if "class" in q.text)
    assert "no word on class balance" not in question.reason
    assert "70.8%" in question.text
    assert any("70.8%" in item.quote for item in question.evidence)


def test_the_class_balance_question_is_still_asked_when_the_paper_says_nothing():
    facts = facts_of(("Methods", "We train a random forest classifier; its accuracy is 90% on the test set."))
    question = next(q for q in facts.questions if "balanced" in q.text)
    assert "no word on class balance" in question.reason


def test_no_training_settings_question_for_a_model_used_as_it_is():
    facts = facts_of(
        ("Methods", "We prompt open large language models (LLMs) zero-shot to build an ontology. Our LLMs "
                    "extract terms from the text."),
    )
    assert not any("training settings" in q.text for q in facts.questions)


# --- confidence ----------------------------------------------------------------------------

def test_every_fact_carries_a_confidence_and_the_firm_ones_are_confident():
    facts = facts_of(
        ("Abstract", "We propose a graph neural network regressor for QM9 energies."),
        ("Methods", "Our graph neural network is trained on the QM9 data set of 130,831 molecules, split "
                    "80/10/10 into training, validation and test sets. We use 5-fold cross-validation."),
    )
    for label in facts.learning_type + facts.tasks + facts.validation + facts.data.datasets:
        assert 0 < label.confidence <= 1
    assert "gnn" in {model.family for model in facts.confident_models("main")}
    assert facts.confident_values("tasks") == {"regression"}
    assert facts.data.confident_n_samples() == 130831
    assert facts.data.split_confidence >= CONFIDENT


def test_a_fact_said_mostly_outside_the_pipeline_is_less_confident():
    firm = facts_of(("Methods", "We use 10-fold cross-validation. The 10-fold cross-validation error is low."))
    weak = facts_of(
        ("Introduction", "Cross-validation is commonly used. Cross-validation has been widely applied."),
        ("Methods", "We use 10-fold cross-validation."),
    )
    (strong,) = [label for label in firm.validation if label.value == "k-fold-cv"]
    (soft,) = [label for label in weak.validation if label.value == "k-fold-cv"]
    assert strong.confidence > soft.confidence


def test_only_said_in_the_introduction_is_not_reported_at_all():
    facts = facts_of(
        ("Introduction", "Cross-validation and scaffold splits are common. We study molecules."),
        ("Methods", "We train a random forest on Morgan fingerprints."),
    )
    assert facts.validation == []


def test_the_quote_keeps_to_the_sentence_a_pdf_ran_together():
    text = ("We used data from the OQMD, which contains ∼300,000 compounds as calculated using DFT.²,³ We selected "
            "a subset of 228,676 compounds from OQMD that represents the lowest-energy compound.")
    start = text.index("228,676")
    assert quote(text, start, start + 7).startswith("We selected a subset")


def test_a_model_serving_as_the_scoring_function_is_a_component_and_gives_no_task():
    facts = facts_of(
        ("Abstract", "We propose a recurrent neural network (RNN) for de novo design that learns to generate "
                     "novel molecules with reinforcement learning."),
        ("Methods", "Our RNN is first trained on SMILES from ChEMBL and then tuned with reinforcement learning. "
                    "A support vector machine classifier of DRD2 activity was used as the scoring function."),
    )
    assert facts.main_families() == {"rnn"}
    assert _roles(facts).get("support vector machine") == "component"
    assert facts.values("tasks") == {"generation"}
    assert "reinforcement" in facts.values("learning_type")


def test_the_input_of_a_baseline_is_not_the_papers_input():
    facts = facts_of(
        ("Methods", "We propose a graph neural network that reads the molecular graph of each compound. "
                    "Our network passes messages along the molecular graph. A baseline multilayer perceptron "
                    "is trained on Morgan fingerprints. The baseline uses 2048-bit fingerprints."),
    )
    assert facts.values("representation") == {"graphs"}


def test_of_several_algorithms_tried_the_one_called_best_is_the_papers_model():
    facts = facts_of(
        ("Methods", "The algorithms used were a decision tree classifier, a random forest classifier, "
                    "gradient boosting and a support vector classifier. We trained them on 60,000 compounds."),
        ("Results", "The random forest classifier performed best, with 90% accuracy on the test set."),
    )
    assert facts.main_families() == {"tree-ensemble"}
    assert {"tree", "kernel"} <= facts.baseline_families()


def test_algorithms_tried_without_a_winner_stay_the_papers_models():
    facts = facts_of(
        ("Methods", "The algorithms used were a decision tree classifier, a random forest classifier, "
                    "gradient boosting and a support vector classifier. We trained them on 60,000 compounds."),
        ("Results", "All of them reach about 85% accuracy on the test set."),
    )
    assert {"tree", "tree-ensemble", "kernel"} <= facts.main_families()


def test_an_illustration_of_what_a_measure_may_be_gives_no_task():
    facts = facts_of(
        ("Methods", "We build a Gaussian process regression surrogate model of the measured intensity. "
                    "The surrogate model predicts the intensity at unmeasured points. "
                    "For instance, some experimental measures may essentially be binary classifications."),
    )
    assert facts.values("tasks") == {"regression"}


def test_the_ridges_of_an_error_surface_are_no_ridge_regression():
    facts = facts_of(
        ("Methods", "We use Kriging, a Gaussian process model, as the surrogate model. "
                    "The error function shows low-curvature ridges and plateaus between the data points."),
    )
    assert facts.main_families() == {"gaussian-process"}


def test_the_fingerprint_region_of_a_spectrum_is_no_fingerprint_input():
    facts = facts_of(
        ("Methods", "Our convolutional neural network takes the measured CARS spectrum as input. "
                    "Small peaks in the fingerprint region are retrieved. "
                    "The loss function was the mean squared error between the true target vector y and the "
                    "predicted one. The back propagation was performed using Adam44 with a batch size of 256."),
    )
    assert "fingerprints" not in facts.values("representation")
    # a network trained on a target vector is a supervised regression, even unnamed
    assert facts.values("learning_type") == {"supervised"}
    assert facts.values("tasks") == {"regression"}
    # a reference number set as a superscript comes out glued to the optimiser's name
    assert [item.value for item in facts.optimisation.optimiser] == ["Adam"]


def test_a_model_trained_on_simulations_and_tested_on_measured_spectra_has_an_external_test():
    facts = facts_of(
        ("Methods", "We train a convolutional neural network on 30 000 simulated spectra with Adam."),
        ("Results", "The model was tested on experimental spectra of five solvents. "
                    "The performances of the network were assessed on real measured data."),
    )
    assert "external-test" in facts.values("validation")


def test_a_task_said_in_passing_beside_the_one_the_paper_is_about_is_no_task():
    classification = " ".join(
        f"Our random forest classifier separates active from inactive compounds in data set {i}." for i in range(12))
    facts = facts_of(
        ("Methods", classification + " This is a binary classification of inhibitors."),
        ("Results", "The model accuracy was based on comparing the predicted values with the test labels."),
    )
    assert facts.values("tasks") == {"classification"}


def test_predicting_a_price_is_a_regression():
    facts = facts_of(
        ("Methods", "We train a graph neural network to predict the price of each molecule from its graph. "
                    "Our network predicts prices for six million purchasable compounds."),
    )
    assert facts.values("tasks") == {"regression"}


def test_a_part_the_model_includes_is_a_component_and_a_borrowed_idea_no_model():
    facts = facts_of(
        ("Methods", "We use MACE, a graph neural network potential which includes the atomic cluster expansion. "
                    "Our MACE model predicts energies. We extrapolate common CNN strategies to our graph network."),
    )
    assert facts.main_families() == {"gnn"}
    assert "cnn" not in facts.main_families() | facts.baseline_families()


def test_a_model_compared_with_inside_brackets_is_a_baseline():
    facts = facts_of(
        ("Methods", "We propose a graph convolutional network for target-ligand interactions. "
                    "We compared the performance of our network with a classical machine learning technique "
                    "(i.e., a random forest), and the current state-of-the-art approach."),
    )
    assert facts.main_families() == {"gnn"} and "tree-ensemble" in facts.baseline_families()


def test_leave_one_out_cross_validation_is_no_k_fold():
    facts = facts_of(
        ("Methods", "Features were selected to achieve practical cross validation performance. "
                    "To evaluate the prediction accuracy, we used the leave-one-out cross validation (LOOCV). "
                    "Fig. 3 shows the results of leave-one-out cross validation."),
    )
    assert facts.values("validation") == {"leave-one-out"}


def test_fingerprints_and_positions_measured_or_named_are_no_inputs():
    facts = facts_of(
        ("Methods", "Our support vector regression model takes elemental descriptors as input. "
                    "The descriptors are computed for each oxide. "
                    "The distances between molecules are computed over their Morgan fingerprints. "
                    "The fingerprint similarities between predicted and training ligands are low. "
                    "We also applied the Smooth Overlap of Atomic Positions kernel to compare the local structures. "
                    "The atomic configurations were relaxed until the forces were small. "
                    "Bemis-Murcko scaffolds were previously used to eliminate similar molecules."),
    )
    assert facts.values("representation") == {"descriptors"}
    assert "scaffold-split" not in facts.values("validation")


# --- round 4: from the fifth and sixth sealed sets' errors, after their measurement ---

def test_a_generative_model_generates_and_its_errors_make_no_regression():
    facts = facts_of(
        ("Abstract", "We introduce a generative framework for protein conformational ensembles."),
        ("Methods", "We train a flow matching model with a diffusion model backbone to sample conformations. "
                    "The flow matching model is trained on 500,000 structures."),
        ("Results", "The RMSE of the chemical shifts is 0.4 ppm. The RMSE of the radii is 2 Å. "
                    "The MAE of the contacts is 0.1. The RMSE falls with ensemble size."),
    )
    assert "generation" in facts.values("tasks")
    assert "regression" not in facts.values("tasks")


def test_a_curve_fitted_to_a_plot_is_no_regression_task():
    facts = facts_of(
        ("Methods", "We train a graph neural network classifier to classify proteins as ordered or disordered. "
                    "The classifier is trained on 5,000 proteins."),
        ("Results", "Figure 3 shows the accuracy versus disorder with LOWESS regression curves. "
                    "A linear regression line is drawn through the points. The regression curves are smooth."),
    )
    assert facts.values("tasks") == {"classification"}


def test_the_fingerprint_window_of_vibrational_imaging_is_no_fingerprint_input():
    facts = facts_of(
        ("Methods", "We record hyperspectral images in the C-H and fingerprint vibration windows. "
                    "The fingerprint spectra of four regions are shown. The fingerprint images at six peaks are stitched. "
                    "We train a linear regression model on the Raman spectra of each pixel."),
    )
    assert "fingerprints" not in facts.values("representation")


def test_a_task_only_weighed_in_the_discussion_is_not_the_papers():
    facts = facts_of(
        ("Methods", "We fit a lasso regression model to predict the concentration values of each pixel. "
                    "The regression model is fitted on 2,100 pixels."),
        ("Discussion", "Classification accuracy is of great importance in the clinic. "
                       "Decent classification accuracy can be obtained from morphology. "
                       "A classifier of lesions would be the next step."),
    )
    assert "classification" not in facts.values("tasks")
    assert "regression" in facts.values("tasks")


def test_a_validation_said_of_another_model_is_not_the_papers():
    facts = facts_of(
        ("Methods", "We train our model, ProtFlow, on 10,000 structures held out by 40% sequence identity clusters. "
                    "ProtFlow is a transformer. We compare ProtFlow with BioEmu."),
        ("Results", "BioEmu fine-tuned by leave-one-out cross-validation reaches a coverage of 0.8. "
                    "BioEmu was cross-validated on five folds in its original study."),
    )
    assert "k-fold-cv" not in facts.values("validation") and "leave-one-out" not in facts.values("validation")


def test_an_abbreviations_list_is_no_evidence():
    facts = facts_of(
        ("Methods", "We map five chemical components in each image by spectral unmixing."),
        ("Abbreviations", "MSE: mean square error; RMSE: root mean square error; MAE: mean absolute error; "
                          "ROC: receiver operating characteristic; AUC: area under the curve."),
    )
    assert facts.values("tasks") == set()


def test_embeddings_from_a_language_model_and_sequence_features_are_inputs():
    facts = facts_of(
        ("Methods", "Our model denoises structures conditioned on sequence features extracted by ESM2-650M. "
                    "As model input, we concatenate the last-layer embedding from ESM2-650M with one-hot encoded residues. "
                    "The model is trained on 500,000 protein chains."),
    )
    assert {"sequences", "embeddings"} <= facts.values("representation")


def test_the_lookahead_wrapper_and_the_lamb_optimiser_are_read():
    facts = facts_of(
        ("Methods", "Model weights are updated using the look-ahead and Lamb optimizer with a learning rate cycled "
                    "between 1 × 10 −4 and 6 × 10 −3 every 4 epochs."),
    )
    assert {"LAMB", "Lookahead"} <= facts.values("optimiser")


# --- from the seventh sealed set's errors, after its measurement ---

def test_a_taxonomy_is_no_classification_task():
    facts = facts_of(
        ("Methods", "We train a random forest model to predict the absorption maximum wavelength of dyes. "
                    "The tools used can be classified into general tools, molecular tools and reaction tools. "
                    "The reaction tool returns a classification code and the reaction name."),
    )
    assert "classification" not in facts.values("tasks")
    assert "regression" in facts.values("tasks")


def test_natures_unheaded_introduction_is_an_introduction():
    from analyser.facts.corpus import heading_kind

    assert heading_kind("Main") == "introduction"
    assert heading_kind("Main results") != "introduction"


# --- from the eighth sealed set's errors, after its measurement ---

def test_what_a_kind_of_input_has_been_used_for_is_no_task():
    facts = facts_of(
        ("Methods", "We train a message passing neural network to classify kinase inhibitors as active or inactive. "
                    "The classifier is trained on 4,000 molecules."),
        ("Results", "Reduced graphs have been mainly implemented in similarity searching, scaffold hopping and de novo "
                    "design [34, 36, 40]."),
    )
    assert "generation" not in facts.values("tasks")


def test_a_split_one_simulates_is_not_the_papers_split():
    facts = facts_of(
        ("Methods", "We split each data set randomly 8:1:1 and also by scaffold. "
                    "A scaffold split can simulate the scenario of a data set split by time periods in industry."),
    )
    assert "time-split" not in facts.values("validation")
    assert "scaffold-split" in facts.values("validation")


def test_the_inputs_of_the_approaches_a_paper_compares_itself_with_are_not_its_own():
    facts = facts_of(
        ("Abstract", "Compared with the traditional descriptor-based QSAR models, our graph neural network learns its "
                     "own representation from the molecular graph."),
        ("Methods", "The molecular graph of each molecule is the input of the model. Atoms are nodes and bonds are edges "
                    "of the molecular graph."),
    )
    assert "descriptors" not in facts.values("representation")
    assert "graphs" in facts.values("representation")


def test_bayesian_optimisation_of_hyperparameters_is_no_task():
    facts = facts_of(
        ("Methods", "We train a graph neural network classifier of substrates and non-substrates. "
                    "We used Bayesian optimization to obtain the best hyperparameters of the classifier. "
                    "The hyperparameters were searched by Bayesian optimization on the training data."),
    )
    assert "other" not in facts.values("tasks")


def test_bayesian_optimisation_inspired_by_the_bandit_problem_is_no_reinforcement_learning():
    facts = facts_of(
        ("Methods", "A Gaussian process regressor maps the synthesis conditions to the ionic conductivity. "
                    "Here, we adopt GP-UCB, an intuitive algorithm inspired by the multi-armed bandit problem, "
                    "to choose the next experiments. The surrogate model is trained on 80 measured samples."),
    )
    assert "reinforcement" not in facts.values("learning_type")


def test_samples_made_as_the_model_recommended_are_a_prospective_external_test():
    facts = facts_of(
        ("Methods", "A Gaussian process regressor maps the synthesis conditions to the ionic conductivity. "
                    "The surrogate model is trained on 80 measured samples."),
        ("Results", "In total, we have synthesized 22 new samples in 4 iterations following the model."),
    )
    assert "external-test" in facts.values("validation")
    # Samples made without the model's advice test nothing of it.
    plain = facts_of(("Methods", "A Gaussian process regressor is trained on 80 measured samples. "
                                 "We synthesized 22 new samples at random."))
    assert "external-test" not in plain.values("validation")


def test_the_trees_of_a_forest_are_its_members_not_a_model():
    facts = facts_of(
        ("Methods", "The search begins with fitting a random forest regressor to 56 labelled compositions. Random forests are a combination "
                    "of decision trees that individually make predictions. Bootstrapping uses about 66% of the data "
                    "in the construction of each decision tree."),
    )
    assert facts.main_families() == {"tree-ensemble"}


def test_the_compositions_a_model_is_fitted_to_are_its_data():
    # "Compositions" are counted for many reasons; fitted to, they are the data.
    facts = facts_of(
        ("Methods", "The random forest fitted to the 56 compositions with DFT-derived values is used to screen "
                    "70 new compositions."),
    )
    assert facts.data.n_samples == 56


def test_the_field_a_reference_method_or_a_score_compared_with_is_no_other_model():
    # "better than DFT", "the MAE of ML": neither is a model the paper compares against,
    # and a sentence naming them is still about the paper's own model.
    facts = facts_of(
        ("Methods", "The random forest predicts the entropy-forming ability (EFA) far faster than DFT. "
                    "Its MAE is lower than the EFA spread, and ML is cheaper than DFT."),
        ("Results", "As the first step in validating the ML model’s extrapolation into the new chemical space, "
                    "the EFA of the seven selected compositions were computed by DFT. The ML model was not refit."),
    )
    assert "external-test" in facts.values("validation")


def test_a_bare_fingerprint_beside_no_model_is_a_spectral_region_not_an_input():
    facts = facts_of(
        ("Methods", "A U-Net segments the stimulated Raman images into tissue classes."),
        ("Results", "Fingerprint SRS imaging of breast cancer tissue. Our fingerprint results showed a clear contrast. "
                    "Fingerprint SRS result at a representative spectral position."),
    )
    assert "fingerprints" not in facts.values("representation")


def test_what_the_model_determines_is_no_input():
    facts = facts_of(
        ("Methods", "The random forest regressor is trained on stoichiometric attributes of each composition. "
                    "These metrics also assist the ML model to determine what atomic environments are unfavorable."),
    )
    assert "3D coordinates" not in facts.values("representation")


def test_a_baseline_trained_with_a_package_is_a_baseline_and_a_split_as_used_by_others_is_theirs():
    facts = facts_of(
        ("Methods", "We propose ALIGNN, a graph neural network. The CFID baseline models are trained using the "
                    "LightGBM package. For the MP dataset we use a split of 60,000-5000-4239 as used by SchNet and "
                    "MEGNet. For QM9 we use a split of 110,000-10,000-10,829 as used by SchNet and MEGNet. "
                    "ALIGNN is trained on 60,000 crystals."),
    )
    roles = _roles(facts)
    assert roles.get("lightgbm") == "baseline"
    assert [model.name for model in facts.models if model.role == "main"] == ["ALIGNN"]


def test_phase_regions_clustered_then_a_regression_per_region_is_unsupervised_and_semi_supervised_too():
    # Methods in the passive voice ("is used"), no "we": the paradigms are still the paper's own.
    facts = facts_of(
        ("Methods", "The diffraction patterns of the measured samples are grouped into phase regions. "
                    "If the number of clusters drops below half of the starting number, the grouping stops. "
                    "Once the phase map is identified, the phase region labels are propagated to the unmeasured samples. "
                    "To exploit the data manifold, the semi-supervised learning technique of harmonic energy "
                    "minimization is used. "
                    "Each region's property is then predicted by Gaussian process regression on the composition."),
    )
    assert facts.values("learning_type") == {"supervised", "unsupervised", "semi-supervised"}
    assert {"clustering", "regression"} <= facts.values("tasks")


def test_a_model_trained_on_computed_properties_is_a_supervised_regression():
    # The paper never says "regression" nor "predicts the modulus": its model,
    # used inside a search, is fitted to calculated values.
    facts = facts_of(
        ("Methods", "The ML model is based on gradient boosted decision trees, and is trained on elastic "
                    "properties calculated using AEL. Its shear moduli enter the fitness of the search."),
    )
    assert facts.values("learning_type") == {"supervised"}
    assert facts.values("tasks") == {"regression"}


def test_trained_on_the_structures_of_materials_gives_no_task():
    facts = facts_of(
        ("Methods", "The generator is trained on the properties of molecules from ZINC and samples new ones."),
    )
    assert "regression" not in facts.values("tasks")


def test_the_papers_own_model_trained_without_its_addition_is_an_unnamed_baseline():
    facts = facts_of(
        ("Methods", "We propose to pre-train graph neural networks with self-supervised tasks. "
                    "First, we trained two GNN models with supervised learning only (referred to as baseline training). "
                    "The baseline models are trained with the same fine-tuning data sets."),
        ("Results", "Our pre-trained GNN lowers the RMSE by 28% compared with the baseline models."),
    )
    baselines = [model for model in facts.models if model.role == "baseline"]
    assert [model.family for model in baselines] == ["gnn"]
    assert all("baseline" in evidence.quote for evidence in baselines[0].evidence)
    assert facts.main_families() == {"gnn"}


def test_a_spectrums_baseline_is_no_baseline_model():
    facts = facts_of(
        ("Methods", "We train a long short-term memory network to retrieve the phase of CARS spectra. "
                    "The background remains in the real part and is removed afterwards with a baseline correction. "
                    "The baseline drift is small and the baseline correction is standard."),
    )
    assert not [model for model in facts.models if model.role == "baseline"]


def test_the_agent_of_a_passive_comparison_won_it():
    facts = facts_of(
        ("Methods", "These methods included a Graph Transformer and an LSTM-based encoder-decoder model. "
                    "The two LSTM-based models share similarities as will be outlined here. "
                    "Each model is trained with Adam on 1.7 million molecules."),
        ("Results", "Although the SMILES-based models improved after fine-tuning, they were still outperformed by "
                    "the Graph Transformer. The Graph Transformer reached 100% validity."),
    )
    roles = _roles(facts)
    assert roles.get("graph transformer") == "main"
    assert facts.main_families() == {"transformer"}


def test_a_model_that_gives_the_score_the_pipeline_optimises_is_a_component():
    facts = facts_of(
        ("Methods", "We train a graph transformer to generate molecules with reinforcement learning. "
                    "In this work, two objectives were considered: the QED score and an affinity score "
                    "which was implemented by a random forest regression model with Scikit-Learn."),
    )
    assert _roles(facts).get("random forest") == "component"


def test_a_model_employed_to_generate_molecules_generates():
    facts = facts_of(
        ("Methods", "Here, a Transformer model was employed to generate molecular structures from scaffolds. "
                    "It is fine-tuned on ligands of the adenosine receptors. "
                    "The chemical space was represented by tSNE on ECFP6 fingerprints. "
                    "It was shown previously that this enables the creation of a balanced classifier."),
    )
    assert "generation" in facts.values("tasks")
    assert not {"dimensionality-reduction", "classification"} & facts.values("tasks")


def test_a_network_that_generates_representations_is_no_generator():
    facts = facts_of(
        ("Methods", "Each molecular graph is learned by the graph convolutional network to generate drug "
                    "informative representation, and a classifier predicts the interaction type."),
    )
    assert "generation" not in facts.values("tasks")


def test_a_rounded_count_the_paper_says_of_its_own_data_is_a_data_set():
    facts = facts_of(
        ("Methods", "From SuperCon, we have extracted a list of ~16,400 compounds, of which 4000 have no Tc reported. "
                    "We used data from the OQMD, which contains the properties of ~300,000 crystalline compounds. "
                    "A random forest is trained on the compounds to predict the critical temperature."),
    )
    sizes = {item.size for item in facts.data.sets if item.size}
    assert 16400 in sizes and 300000 not in sizes


def test_a_paradigm_of_a_baseline_described_in_the_methods_is_not_the_papers():
    facts = facts_of(
        ("Methods", "We train PharmNet, a graph transformer, to predict the solubility of each molecule. "
                    "The MGSSL baseline designed a motif-based graph self-supervised learning scheme. "
                    "The GROVER baseline learns with self-supervised message passing on ten million molecules. "
                    "PharmNet is compared with MGSSL and GROVER on the same splits."),
    )
    assert "self-supervised" not in facts.values("learning_type")


def test_inputs_of_off_the_shelf_methods_the_paper_sets_itself_against_are_not_its_inputs():
    facts = facts_of(
        ("Methods", "Off-the-shelf Bayesian optimisation methods feed the synthesis parameters to a surrogate model. "
                    "Recent use of active learning trains models on the process parameters alone. "
                    "The Gaussian process surrogate model is trained on the measured compositions."),
    )
    assert "process parameters" not in facts.values("representation")


def test_a_one_nearest_neighbour_comparison_is_a_baseline_but_a_nearest_neighbour_distance_is_no_model():
    facts = facts_of(
        ("Methods", "We fit a Gaussian process to the measured band gaps. "
                    "The label propagation of our method is compared to the use of 1-nearest neighbor, where any "
                    "unlabelled material takes the label of its nearest measured one. "
                    "The nearest neighbour distance of each crystal is computed from its structure."),
    )
    assert _roles(facts).get("1-nearest neighbor") == "baseline"
    assert {model.family for model in facts.models} == {"gaussian-process", "nearest-neighbours"}


def test_the_input_parameters_an_autonomous_experiment_varies_are_its_models_inputs():
    facts = facts_of(
        ("Results", "We apply the self-driving lab to the optimisation of an enzyme assay whose yield depends on many "
                    "input parameters, which a Gaussian process surrogate model maps to the measured signal. "
                    "Our algorithm explores the four-dimensional parameter space, and the model predicts the signal "
                    "of each untested point."),
    )
    assert "process parameters" in facts.values("representation")


def test_interatomic_distances_fed_to_a_potential_are_3d_coordinates():
    facts = facts_of(
        ("Methods", "The interatomic distances within the cutoff are expanded in Bessel functions and fed into our "
                    "neural network. The network predicts the energy of each structure from these interatomic distances."),
    )
    assert "3D coordinates" in facts.values("representation")


def test_the_trees_of_a_boosted_ensemble_are_its_members_not_a_second_main_model():
    facts = facts_of(
        ("Methods", "Our models are constructed using the gradient boosting decision tree (GBDT) technique. "
                    "The GBDT method evolved from the application of boosting methods to regression trees. "
                    "We fit the weak learners (decision trees in this case) one after the other on the residuals. "
                    "Interpretability is a strong advantage of decision tree methods, particularly with our GBDT approach."),
    )
    assert {model.family for model in facts.models if model.role == "main"} == {"tree-ensemble"}
    assert "tree" in {model.family for model in facts.models if model.role == "component"}
