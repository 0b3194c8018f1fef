"""QA of `analyser template`: unwritable outputs, formats that follow --out, PAPER's path told first."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.template.errors import OutputFormatError, OutputWriteError, PaperPathError, TemplateError
from analyser.template.make import check_paper, format_for

ARTICLE = """# Predicting band gaps with random forests

We train a random forest regressor on 4,000 compounds from the OQMD, with an
80/20 train/test split and 5-fold cross-validation. The mean absolute error
is 0.25 eV. A linear model is the baseline. https://doi.org/10.1038/npjcompumats.2016.28
"""


@pytest.fixture()
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, ["template", *map(str, args)])


def one_line_error(result, *needles):
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# 1. an output folder that cannot be written

@pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("extra", [(), ("--force",), ("--format", "docx")])
def test_an_unwritable_folder_is_a_one_line_error(in_tmp, extra):
    out = "/proc/x.docx" if "docx" in extra else "/proc/x.md"
    result = run("article.md", "--out", out, *extra)
    one_line_error(result, f"{out}: cannot write the template (")


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_an_os_error_while_writing_names_the_output(in_tmp, monkeypatch, fmt):
    from contextlib import contextmanager

    import analyser.template.render as render

    @contextmanager
    def read_only(path):
        raise PermissionError(13, "Permission denied")
        yield  # pragma: no cover

    monkeypatch.setattr(render, "atomic_path", read_only)
    result = run("article.md", "--out", f"mine.{fmt}")
    one_line_error(result, f"mine.{fmt}: cannot write the template (Permission denied)")
    assert not (in_tmp / f"mine.{fmt}").exists()


# 2. the format follows --out's extension

@pytest.mark.parametrize("name, fmt", [("a.md", "md"), ("a.markdown", "md"), ("a.TEX", "tex"), ("a.docx", "docx"),
                                       ("a.html", "html"), ("a.htm", "html"), ("noextension", "md")])
def test_the_format_comes_from_the_extension(name, fmt):
    assert format_for(Path(name), None) == fmt
    assert format_for(Path(name), fmt) == fmt
    assert format_for(None, None) == "md"


def test_an_unknown_extension_is_refused_with_the_formats():
    with pytest.raises(OutputFormatError) as caught:
        format_for(Path("t3.pdf"), None)
    message = str(caught.value)
    assert message.startswith("t3.pdf: ") and all(f".{fmt}" in message for fmt in ("md", "tex", "docx", "html"))
    # Asked for explicitly, a format may go into a file of any other extension.
    assert format_for(Path("notes.txt"), "md") == "md"


def test_a_format_that_contradicts_the_extension_is_refused():
    with pytest.raises(OutputFormatError, match=r"--format md does not match t2\.docx"):
        format_for(Path("t2.docx"), "md")
    with pytest.raises(OutputFormatError, match=r"--format html does not match t\.md"):
        format_for(Path("t.md"), "html")


@pytest.mark.parametrize("args, needle", [
    (("--out", "t3.pdf"), "t3.pdf: cannot write a .pdf template"),
    (("--format", "md", "--out", "t2.docx"), "--format md does not match t2.docx"),
    (("--format", "docx", "--out", "t.html"), "--format docx does not match t.html"),
])
def test_no_template_is_written_in_the_wrong_format(in_tmp, args, needle):
    result = run("article.md", *args)
    one_line_error(result, needle)
    assert not (in_tmp / args[-1]).exists()


# 3. a missing file, a folder

@pytest.mark.parametrize("name", ["missing.md", "missing.docx", "missing.tex", "missing.html", "missing.txt"])
def test_a_missing_document_is_a_missing_file(in_tmp, name):
    one_line_error(run(name), f"{name}: no such file")
    with pytest.raises(PaperPathError):
        check_paper(name)


def test_a_missing_pdf_is_a_missing_file(in_tmp):
    one_line_error(run("missing.pdf"), "missing.pdf: no such PDF file")


def test_a_folder_is_not_an_article(in_tmp):
    (in_tmp / "SOMEFOLDER").mkdir()
    one_line_error(run("SOMEFOLDER"), "SOMEFOLDER: is a folder, not an article")
    (in_tmp / "papers.pdf").mkdir()
    one_line_error(run("papers.pdf"), "papers.pdf: is a folder, not an article")


def test_files_and_identifiers_still_pass(in_tmp):
    assert check_paper("article.md") == Path("article.md")
    assert check_paper("arXiv:1605.08386") is None
    assert check_paper("https://arxiv.org/pdf/1605.08386.pdf") is None
    assert check_paper("arxiv.org/pdf/1605.08386.pdf") is None
    assert issubclass(PaperPathError, TemplateError) and issubclass(OutputWriteError, TemplateError)


# 4. PAPER's path is told before an existing output

@pytest.mark.parametrize("paper, needle", [
    ("missing.md", "missing.md: no such file"),
    ("missing.pdf", "missing.pdf: no such PDF file"),
    ("SOMEFOLDER", "SOMEFOLDER: is a folder, not an article"),
    ("certainly not a paper", "not an article identifier"),
])
def test_the_paper_is_checked_before_the_existing_output(in_tmp, paper, needle):
    (in_tmp / "SOMEFOLDER").mkdir()
    existing = in_tmp / "analysis-template.md"
    existing.write_text("my draft", encoding="utf-8")
    line = one_line_error(run(paper), needle)
    assert "already exists" not in line
    assert existing.read_text(encoding="utf-8") == "my draft"


def test_an_existing_output_is_still_refused_for_a_good_paper(in_tmp):
    existing = in_tmp / "analysis-template.md"
    existing.write_text("my draft", encoding="utf-8")
    one_line_error(run("article.md"), "analysis-template.md: already exists")
    assert existing.read_text(encoding="utf-8") == "my draft"
    assert run("article.md", "--force").exit_code == 0
    assert existing.read_text(encoding="utf-8") != "my draft"
