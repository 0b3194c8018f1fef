"""Show a CheckReport: a terminal table (`to_text`) or a self-contained page (`to_html`)."""

from __future__ import annotations

import textwrap

from analyser.checking.report import CheckReport

_MARK = {True: "pass", False: "FAIL", None: "skip"}


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_text(report: CheckReport, width: int = 100) -> str:
    """A table of criteria (score, one line of feedback), then the checks and claims."""
    lines = [
        f"{report.submission} — rubric {report.rubric}",
        f"student: {report.student_name or '(not found)'}   article: {report.article_identifier or report.article_link or '(not found)'}",
        f"{report.pages} page(s){' (estimated)' if report.pages_estimated else ''}, {report.words} words",
        "",
    ]
    title_width = max([len(c.title or c.id) for c in report.criteria] + [9])
    feedback_width = max(20, width - title_width - 10)
    lines.append(f"{'criterion':<{title_width}}  score  what would raise it")
    lines.append(f"{'-' * title_width}  -----  {'-' * feedback_width}")
    indent = " " * (title_width + 9)
    for criterion in report.criteria:
        feedback = textwrap.wrap(" ".join(criterion.feedback.split()), feedback_width) or [""]
        lines.append(f"{criterion.title or criterion.id:<{title_width}}  {criterion.score}/{criterion.max}    {feedback[0]}")
        lines.extend(indent + line for line in feedback[1:])
    lines.append(f"{'-' * title_width}  -----")
    lines.append(f"{'total':<{title_width}}  {report.total:g}/{report.scale:g}")
    lines.append("")
    lines.append("checks")
    for check in report.checks:
        lines.append(f"  {_MARK[check.passed]:<4}  {check.id:<13} {_clip(check.detail, width - 22)}")
    unsupported = [claim for claim in report.consistency if not claim.supported]
    if report.consistency:
        lines.append("")
        lines.append(f"consistency with the article: {len(unsupported)} of {len(report.consistency)} claims not supported")
        for claim in unsupported:
            lines.append(f"  - {claim.detail}")
            lines.append(textwrap.shorten(f"    {claim.claim}", width, placeholder=" …"))
    if report.notes:
        lines.append("")
        lines.extend(f"note: {note}" for note in report.notes)
    lines.append("")
    lines.append("evidence (the sentences each score rests on): use --format html or json")
    return "\n".join(lines) + "\n"


def to_html(report: CheckReport) -> str:
    """One HTML page, no external files; the student's text is escaped."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from analyser.resources import templates_dir

    environment = Environment(
        loader=FileSystemLoader(str(templates_dir() / "report")),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return environment.get_template("check.html").render(report=report, mark=_MARK)
