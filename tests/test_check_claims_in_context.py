"""A claim is wrong only when the article says otherwise, read in context.

A model the article uses in several sentences (a scoring model beside its
generator) is part of its work even where its facts list only the main model;
a task word whose stem the article uses ("classifier") is its work too; a
setting printed beside the setting's word, in a form the kinds do not read,
or the sum of two of the article's values ("3 + 2 layers"), is no
contradiction; a score of a metric the article reports, in no unit or rounding
it prints, is invented (a student's own average or bound is not). One crafted article and passage each.
"""

from __future__ import annotations

import pytest

from analyser.checking import check
from analyser.checking.quantities import ArticleQuantities, quantities
from analyser.checking.terms import fold

HEAD = "Name: Ada Lovelace\n\nArticle: https://doi.org/10.1000/xyz123\n\n"

PAPER = (
    "# Designing inhibitors with a recurrent generator\n\n"
    "We propose a recurrent neural network, a generative model that generates SMILES strings of new molecules. "
    "We address de novo molecular generation: our model generates molecules with a high predicted activity. "
    "The generator has 3 hidden layers and 2 convolutional layers, and is trained for 50 epochs. "
    "Molecules are scored for activity; the support vector machine scores are shown in Fig. 2. "
    "The support vector machine scores rise during training. "
    "The support vector machine agrees with the docking scores. "
    "The activity classifier reaches a test RMSE of 0.58 on the held-out compounds. "
    "For the random forest baseline, at max_depth (the depth of each tree) 12 the gap was 4.9%.\n"
)


@pytest.fixture()
def claims_against(tmp_path, rules_rubric):
    """The claims an analysis body makes about a paper's text: label -> verdict, in report order."""
    def claims(paper_text: str, body: str) -> dict[str, str]:
        paper = tmp_path / "paper.md"
        paper.write_text(paper_text, encoding="utf-8")
        path = tmp_path / "analysis.md"
        path.write_text(HEAD + body, encoding="utf-8")
        report = check(path, paper=paper, offline=True, rubric=rules_rubric)
        return {claim.claim.split(":", 1)[0]: claim.verdict for claim in report.consistency}
    return claims


@pytest.fixture()
def contradicted(claims_against):
    return lambda body: [label for label, verdict in claims_against(PAPER, body).items() if verdict == "contradicted"]


def test_a_model_the_article_uses_beside_its_own_is_no_contradiction(contradicted):
    assert contradicted("## Model\n\nThe activity model is a support vector machine on ECFP6 fingerprints.\n") == []
    # A family the article never uses still is.
    assert contradicted("## Model\n\nThe generator is a transformer that reads whole SMILES strings.\n") == ["transformer"]


def test_a_setting_printed_beside_its_word_or_summed_is_no_contradiction(contradicted):
    assert contradicted("## Model\n\nThe generator has five layers in all (3 hidden and 2 convolutional).\n") == []
    assert contradicted("## Over/underfitting\n\nFor the forest baseline, a depth of 12 layers of splits keeps the gap under 5%.\n") == []
    assert contradicted("## Model\n\nThe generator has 8 layers.\n") == ["8 layers"]


def test_a_score_the_article_never_prints_is_invented(contradicted):
    assert contradicted("## Over/underfitting\n\nThe classifier reaches a test RMSE of 0.58, which is convincing.\n") == []
    assert contradicted("## Over/underfitting\n\nOn the training set the RMSE is 0.12, far below the test error.\n") == ["0.12"]
    # Rounded, averaged by the student, or a bound: not a value read from the article.
    assert contradicted("## Over/underfitting\n\nA test RMSE of 0.6 is convincing.\n") == []
    assert contradicted("## Over/underfitting\n\nOver my three runs the average RMSE is 0.31.\n") == []
    assert contradicted("## Over/underfitting\n\nI would want an RMSE of 0.3 or less before screening.\n") == []


def test_a_task_word_whose_stem_the_article_uses_is_no_contradiction(contradicted):
    assert "classification" not in contradicted(
        "## ML problem\n\nThe task of the activity model is a classification of actives and inactives.\n")


def test_a_setting_is_the_articles_only_where_it_speaks_of_that_setting():
    article = ArticleQuantities([("We keep 10 atoms around each centre.", 1), ("Each tree has a depth of twelve.", 2),
                                 ("The data were split into 5 folds.", 3)])
    ten_folds = next(q for q in quantities(fold("a 10-fold cross-validation")) if q.kind == "folds")
    five_folds = next(q for q in quantities(fold("a 5-fold cross-validation")) if q.kind == "folds")
    assert article.prints(10) and not article.near_kind(ten_folds)
    assert article.near_kind(five_folds)


def test_a_count_of_one_kind_of_layers_is_held_only_against_that_kind(contradicted):
    # The article gives 3 hidden and 2 convolutional layers: a count of the fully
    # connected part says nothing against them, in English or in French.
    assert contradicted("## Model\n\nThe generator ends with 7 fully connected layers.\n") == []
    assert contradicted("## Modèle\n\nLe générateur se termine par sept couches où tout est relié à tout.\n") == []
    assert contradicted("## Model\n\nThe generator has 7 convolutional layers.\n") == ["7 convolutional layers"]
    assert contradicted("## Model\n\nThe generator has 9 hidden layers.\n") == ["9 hidden layers"]


SIZED_PAPER = (
    "# Phase retrieval with a recurrent network\n\n"
    "We train a recurrent neural network on 4000 simulated spectra. "
    "The data were split into training and test sets, and the training set was split again for validation. "
    "The model is tested on two experimental spectra.\n"
)


@pytest.fixture()
def claims_on_sized_paper(claims_against):
    return lambda body: claims_against(SIZED_PAPER, body)


def test_the_students_arithmetic_on_a_stated_size_is_no_invented_size(claims_on_sized_paper):
    verdicts = claims_on_sized_paper(
        "## ML problem\n\nThe 4000 spectra are split 2/3 for training and 1/3 for testing, with 20 % of the "
        "training part for validation, that is 2133 spectra for training, 533 spectra for validation and 1333 "
        "spectra for testing.\n")
    assert verdicts.get("4000 spectra") == "agrees"
    assert all(verdict == "agrees" for label, verdict in verdicts.items() if label.startswith(("2133", "533", "1333")))
    # A size that is no share of any stated one is still reported as never given.
    assert claims_on_sized_paper("## ML problem\n\nThe network is trained on 9000 spectra.\n").get("9000 spectra") == "unsupported"


def test_only_the_section_citing_the_code_is_excused(contradicted):
    cites = "## Training\n\nThe settings come from the code on GitHub.\n\n"
    assert contradicted("## Model\n\nThe generator is a transformer that reads whole SMILES strings. "
                        "It is fast. The settings come from the code on GitHub.\n") == []
    assert contradicted("## Model\n\nThe generator is a transformer that reads whole SMILES strings.\n\n" + cites) == ["transformer"]
    # The article's own appendix ("annexe") is the article, no other source.
    assert contradicted("## Modèle\n\nLe générateur est un transformer qui lit les SMILES, d'après l'annexe.\n") == ["transformer"]


def test_a_librarys_defaults_are_another_source(claims_against):
    said = "## Model\n\nThe toolkit's defaults are two convolution layers of 64 units and batch normalisation.\n"
    verdicts = claims_against(PAPER, said)
    assert verdicts.get("64 units") == "elsewhere" and verdicts.get("batch normalisation") == "elsewhere"
    assert claims_against(PAPER, "## Training\n\nThe toolkit's default optimiser is Adam.\n").get("Adam") == "elsewhere"
    assert claims_against(PAPER, "## Model\n\nThe generator has two layers of 64 units.\n").get("64 units") != "elsewhere"
    assert claims_against(PAPER, "## Training\n\nThe generator is trained with Adam.\n").get("Adam") == "unsupported"


DENSE = (
    "# Raman signals from CARS spectra\n\n"
    "The LSTM has 30 units in each of its three layers. "
    "The CNN has five convolutional layers and three FCLs of (32,16,640) dimensions, all followed by ReLU.\n"
)


def test_widths_printed_in_a_sentence_on_dense_layers_are_its_neurons(claims_against):
    assert claims_against(DENSE, "## Model\n\nThe CNN ends with a dense layer of 16 neurons.\n").get("16 neurons") != "contradicted"
    assert claims_against(DENSE, "## Model\n\nThe CNN ends with a dense layer of 24 neurons.\n").get("24 neurons") == "contradicted"


def test_a_citation_excuses_only_what_stands_near_it(contradicted):
    # A PDF reader may join a page's paragraphs: the supplement cited for the data
    # does not excuse a model invented further down the same block.
    opening = "This analysis looks at a recurrent generator of inhibitors. I found the paper clear. Its validation worries me.\n\n"
    cites = "The molecules are listed in the supplementary tables."
    filler = ("The training molecules come from a public database. Each molecule is written as a SMILES string. "
              "The target is the measured activity. Inactive molecules are kept as well. "
              "The activities were measured in several laboratories. This mix of sources adds noise.")
    claim = "The generator is a transformer that reads SMILES."
    assert contradicted(f"{opening}{cites} {filler} {claim}\n") == ["transformer"]
    assert contradicted(f"{opening}{cites} {claim} {filler}\n") == []


def test_a_guess_where_the_paper_is_silent_is_no_claim(claims_on_sized_paper):
    verdicts = claims_on_sized_paper(
        "## Training\n\nThe paper does not state the optimiser; presumably Adam with a mean squared error.\n")
    assert "Adam" not in verdicts
    assert claims_on_sized_paper("## Training\n\nThe network is trained with Adam.\n").get("Adam") == "unsupported"


RANDOM_FOREST = (
    "# Translation efficiency from sequence features\n\n"
    "We train a random forest regressor on 14,200 transcripts. The random forest uses 500 trees. "
    "Random forest models were validated by 5-fold cross-validation. "
    "Features with p < 0.05 in a t-test were kept, and 6 groups of features were compared.\n"
)


def test_a_hyphenated_model_name_is_read_as_written(claims_against):
    found = claims_against(RANDOM_FOREST, "## Model\n\nThe model is a gradient-boosted decision tree ensemble.\n")
    assert found.get("gradient boosting") == "contradicted"


def test_a_learning_rate_is_not_any_number_a_paper_without_one_prints(claims_against):
    found = claims_against(RANDOM_FOREST, "## Training\n\nThe trees are fitted with a learning rate of 0.05.\n")
    assert found.get("0.05") == "unsupported"
    # Where the paper gives a learning rate, its value agrees.
    with_rate = RANDOM_FOREST + "\nThe boosting baseline uses a learning rate of 0.05.\n"
    assert claims_against(with_rate, "## Training\n\nThe trees are fitted with a learning rate of 0.05.\n").get("0.05") == "agrees"


def test_k_counts_folds_only_beside_cross_validation():
    assert [q.kind for q in quantities(fold("message passing (K = 2 to 5 steps)"))] == ["", ""]
    assert [q.kind for q in quantities(fold("a cross-validation with k = 5"))] == ["folds"]


@pytest.mark.parametrize("text", ["a corpus of 35 SAC papers", "1,200 Wikipedia abstracts", "4 000 articles", "612 patients"])
def test_counts_of_documents_pairs_and_patients_are_data_sizes(text):
    assert [q.kind for q in quantities(fold(text))] == ["data"]


def test_a_score_rounded_to_three_digits_is_the_articles():
    article = ArticleQuantities([("Table 3. RR: MAE 1.8019, MSE 5.0720, R2 0.3205.", 1)])
    assert not article.invents(next(q for q in quantities(fold("ridge has an MSE of 5.07")) if q.kind.startswith("metric")))
    assert article.invents(next(q for q in quantities(fold("ridge has an MSE of 5.31")) if q.kind.startswith("metric")))


def test_a_decimal_is_no_count():
    # A licence line ("CC BY 4.0 Crystals") states no data size.
    assert [q.kind for q in quantities(fold("Open access, CC BY 4.0 Crystals 2021"))] == [""]
    assert [q.kind for q in quantities(fold("43k molecules"))] == ["data"]


def test_a_rounded_score_agrees_with_the_article(claims_against):
    # A table row: the values stand apart from the metric's name.
    article = ("## Results\n\nThe MSE of the forest on the stability is 0.0895.\n\n"
               "Table 2. Volume per atom.\n\nRR 1.8019 5.0720 0.3205\n")
    found = claims_against(article, "## Overfitting\n\nRidge underfits the volume: MSE 5.07 and R2 0.32.\n")
    assert found.get("5.07") == "agrees"


POTENTIAL = (
    "# A dropout neural network potential for graphene\n\n"
    "We propose DUNN, a neural network interatomic potential trained with dropout. "
    "Each atomic energy is the output of the network, which has two hidden layers of 20 units. "
    "The network is trained on DFT energies and forces of 2,000 configurations. "
    "For comparison, we fit an ElasticNet linear model on the same descriptors.\n"
)
MESSAGES = (
    "# Ligand binding with a message passing neural network\n\n"
    "We propose LigNet, a message passing neural network (MPNN) that predicts binding affinity from the molecular graph. "
    "LigNet has four message passing layers and is trained on 5,000 complexes.\n"
)


def test_a_familys_own_name_is_right_in_other_words(claims_against):
    # The article says "neural network": a fully connected network is one; the
    # ElasticNet it compares with is a linear regression.
    found = claims_against(POTENTIAL, "## Model\n\nThe potential is a fully connected network with two hidden layers. "
                                      "The ElasticNet baseline is a linear regression with two penalties.\n")
    assert found.get("multilayer perceptron") == "agrees" and found.get("linear regression") == "agrees"
    # A named method of another family still must be the article's own.
    assert claims_against(POTENTIAL, "## Model\n\nThe potential is an XGBoost model.\n").get("gradient boosting") == "contradicted"


def test_a_part_inside_the_articles_own_model_is_no_contradiction(claims_against):
    part = "## Model\n\nIn each message passing layer, the messages are combined by a small multilayer perceptron.\n"
    assert claims_against(MESSAGES, part).get("multilayer perceptron") != "contradicted"
    # The head of a deep model, named without the model: what is passed through it is inside.
    for head in ("Only the latent vectors are pooled and passed through a linear MLP.", "The readout is a small MLP."):
        assert claims_against(MESSAGES, f"## Model\n\n{head}\n").get("multilayer perceptron") != "contradicted"
    whole = "## Model\n\nLigNet is a multilayer perceptron on Morgan fingerprints.\n"
    assert claims_against(MESSAGES, whole).get("multilayer perceptron") == "contradicted"


def test_what_the_articles_model_is_must_be_a_family_it_uses(claims_against):
    # Beside the article's model, a family it names in passing is no part of it
    # when the student says the model *is* one ...
    passing = MESSAGES + "Transformers have been used for docking before.\n"
    said = "## Model\n\nLigNet, the message passing network, is in fact a transformer that reads the SMILES string.\n"
    assert claims_against(passing, said).get("transformer") == "contradicted"
    french = "## Modèle\n\nLe modèle LigNet est en fait un transformer qui lit la chaîne SMILES.\n"
    assert claims_against(passing, french).get("transformer") == "contradicted"
    # ... while a part of the model, named beside it, still is no contradiction.
    part = "## Model\n\nIn each message passing layer, the messages are weighted by a transformer attention block.\n"
    assert claims_against(passing, part).get("transformer") != "contradicted"
    # A bracket inside a word ("SE(3)-equivariant") does not cut the claim from its verb.
    bracket = "## Model\n\nDUNN is built as an SE(3)-equivariant graph neural network.\n"
    assert claims_against(POTENTIAL, bracket).get("graph neural network") == "contradicted"


def test_what_the_articles_model_is_cannot_be_one_of_its_parts(claims_against):
    # The article's GNN updates its atoms with GRU cells, a recurrent part: the model
    # said to *be* a recurrent network is wrong, "it" standing for the model named before.
    gru = MESSAGES + ("Each message passing step updates the atom states with a gated recurrent unit (GRU). "
                      "The GRU cells keep a memory of earlier steps. The GRU weights are shared across steps.\n")
    said = "## Model\n\nLigNet is not really a graph model: it is a recurrent network with GRU cells that reads SMILES.\n"
    assert claims_against(gru, said).get("recurrent network") == "contradicted"
    # The part said as a part stays right.
    part = "## Model\n\nLigNet passes messages along the bonds and updates each atom with a recurrent unit (GRU).\n"
    assert claims_against(gru, part).get("recurrent network") != "contradicted"


def test_a_share_of_a_stated_size_agrees_only_beside_a_split():
    article = ArticleQuantities([("We created a dataset of 50 questions on single-atom catalysis.", 1)])
    corpus = next(q for q in quantities(fold("they use a corpus of 35 SAC papers")) if q.kind == "data")
    assert article.agrees(corpus, fold("they use a corpus of 35 SAC papers")) is None
    training = next(q for q in quantities(fold("35 papers are kept for training")) if q.kind == "data")
    assert article.agrees(training, fold("35 papers are kept for training")) is not None


def test_a_wrong_score_is_held_where_it_stands(tmp_path, rules_rubric):
    paper = tmp_path / "paper.md"
    paper.write_text(PAPER, encoding="utf-8")

    def criterion_of(body: str, label: str) -> str | None:
        path = tmp_path / "analysis.md"
        path.write_text(HEAD + body, encoding="utf-8")
        report = check(path, paper=paper, offline=True, rubric=rules_rubric)
        return next(claim.criterion for claim in report.consistency if claim.claim.startswith(label + ":"))

    # Under the model, a score the article never gives is a wrong account of the model...
    assert criterion_of("## Model\n\nThe classifier reaches a test RMSE of 0.12, the best of all.\n", "0.12") == "model"
    # ...and in the discussion of overfitting, of that.
    assert criterion_of("## Over/underfitting\n\nThe classifier reaches a test RMSE of 0.12.\n", "0.12") == "overfitting"
    # A score on the training data is the evidence of over- and underfitting wherever it stands.
    assert criterion_of("## Training\n\nOn the training set the classifier reaches an RMSE of 0.12.\n", "0.12") == "overfitting"
    assert criterion_of("## Entraînement\n\nSur le jeu d'entraînement, le classifieur atteint une RMSE de 0,12.\n", "0,12") == "overfitting"


def test_a_size_in_millions_counts_what_it_says():
    # "2.3 million compounds" is a data size of 2,300,000, not a bare 2.3 anywhere in the article.
    sizes = [(q.kind, q.value) for q in quantities(fold("The authors used 2.3 million purchasable compounds, "
                                                        "and later 1,5 million de molécules."))]
    assert sizes == [("data", 2_300_000), ("data", 1_500_000)]
    assert [q.value for q in quantities(fold("The pre-training set has 1.5 million SMILES."))] == [1_500_000]


def test_an_invented_size_in_millions_is_no_number_of_the_article(claims_against):
    article = "## Data\n\nThe model was trained on more than 6 million in-stock compounds from the catalogue, 2.3 times more than before.\n"
    found = claims_against(article, "## Framing\n\nThe training data are 2.3 million purchasable compounds.\n")
    assert found.get("2.3 million purchasable compounds") == "unsupported"


def test_a_learning_type_across_a_contested_border_is_no_contradiction(claims_against):
    article = ("# Solubility from graphs\n\n## Methods\n\nWe train a graph neural network in a supervised manner on 5,000 "
               "labelled molecules to predict their aqueous solubility, a regression task. The labels are measured "
               "solubilities. We use the mean squared error as the loss.\n")
    # Self-supervised learning is supervised on labels made from the data: a contested border.
    found = claims_against(article, "## Framing\n\nThe learning problem is closest to self-supervised learning.\n")
    assert found.get("self-supervised") != "contradicted"
    # Unsupervised is not: the paper learns from measured labels.
    found = claims_against(article, "## Framing\n\nThe learning problem is unsupervised: the molecules carry no labels.\n")
    assert found.get("unsupervised") == "contradicted"
    # Learning a distribution is called unsupervised as often as supervised.
    generative = ("# Ensembles from sequences\n\n## Methods\n\nWe train a conditional generative model in a supervised manner "
                  "on 10,000 protein structures to generate conformations from a sequence. The model generates new "
                  "structures by flow matching.\n")
    found = claims_against(generative, "## Framing\n\nThe learning problem is unsupervised: it learns a distribution.\n")
    assert found.get("unsupervised") != "contradicted"


def test_a_negation_in_a_consequence_clause_does_not_excuse_the_claim_before_it(claims_against):
    # "..., so there is no overfitting": the learning curve is still asserted.
    article = "## Results\n\nThe forest reaches an MAE of 3.8 on the 56 compositions.\n"
    found = claims_against(article, "## Overfitting\n\nThe learning curve shows the validation error meeting the training "
                                    "error, so there is no overfitting.\n")
    assert found.get("learning curve") == "unsupported"
    found = claims_against(article, "## Overfitting\n\nLa courbe d'apprentissage montre que les erreurs se rejoignent, "
                                    "donc il n'y a pas de surapprentissage.\n")
    assert found.get("learning curve") == "unsupported"


def test_unsupervised_is_no_wrong_claim_about_an_article_that_clusters(claims_against):
    # The facts may miss a paradigm; the article's own words that it clusters are enough.
    article = ("# Band gaps by active learning\n\n## Methods\n\nWe train a Gaussian process regression model in a "
               "supervised manner on 177 labelled samples to predict their band gap. The phase regions of the "
               "samples are found by clustering their diffraction patterns before each regression.\n")
    found = claims_against(article, "## Framing\n\nPhase mapping is an unsupervised problem: no phase is labelled.\n")
    assert found.get("unsupervised") != "contradicted"


def test_nothing_said_of_a_method_and_stochastic_gradient_boosting_are_no_claims_of_sgd_or_early_stopping(claims_against):
    found = claims_against(PAPER, "## Training\n\nThe paper gives no values at all: not the grid, not the learning rate "
                                  "(shrinkage), the tree depth or the subsampling fraction, and nothing about early stopping. "
                                  "Each weak learner sees a subset of the examples, which is stochastic gradient boosting.\n")
    assert "early stopping" not in found
    assert "stochastic gradient descent" not in found
    # Stochastic gradient descent itself still is one.
    assert claims_against(PAPER, "## Training\n\nThe generator is trained by stochastic gradient descent.\n").get(
        "stochastic gradient descent") == "unsupported"
