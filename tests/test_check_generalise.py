"""General rules that make the scorer hold on analyses it was not written on.

Each rule is the rubric's wording turned into a feature of any text (not of
one file): what is missing is not explained; the data's specifics make the
framing explicit; named earlier work is a specific; a wrong model family is
wrong; a summary is not analysed; an abbreviation the student defines
mentions what it abbreviates. One crafted passage each, English and French.
"""

from __future__ import annotations

import pytest

from analyser.checking import check
from analyser.checking.criteria import defined_aliases
from analyser.checking.segment import Unit
from analyser.checking.terms import fold, own_names, paper_names, without_absent_clauses
from analyser.rubric import load_rubric, problems_in

HEAD = "Name: Ada Lovelace\n\nArticle: https://doi.org/10.1000/xyz123\n\n"

PAPER = (
    "# Solubility with graph networks\n\n"
    "We propose a message passing neural network that predicts aqueous solubility from the molecular graph of each compound. "
    "Each atom is described by a vector of twelve features including its element, its formal charge and its hybridisation state. "
    "The network applies three rounds of message passing followed by a sum readout and a linear output layer. "
    "We train the model with the mean squared error loss and the Adam optimiser for 200 epochs on 1128 molecules. "
    "A Gaussian process baseline with a Tanimoto kernel reaches a test error of 0.71 on the same split.\n"
)


# These passages test the rubric's rules and the spec's holds, as a rubric without
# calibration applies them; the calibrated model is measured on labelled analyses.
_RULES = None


@pytest.fixture(autouse=True)
def _rules(rules_rubric):
    global _RULES
    _RULES = rules_rubric


def _check(tmp_path, body: str, name: str = "analysis.md", paper: str | None = None):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    paper_path = None
    if paper is not None:
        paper_path = tmp_path / "paper.md"
        paper_path.write_text(paper, encoding="utf-8")
    return check(path, paper=paper_path, offline=True, rubric=_RULES)


# -- what the paper does not give is not explained ---------------------------------

def test_a_clause_saying_something_is_not_given_is_set_aside():
    assert without_absent_clauses(fold("No loss, optimiser or learning rate is given in the main text.")) == ""
    kept = without_absent_clauses(fold("The model minimises the MSE with Adam; the learning rate is not reported."))
    assert "adam" in kept and "learning rate" not in kept
    assert without_absent_clauses(fold("L'article ne précise pas la perte, mais l'optimiseur est Adam.")).strip() == "l'optimiseur est adam."
    # negative facts about the data are not "not given" statements
    assert without_absent_clauses(fold("There is no held-out test set.")) == fold("There is no held-out test set.")
    assert without_absent_clauses(fold("Some inputs have missing values.")) == fold("Some inputs have missing values.")


def test_training_the_paper_does_not_describe_is_not_explained(tmp_path):
    absent = "## Training\n\nOn training the paper says little: no loss, optimiser, learning rate or number of epochs is given.\n"
    present = "## Training\n\nThe network is trained by minimising the mean squared error with the Adam optimiser; the learning rate is not reported.\n"
    assert _check(tmp_path, absent, "absent.md").score("optimisation") == 1
    assert _check(tmp_path, present, "present.md").score("optimisation") == 2


# -- framing: the data's specifics make the learning type implicit -----------------

def test_framing_explained_by_task_with_inputs_targets_and_sizes(tmp_path):
    specific = (
        "## Experiments\n\nThe benchmarks are classification and regression tasks. "
        "For regression the targets are the measured solubilities of 1,128 molecules and the inputs are their graphs.\n"
    )
    scattered = (
        "## Experiments\n\nThe benchmarks are classification and regression tasks, with the measured solubility as target.\n\n"
        "The rest of the article is about the chemistry of the compounds and the biology of the assays.\n\n"
        "Elsewhere, the authors also measured 250 stabilised compounds in a separate experiment.\n"
    )
    assert _check(tmp_path, specific, "specific.md").score("framing") == 2
    assert _check(tmp_path, scattered, "scattered.md").score("framing") == 1


# -- context: earlier methods named with specifics ---------------------------------

def test_names_are_specifics_but_not_the_articles_own_subject():
    assert paper_names("Earlier EDDP potentials and NequIP used converged DFT data.") >= {"eddp", "nequip"}
    assert paper_names("ML is useful; the model is a GNN.") == {"gnn"}  # "ML" is generic
    article = "PharmHGT " * 20 + "is compared with GROVER and FraGAT."
    own = own_names(article)
    assert "pharmhgt" in own and "grover" not in own
    assert paper_names("Before PharmHGT, GROVER already existed.", own) == {"grover"}


def test_context_situated_by_named_earlier_methods(tmp_path):
    context = (
        "## Context\n\nThe question is how converged the reference DFT data must be. "
        "Computing them costs hours per configuration, so a machine-learned potential is much cheaper. "
        "Earlier EDDP potentials already used moderately converged data for structure search. "
        "The paper claims to be the first systematic study of this trade-off.\n"
    )
    unnamed = context.replace("Earlier EDDP potentials already", "Earlier potentials already")
    assert _check(tmp_path, context, "named.md").score("context") == 3
    assert _check(tmp_path, unnamed, "unnamed.md").score("context") == 2


# -- model: a wrong model family is wrong ------------------------------------------

def test_a_model_family_the_article_never_names_holds_the_model_at_1(tmp_path):
    wrong = (
        "## Model\n\nThe model is a recurrent network (an LSTM) that reads the molecule atom by atom over several layers; "
        "each atom is represented by a feature vector of its element and charge.\n"
    )
    right = wrong.replace("a recurrent network (an LSTM) that reads the molecule atom by atom", "a message passing network that sums atom states")
    wrong_report = _check(tmp_path, wrong, "wrong.md", paper=PAPER)
    assert any(not c.supported and c.claim.startswith("recurrent network") for c in wrong_report.consistency)
    assert wrong_report.score("model") == 1
    feedback = next(c.feedback for c in wrong_report.criteria if c.id == "model")
    # The article's own words say which model it is.
    assert "the article says otherwise" in feedback and "message passing neural network" in feedback
    assert _check(tmp_path, right, "right.md", paper=PAPER).score("model") == 2


# -- a summary is not analysed ------------------------------------------------------

def test_a_summary_holds_no_criterion_at_3(tmp_path):
    framing = (
        "The problem is a supervised regression: the input is the molecular graph and the target is the measured solubility. "
        "The data set has 1,128 molecules from the public ESOL database, split 80/10/10. "
        "This framing suits the question, since solubility is a continuous measured quantity.\n\n"
    )
    summary = (
        "## The ML problem and the data\n\n" + framing
        + "## Results\n\nThe authors show that the network is accurate. They report an error of 0.58. "
        "They found that it beats the baselines. The paper presents a visualisation. They observed clusters. "
        "The authors describe future work. They conclude that graphs help.\n"
    )
    analysis = (
        "## The ML problem and the data\n\n" + framing
        + "## Results\n\nI think the error of 0.58 is optimistic, because the split is random. "
        "However the baselines are weak, so the gain is unclear.\n"
    )
    summary_report = _check(tmp_path, summary, "summary.md")
    assert summary_report.check("is_analysis").passed is False
    assert summary_report.score("framing") == 2
    assert _check(tmp_path, analysis, "analysis.md").score("framing") == 3


# -- abbreviations the student defines ----------------------------------------------

def test_an_abbreviation_defined_after_its_long_form_mentions_it(tmp_path):
    rubric = load_rubric()
    defined = [Unit("Both parts are Gaussian processes (GPs) fitted to a few points.", 1, None, -1, 0)]
    aliases = defined_aliases(defined, rubric)
    assert "gp" in aliases["model"] and "gp" not in aliases["framing"]
    # not initials of the words before: no abbreviation
    other = [Unit("We fit it here (see below) and then a random forest (RF, which is another story).", 1, None, -1, 0)]
    assert defined_aliases(other, rubric)["model"] == tuple(rubric.criterion("model").vocabulary.mention)

    method = (
        "## The method\n\nThe surrogate is a pair of Gaussian processes (GPs) that give a prediction and an uncertainty. "
        "The first GP predicts the particle size from the four process inputs with a smooth kernel.\n"
    )
    assert _check(tmp_path, method, "method.md").score("model") == 2


# -- French: comparisons with "contre", a verdict as a conclusion ----------------------

def test_french_overfitting_compared_with_contre_and_judged(tmp_path):
    text = (
        "## Peut-on croire les performances ?\n\n"
        "Sur le problème synthétique, l'aire sous la courbe de regret vaut 2,47 pour la méthode contre 16,26 pour la BO contrainte. "
        "Avec 4 personnes par groupe, aucune conclusion forte n'est possible face aux experts. "
        "Mais la fonction synthétique est presque faite pour la méthode, donc je pense que le gain est optimiste.\n"
    )
    report = _check(tmp_path, text, "fr.md")
    assert report.language == "fr" and report.check("is_analysis").passed is True
    assert report.score("overfitting") == 3
    without = text.replace(" contre ", " et ")
    assert _check(tmp_path, without, "fr2.md").score("overfitting") < 3


def test_model_trade_off_named_as_strength_is_a_reason(tmp_path):
    text = (
        "## Model\n\nThe encoder feeds a pooling step and one hidden layer of 32 units; each residue is represented by its embedding. "
        "The head is deliberately minimal, which is its strength: any gain must come from the encoder.\n"
    )
    assert _check(tmp_path, text, "strength.md").score("model") == 3


def test_same_sentence_rules_are_valid_rubric_syntax(tmp_path):
    from analyser.resources import rubrics_dir

    text = (rubrics_dir() / "ml-paper-analysis.toml").read_text(encoding="utf-8")
    assert '"prior&names"' in text
    path = tmp_path / "r.toml"
    path.write_text(text.replace('"prior&names"', '"prior&nonsense"'), encoding="utf-8")
    assert any("names group 'nonsense'" in p for p in problems_in(path))


def test_a_learning_type_or_task_the_article_shares_grounds_nothing():
    from analyser.checking.criteria import score_criterion
    from analyser.checking.report import Claim

    framing = next(c for c in load_rubric().criteria if c.id == "framing")
    unit = Unit("This is supervised learning, a regression task, with features and targets.", 1, None, -1, 0, index=0)

    def specifics(kind: str) -> list[str]:
        agrees = [Claim(claim=f"{label}: \u201c{unit.text}\u201d", supported=True, detail="", verdict="agrees", unit=0, kind=kind)
                  for label in ("supervised", "regression")]
        return score_criterion(framing, [unit], claims=agrees, article_known=True, everywhere=[unit]).specifics

    # The rubric's own words, right about the article or not, are no reading of it...
    assert specifics("facts") == []
    # ...where a method the article names is.
    assert specifics("method") == ["supervised", "regression"]


def test_a_topic_named_in_a_long_paragraph_goes_on_until_another_is_named():
    from analyser.checking.criteria import assign
    from analyser.checking.segment import segment

    # A PDF reader joined the paragraphs: the sentences after "overfitting" are its discussion.
    text = ("The model is a Gaussian process on three synthesis settings. "
            "The question of overfitting is the most interesting one here. "
            "The only check is a series of virtual replays on the same 80 points. "
            "Random picks find the best sample 126 times out of 200. "
            "So these replays say how fast the search is, nothing more. "
            "Other models could have been used instead, such as a random forest.")
    units = segment([(1, text)]).units
    rubric = load_rubric()
    overfitting = [unit.text for unit in assign(units, [], rubric)["overfitting"]]
    assert "So these replays say how fast the search is, nothing more." in overfitting
    assert "Other models could have been used instead, such as a random forest." not in overfitting


def test_the_articles_specifics_said_of_a_criterion_elsewhere_make_it_no_generic(tmp_path):
    from analyser.checking.check import assess

    terse = "## ML problem\n\nIt is supervised learning: a regression with inputs and targets.\n\n"
    elsewhere = ("## Model\n\nThe training set holds the 1128 molecules and their aqueous solubility; "
                 "each molecular graph goes into a message passing neural network.\n")
    paper = tmp_path / "paper.md"
    paper.write_text(PAPER, encoding="utf-8")

    def framing(body: str):
        path = tmp_path / "analysis.md"
        path.write_text(HEAD + body, encoding="utf-8")
        return next(r for r in assess(path, paper=paper, offline=True, rubric=_RULES).results if r.criterion.id == "framing")

    assert framing(terse + elsewhere).held == [] and "1128 molecules" in framing(terse + elsewhere).specifics
    # Without them, the same words are generic.
    assert framing(terse + "## Model\n\nThe model is a neural network.\n").held == ["generic"]
