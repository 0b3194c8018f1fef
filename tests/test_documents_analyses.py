"""Students' analyses (../shared/eval-dev/analyses) load in every format they hand in.

Each analysis exists as <id>.md (its source) and as the file the student
handed in (pdf, docx, tex, txt); both must give the same words and the same
headings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyser.documents import load

ANALYSES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-dev" / "analyses"
HANDED_IN = sorted(
    path for path in ANALYSES.glob("d*.*") if path.suffix in (".pdf", ".docx", ".tex", ".txt")
)


def _md_headings(source: str) -> list[str]:
    return [
        re.sub(r"[*_`]", "", match.group(1)).strip()
        for match in re.finditer(r"^#{1,6}\s+(.+)$", source, re.MULTILINE)
    ]


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


@pytest.fixture(params=[path.name for path in HANDED_IN] or ["none"])
def analysis(request, eval_dev_dir) -> Path:
    path = eval_dev_dir / "analyses" / request.param
    if not path.exists():
        pytest.skip(f"{request.param} not there")
    return path


def test_word_count_close_to_the_markdown_source(analysis: Path):
    handed_in = load(analysis, pdf_engine="pdfium")
    source = load(analysis.with_suffix(".md"))
    assert handed_in.kind == analysis.suffix.lstrip(".")
    assert abs(handed_in.word_count - source.word_count) <= 0.03 * source.word_count
    assert handed_in.pages_estimated == (handed_in.kind != "pdf")
    assert 1 <= handed_in.page_count <= 6


_PROSE = re.compile(r"^[^\W\d_][\w\s.,;:'\"()?!%/–—-]+$")


def test_sentences_match_the_source(analysis: Path):
    handed_in = {_fold(s.text) for s in load(analysis, pdf_engine="pdfium").sentences}
    source = [s.text for s in load(analysis.with_suffix(".md")).sentences if len(s.text.split()) >= 8]
    if analysis.suffix == ".tex":
        # LaTeX writes maths its own way ("$M^{+}$" for "M⁺"): compare the prose.
        source = [sentence for sentence in source if _PROSE.match(sentence)]
    source = [_fold(sentence) for sentence in source]
    found = sum(sentence in handed_in for sentence in source)
    assert found >= 0.8 * len(source)


def test_headings_of_the_source_are_found(analysis: Path):
    """Headings written as headings (Word styles, LaTeX sections, bold PDF lines, lines alone in text)."""
    document = load(analysis, pdf_engine="pdfium")
    wanted = [_fold(heading) for heading in _md_headings(analysis.with_suffix(".md").read_text("utf-8"))]
    found = {_fold(section.heading) for section in document.sections}
    # LaTeX and PDFs may number the headings ("1 Context") or drop the number.
    found |= {re.sub(r"^\d+ ", "", heading) for heading in found}
    wanted = [re.sub(r"^\d+ ", "", heading) for heading in wanted[1:]]  # [0] is the title
    hits = sum(heading in found for heading in wanted)
    assert hits >= 0.8 * len(wanted), (wanted, sorted(found))
