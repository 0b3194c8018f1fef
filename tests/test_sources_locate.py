"""locate_article: the one place where "the article a user names" becomes a file to read."""

from __future__ import annotations

import pytest

from analyser.documents.errors import MissingFileError
from analyser.sources import IdentifierError, NotAPdfError, locate_article
from sources_support import minimal_pdf, serve_atom, serve_pdf, server_url, sources_env  # noqa: F401

PDF_PATH = "/arxiv/pdf/2503.05378v2"


@pytest.mark.parametrize("name", ["papers", "papers.pdf"])
def test_a_folder_is_not_an_article(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    with pytest.raises(MissingFileError) as raised:
        locate_article(str(folder))
    assert str(raised.value) == f"{folder}: is a folder, not an article"


@pytest.mark.parametrize("name", ["article.docx", "article.md", "notes", "article.rst"])
def test_an_existing_file_of_any_type_is_read_as_it_is(tmp_path, httpserver, name):
    path = tmp_path / name
    path.write_text("# An article\n", encoding="utf-8")
    located = locate_article(str(path))
    assert located.path == path and located.paper is None and located.pdf_error is None
    assert httpserver.log == []  # nothing was fetched


@pytest.mark.parametrize("name", ["missing.docx", "missing.md", "missing.html", "missing.rst"])
def test_a_missing_document_is_a_missing_file(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(MissingFileError) as raised:
        locate_article(path)
    assert str(raised.value) == f"{path}: no such file" and "\n" not in str(raised.value)


def test_a_missing_pdf_is_left_to_the_identifier_parser(tmp_path):
    with pytest.raises(IdentifierError, match="no such PDF file"):
        locate_article(str(tmp_path / "missing.pdf"))


@pytest.mark.parametrize("typed", ["arXiv:2503.05378", "https://arxiv.org/pdf/2503.05378.pdf",
                                   "arxiv.org/pdf/2503.05378.pdf"])
def test_an_identifier_is_resolved_with_its_pdf(sources_env, server_url, typed):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    data = serve_pdf(sources_env, PDF_PATH, minimal_pdf("web testing"))
    located = locate_article(typed)
    assert located.paper.identifier == "arXiv:2503.05378v2"
    assert located.paper.title.startswith("A Survey on Web Testing")
    assert located.pdf_error is None and located.path.read_bytes() == data


def test_a_resolved_article_without_a_pdf_says_why(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    sources_env.expect_request(PDF_PATH).respond_with_data("<html><body>File unavailable</body></html>",
                                                           content_type="text/html")
    located = locate_article("2503.05378")
    assert located.path is None and located.paper.identifier == "arXiv:2503.05378v2"
    assert isinstance(located.pdf_error, NotAPdfError)


def test_cached_article_is_what_an_offline_locate_reads_without_the_network_code(tmp_path):
    import subprocess
    import sys

    from analyser.sources.article import cached_article
    from analyser.sources.cache import Cache
    from analyser.sources.model import Paper

    local = tmp_path / "paper.pdf"
    local.write_bytes(minimal_pdf())
    assert cached_article(str(local)) == local
    assert cached_article("10.1038/s42004-023-00857-x") is None  # not in the cache
    Cache().store("doi:10.1038/s42004-023-00857-x", Paper(identifier="doi:10.1038/s42004-023-00857-x", title="x"))
    assert cached_article("https://doi.org/10.1038/s42004-023-00857-x") is None  # metadata only, no PDF
    pdf = Cache().attach("doi:10.1038/s42004-023-00857-x", local)
    assert cached_article("https://doi.org/10.1038/s42004-023-00857-x") == pdf
    assert cached_article("not an article at all") is None and cached_article(tmp_path) is None
    code = ("import sys; from analyser.sources.article import cached_article; cached_article('10.1/x'); "
            "print(sorted(m for m in ('requests', 'arxiv', 'urllib3') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
