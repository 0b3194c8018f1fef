"""Identifier parsing and link finding: pure, no network."""

from __future__ import annotations

import pytest

from analyser.sources import IdentifierError, find_article_link, parse_identifier
from sources_support import minimal_pdf

ACCEPTED = [
    # (typed, kind, canonical, server)
    ("2301.01234", "arxiv", "arXiv:2301.01234", None),
    ("2301.01234v2", "arxiv", "arXiv:2301.01234v2", None),
    ("0704.0001", "arxiv", "arXiv:0704.0001", None),
    ("1412.9999v12", "arxiv", "arXiv:1412.9999v12", None),
    ("hep-th/9901001", "arxiv", "arXiv:hep-th/9901001", None),
    ("hep-th/9901001v1", "arxiv", "arXiv:hep-th/9901001v1", None),
    ("cond-mat/0102536v1", "arxiv", "arXiv:cond-mat/0102536v1", None),
    ("math.CA/0611800v2", "arxiv", "arXiv:math/0611800v2", None),
    ("arXiv:2301.01234", "arxiv", "arXiv:2301.01234", None),
    ("arxiv: 2301.01234v3", "arxiv", "arXiv:2301.01234v3", None),
    ("ARXIV:hep-th/9901001", "arxiv", "arXiv:hep-th/9901001", None),
    ("https://arxiv.org/abs/2301.01234", "arxiv", "arXiv:2301.01234", None),
    ("http://arxiv.org/abs/2301.01234v2", "arxiv", "arXiv:2301.01234v2", None),
    ("https://arxiv.org/pdf/2301.01234v2", "arxiv", "arXiv:2301.01234v2", None),
    ("https://arxiv.org/pdf/2301.01234.pdf", "arxiv", "arXiv:2301.01234", None),
    ("arxiv.org/abs/hep-th/9901001", "arxiv", "arXiv:hep-th/9901001", None),
    ("https://export.arxiv.org/abs/2301.01234", "arxiv", "arXiv:2301.01234", None),
    ("https://www.arxiv.org/pdf/hep-ex/0406020v1", "arxiv", "arXiv:hep-ex/0406020v1", None),
    ("10.48550/arXiv.2202.01037", "arxiv", "arXiv:2202.01037", None),
    ("https://doi.org/10.48550/arXiv.2202.01037", "arxiv", "arXiv:2202.01037", None),
    ("10.26434/chemrxiv.12591221", "chemrxiv", "doi:10.26434/chemrxiv.12591221", None),
    ("10.26434/chemrxiv.12591221.v1", "chemrxiv", "doi:10.26434/chemrxiv.12591221.v1", None),
    ("10.26434/chemrxiv-2023-vmbt3", "chemrxiv", "doi:10.26434/chemrxiv-2023-vmbt3", None),
    ("10.26434/chemrxiv-2023-vmbt3-v2", "chemrxiv", "doi:10.26434/chemrxiv-2023-vmbt3-v2", None),
    ("10.26434/chemrxiv.10001917/v1", "chemrxiv", "doi:10.26434/chemrxiv.10001917/v1", None),
    ("doi:10.26434/chemrxiv-2023-vmbt3", "chemrxiv", "doi:10.26434/chemrxiv-2023-vmbt3", None),
    ("https://chemrxiv.org/doi/full/10.26434/chemrxiv.10001917/v1", "chemrxiv",
     "doi:10.26434/chemrxiv.10001917/v1", None),
    ("https://chemrxiv.org/doi/pdf/10.26434/chemrxiv-2023-vmbt3", "chemrxiv", "doi:10.26434/chemrxiv-2023-vmbt3", None),
    ("https://chemrxiv.org/doi/10.26434/chemrxiv-2023-vmbt3", "chemrxiv", "doi:10.26434/chemrxiv-2023-vmbt3", None),
    ("https://chemrxiv.org/articles/preprint/ml_yields/12591221/1", "chemrxiv",
     "doi:10.26434/chemrxiv.12591221.v1", None),
    ("10.1101/2021.11.22.469359", "biorxiv", "doi:10.1101/2021.11.22.469359", None),
    ("10.1101/339747", "biorxiv", "doi:10.1101/339747", None),
    ("10.1101/2021.11.22.469359v2", "biorxiv", "doi:10.1101/2021.11.22.469359v2", None),
    ("https://www.biorxiv.org/content/10.1101/2021.11.22.469359v2", "biorxiv",
     "doi:10.1101/2021.11.22.469359v2", "biorxiv"),
    ("https://www.biorxiv.org/content/10.1101/2021.11.22.469359v1.full.pdf", "biorxiv",
     "doi:10.1101/2021.11.22.469359v1", "biorxiv"),
    ("https://www.biorxiv.org/content/10.1101/2021.11.22.469359.full", "biorxiv",
     "doi:10.1101/2021.11.22.469359", "biorxiv"),
    ("https://www.medrxiv.org/content/10.1101/2020.09.09.20191205v1", "biorxiv",
     "doi:10.1101/2020.09.09.20191205v1", "medrxiv"),
    ("10.1039/D5DD00294J", "crossref", "doi:10.1039/d5dd00294j", None),
    ("doi: 10.1038/s41524-021-00636-z", "crossref", "doi:10.1038/s41524-021-00636-z", None),
    ("https://doi.org/10.1038/s41524-021-00636-z", "crossref", "doi:10.1038/s41524-021-00636-z", None),
    ("http://dx.doi.org/10.1038/s41524-021-00636-z", "crossref", "doi:10.1038/s41524-021-00636-z", None),
    ("https://doi.org/10.1016%2FS0022-2836(05)80360-2", "crossref", "doi:10.1016/s0022-2836(05)80360-2", None),
    ("  <https://doi.org/10.1039/d5dd00294j>  ", "crossref", "doi:10.1039/d5dd00294j", None),
    # journal pages: a DOI in the path, or the publisher's rule for its article numbers
    ("https://pubs.acs.org/doi/abs/10.1021/jacs.1c01234", "crossref", "doi:10.1021/jacs.1c01234", None),
    ("https://onlinelibrary.wiley.com/doi/10.1002/anie.202301234/full", "crossref",
     "doi:10.1002/anie.202301234", None),
    ("https://link.springer.com/content/pdf/10.1007/s10822-020-00314-0.pdf", "crossref",
     "doi:10.1007/s10822-020-00314-0", None),
    ("https://www.nature.com/articles/s41524-021-00636-z", "crossref", "doi:10.1038/s41524-021-00636-z", None),
    ("https://pubs.rsc.org/en/content/articlelanding/2026/dd/D5DD00294J", "crossref", "doi:10.1039/d5dd00294j", None),
]


@pytest.mark.parametrize("typed, kind, canonical, server", ACCEPTED)
def test_every_accepted_form_parses_to_its_canonical_id(typed, kind, canonical, server):
    ident = parse_identifier(typed)
    assert (ident.kind, ident.canonical, ident.server) == (kind, canonical, server)


@pytest.mark.parametrize("garbage", [
    "", "   ", "hello world", "2301.1234",       # 4-digit number after 2014
    "0701.0001",                                   # before the new scheme (April 2007)
    "2313.01234",                                  # month 13
    "1412.12345",                                  # 5 digits before 2015
    "arXiv:abc", "doi:not-a-doi", "notes/1234567", "hep-th/9913001", "10.1234", "https://example.org/paper",
    "https://arxiv.org/list/cs.LG/recent", "https://www.biorxiv.org/collection/bioinformatics",
    "https://doi.org/", "ftp://arxiv.org/abs/2301.01234x",
    "https://www.sciencedirect.com/science/article/pii/S0022283605803602",
])
def test_garbage_is_a_usage_error_listing_the_accepted_forms(garbage):
    with pytest.raises(IdentifierError) as caught:
        parse_identifier(garbage)
    message = str(caught.value)
    assert "\n" not in message
    assert "2301.01234" in message and "doi.org" in message and ".pdf" in message


def test_chemrxiv_article_details_url_asks_for_the_doi():
    with pytest.raises(IdentifierError, match="copy the DOI"):
        parse_identifier("https://chemrxiv.org/engage/chemrxiv/article-details/646488c2a32ceeff2dc6f5f1")


def test_local_pdf_path(tmp_path):
    pdf = tmp_path / "My Paper.pdf"
    pdf.write_bytes(minimal_pdf())
    ident = parse_identifier(str(pdf))
    assert ident.kind == "local" and ident.value == str(pdf.resolve())


def test_missing_local_pdf_names_the_file(tmp_path):
    missing = tmp_path / "nope.pdf"
    with pytest.raises(IdentifierError, match="nope.pdf"):
        parse_identifier(str(missing))


@pytest.mark.parametrize("text, link", [
    ("The article is https://arxiv.org/abs/2301.01234v2.", "https://arxiv.org/abs/2301.01234v2"),
    ("Code: https://github.com/a/b. Article (https://doi.org/10.1039/d5dd00294j).",
     "https://doi.org/10.1039/d5dd00294j"),
    ("Analysed article: arXiv 2301.01234, see section 2", "arXiv:2301.01234"),
    ("ref arXiv:hep-th/9901001v1; other", "arXiv:hep-th/9901001v1"),
    ("DOI: 10.26434/chemrxiv-2023-vmbt3, posted 2023", "10.26434/chemrxiv-2023-vmbt3"),
    ("see 10.1016/S0022-2836(05)80360-2.", "10.1016/S0022-2836(05)80360-2"),
    ("(doi:10.1101/2021.11.22.469359)", "10.1101/2021.11.22.469359"),
    ("bare id 2405.13786 in the text", "2405.13786"),
    ("www.biorxiv.org/content/10.1101/2021.11.22.469359v2.full", "www.biorxiv.org/content/10.1101/2021.11.22.469359v2.full"),
    ("only a site https://example.org/blog/post, nothing else", "https://example.org/blog/post"),
    ("\\textbf{Article:} \\url{https://doi.org/10.1038/s41524-021-00636-z}\\\\", "https://doi.org/10.1038/s41524-021-00636-z"),
    ("Read at https://www.nature.com/articles/s41524-021-00636-z today", "https://www.nature.com/articles/s41524-021-00636-z"),
])
def test_find_article_link(text, link):
    assert find_article_link(text) == link
    if not link.startswith("https://example.org"):
        parse_identifier(link)  # what is found is what resolve accepts


@pytest.mark.parametrize("text", [
    "", "No link here at all.", "accuracy was 0.9123 in 2019.10 runs", "We used 1500.5 mg",
    "version 2.1.1234 of the code", "R2 = 0.8712, MAE 1234.5",
])
def test_find_article_link_none(text):
    assert find_article_link(text) is None
