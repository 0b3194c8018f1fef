"""The spec's level table read word for word, on crafted passages (English and French).

Each test is one rule of ../shared/rubric-spec.md as the rubric file now
encodes it, and the wording a student may use for it:

- context 3 "situates it: what was done before, what the paper claims to
  bring, with specifics": a named earlier approach is a specific, figures are
  not required next to it;
- context 2 "why ML helps (cost, scale, complexity of the alternative)";
- alternatives 2 "a reason why it could help or hurt": a cause, a
  consequence, a trade-off, not a bare "but" or "better";
- alternatives 3 "across at least two of {models, data, formulation}": the
  data an alternative needs is its cost, not a second alternative;
- framing 2 with the learning type implicit; framing 3 only with an amount of
  data;
- is_analysis: empty praise is no evaluation, a fact restated to be judged is
  part of the analysis;
- student_name: a signature at the end, a first line that is only a name.
"""

from __future__ import annotations

import pytest

from analyser.checking import check
from analyser.checking.formal import find_student_name

HEAD = "Name: Ada Lovelace\n\nArticle: https://doi.org/10.1000/xyz123\n\n"


def _check(tmp_path, body: str, name: str = "analysis.md", head: str = HEAD):
    path = tmp_path / name
    path.write_text(head + body, encoding="utf-8")
    return check(path, offline=True)


# -- context -----------------------------------------------------------------------

CONTEXT_EN = (
    "## Context\n\nThe question is which polymers conduct lithium ions best. "
    "Measuring each one takes weeks, so a machine learning model that predicts conductivity is much cheaper. "
    "Before this work, screening relied on molecular dynamics simulations of each candidate. "
    "The paper claims to bring a graph model that is much faster than these simulations. I think this claim is fair.\n"
)
CONTEXT_FR = (
    "## Contexte\n\nLa question est de savoir quels polymères conduisent le mieux les ions lithium. "
    "Mesurer chacun prend des semaines, donc un modèle d'apprentissage automatique qui prédit la conductivité coûte beaucoup moins cher. "
    "Auparavant, le criblage reposait sur des simulations de dynamique moléculaire de chaque candidat. "
    "L'article propose un modèle sur graphes bien plus rapide que ces simulations. Je pense que cette affirmation est juste.\n"
)


@pytest.mark.parametrize("text", [CONTEXT_EN, CONTEXT_FR], ids=["en", "fr"])
def test_context_situated_by_a_named_earlier_approach_without_figures(tmp_path, text):
    report = _check(tmp_path, text)
    assert report.check("is_analysis").passed is True  # level 3 is "analysed": a summary holds no 3
    assert report.score("context") == 3


@pytest.mark.parametrize("text, generic", [
    (CONTEXT_EN, ("relied on molecular dynamics simulations of each candidate", "was done differently")),
    (CONTEXT_FR, ("reposait sur des simulations de dynamique moléculaire de chaque candidat", "se faisait autrement")),
], ids=["en", "fr"])
def test_context_prior_work_without_specifics_is_explained_not_analysed(tmp_path, text, generic):
    vague = text.replace(*generic).replace("these simulations", "before").replace("ces simulations", "avant")
    assert _check(tmp_path, vague).score("context") == 2


@pytest.mark.parametrize("text", [
    "## Context\n\nThe question is which catalysts are stable. The space of possible alloys is combinatorial and vast, "
    "so a machine learning model can explore it where experiments cannot.\n",
    "## Contexte\n\nLa question est de savoir quels catalyseurs sont stables. L'espace des alliages possibles est combinatoire, "
    "donc un modèle d'apprentissage peut l'explorer là où les expériences ne le peuvent pas.\n",
], ids=["en", "fr"])
def test_context_why_ml_by_the_complexity_of_the_alternative(tmp_path, text):
    assert _check(tmp_path, text).score("context") == 2


# -- alternatives ------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "A random forest could also have been used, because it needs far less data than a graph network.",
    "A random forest could also have been used; it would reduce the variance on such a small data set.",
    "A random forest could also have been used, at the cost of losing the graph structure.",
    "On aurait pu utiliser une forêt aléatoire, car elle demande beaucoup moins de données.",
    "On aurait pu utiliser une forêt aléatoire, ce qui permettrait de réduire la variance.",
    "On aurait pu utiliser une forêt aléatoire, au prix de la structure du graphe.",
    "On aurait pu utiliser une forêt aléatoire parce que les données sont peu nombreuses.",
])
def test_alternative_with_a_reason_is_explained(tmp_path, sentence):
    assert _check(tmp_path, f"## Alternatives\n\n{sentence}\n").score("alternatives") == 2


@pytest.mark.parametrize("sentence", [
    "A random forest could also have been used, but the authors chose a graph network.",
    "A random forest might be a better choice for this problem.",
    "On aurait pu utiliser une forêt aléatoire, mais les auteurs ont choisi un réseau.",
    "Une forêt aléatoire pourrait aussi être utilisée à la place du réseau de neurones.",
])
def test_alternative_without_a_reason_is_only_mentioned(tmp_path, sentence):
    assert _check(tmp_path, f"## Alternatives\n\n{sentence}\n").score("alternatives") == 1


@pytest.mark.parametrize("one_kind, two_kinds", [
    (
        "A graph transformer could replace the network, because attention sees distant atoms; but it would need more data.",
        "A graph transformer could replace the network, because attention sees distant atoms. "
        "Adding experimental measurements to the computed labels would help too, since they correct the DFT bias, at the cost of noise.",
    ),
    (
        "Un transformeur sur graphes pourrait remplacer le réseau, car l'attention voit les atomes lointains ; mais il demande beaucoup plus de données.",
        "Un transformeur sur graphes pourrait remplacer le réseau, car l'attention voit les atomes lointains. "
        "Ajouter des mesures expérimentales aux étiquettes calculées aiderait aussi, car elles corrigent le biais de la DFT, au prix de plus de bruit.",
    ),
], ids=["en", "fr"])
def test_alternatives_of_two_kinds_each_with_a_trade_off_are_analysed(tmp_path, one_kind, two_kinds):
    # "more data" that the alternative needs is its cost, not a data alternative
    assert _check(tmp_path, f"## Alternatives\n\n{one_kind}\n", "one.md").score("alternatives") == 2
    assert _check(tmp_path, f"## Alternatives\n\n{two_kinds}\n", "two.md").score("alternatives") == 3


# -- framing -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "## The ML problem\n\nIt is a regression: the inputs are the molecular graphs and the target is the measured solubility.\n",
    "## Le problème d'apprentissage\n\nC'est une régression : les entrées sont les graphes moléculaires et la cible est la solubilité mesurée.\n",
], ids=["en", "fr"])
def test_framing_explained_with_the_learning_type_implicit(tmp_path, text):
    assert _check(tmp_path, text).score("framing") == 2


@pytest.mark.parametrize("base, no_amount, amount, fits", [
    (
        "## The ML problem\n\nIt is a supervised regression: the inputs are the molecular graphs and the target is the measured solubility. ",
        "The data come from the public ESOL database and are split into training and test sets. ",
        "The 1,128 molecules come from the public ESOL database, split 80/10/10. ",
        "This framing suits the question, since solubility is a continuous measured quantity.\n",
    ),
    (
        "## Le problème d'apprentissage\n\nC'est une régression supervisée : les entrées sont les graphes moléculaires et la cible est la solubilité mesurée. ",
        "Les données viennent de la base de données publique ESOL et sont découpées en ensembles d'entraînement et de test. ",
        "Les 1 128 molécules viennent de la base de données publique ESOL, découpées 80/10/10. ",
        "Ce cadrage est adapté à la question, car la solubilité est une grandeur continue.\n",
    ),
], ids=["en", "fr"])
def test_framing_analysed_only_with_an_amount_of_data_and_why_it_fits(tmp_path, base, no_amount, amount, fits):
    # The spec's cell lists three additions (sizes, source/quality, why the framing fits): each is needed.
    assert _check(tmp_path, base + no_amount + fits, "no.md").score("framing") == 2
    assert _check(tmp_path, base + amount, "nofit.md").score("framing") == 2
    assert _check(tmp_path, base + amount + fits, "yes.md").score("framing") == 3


# -- is_analysis -------------------------------------------------------------------

PRAISING_SUMMARY_EN = (
    "## Summary\n\nThe authors train a graph network on 1,128 molecules. They show that it is better than the baselines. "
    "This is a very interesting result. The authors report an impressive error of 0.58 because the model uses attention. "
    "They present a remarkable visualisation of the features. The paper describes future work since larger data exist. "
    "It is a fascinating paper.\n"
)
PRAISING_SUMMARY_FR = (
    "## Résumé\n\nLes auteurs entraînent un réseau sur 1 128 molécules. Ils montrent qu'il est meilleur que les références. "
    "C'est un résultat très intéressant. Les auteurs rapportent une erreur impressionnante de 0,58 car le modèle utilise l'attention. "
    "Ils présentent une visualisation remarquable. L'article décrit des travaux futurs puisque de plus grandes données existent. "
    "C'est un article passionnant.\n"
)


@pytest.mark.parametrize("text", [PRAISING_SUMMARY_EN, PRAISING_SUMMARY_FR], ids=["en", "fr"])
def test_a_summary_sprinkled_with_praise_is_a_summary(tmp_path, text):
    assert _check(tmp_path, text).check("is_analysis").passed is False


@pytest.mark.parametrize("text", [
    "## Results\n\nThe authors report an error of 0.58 on a random split. I think this is optimistic for new scaffolds.\n\n"
    "They found that attention weights point to functional groups. Yet attention is not an explanation.\n\n"
    "The paper shows a gain over the baselines. However the baselines are untuned.\n",
    "## Résultats\n\nLes auteurs rapportent une erreur de 0,58 sur un découpage aléatoire. Je pense que c'est optimiste pour de nouveaux squelettes.\n\n"
    "Ils observent que l'attention pointe vers les groupes fonctionnels. Pourtant l'attention n'est pas une explication.\n\n"
    "L'article montre un gain sur les références. Cependant les références ne sont pas réglées.\n",
], ids=["en", "fr"])
def test_facts_restated_to_be_judged_are_part_of_an_analysis(tmp_path, text):
    assert _check(tmp_path, text).check("is_analysis").passed is True


# -- student_name ------------------------------------------------------------------

BODY = "# Analysis of a graph network paper\n\nArticle: https://doi.org/10.1000/xyz123\n\nThe model is a graph network, and I think its split is optimistic.\n\n"


@pytest.mark.parametrize("ending, name", [
    ("— Marie Curie\n", "Marie Curie"),
    ("Name: Marie Curie\n", "Marie Curie"),
    ("Auteur : Marie Curie\n", "Marie Curie"),
    ("Signed: Jean de La Fontaine\n", "Jean de La Fontaine"),
    ("Marie CURIE, M1 Chimie\n", "Marie CURIE"),
    ("Thank You\n", None),
    ("References\nSmith J, Doe A. Nature 2020.\n", None),
])
def test_student_name_signed_at_the_end(tmp_path, ending, name):
    report = _check(tmp_path, BODY + ending, head="")
    assert report.student_name == name
    assert report.check("student_name").passed is (name is not None)


@pytest.mark.parametrize("first, name", [
    ("Marie CURIE", "Marie CURIE"),
    ("CURIE Marie", "CURIE Marie"),
    ("Jean de La Fontaine", "Jean de La Fontaine"),
    ("GRAPH NETWORKS", None),
])
def test_student_name_on_a_first_line_that_is_only_a_name(first, name):
    assert find_student_name(first + "\nThe analysis starts here and goes on.", []) == name


def test_an_article_author_signing_the_end_is_not_the_student():
    assert find_student_name("# Analysis\n\nText.", [], paper_text="by Marie Curie and P. Curie", tail="Text.\n— Marie Curie") is None


@pytest.mark.parametrize("tail, name", [
    # a PDF reader joined the signature to the paragraph above it
    ("More compute and tuning, same data limits. Lina Da Silva", "Lina Da Silva"),
    ("More compute and tuning, same data limits.\n\nLina Da Silva", "Lina Da Silva"),
    ("It was evaluated on the test set. Random Forest.", None),
    ("The authors thank the reviewers. Thank You", None),
])
def test_a_signature_at_the_end_even_joined_to_the_last_paragraph(tail, name):
    assert find_student_name("# Analysis\n\nText.", [], tail=tail) == name


# -- rubric format -----------------------------------------------------------------

def test_weak_and_praise_vocabularies_are_valid_rubric_keys(tmp_path):
    from analyser.resources import rubrics_dir
    from analyser.rubric import load_rubric, problems_in

    text = (rubrics_dir() / "ml-paper-analysis.toml").read_text(encoding="utf-8")
    rubric = load_rubric()
    assert "because" in rubric.analysis.weak and "interesting" in rubric.analysis.praise
    assert "interessant*" in rubric.analysis.praise  # both languages are read
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    assert problems_in(path) == []
    path.write_text(text.replace("praise = [", "flattery = [", 1), encoding="utf-8")
    assert any("flattery" in problem for problem in problems_in(path))
