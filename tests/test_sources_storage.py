"""Folders the sources write (--out, the cache) that cannot be made: one clear line, exit 2,
said before any network; and `search --offline` over the cache."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.sources import StorageError, resolve
from sources_support import (  # noqa: F401
    fixture_json,
    minimal_pdf,
    serve_atom,
    serve_pdf,
    server_url,
    sources_env,
)


def _run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def local_pdf(tmp_path):
    path = tmp_path / "gao2024-ssl.pdf"
    path.write_bytes(minimal_pdf())
    return path


def _one_line_error(result, start: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: " + start), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_out_under_a_file(tmp_path, local_pdf):
    (tmp_path / "empty.md").write_text("")
    result = _run("fetch", str(local_pdf), "--out", str(tmp_path / "empty.md" / "x"))
    _one_line_error(result, f"{tmp_path / 'empty.md' / 'x'}: cannot create the output folder (Not a directory")


def test_out_under_proc(local_pdf):
    result = _run("fetch", str(local_pdf), "--out", "/proc/analyser-test/x")
    _one_line_error(result, "/proc/analyser-test/x: cannot create the output folder (")


def test_a_file_where_the_article_folder_goes(tmp_path, local_pdf):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "local-gao2024-ssl").write_text("in the way")
    result = _run("fetch", str(local_pdf), "--out", str(tmp_path / "out"))
    _one_line_error(result, f"{tmp_path / 'out' / 'local-gao2024-ssl'}: cannot create the output folder (File exists")


def test_bad_out_is_said_before_the_network(sources_env, tmp_path):
    (tmp_path / "file").write_text("")
    result = _run("fetch", "2503.05378", "--out", str(tmp_path / "file" / "papers"))
    _one_line_error(result, f"{tmp_path / 'file' / 'papers'}: cannot create the output folder")
    assert len(sources_env.log) == 0


def test_cache_dir_that_is_a_file(sources_env, server_url, tmp_path, monkeypatch):
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(blocker))
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    with pytest.raises(StorageError, match=r"cache-is-a-file: cannot create the cache folder .*ANALYSER_CACHE_DIR"):
        resolve("2503.05378")
    assert len(sources_env.log) == 0  # said before the network
    result = _run("fetch", "2503.05378", "--out", str(tmp_path / "out"))
    _one_line_error(result, f"{blocker}: cannot create the cache folder (Not a directory")


def test_cache_entry_blocked_by_a_file(sources_env, server_url, tmp_path, monkeypatch):
    root = tmp_path / "cache"
    (root / "papers").mkdir(parents=True)
    (root / "papers" / "arxiv-2503.05378").write_text("in the way")
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(root))
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    with pytest.raises(StorageError, match=r"cannot create the cache folder \(File exists"):
        resolve("2503.05378")


def test_download_that_cannot_be_written_is_the_pdf_error(sources_env, server_url, tmp_path):
    from analyser.sources.cache import Cache

    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    serve_pdf(sources_env, "/arxiv/pdf/2503.05378v2")
    Cache().pdf_path("arXiv:2503.05378").mkdir(parents=True)  # a folder where paper.pdf goes
    fetched = resolve("2503.05378")
    assert fetched.pdf_path is None and isinstance(fetched.pdf_error, StorageError)
    assert "paper.pdf: cannot write the downloaded PDF (Is a directory" in str(fetched.pdf_error)
    result = _run("fetch", "2503.05378", "--out", str(tmp_path / "out"))
    _one_line_error(result, str(Cache().pdf_path("arXiv:2503.05378")))


# --- search --offline: the cache's own metadata --------------------------------------------

def _fill_cache(sources_env, server_url):
    serve_atom(sources_env, server_url, "arxiv-id-2503.05378.xml", id_list="2503.05378")
    resolve("2503.05378", download=False)
    sources_env.expect_request("/crossref/works/10.26434/chemrxiv.10001917/v1").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    return resolve("10.26434/chemrxiv.10001917/v1", download=False).paper


def test_search_offline_finds_cached_articles_by_their_words(sources_env, server_url):
    chem = _fill_cache(sources_env, server_url)
    calls = len(sources_env.log)
    result = _run("search", "web", "TESTING", "--offline")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1. A Survey on Web Testing")
    assert "arXiv:2503.05378v2" in result.stdout and "2. " not in result.stdout
    word = next(w for w in chem.title.split() if len(w) > 5).strip(",.:")
    both = _run("search", word, "--offline", "--format", "json")
    assert chem.identifier in [record["identifier"] for record in json.loads(both.stdout)]
    only_arxiv = _run("search", word, "--offline", "--source", "arxiv", "--format", "json")
    assert chem.identifier not in [record["identifier"] for record in json.loads(only_arxiv.stdout)]
    assert len(sources_env.log) == calls  # no network


def test_search_offline_no_match(sources_env, server_url):
    _fill_cache(sources_env, server_url)
    result = _run("search", "zzzqqq", "--offline")
    assert result.exit_code == 0 and result.stdout == "no results for 'zzzqqq' among the cached articles\n"


def test_search_offline_ignores_arxiv_query_syntax(sources_env, server_url):
    _fill_cache(sources_env, server_url)
    result = _run("search", "ti:web AND ti:testing", "--offline")
    assert result.exit_code == 0 and result.stdout.startswith("1. A Survey on Web Testing")


def test_search_network_down_points_to_an_option_search_has(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("ANALYSER_ARXIV_URL", f"http://127.0.0.1:{port}/api/query")
    monkeypatch.setenv("ANALYSER_HTTP_RETRIES", "0")
    down = _run("search", "x")
    _one_line_error(down, "could not reach 127.0.0.1")
    assert "--offline" in down.stderr
    offline = _run("search", "x", "--offline")  # the option the message suggests exists
    assert offline.exit_code == 0, offline.output
