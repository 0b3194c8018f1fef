"""Show a CheckReport: a terminal table (`to_text`) or a self-contained page (`to_html`)."""

from __future__ import annotations

import textwrap

from analyser.checking.report import CheckReport

_MARK = {True: "pass", False: "FAIL", None: "skip"}

# The renderers' own words, in the submission's language (report.language).
LABELS = {
    "en": {
        "rubric": "rubric", "language": "language", "student": "student", "article": "article", "not_found": "(not found)",
        "pages": "{pages} page(s)", "estimated": " (estimated)", "words": "{words} words",
        "template": " of your own ({template} words of template guidance not counted)",
        "criterion": "criterion", "score": "score", "raise": "what would raise it", "total": "total", "checks": "checks",
        "consistency_ok": "consistency with the article: the {n} claim(s) checked are all supported",
        "consistency_bad": "consistency with the article: {n} claim(s) checked, {bad} not supported by the article",
        "page": "p.", "note": "note", "more": "all evidence (up to 3 sentences per criterion): --format html or json",
        "nothing": "nothing found", "evidence": "Evidence", "criteria": "Criteria", "claims": "Consistency with the article",
        "notes": "Notes", "claim": "Claim", "supported": "Supported", "detail": "Detail", "check": "Check", "result": "Result",
        "review": "uncertain (confidence {confidence:.2f}): a person should look",
    },
    "fr": {
        "rubric": "barème", "language": "langue", "student": "étudiant", "article": "article", "not_found": "(non trouvé)",
        "pages": "{pages} page(s)", "estimated": " (estimation)", "words": "{words} mots",
        "template": " de votre main ({template} mots de consignes du modèle non comptés)",
        "criterion": "critère", "score": "note", "raise": "pour progresser", "total": "total", "checks": "vérifications",
        "consistency_ok": "cohérence avec l'article : les {n} affirmation(s) vérifiées sont toutes confirmées",
        "consistency_bad": "cohérence avec l'article : {n} affirmation(s) vérifiée(s), {bad} non confirmée(s) par l'article",
        "page": "p.", "note": "note", "more": "toutes les preuves (jusqu'à 3 phrases par critère) : --format html ou json",
        "nothing": "rien trouvé", "evidence": "Preuves", "criteria": "Critères", "claims": "Cohérence avec l'article",
        "notes": "Notes", "claim": "Affirmation", "supported": "Confirmée", "detail": "Détail", "check": "Vérification", "result": "Résultat",
        "review": "incertain (confiance {confidence:.2f}) : à relire par une personne",
    },
}


def labels(report: CheckReport) -> dict[str, str]:
    return LABELS.get(report.language, LABELS["en"])


def size_line(report: CheckReport) -> str:
    """Pages and the one word count used throughout (the page estimate's too)."""
    words = labels(report)
    text = words["pages"].format(pages=report.pages) + (words["estimated"] if report.pages_estimated else "")
    text += ", " + words["words"].format(words=report.words)
    if report.template_words:
        text += words["template"].format(template=report.template_words)
    return text


def to_text(report: CheckReport, width: int = 100) -> str:
    """A table of criteria (score, one line of feedback, the top quote), then the checks and claims."""
    words = labels(report)
    lines = [
        f"{report.submission} — {words['rubric']} {report.rubric} — {words['language']}: {report.language}",
        f"{words['student']}: {report.student_name or words['not_found']}   "
        f"{words['article']}: {report.article_identifier or report.article_link or words['not_found']}",
        size_line(report),
        "",
    ]
    title_width = max([len(c.title or c.id) for c in report.criteria] + [len(words["criterion"]), 9])
    feedback_width = max(20, width - title_width - 9)
    lines.append(f"{words['criterion']:<{title_width}}  {words['score']:<5}  {words['raise']}")
    lines.append(f"{'-' * title_width}  -----  {'-' * feedback_width}")
    indent = " " * (title_width + 9)
    for criterion in report.criteria:
        feedback = textwrap.wrap(" ".join(criterion.feedback.split()), feedback_width) or [""]
        lines.append(f"{criterion.title or criterion.id:<{title_width}}  {criterion.score}/{criterion.max}    {feedback[0]}")
        lines.extend(indent + line for line in feedback[1:])
        if criterion.review:
            lines.append(indent + "? " + words["review"].format(confidence=criterion.confidence))
        if criterion.evidence:
            top = criterion.evidence[0]
            quote = textwrap.shorten(top.quote, max(20, width - len(indent) - 12), placeholder=" …")
            lines.append(f"{indent}“{quote}” ({words['page']} {top.page})")
    lines.append(f"{'-' * title_width}  -----")
    lines.append(f"{words['total']:<{title_width}}  {report.total:g}/{report.scale:g}")
    lines.append("")
    lines.append(words["checks"])
    detail_width = max(20, width - 22)
    for check in report.checks:
        detail = textwrap.wrap(" ".join(check.detail.split()), detail_width) or [""]
        lines.append(f"  {_MARK[check.passed]:<4}  {check.id:<13} {detail[0]}")
        lines.extend(" " * 22 + line for line in detail[1:])
    unsupported = [claim for claim in report.consistency if not claim.supported]
    if report.consistency:
        lines.append("")
        if unsupported:
            lines.append(words["consistency_bad"].format(n=len(report.consistency), bad=len(unsupported)))
        else:
            lines.append(words["consistency_ok"].format(n=len(report.consistency)))
        for claim in unsupported:
            lines.append(f"  - {claim.detail}")
            lines.append("    " + textwrap.shorten(claim.claim, width - 4, placeholder=" …"))
    if report.notes:
        lines.append("")
        for note in report.notes:
            lines.extend(textwrap.wrap(f"{words['note']}: {note}", width, subsequent_indent="  "))
    lines.append("")
    lines.append(words["more"])
    return "\n".join(lines) + "\n"


def to_html(report: CheckReport) -> str:
    """One HTML page, no external files; the student's text is escaped."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from analyser.resources import templates_dir

    environment = Environment(
        loader=FileSystemLoader(str(templates_dir() / "report")),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return environment.get_template("check.html").render(report=report, mark=_MARK, words=labels(report), size=size_line(report))
