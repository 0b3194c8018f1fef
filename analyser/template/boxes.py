"""The "from the article" boxes: which facts bear on which criterion, with quote and page.

Context gets the abstract's opening sentences (where an article states its
question); the other criteria get the facts of `analyser facts` that the
rubric asks about: framing <- learning type, task, data; model <- models,
representation; optimisation <- loss, optimiser, hyperparameters, search;
overfitting <- validation, regularisation, metrics; alternatives <- baselines.

Only the facts the article states firmly enough (`confidence` >= CONFIDENT) are
shown; where the facts a criterion rests on (learning type, task, main model,
validation) have none, the box says "not found" rather than guess.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analyser.facts.model import CONFIDENT, Evidence
from analyser.template.content import FactItem
from analyser.template.i18n import Texts
from analyser.template_markers import END_MARK

if TYPE_CHECKING:
    from analyser.documents import Document
    from analyser.facts.model import PaperFacts

# A box that lists every hyperparameter of a deep-learning paper stops helping.
MAX_FACTS_PER_SECTION = 8
MAX_QUOTE_CHARS = 260


# Runs of white space but the no-break ones (French writes "42 966" and "80 %" with those).
_BREAKING_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def clean(text: str | None) -> str:
    # One line, and no end mark inside: the checker splits guidance at END_MARK.
    return _BREAKING_SPACES.sub(" ", text.replace(END_MARK, " ")).strip() if text else ""


def fact(label: str, value: str, evidence: list[Evidence] | None) -> FactItem:
    first = evidence[0] if evidence else None
    quote = clean(first.quote) if first else ""
    if len(quote) > MAX_QUOTE_CHARS:
        quote = quote[: MAX_QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    page = first.page if first and first.page else None  # 0: from metadata, no page
    return FactItem(label=label, value=clean(value), quote=quote, page=page)


def facts_for(
    criterion_id: str, facts: PaperFacts | None, document: Document | None, abstract: str | None, words: Texts
) -> list[FactItem]:
    name = words.facts

    def said(kind: str, label) -> str:
        return words.value(kind, label.value)

    def model(m) -> str:
        return f"{m.name} ({words.value('family', m.family)})"

    def firm(items):
        return [item for item in items if item.confidence >= CONFIDENT]

    def or_not_found(kind: str, items: list[FactItem]) -> list[FactItem]:
        return items or [FactItem(label=name[kind], value=name["not_found"], quote="", page=None)]

    if criterion_id == "context":
        return _context_facts(document, abstract, words)
    if facts is None:
        return []
    items: list[FactItem] = []
    if criterion_id == "framing":
        items += or_not_found("learning_type", [
            fact(name["learning_type"], said("learning_type", x), x.evidence) for x in firm(facts.learning_type)])
        items += or_not_found("task", [fact(name["task"], said("task", x), x.evidence) for x in firm(facts.tasks)])
        if facts.data.sets:
            items += [fact(name["dataset"], _data_set_text(x, words), x.evidence) for x in firm(facts.data.sets)]
        else:  # facts made before data sets were listed one by one
            items += [fact(name["dataset"], x.value, x.evidence) for x in firm(facts.data.datasets)]
        if facts.data.confident_n_samples() is not None:
            items.append(fact(name["n_samples"], words.integer(facts.data.n_samples), facts.data.n_samples_evidence))
        split = _split_text(facts.data.confident_split(), words)
        if split:
            evidence = facts.data.split.get("evidence") or []
            items.append(fact(name["split"], split, evidence))
    elif criterion_id == "model":
        items += or_not_found("model", [fact(name["model"], model(m), m.evidence) for m in facts.confident_models("main")])
        items += [
            fact(name["representation"], said("representation", x), x.evidence) for x in firm(facts.data.representation)
        ]
    elif criterion_id == "optimisation":
        opt = facts.optimisation
        items += [fact(name["loss"], said("loss", x), x.evidence) for x in firm(opt.loss)]
        items += [fact(name["optimiser"], said("optimiser", x), x.evidence) for x in firm(opt.optimiser)]
        items += [fact(name["hyperparameter_search"], said("search", x), x.evidence) for x in firm(opt.hyperparameter_search)]
        for h in firm(opt.hyperparameters):
            setting = f"{words.value('hyperparameter', h.name)} = {words.number_text(h.value)}"
            items.append(fact(name["hyperparameter"], setting, h.evidence))
    elif criterion_id == "overfitting":
        items += or_not_found("validation", [
            fact(name["validation"], said("validation", x), x.evidence) for x in firm(facts.validation)])
        items += [fact(name["regularisation"], said("regularisation", x), x.evidence) for x in firm(facts.regularisation)]
        items += [fact(name["metric"], _metric_value(m, words), m.evidence) for m in firm(facts.metrics)]
    elif criterion_id == "alternatives":
        items += [fact(name["baseline"], model(m), m.evidence) for m in facts.confident_models("baseline")]
    return _unique(items)


def _data_set_text(data_set, words: Texts) -> str:
    """"Tox21 (7,821 molecules)", in the template's language."""
    if data_set.size is None:
        return data_set.name
    size = words.integer(data_set.size) + (f" {data_set.unit}" if data_set.unit else "")
    return f"{data_set.name} ({size})" if data_set.name else size


def _split_text(split: dict | None, words: Texts) -> str:
    """"train 80%, test 20%" from {"train": 0.8, "test": 0.2} (or sizes: "train 4,000"), in the template's language."""
    if not split:
        return ""
    parts = []
    for part, amount in split.items():
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            continue  # the facts may keep their evidence in the same dict
        size = words.percent(amount) if 0 < amount <= 1 and isinstance(amount, float) else words.integer(int(amount))
        parts.append(f"{words.value('split', part)} {size}")
    return ", ".join(parts)


def _metric_value(metric, words: Texts) -> str:
    text = words.value("metric", metric.name)
    if metric.value is not None:
        text += f" = {words.decimal(metric.value)}"
    if metric.split:
        text += f" ({words.value('split', metric.split)})"
    return text


def _unique(items: list[FactItem]) -> list[FactItem]:
    # The same sentence often supports several facts; show it once per value.
    seen: set[tuple[str, str]] = set()
    kept = []
    for item in items:
        key = (item.label, item.value.casefold())
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


# How far into the abstract (or the first page) to look for the article's question.
CONTEXT_SCAN = 12
_CONTEXT_WORDS = re.compile(
    r"\b(we|our|here)\b.*\b(propose|present|introduce|develop|show|demonstrate|create|predict)|"
    r"machine[- ]learning|deep learning|neural network|\b(aim|goal|challenge|question)s?\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _context_facts(document: Document | None, abstract: str | None, words: Texts) -> list[FactItem]:
    """The abstract's first sentences: where the article states its question."""
    if document is not None:
        abstract_headings = {s.heading for s in document.sections if s.kind == "abstract"}
        sentences = [s for s in document.sentences if s.section in abstract_headings]
        if not sentences:  # no abstract found: the article's opening sentences
            sentences = [s for s in document.sentences[:CONTEXT_SCAN] if s.page == 1]
        evidence = [Evidence(s.text, s.page, s.section or "") for s in sentences]
    elif abstract:
        evidence = [Evidence(text, 0, "Abstract") for text in _SENTENCE_END.split(clean(abstract))]
    else:
        return []
    # Fragments (a heading, a journal line) and run-ons (title + authors +
    # first sentence, as PDF readers join them) are no help; sentences that
    # state an aim or the use of ML come first, in the article's order.
    evidence = [e for e in evidence[:CONTEXT_SCAN] if 6 <= len(e.quote.split()) <= 45 and not _title_like(e.quote)]
    ranked = sorted(evidence, key=lambda e: not _CONTEXT_WORDS.search(e.quote))  # stable: order kept within ranks
    chosen = sorted(ranked[:2], key=evidence.index)
    return [fact(words.facts["abstract"], "", [e]) for e in chosen]


def _title_like(sentence: str) -> bool:
    # A title and its author list read as one sentence, or glued in front of
    # one: mostly capitalised words, or a capitalised run at its start.
    words = [w for w in sentence.split() if w[:1].isalpha()]
    if not words:
        return False
    capitalised = [w[0].isupper() for w in words]
    return sum(capitalised) / len(words) > 0.35 or sum(capitalised[:6]) >= 4
