"""The models of a paper, their family, and whether they are its own or baselines.

A mention counts for "main" when the paper speaks of it in the first person
("we propose", "our model", "we train") and for "baseline" when it stands after
a comparison ("outperforms X", "better than X") or beside words such as
"baseline", "state of the art", "previous". Models only named in the
introduction (or only in the references, which are never read) are other
people's work and are left out unless the paper compares against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyser.facts import vocab
from analyser.facts.corpus import FIRST_PERSON as _MAIN_WORDS
from analyser.facts.corpus import Corpus, Hit
from analyser.facts.model import Model
from analyser.facts.scoring import MAX_EVIDENCE

_COMPARE = re.compile(
    r"\b(?:outperform\w*|better than|superior to|compar(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:with|to|against)|"
    r"comparisons? (?:with|to|against|of)|"
    r"compar\w+ (?:the )?(?:performance|ability|accuracy|results)|"
    r"in comparison|relative to|against|versus|vs\.?|than|unlike|surpass\w*|beats?|improves? (?:on|upon))\b",
    re.I,
)
_BASELINE_WORDS = re.compile(
    r"\b(?:baselines?|state[- ]of[- ]the[- ]art (?:models?|methods?|approaches|baselines?)|"
    r"(?:than|over|to|with) (?:the )?(?:current )?state[- ]of[- ]the[- ]art|competing|reference (?:models?|methods?)|"
    r"benchmark(?:ed)? (?:models?|methods?|against)|other (?:models|methods)|for comparison|comparative)\b",
    re.I,
)
# "GCN and GAT serve as baselines": every model of the sentence is one.
_AS_BASELINE = re.compile(
    r"\bas (?:a |the )?(?:\w+ )?baselines?\b|\bbaselines?(?: models?| methods?)?\s*(?:such as|including|like|:|\()|"
    r"\bbaselines?\b[^.]{0,30}\b(?:is|are|was|were|include[sd]?)\b",
    re.I,
)
_LEADING_COMPARE = 5  # "Compared with X, our Y...": a comparison opening the sentence
_BASELINE_AFTER = re.compile(r"\s*(?:models?\s+|methods?\s+)?baselines?\b", re.I)
_OUR_BEFORE = re.compile(r"\b(?:our|the proposed|the present)\s+(?:[\w\-]+\s+){0,2}$", re.I)

# A model used as a part of the paper's architecture ("the GRU is applied as a
# readout operator", "a GRU-based aggregation", "an MLP head") is a component of the
# main model, not a model of its own.
_PART_NOUNS = (r"(?:readout|read-out|aggregat\w*|operators?|layers?|modules?|blocks?|components?|pooling|"
               r"update (?:function|step)|message (?:function|passing)|gates?|cells?|units?)")
# Right after the name only the sub-parts no whole model is called ("a GRU-based
# readout", "LSTM cells"); "Transformer layers" may be the whole model.
_PART_RIGHT_AFTER = r"(?:readout|read-out|aggregat\w*|operators?|pooling|update (?:function|step)|gates?|cells?)"
_PART_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,20}\)\s*)?(?:(?:is|was|are|were)\s+)?(?:(?:then\s+)?(?:applied|used|employed|adopted|utili[sz]ed)\s+)?"
    r"(?:as|for)\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?" + _PART_NOUNS + r"\b"
    r"|^[\s\-]*(?:based\s+)?" + _PART_RIGHT_AFTER + r"\b"
    r"|^\s*(?:(?:is|was|are|were)\s+)?(?:(?:applied|used|employed)\s+)?to\s+(?:aggregate|read out|pool|update|combine)\b",
    re.I,
)
_NAME_SHAPE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z][A-Za-z0-9\-]+$")
_INTRO_KINDS = ("introduction", "related")
NEURAL = {"mlp", "cnn", "rnn", "gnn", "transformer", "autoencoder", "generative"}
NEUTRAL_MAIN_SCORE = 3.0
USED_FACTOR = 0.5  # a model the methods use without saying whose it is: half a "we use"


@dataclass
class Candidate:
    key: str
    families: list[str]
    entry: str | None = None  # the vocabulary entry, None for a name the paper defines
    weight: float = 1.0  # < 1 for generic words such as "neural network"
    names: dict[str, int] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    main: float = 0.0
    baseline: float = 0.0
    body: float = 0.0  # weight of mentions outside the introduction
    main_hits: list[Hit] = field(default_factory=list)
    baseline_hits: list[Hit] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names, key=lambda name: (self.names[name], -len(name)))


def _key(text: str) -> str:
    text = re.sub(r"[\s\-\u2010\u2011]+", " ", text.strip()).lower()
    return re.sub(r"(?<=\w)(?:e?s)$", "", text) if len(text) > 3 else text


def _singular(text: str) -> str:
    text = " ".join(text.split())
    if re.search(r"[A-Z]s$", text):  # "GNNs" -> "GNN"
        return text[:-1]
    return text


def families_of(text: str) -> list[str]:
    """Families told by the words of a name; the most specific win."""
    found = [entry.value for entry in vocab.group("models", "family_word") if entry.pattern.search(text)]
    if "gnn" in found and "cnn" in found:
        found.remove("cnn")  # "graph convolutional network" is a GNN
    if "mlp" in found and len(set(found) & NEURAL) > 1:
        found.remove("mlp")  # "graph neural network" is no plain MLP
    return found


def _role_of(hit: Hit) -> str | None:
    """"main", "baseline", "used" (plainly used in the methods), "component" (a part
    of the paper's architecture) or None (no sign)."""
    text = hit.sent.text
    if hit.sent.cites_others:
        return None  # "Smith et al. proposed X": neither ours nor compared against
    ours = bool(_OUR_BEFORE.search(text[: hit.start]))
    if _PART_AFTER.match(text[hit.end :]):
        return "component"
    if not ours and _BASELINE_AFTER.match(text[hit.end :]):
        return "baseline"  # "an LSTM baseline"
    if _AS_BASELINE.search(text):
        return "main" if ours else "baseline"
    cues = [match.start() for pattern in (_COMPARE, _BASELINE_WORDS) if (match := pattern.search(text))]
    if cues:
        start = min(cues)
        end = len(text)
        if start < _LEADING_COMPARE:  # the compared-with part ends at the first comma
            comma = text.find(", ", start)
            end = comma if comma > 0 else end
        if start <= hit.start < end and not ours:
            return "baseline"
        return "main" if _MAIN_WORDS.search(text) else None
    if _MAIN_WORDS.search(text):
        return "main"
    if hit.sent.kind == "methods":
        return "used"
    return None


def _vocab_hits(corpus: Corpus) -> list[tuple[Hit, object]]:
    """Hits of the named-model vocabulary, a longer name hiding the shorter inside it,
    and abbreviations the paper defines as something else left out ("machine
    learning potentials (MLPs)" are no multilayer perceptrons)."""
    definitions = corpus.definitions()
    kept = []
    for hit, entry in corpus.find_all(vocab.group("models", "model")):
        short = _singular(hit.matched)
        if _NAME_SHAPE.match(short) and short in definitions:
            long_form = definitions[short]
            if not entry.pattern.search(long_form) and entry.family not in families_of(long_form):
                continue
        kept.append((hit, entry))
    return kept


def _defined_names(corpus: Corpus, known: set[str]) -> dict[str, list[str]]:
    """Model names the paper defines itself, with the families their long form tells."""
    defined: dict[str, list[str]] = {}
    for name, long_form in corpus.definitions().items():
        if not _NAME_SHAPE.match(name) or _key(name) in known:
            continue
        families = families_of(long_form)
        if families:
            defined[name] = families
    return defined


def _add(candidate: Candidate, hit: Hit) -> None:
    if any(seen.sent.index == hit.sent.index for seen in candidate.hits):
        return
    candidate.hits.append(hit)
    if hit.negated:
        return
    weight = hit.sent.weight * candidate.weight
    if hit.sent.kind not in _INTRO_KINDS:
        candidate.body += weight
    role = _role_of(hit)
    if role == "main":
        candidate.main += weight
        candidate.main_hits.append(hit)
    elif role == "used":
        candidate.main += USED_FACTOR * weight
    elif role == "baseline":
        candidate.baseline += weight
        candidate.baseline_hits.append(hit)


def _evidence(hits: list[Hit]):
    best = sorted(hits, key=lambda hit: (-hit.sent.weight, hit.sent.index))[:MAX_EVIDENCE]
    return [hit.evidence() for hit in sorted(best, key=lambda hit: hit.sent.index)]


def find(corpus: Corpus) -> list[Model]:
    candidates: dict[str, Candidate] = {}
    for hit, entry in _vocab_hits(corpus):
        key = _key(hit.matched)
        candidate = candidates.setdefault(key, Candidate(key, [entry.family], entry.value, entry.weight))
        name = _singular(hit.matched)
        candidate.names[name] = candidate.names.get(name, 0) + 1
        _add(candidate, hit)
    for name, families in _defined_names(corpus, set(candidates)).items():
        candidate = candidates.setdefault(_key(name), Candidate(_key(name), families))
        candidate.names[name] = 1
        pattern = re.compile(r"(?<![\w\-])" + re.escape(name) + r"(?![\w\-])")
        for hit in corpus.find(pattern, (name.lower(),)):
            _add(candidate, hit)

    mains, baselines, neutral = [], [], []
    for candidate in candidates.values():
        if candidate.main > candidate.baseline and candidate.body + candidate.main >= 1.0:
            mains.append(candidate)
        elif candidate.baseline > 0 and (candidate.body > 0 or candidate.baseline >= 1.0):
            baselines.append(candidate)
        elif candidate.body >= NEUTRAL_MAIN_SCORE:
            neutral.append(candidate)
    # A paper that never says "we" about a model still has one: the most used.
    if not mains and neutral:
        neutral.sort(key=lambda item: -item.body)
        mains.append(neutral.pop(0))
    mains = _fold_into_named(_merge_synonyms(_drop_generic(mains)))

    models = []
    for role, group in (("main", mains), ("baseline", baselines)):
        for candidate in sorted(group, key=lambda item: -(item.main + item.baseline + item.body)):
            hits = candidate.main_hits if role == "main" else candidate.baseline_hits
            evidence = _evidence(hits or candidate.hits)
            for family in candidate.families:
                models.append(Model(candidate.name, family, role, evidence))
    return models


def _merge_synonyms(mains: list[Candidate]) -> list[Candidate]:
    """The paper's model named several ways ("HDNNP", "atomic neural networks") is one
    model: main candidates of one vocabulary entry merge under the most used name."""
    merged: dict[str, Candidate] = {}
    result = []
    for candidate in sorted(mains, key=lambda item: -(item.main + item.body)):
        if candidate.entry is None:
            result.append(candidate)
            continue
        first = merged.get(candidate.entry)
        if first is None:
            merged[candidate.entry] = candidate
            result.append(candidate)
        else:
            first.main += candidate.main
            first.body += candidate.body
            first.main_hits += candidate.main_hits
            first.hits += candidate.hits
    return result


def _fold_into_named(mains: list[Candidate]) -> list[Candidate]:
    """A model the paper names itself ("PharmHGT", a graph transformer) is described
    with generic words too ("graph transformer"): those of its families are folded in."""
    covered = {family for item in mains if item.entry is None for family in item.families}

    def generic(item: Candidate) -> bool:  # "graph transformer", not "HDNNP" or "SchNet"
        return item.entry is not None and not any(_NAME_SHAPE.match(name) for name in item.names)

    return [item for item in mains if not (generic(item) and set(item.families) <= covered)]


def _drop_generic(mains: list[Candidate]) -> list[Candidate]:
    """"neural network" adds nothing next to a named neural model of the paper."""
    named = [item for item in mains if item.weight >= 1.0]
    if any(set(item.families) & NEURAL for item in named):
        return [item for item in mains if item.weight >= 1.0]
    return mains
