"""The models of a paper, their family, and their role: its own ("main"), the
baselines it compares against, and its components (parts of its models, tools
around its pipeline). Each model is listed once, in one role.

What each mention says of a model's role is read in `roles`; here the mentions
are summed per model. Models only named in the introduction, in cited, general
or hypothetical sentences (or only in the references, which are never read) are
other people's work and are left out unless the paper compares against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyser.facts import vocab
from analyser.facts.corpus import Corpus, Hit
from analyser.facts.model import Model
from analyser.facts.roles import compared_names, role_of
from analyser.facts.scoring import MAX_EVIDENCE, confidence

_NAME_SHAPE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z][A-Za-z0-9\-]+$")
_INTRO_KINDS = ("introduction", "related")
NEURAL = {"mlp", "cnn", "rnn", "gnn", "transformer", "autoencoder", "generative"}
NEUTRAL_MAIN_SCORE = 3.0
USED_FACTOR = 0.5  # a model the methods use without saying whose it is: half a "we use"
BASELINE_MIN = 1.0  # "faster than models like neural networks" once is no baseline


# A long form names a model only with a model noun in it: "graph neural network
# (GNN)" is one, "knowledge graph (KG)" or "directed acyclic graph (DAG)" is not.
_MODEL_NOUN = re.compile(
    r"\b(?:networks?|nets?|models?|machines?|transformers?|forests?|regress\w*|classifiers?|process(?:es)?|"
    r"potentials?|(?:auto)?encoders?|decoders?|perceptrons?|trees?|learning|ensembles?|kernels?|boost\w*|"
    r"architectures?|predictors?|estimators?)\b",
    re.I,
)
HEAD_WORDS = 3  # the family of a long form is told by its last words first


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
    component: float = 0.0
    body: float = 0.0  # weight of mentions stating what the paper does (`Sent.pipeline`)
    main_hits: list[Hit] = field(default_factory=list)
    baseline_hits: list[Hit] = field(default_factory=list)
    component_hits: list[Hit] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names, key=lambda name: (self.names[name], -len(name)))

    def absorb(self, other: Candidate) -> None:
        """Another name of the same model: its mentions count for this one."""
        for name, count in other.names.items():
            self.names[name] = self.names.get(name, 0) + count
        self.main += other.main
        self.baseline += other.baseline
        self.component += other.component
        self.body += other.body
        self.main_hits += other.main_hits
        self.baseline_hits += other.baseline_hits
        self.component_hits += other.component_hits
        self.hits += other.hits


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
    if "tree-ensemble" in found and "tree" in found:
        found.remove("tree")  # "an ensemble of pruned trees" is an ensemble
    return found


def families_of_long_form(long_form: str) -> list[str]:
    """The families a defined name's long form tells, its head (last words) first:
    "Linear regression Reduced-error pruning tree" (a list run into the long form)
    is a tree. None when the long form names no model."""
    if not _MODEL_NOUN.search(long_form):
        return []
    return families_of(" ".join(long_form.split()[-HEAD_WORDS:])) or families_of(long_form)


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
        families = families_of_long_form(long_form)
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
    if hit.sent.pipeline:
        candidate.body += weight
    role = role_of(hit)
    if role == "main":
        candidate.main += weight
        candidate.main_hits.append(hit)
    elif role == "used":
        candidate.main += USED_FACTOR * weight
    elif role == "baseline":
        candidate.baseline += weight
        candidate.baseline_hits.append(hit)
    elif role == "component":
        candidate.component += weight
        candidate.component_hits.append(hit)


def _evidence(hits: list[Hit]):
    # One quote per sentence: two names of one model may be met in the same one.
    hits = list({hit.sent.index: hit for hit in reversed(hits)}.values())
    best = sorted(hits, key=lambda hit: (not hit.sent.pipeline, -hit.sent.weight, hit.sent.index))[:MAX_EVIDENCE]
    return [hit.evidence() for hit in sorted(best, key=lambda hit: hit.sent.index)]


def _candidates(corpus: Corpus) -> dict[str, Candidate]:
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
    return candidates


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.split(r"[\s\-]+", name) if word).upper()


def _same_model(short: Candidate, long: Candidate, definitions: dict[str, str]) -> bool:
    """Two names of one model: an abbreviation of the other ("RF", "random forest";
    "GPR", "Gaussian process regression"), or the paper defining one as the other."""
    if {_key(name).replace(" ", "") for name in short.names} & {_key(name).replace(" ", "") for name in long.names}:
        return True  # "randomForest", "Random Forest"
    for name in short.names:
        if not _NAME_SHAPE.match(name):
            continue
        letters = re.sub(r"[^A-Z]", "", name)
        for other in long.names:
            if len(other.split()) > 1 and _initials(other) == letters:
                return True
            if name in definitions and _key(definitions[name]).endswith(_key(other)):
                return True
    return False


def _merge_names(candidates: list[Candidate], definitions: dict[str, str]) -> list[Candidate]:
    """One model, one candidate: an abbreviation joins its long form, so that the
    model gets one role and is listed once."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda item: -len(item.hits)):
        target = next((item for item in kept if item.families == candidate.families and (
            _same_model(candidate, item, definitions) or _same_model(item, candidate, definitions))), None)
        if target is None:
            kept.append(candidate)
        else:
            target.absorb(candidate)
    return kept


def _role(candidate: Candidate, firm_mains: bool) -> str | None:
    """The one role of a model, from the weight of its mentions in each. A model the
    methods only use, nobody's said, is main only when no model is the paper's own
    in so many words."""
    if candidate.component > 0 and candidate.component >= max(candidate.main, candidate.baseline):
        return "component"
    if (candidate.main > candidate.baseline and candidate.body + candidate.main >= 1.0
            and (candidate.main_hits or not firm_mains)):
        return "main"
    if candidate.baseline >= BASELINE_MIN:
        return "baseline"
    return None


def find(corpus: Corpus) -> list[Model]:
    candidates = _merge_names(list(_candidates(corpus).values()), corpus.definitions())
    firm_mains = any(item.main_hits and item.main > item.baseline and item.main > item.component
                     for item in candidates)
    groups: dict[str, list[Candidate]] = {"main": [], "baseline": [], "component": []}
    neutral = []
    for candidate in candidates:
        role = _role(candidate, firm_mains)
        if role is not None:
            groups[role].append(candidate)
        elif candidate.body >= NEUTRAL_MAIN_SCORE:
            neutral.append(candidate)
    # A paper that never says "we" about a model still has one: the most used.
    if not groups["main"] and neutral:
        neutral.sort(key=lambda item: -item.body)
        best = neutral.pop(0)
        best.main = best.body * USED_FACTOR
        groups["main"].append(best)
    groups["main"], compared = _best_of_compared(_fold_into_named(_merge_synonyms(_drop_generic(groups["main"]))))
    groups["main"], members = _members_of_ensembles(groups["main"])
    groups["baseline"] = _merge_synonyms(groups["baseline"] + compared)
    groups["component"] = _merge_synonyms(groups["component"] + members)

    models = []
    unnamed = _unnamed_baseline(corpus, groups, candidates)
    if unnamed is not None:
        models.append(unnamed)
    for role, group in groups.items():
        for candidate in sorted(group, key=lambda item: -(item.main + item.baseline + item.component + item.body)):
            hits = {"main": candidate.main_hits, "baseline": candidate.baseline_hits,
                    "component": candidate.component_hits}[role]
            score = {"main": candidate.main, "baseline": candidate.baseline, "component": candidate.component}[role]
            share = sum(hit.sent.weight for hit in hits if hit.sent.pipeline) / max(
                sum(hit.sent.weight for hit in hits), 1e-9) if hits else 0.5
            evidence = _evidence(hits or candidate.hits)
            for family in dict.fromkeys(candidate.families):
                models.append(Model(candidate.name, family, role, evidence, confidence(score, 1.0, share)))
    return models


# "The baseline models are only trained with the same fine-tuning data", "compared with
# baseline training": the paper's own model without its addition (no pre-training, plain
# descriptors) is its baseline, though it has no name of its own.
_UNNAMED_BASELINE = re.compile(
    r"\bbaseline\s+(?:models?|training|networks?|results?|runs?|versions?|variants?)\b"
    # not a spectrum's baseline: "a baseline correction technique"
    r"|\b(?:the|our|its)\s+baselines?\b(?!\s+(?:of|for|in|at|correct\w*|subtract\w*|remov\w*|drift\w*|signals?|levels?|"
    r"noise|spectr\w*|shifts?|estimat\w*|fluoresc\w*|intensit\w*)\b)", re.I)
UNNAMED_BASELINE_SENTENCES = 2  # said of the paper's own work this often


def _unnamed_baseline(corpus: Corpus, groups: dict[str, list[Candidate]], candidates: list[Candidate]) -> Model | None:
    """The baseline the paper trains itself, of its main model's family, when its
    sentences about "the baseline" name no other model."""
    families = {family for candidate in groups["main"] for family in candidate.families}
    if len(families) != 1:
        return None
    family = families.pop()
    if any(family in candidate.families for candidate in groups["baseline"]):
        return None
    mains = {id(candidate) for candidate in groups["main"]}
    named_elsewhere = {hit.sent.index for candidate in candidates if id(candidate) not in mains for hit in candidate.hits}
    hits = [hit for hit in corpus.find(_UNNAMED_BASELINE, ("baseline",))
            if hit.sent.pipeline and hit.sent.index not in named_elsewhere]
    sentences = {hit.sent.index for hit in hits}
    if len(sentences) < UNNAMED_BASELINE_SENTENCES:
        return None
    return Model(f"baseline {family} (the paper's model without its addition)", family, "baseline", _evidence(hits),
                 confidence(len(sentences), UNNAMED_BASELINE_SENTENCES))


# "RFC performed best", "the model with the best performance was the random forest".
_BEST = re.compile(
    r"\b(?:performed (?:the )?best|best[- ]performing|the best (?:model|performance|results?|accuracy|classifier|regressor|"
    r"method|algorithm|predictor)|highest (?:accuracy|score|performance|auc|r2|r²)|most accurate|top[- ]performing)\b",
    re.I,
)
COMPARED_MAINS = 3  # from this many "own" models, the paper is comparing algorithms


def _best_of_compared(mains: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Several models the paper tries as equals ("the algorithms used were DTC, RFC,
    GBC, XGBC and SVC"): the one its own sentences call the best, alone, is its
    model; the others are what it was compared against."""
    if len(mains) < COMPARED_MAINS:
        return mains, []
    credit: dict[int, int] = {}
    for candidate in mains:
        for hit in candidate.hits:
            if hit.sent.cites_others or not _BEST.search(hit.sent.text):
                continue
            if not any(other is not candidate and any(seen.sent.index == hit.sent.index for seen in other.hits)
                       for other in mains):
                credit[id(candidate)] = credit.get(id(candidate), 0) + 1
    if not credit:
        return mains, []
    top = max(credit.values())
    winners = [candidate for candidate in mains if credit.get(id(candidate)) == top]
    if len(winners) > 1:
        return mains, []
    compared = [candidate for candidate in mains if candidate is not winners[0]]
    for candidate in compared:
        candidate.baseline, candidate.baseline_hits = candidate.main, candidate.main_hits
    return winners, compared


def _merge_synonyms(group: list[Candidate]) -> list[Candidate]:
    """A model named several ways ("HDNNP", "atomic neural networks"; "RF", "random
    forest") is one model: candidates of one vocabulary entry merge under the most
    used name."""
    merged: dict[str, Candidate] = {}
    result = []
    for candidate in sorted(group, key=lambda item: -(item.main + item.baseline + item.component + item.body)):
        if candidate.entry is None:
            result.append(candidate)
            continue
        first = merged.get(candidate.entry)
        if first is None:
            merged[candidate.entry] = candidate
            result.append(candidate)
        else:
            first.absorb(candidate)
    return result


def _fold_into_named(mains: list[Candidate]) -> list[Candidate]:
    """A model the paper names itself ("PharmHGT", a graph transformer) is described
    with generic words too ("graph transformer"): those of its families are folded in."""
    covered = {family for item in mains if item.entry is None for family in item.families}

    def generic(item: Candidate) -> bool:  # "graph transformer", not "HDNNP" or "SchNet"
        return item.entry is not None and not any(_NAME_SHAPE.match(name) for name in item.names)

    return [item for item in mains if not (generic(item) and set(item.families) <= covered)]


# Words of a tree ensemble: the trees a sentence names with them are its members.
_ENSEMBLE_WORDS = re.compile(r"\b(?:ensembles?|boost\w*|forests?|bagg\w*|weak learners?|additive model)\b", re.I)
# "a decision tree classifier, a random forest classifier and gradient boosting": a model tried of its own.
_A_MODEL_AFTER = re.compile(r"\s*(?:\(\w{1,5}\)\s*)?(?:classifiers?|regressors?|models?|algorithms?)\b", re.I)


def _members_of_ensembles(mains: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Decision trees named only beside the paper's tree ensemble ("boosting methods
    applied to regression trees", "the weak learners (decision trees in this case)")
    are its members, components rather than a second main model."""
    ensembles = [item for item in mains if "tree-ensemble" in item.families]
    if not ensembles:
        return mains, []
    names = [name for item in ensembles for name in item.names]

    def member(item: Candidate) -> bool:
        return set(item.families) == {"tree"} and all(
            (_ENSEMBLE_WORDS.search(hit.sent.text) or any(name in hit.sent.text for name in names))
            and not _A_MODEL_AFTER.match(hit.sent.text[hit.end:]) for hit in item.hits)

    members = [item for item in mains if member(item)]
    for item in members:  # its mentions, as the component it is
        item.component, item.component_hits = item.component + item.main, item.component_hits + item.main_hits
    return [item for item in mains if item not in members], members


def _drop_generic(mains: list[Candidate]) -> list[Candidate]:
    """"neural network" adds nothing next to a named neural model of the paper."""
    named = [item for item in mains if item.weight >= 1.0]
    if any(set(item.families) & NEURAL for item in named):
        return [item for item in mains if item.weight >= 1.0]
    return mains


# Compared with the model, never a model: the field ("ML"), the reference method
# ("DFT", "MD"), a score ("MAE", "RMSE").
_NEVER_MODELS = re.compile(r"^(?:ML|AI|DL|DFT|MD|QM|CCSD|HF|MAE|RMSE|MSE|MAPE|AUC|ROC|PCC|SRCC|R2|F1|NMR|XRD)(?:[\-\s]\w+)?$")


def compared_models(corpus: Corpus) -> set[str]:
    """Names the paper compares its work against that may be models: not the field,
    a reference method or a score, nor a name it defines as something else
    ("entropy-forming ability (EFA)")."""
    definitions = corpus.definitions()
    return {name for name in compared_names(corpus) if not _NEVER_MODELS.match(name)
            and (name not in definitions or _MODEL_NOUN.search(definitions[name]))}
