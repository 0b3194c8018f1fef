"""The review page in a real headless Chromium, driven with playwright, end to end.

Open the queue, change a score and comment from the keyboard, reload, run
`grade` again: the decision is in the report, the gradebook and the outbox.
A page of another origin cannot post a decision, and nothing is served
without the token. The screenshot of the page goes to
$ANALYSER_ARTIFACTS_DIR when set, and to docs/ when ANALYSER_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from review_support import grade, review_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
DOCS = Path(__file__).resolve().parent.parent / "docs"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def out(tmp_path, papers_dir):
    grade(tmp_path, tmp_path / "out", papers_dir)
    return tmp_path / "out"


def _screenshot(page, name: str, tmp_path: Path) -> None:
    targets = [Path(os.environ["ANALYSER_ARTIFACTS_DIR"])] if os.environ.get("ANALYSER_ARTIFACTS_DIR") else []
    if os.environ.get("ANALYSER_UPDATE_SCREENSHOTS") == "1":
        targets.append(DOCS)
    shot = tmp_path / name
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    for folder in targets:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, folder / name)


def test_review_a_score_from_the_keyboard_and_keep_it_through_a_regrade(browser, out, tmp_path, papers_dir):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    with review_server(out) as (url, _):
        page.goto(url)
        assert page.url == url.split("?")[0]  # the token left the address bar
        queue = page.locator("#queue li")
        assert queue.nth(0).get_attribute("data-slug") == "dan-roux"  # the least confident score first
        assert queue.nth(1).get_attribute("data-criterion") == "framing"
        page.keyboard.press("j")  # the second item: Alice's framing (confidence 0.3)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("#student-name").inner_text() == "Alice Martin"
        card = page.locator("#c-framing")
        assert "selected" in card.get_attribute("class")
        highlighted = page.locator("mark.active")
        assert highlighted.count() >= 1  # the evidence of the selected criterion, in the text
        for index in range(highlighted.count()):
            assert "framing" in highlighted.nth(index).get_attribute("data-criteria").split()
        proposed = int(card.get_attribute("data-proposed"))
        new_score = 0 if proposed else 1
        with page.expect_navigation():
            page.keyboard.press(str(new_score))
        assert page.locator("#c-framing .score").get_attribute("data-score") == str(new_score)
        assert page.locator("#c-framing .decided").inner_text() == "set by you"
        page.keyboard.press("c")
        page.keyboard.type("The task is regression <b>not</b> classification.")
        with page.expect_navigation():
            page.keyboard.press("Control+Enter")
        page.reload()
        assert page.locator("#c-framing textarea").input_value() == "The task is regression <b>not</b> classification."
        _screenshot(page, "review-page.png", tmp_path)
        assert page.locator("#c-framing .score").get_attribute("data-score") == str(new_score)
        page.keyboard.press("j")  # the model criterion: accept the proposal
        with page.expect_navigation():
            page.keyboard.press("a")
        assert page.locator("#c-model .decided").inner_text() == "accepted"
        with page.expect_navigation():
            page.keyboard.press("r")
        assert page.locator("#reviewed").is_visible()
        page.goto(url.split("?")[0])
        assert page.locator('#queue li[data-slug="alice-martin"]').count() == 0  # resolved: out of the queue
    context.close()

    grade(out.parent, out, papers_dir)  # next week's run: the decision stays
    report = json.loads((out / "alice-martin" / "report.json").read_text())
    assert {c["id"]: c["score"] for c in report["criteria"]}["framing"] == new_score
    assert report["grading"]["instructor"]["criteria"]["framing"]["comment"].startswith("The task is regression")
    html = (out / "alice-martin" / "report.html").read_text()
    assert "set by the instructor" in html and "regression &lt;b&gt;not&lt;/b&gt; classification" in html
    book = {row["Email address"]: row for row in csv.DictReader(io.StringIO(
        (out / "gradebook.csv").read_text(encoding="utf-8-sig")))}
    assert book["alice@etu.example.fr"]["framing"] == str(new_score)
    assert book["alice@etu.example.fr"]["Needs review"] == "0"
    mailed = CliRunner().invoke(cli, ["email", str(out), "--from", "Prof <prof@univ.fr>"])
    assert mailed.exit_code == 0, mailed.output
    message = (out / "outbox" / "alice-martin.eml").read_text()
    assert "set by the instructor" in message and "The task is regression" in message
    assert not (out / "outbox" / "dan-roux.eml").exists()  # his uncertain score is not decided yet


def test_no_token_and_another_origin_are_refused_in_the_browser(browser, out, httpserver):
    with review_server(out) as (url, running):
        root = url.split("?")[0]
        stranger = browser.new_context()
        response = stranger.new_page().goto(root)
        assert response.status == 403
        stranger.close()

        context = browser.new_context()
        page = context.new_page()
        page.goto(url)  # the instructor's browser holds the cookie
        # A page from another origin (same machine, another port) posts a decision with that browser.
        httpserver.expect_request("/attack").respond_with_data(
            f"""<form method="post" action="{root}s/alice-martin/criterion/framing">
            <input name="score" value="0"><input name="action" value="set"></form>
            <script>document.forms[0].submit()</script>""", content_type="text/html")
        with page.expect_navigation(url=f"{root}s/alice-martin/criterion/framing") as navigation:
            page.goto(httpserver.url_for("/attack"))
        assert navigation.value.status == 403
        assert not (out / "reviews.json").exists()
        context.close()
