"""The ML facts of a paper, each with the quotes it was read from.

These dataclasses are a contract (docs/CONTRACTS.md): the template, the rubric
checker and the grader read them, so fields are only ever added, never renamed.
`to_dict()` gives the JSON of issue 4 (keys fixed; issue 12 added
`confidence` on every fact, `data.sets` and the `component` role).

Confidence (0 to 1) says how firmly the paper states a fact of its own work:
it grows with the weight of the sentences stating it (methods and results more
than the introduction; the paper speaking of its own pipeline more than of
earlier work, of the field in general or of what could be done). A fact at
CONFIDENT or above is one the template and the checker may rely on; below it,
they say "not found" rather than guess.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

CONFIDENT = 0.5


@dataclass
class Evidence:
    quote: str  # the sentence (trimmed) the fact was read from
    page: int  # 1-based page of the document
    section: str  # heading of the section holding the quote ("" when unknown)


@dataclass
class Label:
    """One value of a set-valued field (a learning type, a dataset, a loss...)."""

    value: str
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Model:
    name: str
    family: str  # linear, kernel, gaussian-process, tree, ..., other
    # "main": the paper's own; "baseline": compared against (the authors' or
    # re-implemented); "component": a part of the pipeline or an external tool it
    # uses (a prediction head, a frozen pre-trained model, a docking program...)
    role: str
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Hyperparameter:
    name: str  # canonical, e.g. "learning rate"
    value: str  # as written, e.g. "1e-4"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Metric:
    name: str  # canonical, e.g. "RMSE"
    value: float | None  # the first number reported with it, when there is one
    split: str | None  # train, validation or test when the sentence says so
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class DataSet:
    """One data set the paper uses, with what the paper says of it."""

    name: str  # as the paper names it ("QM9", "the MnO data set"), or "" when unnamed
    size: int | None = None  # its number of samples, when stated
    unit: str | None = None  # what is counted ("molecules", "structures"...)
    source: str | None = None  # where it comes from (a database, DFT, experiments...)
    split: dict | None = None  # {"train": 0.8, "test": 0.2} or sizes, when stated for it
    # "training", "pre-training", "fine-tuning", "test", "benchmark" or None
    role: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Question:
    text: str  # the question a critical reader should ask
    reason: str  # what in the paper (or missing from it) prompts it
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Data:
    datasets: list[Label] = field(default_factory=list)
    n_samples: int | None = None
    # The statements of n_samples; when n_samples is None because the paper states
    # several sizes (several data sets), the statements of those sizes.
    n_samples_evidence: list[Evidence] = field(default_factory=list)
    split: dict | None = None  # {"train": 0.8, "validation": 0.1, "test": 0.1} or sizes
    representation: list[Label] = field(default_factory=list)
    # Every data set with its own size, source and split (n_samples is one of
    # these sizes only when the paper makes one data set the main one).
    sets: list[DataSet] = field(default_factory=list)
    n_samples_confidence: float | None = None  # None when n_samples is None
    split_confidence: float | None = None  # None when split is None

    def confident_n_samples(self, threshold: float = CONFIDENT) -> int | None:
        """n_samples when stated firmly enough to rely on (a confidence of None, from
        facts made without confidences, counts as firm), else None."""
        firm = self.n_samples_confidence is None or self.n_samples_confidence >= threshold
        return self.n_samples if firm else None

    def confident_split(self, threshold: float = CONFIDENT) -> dict | None:
        """split when stated firmly enough to rely on, else None."""
        firm = self.split_confidence is None or self.split_confidence >= threshold
        return self.split if firm else None


@dataclass
class Optimisation:
    loss: list[Label] = field(default_factory=list)
    optimiser: list[Label] = field(default_factory=list)
    hyperparameters: list[Hyperparameter] = field(default_factory=list)
    hyperparameter_search: list[Label] = field(default_factory=list)


@dataclass
class PaperFacts:
    learning_type: list[Label] = field(default_factory=list)
    tasks: list[Label] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    data: Data = field(default_factory=Data)
    optimisation: Optimisation = field(default_factory=Optimisation)
    validation: list[Label] = field(default_factory=list)
    regularisation: list[Label] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def _labels(self, name: str) -> list:
        holders = {
            "datasets": self.data.datasets,
            "representation": self.data.representation,
            "loss": self.optimisation.loss,
            "optimiser": self.optimisation.optimiser,
            "hyperparameter_search": self.optimisation.hyperparameter_search,
        }
        return holders[name] if name in holders else getattr(self, name)

    def values(self, name: str) -> set[str]:
        """The values of a set-valued field, by its JSON name, e.g. "learning_type",
        "validation", "datasets", "representation", "loss", "optimiser"."""
        return self.confident_values(name, threshold=0.0)

    def main_families(self) -> set[str]:
        return {model.family for model in self.models if model.role == "main"}

    def baseline_families(self) -> set[str]:
        return {model.family for model in self.models if model.role == "baseline"}

    def confident_values(self, name: str, threshold: float = CONFIDENT) -> set[str]:
        """`values(name)` kept to the facts stated firmly enough to rely on."""
        return {label.value if isinstance(label, Label) else label.name
                for label in self._labels(name) if label.confidence >= threshold}

    def confident_models(self, role: str | None = None, threshold: float = CONFIDENT) -> list[Model]:
        """The models stated firmly enough to rely on, of one role ("main",
        "baseline", "component") or of all."""
        return [model for model in self.models
                if model.confidence >= threshold and (role is None or model.role == role)]
