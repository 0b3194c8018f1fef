"""Sources: link finding in student texts, and what the cache saves, in one run.

    python benchmarks/bench_sources.py [--repeat N]

1. find_article_link over the eval-dev analyses (their source texts): agreement with
   the labelled `article_link` (same canonical id), and time per text against a bare
   `re.search("https?://...")` baseline measured on the same texts.
2. resolve() of an arXiv id served by a local HTTP server (recorded feed + a PDF):
   cold fetch against cache hit.
3. resolve() of the course's local PDFs (../shared/papers): title and DOI read from the
   file against MANIFEST.tsv, and time per PDF against the bare %PDF/%%EOF check
   (all a local PDF cost before its metadata was read).
No network is used.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
SHARED = Path(os.environ.get("ANALYSER_SHARED_DIR", REPO.parent / "shared"))


def _median(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_links(repeat: int) -> None:
    from analyser.sources import IdentifierError, find_article_link, parse_identifier

    labels = sorted((SHARED / "eval-dev" / "analyses").glob("*.labels.json"))
    if not labels:
        print("links: no eval-dev set, skipped")
        return
    texts, expected = [], []
    for label in labels:
        source = [p for p in label.parent.glob(label.name.replace(".labels.json", ".*"))
                  if p.suffix in (".md", ".txt", ".tex")]
        texts.append(source[0].read_text(encoding="utf-8"))
        expected.append(json.loads(label.read_text(encoding="utf-8")).get("article_link"))

    def canonical(text):
        try:
            return parse_identifier(text).canonical if text else None
        except IdentifierError:
            return text

    agree = sum(canonical(find_article_link(t)) == canonical(e) for t, e in zip(texts, expected))
    url = re.compile(r"https?://\S+")
    ours = _median(lambda: [find_article_link(t) for t in texts], repeat) / len(texts)
    base = _median(lambda: [url.search(t) for t in texts], repeat) / len(texts)
    print(f"links: {agree}/{len(texts)} texts agree with the labelled article link")
    print(f"links: {ours * 1e6:.0f} us per text, baseline regex {base * 1e6:.0f} us, ratio {ours / base:.1f}x")


def bench_cache(repeat: int) -> None:
    from pytest_httpserver import HTTPServer

    from analyser.sources import resolve
    from sources_support import SubsetQuery, fixture_text, minimal_pdf

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one access-log line per request otherwise
    server = HTTPServer()
    server.start()
    try:
        base = server.url_for("").rstrip("/")
        server.expect_request("/api/query", query_string=SubsetQuery(id_list="2503.05378")).respond_with_data(
            fixture_text("arxiv-id-2503.05378.xml", base), content_type="application/atom+xml")
        server.expect_request("/arxiv/pdf/2503.05378v2").respond_with_data(
            minimal_pdf("x" * 20000), content_type="application/pdf")
        os.environ.update(ANALYSER_ARXIV_URL=f"{base}/api/query", ANALYSER_ARXIV_DELAY="0",
                          ANALYSER_HTTP_BACKOFF="0")
        with tempfile.TemporaryDirectory() as cache:
            os.environ["ANALYSER_CACHE_DIR"] = cache
            cold = _median(lambda: resolve("2503.05378", refresh=True), repeat)
            warm = _median(lambda: resolve("2503.05378"), repeat)
        print(f"resolve: cold fetch {cold * 1000:.1f} ms (local server), cache hit {warm * 1000:.2f} ms, "
              f"ratio {cold / warm:.0f}x")
    finally:
        server.stop()


def bench_local(repeat: int) -> None:
    from analyser.sources import resolve
    from analyser.sources.download import check_pdf_file

    manifest = SHARED / "papers" / "MANIFEST.tsv"
    if not manifest.is_file():
        print("local: no ../shared/papers, skipped")
        return
    lines = manifest.read_text(encoding="utf-8").splitlines()
    rows = [dict(zip(lines[0].split("\t"), line.split("\t"))) for line in lines[1:] if line.strip()]
    rows = [row for row in rows if (SHARED / "papers" / f"{row['slug']}.pdf").is_file()]
    pdfs = [SHARED / "papers" / f"{row['slug']}.pdf" for row in rows]
    papers = [resolve(pdf).paper for pdf in pdfs]
    titles = sum(paper.title == row["title"] for paper, row in zip(papers, rows))
    dois = sum(paper.doi == row["doi_or_arxiv_id"].lower() for paper, row in zip(papers, rows))
    ours = _median(lambda: [resolve(pdf) for pdf in pdfs], repeat) / len(pdfs)
    base = _median(lambda: [check_pdf_file(pdf) for pdf in pdfs], repeat) / len(pdfs)
    print(f"local: {titles}/{len(rows)} titles and {dois}/{len(rows)} DOIs as in MANIFEST.tsv")
    print(f"local: {ours * 1000:.1f} ms per PDF, baseline (PDF check only) {base * 1000:.2f} ms, "
          f"ratio {ours / base:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    bench_links(repeat)
    bench_cache(repeat)
    bench_local(repeat)


if __name__ == "__main__":
    main()
