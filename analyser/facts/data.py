"""The data of a paper: its data sets (each with its size, source and split), the
size of its main data set, the train/validation/test split and the
representation of the inputs. Each part is read in its own module; here they
are put together."""

from __future__ import annotations

from analyser.facts import datasets, representation, scoring, sizes, splits, vocab
from analyser.facts.corpus import Corpus
from analyser.facts.model import Data
from analyser.facts.sizes import n_samples, several_data_sets, size_candidates, stated_sizes  # noqa: F401
from analyser.facts.splits import split  # noqa: F401

DATASET_MIN_SCORE = 1.0


def find(corpus: Corpus, others=(), own=()) -> Data:
    """`others`, `own`: names of the paper's other models (baselines, components,
    models it compares against) and of its own, to tell whose input a sentence states."""
    size = sizes.find(corpus)
    size_evidence = size.evidence
    if size.value is None:
        # No single size: the evidence is then the statements of the several sizes.
        size_evidence = [evidence for _, evidence in size.several]
    tallies = scoring.tally(corpus, vocab.group("data", "dataset"))
    named = [tally for tally in tallies.values() if tally.reported(DATASET_MIN_SCORE)]
    named.sort(key=lambda item: -item.score)
    labels = [tally.label(DATASET_MIN_SCORE) for tally in named]
    named_hits: dict[int, list] = {}
    for tally in named:
        for hit in tally.hits:
            named_hits.setdefault(hit.sent.index, []).append((hit, tally.value))
    weighed = splits.weighed_split(corpus)
    paper_split = weighed[1] if weighed else None
    return Data(
        datasets=labels,
        n_samples=size.value,
        n_samples_evidence=size_evidence,
        split=paper_split,
        representation=representation.find(corpus, others, own),
        sets=datasets.find(labels, named_hits, size.candidates, paper_split),
        n_samples_confidence=(scoring.confidence(size.score, sizes.N_SAMPLES_MIN_SCORE)
                              if size.value is not None else None),
        split_confidence=scoring.confidence(weighed[0], splits.SPLIT_MIN_WEIGHT) if weighed else None,
    )
