"""The critical questions a paper invites, from what was found and what is missing.

Each rule is one small function returning a Question or None; every question
carries its reason and the quotes behind it (for a missing item: the quotes
that show what the paper did instead, when there are any).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analyser.facts import data
from analyser.facts.corpus import Corpus
from analyser.facts.metrics import lower_is_better
from analyser.facts.model import Evidence, PaperFacts, Question

NEURAL_FAMILIES = {"mlp", "cnn", "rnn", "gnn", "transformer", "autoencoder", "generative"}
MOLECULAR_INPUTS = {"SMILES/strings", "fingerprints", "graphs"}
SMALL_DATA = 1000  # samples: below this a neural network is data-hungry
HOLD_OUT_GAP = 0.10  # R2/accuracy points between train and test worth asking about
ERROR_RATIO = 1.5  # test error / train error worth asking about

_UNCERTAINTY = re.compile(
    r"standard deviations?|standard errors?|±|\+/-|error bars?|confidence intervals?|uncertaint\w+|"
    r"\b(?:repeated|independent)\s+(?:\w+\s+)?(?:runs|trainings|times|experiments)|random seeds?|"
    r"\b\d+\s+(?:runs|repeats|repetitions|replicates|seeds|independent trainings)\b|averaged over",
    re.I,
)
_TUNED_ON_TEST = re.compile(
    r"\b(?:tun|select|optimi[sz]|chos|chose|determin|pick)\w*\b[^.]{0,80}\b(?:on|using|based on|against|"
    r"with respect to)\s+(?:the\s+)?(?:test(?:ing)?)\s+(?:set|data|error|performance)",
    re.I,
)
_RANDOM_SPLIT = re.compile(r"\brandom(?:ly)?\b[^.]{0,40}\b(?:split|divided|partition|selected|assigned|chosen|shuffled)|"
                           r"\brandom\s+(?:split|splitting|partition)", re.I)
# ...of the data into sets: "randomly selected node features are masked" splits no data.
_DATA_SETS = re.compile(r"\b(?:train\w*|test\w*|validation|data\s?sets?|data|splits?|folds?|subsets?|hold[- ]?out)\b", re.I)
# Molecules as the samples (not "molecular dynamics").
# Imbalance handled: stratified splits, class weights, resampling, balanced measures.
_BALANCE_HANDLED = re.compile(
    r"\bbalanced accuracy\b|\bstratif\w*|\bclass[- ]weight\w*|\bweighted (?:loss|cross-entropy)\b|"
    r"\b(?:over|under)-?sampl\w*|\bSMOTE\b|\bMCC\b|Matthews|\bPR-AUC\b|\bAUPRC\b|\bF1\b|"
    r"\b(?:data|classes) (?:were|are|was|is) balanced\b|\bbalanced (?:data ?set|classes|sampling)\b",
    re.I,
)
# The class proportions stated: "71% of entries were measured to be glasses",
# "1,200 actives and 8,000 inactives", "the data are imbalanced".
_CLASS_SHARE = re.compile(
    r"(?P<share>\d{1,2}(?:\.\d+)?)\s*%\s+of\s+(?:the\s+|all\s+)?(?:[\w\-]+\s+){0,4}?(?:entries|samples|"
    r"compounds|molecules|data|instances|examples|points|records|structures|materials|alloys|sequences|"
    r"proteins|observations|cases|patients|compositions|labels)\b[^.;]{0,60}?(?:\bto be\b|\b(?:labell?ed|"
    r"classified|annotated|considered|known|found|measured|identified)\s+as\b|\bcorrespond\w*\s+to\b|"
    r"\bbelong\w*\s+to\b|\b(?:are|were|is|was)\s+(?:positive|negative|active|inactive)\b)"
    r"|\b\d[\d,]*\s+(?:actives?|inactives?|positives?|negatives?|binders|non-binders)\b"
    r"|\b(?:data|data ?sets?|classes|labels)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:im|un)balanced\b"
    r"|\bskewed\s+towards?\b",
    re.I,
)
_COMPARISON = re.compile(r"\bbaselines?\b|\bcompared (?:with|to)\b|\boutperform\w*", re.I)
_MOLECULES = re.compile(r"\bmolecules\b|\bcompounds\b|\bligands\b|\bdrug-like\b|\bSMILES\b", re.I)
_DFT = re.compile(r"\bDFT\b|density functional theory|\bab initio\b|first[- ]principles", re.I)
_PARAMETERS = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<scale>k|K|M|million|thousand|billion|B)?\s+(?:trainable\s+|learnable\s+|free\s+)?"
    r"(?:parameters|weights)\b"
)


def _ev(evidence: list[Evidence], limit: int = 2) -> list[Evidence]:
    return list(evidence[:limit])


def overfitting(facts: PaperFacts, corpus: Corpus) -> Question | None:
    by_name: dict[str, dict[str, tuple[float, list[Evidence]]]] = {}
    for metric in facts.metrics:
        if metric.value is not None and metric.split in ("train", "test"):
            by_name.setdefault(metric.name, {}).setdefault(metric.split, (metric.value, metric.evidence))
    for name, splits in by_name.items():
        if "train" not in splits or "test" not in splits:
            continue
        (train, train_ev), (test, test_ev) = splits["train"], splits["test"]
        if lower_is_better(name):
            gap = train > 0 and test / train >= ERROR_RATIO
        else:
            scale = 100.0 if max(train, test) > 1.0 else 1.0
            gap = train - test >= HOLD_OUT_GAP * scale
        if gap:
            return Question(
                f"Training {name} {train:g} against test {name} {test:g}: is the model overfitting?",
                f"{name} is clearly worse on the test data than on the training data.",
                _ev(train_ev, 1) + _ev(test_ev, 1),
            )
    return None


def _parameter_count(corpus: Corpus) -> tuple[int, Evidence] | None:
    scales = {"k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "million": 1e6, "billion": 1e9, "B": 1e9}
    for sent, match in corpus.search(_PARAMETERS):
        try:
            number = float(match.group("num").replace(",", ""))
        except ValueError:
            continue
        count = int(number * scales.get(match.group("scale") or "", 1))
        if count >= 100:
            return count, sent.evidence(match.start(), match.end())
    return None


def small_data(facts: PaperFacts, corpus: Corpus) -> Question | None:
    neural = facts.main_families() & NEURAL_FAMILIES
    size = facts.data.n_samples
    if not neural or size is None:
        return None
    parameters = _parameter_count(corpus)
    if parameters and parameters[0] > size:
        return Question(
            f"About {size} samples for a model of {parameters[0]:,} parameters: is there enough data?",
            "the model has more parameters than the data has samples.",
            _ev(facts.data.n_samples_evidence, 1) + [parameters[1]],
        )
    if size < SMALL_DATA:
        return Question(
            f"Only about {size} samples for a {'/'.join(sorted(neural))} model: is there enough data, "
            "and would a simpler model do as well?",
            f"{size} samples is little for a neural network.",
            _ev(facts.data.n_samples_evidence),
        )
    return None


def no_data_size(facts: PaperFacts, corpus: Corpus) -> Question | None:
    if facts.data.n_samples is not None:
        return None
    several = data.stated_sizes(corpus) or [
        (item.size, item.evidence[0]) for item in facts.data.sets if item.size is not None and item.evidence]
    if len(several) == 1:
        size, evidence = several[0]
        return Question(
            f"How many samples were the models trained and tested on: all {size:,}, and how were they divided?",
            f"the article states one data-set size ({size:,}) but not clearly as the data the models learn from.",
            [evidence],
        )
    if several:
        sizes = ", ".join(f"{size:,}" for size, _ in several)
        return Question(
            "Several data-set sizes are stated: which data (and how many samples) was each model trained "
            "and tested on?",
            f"the article states several sizes ({sizes}) and no single one is the data of the study.",
            _ev([evidence for _, evidence in several], 3),
        )
    if data.several_data_sets(corpus):
        return Question(
            "The article uses several data sets: how many samples does each have, and which was each model "
            "trained and tested on?",
            "the article says it uses several data sets, and no size was found for them in its text.",
            [],
        )
    return Question(
        "How many samples were the models trained and tested on?",
        "no single data-set size was found in the article.",
        [],
    )


def scaffold_leakage(facts: PaperFacts, corpus: Corpus) -> Question | None:
    schemes = facts.values("validation")
    if not schemes & {"hold-out", "k-fold-cv"} or schemes & {"scaffold-split", "cluster-split", "time-split"}:
        return None
    molecular = bool(facts.values("representation") & MOLECULAR_INPUTS) and (
        len([sent for sent in corpus.sentences if _MOLECULES.search(sent.text)]) >= 3
    )
    random_split = [sent.evidence() for sent in corpus.sentences
                    if _RANDOM_SPLIT.search(sent.text) and _DATA_SETS.search(sent.text)]
    if molecular:
        return Question(
            "Molecules were split without regard to their scaffolds: are test molecules near-copies of "
            "training ones (leakage), and how would a scaffold split score?",
            "random or unspecified split of molecules; no scaffold, cluster or time split found.",
            _ev(random_split or [label.evidence[0] for label in facts.validation if label.evidence]),
        )
    if random_split:
        return Question(
            "The data were split at random: are test samples correlated with training ones (same system, "
            "same trajectory, same family), which would flatter the test error?",
            "random split; no cluster, group or time split found.",
            _ev(random_split),
        )
    return None


def no_baseline(facts: PaperFacts, corpus: Corpus) -> Question | None:
    if any(model.role == "baseline" for model in facts.models):
        return None
    # A comparison with an unnamed baseline ("compared with the baseline models") counts too.
    if any(sent.kind not in ("introduction", "related") and _COMPARISON.search(sent.text) for sent in corpus.sentences):
        return None
    return Question(
        "No baseline model is reported: how much better is this than a simple model (linear regression, "
        "random forest on descriptors) or than the mean?",
        "no model compared against was found.",
        [],
    )


def no_uncertainty(facts: PaperFacts, corpus: Corpus) -> Question | None:
    for sent in corpus.sentences:
        if sent.kind not in ("introduction", "related") and _UNCERTAINTY.search(sent.text):
            return None
    return Question(
        "Are the results repeated (several splits or seeds) and given with their uncertainty?",
        "no standard deviation, error bar or repeated run was found.",
        [],
    )


def tuned_on_test(facts: PaperFacts, corpus: Corpus) -> Question | None:
    for sent in corpus.sentences:
        match = _TUNED_ON_TEST.search(sent.text)
        if match:
            return Question(
                "Were choices tuned on the test set? Then the test error is optimistic.",
                "the article selects or tunes on test data.",
                [sent.evidence(match.start(), match.end())],
            )
    search = facts.optimisation.hyperparameter_search
    schemes = facts.values("validation")
    if search and "k-fold-cv" not in schemes and not any(
        re.search(r"\bvalidation (?:set|data)\b", sent.text, re.I) for sent in corpus.sentences
    ):
        return Question(
            "Hyperparameters were searched, but on which data? Without a separate validation set the test "
            "error is optimistic.",
            "a hyperparameter search but no validation set or cross-validation was found.",
            _ev(search[0].evidence),
        )
    return None


def applicability(facts: PaperFacts, corpus: Corpus) -> Question | None:
    schemes = facts.values("validation")
    if schemes & {"external-test", "cluster-split", "scaffold-split", "time-split"}:
        return None
    evidence = _ev(facts.data.n_samples_evidence or [e for label in facts.data.datasets for e in label.evidence])
    return Question(
        "How far does the model carry beyond the kind of data it was trained on (its applicability domain)?",
        "all tests found are on data drawn like the training data; no external, cluster or time-split test.",
        evidence,
    )


def dft_labels(facts: PaperFacts, corpus: Corpus) -> Question | None:
    if "regression" not in facts.values("tasks"):
        return None
    hits = [sent for sent in corpus.sentences if sent.kind not in ("introduction", "related") and _DFT.search(sent.text)]
    if len(hits) < 2:
        return None
    return Question(
        "The targets are computed (DFT / ab initio): how do predictions compare with experiment, given the "
        "model cannot be more accurate than its labels?",
        "the training labels come from electronic-structure calculations.",
        [max(hits, key=lambda sent: sent.weight).evidence()],
    )


def class_balance(facts: PaperFacts, corpus: Corpus) -> Question | None:
    """Asked of a classification unless the paper handles imbalance (stratified
    splits, balanced measures). When it states the class proportions the question
    quotes them and asks how the score compares with the majority rate; it never
    says "no word on class balance" beside a quote giving the proportions."""
    if "classification" not in facts.values("tasks"):
        return None
    body = [sent for sent in corpus.sentences if sent.kind not in ("introduction", "related")]
    if any(_BALANCE_HANDLED.search(sent.text) for sent in body):
        return None
    accuracy = [metric for metric in facts.metrics if metric.name == "accuracy"]
    stated = [(sent, match) for sent in body if sent.pipeline for match in _CLASS_SHARE.finditer(sent.text)]
    if stated:
        sent, match = max(stated, key=lambda pair: pair[1].group("share") is not None)
        share = match.group("share")
        return Question(
            (f"About {share}% of the samples are in one class: how" if share else "The classes are uneven: how")
            + " much better is the reported score than always predicting the majority class, and what are the "
            "precision and recall of each class?",
            "the article states the class proportions, and no balanced measure (balanced accuracy, MCC, "
            "per-class recall) or stratified split was found.",
            [sent.evidence(match.start(), match.end())] + _ev(accuracy[0].evidence if accuracy else [], 1),
        )
    evidence = [item for item in (accuracy[0].evidence if accuracy else []) if not _CLASS_SHARE.search(item.quote)]
    return Question(
        "Are the classes balanced? On imbalanced data accuracy flatters a model; how do balanced accuracy, "
        "MCC or precision/recall look?",
        "a classification task with no word on class balance"
        + (" and accuracy as the reported score." if accuracy else "."),
        _ev(evidence),
    )


def unreported_hyperparameters(facts: PaperFacts, corpus: Corpus) -> Question | None:
    if not facts.main_families() & NEURAL_FAMILIES or len(facts.optimisation.hyperparameters) >= 2:
        return None
    if not facts.learning_type:
        return None  # a model used as it is (an LLM prompted zero-shot) has no training settings
    return Question(
        "Are the training settings (learning rate, epochs, batch size, architecture sizes) reported, so "
        "that the work can be reproduced?",
        "a neural network with (almost) no hyperparameter values found in the text.",
        [],
    )


def no_validation(facts: PaperFacts, corpus: Corpus) -> Question | None:
    if facts.validation:
        return None
    return Question(
        "How were the models validated: on which data was the reported performance measured?",
        "no hold-out set, cross-validation or other validation scheme was found.",
        [],
    )


RULES: list[Callable[[PaperFacts, Corpus], Question | None]] = [
    overfitting,
    small_data,
    scaffold_leakage,
    tuned_on_test,
    no_validation,
    no_baseline,
    class_balance,
    no_uncertainty,
    unreported_hyperparameters,
    no_data_size,
    dft_labels,
    applicability,
]


def ask(facts: PaperFacts, corpus: Corpus) -> list[Question]:
    return [question for rule in RULES if (question := rule(facts, corpus)) is not None]
