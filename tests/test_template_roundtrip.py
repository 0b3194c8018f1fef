"""Round trip with the checker: an untouched template scores 0; a filled one is read back criterion by criterion."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analyser.template import make_template
from analyser.template.render import write_template
from analyser.template_markers import END_MARK

PAPER = "ward2016-general-purpose-ml-inorganic-materials.pdf"
FORMATS = ("md", "docx", "html", "tex")
CHROMIUM = Path("/usr/bin/chromium")

# A student's answers for Ward et al. (2016), one per criterion, in their own words.
ANSWERS = {
    "context": (
        "The scientific question is how to predict properties such as the band gap or glass-forming ability "
        "of inorganic materials without running an expensive DFT calculation or synthesis for every candidate. "
        "Machine learning is useful because the space of compositions is far too large to screen one by one, "
        "and before this paper each property needed its own hand-made model; the authors claim one general "
        "framework instead."
    ),
    "framing": (
        "It is a supervised learning problem: regression for the band gap and formation energy, and "
        "classification for glass-forming ability. The inputs are 145 attributes computed from the composition "
        "alone and the targets are DFT values from the OQMD (228,676 entries) or measured glasses (5,369 alloys). "
        "The data come from a public database, so the labels carry the errors of DFT, and the framing fits "
        "because only the composition is known before a material is made."
    ),
    "model": (
        "The model is an ensemble of decision trees: reduced-error pruning trees combined with the random "
        "subspace method, each tree seeing a random subset of the attributes. The representation is the vector "
        "of 145 Magpie attributes (stoichiometry, elemental property statistics, electronic structure, ionic "
        "character). The data are first partitioned into groups of similar materials, with one model per group, "
        "which suits data whose behaviour changes between metals and insulators."
    ),
    "optimisation": (
        "Each tree is grown by greedy splits that minimise the squared error, and pruning on held-out data "
        "limits its depth, so the fitting procedure is not gradient descent. The hyperparameters, such as the "
        "number of trees and the subspace size, were chosen by comparing ten algorithms in cross-validation, "
        "but the grid of values tried is never reported, which I find a weakness."
    ),
    "overfitting": (
        "The evidence against overfitting is the 10-fold cross-validation error, which stays low, but training "
        "and test errors are never compared side by side. With 228,676 samples for 145 features the data size is "
        "large against the model's capacity, so variance is not my main worry. The random split, however, puts "
        "near-identical compositions in both folds, which is leakage, so the error is optimistic for new "
        "chemistries; a split by chemical family would be a fairer test."
    ),
    "alternatives": (
        "A kernel ridge regression or a Gaussian process on the same attributes could do better on the small "
        "glass data set, because they give uncertainties, but they scale badly to 228,676 entries. A graph "
        "neural network on crystal structures would use more information, but structures are unknown before "
        "synthesis, which is why composition was chosen. Another formulation would be to predict the band gap "
        "class directly as classification, which matches how the candidates are screened."
    ),
}


@pytest.fixture(scope="module")
def article(papers_dir):
    from analyser.documents import load
    from analyser.template.make import extract_facts

    document = load(papers_dir / PAPER)
    return papers_dir / PAPER, document, extract_facts(document)


@pytest.fixture(scope="module")
def checker():
    checking = pytest.importorskip("analyser.checking")
    return checking.check


def _score(checker, path, article):
    _, document, facts = article
    return checker(path, paper=document, facts=facts, offline=True)


def _checks(report) -> dict[str, bool]:
    return {c.id: c.passed for c in report.checks}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_untouched_template_scores_zero_and_passes_name_and_link(fmt, lang, article, checker, tmp_path):
    paper, _, _ = article
    result = make_template(paper, fmt=fmt, out=tmp_path / f"t.{fmt}", name="Marie Curie", lang=lang)
    # The template is not empty: it quotes the article in its guidance...
    assert sum(len(s.facts) for s in result.content.sections) >= 6
    report = _score(checker, result.path, article)
    # ...and none of it counts as the student's.
    assert {c.id: c.score for c in report.criteria} == {c.id: 0 for c in report.criteria}
    checks = _checks(report)
    assert checks["student_name"] and checks["article_link"]
    assert report.student_name == "Marie Curie"
    assert "10.1038/npjcompumats.2016.28" in report.article_link


def test_untouched_template_without_a_name_fails_the_name_check(article, checker, tmp_path):
    paper, _, _ = article
    result = make_template(paper, fmt="md", out=tmp_path / "t.md")
    assert not _checks(_score(checker, result.path, article))["student_name"]


def _read_back(report) -> None:
    """Every criterion scored from its own section, and only from the student's words."""
    for criterion in report.criteria:
        assert criterion.score >= 1, criterion.id
        quotes = [e.quote if hasattr(e, "quote") else e["quote"] for e in criterion.evidence]
        assert quotes, criterion.id
        for quote in quotes:
            assert END_MARK not in quote
            # The evidence comes from this criterion's section, not from a neighbour's
            # (compared on letters and digits: a PDF reader may drop a hyphen at a line end).
            assert _letters(" ".join(quote.split()[:6])) in _letters(ANSWERS[criterion.id]), (criterion.id, quote)


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


@pytest.mark.parametrize("fmt", FORMATS)
def test_filled_template_is_read_back_criterion_by_criterion(fmt, article, checker, tmp_path):
    paper, _, _ = article
    content = make_template(paper, fmt="md", out=tmp_path / "first.md", name="Marie Curie").content
    path = write_template(content, fmt, tmp_path / f"filled.{fmt}", answers=ANSWERS)
    _read_back(_score(checker, path, article))


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_filled_html_printed_to_pdf_is_read_back(article, checker, tmp_path):
    """The HTML workflow: type in the boxes, print to PDF, hand the PDF in."""
    paper, _, _ = article
    html = make_template(paper, fmt="html", out=tmp_path / "t.html", name="Marie Curie").content
    path = write_template(html, "html", tmp_path / "filled.html", answers=ANSWERS)
    pdf = tmp_path / "filled.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}",
         f"--print-to-pdf={pdf}", "--no-pdf-header-footer", path.as_uri()],
        check=True, capture_output=True, timeout=180,
    )
    report = _score(checker, pdf, article)
    _read_back(report)
    checks = _checks(report)
    assert checks["student_name"] and checks["article_link"] and checks["page_limit"]


def test_french_template_asks_the_articles_questions_in_french(article, tmp_path):
    paper, _, facts = article
    english = {q.text for q in facts.questions}
    content = make_template(paper, fmt="md", out=tmp_path / "fr.md", lang="fr").content
    asked = [q.text for s in content.sections for q in s.critical_questions]
    assert len(asked) == len(facts.questions) >= 1
    # Every fixed question of analyser.facts has its French version (i18n/fr.toml [questions]).
    assert not english & set(asked), english & set(asked)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_latex_compiled_to_pdf_round_trips(lang, article, checker, tmp_path):
    """The end marks are tiny and light in the PDF, but in its text: wrapped guidance still goes."""
    paper, _, _ = article
    untouched = make_template(paper, fmt="tex", out=tmp_path / "u.tex", name="Marie Curie", lang=lang)
    filled = write_template(untouched.content, "tex", tmp_path / "f.tex", answers=ANSWERS)
    for source in (untouched.path, filled):
        subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", source.name],
                       cwd=tmp_path, check=True, capture_output=True, timeout=120)
    report = _score(checker, tmp_path / "u.pdf", article)
    assert {c.id: c.score for c in report.criteria} == {c.id: 0 for c in report.criteria}
    assert _checks(report)["student_name"] and _checks(report)["article_link"]
    _read_back(_score(checker, tmp_path / "f.pdf", article))
