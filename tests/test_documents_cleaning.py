"""The cleaning, heading and sentence rules on small inputs with known answers."""

from __future__ import annotations

import pytest

from analyser.documents import sentences
from analyser.documents.cleaning import (
    join_hyphenated,
    join_wrapped_lines,
    normalise_characters,
    remove_running_lines,
)
from analyser.documents.sections import HeadingDetector, heading_kind, kind_of


def test_ligatures_and_presentation_forms_become_letters():
    assert normalise_characters("eﬃcient ﬁne ﬂow ﬀ ﬆ ＡＢＣ\u00a0x") == "efficient fine flow ff st ABC x"
    # Superscripts and fractions are kept: NFKC would turn "10²" into "102".
    assert normalise_characters("10² m ½") == "10² m ½"
    assert normalise_characters("soft\u00ad\nhyphen in\u00advisible") == "softhyphen invisible"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we use inter-\npretable models", "we use interpretable models"),
        ("a time-\nconsuming step and the time spent consuming", "a time-consuming step and the time spent consuming"),
        ("pre-\ntraining as in pre-training", "pre-training as in pre-training"),
        ("node-\nand edge-level", "node- and edge-level"),
        ("trial-\nand-error", "trial-and-error"),
        ("SLAM-\nseq data", "SLAM-seq data"),
        ("COVID-\n19 cases", "COVID-19 cases"),
        ("the ribo-\nsome", "the ribosome"),
    ],
)
def test_line_end_hyphens(text, expected):
    assert join_hyphenated(text) == expected


def test_lines_broken_where_the_text_has_no_space_are_glued():
    lines = [
        "archived at https://doi.org/10.5281/zenodo.",
        "16614771. The raw data are in the SI and the",
        "physical/",
        "chemical properties, as in Summit,38 Dragonfly,",
        "39 EDBO+,40 and Atlas.41 Notably, the methods of the",
        "2 Methods",
        "ordering temperatures44–",
        "46 from structural parameters of the compounds studied",
    ]
    assert join_wrapped_lines(lines, typical=45) == [
        "archived at https://doi.org/10.5281/zenodo.16614771. The raw data are in the SI and the",
        "physical/chemical properties, as in Summit,38 Dragonfly,39 EDBO+,40 and Atlas.41 Notably, the methods of the",
        "2 Methods",
        "ordering temperatures44–46 from structural parameters of the compounds studied",
    ]


def test_running_heads_alternating_left_and_right_are_removed():
    pages = []
    for number in range(1, 11):
        head = "Smith et al. Journal of Things" if number % 2 else "Journal of Things Smith et al."
        words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
        pages.append([head, f"Body line of {words[number - 1]}.", f"More text on {words[-number]}.", f"{number}"])
    cleaned = remove_running_lines(pages)
    assert all(lines[0].startswith("Body line") for lines in cleaned)
    assert all(len(lines) == 2 for lines in cleaned)


def test_a_line_repeated_on_two_pages_of_a_short_report_is_kept():
    pages = [["Introduction", "The same sentence.", "1"], ["Methods", "The same sentence.", "2"], ["End.", "3"]]
    cleaned = remove_running_lines(pages)
    assert [lines[:2] for lines in cleaned[:2]] == [["Introduction", "The same sentence."], ["Methods", "The same sentence."]]


def test_numbered_headings_must_follow_each_other():
    detector = HeadingDetector()
    lines = ["1 Introduction", "10 samples were measured", "2 Methods", "2.1 Data", "4.5 GPa pressure", "2.2 Model", "3 Results"]
    found = [line for line in lines if detector.heading(line)]
    assert found == ["1 Introduction", "2 Methods", "2.1 Data", "2.2 Model", "3 Results"]


def test_reference_entries_are_not_headings():
    detector = HeadingDetector()
    assert detector.heading("References")
    assert detector.heading("1. A. Smith, Nature Chemistry 2020") is None
    assert detector.heading("Acknowledgements")


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Abstract", "abstract"),
        ("RESULTS AND DISCUSSION", "results"),
        ("Materials and methods", "methods"),
        ("2.3 Computational details", "methods"),
        ("Summary and outlook", "conclusion"),
        ("Méthodes", "methods"),
        ("Résultats", "results"),
        ("Contexte et enjeux", "introduction"),
        ("Références", "references"),
        ("Bibliography", "references"),
        ("Remerciements", "other"),
        ("1. Context: the scientific question and why ML is used", "introduction"),
        ("The model", None),
    ],
)
def test_heading_kinds(heading, kind):
    assert heading_kind(heading) == kind


def test_unnumbered_known_word_heading_but_not_a_sentence():
    detector = HeadingDetector()
    assert detector.heading("Results and discussion") == ("Results and discussion", "results")
    assert detector.heading("Results show that the model works") is None
    assert kind_of("Conclusions") == "conclusion"


def test_sentence_splitting():
    text = (
        "Forests (Breiman et al. 2001) were used, i.e. bagged trees. See Fig. 3 and Eq. 2 at 0.5 eV. "
        "J. Smith said so! Was it 3.14? Yes.\n\nNew paragraph without stop\n\nLast one."
    )
    spans = sentences.split(text)
    assert [text[start:end] for start, end in spans] == [
        "Forests (Breiman et al. 2001) were used, i.e. bagged trees.",
        "See Fig. 3 and Eq. 2 at 0.5 eV.",
        "J. Smith said so!",
        "Was it 3.14?",
        "Yes.",
        "New paragraph without stop",
        "Last one.",
    ]


def test_a_capital_letter_ending_a_sentence_is_no_initial_before_a_sentence_starter():
    text = "The function is non-differentiable over P. For instance, a measure may be binary. As J. A. Smith said."
    assert [text[start:end] for start, end in sentences.split(text)] == [
        "The function is non-differentiable over P.",
        "For instance, a measure may be binary.",
        "As J. A. Smith said.",
    ]
