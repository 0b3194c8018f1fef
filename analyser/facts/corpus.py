"""The sentences of a document, weighted by where they stand, and searchable.

A fact stated in the methods or results counts more than one in the
introduction (which mostly describes other people's work); back matter
(acknowledgements, author contributions...) does not count at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from analyser.documents.model import Document
from analyser.facts import stance
from analyser.facts.model import Evidence

KIND_WEIGHT = {
    "abstract": 1.5,
    "methods": 1.5,
    "results": 1.2,
    "discussion": 1.0,
    "conclusion": 0.8,
    "introduction": 0.4,
    "related": 0.3,
    "other": 0.8,
    None: 1.0,
}

_HEADING_KINDS = [
    ("related", r"related work|background|prior work|previous work|literature"),
    ("abstract", r"abstract|summary"),
    # "Main": what Nature's journals call the introduction they leave unheaded
    ("introduction", r"introduction|^main$"),
    ("methods", r"method|materials|experimental|computational detail|data ?set|training|model|implementation|procedure"),
    ("results", r"result|experiment|evaluation|performance|benchmark"),
    ("discussion", r"discussion"),
    ("conclusion", r"conclusion|outlook|concluding"),
    ("back", r"acknowledg|author contribution|competing interest|conflicts? of interest|funding|"
             r"data availability|code availability|additional information|affiliation|"
             r"supplementary|reference|bibliography|ethics|declaration|abbreviation|nomenclature|glossary"),
]
_HEADING_PATTERNS = [(kind, re.compile(pattern, re.I)) for kind, pattern in _HEADING_KINDS]

_NEG_BEFORE = re.compile(
    r"(?:\b(?:not|no|never|without|neither|nor|cannot|instead of|rather than|lacks?|lacking|absence of|"
    r"omit(?:s|ted)?|avoid(?:s|ed)?)\b|n't\b)(?!\s+only\b)[^,;:]{0,60}$",
    re.I,
)
_NEG_AFTER = re.compile(
    r"^[^,;:.]{0,40}?\b(?:was|were|is|are|has been|have been|had been|be)\s+(?:not|never)\b", re.I
)
# "systems not included in the training set", "molecules unseen in training": the
# negation describes the test data, it denies nothing that follows.
_NOT_IN_TRAINING = re.compile(
    r"\b(?:not|never)\s+(?:\w+\s+)?(?:included|contained|seen|present|used|part)\s+(?:in|during|for|of|by)\s+"
    r"(?:the\s+)?(?:training|train|fitting)\w*(?:\s+(?:set|data|sets))?",
    re.I,
)
_ABBREVIATION = re.compile(r"\((?P<short>[A-Za-z][A-Za-z0-9\-]{1,15})\)")
_LONG_FORM = re.compile(r"(?:[A-Za-z][\w\-]*[ \t]+){0,7}[A-Za-z][\w\-]*\s*$")
_CLAUSE_BREAK = re.compile(r"[;:()]|,\s|\b(?:but|whereas|while|although|however)\b", re.I)

QUOTE_CHARS = 320
# Kept here too: other modules import them from the corpus.
FIRST_PERSON = stance.FIRST_PERSON
ABOUT_OTHERS = stance.ABOUT_OTHERS
CITED_FACTOR = stance.CITED_FACTOR


def heading_kind(heading: str | None) -> str | None:
    if not heading:
        return None
    for kind, pattern in _HEADING_PATTERNS:
        if pattern.search(heading):
            return kind
    return None


@dataclass
class Sent:
    index: int
    text: str
    page: int
    section: str  # heading ("" when none)
    kind: str | None
    weight: float  # where it stands (section) times how it speaks (stance)
    cites_others: bool = False
    general: bool = False  # about the field, not this paper ("X is widely used")
    hypothetical: bool = False  # what would or could be done

    @property
    def pipeline(self) -> bool:
        """A statement of what this paper does: in its body (not the introduction or
        related work), neither cited, general nor hypothetical."""
        return (self.kind not in ("introduction", "related") and not self.cites_others
                and not self.general and not self.hypothetical)

    @property
    def owned(self) -> bool:
        """The paper says this of its own work ("we", "our"), not of others'."""
        return bool(FIRST_PERSON.search(self.text)) and not self.cites_others and not ABOUT_OTHERS.search(self.text)

    def evidence(self, start: int = 0, end: int = 0) -> Evidence:
        return Evidence(quote=quote(self.text, start, end), page=self.page, section=self.section)


@dataclass
class Hit:
    sent: Sent
    start: int
    end: int

    @property
    def matched(self) -> str:
        return self.sent.text[self.start : self.end]

    @property
    def negated(self) -> bool:
        return is_negated(self.sent.text, self.start, self.end)

    def evidence(self) -> Evidence:
        return self.sent.evidence(self.start, self.end)


def is_negated(text: str, start: int, end: int) -> bool:
    """True when the words at text[start:end] are denied: "we did not use X",
    "without X", "X was not performed", "rather than X"."""
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    clause = _NOT_IN_TRAINING.sub(" ", clause)
    if _NEG_BEFORE.search(clause):
        return True
    after = text[end:]
    cut = _CLAUSE_BREAK.search(after)
    return bool(_NEG_AFTER.search(after[: cut.start()] if cut else after))


# Two sentences a PDF reader ran together ("...using DFT.²,³ We selected..."): the
# citation marks after the full stop hid the boundary.
_RUN_TOGETHER = re.compile(r"(?<=[.!?])[\d\u00b2\u00b3\u00b9\u2070-\u2079,\u2013\-]*\s+(?=[A-Z])")
MIN_PART = 40


def _own_sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of a run-together sentence that holds text[start:end]."""
    cuts = [0] + [match.end() for match in _RUN_TOGETHER.finditer(text)] + [len(text) + 1]
    for left, right in zip(cuts, cuts[1:]):
        if left <= start and end <= right:
            part = text[left:right].strip()
            if len(part) >= MIN_PART:
                return part, start - left, end - left
    return text, start, end


def quote(text: str, start: int = 0, end: int = 0) -> str:
    """The sentence, cut around the match when it is too long for a quote."""
    text = " ".join(text.split())
    if end:
        text, start, end = _own_sentence(text, start, end)
    if len(text) <= QUOTE_CHARS:
        return text
    centre = (start + end) // 2 if end else 0
    left = max(0, min(centre - QUOTE_CHARS // 2, len(text) - QUOTE_CHARS))
    piece = text[left : left + QUOTE_CHARS]
    return ("…" if left else "") + piece.strip() + ("…" if left + QUOTE_CHARS < len(text) else "")


def _section_kinds(document: Document) -> dict[str, str | None]:
    """Heading -> kind, sub-sections inheriting the kind of the section above them."""
    kinds: dict[str, str | None] = {}
    current: str | None = None
    for section in document.sections:
        own = heading_kind(section.heading)
        kind = section.kind if section.kind not in (None, "other") else None
        if own in ("related", "back"):
            kind = own
        kind = kind or own
        if kind is None:
            kind = current
        else:
            current = kind
        kinds.setdefault(section.heading, kind)
    return kinds


class Corpus:
    """All body sentences of a document (back matter left out) with their weights."""

    def __init__(self, document: Document):
        kinds = _section_kinds(document)
        self.sentences: list[Sent] = []
        for sentence in document.sentences:
            heading = sentence.section or ""
            kind = kinds.get(heading, heading_kind(heading))
            if kind in ("back", "references"):
                continue
            text = " ".join(sentence.text.split())
            if not text:
                continue
            weight = KIND_WEIGHT.get(kind, 1.0) * stance.factor(text)
            self.sentences.append(Sent(len(self.sentences), text, sentence.page, heading, kind, weight,
                                       stance.cites_others(text), stance.general(text), stance.hypothetical(text)))
        self.text = "\n".join(sent.text for sent in self.sentences)
        self._definitions: dict[str, str] | None = None
        self.lower = self.text.lower()  # same offsets as text (lower() keeps lengths here)
        if len(self.lower) != len(self.text):
            self.lower = "".join(char.lower() if len(char.lower()) == 1 else char for char in self.text)
        self._starts = []
        offset = 0
        for sent in self.sentences:
            self._starts.append(offset)
            offset += len(sent.text) + 1

    def _candidate_sentences(self, anchors: tuple[str, ...], exact: tuple[str, ...] = ()) -> list[int]:
        """Sentences holding one of the anchors (a fast substring scan): lower-case
        anchors in the lower-cased text, exact ones in the text as written."""
        found: set[int] = set()
        for text, words in ((self.lower, anchors), (self.text, exact)):
            for anchor in words:
                start = text.find(anchor)
                while start >= 0:
                    found.add(bisect_right(self._starts, start) - 1)
                    start = text.find(anchor, start + 1)
        return sorted(found)

    def find(self, pattern: re.Pattern, anchors: tuple[str, ...] | None = None,
             exact: tuple[str, ...] = ()) -> list[Hit]:
        """Every match of `pattern` (which must not span sentences), in reading order.
        With `anchors`, only the sentences holding one of them are searched."""
        if anchors is not None:
            hits = []
            for index in self._candidate_sentences(anchors, exact):
                sent = self.sentences[index]
                hits += [Hit(sent, match.start(), match.end()) for match in pattern.finditer(sent.text)]
            return hits
        hits = []
        for match in pattern.finditer(self.text):
            position = bisect_right(self._starts, match.start()) - 1
            sent = self.sentences[position]
            base = self._starts[position]
            hits.append(Hit(sent, match.start() - base, min(match.end() - base, len(sent.text))))
        return hits

    def find_entry(self, entry) -> list[Hit]:
        """Hits of a vocabulary entry; its pattern is not even compiled when none of
        its anchors is in the text."""
        if entry.anchors is not None and not self.candidates(entry.anchors, entry.exact_anchors):
            return []
        return self.find(entry.pattern, entry.anchors, entry.exact_anchors)

    def candidates(self, anchors: tuple[str, ...], exact: tuple[str, ...] = ()) -> list[int]:
        return self._candidate_sentences(anchors, exact)

    def find_all(self, entries) -> list[tuple[Hit, object]]:
        """Hits of several vocabulary entries in reading order; where two overlap the
        longer wins ("root mean squared error" hides "mean squared error")."""
        found = [(hit, entry) for entry in entries for hit in self.find_entry(entry)]
        found.sort(key=lambda item: (item[0].sent.index, item[0].start, -(item[0].end - item[0].start)))
        kept: list[tuple[Hit, object]] = []
        for hit, entry in found:
            if kept and kept[-1][0].sent.index == hit.sent.index and hit.start < kept[-1][0].end:
                continue
            kept.append((hit, entry))
        return kept

    def definitions(self) -> dict[str, str]:
        """Abbreviations the text defines: "machine learning potentials (MLPs)" -> {"MLP": "machine
        learning potentials"}; the first definition wins."""
        if self._definitions is None:
            self._definitions = {}
            for match in _ABBREVIATION.finditer(self.text):
                short = re.sub(r"(?<=[A-Z])s$", "", match.group("short"))
                before = self.text[max(0, match.start() - 160) : match.start()].split("\n")[-1]
                long_form = _LONG_FORM.search(before)
                if long_form is None:
                    continue
                # The long form has about one word per capital the abbreviation spells.
                words = long_form.group(0).split()
                capitals = max(2, sum(char.isupper() for char in short))
                self._definitions.setdefault(short, " ".join(words[-(capitals + 1) :]))
        return self._definitions

    def search(self, pattern: re.Pattern, anchors: tuple[str, ...] | None = None,
               exact: tuple[str, ...] = ()) -> list[tuple[Sent, re.Match]]:
        """(sentence, match) pairs, the match made in the sentence's own text (for
        patterns with groups to read); `anchors` as for `find`."""
        if anchors is None:
            indices = range(len(self.sentences))
        else:
            indices = self._candidate_sentences(anchors, exact)
        return [
            (self.sentences[index], match)
            for index in indices
            for match in pattern.finditer(self.sentences[index].text)
        ]
