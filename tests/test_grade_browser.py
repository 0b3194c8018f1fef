"""The class overview and a report in real headless Chromium: what the instructor sees.

The DOM is read after scripts ran (--dump-dom); a screenshot of the overview
is saved as a CI artefact (under $ANALYSER_ARTIFACTS_DIR when set).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_grade_support import DUE, PAPER_SLUG, class_messages, write_mbox

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium"),
]


def chromium(tmp_path: Path, url: str, *args: str) -> str:
    profile = tmp_path / "chromium-profile"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               *args, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def class_out(tmp_path_factory, papers_dir):
    from analyser.grading import grade_class
    from analyser.dates import parse_due

    base = tmp_path_factory.mktemp("browser")
    box = write_mbox(base / "class.mbox", class_messages())
    grade_class([box], base / "out", due=parse_due(DUE), offline=True, paper=str(papers_dir / f"{PAPER_SLUG}.pdf"))
    return base / "out"


def _artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ANALYSER_ARTIFACTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_class_overview_shows_scores_flags_and_charts(class_out, tmp_path):
    import json

    dom = chromium(tmp_path, (class_out / "index.html").as_uri(), "--dump-dom")
    rows = re.findall(r'<tr data-slug="([^"]+)">(.*?)</tr>', dom, re.S)
    assert len(rows) == 7
    for slug, row in rows:
        report = json.loads((class_out / slug / "report.json").read_text())
        shown = re.search(r'class="num total-cell"[^>]*>([^<]+)<', row).group(1)
        assert shown == (f"{report['total']:.1f}" if "total" in report else "—")
        for flag in report["grading"]["flags"]:
            assert f'data-flag="{flag}"' in row
    # Two server-side SVG charts: 10 bins of the distribution, 6 criterion means.
    assert len(re.findall(r'<rect class="bar"', dom)) == 16
    assert 'id="distribution"' in dom and 'id="criterion-means"' in dom
    for label in ("late", "needs manual review", "high similarity"):
        assert label in dom
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]

    shot = _artefacts(tmp_path) / "class-overview.png"
    chromium(tmp_path, (class_out / "index.html").as_uri(), f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.stat().st_size > 10_000


def test_a_report_shows_its_scores_and_keeps_student_script_inert(class_out, tmp_path):
    import json

    slug = "grace-script-document-title-1-script"
    report = json.loads((class_out / slug / "report.json").read_text())
    dom = chromium(tmp_path, (class_out / slug / "report.html").as_uri(), "--dump-dom")
    body_tag = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body_tag  # neither the <script> nor the onerror ran
    assert "<title>Grace &lt;script&gt;document.title=1&lt;/script&gt;" in dom
    for criterion in report["criteria"]:
        cell = re.search(rf'data-criterion="{criterion["id"]}">.*?class="num score">([^<]+)<', dom, re.S).group(1)
        assert cell.strip() == f"{criterion['score']} / 3"
    assert f"{report['total']:.1f}" in dom


def test_the_table_sorts_by_a_column_when_its_header_is_clicked(class_out, tmp_path):
    # A copy of the overview with a test script that clicks "Total" twice and records the order.
    page = tmp_path / "index.html"
    html = (class_out / "index.html").read_text()
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    probe = """<script>
    var th = Array.prototype.find.call(document.querySelectorAll('#students th'), function (h) { return h.textContent.trim() === 'Total'; });
    var order = function () { return Array.prototype.map.call(document.querySelectorAll('#students tbody tr'), function (r) { return r.children[2].getAttribute('data-sort'); }).join(','); };
    th.click(); document.body.setAttribute('data-asc', order());
    th.click(); document.body.setAttribute('data-desc', order());
    </script></body>"""
    page.write_text(html.replace("</body>", probe))
    dom = chromium(tmp_path, page.as_uri(), "--dump-dom")
    ascending = [float(v) for v in re.search(r'data-asc="([^"]+)"', dom).group(1).split(",")]
    descending = [float(v) for v in re.search(r'data-desc="([^"]+)"', dom).group(1).split(",")]
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    assert len(ascending) == 7
