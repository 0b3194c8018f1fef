"""What in a student's sentence is specific to *this* article.

A statement is grounded when it carries the article's own specifics: the
words the article uses that ML-in-science articles in general do not (its
materials, properties, data sets, named methods: "copolymers", "electron
affinity", "OQMD", "wD-MPNN"), and the numbers it gives for what they count
(see `quantities`). Generic ML vocabulary ("supervised", "features",
"cross-validation", "overfitting") is not specific to any article, however
dense: it grounds nothing.

Which words are generic is read from a background of ML-in-science articles
(`vocab/background.json`: which of them each word appears in, made by
`benchmarks/make_background.py`), from the rubric's own vocabulary (unless no
other article uses the word and this one is about it: "bispectrum", "MLIP"), and from
everyday English and French words (`vocab/common.txt`). An article of the background is compared with the
others only, so that it is treated exactly as an article never seen. Words are compared by a crude stem, so that
English and French forms of one word meet ("copolymers", "copolymères";
"affinity", "affinité").
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analyser.checking.quantities import ArticleQuantities, Quantity, article_quantities, informative, quantities
from analyser.checking.terms import fold

STEM_CHARS = 7  # longer words are compared by their first characters (English and French cognates)
MIN_ARTICLE_COUNT = 2  # a word the article uses once is not yet its vocabulary
GENERIC_SHARE = 0.2  # a word in more than this share of the other articles is generic...
FREQUENT = 5  # ...unless the article uses it at least this often
KEYNESS = 5.0  # and this many times more often than the other articles (its subject: "convergence" in a convergence study)
SMOOTHING = 0.5  # occurrences per 10,000 words added to the others' rate
# A rubric word is the article's own subject when no background article uses it and
# this one uses it often and far more than the others ("bispectrum", "MLIP", "CARS").
SUBJECT_KEYNESS = 2 * KEYNESS

_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

# Function and everyday words of English and French (folded): never specific.
_FUNCTION = frozenset("""
a about above after again against all also although am an and any are as at be because been before being below
between both but by can could did do does doing down during each either else even ever every few for from further
had has have having he her here hers herself him himself his how however i if in into is it its itself just least
less like made make makes many may me might more most much must my myself no nor not now of off often on once one
only or other others our ours ourselves out over own per quite rather same several she should since so some still
such than that the their theirs them themselves then there these they this those though through thus to too two
three under until up upon us very via was we well were what when where whether which while who whom whose why will
with within without would yet you your yours yourself first second third new used using use uses based show shows
shown given give gives way ways part case cases set sets number numbers high higher low lower large larger small
smaller good better best different same each work works paper article authors author study studies result results
le la les un une des du de d l et est sont etait etaient ete etre a au aux avec ce cet cette ces il ils elle elles
nous vous on ne n pas plus mais ou leur leurs sa son ses se s qu que qui quoi dont dans pour par sur sous entre sans
comme aussi tres donc car cela ceci lorsque quand pourquoi tout tous toute toutes autre autres meme memes bien fait
faire peut peuvent plusieurs chaque deux trois article auteurs etude resultats travail
""".split())


def stem(word: str) -> str:
    """A folded word's comparison key: its first STEM_CHARS characters when longer,
    else the word without a plural ending."""
    word = word.replace("-", "")
    if len(word) > STEM_CHARS:
        return word[:STEM_CHARS]
    if len(word) > 3 and word.endswith("s"):
        return word[:-1]
    return word


def stems(folded: str) -> list[str]:
    return [stem(word) for word in _WORD.findall(folded)]


@lru_cache(maxsize=1)
def _background() -> tuple[list[str], dict[str, list[float]]]:
    """The background articles' signatures, and for each stem its rate in each of them."""
    data = json.loads((Path(__file__).parent / "vocab" / "background.json").read_text(encoding="utf-8"))
    return data["signatures"], data["stems"]


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    text = (Path(__file__).parent / "vocab" / "common.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def signature(sentences) -> str:
    """An article's fingerprint, to know it among the background articles."""
    text = fold("\n".join(text for text, _ in sentences))[:20000]
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _model_kinds() -> frozenset[str]:
    """Stems of the names of kinds of models ("CNN", "LSTM", "MPNN"): generic ML wording
    even in the one article that uses them."""
    from analyser.checking.consistency import _vocabulary

    terms = [term for variants in _vocabulary()["models"]["terms"].values() for term in variants]
    return frozenset(key for term in terms for key in stems(fold(term.rstrip("*"))))


@lru_cache(maxsize=16)
def _rubric_words(vocabulary: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for term in vocabulary:
        if not term.startswith("re:"):
            found.update(stems(fold(term.rstrip("*"))))
    return frozenset(found)


def _elsewhere(word_stem: str, own: int | None) -> tuple[float, float]:
    """The share of the other background articles using this stem, and its mean rate in them."""
    signatures, rates = _background()
    values = [rate for position, rate in enumerate(rates.get(word_stem, ())) if position != own]
    others = len(signatures) - (1 if own is not None else 0)
    return sum(1 for rate in values if rate) / max(1, others), sum(values) / max(1, others)


@dataclass
class ArticleAnchors:
    """The article's specific vocabulary and its quantities."""

    words: dict[str, str]  # stem -> the word as the article writes it most often
    quantities: ArticleQuantities
    weights: dict[str, float] = field(default_factory=dict)  # stem -> how rare it is in the background (0..1)

    def __bool__(self) -> bool:
        return bool(self.words)


DISTINCTIVE_DIGITS = 3


def significant_digits(number: str) -> int:
    """Significant digits of a number as written: 0.0882 has 3, 2100 has 2, 1,128 has 4."""
    digits = re.sub(r"\D", "", number.split("e")[0].split("E")[0])
    digits = digits.lstrip("0")
    if not re.search(r"[.,]\d", number) or re.fullmatch(r"\d{1,3}(?:[,\s]\d{3})+", number.strip()):
        digits = digits.rstrip("0")  # an integer's trailing zeros are its size, not its precision
    return len(digits)


@dataclass
class Grounding:
    """What one student sentence shares with the article."""

    words: list[str]  # the article's specific words it uses (as the article writes them)
    agreed: list[tuple[Quantity, str]]  # its quantities the article states (kind and value), with the article's sentence
    printed: list[Quantity]  # its other informative numbers the article prints somewhere (kind unknown or not stated)

    @property
    def distinctive(self) -> list[Quantity]:
        """Its printed numbers too precise to stand in the article by chance ("0.0882", "1,128")."""
        return [quantity for quantity in self.printed if significant_digits(quantity.text) >= DISTINCTIVE_DIGITS]

    @property
    def specifics(self) -> list[str]:
        """The article's words and numbers it carries, as the student writes them."""
        return self.words + [quantity.text for quantity, _ in self.agreed] + [quantity.text for quantity in self.distinctive]

    @property
    def anchors(self) -> int:
        return len(self.words) + len(self.agreed) + len(self.distinctive)

    @property
    def strength(self) -> float:
        return sum(1.0 for _ in self.words) + 1.5 * len(self.agreed) + 0.5 * len(self.printed)


def article_anchors(sentences: tuple[tuple[str, int], ...], rubric_vocabulary: tuple[str, ...] = (), extra: tuple[str, ...] = (),
                    authors: tuple[str, ...] = ()) -> ArticleAnchors:
    """The specific vocabulary of an article given as (sentence, page) pairs; `extra`
    are names the facts found (models, data sets), specific whatever their count;
    `authors`, the article's own, whose names say nothing of its content (a student
    copies them into a reference line)."""
    return _article_anchors(sentences, rubric_vocabulary, extra, authors)


@lru_cache(maxsize=8)
def _article_anchors(sentences, rubric_vocabulary, extra, authors) -> ArticleAnchors:
    signatures, _ = _background()
    mine = signature(sentences)
    own = signatures.index(mine) if mine in signatures else None
    rubric_words = _rubric_words(rubric_vocabulary)
    counts: dict[str, int] = {}
    surface: dict[str, dict[str, int]] = {}
    total = 0
    for text, _ in sentences:
        for word in _WORD.findall(fold(text)):
            key = stem(word)
            total += 1
            counts[key] = counts.get(key, 0) + 1
            surface.setdefault(key, {}).setdefault(word, 0)
            surface[key][word] += 1
    common = _common()
    forced = {stem(word) for name in extra for word in _WORD.findall(fold(name))} - _FUNCTION - common - rubric_words
    names = {stem(word) for name in authors for word in _WORD.findall(fold(name))} - forced
    words: dict[str, str] = {}
    weights: dict[str, float] = {}
    for key, count in counts.items():
        if key in _FUNCTION or len(key) < 3 or key in common and key not in forced or key in names:
            continue
        share, rate = _elsewhere(key, own)
        keyness = (10000 * count / max(1, total)) / (rate + SMOOTHING)
        if key in rubric_words and key not in forced and not (
                share == 0 and count >= FREQUENT and keyness >= SUBJECT_KEYNESS and key not in _model_kinds()):
            continue
        specific = count >= MIN_ARTICLE_COUNT and (share <= GENERIC_SHARE or count >= FREQUENT and keyness >= KEYNESS)
        if specific or key in forced:
            words[key] = max(surface[key], key=surface[key].get)
            weights[key] = 1.0 - share
    return ArticleAnchors(words, article_quantities(sentences), weights)


def ground(folded_sentence: str, anchors: ArticleAnchors) -> Grounding:
    """The article's specifics one student sentence carries."""
    seen: dict[str, str] = {}
    for word in _WORD.findall(folded_sentence):
        key = stem(word)
        if key in anchors.words and key not in seen:
            seen[key] = anchors.words[key]
    agreed, printed = [], []
    for quantity in quantities(folded_sentence):
        if not quantity.kind and not informative(quantity.value):
            continue  # a small number that says not what it counts proves nothing
        stated = anchors.quantities.agrees(quantity, folded_sentence) if quantity.kind else None
        if stated is not None:
            agreed.append((quantity, stated.sentence))
        elif anchors.quantities.prints(quantity.value) and informative(quantity.value) and (
                not anchors.quantities.names_kind(quantity.kind) or anchors.quantities.near_kind(quantity)):
            # "10-fold" is the article's only if it gives 10 where it speaks of folds, not
            # because a "10" stands somewhere in it.
            printed.append(quantity)
    return Grounding(list(seen.values()), agreed, printed)
