"""Validation schemes (hold-out, k-fold, scaffold split...) and regularisation."""

from __future__ import annotations

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus
from analyser.facts.model import Label

VALIDATION_MIN_SCORE = 1.0
REGULARISATION_MIN_SCORE = 1.0


def schemes(corpus: Corpus) -> list[Label]:
    return scoring.labels(corpus, vocab.group("validation", "validation"), VALIDATION_MIN_SCORE)


def regularisation(corpus: Corpus) -> list[Label]:
    found = scoring.labels(corpus, vocab.group("validation", "regularisation"), REGULARISATION_MIN_SCORE)
    # "regularisation" alone says less than a named technique: keep it only alone.
    if len(found) > 1:
        found = [label for label in found if label.value != "regularisation (unspecified)"]
    return found
