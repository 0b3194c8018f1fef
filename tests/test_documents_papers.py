"""The real articles in ../shared/papers: text, ligatures, sections, running heads."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from analyser.documents import load
from analyser.documents.pdf_engines import extract

PAPERS = sorted(
    (Path(__file__).resolve().parent.parent.parent / "shared" / "papers").glob("*.pdf")
)
LIGATURES = re.compile("[\ufb00-\ufb06]")


@lru_cache(maxsize=None)
def _load(path: Path, engine: str = "pdfium"):
    return load(path, pdf_engine=engine)


@lru_cache(maxsize=None)
def _raw_pages(path: Path) -> tuple[str, ...]:
    return tuple(extract(path.read_bytes(), str(path), "pdfium").pages)


def _raw_lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for page in _raw_pages(path) for line in page.split("\n")]


@pytest.fixture(params=[paper.name for paper in PAPERS] or ["none"])
def paper(request, papers_dir) -> Path:
    path = papers_dir / request.param
    if not path.exists():
        pytest.skip(f"{request.param} not in {papers_dir}")
    return path


def test_text_extracts_on_real_pages(paper: Path):
    document = _load(paper)
    assert document.kind == "pdf" and document.engine == "pdfium"
    assert not document.pages_estimated
    assert document.page_count == len(_raw_pages(paper))
    assert document.word_count > 2000
    assert len(document.sentences) > 100
    starts = {sentence.page for sentence in document.sentences}
    for page in document.pages:
        if len(page.text.split()) > 100:  # pages of body text (not only references)
            assert page.number in starts
    assert all(1 <= sentence.page <= document.page_count for sentence in document.sentences)


def test_no_ligature_glyphs_remain(paper: Path):
    document = _load(paper)
    for text in [document.text, document.references, *(s.text for s in document.sentences)]:
        assert not LIGATURES.search(text)
    assert "\ufffe" not in document.text


def test_abstract_and_references_found_where_the_paper_has_them(paper: Path):
    document = _load(paper)
    lines = {line.lower() for line in _raw_lines(paper)}
    kinds = [section.kind for section in document.sections]
    if "abstract" in lines:
        assert "abstract" in kinds
    if "references" in lines:
        assert "references" in kinds
        assert len(document.references.split()) > 300
        # The bibliography is kept apart: its entries are not in the body text.
        entry = next(line for line in document.references.split("\n") if len(line) > 60)
        assert " ".join(entry.split()[:8]) not in document.text
    assert kinds.count("introduction") >= 1


def test_no_running_header_or_footer_survives(paper: Path):
    """Lines the raw text repeats on at least half of the pages are gone from the body."""
    raw = _raw_pages(paper)
    keyed: Counter[str] = Counter()
    for page in raw:
        keyed.update({re.sub(r"\d+", "#", " ".join(line.split())) for line in page.split("\n")})
    running = {key for key, count in keyed.items() if count >= len(raw) / 2 and len(key) >= 20}
    assert running, "every paper here has a running head or foot"
    document = _load(paper)
    for number, page in enumerate(raw, start=1):
        body = " ".join(document.pages[number - 1].text.split())
        for line in page.split("\n"):
            line = " ".join(line.split())
            if re.sub(r"\d+", "#", line) in running:
                assert line not in body, f"page {number}: {line!r}"


def test_hyphenation_at_line_ends_is_joined(paper: Path):
    document = _load(paper)
    # A line-end hyphen followed by a lower-case word never survives as "- word"
    # inside a word ("inter- pretable"); suspended compounds ("node- and") may.
    broken = re.findall(r"\b[a-z]{3,}- (?!and\b|or\b|to\b)[a-z]{3,}", document.text)
    assert len(broken) <= 2, broken[:5]


@pytest.mark.parametrize("name", ["gao2024-ssl-gnn-polymer-properties.pdf"])
def test_pypdf_engine_gives_the_same_structure(papers_dir, name):
    path = papers_dir / name
    if not path.exists():
        pytest.skip(f"{name} missing")
    slow, fast = _load(path, "pypdf"), _load(path, "pdfium")
    assert slow.engine == "pypdf"
    # pypdf gives no font hints, so only the headings read from the text compare.
    assert [s.kind for s in slow.sections if s.kind] == [s.kind for s in fast.sections if s.kind]
    assert abs(slow.word_count - fast.word_count) < 0.03 * fast.word_count
    assert not LIGATURES.search(slow.text)
    assert "Open Access Article. This article is licensed under a Creative Commons Attribution licence" not in slow.text
