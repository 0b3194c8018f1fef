"""The checker's general mechanisms for agreeing with careful graders, on crafted passages (English and French)."""

from __future__ import annotations

import pytest

from analyser.checking.criteria import map_headings
from analyser.rubric import load_rubric


@pytest.mark.parametrize("heading, criterion_id", [
    # plain headings students write name their criterion
    ("What the authors are after", "context"),
    ("Ce que cherchent les auteurs", "context"),
    ("What exactly is learned, and from what", "framing"),
    ("Ce que la machine doit apprendre", "framing"),
    ("Under the hood", "model"),
    ("Sous le capot", "model"),
    ("How the settings were picked", "optimisation"),
    ("Comment on règle le modèle", "optimisation"),
    ("Is it memorising?", "overfitting"),
    ("Le modèle apprend-il par cœur ?", "overfitting"),
    ("Other roads", "alternatives"),
    ("Other possible choices", "alternatives"),
    ("Comment elle a été réglée", "optimisation"),
    ("How the machine has been tuned", "optimisation"),
    ("Ce qu'on pourrait faire d'autre", "alternatives"),
    # a document's title or title block is no section, whatever it names
    ('ML analysis: "Scientific knowledge graph and ontology generation using open large language models"', None),
    ("Analyse de « Constrained composite Bayesian optimization for rational synthesis »", None),
    ("Author: Clémence Vidal (L3 Biochimie, option AI & chemistry)", None),
    ("Optimisation : un « entraînement » sans entraînement", "optimisation"),
    # "why a neural network": why learn at all, not the model's inside
    ("Why a neural network at all", "context"),
    ("Pourquoi un réseau de neurones ?", "context"),
    ("Why this architecture?", "model"),
    ("Why the network overfits", "overfitting"),
])
def test_plain_headings_and_titles(heading, criterion_id):
    assert map_headings([heading], load_rubric()) == [criterion_id]


def _group(criterion_id: str, group: str):
    from analyser.checking.terms import term_set

    criterion = load_rubric().criterion(criterion_id)
    terms = criterion.vocabulary.mention if group == "mention" else criterion.vocabulary.groups[group]
    return term_set(tuple(terms))


@pytest.mark.parametrize("criterion_id, group, sentence, found", [
    # French words that are English words with another meaning, and back
    ("context", "mention", "the model is fast but the data are few", False),
    ("context", "mention", "le but de l'article est de prédire la solubilité", True),
    ("optimisation", "mention", "the reported error looks optimistic", False),
    ("optimisation", "mention", "les poids sont optimisés par Adam", True),
    ("model", "mention", "l'ensemble de test contient 200 molécules", False),
    ("model", "mention", "an ensemble of 100 regression trees averages its members", True),
    ("overfitting", "comparison", "the band gap is underestimated by DFT", False),
    ("overfitting", "comparison", "the generalisation gap is small", True),
    # what the method before ML needs, a reason ML helps; not what a model needs
    ("context", "why_ml", "both require an accurate measurement of the background on a reference sample", True),
    ("context", "why_ml", "les deux méthodes nécessitent une mesure du fond sur une référence", True),
    ("context", "why_ml", "the model needs more data", False),
    # a verdict on the model's fit, and alternatives, in plain French
    ("model", "why", "pour l'usage qui en est fait, ce choix se tient", True),
    ("model", "why", "le choix de Teter est aussi bien pensé", True),
    ("model", "why", "la fonction est tenue fixe pendant la recherche", False),
    ("alternatives", "alt_data", "plus d'exemples de carbone : on pourrait ajouter les 43 phases", True),
    ("alternatives", "alt_model", "plusieurs forêts dont on compare les réponses", True),
    ("alternatives", "alt_model", "several independent models whose answers are compared", True),
    # words of earlier work in their other senses are not earlier work
    ("context", "prior", "chemists could discard bad ideas before making them", False),
    ("context", "prior", "learn from molecules that were already measured", False),
    ("context", "prior", "the Gaussian process puts a prior on the functions", False),
    ("context", "prior", "before this paper, each property had its own hand-made descriptors", True),
    ("context", "prior", "usual machine learning potentials only see the positions of the atoms", True),
    ("context", "prior", "jusqu'ici, les modèles habituels ignoraient les spins", True),
    ("context", "prior", "il faut les tester avant de les synthétiser", False),
    ("context", "claim", "the band gap of the compound", False),
    ("context", "claim", "the authors propose a new descriptor that fills the gap", True),
    ("context", "why_ml", "the rock-salt lattice is cubic", False),
    ("context", "why_ml", "DFT scales cubically with the number of electrons", True),
    ("context", "why_ml", "the alternative is months of expert reading", True),
    # a program, the computer, an LLM: machine learning in plain words
    ("context", "ml", "a program that estimates them from the drawing alone would save effort", True),
    ("context", "ml", "un programme qui prédit la taille éviterait des essais", True),
    # a flaw denied is no flaw pointed out
    ("overfitting", "flaw", "there is no data leakage because the test set is held out", False),
    ("overfitting", "flaw", "il n'y a pas de fuite grâce au split", False),
    ("overfitting", "flaw", "data leakage between the splits is likely", True),
    ("overfitting", "flaw", "une fuite entre les jeux est probable", True),
    # sizes and splits as students write them; generation only of things generated; inputs stated
    ("framing", "size", "the data are split 80/10/10", True),
    ("framing", "size", "0.8/0.1/0.1 of the molecules", True),
    ("framing", "size", "2Jmax in 4 / 6 / 8 / 10", False),
    ("framing", "size", "3916 papers mention d33", True),
    ("framing", "size", "16 puits de départ", True),
    ("framing", "task", "the second generation of neural network potentials", False),
    ("framing", "task", "the generation of new molecules", True),
    ("framing", "mention", "the input of each atomic network is a vector of symmetry functions", True),
    ("framing", "mention", "la cible est la solubilité mesurée", True),
])
def test_terms_in_their_senses(criterion_id, group, sentence, found):
    from analyser.checking.terms import fold

    assert bool(_group(criterion_id, group).found(fold(sentence))) is found


def test_an_unheaded_paragraph_counts_for_the_topic_it_is_about(tmp_path):
    from analyser.checking.check import assess

    text = (
        "Name: Ada Lovelace\n\nhttps://doi.org/10.1000/xyz123\n\n"
        "Manganese oxide orders antiferromagnetically below its Néel temperature. Hybrid DFT gives the energy of one "
        "spin arrangement, but simulating the transition needs thousands of atoms and millions of energy evaluations, "
        "which is far too expensive. Standard machine learning potentials cannot help, because they only see the "
        "positions of the atoms, so the question is whether a learned potential that also sees the spins can do it.\n\n"
        "The model is a neural network potential trained on DFT energies.\n"
    )
    path = tmp_path / "free.md"
    path.write_text(text, encoding="utf-8")
    context = next(r for r in assess(path, offline=True, calibrated=False).results if r.criterion.id == "context")
    assert any("thousands of atoms" in unit.text for unit in context.units)  # no word of the paragraph names the context


GP_PAPER = (
    "# Enzyme assays optimised by a self-driving lab\n\n"
    "We choose a Gaussian process model as the surrogate of the enzyme activity. "
    "The Gaussian process uses a kernel that sums a DotProduct, an RBF and a White term, and it is refitted after each batch of eight experiments. "
    "Expected improvement selects the next concentrations of glucose oxidase, peroxidase, ABTS and glucose. "
    "Neural networks need far more data than the forty experiments of a campaign.\n"
)


@pytest.mark.parametrize("sentence, contradicted", [
    ("The surrogate model is a deep neural network.", True),
    ("The authors use a random forest with 500 trees.", True),
    ("There are only a few dozen measurements, which is much too little for a neural network, while a GP works well on small data.", False),
    ("Earlier work and the papers using a random forest or kernel ridge built one model per assay.", False),
    ("The training is very different from what one does with neural networks.", False),
    ("Le modèle est bien plus simple qu'un réseau de neurones, ce qui convient à quarante expériences.", False),
])
def test_a_model_named_beside_the_papers_is_no_claim_it_is_the_papers(tmp_path, sentence, contradicted):
    from analyser.checking import check

    paper = tmp_path / "paper.md"
    paper.write_text(GP_PAPER, encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text(f"Name: Ada Lovelace\n\n## Model\n\n{sentence} The kernel sums an RBF and a White term.\n", encoding="utf-8")
    report = check(path, paper=paper, offline=True)
    assert any(c.verdict == "contradicted" for c in report.consistency) is contradicted


def _scores(tmp_path, body: str, name: str = "a.md", paper=None):
    from analyser.checking.check import assess

    path = tmp_path / name
    path.write_text("Name: Ada Lovelace\n\nhttps://doi.org/10.1000/xyz123\n\n" + body, encoding="utf-8")
    assessment = assess(path, paper=paper, offline=True, calibrated=False)
    return {result.criterion.id: result.rule for result in assessment.results}


@pytest.mark.parametrize("body, level", [
    ("## Training\n\nThe model is trained.\n", 1),
    ("## Training\n\nNothing is trained in this paper: the LLMs are used zero-shot, and the weights never change. What replaces "
     "training is how the prompts are written, and self-consistency: the same question is asked several times and the "
     "majority vote is kept.\n", 2),
    ("## Entraînement\n\nRien n'est entraîné : les LLM sont utilisés tels quels, en zero-shot, sans modification des poids. "
     "Ce qui remplace l'entraînement, ce sont les consignes des prompts et l'auto-cohérence : on pose plusieurs fois la même "
     "question et on garde le vote majoritaire.\n", 2),
])
def test_what_replaces_training_where_nothing_is_trained(tmp_path, body, level):
    assert _scores(tmp_path, body)["optimisation"] == level


@pytest.mark.parametrize("body", [
    "## How reliable is it?\n\nThe evaluation rests on 100 articles checked against a ground truth that is not documented, "
    "and the LLM judge gives higher scores than the similarity metric; the five runs differ, so the 0.82 F1 is optimistic.\n",
    "## Que valent les résultats ?\n\nL'évaluation repose sur 100 articles comparés à une vérité terrain non documentée, et le "
    "juge LLM donne des scores plus élevés que la similarité ; les cinq exécutions diffèrent, donc le F1 de 0,82 est optimiste.\n",
])
def test_the_evaluation_questioned_where_nothing_is_fitted_is_the_overfitting_criterion(tmp_path, body):
    assert _scores(tmp_path, body)["overfitting"] >= 1


@pytest.mark.parametrize("sentence, found", [
    ("This article is in the field of drug discovery and property prediction.", False),
    ("Le domaine est la découverte de matériaux et la prédiction de propriétés.", False),
    ("The question is whether the band gap can be predicted from the formula alone.", True),
    ("Les auteurs veulent savoir si l'on peut prédire la taille des particules.", True),
])
def test_a_field_named_is_no_question(sentence, found):
    from analyser.checking.terms import fold

    assert bool(_group("context", "question").found(fold(sentence))) is found


@pytest.mark.parametrize("body, level", [
    # the field named, with a generic reason: mentioned
    ("## Context\n\nThis article is about drug discovery. Machine learning can accelerate discovery because experiments "
     "are expensive.\n", 1),
    # what the usual models miss, said with the article's words, and why learning helps: the question is stated
    ("## Context\n\nUsual machine learning potentials only see the positions of the atoms, so they give the same energy to "
     "two spin arrangements of MnO. Hybrid DFT is far too expensive for the thousands of atoms a Néel transition needs, "
     "which is why a learned potential is useful.\n", 2),
])
def test_the_question_may_be_stated_as_the_gap_the_paper_fills(tmp_path, body, level):
    paper = tmp_path / "paper.md"
    paper.write_text(
        "# Magnetic potentials\n\nMachine learning potentials describe MnO and its Néel transition. Spin arrangements of MnO change "
        "the energy. The Néel temperature of MnO is 116 K. Spin arrangements are encoded by new descriptors.\n", encoding="utf-8")
    assert _scores(tmp_path, body, paper=paper)["context"] == level


@pytest.mark.parametrize("body, level", [
    ("## How the settings were picked\n\nFitting means solving one large set of linear equations for the weights, so that the "
     "total squared mismatch with the DFT energies is as small as possible. The settings of the kernel were chosen by trying a "
     "grid of values and keeping those that best predicted hidden data: hide one fifth, predict it from the rest, repeat. "
     "The loop stopped after 4 rounds, when the score reached 0.80.\n", 3),
    ("## Comment on règle le modèle\n\nLes réglages du noyau sont ajustés automatiquement : on prend ceux qui rendent les mesures "
     "déjà faites les plus probables. Ils sont choisis sur une grille de valeurs, et on s'arrête après 4 tours, quand le score "
     "atteint 0,80.\n", 3),
    ("## How it learns\n\nThe weights are changed step by step until the predicted energies agree as closely as possible "
     "with the DFT ones.\n", 2),
    ("## Entraînement\n\nLe problème est convexe : il a une seule meilleure solution, que la bibliothèque trouve directement, "
     "en rendant la somme des erreurs au carré la plus petite possible.\n", 2),
    # boosting in plain words: the fitting procedure, the loss as the gap to the values, the
    # length of training said to be missing (a critical remark, a level-3 element)
    ("## Comment elle a été réglée\n\nOn ajoute les arbres un par un, chacun réduisant l'écart entre les prédictions "
     "et les valeurs DFT.\n", 2),
    ("## How the machine has been tuned\n\nThe trees are added one by one, each reducing the gap between the predictions "
     "and the DFT values. The weight w = 0.5 was chosen by hand and the cells of 8 and 12 atoms were selected to match "
     "earlier searches; no stopping rule or number of generations is given.\n", 3),
])
def test_training_explained_in_plain_words(tmp_path, body, level):
    assert _scores(tmp_path, body)["optimisation"] == level


def test_an_opening_paragraph_citing_earlier_work_is_the_body_and_counts_for_context(tmp_path):
    """The title block ends with its link: a long opening paragraph citing "Camp et
    al." is body text, and, mostly about the scene, counts for the context even
    though it also speaks of methods."""
    from analyser.checking.check import assess

    text = (
        "Baptiste Martin\n\n# Analyse critique : phase retrieval for CARS spectra\n\n"
        "Référence : Houhou et al., Optics Express 2020, https://doi.org/10.1364/OE.390413\n\n"
        "La spectroscopie CARS est la version rapide du Raman, mais le fond non résonant se mêle au signal. "
        "Comme on ne mesure que le module, la partie imaginaire est perdue avec la phase. "
        "L'état de l'art, ce sont deux approches : la méthode d'entropie maximale et la relation de Kramers-Kronig, "
        "dont les auteurs utilisent l'implémentation de Camp et al. sans la modifier. "
        "Les deux demandent une connaissance a priori du fond, ce qui limite leur usage en imagerie. "
        "L'apport revendiqué de l'article est de tester pour la première fois un réseau de neurones sur ce problème. "
        "L'apprentissage automatique a ici un argument fort : on apprend une fois la correspondance, puis on "
        "l'applique en 0,16 s par spectre.\n\n"
        "Du point de vue ML, il s'agit d'apprentissage supervisé et d'une tâche de régression.\n"
    )
    path = tmp_path / "opening.md"
    path.write_text(text, encoding="utf-8")
    results = {r.criterion.id: r for r in assess(path, offline=True, calibrated=False).results}
    context = " ".join(unit.text for unit in results["context"].units)
    assert "La spectroscopie CARS" in context and "L'état de l'art" in context


def test_a_bold_name_label_is_the_title_blocks_not_a_heading():
    from analyser.checking.segment import segment

    title = "Analyse ML : « Removing non-resonant background from CARS spectra via deep learning »"
    parts = segment([(1, f"Nom : Yanis Van den Berg\n\n{title}\n\n" + "Le modèle est un réseau. " * 10)],
                    {"Nom : Yanis Van den Berg"})
    assert "Nom : Yanis Van den Berg" not in parts.headings


def test_a_rubric_word_the_article_is_about_is_its_specific_but_a_kind_of_model_is_not():
    """The rubric file is public, so its words ground nothing, unless the article is
    about one that no other article uses ("zeolite" for a zeolite study); a kind of
    model ("CNN") stays generic ML wording even there."""
    from analyser.checking.grounding import article_anchors, ground
    from analyser.checking.terms import fold

    sentences = tuple((f"The zeolite framework {i} is modelled by a CNN trained on zeolite pores.", 1) for i in range(8))
    rubric_words = ("zeolite", "CNN")
    anchors = article_anchors(sentences, rubric_words)
    found = ground(fold("Each zeolite is described by a CNN."), anchors)
    assert "zeolite" in found.words and "cnn" not in found.words
    # Used once, the same word is no subject of the article.
    once = article_anchors((("The zeolite data come from a database.", 1),) + tuple(("A CNN is trained.", 1) for _ in range(8)), rubric_words)
    assert not ground(fold("Each zeolite is described by a CNN."), once).words


def test_the_articles_authors_ground_nothing():
    """A reference line copies the authors' names: they say nothing of the article's content."""
    from analyser.checking.grounding import article_anchors, ground
    from analyser.checking.terms import fold

    sentences = tuple((f"Schweidtmann and Weber pre-train a polymer graph network on copolymers, round {i}.", 1) for i in range(4))
    mine = fold("Gao, Dukker, Schweidtmann and Weber study copolymers.")
    assert {"schweidtmann", "weber"} <= set(ground(mine, article_anchors(sentences)).words)
    found = ground(mine, article_anchors(sentences, authors=("Qinghe Gao", "Artur M. Schweidtmann", "Jana M. Weber")))
    assert found.words == ["copolymers"]


def test_a_precise_number_the_article_prints_is_its_specific_a_round_one_is_not():
    """A plain-worded analysis quoting the article's own figures ("the error goes
    from 0.259 to 0.0882") is about this article, even where the article gives them
    only in a table; "20" or "1,000" could stand anywhere."""
    from analyser.checking.grounding import article_anchors, ground
    from analyser.checking.terms import fold

    sentences = (("| Formation energy | 0.259 | 0.0882 |", 3), ("We repeat 20 partitions 1,000 times.", 2))
    anchors = article_anchors(sentences)
    precise = ground(fold("The average error goes from 0.259 for a line to 0.0882 for the trees."), anchors)
    assert {q.text for q in precise.distinctive} == {"0.259", "0.0882"} and precise.anchors == 2
    assert ground(fold("They picked among 20 groupings, 1,000 times."), anchors).anchors == 0
    assert ground(fold("The error goes down to 0.0883."), anchors).anchors == 0  # not the article's


def test_two_elements_of_a_criterion_in_another_section_count_for_it(tmp_path):
    """"A supervised regression" in the model section is the framing's content:
    the learning type and the task, wherever they stand."""
    from analyser.checking.check import assess

    text = "Name: Ada Lovelace\n\nhttps://doi.org/10.1000/xyz123\n\n" + (
        "## Context\n\nChemists need the price of a molecule before buying it, and catalogues are huge.\n\n"
        "## What the machine does\n\nIt is a supervised regression: the network learns to predict a price. "
        "The network passes messages between the atoms of the molecular graph.\n"
    )
    path = tmp_path / "spread.md"
    path.write_text(text, encoding="utf-8")
    framing = next(r for r in assess(path, offline=True, calibrated=False).results if r.criterion.id == "framing")
    assert any("supervised regression" in unit.text for unit in framing.units)
    assert framing.score >= 1 and "task" in framing.found and "learning_type" in framing.found


def test_pros_and_cons_in_bullet_notes_are_reasons_for_an_alternative(tmp_path):
    from analyser.checking.check import assess

    text = ("Name: Ada Lovelace\n\nhttps://doi.org/10.1000/xyz123\n\n## Alternatives\n\n"
            "- A random forest on composition features:\n"
            "- + usually better when data are scarce, fast, few hyperparameters;\n"
            "- − an average of element properties hides small dopant amounts.\n")
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    alternatives = next(r for r in assess(path, offline=True, calibrated=False).results if r.criterion.id == "alternatives")
    assert alternatives.rule >= 2 and "reason" in alternatives.found


def test_the_articles_reference_under_the_title_is_the_title_blocks_not_context():
    # "Article: <authors>, <title>, <venue>" is long, holds no link and splits at
    # initials ("H.-F. Chen"): it is still the title block, not the analysis.
    from analyser.checking.segment import segment

    reference = ("Article: J. Zhu, S. von Bülow, H. Liu, K. Lindorff-Larsen, H.-F. Chen, \"Extending Conformational "
                 "Ensemble Prediction to Multidomain Proteins and Protein Complex\", bioRxiv preprint, January 2026.")
    body = "Proteins are not static objects, and their disordered regions sample very many shapes. " * 3
    parts = segment([(1, f"Ada Lovelace\n\nML analysis of IDPFold2\n\n{reference}\n\n"
                         f"https://doi.org/10.64898/2026.01.14.699584\n\nContext\n\n{body}")])
    assert not any("Bülow" in unit.text or "Extending" in unit.text for unit in parts.units)
    assert parts.units[0].text.startswith("Proteins are not static")


def test_a_reference_abbreviation_in_brackets_does_not_end_a_sentence():
    from analyser.checking.segment import split_sentences

    assert split_sentences("Voir l'article d'origine (réf. 24). Puis (Ref. 3) le modèle.") == [
        "Voir l'article d'origine (réf. 24).", "Puis (Ref. 3) le modèle."]


def test_initials_do_not_end_a_sentence():
    from analyser.checking.segment import split_sentences

    assert split_sentences("It follows H.-F. Chen and A. G. Smith closely. Then the model.") == [
        "It follows H.-F. Chen and A. G. Smith closely.", "Then the model."]
