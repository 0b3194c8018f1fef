"""A local PDF: title, authors and DOI read from the file itself (metadata, then page 1)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.sources import resolve
from analyser.sources.local import info_from
from sources_support import minimal_pdf

GAO_PAGE = [
    "Self-supervised graph neural networks for polymer",
    "property prediction",
    "Qinghe Gao, Tammo Dukker, Artur M. Schweidtmann, Jana M. Weber",
    "Cite this: Mol. Syst. Des. Eng., 2024, 9, 1130.",
    "Received 13th May 2024, Accepted 19th August",
    "2024. DOI: 10.1039/d4me00088a",
    "Abstract",
    "Neural networks can be pre-trained on unlabelled data.",
]


def _write(tmp_path, name, **kwargs):
    path = tmp_path / name
    path.write_bytes(minimal_pdf(**kwargs))
    return path


def test_title_authors_and_doi_from_the_first_page(tmp_path):
    pdf = _write(tmp_path, "gao2024-ssl.pdf", lines=GAO_PAGE)
    paper = resolve(pdf).paper
    assert paper.title == "Self-supervised graph neural networks for polymer property prediction"
    assert paper.authors == ["Qinghe Gao", "Tammo Dukker", "Artur M. Schweidtmann", "Jana M. Weber"]
    assert paper.doi == "10.1039/d4me00088a"
    assert paper.identifier == "local:gao2024-ssl.pdf" and paper.source == "local"


def test_pdf_metadata_wins_when_it_is_real(tmp_path):
    pdf = _write(tmp_path, "x.pdf", lines=["Some running head text here", "A body line"],
                 info={"Title": "A ubiquitous GC content signature", "Author": "Ziad Jowhar; Albert Xu"})
    paper = resolve(pdf).paper
    assert paper.title == "A ubiquitous GC content signature"
    assert paper.authors == ["Ziad Jowhar", "Albert Xu"]


@pytest.mark.parametrize("placeholder", ["Title", "Microsoft Word - draft7.docx", "main.tex", "untitled"])
def test_placeholder_metadata_title_falls_back_to_the_page(tmp_path, placeholder):
    pdf = _write(tmp_path, "x.pdf", lines=GAO_PAGE, info={"Title": placeholder})
    assert resolve(pdf).paper.title.startswith("Self-supervised graph neural networks")


def test_nothing_to_read_keeps_the_file_name(tmp_path):
    pdf = _write(tmp_path, "scan-042.pdf", lines=[""])
    paper = resolve(pdf).paper
    assert paper.title == "scan-042" and paper.authors == [] and paper.doi is None


def test_unreadable_pdf_body_falls_back_to_the_file_name(tmp_path):
    # Starts and ends like a PDF (so it passes the cheap check) but pdfium cannot open it.
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.4\n garbage garbage \n%%EOF\n")
    paper = resolve(pdf).paper
    assert paper.title == "broken" and paper.doi is None


def test_marked_and_wrapped_author_lines():
    page = "\n".join([
        "1",
        "Fine-tuning protein language models boosts predictions across",
        "diverse tasks",
        "Robert Schmirler1,2,3,*, Michael Heinzinger 1",
        "& Burkhard Rost 1,4",
        "1 TUM (Technical University of Munich), School of Computation",
    ])
    info = info_from({"Title": "Title", "Author": "Burkhard Rost"}, page)
    assert info.title == "Fine-tuning protein language models boosts predictions across diverse tasks"
    assert info.authors == ["Robert Schmirler", "Michael Heinzinger", "Burkhard Rost"]


def test_doi_link_cut_at_the_line_end():
    page = ("A title of some length for a test\nAda Lovelace, Alan Turing\n"
            "ARTICLE OPEN https://doi.org/10.1038/\ns42004-023-00857-x\n")
    assert info_from({}, page).doi == "10.1038/s42004-023-00857-x"


@pytest.mark.parametrize("head, doi", [
    ("arXiv:2301.01234v2 [cs.LG] 3 Jan 2023", "10.48550/arXiv.2301.01234"),  # arXiv's margin stamp
    ("bioRxiv preprint doi: https://doi.org/10.1101/2023.12.13.571462; this version posted June 7, 2024.",
     "10.1101/2023.12.13.571462"),
    ("Journal of Cheminformatics, vol. 15, pp. 1-12", None),
])
def test_running_heads_above_the_title_are_skipped(head, doi):
    page = f"{head}\nGraph networks for molecular solubility\nAda Lovelace, Alan Turing\nAbstract\nWe learn."
    info = info_from({}, page)
    assert info.title == "Graph networks for molecular solubility"
    assert info.authors == ["Ada Lovelace", "Alan Turing"] and info.doi == doi


def test_title_case_title_is_not_taken_for_authors():
    page = "Machine Learning For Polymers, Deep Learning For Molecules\nAda Lovelace, Alan Turing\nAbstract"
    info = info_from({}, page)
    assert info.title == "Machine Learning For Polymers, Deep Learning For Molecules"
    assert info.authors == ["Ada Lovelace", "Alan Turing"]


def test_fetch_cli_folder_without_pdf_extension_and_doi_hint(tmp_path):
    pdf = _write(tmp_path, "gao2024-ssl-gnn-polymer-properties.pdf", lines=GAO_PAGE)
    result = CliRunner().invoke(cli, ["fetch", str(pdf), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "local-gao2024-ssl-gnn-polymer-properties"
    assert (folder / "paper.pdf").read_bytes() == pdf.read_bytes()
    metadata = json.loads((folder / "metadata.json").read_text())
    assert metadata["title"] == "Self-supervised graph neural networks for polymer property prediction"
    assert metadata["doi"] == "10.1039/d4me00088a"
    assert "authors:   Qinghe Gao, Tammo Dukker, Artur M. Schweidtmann (+1 more)" in result.stdout
    assert "doi:       10.1039/d4me00088a" in result.stdout
    assert "`analyser fetch 10.1039/d4me00088a` gets the full metadata" in result.stdout


def test_the_course_papers_read_as_their_manifest_says(papers_dir):
    manifest = (papers_dir / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    header = manifest[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in manifest[1:] if line.strip()]
    checked = 0
    for row in rows:
        pdf = papers_dir / f"{row['slug']}.pdf"
        if not pdf.is_file():
            continue
        paper = resolve(pdf).paper
        assert paper.title == row["title"], pdf.name
        assert paper.doi == row["doi_or_arxiv_id"].lower(), pdf.name
        assert len(paper.authors) >= 2, pdf.name
        checked += 1
    assert checked >= 1
