"""Learning type (supervised, self-supervised...) and task (regression, classification...)."""

from __future__ import annotations

import re

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus
from analyser.facts.model import Label

# A task needs more than a passing word; regression/classification also follow
# from the paper's metrics (RMSE, ROC-AUC), weighted low in the vocabulary.
TASK_MIN_SCORE = 1.2
LEARNING_MIN_SCORE = 1.0


def tasks(corpus: Corpus) -> list[Label]:
    found = scoring.labels(corpus, vocab.group("learning", "task"), TASK_MIN_SCORE)
    # "other" (optimisation, active learning) only when nothing standard is there.
    if any(label.value != "other" for label in found):
        found = [label for label in found if label.value != "other"]
    return found


# Clustering used to cut the data into parts (to split it, or to train one model per
# part) is a step of a supervised pipeline, not an unsupervised study.
_DATA_STEP = re.compile(
    r"\bpartition\w*|\bsplit\w*|\bsubsets?\b|\bsegments?\b|\bgroup(?:ing|ed|s)?\s+(?:of\s+)?(?:the\s+)?data|"
    r"\bseparate\s+models?\b|\bone model (?:per|for each)\b|\bpre-?process\w*|\bdata preparation\b",
    re.I,
)


def learning_types(corpus: Corpus, found_tasks: list[Label]) -> list[Label]:
    tallies = scoring.tally(corpus, vocab.group("learning", "learning_type"))
    if "unsupervised" in tallies:
        tally = tallies["unsupervised"]
        kept = [hit for hit in tally.hits if not _DATA_STEP.search(hit.sent.text)]
        if len(kept) != len(tally.hits):
            total = sum(hit.sent.weight for hit in tally.hits)
            tally.score *= sum(hit.sent.weight for hit in kept) / total if total else 0.0
            tally.hits = kept
    # Beyond "supervised", a paradigm is the paper's own only when it says so in
    # the first person ("we pre-train with self-supervised..."): baselines and
    # related work are full of other paradigms.
    labels = [
        tally.label()
        for tally in sorted(tallies.values(), key=lambda item: -item.score)
        if tally.score >= LEARNING_MIN_SCORE
        and (tally.value == "supervised" or any(hit.sent.owned for hit in tally.hits))
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
        labels.append(Label("supervised", task_evidence[:scoring.MAX_EVIDENCE]))
    if "unsupervised" not in values:
        unsupervised_tasks = [label for label in found_tasks if label.value in ("clustering",)]
        if unsupervised_tasks and not task_evidence:
            labels.append(Label("unsupervised", unsupervised_tasks[0].evidence))
    return labels
