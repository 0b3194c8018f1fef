"""Learning type (supervised, self-supervised...) and task (regression, classification...)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus, Sent
from analyser.facts.model import Label

# A task needs more than a passing word; regression/classification also follow
# from the paper's metrics (RMSE, ROC-AUC), weighted low in the vocabulary.
TASK_MIN_SCORE = 1.2
LEARNING_MIN_SCORE = 1.0
METHODS_STATEMENTS = 2  # a paradigm said this often in the methods' own statements is the paper's
MINOR_TASK_SHARE = 0.1  # of the strongest task's score
# Where a paper weighs its work against others' and what could come next: a task
# said only there, never of its own work in the first person, is not its models'.
_LOOKING_OUT = ("introduction", "related", "discussion", "conclusion")


def tasks(corpus: Corpus, others: Iterable[str] = (), own: Iterable[str] = (), generative: Iterable = ()) -> list[Label]:
    """The tasks of the paper's own models. A sentence naming several tasks without
    the paper speaking of itself ("ML can classify, regress and generate") lists
    what ML does in general: it is no evidence of any of them. Nor is a sentence
    about another model only (`others`: baselines, components; `own`: the paper's):
    "an SVM classifier of activity serves as the scoring function" gives a
    generative paper no classification task. A paper whose own model is
    generative (`generative`: its main models of that family; a flow-matching or
    diffusion model of conformations) generates, in whatever words it says so."""
    generative = list(generative)
    entries = vocab.group("learning", "task")
    if generative:
        # The errors (RMSE...) of a generative model score what it generated: no regression.
        entries = [entry for entry in entries if not entry.extra.get("from_metrics")]
    tallies = scoring.tally(corpus, entries)
    drop_other_models(tallies, others, own)
    named: dict[int, set[str]] = {}
    for tally in tallies.values():
        for hit in tally.hits:
            named.setdefault(hit.sent.index, set()).add(tally.value)
    listed = {index for index, values in named.items() if len(values - {"other"}) >= 2}
    for tally in tallies.values():
        tally.rescale([hit for hit in tally.hits if hit.sent.index not in listed or hit.sent.owned])
    found = [item for item in tallies.values() if item.reported(TASK_MIN_SCORE)
             and any(hit.sent.kind not in _LOOKING_OUT or hit.sent.owned for hit in item.hits)]
    found.sort(key=lambda item: -item.score)
    # A task said in passing beside one the paper is plainly about ("the accuracy was
    # based on comparing the predicted values" in a classification study) is no task.
    if found:
        found = [item for item in found if item.score >= MINOR_TASK_SHARE * found[0].score]
    # "other" (optimisation, active learning, extraction) beside a standard task only
    # when the paper says it of its own pipeline in the first person.
    if any(item.value != "other" for item in found):
        found = [item for item in found
                 if item.value != "other" or any(hit.sent.owned and hit.sent.pipeline for hit in item.hits)]
    labels = [item.label(TASK_MIN_SCORE) for item in found]
    if generative and all(label.value != "generation" for label in labels):
        best = max(generative, key=lambda model: model.confidence)
        labels.insert(0, Label("generation", best.evidence, best.confidence))
    return labels


def _named(name: str, text: str) -> bool:
    return bool(re.search(r"(?<![\w\-])" + re.escape(name) + r"(?:e?s)?(?![\w\-])", text, re.I))


def drop_other_models(tallies: dict[str, scoring.Tally], others: Iterable[str], own: Iterable[str]) -> None:
    """Keep in each tally only the hits not said of another model alone."""
    others, own = tuple(others), tuple(own)
    for tally in tallies.values():
        tally.rescale([hit for hit in tally.hits if not about_other_model(hit.sent, others, own)])


def about_other_model(sent: Sent, others: tuple[str, ...], own: tuple[str, ...]) -> bool:
    """The sentence names another model (a baseline, a component) and none of the
    paper's own, and the paper does not speak of itself in it."""
    if not others or sent.owned:
        return False
    return any(_named(name, sent.text) for name in others) and not any(_named(name, sent.text) for name in own)


# Clustering used to cut the data into parts (to split it, or to train one model per
# part) is a step of a supervised pipeline, not an unsupervised study.
_DATA_STEP = re.compile(
    r"\bpartition\w*|\bsplit\w*|\bsubsets?\b|\bsegments?\b|\bgroup(?:ing|ed|s)?\s+(?:of\s+)?(?:the\s+)?data|"
    r"\bseparate\s+models?\b|\bone model (?:per|for each)\b|\bpre-?process\w*|\bdata preparation\b",
    re.I,
)


def learning_types(corpus: Corpus, found_tasks: list[Label], others: Iterable[str] = (), own: Iterable[str] = ()) -> list[Label]:
    tallies = scoring.tally(corpus, vocab.group("learning", "learning_type"))
    others, own = tuple(others), tuple(own)
    if "unsupervised" in tallies:
        tally = tallies["unsupervised"]
        tally.rescale([hit for hit in tally.hits if not _DATA_STEP.search(hit.sent.text)])
    # Beyond "supervised", a paradigm is the paper's own only when it says so in
    # the first person ("we pre-train with self-supervised..."), or more than once
    # in its methods' own statements ("the semi-supervised technique ... is used"):
    # baselines and related work are full of other paradigms.
    labels = [
        tally.label(LEARNING_MIN_SCORE)
        for tally in sorted(tallies.values(), key=lambda item: -item.score)
        if tally.reported(LEARNING_MIN_SCORE)
        and (tally.value == "supervised" or any(hit.sent.owned for hit in tally.hits)
             or sum(hit.sent.kind == "methods" and hit.sent.pipeline and not about_other_model(hit.sent, others, own)
                    for hit in tally.hits) >= METHODS_STATEMENTS)
    ]
    values = {label.value for label in labels}
    # Learning a regression or a classification from labelled targets is
    # supervised even when the paper never says the word.
    task_evidence = [
        evidence
        for label in found_tasks
        if label.value in ("regression", "classification")
        for evidence in label.evidence
    ]
    if "supervised" not in values and task_evidence:
        confidence = max(label.confidence for label in found_tasks if label.value in ("regression", "classification"))
        labels.append(Label("supervised", task_evidence[:scoring.MAX_EVIDENCE], confidence))
    if "unsupervised" not in values:
        # Clustering of the paper's own is unsupervised, beside a supervised model too
        # (phase regions clustered, then a regression per region), unless it only cuts the data.
        clustering = [label for label in found_tasks if label.value == "clustering"
                      and not all(_DATA_STEP.search(evidence.quote) for evidence in label.evidence)]
        if clustering:
            labels.append(Label("unsupervised", clustering[0].evidence, clustering[0].confidence))
    return labels
