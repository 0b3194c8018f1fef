"""Page fit, measured for real: every section filled to its word budget, printed by headless Chromium."""

from __future__ import annotations

import itertools
import subprocess
import unicodedata
from pathlib import Path

import pytest

from analyser.rubric import load_rubric
from analyser.template import build_content
from analyser.template.render import render_text
from analyser.template_markers import END_MARK
from test_template_build import small_document, small_paper

CHROMIUM = Path("/usr/bin/chromium")
LONG_TITLE = ("A general-purpose machine learning framework for predicting properties of inorganic "
              "materials, with a chemically diverse list of attributes and partitioned data sets")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]


def filler(rubric, words: int) -> str:
    """Exactly `words` words of real prose (the rubric's own descriptors), in paragraphs of 80."""
    source = " ".join(text for c in rubric.criteria for text in c.levels.values()).split()
    chosen = list(itertools.islice(itertools.cycle(source), words))
    return "\n\n".join(" ".join(chosen[i:i + 80]) for i in range(0, words, 80))


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_filled_template_prints_on_at_most_the_page_limit(lang, tmp_path):
    import pypdf

    rubric = load_rubric()
    content = build_content(small_document(), small_paper(), rubric, name="Marie-Sklodowska Curie",
                            lang=lang, title=LONG_TITLE, link="https://doi.org/10.1038/npjcompumats.2016.28")
    answers = {s.criterion_id: filler(rubric, s.word_budget) for s in content.sections}
    for section in content.sections:
        assert len(answers[section.criterion_id].split()) == section.word_budget

    html, pdf = tmp_path / "filled.html", tmp_path / "filled.pdf"
    html.write_text(render_text(content, "html", answers), encoding="utf-8")
    print_to_pdf(html, pdf, tmp_path / "profile")

    reader = pypdf.PdfReader(pdf)
    pages = len(reader.pages)
    assert pages <= content.page_limit
    # The budgets use the room they are given: less would leave pages empty.
    assert pages >= content.page_limit - 1
    # NFKC: the PDF sets "fi" as a ligature.
    printed = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))
    # The guidance is for the screen: the printed page is the analysis alone.
    assert END_MARK not in printed
    assert "Marie-Sklodowska Curie" in printed
    assert all(f"{s.number}. {s.heading}" in printed for s in content.sections)
