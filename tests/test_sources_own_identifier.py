"""One reader for "the article's own identifier", used by fetch, the checker and the template.

On the course's real PDFs each of the three says what MANIFEST.tsv says; a
bioRxiv PDF printing its DOI only in its running footer is the case that
used to make them disagree.
"""

from __future__ import annotations

import csv

import pytest

from analyser.checking.inputs import article_own_identifier
from analyser.documents import load
from analyser.rubric import load_rubric
from analyser.sources import parse_identifier, resolve
from analyser.sources.own_identifier import identifiers_in, own_identifier, same_article
from analyser.template.build import build_content


def _manifest(papers_dir) -> list[dict]:
    with open(papers_dir / "MANIFEST.tsv", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if (papers_dir / f"{row['slug']}.pdf").is_file()]


def test_fetch_check_and_template_read_the_same_identifier_on_every_course_paper(papers_dir):
    rubric = load_rubric()
    rows = _manifest(papers_dir)
    assert len(rows) >= 6
    for row in rows:
        pdf = papers_dir / f"{row['slug']}.pdf"
        expected = parse_identifier(row["doi_or_arxiv_id"])
        document = load(pdf)
        assert own_identifier(pdf) == expected, pdf.name
        assert resolve(pdf).paper.doi == expected.value, pdf.name  # fetch of a local PDF
        assert article_own_identifier(document) == expected.canonical, pdf.name  # the checker
        link = build_content(document, None, rubric).title.link  # the template
        assert link == f"https://doi.org/{expected.value}", pdf.name


def test_a_doi_printed_only_in_the_running_footer_is_found(papers_dir):
    # bioRxiv prints "bioRxiv preprint doi: https://doi.org/10.1101/..." in the footer, which the
    # document reader drops from the body text as page furniture.
    pdf = papers_dir / "schmirler2024-plm-finetuning.pdf"
    if not pdf.is_file():
        pytest.skip("no bioRxiv paper in ../shared/papers")
    document = load(pdf)
    assert "10.1101/2023.12.13.571462" not in document.pages[0].text
    assert article_own_identifier(document) == "doi:10.1101/2023.12.13.571462"


@pytest.mark.parametrize("page, expected", [
    # arXiv's margin stamp wins over a DOI cited on the page.
    ("see 10.1000/other.2019\narXiv:2301.01234v2 [cs.LG] 3 Jan 2023\nA title", ["arXiv:2301.01234v2", "doi:10.1000/other.2019"]),
    # A labelled DOI wins over a bare one met earlier.
    ("Data from 10.5281/zenodo.1234\nDOI: 10.1039/\nD5DD00294J\n", ["doi:10.1039/d5dd00294j", "doi:10.5281/zenodo.1234"]),
    ("https://doi.org/10.1038/\ns42004-023-00857-x and again doi:10.1038/s42004-023-00857-x", ["doi:10.1038/s42004-023-00857-x"]),
    ("No identifier on this page at all.", []),
])
def test_identifiers_in_a_first_page_most_trustworthy_first(page, expected):
    assert [ident.canonical for ident in identifiers_in(page)] == expected


def test_versions_do_not_make_two_articles_and_a_doi_cannot_be_compared_with_an_arxiv_id():
    v1, v2 = parse_identifier("arXiv:2301.01234v1"), parse_identifier("2301.01234v2")
    assert same_article(v1, v2) is True
    assert same_article(v1, parse_identifier("arXiv:2301.01235")) is False
    assert same_article(v1, parse_identifier("10.1038/s42004-023-00857-x")) is None
