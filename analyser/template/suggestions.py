"""Critical questions and lab experiments: which section asks each question, which
`analyser lab` command illustrates it (few samples -> learning-curve, overfitting-d100;
regularisation -> ridge-path; the choice of a model -> xnor-models)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analyser.template.boxes import clean, fact
from analyser.template.content import CriticalQuestion, LabExperiment
from analyser.template.i18n import Texts

if TYPE_CHECKING:
    from analyser.facts.model import PaperFacts

# Below this many samples, over-fitting is the first question to ask of a model.
FEW_SAMPLES = 1000

# Which section a critical question belongs to, from words in it (default: overfitting,
# where the rubric asks the student to question the process).
# The first route that matches wins: a question about hyperparameters tuned on the
# test set belongs to training, one about "enough data" to over/underfitting even
# when it also suggests a simpler model.
_QUESTION_ROUTES = (
    ("optimisation", re.compile(r"hyperparam|\btun(ed|ing)\b|learning rate|optimi[sz]er|\bloss\b|epoch", re.I)),
    ("framing", re.compile(r"\blabels?\b|\btargets?\b|how many samples|source of the data|data set come", re.I)),
    ("overfitting", re.compile(r"overfit|enough data|\bsplit|leak|applicability|validated|test set", re.I)),
    ("alternatives", re.compile(r"baseline|alternativ|compar|simpler model|other model", re.I)),
    ("model", re.compile(r"architecture|representation|descriptor|feature", re.I)),
)
_FEW_SAMPLES_WORDS = re.compile(
    r"\bfew\b|enough data|overfit|small (data|sample|training)|sample size|number of (samples|examples)|data size", re.I
)
_REGULARISATION_WORDS = re.compile(r"regulari[sz]|penalt|dropout|weight decay|ridge|lasso", re.I)
_MODEL_CHOICE_WORDS = re.compile(r"baseline|simpler model|model choice|why (this|a|the) model|linear model|other model", re.I)


def route_questions(facts: PaperFacts | None, words: Texts) -> dict[str, list[CriticalQuestion]]:
    """The critical questions by the criterion they question, in the template's language."""
    routed: dict[str, list[CriticalQuestion]] = {}
    if facts is None:
        return routed
    for question in facts.questions:
        target = "overfitting"
        for criterion_id, pattern in _QUESTION_ROUTES:
            if pattern.search(question.text):
                target = criterion_id
                break
        first = question.evidence[0] if question.evidence else None
        routed.setdefault(target, []).append(
            CriticalQuestion(
                text=clean(words.question(question.text)),
                quote=fact("", "", question.evidence).quote if first else "",
                page=first.page if first else None,
            )
        )
    return routed


def _questions_text(facts: PaperFacts) -> str:
    return " ".join(f"{q.text} {q.reason}" for q in facts.questions)


def lab_for(criterion_id: str, facts: PaperFacts | None, words: Texts) -> list[LabExperiment]:
    """The lab experiments that illustrate this section's questions, for this article."""
    if facts is None:
        return []
    asked = _questions_text(facts)
    names: list[str] = []
    if criterion_id == "overfitting":
        n = facts.data.n_samples
        if (n is not None and n < FEW_SAMPLES) or _FEW_SAMPLES_WORDS.search(asked):
            names += ["learning-curve", "overfitting-d100"]
        if facts.regularisation or _REGULARISATION_WORDS.search(asked):
            names.append("ridge-path")
    elif criterion_id == "alternatives":
        if any(m.role == "baseline" for m in facts.models) or _MODEL_CHOICE_WORDS.search(asked):
            names.append("xnor-models")
    return [LabExperiment(command=_lab_command(name, facts), why=words.lab[name]) for name in names]


# The lab model closest to the article's main model family, for `learning-curve --model`.
_LAB_MODEL = {
    "linear": "linear", "tree": "tree", "tree-ensemble": "forest", "mlp": "mlp", "cnn": "mlp", "gnn": "mlp",
    "rnn": "mlp", "transformer": "mlp", "nearest-neighbours": "knn",
}


def _lab_command(name: str, facts: PaperFacts) -> str:
    command = f"analyser lab run {name}"
    if name == "learning-curve":
        families = [m.family for m in facts.models if m.role == "main" and m.family in _LAB_MODEL]
        if families:
            command += f" --model {_LAB_MODEL[families[0]]}"
    return command
