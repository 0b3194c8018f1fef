"""The per-user cache: hit, miss, --offline, --refresh, --pdf, local files."""

from __future__ import annotations

import json

import pytest

from analyser.sources import NotAPdfError, OfflineMissError, SourceError, attach_pdf, resolve
from analyser.sources.cache import Cache, cache_root, slug
from sources_support import minimal_pdf, serve_atom, serve_pdf, server_url, sources_env  # noqa: F401

ARXIV_PDF = "/arxiv/pdf/2503.05378v2"


def _serve_arxiv(httpserver, server_url):
    serve_atom(httpserver, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    return serve_pdf(httpserver, ARXIV_PDF)


def test_miss_then_hit_without_network(sources_env, server_url):
    data = _serve_arxiv(sources_env, server_url)
    first = resolve("2503.05378")
    assert not first.from_cache and len(sources_env.log) == 2
    second = resolve("https://arxiv.org/abs/2503.05378")  # same canonical id, other form
    assert second.from_cache and second.pdf_path.read_bytes() == data
    assert len(sources_env.log) == 2
    folder = Cache().folder("arXiv:2503.05378")
    assert json.loads((folder / "metadata.json").read_text())["identifier"] == "arXiv:2503.05378v2"
    assert not list(folder.glob("*.part")) and not list(folder.glob(".*"))


def test_refresh_fetches_again(sources_env, server_url):
    _serve_arxiv(sources_env, server_url)
    resolve("2503.05378")
    resolve("2503.05378", refresh=True)
    assert len(sources_env.log) == 4


def test_offline_hit_and_miss(sources_env, server_url):
    with pytest.raises(OfflineMissError, match=r"arXiv:2503\.05378 is not in the cache.*analyser fetch"):
        resolve("2503.05378", offline=True)
    assert len(sources_env.log) == 0
    _serve_arxiv(sources_env, server_url)
    resolve("2503.05378")
    calls = len(sources_env.log)
    fetched = resolve("2503.05378", offline=True)
    assert fetched.pdf_path is not None and len(sources_env.log) == calls


def test_offline_with_metadata_but_no_pdf(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    resolve("2503.05378", download=False)
    fetched = resolve("2503.05378", offline=True)
    assert fetched.pdf_path is None and isinstance(fetched.pdf_error, OfflineMissError)


def test_cache_hit_with_metadata_only_downloads_the_pdf(sources_env, server_url):
    data = _serve_arxiv(sources_env, server_url)
    resolve("2503.05378", download=False)
    fetched = resolve("2503.05378")
    assert fetched.pdf_path.read_bytes() == data
    assert [entry[0].path for entry in sources_env.log] == ["/api/query", ARXIV_PDF]


def test_attach_a_pdf_saved_by_hand(sources_env, server_url, tmp_path):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    saved = tmp_path / "downloaded.pdf"
    saved.write_bytes(minimal_pdf("by hand"))
    fetched = attach_pdf("2503.05378", saved)
    assert fetched.pdf_path.read_bytes() == saved.read_bytes()
    assert fetched.pdf_path == Cache().pdf_path("arXiv:2503.05378")
    assert resolve("2503.05378", offline=True).pdf_path.read_bytes() == saved.read_bytes()


def test_attach_refuses_a_non_pdf_before_any_network(sources_env, tmp_path):
    page = tmp_path / "saved.pdf"
    page.write_text("<html>Just a moment...</html>")
    with pytest.raises(NotAPdfError, match="saved.pdf"):
        attach_pdf("2503.05378", page)
    assert len(sources_env.log) == 0


def test_local_pdf(tmp_path):
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(minimal_pdf())
    fetched = resolve(pdf)  # a Path works as well as its text
    assert fetched.paper.source == "local" and fetched.paper.identifier == "local:article.pdf"
    assert fetched.pdf_path == pdf.resolve()


def test_local_truncated_pdf_names_the_file(tmp_path):
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(minimal_pdf()[:200])
    with pytest.raises(NotAPdfError, match=r"cut\.pdf: truncated PDF"):
        resolve(str(pdf))


def test_corrupt_cache_entry_is_refetched(sources_env, server_url):
    _serve_arxiv(sources_env, server_url)
    meta = Cache().folder("arXiv:2503.05378") / "metadata.json"
    meta.parent.mkdir(parents=True)
    meta.write_text("{not json")
    assert resolve("2503.05378").paper.title.startswith("A Survey on Web Testing")


def test_cache_root_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_root() == tmp_path / "mine"
    monkeypatch.delenv("ANALYSER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "analyser"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "analyser"


@pytest.mark.parametrize("identifier, expected", [
    ("arXiv:2301.01234v2", "arxiv-2301.01234v2"),
    ("arXiv:hep-th/9901001", "arxiv-hep-th-9901001"),
    ("doi:10.26434/chemrxiv.10001917/v1", "doi-10.26434-chemrxiv.10001917-v1"),
    ("doi:10.1016/s0022-2836(05)80360-2", "doi-10.1016-s0022-2836-05-80360-2"),
    ("local:../../etc/passwd", "local-..-..-etc-passwd"),
])
def test_slug_is_a_safe_folder_name(identifier, expected):
    assert slug(identifier) == expected
    assert "/" not in slug(identifier) and slug(identifier) not in (".", "..")


def test_long_slug_is_bounded():
    name = slug("doi:10.1234/" + "x" * 500)
    assert len(name) <= 100 and name.startswith("doi-10.1234-xxx")
    assert name != slug("doi:10.1234/" + "x" * 499)


def test_unknown_search_source():
    from analyser.sources import search

    with pytest.raises(SourceError, match="unknown source"):
        search("x", source="pubmed")
