"""`extract(document) -> PaperFacts`: every field family, then the questions they invite."""

from __future__ import annotations

from analyser.documents.model import Document
from analyser.facts import data, learning, metrics, models, optimisation, questions, validation
from analyser.facts.corpus import Corpus
from analyser.facts.model import PaperFacts


def extract(document: Document) -> PaperFacts:
    corpus = Corpus(document)
    tasks = learning.tasks(corpus)
    facts = PaperFacts(
        learning_type=learning.learning_types(corpus, tasks),
        tasks=tasks,
        models=models.find(corpus),
        data=data.find(corpus),
        optimisation=optimisation.find(corpus),
        validation=validation.schemes(corpus),
        regularisation=validation.regularisation(corpus),
        metrics=metrics.find(corpus),
    )
    facts.questions = questions.ask(facts, corpus)
    return facts
