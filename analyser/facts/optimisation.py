"""Loss, optimiser, hyperparameters with their values, and how they were searched."""

from __future__ import annotations

import re
from functools import lru_cache

from analyser.facts import scoring, vocab
from analyser.facts.corpus import Corpus, is_negated
from analyser.facts.model import Hyperparameter, Optimisation
from analyser.facts.vocab import Entry

MAX_HYPERPARAMETERS = 15
CONFIDENT_WEIGHT = 0.6  # a value stated once in the methods (weight 1.5) of the paper's own work is firm
_VALUE = (
    # "10−3" is 10^-3 with its superscript lost (a true minus sign, not a range)
    r"(?P<value>10\s*\^?\s*−\s*\d+(?![\d.])|(?:\d+(?:\.\d+)?(?:\s*[×x]\s*10\s*\^?\s*[-−–]?\s*\d+|[eE][-−–]?\d+)?"
    r"(?:\s*(?:,|and|to|-|–)\s*\d+(?:\.\d+)?(?:[eE][-−–]?\d+)?){0,3})|one|two|three|four|five|six|seven|eight|nine|ten)"
)
# Layers that are the object of another step ("transfer of two fully connected
# layers", "we freeze the first three layers") are no size of the architecture.
_LAYERS_ACTED_ON = re.compile(
    r"\b(?:transfer\w*|freez\w*|frozen|unfrozen|fine-?tun\w*|re-?initiali[sz]\w*|replac\w*|remov\w*|"
    r"retrain\w*|discard\w*|truncat\w*|prun\w*|drop(?:ped|ping)?)\b",
    re.I,
)
_CLAUSE_EDGE = re.compile(r"[;:()]|,\s|\b(?:and then|whereas|while|but)\b", re.I)
_LINK = r"\s*(?:of|was|were|is|are|=|:|set to|was set to|were set to|equal to|fixed at|fixed to|chosen as|between)?\s*(?:about|approximately|around|~|≈)?\s*"


@lru_cache(maxsize=None)
def _patterns(entry: Entry) -> tuple[re.Pattern, ...]:
    """"<name> of <value>", and for counts also "<value> <name>" (compiled on first need)."""
    patterns = [re.compile(f"(?:{entry.regex}){_LINK}{_VALUE}(?!\\w|\\.\\d)", re.I)]
    if entry.extra.get("count") or entry.extra.get("before"):
        patterns.append(
            re.compile(f"(?<![\\w.]){_VALUE}\\s+(?:[A-Za-z][\\w-]*\\s+){{0,2}}?(?:{entry.regex})", re.I)
        )
    return tuple(patterns)


def _clause_of(text: str, start: int, end: int) -> str:
    edges = [match.end() for match in _CLAUSE_EDGE.finditer(text, 0, start)]
    following = _CLAUSE_EDGE.search(text, end)
    return text[edges[-1] if edges else 0 : following.start() if following else len(text)]


def hyperparameters(corpus: Corpus) -> list[Hyperparameter]:
    found: dict[tuple[str, str], Hyperparameter] = {}
    for entry in vocab.group("optimisation", "hyperparameter"):
        if not corpus.candidates(entry.anchors or (), entry.exact_anchors):
            continue
        name = entry.value
        matches = [pair for pattern in _patterns(entry) for pair in corpus.search(pattern, entry.anchors, entry.exact_anchors)]
        for sent, match in matches:
            if sent.kind in ("introduction", "related"):
                continue
            value = " ".join(match.group("value").split()).strip(" ,")
            start = match.start()
            if is_negated(sent.text, start, match.end()):
                continue
            if entry.extra.get("architecture") and _LAYERS_ACTED_ON.search(_clause_of(sent.text, start, match.end())):
                continue
            key = (name, value)
            if key not in found:
                found[key] = Hyperparameter(name, value, [sent.evidence(start, match.end())],
                                            scoring.confidence(sent.weight, CONFIDENT_WEIGHT, 1.0 if sent.pipeline else 0.0))
    ordered = sorted(found.values(), key=lambda item: (item.evidence[0].page, item.name))
    return ordered[:MAX_HYPERPARAMETERS]


def find(corpus: Corpus) -> Optimisation:
    return Optimisation(
        loss=scoring.labels(corpus, vocab.group("optimisation", "loss")),  # (each label with its confidence)
        optimiser=scoring.labels(corpus, vocab.group("optimisation", "optimiser")),
        hyperparameters=hyperparameters(corpus),
        hyperparameter_search=scoring.labels(corpus, vocab.group("optimisation", "search")),
    )
