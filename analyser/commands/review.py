"""`analyser review` and `analyser serve`: the local web pages (Flask is imported only when they run)."""

from __future__ import annotations

from pathlib import Path

import click


def _run(app_factory, token: str, no_browser: bool, what: str) -> None:
    import logging
    import webbrowser

    from analyser.web import server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request, the token in the first
    app = app_factory()
    httpd, url = server.make(app, token)
    click.echo(f"{what}: {url}")
    click.echo("Served to this computer only (127.0.0.1); the address holds a secret token. Ctrl+C to stop.")
    if not no_browser:
        webbrowser.open(url)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        httpd.server_close()


@click.command()
@click.argument("out_dir", metavar="OUT", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open a browser.")
def review(out_dir: Path, no_browser: bool) -> None:
    """Review a graded class in the browser: uncertain scores first, then flags.

    OUT is the --out folder of `analyser grade`. Each submission is shown
    beside its scores with the evidence of each criterion highlighted; set a
    score, comment it, accept the proposal or mark the submission reviewed,
    from the keyboard (press ? on the page). Decisions are saved in
    OUT/reviews.json and applied at once to the reports, the gradebook, the
    overview and the e-mails; `analyser grade` keeps them on every re-run.
    """
    from analyser.web import review as review_app, security

    token = security.new_secret()
    _run(lambda: review_app.create_app(out_dir, token), token, no_browser, "Review page")


@click.command()
@click.option("--offline", is_flag=True, help="Use only cached articles; never the network.")
@click.option("--rubric", default=None, help="Rubric name or TOML path (default: ml-paper-analysis).")
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open a browser.")
def serve(offline: bool, rubric: str | None, no_browser: bool) -> None:
    """Check a draft in the browser: drop it (and the article's PDF or link), read the report.

    Everything stays on this computer: the files are kept in a temporary
    folder while the check runs, then deleted.
    """
    from analyser.web import check as check_app, security

    token = security.new_secret()
    _run(lambda: check_app.create_app(token, offline=offline, rubric=rubric), token, no_browser, "Check page")
