"""The facts as text for a terminal: each field, then its quotes with page and section.

A fact stated less firmly than CONFIDENT is marked "(unsure, 0.42)": the
template and the checker leave it out."""

from __future__ import annotations

import textwrap

from analyser.facts.model import CONFIDENT, Evidence, Label, PaperFacts

WIDTH = 100
QUOTE_CHARS = 220
NOT_FOUND = "(not found)"


def _quote(evidence: Evidence, indent: str) -> str:
    text = evidence.quote if len(evidence.quote) <= QUOTE_CHARS else evidence.quote[: QUOTE_CHARS - 1] + "…"
    where = f"p.{evidence.page}" + (f" [{evidence.section}]" if evidence.section else "")
    return textwrap.fill(
        f'{where} "{text}"', WIDTH, initial_indent=indent, subsequent_indent=indent + "  "
    )


def _quotes(evidence: list[Evidence], indent: str = "      ") -> list[str]:
    return [_quote(item, indent) for item in evidence]


def _unsure(confidence: float | None) -> str:
    return f" (unsure, {confidence:.2f})" if confidence is not None and confidence < CONFIDENT else ""


def _labels(title: str, labels: list[Label], indent: str = "  ") -> list[str]:
    if not labels:
        return [f"{indent}{title}: {NOT_FOUND}"]
    lines = [f"{indent}{title}: {', '.join(label.value for label in labels)}"]
    for label in labels:
        lines.append(f"{indent}  - {label.value}{_unsure(label.confidence)}")
        lines += _quotes(label.evidence, indent + "      ")
    return lines


def summary(facts: PaperFacts) -> str:
    """One line: "supervised regression · main: HDNNP (mlp) · 3101 samples · hold-out"."""
    parts = [" ".join(label.value for label in facts.learning_type + facts.tasks) or "learning type and task not found"]
    families: dict[str, list[str]] = {}
    for model in facts.confident_models("main"):
        families.setdefault(model.name, []).append(model.family)
    mains = [f"{name} ({'/'.join(found)})" for name, found in families.items()]
    parts.append("main: " + (", ".join(mains) if mains else NOT_FOUND))
    if facts.data.confident_n_samples() is not None:
        parts.append(f"{facts.data.n_samples} samples")
    parts.append("validation: " + (", ".join(label.value for label in facts.validation) or NOT_FOUND))
    return " · ".join(parts)


def to_text(facts: PaperFacts, source: str | None = None) -> str:
    lines = [f"ML facts of {source}" if source else "ML facts", textwrap.fill(summary(facts), WIDTH), ""]
    lines += _labels("Learning type", facts.learning_type, "")
    lines += _labels("Tasks", facts.tasks, "")
    lines += ["", "Models:" if facts.models else f"Models: {NOT_FOUND}"]
    for model in facts.models:
        lines.append(f"  {model.role:<9} {model.name} ({model.family}){_unsure(model.confidence)}")
        lines += _quotes(model.evidence)
    data = facts.data
    lines += ["", "Data:"]
    if data.sets:
        lines.append("  data sets:")
        for item in data.sets:
            size = f": {item.size:,} {item.unit or ''}".rstrip() if item.size is not None else ""
            details = ", ".join(f"{key} {value}" for key, value in (("role", item.role), ("from", item.source)) if value)
            split = ", ".join(f"{key} {value:g}" for key, value in (item.split or {}).items())
            extra = "; ".join(part for part in (details, split) if part)
            lines.append(f"    - {item.name or '(unnamed)'}{size}{f' ({extra})' if extra else ''}{_unsure(item.confidence)}")
            lines += _quotes(item.evidence[:1], "        ")
    else:
        lines.append(f"  data sets: {NOT_FOUND}")
    if data.n_samples is not None:
        lines.append(f"  samples: {data.n_samples}{_unsure(data.n_samples_confidence)}")
    elif data.n_samples_evidence:
        lines.append("  samples: several sizes stated, no single one (see the quotes)")
    elif len(data.sets) > 1:
        lines.append("  samples: several data sets, no single size (see the data sets)")
    else:
        lines.append(f"  samples: {NOT_FOUND}")
    lines += _quotes(data.n_samples_evidence)
    if data.split:
        parts = ", ".join(f"{key} {value:g}" for key, value in data.split.items() if key != "evidence")
        lines.append(f"  split: {parts}")
        lines += _quotes(data.split.get("evidence", []))
    else:
        lines.append(f"  split: {NOT_FOUND}")
    lines += _labels("representation", data.representation)
    optimisation = facts.optimisation
    lines += ["", "Optimisation:"]
    lines += _labels("loss", optimisation.loss)
    lines += _labels("optimiser", optimisation.optimiser)
    if optimisation.hyperparameters:
        lines.append("  hyperparameters:")
        for item in optimisation.hyperparameters:
            lines.append(f"    {item.name} = {item.value}")
            lines += _quotes(item.evidence, "        ")
    else:
        lines.append(f"  hyperparameters: {NOT_FOUND}")
    lines += _labels("hyperparameter search", optimisation.hyperparameter_search)
    lines.append("")
    lines += _labels("Validation", facts.validation, "")
    lines += _labels("Regularisation", facts.regularisation, "")
    lines += ["", "Metrics:" if facts.metrics else f"Metrics: {NOT_FOUND}"]
    for metric in facts.metrics:
        value = f" = {metric.value:g}" if metric.value is not None else ""
        split = f" ({metric.split})" if metric.split else ""
        lines.append(f"  {metric.name}{value}{split}")
        lines += _quotes(metric.evidence)
    lines += ["", "Questions to ask:" if facts.questions else "Questions to ask: none"]
    for number, question in enumerate(facts.questions, 1):
        lines.append(textwrap.fill(f"{number}. {question.text}", WIDTH, initial_indent="  ", subsequent_indent="     "))
        lines.append(textwrap.fill(f"why: {question.reason}", WIDTH, initial_indent="     ", subsequent_indent="       "))
        lines += _quotes(question.evidence, "       ")
    return "\n".join(lines) + "\n"
