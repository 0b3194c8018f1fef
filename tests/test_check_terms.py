"""The vocabulary matcher the rubric's terms go through."""

from analyser.checking.terms import TermSet, fold, quantities


def test_whole_words_prefixes_plurals_and_regexes():
    terms = TermSet(["loss", "train*", "cross-validation", "re:\\d+-fold", "gradient boost*", "entraînement"])
    found = terms.found(fold("Losses were trained with 5-fold cross validation, gradient-boosted trees; l'Entraînement"))
    assert {"loss", "trained", "cross validation", "5-fold", "gradient boosted", "entrainement"} <= found
    assert terms.found(fold("a lossy crossword")) == set()  # whole words only


def test_long_phrases_fall_back_to_a_regex():
    terms = TermSet(["one two three four five six seven"])
    assert terms.search("x one two three four five six seven y")
    assert not terms.search("one two three")


def test_quantities_skip_years_and_figure_numbers():
    assert quantities("In 2021, Fig. 3 shows 0.65 on 9,350 mRNAs and 80 %") == {"0.65", "9,350", "80%"}
