"""Claims of an analysis about its article, checked against the article itself.

Three kinds of claim, each typical of an analysis written without reading
the paper, and each shown with the article's own words:

- a quantity tied to what it counts ("42,966 copolymers", "300 epochs", "a
  learning rate of 1e-3", "an RMSE of 0.12", "an 80/20 split"): it agrees when
  the article states that kind of quantity with that value; it is
  *contradicted* when the article states that kind with other values only;
  it is *unsupported* when the article never gives it;
- an ML method named as the paper's own ("the authors train a random
  forest", "Adam", "dropout"): unsupported when the article never names it,
  contradicted when it is a model family and the article's own model is
  another;
- the learning type or task ("an unsupervised clustering") against the
  article's facts.

Only assertions are claims: a clause that is hypothetical ("could use"),
negative ("there is no dropout"), a comparison ("unlike a random forest"),
or says what the paper does not give ("the learning rate is not stated") is
not one, and the alternatives a student proposes are not either. A section
citing another source (the code, the supplementary information) has its
claims listed but never held against the student.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from analyser.checking.quantities import SPLIT_WORDS, ArticleQuantities, Quantity, informative, quantities
from analyser.checking.report import Claim
from analyser.checking.segment import Unit
from analyser.checking.terms import fold, term_set

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Which criterion a claim is about: a wrong statement holds that criterion at 1.
KIND_CRITERION = {
    "data": "framing", "split %": "framing",
    "epochs": "optimisation", "batch size": "optimisation", "learning rate": "optimisation", "iterations": "optimisation",
    "layers": "model", "neurons": "model", "trees": "model", "features": "model", "heads": "model",
    "folds": "overfitting",
}
QUOTE_CHARS = 200

_CLAUSE_BREAK = re.compile(r"[;:\[\]]|(?<![\w])\(|\)(?![\w-])|,\s+(?:but|which|whereas|while|although|mais|alors que|tandis que|"
                           r"so|thus|hence|therefore|donc|ainsi|si bien que)\b|\s(?:but|whereas|while|although|mais|alors que|tandis que)\s")
_NOT_ASSERTED = re.compile(
    r"\b(?:could|would|might|should|may|if|instead|rather|alternative\w*|perhaps|maybe|unlike|compared|such as|for example|"
    r"e\.g|like|whether|no|not|never|nothing|without|none|neither|nor|lack\w*|missing|unclear|"
    r"pourrai\w*|aurai\w*|devrai\w*|faudrai\w*|si|plutot|au lieu|peut-etre|contrairement|par exemple|comme|pas|sans|aucun\w*|"
    r"jamais|ni|rien|manqu\w*|"
    # a guess where the paper is silent: "presumably cross-entropy with Adam"
    r"presumably|probably|i assume|i suppose|i guess|je suppose|probablement|sans doute|vraisemblablement)\b|n't"
)
# Verbs and copulas that make a named method the paper's own: "they use", "is a", "relies on".
_ASSERTS_USE = re.compile(
    r"\b(?:us(?:e|es|ed|ing)|employ\w*|train\w*|fit\w*|appl(?:y|ies|ied)|buil[dt]\w*|rel(?:y|ies|ied) on|based on|"
    r"is|are|was|were|consists? of|combin\w*|chose|choose|implement\w*|adopt\w*|develop\w*|propos\w*|"
    r"utilis\w*|emploi\w*|entrain\w*|ajust\w*|applique\w*|construi\w*|repose\w* sur|base\w* sur|est|sont|il s'agit|"
    r"choisi\w*|combin\w*|developp\w*)\b"
)


# A clause that frames the paper's own problem: "this is a supervised regression", "the task is...".
_FRAMES = re.compile(r"\b(?:problem|task|setting|framing|framed|formulated|posed|learning|probleme|tache|cadre|pose|formule|apprentissage)\b")


# A clause that says where the paper's data come from: "trained on the OQMD", "data from ChEMBL".
_USES_DATA = re.compile(r"\b(?:data|dataset|database|trained|train|taken|collected|drawn|extracted|comes?|from|on|donnees|base|entraine\w*|issu\w*|provien\w*|tire\w*)\b")


# What keeps a model named in a clause from being the paper's: it is compared with
# ("than a neural network", "too little for a neural network", "unlike"), the
# earlier work ("earlier models using kernel ridge"), or a part of the paper's
# model ("an MLP head", "the transformer layers").
_COMPARED = re.compile(r"\b(?:than|for|with|from|to|against|versus|vs|like|unlike|beside|besides|over|que|qu|pour|avec|contre|comme|face)\b")
_EARLIER_WORK = re.compile(
    r"\b(?:earlier|previous\w*|prior|other|older|classical|standard|usual|typical|existing|traditional|conventional|literature|et al|papers?|"
    r"anterieur\w*|precedent\w*|autres?|classiques?|habituel\w*|usuel\w*|existant\w*|traditionnel\w*|travaux|articles)\b"
)
_PART = re.compile(r"^\W*(?:heads?|layers?|blocks?|modules?|readouts?|parts?|components?|branch\w*|stages?|steps?|encoders?|decoders?|"
                   r"tetes?|couches?|blocs?|modules?|parties?|composants?|etages?|etapes?)\b")
ASSERT_WINDOW = 6  # words between the verb that makes a model the paper's and the model's name


def _term_at(term: str, clause: str, end: str = ""):
    """Where a found term stands in the clause: the term set folds "gradient-boosted"
    and "gradient boosted" alike, so a space or a hyphen matches either."""
    pattern = r"[\s\-]+".join(re.escape(part) for part in re.split(r"[\s\-]+", term))
    return re.finditer(r"\b" + pattern + end, clause)


def _names_its_model(clause: str, matcher) -> bool:
    """Whether the clause names the model as the paper's own: close after a verb of use
    or a copula ("they train a random forest", "the model is a GP"), not compared
    with, placed in earlier work, or a part of another model."""
    for term in matcher.found(clause):
        for found in _term_at(term, clause):
            before, after = clause[:found.start()], clause[found.end():]
            verbs = list(_ASSERTS_USE.finditer(before))
            if not verbs:
                continue
            between = before[verbs[-1].end():]
            if len(between.split()) > ASSERT_WINDOW or _COMPARED.search(between) or _EARLIER_WORK.search(before):
                continue
            if _PART.match(after):
                continue
            return True
    return False


# "X is (in fact) a Y": the clause says what the model is, not what it holds.
_IDENTITY = re.compile(r"\b(?:is|est|was|etait)\s+(?:(?:in fact|actually|really|basically|essentially|simply|built as|designed as|"
                       r"en fait|en realite|vraiment|au fond|simplement|construit comme|concu comme)\s+)?(?:an?|une?)\s+(?:[\w()-]+\s+){0,3}$")
_MODEL_SUBJECT = re.compile(r"\b(?:model|network|architecture|method|modele|reseau|methode)\b")


# "RG-MPNN is not really a graph model: it is a recurrent network": a pronoun stands
# for the model the sentence has just named.
_PRONOUN = re.compile(r"^\s*(?:it|this|il|elle|c'|ce)\s*$")


def _states_identity(clause: str, matcher, own_name, lead: str = "") -> bool:
    """Whether the clause says the article's model *is* this family ("RG-MPNN is in
    fact a recurrent network", "le modele est en fait un transformer"): its subject
    names the model, or is a pronoun after a `lead` (the sentence before the clause)
    that names it, and nothing but a determiner stands between."""
    def names_model(text: str) -> bool:
        return bool(_MODEL_SUBJECT.search(text)) or own_name(text)

    for term in matcher.found(clause):
        for found in _term_at(term, clause):
            copula = _IDENTITY.search(clause[:found.start()])
            if not copula:
                continue
            subject = clause[:copula.start()]
            if names_model(subject) or _PRONOUN.match(subject) and names_model(lead):
                return True
    return False


# A small MLP is a part of most deep models: what is passed through one, or reads out, is inside.
_DEEP = frozenset({"gnn", "cnn", "rnn", "transformer", "autoencoder", "generative"})
_FED_THROUGH = re.compile(r"\b(?:pass\w*|fed|feeds?|sent|sends?|goes|go|mapped|maps?|projected|read out|reads out|followed|passe\w*|envoye\w*|suivi\w*)"
                          r" (?:\w+ ){0,3}(?:through|into|to|by|dans|a travers|par)\b|\b(?:head|readout|read-out|tete|sortie)\b")


def _names_family(clause: str, families: set[str], terms: dict, generic_families: dict) -> bool:
    """Whether the clause also names a model only of these families (so "message passing"
    for a GNN, not "neural network")."""
    return any(families >= set(generic_families.get(label, ())) > set()
               and term_set(tuple(variants)).search(clause) for label, variants in terms.items())


def _of_a_part(clause: str, matcher) -> bool:
    """Whether the term qualifies a part of the work ("an unsupervised step", "a
    generative head"), not the problem as a whole."""
    return any(_PART.match(clause[found.end():]) for term in matcher.found(clause)
               for found in _term_at(term, clause, r"\b"))


@lru_cache(maxsize=1)
def _datasets():
    from analyser.facts.vocab import load

    return load("data")["dataset"]


class _Pattern:
    """A dataset's pattern searched in the article as written (acronyms are case-sensitive)."""

    def __init__(self, pattern, article_text: str):
        self.pattern, self.text = pattern, article_text

    def search(self, _folded: str) -> bool:
        return bool(self.pattern.search(self.text))


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return tomllib.loads((Path(__file__).parent / "vocab" / "claims.toml").read_text(encoding="utf-8"))


_TEXTS = {
    "en": {
        "elsewhere": " (the analysis cites another source here: not held against it)",
        "named": "named in the article", "never_named": "the article never mentions {label}",
        "main_model": "the article's own model is {models}: \u201c{quote}\u201d (p. {page})",
        "facts": "the article's {field}: {values}",
        "agrees": "the article states it: \u201c{quote}\u201d (p. {page})",
        "printed": "the article gives this number",
        "contradicted": "the article gives {kind} {values}: \u201c{quote}\u201d (p. {page})",
        "never": "the article never gives {kind} {number}",
        "kinds": {"data": "the data size", "split %": "the split", "epochs": "the number of epochs",
                  "batch size": "the batch size", "learning rate": "the learning rate", "iterations": "the number of iterations",
                  "layers": "the number of layers", "neurons": "the number of neurons", "trees": "the number of trees",
                  "features": "the number of features", "heads": "the number of heads", "folds": "the number of folds"},
    },
    "fr": {
        "elsewhere": " (l'analyse cite ici une autre source : non retenu contre elle)",
        "named": "nommé dans l'article", "never_named": "l'article ne mentionne jamais {label}",
        "main_model": "le modèle de l'article est {models} : « {quote} » (p. {page})",
        "facts": "dans l'article ({field}) : {values}",
        "agrees": "l'article l'indique : « {quote} » (p. {page})",
        "printed": "l'article donne ce nombre",
        "contradicted": "l'article donne {kind} {values} : « {quote} » (p. {page})",
        "never": "l'article ne donne jamais {kind} {number}",
        "kinds": {"data": "la taille des données", "split %": "le découpage", "epochs": "le nombre d'époques",
                  "batch size": "la taille de lot", "learning rate": "le taux d'apprentissage", "iterations": "le nombre d'itérations",
                  "layers": "le nombre de couches", "neurons": "le nombre de neurones", "trees": "le nombre d'arbres",
                  "features": "le nombre de variables", "heads": "le nombre de têtes", "folds": "le nombre de plis"},
    },
}


def _kind_name(kind: str, texts: dict) -> str:
    if kind.startswith("metric:"):
        return kind.split(":", 1)[1].upper()
    return texts["kinds"].get(kind, kind)


def asserted_clauses(folded: str) -> list[str]:
    """The clauses of a folded sentence that assert something of the paper."""
    return [clause for clause in _CLAUSE_BREAK.split(folded) if clause and clause.strip() and not _NOT_ASSERTED.search(clause)]


def check_claims(units: list[Unit], article_text: str, facts=None, *, quantities_of: ArticleQuantities, skip: set[int] = frozenset(),
                 language: str = "en") -> list[Claim]:
    """The claims found, in document order of first appearance, contradicted and unsupported first.

    Each claim carries its `verdict`, the `criterion` it is about and the
    index of the sentence (`unit`) it was read from."""
    texts = _TEXTS.get(language, _TEXTS["en"])
    vocabulary = _vocabulary()
    generic_families = vocabulary["models"].get("families", {})
    generic_names = set(vocabulary["models"].get("generic", {}).get("names", ()))
    folded_article = fold(article_text)
    claims: list[Claim] = []
    seen: set[str] = set()
    in_article: dict[str, bool] = {}
    elsewhere = term_set(tuple(vocabulary["other_sources"]["terms"]))
    # A section (an unheaded paragraph) that cites the code or a supplement may give
    # values from there, near the citation: a PDF reader may join a page's paragraphs.
    citing = [unit for unit in units if elsewhere.found(unit.folded)]

    def place(unit: Unit) -> tuple[int, int]:
        return unit.section, unit.paragraph if unit.section < 0 else -1

    def from_elsewhere(unit: Unit) -> bool:
        return any(place(cite) == place(unit) and abs(cite.index - unit.index) <= CITED_SENTENCES for cite in citing)

    # The article's own models, as its facts state them firmly; every model it uses,
    # in any role, makes a family claim right (a frozen transformer is still a transformer).
    main_models = (facts.confident_models("main") or [m for m in facts.models if m.role == "main"]) if facts is not None else []
    models = facts.models if facts is not None else []
    known_families = {model.family for model in models}
    main_families = {model.family for model in main_models}
    component_families = {model.family for model in models if model.role == "component"}

    def main_detail() -> str:
        model = main_models[0]
        quote = model.evidence[0] if model.evidence else None
        return texts["main_model"].format(models=", ".join(sorted({m.name for m in main_models})),
                                          quote=_short(quote.quote if quote else model.name, QUOTE_CHARS), page=quote.page if quote else "?")

    def own_name(subject: str) -> bool:
        # A name the article uses throughout ("idpfold2", "rg-mpnn") is its model's.
        return any(used(re.compile(r"\b" + re.escape(word) + r"\b")) for word in re.findall(r"\b[a-z][\w]*(?:-[\w]+)*\d[\w-]*|\b[a-z]+-[a-z\d]+\b", subject))

    def named(label: str, matcher) -> bool:
        if label not in in_article:
            in_article[label] = matcher.search(folded_article)
        return in_article[label]

    article_sentences: list[str] = []

    def used(matcher) -> bool:
        # A model the article names in several sentences is part of its work (a scoring
        # model, a step of the pipeline) even where its facts do not list it.
        if not article_sentences:
            article_sentences.extend(re.split(r"(?<=[.!?])\s+", folded_article))
        return sum(1 for sentence in article_sentences if matcher.search(sentence)) >= USED_IN_SENTENCES

    for unit in units:
        if id(unit) in skip or unit.copied:
            continue
        other_source = from_elsewhere(unit)

        def add(label: str, verdict: str, detail: str, criterion: str | None, kind: str) -> None:
            if label in seen:
                return
            seen.add(label)
            if verdict != "agrees" and other_source:
                detail += texts["elsewhere"]
                verdict = "elsewhere"
            claims.append(Claim(claim=f"{label}: \u201c{_short(unit.text)}\u201d (p. {unit.page})", supported=verdict in ("agrees", "elsewhere"),
                                detail=detail, verdict=verdict, criterion=criterion, unit=unit.index, kind=kind))

        for clause in asserted_clauses(unit.folded):
            lead = unit.folded[:unit.folded.find(clause)]
            for label, variants in vocabulary["models"]["terms"].items():
                matcher = term_set(tuple(variants))
                if not matcher.search(clause) or not _ASSERTS_USE.search(clause) or not _names_its_model(clause, matcher):
                    continue
                families = set(generic_families.get(label, ()))
                only_a_part = families & component_families and not families & (known_families - component_families)
                unused = not families & known_families and not used(matcher)
                if main_models and not families & main_families and (only_a_part or unused) \
                        and _states_identity(clause, matcher, own_name, lead):
                    # What the article's model *is* must be its family, not one the article names
                    # in passing ("the Bi-LSTM is in fact a transformer") nor a part of its model
                    # ("RG-MPNN is in fact a recurrent network", its GRU cells a part).
                    add(label, "contradicted", main_detail(), "model", "model")
                elif label in generic_names and families & known_families \
                        or named(label, matcher) and (not known_families or families & known_families or used(matcher)):
                    add(label, "agrees", texts["named"], "model", "model")
                elif main_models and _names_family(clause, main_families - families, vocabulary["models"]["terms"], generic_families):
                    continue  # a part inside the article's own model ("messages combined by a small MLP" in a GNN)
                elif families == {"mlp"} and main_families & _DEEP and _FED_THROUGH.search(clause):
                    continue  # the head of a deep model ("the pooled vectors are passed through a linear MLP")
                elif main_models:
                    add(label, "contradicted", main_detail(), "model", "model")
                else:
                    add(label, "unsupported", texts["never_named"].format(label=label), "model", "model")
            for label, variants in vocabulary["methods"]["terms"].items():
                matcher = term_set(tuple(variants))
                if matcher.search(clause):
                    criterion = vocabulary["methods"]["criteria"].get(label)
                    if named(label, matcher):
                        add(label, "agrees", texts["named"], criterion, "method")
                    else:
                        add(label, "unsupported", texts["never_named"].format(label=label), criterion, "method")
            if _USES_DATA.search(clause):
                for entry in _datasets():
                    if entry.pattern.search(unit.text):
                        if named(entry.value, _Pattern(entry.pattern, article_text)):
                            add(entry.value, "agrees", texts["named"], "framing", "data")
                        else:
                            add(entry.value, "unsupported", texts["never_named"].format(label=entry.value), "framing", "data")
            if _FRAMES.search(clause):
                for field_name, values in vocabulary["facts"].items():
                    known = facts.values(field_name) if facts is not None else set()
                    for value, variants in values.items() if known else ():
                        matcher = term_set(tuple(variants))
                        if not matcher.found(clause) or _of_a_part(clause, matcher):
                            continue
                        if value in known:
                            add(value, "agrees", texts["facts"].format(field=field_name.replace("_", " "), values=", ".join(sorted(known))), "framing", "facts")
                        elif field_name == "learning_type" and _CLOSE_LEARNING.get(value, set()) & (known | _generative(facts)):
                            continue  # a word of a contested border, not a wrong claim
                        elif field_name == "learning_type" and any(term in folded_article for term in _DOES.get(value, ())):
                            continue  # the article does what the word names, whatever the facts found
                        elif not matcher.search(folded_article) and value[:STEM_LETTERS] not in folded_article:
                            # Not even "classifier" or "regressor" in the article: the claim is none of its work.
                            add(value, "contradicted", texts["facts"].format(field=field_name.replace("_", " "), values=", ".join(sorted(known))), "framing", "facts")
            for quantity in quantities(clause):
                if not quantity.kind or quantity.kind == "%" or quantity.kind == "data" and not informative(quantity.value):
                    continue
                _quantity_claim(quantity, quantities_of, texts, add, clause)
    order = {"contradicted": 0, "unsupported": 1, "elsewhere": 2, "agrees": 3}
    claims.sort(key=lambda claim: order[claim.verdict])
    return claims


# Settings a paper states once or a few times: a value it never prints for one of
# them is wrong, not merely unreported. Data sizes, splits and scores are not
# among them: a paper gives many, and a student may derive one (90 % of 3,101).
SETTINGS = frozenset({"epochs", "batch size", "learning rate", "folds", "layers", "neurons", "trees", "heads"})
USED_IN_SENTENCES = 3
CITED_SENTENCES = 5  # sentences from a citation of the code or a supplement that may give values from there
APPROXIMATE_RANGE = (0.5, 2.0)  # a rounded data size this close to one the article gives may be a rounding of it
MAX_STATED = 3  # distinct values of a setting the article may give for it still to contradict another


# "on average 0.69", "0.98 or more": the student's own statistic or bound, not a value read.
_DERIVED_BEFORE = re.compile(r"\b(?:avg|average|mean|median|moyenne|mediane|en moyenne|on average)\b[^.;]{0,25}$")
_BOUND_AFTER = re.compile(r"^\s*(?:or (?:more|less|above|below|higher|lower|better)|ou (?:plus|moins)|\+)")


def _quantity_claim(quantity: Quantity, article: ArticleQuantities, texts: dict, add, clause: str = "") -> None:
    label = quantity.text
    kind_of_claim = "setting" if quantity.kind in SETTINGS else "data" if quantity.kind in ("data", "split %") else "quantity"
    criterion = KIND_CRITERION.get(quantity.kind, "overfitting" if quantity.kind.startswith("metric:") else None)
    kind = _kind_name(quantity.kind, texts)
    stated = article.agrees(quantity, clause)
    if stated is not None:
        add(label, "agrees", texts["agrees"].format(quote=_short(stated.sentence, QUOTE_CHARS), page=stated.page), criterion, kind_of_claim)
        return
    if quantity.kind == "data" and SPLIT_WORDS.search(clause) and article.splits(quantity):
        return  # "4000 spectra, 2/3 for training: about 2133": the student's arithmetic on a stated size
    if quantity.approximate:
        # "about 40,000": a rounded figure is no precise claim to hold against the student,
        # unless it is far from every size the article gives ("about 1,000 sequences" for 21,446).
        sizes = [stated.quantity.value for stated in article.stated("data") if informative(stated.quantity.value)] if quantity.kind == "data" else []
        if sizes and informative(quantity.value) and not article.prints(quantity.value) and all(
                not APPROXIMATE_RANGE[0] <= quantity.value / size <= APPROXIMATE_RANGE[1] for size in sizes if size):
            add(label, "unsupported", texts["never"].format(kind=kind, number=_plain(quantity.value)), criterion, kind_of_claim)
        return
    others = stated_of_kind = article.stated(quantity.kind)
    if quantity.kind == "layers":
        # "three fully connected layers" counts a part; "seven hidden layers" the whole
        part = _layer_part(clause, quantity)
        others = [stated for stated in others if _layer_part(fold(stated.sentence), stated.quantity) == part]
    values = list(dict.fromkeys(_plain(stated.quantity.value) for stated in others))
    if quantity.kind in SETTINGS and others and len(values) <= MAX_STATED and not article.near_kind(quantity) \
            and not _sum_of_two(quantity.value, [stated.quantity.value for stated in stated_of_kind]):
        # A setting the article states otherwise: "500 epochs" where it trains for 100,
        # whatever other "500" it prints -- unless it prints it beside a word of the
        # same setting ("max_depth (the depth of the tree) 12"), or the student added
        # two of its values up ("4 ALIGNN + 4 GCN layers": eight layers).
        first = others[0]
        add(label, "contradicted", texts["contradicted"].format(kind=kind, values=", ".join(values), quote=_short(first.sentence, QUOTE_CHARS), page=first.page), criterion, kind_of_claim)
    elif article.invents(quantity) and not _DERIVED_BEFORE.search(clause[:quantity.start]) \
            and not _BOUND_AFTER.match(clause[quantity.start + len(quantity.text):]):
        add(label, "contradicted", texts["never"].format(kind=kind, number=_plain(quantity.value)), criterion, kind_of_claim)
    elif article.prints(quantity.value) and not (quantity.kind == "learning rate" and article.never_sets(quantity.kind)) \
            or article.reported.get(quantity.kind) and not article.invents(quantity):
        # A learning rate in a paper that never gives one beside a number (a random
        # forest paper) is not any "0.05" it prints ("p < 0.05"). Layer sizes and
        # counts it prints are, even in a table that does not name them. A score of
        # a metric the article reports, rounded or in another unit, is one of its
        # scores ("MSE 5.07" for its 5.0720).
        add(label, "agrees", texts["printed"], criterion, kind_of_claim)
    else:
        add(label, "unsupported", texts["never"].format(kind=kind, number=_plain(quantity.value)), criterion, kind_of_claim)


STEM_LETTERS = 7  # "classif", "regress", "generat", "cluster", "supervi"

# Learning types whose border is contested: self-supervised training is supervised on
# labels made from the data, and learning a distribution (a generative model) is
# called unsupervised or self-supervised as often as supervised.
_CLOSE_LEARNING = {"self-supervised": {"supervised", "unsupervised", "generative"},
                   "unsupervised": {"self-supervised", "generative"},
                   "supervised": {"self-supervised"}}


# What an article does when it learns without labels: "unsupervised" is no wrong claim there.
_DOES = {"unsupervised": ("clustering", "number of clusters", "dimensionality reduction", "principal component", "autoencoder")}


def _generative(facts) -> set[str]:
    return {"generative"} if facts is not None and "generation" in facts.values("tasks") else set()


# Kinds of layers, EN/FR (folded; "recurrent" also opens "recurrentes"), each named once.
_LAYER_PARTS = re.compile(r"fully[ -]connected|dense|convolutional|message[ -]passing|transformer|recurrent|lstm|"
                          r"entierement connectee|convolutive|de convolution|"
                          # in plain words: "three layers where everything is connected to everything"
                          r"(?:ou|where|in which) (?:tout|everything|every \w+|chaque \w+) (?:est|is) (?:relie|connected)")
_SAME_PART = {"dense": "fully connected", "entierement connectee": "fully connected",
              "convolutive": "convolutional", "de convolution": "convolutional"}


def _layer_part(folded: str, quantity: Quantity) -> str:
    """The kind of layers a count is of ("convolutional", "trois couches denses"), or ""
    for the whole network."""
    end = quantity.start + len(quantity.text)
    following = re.match(r"(?:\s+(?!(?:followed|suivi\w*|puis|then|and|et|plus|\d)\b)[\w'-]+){0,6}", folded[end:])
    found = _LAYER_PARTS.search(quantity.text + following.group())
    if not found:
        return ""
    part = found.group().replace("-", " ")
    return "fully connected" if part.endswith(("relie", "connected")) else _SAME_PART.get(part, part)


def _sum_of_two(value: float, stated: list[float]) -> bool:
    return any(abs(first + second - value) < 1e-9 for i, first in enumerate(stated) for second in stated[i:])


def _plain(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) and value >= 1000 else f"{value:g}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
