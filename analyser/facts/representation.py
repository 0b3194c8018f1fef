"""What the paper's own models take as input: SMILES, fingerprints, descriptors,
graphs, 3D coordinates, sequences...

Only the inputs of this paper's pipeline count. A mention is left out when the
representation is
- learned inside a model ("the readout forms the polymer fingerprint", "the
  learned embeddings"), not fed to it;
- what the pipeline outputs ("extracting chemical compositions from articles");
- the input of another model the sentence is about ("Roost relies on a graph
  representation", said of a baseline);
- a measurement of the samples made, in a section characterising them (their
  XRD patterns), or anywhere no sentence naming it speaks of a model, its
  inputs or its training (the micrographs of the samples made);
and, as for every fact, sentences of the introduction, about earlier work, the
field in general or what could be done weigh little (`Sent.weight`) and never
suffice alone (`Tally.reported`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus, Hit
from analyser.facts.model import Label

MIN_SCORE = 1.0
LEARNED_SHARE = 0.5

# Made inside the model: learned, pooled, read out, hidden, latent. (An embedding
# computed by a pre-trained model and fed to this one is an input.)
_LEARNED = re.compile(
    r"\b(?:learn(?:s|ed|t|ing)?|readout|read-out|read out|pool(?:s|ed|ing)?|aggregat\w*|hidden|latent|"
    r"update[sd]?|form(?:s|ed)?\s+(?:the|a)|obtained by (?:taking|pooling|summing|averaging)|output of the)\b",
    re.I,
)
_PRETRAINED = re.compile(r"\bpre-?trained\b|\bpre-?computed\b|\bfrozen\b", re.I)
_INTERNAL_VALUES = {"fingerprints", "embeddings"}  # (a graph is what a model is given)
# What the pipeline produces: "the extraction of chemical compositions", "to generate
# SMILES", "predicting spectra" (unless the clause says what it starts from).
_OUTPUT_VERB = re.compile(
    r"\b(?:extract\w*|generat\w*|predict\w*|identif\w*|visuali[sz]\w*|resolv\w*|pars(?:e|es|ed|ing)|"
    r"output\w*|design\w*|produc\w*|recogni[sz]\w*|annotat\w*|classif\w*|determin\w*)\b",
    re.I,
)
_INPUT_WORDS = re.compile(r"\b(?:from|using|based on|given|on the basis of|as inputs?|inputs?|by means of|with)\b", re.I)
_CLAUSE = re.compile(r"[;:()]|,\s|\b(?:and then|whereas|while|but|which|that)\b", re.I)
SUBJECT_WORDS = 6  # a sentence is about the model named within its first words


def _clause_before(text: str, start: int) -> str:
    breaks = list(_CLAUSE.finditer(text, 0, start))
    return text[breaks[-1].end() if breaks else 0 : start]


def _learned_inside(hit: Hit, value: str) -> bool:
    if value not in _INTERNAL_VALUES:
        return False
    text = hit.sent.text
    window = text[max(0, hit.start - 80) : hit.end + 40]
    return bool(_LEARNED.search(window)) and not _PRETRAINED.search(window)


def _an_output(hit: Hit) -> bool:
    clause = _clause_before(hit.sent.text, hit.start)
    verb = None
    for verb in _OUTPUT_VERB.finditer(clause):
        pass
    return verb is not None and not _INPUT_WORDS.search(clause, verb.end())


# A section characterising the samples made ("3.4 Characterization of LATP samples"):
# its XRD patterns and spectra are measurements of the results, not the model's inputs.
_CHARACTERISATION = re.compile(r"\bcharacteri[sz]ation\b|\bcaract[ée]risation\b", re.I)


def _characterising(hit: Hit) -> bool:
    return bool(_CHARACTERISATION.search(hit.sent.section))


# An input is said to be one somewhere: beside the model, its inputs, features or training.
# (The XRD patterns and micrographs of the samples made are only measured.)
_FED = re.compile(r"(?i:\b(?:inputs?|features?|descriptors?|predictors?|attributes?|variables?|represent(?:s|ed|ing|ations?)?|encod\w*|"
                  r"embed\w*|models?|networks?|neural|forests?|trees?|transformers?|train\w*|learn\w*|predict\w*|fe[de]d?|"
                  r"regress\w*|classif\w*|machine|kernels?|fingerprints?|given as|described (?:by|as|with))\b)|\b[A-Z]*(?:ML|NN|LSTM|GRU|SVM|SVR|GPR?|KRR|RF)s?\b")


def _fed(hit: Hit) -> bool:
    """The sentence speaks of the model's inputs besides naming the representation, or
    names it as one ("stoichiometric attributes"; a bare "fingerprint" may be a
    spectral region)."""
    text = hit.sent.text
    return bool(_FED.search(text[: hit.start] + " " + text[hit.end :])
                or len(hit.matched.split()) >= 2 and _FED.search(hit.matched))


_BASELINE = re.compile(r"\bbaselines?\b", re.I)
# "Compared with the traditional descriptor-based models, GNNs learn...": the input of other approaches
_COMPARED_WITH = re.compile(r"\b(?:compared (?:with|to)|unlike|in contrast to|instead of|rather than)\b", re.I)
_OTHER_APPROACHES = re.compile(r"\b(?:traditional|conventional|off-the-shelf|existing|previous|prior (?:work|studies|methods)|"
                               r"recent (?:use|uses|work|studies|approaches|methods))\b", re.I)


def _about_other_model(hit: Hit, others: Iterable[str], own: Iterable[str]) -> bool:
    """The sentence's subject is another model (a baseline, a tool), not the paper's,
    or it describes a baseline ("a baseline MLP on Morgan fingerprints")."""
    text = hit.sent.text
    head = " ".join(text.split()[:SUBJECT_WORDS])
    clause = _clause_before(text, hit.start)
    if _COMPARED_WITH.search(clause):
        return True  # "compared with descriptor-based models, our network...": even in the paper's own sentence
    if hit.sent.owned or any(name in text for name in own):
        return False
    if _BASELINE.search(text) or _OTHER_APPROACHES.search(clause):
        return True
    return any(re.search(r"(?<![\w\-])" + re.escape(name) + r"(?![\w\-])", head) for name in others)


def find(corpus: Corpus, others: Iterable[str] = (), own: Iterable[str] = ()) -> list[Label]:
    """The inputs of the paper's models; `others`: names of its baselines and
    components, `own`: names of its main models."""
    others, own = tuple(others), tuple(own)
    tallies = scoring.tally(corpus, vocab.group("data", "representation"))
    for value, tally in tallies.items():
        learned = [hit for hit in tally.hits if _learned_inside(hit, value)]
        if sum(hit.sent.weight for hit in learned) >= LEARNED_SHARE * tally.score:
            # Mostly said of what the model forms inside: so are its other mentions
            # ("the layers map the fingerprints to the prediction").
            tally.rescale([])
            continue
        tally.rescale([hit for hit in tally.hits
                       if hit not in learned and not _an_output(hit) and not _about_other_model(hit, others, own)
                       and not _characterising(hit)])
    found = [item for item in tallies.values() if item.reported(MIN_SCORE) and any(_fed(hit) for hit in item.hits)]
    found.sort(key=lambda item: -item.score)
    return [item.label(MIN_SCORE) for item in found]
