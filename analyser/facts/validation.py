"""Validation schemes (hold-out, k-fold, scaffold split...) and regularisation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus
from analyser.facts.learning import drop_other_models
from analyser.facts.model import Label

VALIDATION_MIN_SCORE = 1.0
REGULARISATION_MIN_SCORE = 1.0


# Schemes that loop over test folds or groups: in a sentence describing one of them,
# "the test set" is that loop's fold or group, not a separate hold-out. (A stated
# ratio or split in the same sentence still is one: "split 80/10/10 by scaffold".)
LOOPS = ("k-fold-cv", "leave-one-out", "cluster-split")
_BARE_TEST_SET = re.compile(r"^(?:unseen\s+)?(?:test|testing|validation)[\s\-]*(?:set|data|test)s?$", re.I)
# "typical cross-validation using Train ..., Validation ... and Test ...": the word
# names a train/validation/test split (a hold-out), not k folds.
_THREE_SETS = re.compile(r"\btrain\w*\b.*\bvalidation\b.*\btest\w*\b", re.I | re.S)
_K_FOLDS = re.compile(r"\bk[- ]fold|\b\d+[- ]fold|\b(?:five|ten|three)[- ]fold", re.I)
_FOLDS = re.compile(r"\bfolds?\b|\bk[- ]fold|\b\d+[- ]fold|\bleave|\brepeated\b|\bnested\b", re.I)


def schemes(corpus: Corpus, others: Iterable[str] = (), own: Iterable[str] = ()) -> list[Label]:
    """How the paper's own models are validated: a scheme said of another model only
    ("BioEmu fine-tuned by leave-one-out cross-validation") is that model's."""
    tallies = scoring.tally(corpus, vocab.group("validation", "validation"))
    drop_other_models(tallies, others, own)
    loops = {hit.sent.index for value in LOOPS if value in tallies for hit in tallies[value].hits}
    if "hold-out" in tallies:
        _reassign(tallies["hold-out"],
                  lambda hit: hit.sent.index not in loops or not _BARE_TEST_SET.match(hit.matched))
        # With cross-validation (or another loop) reported, "the test data" alone is
        # that loop's test fold: a separate hold-out needs a stated split ("80/20",
        # "a held-out test set", "trained on 90 %").
        if any(tallies[value].reported(VALIDATION_MIN_SCORE) for value in LOOPS if value in tallies) and all(
                _BARE_TEST_SET.match(hit.matched) for hit in tallies["hold-out"].hits):
            _reassign(tallies["hold-out"], lambda hit: False)
    if "k-fold-cv" in tallies and "leave-one-out" in tallies and tallies["leave-one-out"].reported(VALIDATION_MIN_SCORE):
        # With leave-one-out reported, "cross validation" is that: k folds need their number.
        _reassign(tallies["k-fold-cv"], lambda hit: _K_FOLDS.search(hit.sent.text))
    if "k-fold-cv" in tallies:
        moved = [hit for hit in tallies["k-fold-cv"].hits
                 if _THREE_SETS.search(hit.sent.text) and not _FOLDS.search(hit.sent.text)]
        if moved:
            _reassign(tallies["k-fold-cv"], lambda hit: hit not in moved)
            holdout = tallies.setdefault("hold-out", scoring.Tally("hold-out"))
            for hit in moved:
                holdout.add(hit, 1.0)
    found = [item for item in tallies.values() if item.reported(VALIDATION_MIN_SCORE)]
    found.sort(key=lambda item: -item.score)
    return [item.label(VALIDATION_MIN_SCORE) for item in found]


def _reassign(tally: scoring.Tally, keep) -> None:
    """Keep only the hits `keep` accepts, and the share of the score they carried."""
    tally.rescale([hit for hit in tally.hits if keep(hit)])


def regularisation(corpus: Corpus) -> list[Label]:
    found = scoring.labels(corpus, vocab.group("validation", "regularisation"), REGULARISATION_MIN_SCORE)
    # "regularisation" alone says less than a named technique: keep it only alone.
    if len(found) > 1:
        found = [label for label in found if label.value != "regularisation (unspecified)"]
    return found
