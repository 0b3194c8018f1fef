"""`extract(document) -> PaperFacts`: every field family, then the questions they invite."""

from __future__ import annotations

from analyser.documents.model import Document
from analyser.facts import data, learning, metrics, models, optimisation, questions, validation
from analyser.facts.corpus import Corpus
from analyser.facts.model import PaperFacts


def extract(document: Document) -> PaperFacts:
    corpus = Corpus(document)
    found_models = models.find(corpus)
    own = {model.name for model in found_models if model.role == "main"}
    others = ({model.name for model in found_models if model.role != "main"} | models.compared_models(corpus)) - own
    tasks = learning.tasks(corpus, others, own, generative=[model for model in found_models
                                                           if model.role == "main" and model.family == "generative"])
    facts = PaperFacts(
        learning_type=learning.learning_types(corpus, tasks, others, own),
        tasks=tasks,
        models=found_models,
        data=data.find(corpus, others, own),
        optimisation=optimisation.find(corpus),
        validation=validation.schemes(corpus, others, own),
        regularisation=validation.regularisation(corpus),
        metrics=metrics.find(corpus),
    )
    facts.questions = questions.ask(facts, corpus)
    return facts
