"""Layout rules found missing by users: list markers, front matter, joins, plain-text and LaTeX details.

Each test builds its input (small real PDFs from pdfwrite, text, LaTeX) so
that the rule is checked on a known answer, whatever the shared corpus holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyser.documents import load, sentences
from analyser.documents.cleaning import attach_loose_markers, join_hyphenated, join_wrapped_lines
from analyser.documents.pdfwrite import Run, placed_pdf, simple_pdf

ITEMS = [
    "Random split on correlated samples, which makes the scores optimistic.",
    "Subsets defined from the target itself, which inflates the correlation.",
    "No independent test set from another cell line or another time point.",
]


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _list_pdf(marker) -> bytes:
    """A list whose markers are drawn after everything else, beside their items."""
    runs = [Run(72, 760, "Three things still make these numbers optimistic for the authors:")]
    runs += [Run(90, 740 - 20 * index, item) for index, item in enumerate(ITEMS)]
    runs.append(Run(72, 660, "The bigger risk is overfitting the interpretation of the importance scores."))
    runs += [Run(72, 740 - 20 * index, marker(index)) for index in range(len(ITEMS))]
    return placed_pdf([runs])


def _bare_marker_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if re.fullmatch(r"\s*(?:\d+\.|•)(?:\s+(?:\d+\.|•))*\s*", line)]


# --- bugs 1 and 2: list markers apart from their items -------------------------


@pytest.mark.parametrize("marker", [lambda index: f"{index + 1}.", lambda index: "\u2022"])
def test_list_markers_drawn_apart_go_back_to_their_items(tmp_path: Path, marker):
    document = load(_write(tmp_path, "list.pdf", _list_pdf(marker)), pdf_engine="pdfium")
    assert not _bare_marker_lines(document.text)
    for index, item in enumerate(ITEMS):
        assert f"{marker(index)} {item}" in document.text
    # Each item is its own paragraph, not a heading.
    assert [section.heading for section in document.sections] == [""]


def test_list_markers_without_positions_are_not_left_in_the_body(tmp_path: Path):
    document = load(_write(tmp_path, "list.pdf", _list_pdf(lambda index: f"{index + 1}.")), pdf_engine="pypdf")
    assert not _bare_marker_lines(document.text)
    assert all(item in document.text for item in ITEMS)


def test_loose_markers_a_run_is_dropped_a_single_one_joins_its_item():
    lines = ["end of a paragraph.", "73.", "74.", "75.", "npj Computational Materials", "2.", "Second item text"]
    assert attach_loose_markers(lines) == ["end of a paragraph.", "npj Computational Materials", "2. Second item text"]
    assert attach_loose_markers(["a line", "another line"]) == ["a line", "another line"]


def test_numbered_list_items_wrapped_over_lines_are_not_headings(tmp_path: Path):
    runs = [Run(72, 780, "Introduction", bold=True), Run(72, 760, "We use attributes of four kinds, listed below in turn:")]
    runs += [
        Run(72, 740, "1. Stoichiometric attributes that depend only"),
        Run(72, 726, "on the fractions of elements present in the compound."),
        Run(72, 706, "2. Elemental property statistics, which are"),
        Run(72, 692, "defined as the mean and range of elemental properties."),
    ]
    document = load(_write(tmp_path, "items.pdf", placed_pdf([runs])), pdf_engine="pdfium")
    assert [section.heading for section in document.sections] == ["Introduction"]
    assert "1. Stoichiometric attributes that depend only on the fractions" in document.text


# --- bug 3: hyphens of compounds at line ends ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the data are well-\ndocumented here", "the data are well-documented here"),
        ("a time-\nconsuming task", "a time-consuming task"),
        ("a plane-\nwave basis; a wave", "a plane-wave basis; a wave"),
        ("the environment is large; environment-\ndependent terms", "the environment is large; environment-dependent terms"),
        ("an augmented-\nwave method; a wave", "an augmented-wave method; a wave"),
        ("send an e-\nmail", "send an e-mail"),
        ("for N,N-\ndimethylacetamide", "for N,N-dimethylacetamide"),
        # Words hyphenated by the typesetter are still joined.
        ("we use inter-\npretable models", "we use interpretable models"),
        ("multi-\nple runs", "multiple runs"),
        ("the high-\nest score", "the highest score"),
        ("the pro-\nposed model", "the proposed model"),
        # The document's vocabulary has the last word.
        ("well-\ndocumented, as welldocumented", "welldocumented, as welldocumented"),
        ("data at https://github.com/a/data-\nrepo now", "data at https://github.com/a/data-repo now"),
    ],
)
def test_compound_hyphens_kept_at_line_ends(text, expected):
    assert join_hyphenated(text) == expected


# --- bug 4: title and authors of page 1 ----------------------------------------


def _article(author_runs: list[Run], *, author: str | None = None) -> bytes:
    runs = [
        Run(72, 780, "Neural network potentials for", size=20, bold=True),
        Run(72, 756, "magnetic materials", size=20, bold=True),
        *author_runs,
        Run(72, 680, "Abstract", size=12, bold=True),
    ]
    body = [
        "Machine learning potentials extend the time and length scales of simulations of",
        "materials, but most of them cannot tell apart different electronic spin arrangements",
        "and thus do not apply to magnetic materials. Here we present a new kind of descriptor",
        "for high-dimensional neural network potentials that takes the spins into account",
        "and we test it on manganese oxide, where it reproduces the magnetic interactions well",
    ]
    runs += [Run(72, 660 - 14 * index, line) for index, line in enumerate(body)]
    return placed_pdf([runs], author=author)


def test_title_and_authors_read_on_page_one(tmp_path: Path):
    path = _write(tmp_path, "article.pdf", _article([Run(72, 720, "Ada Lovelace, Charles Babbage", size=12, bold=True)]))
    document = load(path, pdf_engine="pdfium")
    assert document.metadata.title == "Neural network potentials for magnetic materials"
    assert document.metadata.authors == ["Ada Lovelace", "Charles Babbage"]
    headings = [section.heading for section in document.sections]
    assert "Ada Lovelace, Charles Babbage" not in headings
    assert [section.kind for section in document.sections][-1] == "abstract"
    # The title block stays out of the first paragraph of the body.
    assert document.sections[0].text == "Ada Lovelace, Charles Babbage"


def test_author_line_over_two_lines_only_the_second_in_bold(tmp_path: Path):
    runs = [
        Run(72, 730, "Yinghui Jiang, Shuting Jin, Xurui Jin, Qiang Zhang,", size=11),
        Run(72, 716, "Xiangxiang Zeng, Guang Yang, Zhangming Niu", size=12, bold=True),
    ]
    document = load(_write(tmp_path, "article.pdf", _article(runs)), pdf_engine="pdfium")
    assert document.metadata.authors == [
        "Yinghui Jiang", "Shuting Jin", "Xurui Jin", "Qiang Zhang", "Xiangxiang Zeng", "Guang Yang", "Zhangming Niu",
    ]
    assert all("Zeng" not in section.heading for section in document.sections)


def test_metadata_with_one_of_the_authors_gives_way_to_the_page_one_list(tmp_path: Path):
    path = _write(
        tmp_path,
        "article.pdf",
        _article([Run(72, 720, "Ada Lovelace and Charles Babbage", size=12, bold=True)], author="Charles Babbage"),
    )
    assert load(path, pdf_engine="pdfium").metadata.authors == ["Ada Lovelace", "Charles Babbage"]


def test_keyword_lines_are_not_authors(tmp_path: Path):
    path = _write(tmp_path, "article.pdf", _article([Run(72, 720, "Machine Learning, Neural Networks", size=12, bold=True)]))
    assert load(path, pdf_engine="pdfium").metadata.authors == []


# --- bugs 5 and 8: joins at line ends -------------------------------------------


def test_line_join_keeps_a_space_after_a_url_ending_a_sentence():
    assert join_wrapped_lines(["at https://doi.org/10.1038/s41524-021-00636-z.", "Correspondence to A."], 60) == [
        "at https://doi.org/10.1038/s41524-021-00636-z.",
        "Correspondence to A.",
    ]
    assert join_wrapped_lines(["at https://github.com/stardj/PharmHGT/.", "Received: 5 August"], 60)[1] == (
        "Received: 5 August"
    )


def test_doi_and_url_continued_over_a_line_are_rejoined(tmp_path: Path):
    text = (
        "The article is at https://doi.org/10.1038/\ns44320-024-00013-0 and the code at www.github.\n"
        "com/lab/repo for all.\nThe data are at https://doi.org/10.1038/s41524-021-00636-z.\n"
        "Correspondence should go to the first author of the article."
    )
    document = load(_write(tmp_path, "report.pdf", simple_pdf([text])), pdf_engine="pdfium")
    assert "https://doi.org/10.1038/s44320-024-00013-0 and" in document.text
    assert "www.github.com/lab/repo" in document.text
    assert "00636-z. Correspondence should" in document.text

def test_a_header_line_ending_with_the_link_closes_its_paragraph(tmp_path: Path):
    # The header of a submission ends with the article's link and no full stop;
    # the analysis's first paragraph must not be swallowed into it.
    body = " ".join(["The article is about repurposing approved drugs against a kinase target."] * 4)
    lines = ["Name: Ada Lovelace", "ML analysis of: Yasir et al., Molecules 2024. Link:",
             "https://doi.org/10.3390/molecules29061363"]
    lines += [body[i : i + 80].strip() for i in range(0, len(body), 80)]
    document = load(_write(tmp_path, "report.pdf", simple_pdf(["\n".join(lines)])), pdf_engine="pdfium")
    assert "molecules29061363\n\nThe article is about" in document.text


def test_plain_text_lines_join_without_a_space_inside_a_url(tmp_path: Path):
    path = _write(tmp_path, "notes.txt", "Read it at https://doi.org/10.1038/\ns44320-024-00013-0 before class.\n")
    assert "https://doi.org/10.1038/s44320-024-00013-0 before" in load(path).text


# --- bug 6: citation numbers after a full stop ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ends in failure.34 The details follow.", ["It ends in failure.34", "The details follow."]),
        ("It fails.12,13 Then it works.4–6 Also this.", ["It fails.12,13", "Then it works.4–6", "Also this."]),
        ("A gap of 2.34 The rest.", ["A gap of 2.34 The rest."]),
        ("Version v1.2 Next one.", ["Version v1.2 Next one."]),
        ("See Fig.3 Then more.", ["See Fig.3 Then more."]),
    ],
)
def test_sentence_split_after_citation_numbers(text, expected):
    assert [text[start:end] for start, end in sentences.split(text)] == expected


# --- bug 7: headings of a PDF without style hints --------------------------------


def test_headings_told_by_layout_without_style_hints(tmp_path: Path):
    paragraph = (
        "The authors train a graph neural network on nine public data sets of molecules, and they compare "
        "it with eight baseline models on the same splits."
    )
    text = "\n".join(["Introduction", paragraph, "Ablation study", paragraph, "Visualization and case study", paragraph])
    document = load(_write(tmp_path, "report.pdf", simple_pdf([text])), pdf_engine="pypdf")
    assert [section.heading for section in document.sections] == [
        "Introduction", "Ablation study", "Visualization and case study",
    ]


def test_headings_told_by_layout_when_only_the_title_block_is_bold(tmp_path: Path):
    """A student's PDF whose headings are set like its body: the bold title and name
    lines are no style hints for the rest."""
    body = [
        "The authors train a graph neural network on nine public data sets of molecules, and",
        "they compare it with eight baseline models on the same splits of the data sets.",
    ]
    runs = [Run(72, 770, "ML analysis of a graph neural network paper", size=14, bold=True),
            Run(72, 750, "Ada Lovelace, M1 Chemistry", bold=True)]
    lines = ["Context", *body, "ML problem", *body, "Alternatives", *body]
    runs += [Run(72, 720 - 16 * index, line) for index, line in enumerate(lines)]
    document = load(_write(tmp_path, "analysis.pdf", placed_pdf([runs])), pdf_engine="pdfium")
    assert [section.heading for section in document.sections][-3:] == ["Context", "ML problem", "Alternatives"]


# --- bug 9: headings of plain text ---------------------------------------------


def test_plain_text_markdown_underlined_capital_and_numbered_headings(tmp_path: Path):
    text = (
        "Jane Doe\n\n## The problem\n"
        "The authors want to predict solubility from structure with a model.\n\n"
        "## The data\nThey use 10,000 molecules from AqSolDB, split at random.\n\n"
        "Results\n=======\nThe model reaches an RMSE of 0.6 log units on the test set.\n\n"
        "METHODS\nThe training uses Adam with a learning rate of 0.001 for 100 epochs.\n\n"
        "3. Limitations\nThe validation is a random split, which is optimistic for molecules.\n\n"
        "1. a list item that goes on\nover a second line of text here.\n"
    )
    document = load(_write(tmp_path, "analysis.txt", text))
    assert document.kind == "txt"
    assert [(section.heading, section.kind) for section in document.sections] == [
        ("", None),
        ("The problem", None),
        ("The data", None),
        ("Results", "results"),
        ("METHODS", "methods"),
        ("3. Limitations", "discussion"),
    ]
    assert document.sections[2].text == "They use 10,000 molecules from AqSolDB, split at random."
    assert "=======" not in document.text and "##" not in document.text


# --- bug 10: URLs in LaTeX -------------------------------------------------------


def test_latex_url_arguments_are_kept_verbatim(tmp_path: Path):
    source = (
        "\\documentclass{article}\n\\begin{document}\n\\section{Article}\n"
        "Code: \\url{https://github.com/user/data_repo_v2/run_model.py}, data: "
        "\\href{https://zenodo.org/rec_ord/a%20b~c}{the \\textbf{archive}}, "
        "paper: \\href{https://doi.org/10.1/x_y}{https://doi.org/10.1/x\\_y}. 50\\% of it. % a comment\n"
        "\\end{document}\n"
    )
    text = load(_write(tmp_path, "report.tex", source)).text
    assert "https://github.com/user/data_repo_v2/run_model.py" in text
    assert "the archive (https://zenodo.org/rec_ord/a%20b~c)" in text
    assert "paper: https://doi.org/10.1/x_y." in text
    assert "50% of it." in text and "comment" not in text


# --- on the shared articles -----------------------------------------------------


def test_reference_numbers_stay_out_of_the_body(papers_dir: Path):
    for name in ("eckhoff2021-magnetic-hdnnp-sacsf", "jiang2023-pharmhgt-molecular-property"):
        path = papers_dir / f"{name}.pdf"
        if not path.exists():
            pytest.skip(f"{path} is absent")
        document = load(path)
        assert not _bare_marker_lines(document.text), name
        assert re.search(r"(?m)^1\. \S", document.references), name


def test_authors_of_the_shared_articles(papers_dir: Path):
    path = papers_dir / "jiang2023-pharmhgt-molecular-property.pdf"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    document = load(path)
    assert document.metadata.authors[-3:] == ["Xiangxiang Zeng", "Guang Yang", "Zhangming Niu"]
    assert all("Zeng" not in section.heading for section in document.sections)


def test_a_subscript_ending_a_formula_is_kept_and_a_raised_reference_left_out(tmp_path):
    """"HfNbTaTiZrC₅", "HfO₂": a lowered small digit is part of the formula; only a
    raised one after a word is a reference number."""
    import pypdfium2

    def right_edge(runs):
        textpage = pypdfium2.PdfDocument(placed_pdf([runs]))[0].get_textpage()
        return textpage.get_charbox(textpage.count_chars() - 1)[2]

    runs = [Run(56, 700, "The carbide HfNbTaTiZrC", 11)]
    for text, y, size in (("5", 697, 7), (" was made as with Adam", 700, 11), ("44", 705, 7),
                          (" for the HfO", 700, 11), ("2", 697, 7), (" phase.", 700, 11)):
        runs.append(Run(right_edge(runs) + 0.3, y, text, size))
    text = " ".join(load(_write(tmp_path, "formula.pdf", placed_pdf([runs])), pdf_engine="pdfium").text.split())
    assert "HfNbTaTiZrC5 was made as with Adam for the HfO2 phase." in text


def test_reference_numbers_raised_after_a_word_are_left_out_and_exponents_kept():
    """"using Adam⁴⁴ with": the raised reference number would hide the optimiser's
    name from every reader downstream; "cm⁻¹" and "L2" stay as printed."""
    paper = Path(__file__).resolve().parent.parent / "benchmarks" / "sealed2" / "papers" / "valensise2020-specnet-cars-cnn.pdf"
    text = " ".join(load(paper, pdf_engine="pdfium").text.split())
    assert "performed using Adam with a batch size of 256" in text
    assert "All layers had a ReLU (rectified Linear Unit)" in text
    assert "(600–1800 cm-1 )" in text and "we utilized L2 weight regularization" in text


def _spaced_paragraphs(gap: float, header: str | None = None) -> bytes:
    """Two paragraphs whose lines all run to the margin, `gap` points apart (the line pitch is 14)."""
    first = [header] * (header is not None) + [
        "The model is a gradient-boosted ensemble of regression trees fitted on composition",
        "descriptors, and the authors tune its depth and learning rate on a validation split.",
    ]
    second = [
        "Overfitting is checked by comparing the training error with the error on the held-out",
        "test set, and the learning curve still falls when the last thousand compounds are added.",
    ]
    runs = [Run(72, 700 - 14 * index - gap * (header is not None and index > 0), line) for index, line in enumerate(first)]
    top = 700 - 14 * (len(first) - 1) - gap
    runs += [Run(72, top - 14 * index, line) for index, line in enumerate(second)]
    return placed_pdf([runs])


@pytest.mark.parametrize("gap, split", [(14, False), (21, True)])
def test_extra_space_after_a_sentence_opens_a_paragraph(tmp_path: Path, gap, split):
    # A word processor spaces paragraphs; a last line that runs to the margin leaves no other trace.
    document = load(_write(tmp_path, "report.pdf", _spaced_paragraphs(gap)), pdf_engine="pdfium")
    assert ("split.\n\nOverfitting is checked" in document.text) is split
    assert "compounds are added." in document.text


def test_extra_space_after_a_labelled_field_opens_a_paragraph(tmp_path: Path):
    document = load(_write(tmp_path, "report.pdf", _spaced_paragraphs(21, "Name: Ada Lovelace")), pdf_engine="pdfium")
    assert document.text.startswith("Name: Ada Lovelace\n\nThe model is")
