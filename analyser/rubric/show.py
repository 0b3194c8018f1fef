"""A rubric as readable text, for `analyser rubric show`."""

from __future__ import annotations

import textwrap

from analyser.rubric.model import LEVELS, Rubric



def describe(rubric: Rubric, language: str = "en", width: int = 96) -> str:
    def wrap(text: str, indent: str) -> list[str]:
        return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ")

    checks = rubric.checks
    lines = [f"{rubric.title} ({rubric.id})", f"file: {rubric.path}"]
    if rubric.description:
        lines += wrap(rubric.description, "")
    lines += [
        "",
        f"total = {rubric.scale:g} × Σ weight·score/3 / Σ weight",
        f"checks: page limit {checks.page_limit} (estimate: {checks.words_per_page} words a page), "
        f"due {checks.due or 'not set'}, penalties: late {checks.penalties.late:g}, over the page limit {checks.penalties.over_page_limit:g}",
        f"is_analysis: at least {rubric.analysis.min_evaluative_share:.0%} of judged sentences evaluate; "
        f"at most {rubric.analysis.max_copied_share:.0%} copied; "
        f"at least {rubric.analysis.min_specific_share:.0%} of sentences use the article's own words or numbers",
    ]
    for criterion in rubric.criteria:
        lines += ["", f"[{criterion.id}] {criterion.title} — weight {criterion.weight:g}"]
        lines += wrap(criterion.description, "  ")
        for level in LEVELS:
            lines += wrap(f"{level}: {criterion.levels[level]}", "  ")
        lines.append("  to raise the score:")
        for level in LEVELS[:-1]:
            lines += wrap(f"from {level}: {criterion.feedback_in(level, language)}", "    ")
        questions = criterion.questions.get(language) or criterion.questions.get("en", [])
        if questions:
            lines.append("  guiding questions:")
            for question in questions:
                lines += wrap(f"- {question}", "    ")
    return "\n".join(lines) + "\n"
