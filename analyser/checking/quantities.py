"""Numbers tied to what they count, read alike in an analysis and in its article.

"42,966 copolymers", "trained for 300 epochs", "a learning rate of 1e-4",
"an RMSE of 0.12 eV", "80 % for training", "5-fold": each is a `Quantity`
of one kind (data size, epochs, learning rate, a metric...). A student's
number is compared with the article's numbers *of the same kind*, never with
any number the article happens to print. English and French alike, on folded
text (see `terms.fold`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MINUS = "\u2212\u2013\\-"
# A number as written: a power of ten ("10^-3", "10−3", "5 x 10-4"; a bare "10-3" only
# when nothing numeric follows), scientific notation ("1e-3"), or a plain number with
# thousands separators ("42,966", "42 966") or a decimal comma ("0,93").
_POWER = (
    rf"(?<![\d.,])(?:\d+(?:\.\d+)?\s*[x×*·]\s*)?10\s*(?:\^|\*\*)\s*\{{?\s*[{_MINUS}+]?\s*\d{{1,2}}\}}?"
    rf"|(?<![\d.,])(?:\d+(?:\.\d+)?\s*[x×*·]\s*)?10(?:\u2212\d{{1,2}}|[\-\u2013]\d)(?![\d.,]\d|[\w%])"
    # a superscript exponent a PDF sets apart: "1 × 10 −4" (only after "×": "10 - 4" is a range)
    rf"|(?<![\d.,])\d+(?:\.\d+)?\s*[×·]\s*10\s[\u2212\u2013\-]\s?\d{{1,2}}(?![\d.,]\d|[\w%])"
)
_SCIENTIFIC = rf"\d+(?:\.\d+)?[eE][{_MINUS}+]?\d+\b"
_PLAIN = r"\d{1,3}(?:[,\u202f\u00a0\u2009 ]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:[.,]\d+)?"
NUMBER = rf"(?:{_POWER})|{_SCIENTIFIC}|{_PLAIN}"
# "43k molecules", "2.3 million compounds", "1,5 million de molecules" ("116 K" is a temperature,
# "1.5 M" a concentration)
_NUMBER = re.compile(rf"(?<![\w.])({NUMBER})(k\b|\s(?:million|thousand|billion|milliard)s?\b)?")
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "million": 1e6, "billion": 1e9, "milliard": 1e9}
_POWER_PARTS = re.compile(
    rf"(?:(\d+(?:\.\d+)?)\s*[x×*·]\s*)?10\s*(?:\^|\*\*)?\s*\{{?\s*([{_MINUS}+]?)\s*(\d{{1,2}})\}}?"
)


def value_of(text: str) -> float | None:
    """The value of a number as written: 1e-3, 10^-3, 10−3 and 0.001 are one value;
    42,966, 42 966 and 42966 another; 0,93 (French) is 0.93."""
    text = text.strip()
    power = _POWER_PARTS.fullmatch(text)
    if power and re.fullmatch(_POWER, text):
        mantissa = float(power.group(1)) if power.group(1) else 1.0
        sign = -1 if power.group(2) and power.group(2) != "+" else 1
        return mantissa * 10.0 ** (sign * int(power.group(3)))
    if re.fullmatch(_SCIENTIFIC, text):
        return float(re.sub(f"[{_MINUS}]", "-", text))
    compact = re.sub(r"[\s\u202f\u00a0]", "", text)
    if re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", compact):  # "0,999" is a French decimal
        compact = compact.replace(",", "")
    else:
        compact = compact.replace(",", ".")
    try:
        return float(compact)
    except ValueError:
        return None


def key(value: float) -> float:
    """A value rounded to 9 significant digits: 10**-3 computed or 0.001 read are one key."""
    return float(f"{value:.9g}")


# What a number counts, by the words around it. Each kind: (words right after the
# number, words shortly before it). Folded text: no accents, lower case.
_DATA_NOUNS = (
    r"samples?|examples?|molecules?|compounds?|structures?|configurations?|materials?|entries|entry|data ?points?|"
    r"points|sequences?|proteins?|polymers?|copolymers?|homopolymers?|images?|spectra|spectrum|reactions?|crystals?|alloys?|"
    r"compositions?|experiments?|transcripts?|genes?|mrnas?|cells?|supercells?|systems|candidates?|formulations?|"
    r"particles?|conformers?|conformations?|instances?|records?|measurements?|observations?|snapshots?|frames?|"
    r"variants?|mutants?|peptides?|antibodies|ligands?|complexes|catalysts?|solvents?|datapoints?|labels|"
    r"papers|articles|documents|abstracts|patients|triplets|mixtures|wells|chains|trajectories|"
    r"devices|tissues?|smiles|"
    r"echantillons?|exemples?|composes?|entrees|sequences|proteines?|polymeres?|copolymeres?|spectres?|cristaux|alliages?|"
    r"experiences?|mesures?|transcrits?|genes|cellules?|particules?|candidats?|conformeres?|observations|"
    r"resumes|melanges|puits|chaines|trajectoires|"
    r"tissus|"
    r"materiaux|donnees|points de donnees"
)
_KINDS: dict[str, tuple[str, str]] = {
    # kind: (pattern right after the number, pattern just before it)
    "data": (rf"(?:(?!posterior|monte|random|bootstrap|mc\b|sobol|initial|gaussian)(?:[a-z][\w-]*|de|d')\s+)?(?:{_DATA_NOUNS})\b", r"(?:data ?set|dataset|jeu de donnees|base)\s+(?:of|with|de|d'environ|containing|comprising|contenant)\s+(?:about\s+|around\s+|environ\s+)?$"),
    "epochs": (r"(?:training\s+|d'entrainement\s+)?(?:epochs?|epoques?)\b", r"\b(?:epochs?|epoques?)\s*(?:[:=]|of|de|was|were|is|est)?\s*$"),
    "batch size": (r"(?:samples\s+)?(?:per\s+(?:mini-?)?batch|par\s+lot)\b|batch[ -]size\b", r"\b(?:batch(?:\s*size)?|mini-?batch(?:es)?\s+of|taille de (?:lot|batch)|lots? de)\s*(?:[:=]|of|de|was|is|est)?\s*$"),
    "learning rate": (r"(?:initial\s+)?(?:learning[ -]rate|taux d'apprentissage)\b", r"\b(?:learning[ -]rate|lr|taux d'apprentissage|pas d'apprentissage)\s*(?:[:=]|of|de|was|is|est|set to|fixe a)?\s*(?:initial\s+)?$"),
    "layers": (r"(?:hidden\s+|fully[ -]connected\s+|convolutional\s+|message[ -]passing\s+|transformer\s+|cachees?\s+)?(?:layers?|couches?)\b"
               r"|(?:rounds?|steps?|iterations?) of message[ -]passing|message[ -]passing (?:rounds?|steps?|iterations?)|etapes de passage de messages", r"\b(?:depth|profondeur|number of layers|nombre de couches)\s*(?:[:=]|of|de)?\s*$"),
    "neurons": (r"(?:hidden\s+)?(?:neurons?|units|nodes|neurones?)\b", r"\b(?:hidden (?:size|dimension)|width|neurons?|neurones?)\s*(?:[:=]|of|de)\s*$"
                r"|\b(?:layers?|couches?)\s+(?:of|with|de|avec)\s+(?:\d+\s*,\s*)*(?:\d+\s+(?:and|et)\s+)?$"),
    "trees": (r"(?:decision\s+|regression\s+)?(?:trees?|estimators?|arbres?)\b", r"\b(?:n_estimators|ntree|number of trees|nombre d'arbres)\s*(?:[:=]|of|de)?\s*$"),
    "features": (r"(?:[a-z][\w-]*\s+){0,2}?(?:features?|descriptors?|attributes?|variables?|descripteurs?|attributs?)\b", r"\b(?:features?|descriptors?|attributes?)\s*(?:[:=]|of)\s*$"),
    "folds": (r"(?:-?\s?fold|\s+folds|\s*plis)\b", r"\b(?:k\s*=\s*)$"),
    "heads": (r"(?:attention\s+)?(?:heads?|tetes?)\b", r"(?!)"),
    "iterations": (r"(?:iterations?|rounds?|cycles?|batches of experiments)\b", r"(?!)"),
}
# The word of each setting anywhere in a sentence, for numbers the patterns above miss.
_KIND_WORDS = {kind: re.compile(words) for kind, words in {
    "epochs": r"\bepochs?\b|\bepoques?\b",
    "batch size": r"\bbatch|\btaille de lot",
    "learning rate": r"\blearning[ -]rate|\btaux d'apprentissage",
    "layers": r"\blayers?\b|\bcouches?\b|\bdepth|\bprofondeur",
    # "three FCLs of (32,16,640) dimensions": a sentence on dense layers prints their widths
    "neurons": r"\bneurons?\b|\bneurones?\b|\bhidden (?:size|dim)|\bwidth\b|\bfcls?\b|\bfully[ -]connected\b|\bdenses?\b",
    "trees": r"\btrees?\b|\bestimators\b|\barbres?\b",
    "folds": r"\bfolds?\b|-fold|\bplis\b",
    "heads": r"\bheads?\b|\btetes?\b",
}.items()}
_KIND_AFTER = {kind: re.compile(r"\s*(?:" + after + ")") for kind, (after, _) in _KINDS.items()}
_KIND_BEFORE = {kind: re.compile(before) for kind, (_, before) in _KINDS.items()}

# Metrics: their value follows the name ("an RMSE of 0.12", "R2 = 0.93", "MAE de 0,05").
METRICS = {
    "rmse": r"rmse|root[ -]mean[ -]squared?[ -]error|erreur quadratique moyenne",
    "mae": r"mae|mean absolute error|erreur absolue moyenne",
    "mse": r"mse|mean squared error",
    "r2": r"r2|r\^2|r²|r\s?2|coefficient of determination|coefficient de determination",
    "auc": r"(?:roc[ -])?auc(?:[ -]roc)?|area under the (?:roc )?curve",
    "accuracy": r"accuracy|exactitude|taux de bonne classification",
    "f1": r"f1(?:[ -]score)?",
    "pearson": r"pearson(?:'s)?(?: correlation)?(?: coefficient)?|pearson r",
    "spearman": r"spearman(?:'s)?(?: correlation)?(?: rho)?",
    "mape": r"mape",
}
_UNIT_SCALES = (10, 100, 1000, 0.1, 0.01, 0.001)
_METRIC_WORDS = {f"metric:{name}": re.compile(rf"\b(?:{pattern})\b") for name, pattern in METRICS.items()}
_METRIC_BEFORE = {
    name: re.compile(rf"\b(?:{pattern})\b(?:\s+(?:of|was|is|=|:|de|est|d'environ|around|about|reached|reaches|atteint|vaut|close to|below|above|under|over|ranging from|from|between|\(test\)|on the test set|sur le test|on test|test))*\s*[=:≈~]?\s*$")
    for name, pattern in METRICS.items()
}
# "80/10/10", "90:10", "0.8/0.1/0.1", "8:1:1": a split given as a ratio (its parts sum to 100, 10 or 1).
_RATIO = re.compile(r"(?<![\w.,/:])(\d+(?:\.\d+)?)\s*([/:])\s*(\d+(?:\.\d+)?)(?:\s*\2\s*(\d+(?:\.\d+)?))?(?![\w.,/:]*\d)")
_SPLIT_NEAR = re.compile(r"train\w*|test\w*|valid\w*|held[- ]?out|hold[- ]?out|entrain\w*|apprentissage|split|decoup\w*|partition\w*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_REFERENCE_BEFORE = re.compile(r"(?:fig(?:ure)?s?|eqs?|equations?|tables?|tableau|sections?|§|refs?|chapters?|parts?|steps?|annexe?|appendix|et al|page|p)\.?\s*\(?$")
APPROXIMATE = re.compile(r"(?:~|≈|∼|>|<|≥|≤|\babout|\baround|\broughly|\bapproximately|\bnearly|\balmost|\bover|\bmore than|\bless than|\bup to|\border of|\benviron|\bpres de|\bplus de|\bmoins de|\bjusqu'a|\bsome|\bpresque|\bquelque|\bde l'ordre de)\s*$")


@dataclass(frozen=True)
class Quantity:
    kind: str  # "data", "epochs", "learning rate", "metric:rmse", "split %", ... or "" (unknown)
    value: float
    text: str  # as written, e.g. "42,966 copolymers"
    start: int  # offset in the folded sentence
    approximate: bool = False


# Small numbers in words count what follows them ("three layers", "five-fold", "dix arbres").
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "cinquante": 50, "cent": 100,
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")


# "(32,16,640)", "(128,64,16,16,16)": a list of numbers, not decimal commas nor
# thousands ("1,234,567" has groups of three).
_COMMA_LIST = re.compile(r"(?<![\d.,])\d+(?:,\d+){2,}(?![\d,])")


def _list_apart(match: re.Match) -> str:
    groups = match.group().split(",")
    if all(len(group) == 3 for group in groups[1:]):
        return match.group()
    return match.group().replace(",", ";")  # the same length: positions hold


def _lists_apart(folded: str) -> str:
    return _COMMA_LIST.sub(_list_apart, folded)


def quantities(folded: str) -> list[Quantity]:
    """The quantities of one folded sentence, each with its kind ("" when the words around
    it do not say what it counts). Years, figure/table numbers and list markers are left out."""
    return _quantities(_lists_apart(folded))


def _quantities(folded: str) -> list[Quantity]:
    found: list[Quantity] = []
    ratios = set()
    for ratio in _RATIO.finditer(folded):
        parts = [float(part) for part in ratio.group(1, 3, 4) if part]
        if any(abs(sum(parts) - total) < 0.02 * total for total in (100, 10, 1)):
            for index in (1, 3, 4):
                if ratio.group(index):
                    ratios.add(ratio.start(index))
                    found.append(Quantity("split %", float(ratio.group(index)) * 100 / round(sum(parts)), ratio.group(0), ratio.start(index)))
    for match in _NUMBER.finditer(folded):
        if match.start() in ratios:
            continue
        written = match.group(1)
        value = value_of(written)
        if value is None:
            continue
        if match.group(2):
            value *= _MULTIPLIERS[match.group(2).strip().rstrip("s")]
        before = folded[max(0, match.start() - 60):match.start()]
        if _REFERENCE_BEFORE.search(before[-16:]):
            continue
        if _YEAR.fullmatch(written) and not match.group(2):
            continue
        after = folded[match.end():match.end() + 60]
        kind = _kind(before, after)
        if kind is None:
            continue
        if kind == "data" and _DECIMAL.search(written) and not match.group(2):
            kind = ""  # "CC BY 4.0 Crystals": a count is a whole number
        end = match.end() + (_KIND_AFTER[kind].match(after).end() if kind in _KIND_AFTER and _KIND_AFTER[kind].match(after) else 0)
        approximate = bool(APPROXIMATE.search(before[-24:]))
        found.append(Quantity(kind, value, folded[match.start():end].strip(), match.start(), approximate))
    for match in _NUMBER_WORD.finditer(folded):
        after = folded[match.end():match.end() + 60]
        kind = _kind(folded[max(0, match.start() - 60):match.start()], after)
        if kind and kind in _KIND_AFTER and _KIND_AFTER[kind].match(after):  # only a counted noun right after it
            end = match.end() + _KIND_AFTER[kind].match(after).end()
            found.append(Quantity(kind, float(NUMBER_WORDS[match.group(1)]), folded[match.start():end].strip(), match.start()))
    return sorted(found, key=lambda quantity: quantity.start)


_DECIMAL = re.compile(r"\.\d")
_ROUNDINGS = (".1g", ".2g", ".3g")  # a value as a student may round it: to one, two or three significant digits
_CROSS_VALIDATION = re.compile(r"fold|\bplis?\b|cross|croisee|\bcv\b")


def _kind(before: str, after: str) -> str | None:
    for name, pattern in _METRIC_BEFORE.items():
        if pattern.search(before):
            return f"metric:{name}"
    if after.startswith(("%", " %", "\u202f%", " percent", " pour cent", " pourcent")):
        window = before[-40:] + after[:40]
        return "split %" if _SPLIT_NEAR.search(window) else "%"
    if re.match(r"\s*(?:-\s?fold|\s?folds?\b|\s?plis\b)", after):
        return "folds"
    for kind, pattern in _KIND_AFTER.items():
        if kind in ("folds",):
            continue
        if pattern.match(after):
            return kind
    for kind, pattern in _KIND_BEFORE.items():
        if pattern.search(before):
            # "k = 2" counts folds only beside cross-validation ("K = 2 à 5 étapes" are steps)
            if kind == "folds" and not _CROSS_VALIDATION.search(before[-60:] + after[:60]):
                continue
            return kind
    return ""


@dataclass(frozen=True)
class Stated:
    """A quantity the article states, with the sentence it is in (the article's own words)."""

    quantity: Quantity
    sentence: str
    page: int


class ArticleQuantities:
    """Every quantity of an article by kind, and every value it prints."""

    def __init__(self, sentences: list[tuple[str, int]]):
        from analyser.checking.terms import fold

        self.by_kind: dict[str, list[Stated]] = {}
        self.values: set[float] = set()
        self.near: dict[str, set[float]] = {}  # kind -> values printed in a sentence naming that kind
        self.reported: dict[str, set[float]] = {}  # metric kind -> values printed beside its name
        for text, page in sentences:
            folded = _lists_apart(fold(text))
            for quantity in _quantities(folded):
                self.by_kind.setdefault(quantity.kind, []).append(Stated(quantity, text, page))
                self.values.add(key(quantity.value))
            printed = set()
            for match in re.finditer(r"\d+(?:[.,]\d+)?", folded):  # bare digit runs: no reading missed
                value = value_of(match.group(0))
                if value is not None:
                    printed.add(key(value))
            self.values |= printed
            for kind, words in _KIND_WORDS.items():
                if printed and words.search(folded):
                    self.near.setdefault(kind, set()).update(printed)
            for kind, words in _METRIC_WORDS.items():
                if printed and words.search(folded):
                    self.reported.setdefault(kind, set()).update(printed)
        self.rounded = {float(f"{value:{digits}}") for value in self.values for digits in _ROUNDINGS}

    def stated(self, kind: str) -> list[Stated]:
        return self.by_kind.get(kind, [])

    def agrees(self, quantity: Quantity, context: str = "") -> Stated | None:
        """The article's statement of this quantity (same kind, same value up to rounding,
        or, where the folded `context` speaks of a split, a share of a stated data size), or None."""
        for stated in self.stated(quantity.kind):
            if close(quantity, stated.quantity.value):
                return stated
        # Some share of a small data set is near any number: "35 papers" is no 70 % of its 50 questions.
        if quantity.kind == "data" and SPLIT_WORDS.search(context):
            for stated in self.stated("data"):
                total = stated.quantity.value
                if any(abs(quantity.value - total * share) <= max(1.0, 0.01 * total * share) for share in _SHARES):
                    return stated
        return None

    def splits(self, quantity: Quantity) -> bool:
        """Whether a data size is a share of a share of one the article states, to the
        nearest unit: the student's arithmetic (4000 spectra, two thirds for training,
        a fifth of those for validation: 533)."""
        return any(size > quantity.value and any(abs(size * share - quantity.value) <= max(1.0, 0.002 * quantity.value)
                                                 for share in _PART_SHARES)
                   for size in (stated.quantity.value for stated in self.stated("data")) if size)

    def prints(self, value: float) -> bool:
        return key(value) in self.values

    def invents(self, quantity: Quantity) -> bool:
        """Whether a score of a metric the article reports is one it never gives: not
        printed anywhere, nor beside the metric's name in another unit (0.034 eV is
        34 meV, 0.77 is 77 %) or rounded ("an R2 of 0.5" for its 0.48, "MSE 5.07" for its 5.0720)."""
        reported = self.reported.get(quantity.kind)
        if not reported or self.prints(quantity.value):
            return False
        return key(quantity.value) not in self.rounded and not any(
            key(quantity.value * scale) in (key(value), *(float(f"{value:{digits}}") for digits in _ROUNDINGS))
            for value in reported for scale in _UNIT_SCALES)

    @staticmethod
    def names_kind(kind: str) -> bool:
        """Whether a setting's word is known for this kind (`near_kind` can tell)."""
        return kind in _KIND_WORDS

    def never_sets(self, kind: str) -> bool:
        """Whether the article never prints a number in a sentence naming this setting."""
        return kind in _KIND_WORDS and kind not in self.near and not self.stated(kind)

    def near_kind(self, quantity: Quantity) -> bool:
        """Whether the article prints this value in a sentence naming its kind, in
        a form the kinds above do not read ("max_depth (i.e. the depth of the tree) 12")."""
        return key(quantity.value) in self.near.get(quantity.kind, ())


# Words of a split: a data size beside them may be a share of a stated one.
SPLIT_WORDS = re.compile(r"\b(?:train\w*|test\w*|validation|split\w*|apprentissage|entrainement|decoup\w*|"
                         r"separ\w*|partag\w*|soit|i\.e|that is)\b")
# Shares a data set is split into ("a fifth of the 4000 spectra for testing: 800").
_SHARES = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 1 / 3, 0.4, 0.5, 0.6, 2 / 3, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
# A share of the larger part of a data set ("a fifth of the two thirds kept for training").
_PART_SHARES = sorted({round(a * b, 4) for a in _SHARES if a >= 0.5 for b in _SHARES})


def close(quantity: Quantity, value: float) -> bool:
    """Equal as written or rounded (two significant digits), within 10 % when the
    student says it is approximate ("about 43,000")."""
    if key(quantity.value) == key(value):
        return True
    if value == 0:
        return False
    relative = abs(quantity.value - value) / abs(value)
    if quantity.approximate:
        return relative <= 0.10
    return relative <= 0.005 or float(f"{value:.2g}") == quantity.value or float(f"{value:.3g}") == quantity.value


@lru_cache(maxsize=8)
def article_quantities(sentences: tuple[tuple[str, int], ...]) -> ArticleQuantities:
    return ArticleQuantities(list(sentences))


def informative(value: float) -> bool:
    # Small whole numbers occur in any text by chance; they prove nothing alone.
    return value >= 10 or value != int(value)
