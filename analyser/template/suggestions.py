"""Critical questions and lab experiments: which section asks each question, and which
`analyser lab` command illustrates it.

The experiments follow from what the article is (its facts) and what is asked
of it (its critical questions), by the rules of `LAB_RULES`:

- over/underfitting: always `learning-curve`, with the lab model closest to
  the article's main model and a data set of the article's task (is the data
  set large enough for the model?); `overfitting-d100` as well when the data
  are few or their size (or overfitting) is questioned; `ridge-path` when the article
  regularises or its regularisation is questioned;
- training: `ridge-path` when hyperparameters were searched or their tuning is
  questioned (and the over/underfitting section has no ridge-path already);
  `gd-vs-sgd` when the model is trained by gradient descent (an iterative
  optimiser, or learning rate / epochs / batch size questioned);
- model: `curse-of-dimensionality` when the inputs are high-dimensional
  vectors (descriptors, fingerprints, embeddings...) or questioned as such;
- alternatives: `xnor-models` when baselines are compared, or the choice of a
  model (or a missing baseline) is questioned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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


def _route(text: str) -> str:
    """The criterion a question questions (over/underfitting when no route matches)."""
    for criterion_id, pattern in _QUESTION_ROUTES:
        if pattern.search(text):
            return criterion_id
    return "overfitting"


def route_questions(facts: PaperFacts | None, words: Texts) -> dict[str, list[CriticalQuestion]]:
    """The critical questions by the criterion they question, in the template's language."""
    routed: dict[str, list[CriticalQuestion]] = {}
    if facts is None:
        return routed
    for question in facts.questions:
        target = _route(question.text)
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


_DATA_SIZE_WORDS = re.compile(
    r"\bfew\b|enough data|overfit|small (data|sample|training)|sample size|how many samples|"
    r"number of (samples|examples)|data size|\bparameters\b",
    re.I,
)
_REGULARISATION_WORDS = re.compile(r"regulari[sz]|penalt|dropout|weight decay|ridge|lasso|early stopping", re.I)
_TUNING_WORDS = re.compile(r"hyperparam|\btun(ed|ing)\b|chosen on|validation set", re.I)
_GRADIENT_WORDS = re.compile(r"learning rate|\bepochs?\b|batch size|gradient descent|converge", re.I)
_MODEL_CHOICE_WORDS = re.compile(
    r"baseline|simpler model|simple model|model choice|why (this|a|the) model|linear model|other model", re.I
)
_DIMENSION_WORDS = re.compile(r"descriptor|\bfeatures?\b|dimension|fingerprint", re.I)

# Optimisers that step along a gradient (the lab's gd-vs-sgd shows how batch size and step trade off).
GRADIENT_OPTIMISERS = {"Adam", "SGD", "RMSprop", "LAMB", "Lookahead"}
# Representations that are long vectors of numbers: where distances lose their meaning as d grows.
HIGH_DIMENSIONAL = {"descriptors", "fingerprints", "embeddings", "spectra", "images", "compositions"}


@dataclass(frozen=True)
class _Asked:
    """What the lab rules look at: the article's facts and the questions asked of it."""

    facts: PaperFacts
    questions: str

    def asks(self, pattern: re.Pattern) -> bool:
        return bool(pattern.search(self.questions))

    def asks_about(self, criterion_id: str, pattern: re.Pattern) -> bool:
        """A question routed to `criterion_id` says it: "a random forest on descriptors"
        proposed as a baseline says nothing of this article's inputs."""
        return any(_route(question.text) == criterion_id and pattern.search(f"{question.text} {question.reason}")
                   for question in self.facts.questions)


def _few_samples(a: _Asked) -> bool:
    n = a.facts.data.confident_n_samples()
    return (n is not None and n < FEW_SAMPLES) or a.asks(_DATA_SIZE_WORDS)


def _regularised(a: _Asked) -> bool:
    return bool(a.facts.confident_values("regularisation")) or a.asks(_REGULARISATION_WORDS)


def _tuned(a: _Asked) -> bool:
    # With regularisation, the ridge path is suggested under over/underfitting instead.
    return (bool(a.facts.confident_values("hyperparameter_search")) or a.asks(_TUNING_WORDS)) and not _regularised(a)


def _gradient_trained(a: _Asked) -> bool:
    optimisers = a.facts.confident_values("optimiser")
    return bool(optimisers & GRADIENT_OPTIMISERS) or a.asks(_GRADIENT_WORDS)


def _high_dimensional(a: _Asked) -> bool:
    # Only inputs the article firmly gives its own models: a descriptor of earlier work
    # in its introduction calls for no lab on dimensionality.
    kinds = a.facts.confident_values("representation")
    return bool(kinds & HIGH_DIMENSIONAL) or a.asks_about("model", _DIMENSION_WORDS)


def _model_choice(a: _Asked) -> bool:
    return bool(a.facts.confident_models("baseline")) or a.asks(_MODEL_CHOICE_WORDS)


def _always(a: _Asked) -> bool:
    return True


@dataclass(frozen=True)
class LabRule:
    """Section `criterion_id` suggests `experiment` when `applies`; `why` names its text in i18n [lab]."""

    criterion_id: str
    experiment: str
    applies: Callable[[_Asked], bool]
    why: str


# In the order a section lists them.
LAB_RULES = (
    LabRule("model", "curse-of-dimensionality", _high_dimensional, "curse-of-dimensionality"),
    LabRule("optimisation", "ridge-path", _tuned, "ridge-path-tuning"),
    LabRule("optimisation", "gd-vs-sgd", _gradient_trained, "gd-vs-sgd"),
    LabRule("overfitting", "learning-curve", _always, "learning-curve"),
    LabRule("overfitting", "overfitting-d100", _few_samples, "overfitting-d100"),
    LabRule("overfitting", "ridge-path", _regularised, "ridge-path"),
    LabRule("alternatives", "xnor-models", _model_choice, "xnor-models"),
)


def lab_for(criterion_id: str, facts: PaperFacts | None, words: Texts) -> list[LabExperiment]:
    """The lab experiments that illustrate this section's questions, for this article."""
    if facts is None:
        return []
    asked = _Asked(facts, _questions_text(facts))
    return [
        LabExperiment(command=lab_command(rule.experiment, facts), why=words.lab[rule.why])
        for rule in LAB_RULES
        if rule.criterion_id == criterion_id and rule.applies(asked)
    ]


# The lab model closest to a model family, for `learning-curve --model`: (for regression, for classification).
# Networks of every kind -> the lab's network; kernel methods and Gaussian processes (kernel ridge
# in disguise) -> ridge, or the nearest neighbour for classes; the lab's 1-NN only classifies.
LAB_MODEL = {
    "linear": ("linear", "softmax"),
    "kernel": ("ridge", "knn"),
    "gaussian-process": ("ridge", "knn"),
    "tree": ("tree", "tree"),
    "tree-ensemble": ("forest", "forest"),
    "nearest-neighbours": ("tree", "knn"),
    **{family: ("mlp", "mlp") for family in ("mlp", "cnn", "gnn", "rnn", "transformer", "autoencoder", "generative")},
}
# Boosted ensembles have their own lab model.
_BOOSTING = re.compile(r"boost", re.I)
# The lab data set of each task: many features (a learning curve of a real shape) or a nonlinear boundary.
LAB_DATASET = {"regression": "linear", "classification": "xnor"}


def learning_curve_options(facts: PaperFacts) -> tuple[str, str] | None:
    """(model, dataset) for `learning-curve`: the lab's nearest to the main model, on the article's task."""
    tasks = facts.values("tasks")
    task = "regression" if "regression" in tasks or "classification" not in tasks else "classification"
    # The paper's own models first, then those it compares against (a component, a
    # readout or a tool, says nothing of the model to try).
    for model in facts.confident_models("main") + facts.confident_models("baseline"):
        if model.family in LAB_MODEL:
            lab_model = LAB_MODEL[model.family][task == "classification"]
            if model.family == "tree-ensemble" and _BOOSTING.search(model.name):
                lab_model = "gboost"
            return lab_model, LAB_DATASET[task]
    if tasks:
        return LAB_MODEL["tree"][task == "classification"], LAB_DATASET[task]
    return None


def lab_command(name: str, facts: PaperFacts) -> str:
    command = f"analyser lab run {name}"
    if name == "learning-curve":
        options = learning_curve_options(facts)
        if options:
            command += f" --model {options[0]} --dataset {options[1]}"
    return command
