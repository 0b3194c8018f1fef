"""The ML facts of a research article, each with its quote, page and section.

`extract(document) -> PaperFacts`; see `analyser.facts.model` for the fields.
"""

from analyser.facts.model import (
    CONFIDENT,
    Data,
    DataSet,
    Evidence,
    Hyperparameter,
    Label,
    Metric,
    Model,
    Optimisation,
    PaperFacts,
    Question,
)

from analyser.facts.extractor import extract


__all__ = [
    "CONFIDENT",
    "Data",
    "DataSet",
    "Evidence",
    "Hyperparameter",
    "Label",
    "Metric",
    "Model",
    "Optimisation",
    "PaperFacts",
    "Question",
    "extract",
]
