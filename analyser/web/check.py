"""`analyser serve`: a student drops a draft (and the article's PDF or link) and reads the check report.

Everything stays on the machine: the files go to a temporary folder that is
deleted as soon as the report is made, sizes are bounded, and only the
article named by a link may be fetched (the draft is never sent anywhere).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

MAX_DRAFT_BYTES = 20 * 1024 * 1024
MAX_ARTICLE_BYTES = 50 * 1024 * 1024
DRAFT_SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".tex", ".txt", ".html", ".htm")
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'"


def create_app(token: str, *, offline: bool = False, rubric: str | None = None):
    from flask import Flask, abort, render_template, request
    from werkzeug.utils import secure_filename

    from analyser.errors import AnalyserError
    from analyser.resources import templates_dir
    from analyser.web import security
    from analyser.web.review import SHORTCUTS

    app = Flask("analyser.web.check", template_folder=str(templates_dir()), static_folder=None)
    # Bounded before anything is read: werkzeug refuses a larger body with 413.
    app.config["MAX_CONTENT_LENGTH"] = MAX_DRAFT_BYTES + MAX_ARTICLE_BYTES + 64 * 1024
    app.config["MAX_FORM_MEMORY_SIZE"] = 64 * 1024
    app.jinja_env.globals.update(SHORTCUTS=SHORTCUTS)
    security.install(app, token)

    @app.get("/")
    def form():
        return render_template("web/check_form.html", offline=offline, error=None)

    @app.post("/check")
    def run_check():
        draft = request.files.get("draft")
        if draft is None or not draft.filename:
            return render_template("web/check_form.html", offline=offline, error="Choose your draft first."), 400
        name = secure_filename(draft.filename) or "draft.txt"
        if not name.lower().endswith(DRAFT_SUFFIXES):
            return render_template("web/check_form.html", offline=offline,
                                   error="The draft must be a PDF, Word, Markdown, LaTeX, HTML or text file."), 400
        article = request.files.get("article")
        link = (request.form.get("link") or "").strip()[:2000]
        with tempfile.TemporaryDirectory(prefix="analyser-serve-") as folder:
            draft_path = _save(draft, Path(folder) / name, MAX_DRAFT_BYTES)
            paper = None
            if article is not None and article.filename:
                paper = str(_save(article, Path(folder) / "article.pdf", MAX_ARTICLE_BYTES))
            elif link:
                paper = link
            try:
                html = _report(draft_path, paper, offline=offline, rubric=rubric)
            except AnalyserError as error:
                message = str(error).replace(folder + "/", "")  # the temporary folder means nothing to the student
                return render_template("web/check_form.html", offline=offline, error=message), 400
        response = app.make_response(html)
        response.headers["Content-Security-Policy"] = REPORT_CSP
        return response

    def _save(upload, target: Path, limit: int) -> Path:
        data = upload.stream.read(limit + 1)
        if len(data) > limit:
            abort(413, f"file larger than {limit // 2**20} MB")
        target.write_bytes(data)
        return target

    return app


def _report(draft: Path, paper: str | None, *, offline: bool, rubric: str | None) -> str:
    from analyser.checking import check
    from analyser.checking.render import to_html
    from analyser.rubric import load_rubric

    report = check(draft, paper=paper, rubric=load_rubric(rubric), offline=offline)
    back = '<p style="margin:1rem 0"><a href="/">← check another draft</a></p>'
    return to_html(report).replace("<body>", "<body>" + back, 1)
