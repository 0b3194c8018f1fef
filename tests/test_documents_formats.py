"""Each format loads into a Document with headings, pages, sentences and metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser.documents import load
from analyser.documents.model import WORDS_PER_PAGE
from analyser.documents.pdfwrite import simple_pdf

BODY = (
    "We trained a random forest on 1,024 molecules, e.g. small drugs, as in Smith et al. "
    "(2020). See Fig. 2 for the 3.5 eV band gap. The model reached an RMSE of 0.12 eV."
)


def _kinds(document) -> list[str | None]:
    return [section.kind for section in document.sections]


def test_markdown_headings_front_matter_and_markup(tmp_path: Path):
    path = tmp_path / "report.md"
    path.write_text(
        "---\ntitle: \"My analysis\"\nauthors: Ada Lovelace, Alan Turing\n---\n\n"
        "# Analysis of a paper\n\n## 1. Introduction\n\n"
        f"{BODY} A **bold** claim with a [link](https://doi.org/10.1/x), T_N of snake_case.\n\n"
        "## Méthodes\n\n- first item\n- second item\n\n## References\n\n1. A. Author, *Journal*, 2020.\n",
        encoding="utf-8",
    )
    document = load(path)
    assert document.kind == "md"
    assert document.metadata.title == "My analysis"
    assert document.metadata.authors == ["Ada Lovelace", "Alan Turing"]
    assert _kinds(document) == [None, "introduction", "methods", "references"]
    assert "**" not in document.text and "bold claim" in document.text
    assert "T_N of snake_case" in document.text
    assert "link (https://doi.org/10.1/x)" in document.text
    assert "A. Author, Journal, 2020." in document.references
    assert "A. Author" not in document.text  # references kept apart from the body
    assert document.pages_estimated


def test_sentences_do_not_split_on_abbreviations_or_decimals(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text(f"Introduction\n\n{BODY}\n", encoding="utf-8")
    sentences = [sentence.text for sentence in load(path).sentences]
    assert sentences == [
        "We trained a random forest on 1,024 molecules, e.g. small drugs, as in Smith et al. (2020).",
        "See Fig. 2 for the 3.5 eV band gap.",
        "The model reached an RMSE of 0.12 eV.",
    ]
    assert all(sentence.page == 1 for sentence in load(path).sentences)


def test_plain_text_numbered_headings_and_estimated_pages(tmp_path: Path):
    words = " ".join(["word"] * 700) + "."
    path = tmp_path / "report.txt"
    path.write_text(f"1 Introduction\n\n{words}\n\n2 Methods\n\n2.1 Data\n\n{BODY}\n", encoding="utf-8")
    document = load(path)
    assert [(s.heading, s.kind) for s in document.sections] == [
        ("1 Introduction", "introduction"),
        ("2 Methods", "methods"),
        ("2.1 Data", None),
    ]
    assert document.pages_estimated
    assert document.page_count == 2  # 700 + ~35 words at 500 a page
    assert len(document.pages[0].text.split()) == WORDS_PER_PAGE
    data = next(section for section in document.sections if section.heading == "2.1 Data")
    assert data.page == 2
    assert document.sentences[-1].page == 2


def test_docx_paragraphs_heading_styles_tables_and_core_properties(tmp_path: Path):
    import docx

    word = docx.Document()
    word.core_properties.title = "ML analysis"
    word.core_properties.author = "Ada Lovelace; Alan Turing"
    word.add_heading("Introduction", level=1)
    word.add_paragraph(BODY)
    word.add_heading("Résultats", level=2)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Model", "RMSE"
    table.cell(1, 0).text, table.cell(1, 1).text = "Forest", "0.12"
    word.add_paragraph("Conclusion", style="Heading 1")
    paragraph = word.add_paragraph("It works with ﬁne ligatures, see ")
    _add_hyperlink(paragraph, "https://doi.org/10.1/x", "the article")
    path = tmp_path / "report.docx"
    word.save(path)
    document = load(path)
    assert document.kind == "docx"
    assert document.metadata.title == "ML analysis"
    assert document.metadata.authors == ["Ada Lovelace", "Alan Turing"]
    assert _kinds(document) == ["introduction", "results", "conclusion"]
    assert "Forest | 0.12" in document.sections[1].text
    assert "fine ligatures" in document.text
    assert "see the article (https://doi.org/10.1/x)" in document.text


def _add_hyperlink(paragraph, address: str, text: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.shared import OxmlElement, qn

    relation = paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run, run_text = OxmlElement("w:r"), OxmlElement("w:t")
    run_text.text = text
    run.append(run_text)
    link.append(run)
    paragraph._p.append(link)


def test_latex_markup_removed_and_metadata_read(tmp_path: Path):
    path = tmp_path / "report.tex"
    path.write_text(
        r"""\documentclass{article}
\usepackage{amsmath}
\newcommand{\MnO}{MnO}
\title{Spins and \emph{potentials}}
\author{Nathan Roux\\ ENS Paris \and Ada Lovelace}
\begin{document}
\maketitle
\begin{abstract}
We study \MnO{} with a network~\cite{behler2007}. % a comment
\end{abstract}
\section{Introduction}
The error is $1.2\times 10^{-3}$ eV, see Fig.~\ref{fig:a} and \textbf{Table}~1 by Andr\'e.
\begin{figure}\includegraphics{a.png}\caption{Hidden}\end{figure}
\subsection*{Data}
See \href{https://doi.org/10.1/x}{the article}.
\section{Conclusion}
It works 100\% of the time.
\end{document}
""",
        encoding="utf-8",
    )
    document = load(path)
    assert document.kind == "tex"
    assert document.metadata.title == "Spins and potentials"
    assert document.metadata.authors == ["Nathan Roux", "Ada Lovelace"]
    assert _kinds(document) == [None, "abstract", "introduction", None, "conclusion"]
    text = document.text
    assert "We study MnO with a network." in text
    assert "André" in text and "100% of the time" in text
    assert "the article (https://doi.org/10.1/x)" in text
    for markup in ("\\", "{", "}", "comment", "includegraphics", "Hidden"):
        assert markup not in text


def test_html_blocks_headings_title_and_author(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>An &amp; analysis</title>"
        '<meta name="author" content="Ada Lovelace"><style>p{color:red}</style>'
        "<script>var x = 'Hidden';</script></head><body>"
        f"<h1>Abstract</h1><p>{BODY}</p><h2>2 Methods</h2><p>Read "
        '<a href="https://arxiv.org/abs/2301.01234">the preprint</a> with H<sub>2</sub>O.</p>'
        "<h2>Bibliography</h2><ul><li>A ref.</li></ul></body></html>",
        encoding="utf-8",
    )
    document = load(path)
    assert document.kind == "html"
    assert document.metadata.title == "An & analysis"
    assert document.metadata.authors == ["Ada Lovelace"]
    assert _kinds(document) == ["abstract", "methods", "references"]
    assert "the preprint (https://arxiv.org/abs/2301.01234) with H2O." in document.text
    assert "Hidden" not in document.text and "color" not in document.text
    assert document.references == "A ref."


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.txt", "MINIMAL_PDF", "pdf"),  # a PDF whatever its name
        ("report.pdf", "# Title\n\nSome *markdown* text.\n", "md"),
        ("notes.dat", "\\documentclass{article}\\begin{document}Hi there.\\end{document}", "tex"),
        ("page.txt", "<html><body><p>Hello there.</p></body></html>", "html"),
        ("noext", "Just some words in a file.\n", "txt"),
        ("structured", "# Heading\n\n- a\n- b\n", "md"),
        ("report.doc", "DOCX", "docx"),
    ],
)
def test_type_is_detected_from_content(tmp_path: Path, name, content, kind):
    path = tmp_path / name
    if content == "MINIMAL_PDF":
        path.write_bytes(simple_pdf([BODY]))
    elif content == "DOCX":
        import docx

        word = docx.Document()
        word.add_paragraph("A Word file saved with another extension.")
        word.save(path)
    else:
        path.write_text(content, encoding="utf-8")
    assert load(path).kind == kind


def test_utf16_and_cp1252_text_decode(tmp_path: Path):
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Résumé des méthodes utilisées.".encode("utf-16"))
    assert "Résumé" in load(utf16).text
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Résultats obtenus à 300 K.".encode("cp1252"))
    assert "Résultats" in load(latin).text


def test_to_dict_is_json_ready(tmp_path: Path):
    import json

    path = tmp_path / "a.md"
    path.write_text(f"# Results\n\n{BODY}\n", encoding="utf-8")
    data = json.loads(json.dumps(load(path).to_dict()))
    assert data["kind"] == "md" and data["page_count"] == 1
    assert data["sections"][0]["kind"] == "results"
    assert data["sentences"][0]["page"] == 1


def test_simple_pdf_metadata_pages_and_running_lines_removed(tmp_path: Path):
    running = "Journal of Examples 12 (2024) 100-110"
    pages = [
        f"{running}\nAbstract\n{BODY}\n1",
        f"{running}\n2 Methods\nThe forest has 500 trees and a depth of 12 levels.\n2",
        f"{running}\nReferences\n1. A. Smith, Nature 580, 2020.\n2. B. Jones, Science 12, 2021.\n3",
    ]
    path = tmp_path / "article.pdf"
    path.write_bytes(simple_pdf(pages, title="Forests", author="Ada Lovelace and Alan Turing"))
    for engine in ("pdfium", "pypdf"):
        document = load(path, pdf_engine=engine)
        assert document.engine == engine and not document.pages_estimated
        assert document.metadata.title == "Forests"
        assert document.metadata.authors == ["Ada Lovelace", "Alan Turing"]
        assert [(s.heading, s.kind, s.page) for s in document.sections] == [
            ("Abstract", "abstract", 1),
            ("2 Methods", "methods", 2),
            ("References", "references", 3),
        ]
        assert "Journal of Examples" not in document.text
        assert document.pages[2].text == ""  # only references on page 3
        assert "B. Jones, Science 12, 2021." in document.references
        assert [s.page for s in document.sentences] == [1, 1, 1, 2]



def test_plain_text_lines_standing_alone_are_headings(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text(
        "Ada Lovelace\n\nhttps://doi.org/10.1/x\n\nThe model\n\n- A random forest with 500 trees and no depth limit.\n\n"
        "Short line\nfollowed directly by text, so not a heading.\n\nMy opinion\n\nIt works, e.g. on small data.\n",
        encoding="utf-8",
    )
    headings = [section.heading for section in load(path).sections]
    assert headings == ["", "The model", "My opinion"]  # a name over a URL is no heading
