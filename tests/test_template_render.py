"""The four formats: each opens with its own tooling, carries every section, and marks its guidance."""

from __future__ import annotations

import html as html_module
import os
import re
import shutil
from pathlib import Path
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyser.rubric import load_rubric
from analyser.template import OutputExistsError, build_content
from analyser.template.latex import tex_escape
from analyser.template.render import render_text, write_template
from analyser.template_markers import END_MARK, is_template_text
from test_template_build import small_document, small_paper

NASTY = r"Band gaps & 100% of {ΔE} at $5 # x_1 ~ y^2 \ ≈ λ"


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


@pytest.fixture(scope="module", params=["en", "fr"])
def content(request, rubric):
    facts = small_paper()
    facts.models[0].evidence[0].quote = f"We fit {NASTY} with trees."  # a quote with every special character
    return build_content(
        small_document(), facts, rubric, name="Marie Curie", lang=request.param,
        title=NASTY, link="https://doi.org/10.1038/x_y.2016.28", date="2026-11-29",
    )


def _titles(content) -> list[str]:
    return [f"{s.number}. {s.heading}" for s in content.sections]


# --- Markdown -------------------------------------------------------------------


def test_markdown_sections_and_every_line_is_marked_or_the_students(content):
    text = render_text(content, "md")
    # The guidance is in HTML comments, which need no end mark (and show none).
    assert END_MARK not in text
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == _titles(content)
    title_block = {f"{content.labels[k]}{content.labels['colon']}" for k in ("name", "article", "date")}
    for line in text.splitlines():
        if not line.strip() or line.startswith("## ") or line.strip() == ">":
            continue
        # Anything else the template wrote must be recognisable as the template's.
        assert is_template_text(line) or any(line.startswith(label) for label in title_block), line
    assert "Marie Curie" in text and "https://doi.org/10.1038/x_y.2016.28" in text


def test_markdown_guidance_is_hidden_in_comments_that_no_quote_can_close(rubric):
    facts = small_paper()
    facts.models[0].evidence[0].quote = "An R2 > 0.9 --> trees <b>win</b>."
    text = render_text(build_content(small_document(), facts, rubric), "md")
    comments = re.findall(r"<!--(.*?)-->", text, re.DOTALL)
    assert len(comments) == len(rubric.criteria) + 1  # the reminder, then one per section
    assert "An R2 &gt; 0.9 --&gt; trees &lt;b&gt;win&lt;/b&gt;." in text
    assert all("<" not in c and ">" not in c for c in comments)
    # Outside the comments: only the title block, the headings and blank lines.
    outside = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    title_block = ("#", "Name:", "Article:", "Date:")
    assert [line for line in outside.splitlines() if line.strip() and not line.startswith(title_block)] == []


# --- LaTeX ----------------------------------------------------------------------


def _unescaped(tex: str) -> list[str]:
    """Special characters in the body that are neither escaped nor LaTeX's own syntax."""
    body = tex.split(r"\begin{document}", 1)[1]
    body = re.sub(r"\\url\{[^}]*\}", "", body)  # \url takes its argument verbatim
    body = re.sub(r"\\ensuremath\{[^{}]*\}", "", body)
    body = re.sub(r"\\[A-Za-z]+\*?(\{\})?", "", body)  # commands: \section*, \textasciitilde{}...
    body = re.sub(r"\\.", "", body)  # escaped characters: \& \% \{ ...
    return re.findall(r"[&%$#_~^\\]", body)


def _balanced(tex: str) -> None:
    depth, i = 0, 0
    while i < len(tex):
        char = tex[i]
        if char == "\\":
            i += 2
            continue
        if char == "%":  # a comment runs to the end of the line
            i = tex.find("\n", i) if "\n" in tex[i:] else len(tex)
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, tex[max(0, i - 80): i + 1]
        i += 1
    assert depth == 0
    stack = []
    for kind, name in re.findall(r"\\(begin|end)\{([^}]*)\}", tex):
        if kind == "begin":
            stack.append(name)
        else:
            assert stack and stack.pop() == name, name
    assert not stack


def test_latex_balanced_escaped_and_complete(content):
    tex = render_text(content, "tex")
    _balanced(tex)
    assert _unescaped(tex) == []
    assert tex_escape(NASTY) in tex
    sections = re.findall(r"\\section\*\{(.*)\}", tex)
    assert sections == [tex_escape(t) for t in _titles(content)]
    assert r"\url{https://doi.org/10.1038/x_y.2016.28}" in tex
    if content.lang == "fr":  # French where babel-french is installed, and compiles where it is not
        assert r"\IfFileExists{french.ldf}{\usepackage[french]{babel}}{\usepackage[english]{babel}}" in tex
    else:
        assert r"\usepackage[english]{babel}" in tex


def test_latex_end_marks_are_tiny_and_light(content):
    tex = render_text(content, "tex")
    body = tex.split(r"\begin{document}", 1)[1]
    assert body.count(END_MARK) == body.count(rf"\guideend{{{END_MARK}}}") > len(content.sections)
    assert r"\newcommand{\guideend}[1]{{\tiny\color{lightgray}#1}}" in tex


def test_latex_escaping_breaks_nothing_when_filled(content):
    answers = {s.criterion_id: f"My view: {NASTY}.\n\nSecond paragraph 50% sure." for s in content.sections}
    tex = render_text(content, "tex", answers)
    _balanced(tex)
    assert _unescaped(tex) == []
    assert tex.count("Second paragraph 50\\% sure.") == len(content.sections)


_TEX_UNDO = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^"}


@given(st.text(alphabet=st.sampled_from(list("ab &%$#_{}~^\\xy")), max_size=40))
def test_tex_escape_leaves_no_special_character(text):
    escaped = tex_escape(text)
    _balanced(escaped)
    assert _unescaped(r"\begin{document}" + escaped) == []
    undone = re.sub(r"\\textbackslash\{\}|\\textasciitilde\{\}|\\textasciicircum\{\}|\\(.)",
                    lambda m: _TEX_UNDO.get(m.group(0), m.group(1)), escaped)
    assert undone == text


# --- HTML -----------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class StrictHTML(HTMLParser):
    """Every element closed, in order (html.parser alone forgives everything)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.sections: list[str] = []
        self.headings: list[str] = []
        self._in_h2 = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "section":
            self.sections.append(dict(attrs)["data-criterion"])
        if tag == "h2":
            self._in_h2 = True
            self.headings.append("")

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
        self._in_h2 = self._in_h2 and tag != "h2"

    def handle_data(self, data):
        if self._in_h2:
            self.headings[-1] += data
        self.text.append(data)


def test_html_parses_strictly_and_carries_every_section(content):
    html = render_text(content, "html")
    parser = StrictHTML()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    assert parser.sections == [s.criterion_id for s in content.sections]
    assert parser.headings == _titles(content)
    assert f'<html lang="{content.lang}">' in html
    # Autoescaped: the article's text cannot inject markup.
    text = "".join(parser.text)
    assert NASTY in text and "We fit" in text
    assert text.count(END_MARK) == html.count(END_MARK)
    # Every end mark is set small and light, not as a visible pilcrow.
    from analyser.template.render import HTML_END_MARK

    assert html.count(END_MARK) == html.count(HTML_END_MARK) > len(content.sections)
    rule = re.search(r"\.end-mark \{([^}]*)\}", html).group(1)
    assert re.search(r"font-size: [4-7]pt", rule)
    assert re.search(r"color: #[d-f][0-9a-f][d-f][0-9a-f][d-f][0-9a-f]", rule)  # light


def test_html_escapes_markup_from_the_article(rubric):
    content = build_content(None, None, rubric, title="<script>alert(1)</script> & co")
    html = render_text(content, "html")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


# --- Word -----------------------------------------------------------------------


def test_docx_opens_with_python_docx(content, tmp_path):
    from docx import Document
    from docx.shared import Cm

    path = write_template(content, "docx", tmp_path / "a.docx")
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == _titles(content)
    texts = [p.text for p in document.paragraphs]
    assert f"{content.labels['name']}{content.labels['colon']}Marie Curie" in texts
    assert any(NASTY in t for t in texts)
    guidance = [t for t in texts if t.endswith(END_MARK)]
    assert guidance and all(is_template_text(t) for t in guidance)
    # The end mark is a tiny, very light run of its own (still in the text of the file and of its PDF).
    marks = [run for p in document.paragraphs for run in p.runs if END_MARK in run.text]
    assert len(marks) == len(guidance) == sum(t.count(END_MARK) for t in texts)
    for run in marks:
        assert run.text == END_MARK and run.font.size.pt <= 6
        assert min(run.font.color.rgb) >= 0xD0  # (r, g, b) all light
    assert abs(document.sections[0].page_width - Cm(21)) < Cm(0.1)
    assert document.core_properties.language == content.lang


def test_french_words_in_every_format(rubric, tmp_path):
    from docx import Document

    content = build_content(small_document(), small_paper(), rubric, lang="fr")
    words = ["Contexte", "Question pour vous guider", "Budget de mots", "Dans l'article", "Rappel :"]
    for fmt in ("md", "tex", "html"):
        text = render_text(content, fmt)
        text = html_module.unescape(text) if fmt == "html" else text
        assert all(w in text for w in words), fmt
        assert "Guiding question" not in text
    document = Document(str(write_template(content, "docx", tmp_path / "fr.docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(w in text for w in words)


# --- writing files --------------------------------------------------------------


def test_write_refuses_to_overwrite_and_is_atomic(content, tmp_path):
    out = tmp_path / "t.md"
    out.write_text("my draft")
    with pytest.raises(OutputExistsError, match="t.md"):
        write_template(content, "md", out)
    assert out.read_text() == "my draft"
    write_template(content, "md", out, force=True)
    assert out.read_text().startswith("# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.md"]  # no temporary left behind
    assert os.stat(out).st_mode & 0o044  # readable by others, like any new file


def test_a_failed_write_leaves_nothing(content, tmp_path):
    with pytest.raises(Exception):
        write_template(content, "md", tmp_path / "t.md", answers={"context": object()})
    assert list(tmp_path.iterdir()) == []


TORTURE = (NASTY + " ⁴⁷ ¹³⁻¹⁶ H₂O 10⁻³ Å µm ±0.1 − ≈ ∼ 5 × 10 °C “q” ‘q’ – — … € ‰ « » ¶ § "
           + "".join(chr(c) for c in range(0xA1, 0x180) if c != 0xAD) + " 中文 🙂 ∮ ℏ ⟨x⟩ ő ł")


def _pdflatex(tex: str, folder: Path) -> Path:
    import subprocess

    source = folder / "t.tex"
    source.write_text(tex, encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                         cwd=folder, capture_output=True, text=True, errors="replace", timeout=120)
    errors = [line for line in run.stdout.splitlines() if line.startswith("!")]
    assert run.returncode == 0 and not errors, errors or run.stdout[-2000:]
    return folder / "t.pdf"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_latex_compiles_with_pdflatex_whatever_the_article_quotes(rubric, tmp_path, lang):
    """In French too, with or without babel-french installed (a minimal TeX Live has none)."""
    import pypdf

    facts = small_paper()
    facts.models[0].evidence[0].quote = TORTURE
    content = build_content(small_document(), facts, rubric, lang=lang, title=TORTURE, name="Zoë Ło",
                            link="https://doi.org/10.1000/a_b%c#d")
    answers = {s.criterion_id: f"My own text about {TORTURE}." for s in content.sections}
    pdf = _pdflatex(render_text(content, "tex", answers), tmp_path)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert all(f"{s.number}. " in text for s in content.sections)
    assert "100% of {" in text  # the escaped specials print as themselves
    log = (tmp_path / "t.log").read_text(errors="replace")
    french_rules = "Language: french" in log or "french.ldf" in log
    assert french_rules == (lang == "fr" and _kpsewhich("french.ldf")), "babel-french is used if and only if it is there"


def _kpsewhich(name: str) -> bool:
    import subprocess

    return bool(subprocess.run(["kpsewhich", name], capture_output=True, text=True).stdout.strip())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_format_carries_the_same_content(rubric, tmp_path, lang):
    """All four formats, read back by analyser.documents, show every piece of the content."""
    from analyser.documents import load

    content = build_content(small_document(), small_paper(), rubric, lang=lang, name="Marie Curie")
    expected = [content.title.student_name, content.title.link, content.reminder[:40]]
    for section in content.sections:
        expected += [section.heading, section.placeholder[:30], *section.guiding_questions]
        expected += [fact.quote for fact in section.facts] + [q.text for q in section.critical_questions]
        expected += [lab.command for lab in section.lab]
    for fmt in ("md", "tex", "docx", "html"):
        path = write_template(content, fmt, tmp_path / f"{lang}.{fmt}")
        # Markdown's guidance is in comments, which its readers skip as viewers do: read the file.
        text = path.read_text(encoding="utf-8") if fmt == "md" else load(path).text
        text = " ".join(text.replace("\\", "").split())  # (Markdown keeps its escapes)
        missing = [piece for piece in expected if " ".join(piece.split()) not in text]
        assert missing == [], fmt
