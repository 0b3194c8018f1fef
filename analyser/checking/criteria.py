"""What the student's sentences show for each criterion: its rule level, evidence and features.

The rules follow the spec's level table and are written in the rubric file,
so they are the same for every analysis and can be read by a student:

- a criterion's sentences are those under a heading that names it, plus,
  anywhere else, the sentences that say something about it (content counts
  wherever it stands): a sentence of another section that mentions it and
  holds one of its element terms, or that stands outside any named section
  and mentions it (with the sentence after); a sentence of another section
  that only names it in passing is an aside: it shows the topic is
  mentioned, not explained;
- 1 (mentioned): one of its `mention` terms is there, copied or not;
- 2 (explained): one `explain` rule has all its groups in the student's own
  (not copied) sentences;
- 3 (analysed): level 2 and one `analyse` rule fully found;
- what a clause says the paper does not give is not explained by it;
- an abbreviation the student defines ("Gaussian processes (GPs)") mentions
  what its long form mentions.

Beside the rule level, each criterion gets the features the calibrated
model reads (`FEATURES`): how much is said, how much of it is specific to
this article (grounding), how critical it is, and what the article
contradicts. `analyser.checking.calibration` turns them into a level.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from analyser.checking.grounding import Grounding
from analyser.checking.report import Claim
from analyser.checking.segment import Unit
from analyser.checking.terms import fold, paper_names, term_set, without_absent_clauses
from analyser.rubric.model import Criterion, Rubric

QUOTE_CHARS = 240
MAX_EVIDENCE = 3
MIN_QUANTITIES = 2  # the built-in group "numbers"
ASIDE_TERMS = 2  # distinct mention terms that make a sentence in another section an aside
NEAR = 2  # sentences apart, within one paragraph, for "a+b" rules
FOLLOWING = 4  # sentences after a mention, in a paragraph outside the sections, that go on with its topic

# The features of a criterion, in the order the calibration file lists their weights.
FEATURES = (
    "rule",  # the rubric's rule level, 0..3
    "rule_doc",  # the same rules over the whole text
    "explain_cover",  # share of the best level-2 rule's groups found
    "analyse_cover",  # share of the best level-3 rule's groups found
    "sentences",  # log(1 + the student's own sentences about it)
    "heading",  # a section heading names it
    "grounded",  # log(1 + own sentences carrying the article's specifics)
    "specifics",  # log(1 + distinct specifics of the article: its words and stated quantities)
    "critical",  # log(1 + own sentences that judge or question, with the article's specifics)
    "contradicted",  # claims about it that the article contradicts
    "unsupported",  # claims about it the article never makes
    "copied",  # share of its sentences copied from the article
    "evaluative",  # the document's share of evaluative sentences (0..1)
    "rule_2",  # the rule level is 2 or more (a level is a step, not a distance)
    "rule_3",  # the rule level is 3
)
# Beside them, per element group g of the criterion (its rubric vocabulary and the
# built-in groups): "in:g", found in its own sentences, and "doc:g", anywhere in
# the student's text (content counts wherever it stands).


@dataclass
class CriterionResult:
    criterion: Criterion
    score: int
    evidence: list[Unit]
    found: dict[str, list[str]] = field(default_factory=dict)  # group -> terms found
    claims: list[Claim] = field(default_factory=list)  # the claims about it the article contradicts or never makes
    units: list[Unit] = field(default_factory=list)
    language: str = "en"  # of the submission: the feedback's language
    rule: int = 0  # the rubric's rule level (before the calibrated model and the caps)
    features: dict[str, float] = field(default_factory=dict)
    specifics: list[str] = field(default_factory=list)  # the article's specifics its sentences carry
    confidence: float = 1.0
    review: bool = False
    held: list[str] = field(default_factory=list)  # why the score was held lower: "wrong", "generic", "summary"
    missing: list[str] = field(default_factory=list)  # groups of the next level's closest rule not found
    addressed: bool = False  # the whole text speaks of it, named or not

    @property
    def wrong(self) -> list[Claim]:
        return [claim for claim in self.claims if claim.verdict == "contradicted"]


# A document's title or title block, not a section: "ML analysis: « Fine-tuning protein
# language models... »", "Analyse de l'article ...", "Notes – ...", "Name: ...", "Author: ...".
_DOCUMENT_TITLE = re.compile(
    r"^(?:(?:an?\s+)?(?:ml\s+|critical\s+)?analys[ie]s\b|analyse\b|notes?\b|fiche\b|name\s*:|nom\s*:|author\s*:|auteur\w*\s*:|student\s*:)"
    r"|[«\"“]\s*[^\s«»\"“”]+(?:\s+[^\s«»\"“”]+){3,}\s*[»\"”]"
)
HEADING_MAX_WORDS = 12  # a longer line is a title or a sentence, not a section heading


def map_headings(headings: list[str], rubric: Rubric) -> list[str | None]:
    """Each section heading -> the criterion it names (None when it names none or several equally).

    The longest match wins: "Ce que le modèle apprend" names the framing, not the model."""
    titles = {fold(c.title): c.id for c in rubric.criteria}
    mapped: list[str | None] = []
    for heading in headings:
        folded = fold(heading)
        bare = re.sub(r"^[\d.)\s§]+", "", folded).strip(" :")
        if bare in titles:  # a criterion's own title, as the generated template writes it
            mapped.append(titles[bare])
            continue
        if _DOCUMENT_TITLE.search(bare) or len(bare.split()) > HEADING_MAX_WORDS:
            mapped.append(None)  # the document's title or its title block, whatever words it holds
            continue
        counts = {c.id: sum(len(t) for t in term_set(c.vocabulary.heading).found(folded)) for c in rubric.criteria}
        best = max(counts.values(), default=0)
        winners = [cid for cid, count in counts.items() if count == best]
        mapped.append(winners[0] if best > 0 and len(winners) == 1 else None)
    return mapped


_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]\s", re.I)


def _with_sub_labels(mapped: list[str | None], headings: list[str], units: list[Unit], order: list[str]) -> list[str | None]:
    """Sub-labels belong to the section above them. Under a numbered heading
    ("6. Alternatives"), unnumbered labels ending with a colon ("On the model
    side:", "On the data side:") are its parts, whatever they name; and a heading
    that names no criterion under one that holds no sentence of its own
    ("## Model", then "### Under the hood") is its part too, as are run-in
    labels ending with a colon or a full stop under it ("Alternatives", then
    LaTeX's "\\paragraph{Models.}", "\\paragraph{Data.}"). A label naming a
    criterion after the owner's in `order` (the rubric's) starts that criterion."""
    sentences = [0] * len(mapped)
    for unit in units:
        if 0 <= unit.section < len(mapped):
            sentences[unit.section] += 1
    result = list(mapped)
    numbered_owner: str | None = None  # the criterion of the numbered section the labels stand in
    empty_owner: str | None = None  # the criterion of a heading with no sentence of its own
    rank = {criterion: place for place, criterion in enumerate(order)}

    def moves_on(index: int, owner: str | None) -> bool:
        # A label naming a criterion that comes after its owner's, in the rubric's
        # order, opens that criterion's section ("Overfitting:", "The numbers:",
        # then "Alternatives:"); "On the model side:" under alternatives is a part.
        return mapped[index] is not None and owner is not None and rank.get(mapped[index], -1) > rank.get(owner, -1)

    for index, heading in enumerate(headings):
        if empty_owner is not None and heading.rstrip().endswith((":", ".")) and not moves_on(index, empty_owner):
            result[index] = empty_owner  # a run-in label ("Modèles.", "Data:") under it
            continue
        empty_owner = result[index] if sentences[index] == 0 else None
        if _NUMBERED.match(heading):
            numbered_owner = result[index]
            continue
        if numbered_owner is not None and heading.rstrip().endswith(":") and not moves_on(index, numbered_owner):
            result[index] = numbered_owner
            continue
        numbered_owner = None
        if index and result[index] is None and result[index - 1] is not None and sentences[index - 1] == 0:
            result[index] = result[index - 1]
    return result


@dataclass
class Assignment:
    sentences: dict[str, list[Unit]]  # criterion id -> its sentences, in document order
    asides: dict[str, list[Unit]]  # criterion id -> mentions of it inside other criteria's sections
    headed: set[str] = field(default_factory=set)  # criteria a section heading names

    def __getitem__(self, criterion_id: str) -> list[Unit]:
        return self.sentences[criterion_id]

    def get(self, criterion_id: str, default=None):
        return self.sentences.get(criterion_id, default)


# "Gaussian processes (GPs)", "protein language models (pLMs)": an abbreviation
# the student defines after a long form.
_DEFINED = re.compile(r"((?:[\w'-]+\s+){0,5}[\w'-]+)\s*\(\s*([A-Za-z][A-Za-z0-9-]{1,11}?)s?\s*\)")


def defined_aliases(units: list[Unit], rubric: Rubric) -> dict[str, tuple[str, ...]]:
    """Each criterion's mention terms plus the abbreviations this text defines for them.

    A student who writes "Gaussian processes (GPs)" then says "the GP"; the
    abbreviation mentions the model as much as its long form does. An
    abbreviation is the initials of the words just before it."""
    mentions = {c.id: tuple(c.vocabulary.mention) for c in rubric.criteria}
    for unit in units:
        for match in _DEFINED.finditer(unit.text):
            short = fold(match.group(2))
            words = re.findall(r"[a-z0-9]+", fold(match.group(1)))
            if len(short) < 2 or len(short) > len(words):
                continue
            long_words = words[-len(short):]
            if "".join(word[0] for word in long_words) != short:
                continue
            for criterion in rubric.criteria:
                if term_set(criterion.vocabulary.mention).found(" ".join(long_words)) and short not in mentions[criterion.id]:
                    mentions[criterion.id] += (short,)
    return mentions


# A sentence that proposes ("a Gaussian process could do better on 228,676 entries")
# speaks of an alternative, not of what the paper does for another criterion.
_PROPOSES = re.compile(r"\b(?:could|would|might|should|instead|rather than|pourrai\w*|aurai\w*|devrai\w*|plutot|au lieu)\b")


def _elements(criterion: Criterion):
    return term_set(tuple(term for terms in criterion.vocabulary.groups.values() for term in terms))


def _explains_two(criterion: Criterion, folded: str) -> bool:
    """The sentence holds two of the criterion's level-2 elements ("a supervised
    regression": the learning type and the task), whatever words name them."""
    groups = _rule_groups(criterion.explain)
    return sum(1 for name in groups if name in criterion.vocabulary.groups
               and term_set(criterion.vocabulary.groups[name]).found(folded)) >= 2


def _fits_proposals(criterion: Criterion, folded: str) -> bool:
    """A proposal explains only the criterion about proposals, and that one only through proposals."""
    return bool(_PROPOSES.search(folded)) == criterion.proposals


def _explains_unnamed(criterion: Criterion, folded: str) -> bool:
    """The sentence holds every group of one of the criterion's level-2 rules, so it
    explains the criterion without naming it ("the weights are nudged down the slope
    of the squared gaps": loss and optimiser, no word of training)."""
    if not _fits_proposals(criterion, folded):
        return False
    groups = criterion.vocabulary.groups
    return any(all(name in groups and term_set(groups[name]).found(folded) for name in _rule_groups([rule]))
               for rule in criterion.explain)


def relevance(folded: str, rubric: Rubric, mentions: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """How much a sentence says about each criterion: its distinct terms of the
    criterion (mention and element terms), a term that several criteria share
    counting for each a share of one ("model", "predict": every criterion's word)."""
    found = {c.id: term_set(mentions[c.id]).found(folded) | _elements(c).found(folded) for c in rubric.criteria}
    holders: dict[str, int] = {}
    for terms in found.values():
        for term in terms:
            holders[term] = holders.get(term, 0) + 1
    # fsum: the same total whatever order the set of terms comes in (ties between criteria stay ties)
    return {cid: math.fsum(1.0 / holders[term] for term in terms) for cid, terms in found.items()}


PARAGRAPH_LEAD = 2.0  # a paragraph belongs to a criterion it says this many times more of than of any other...
PARAGRAPH_MIN = 3.0  # ...and at least this much (relevance summed over its sentences)
OPENING_LEAD = 1.25  # ...or this many times more, for the analysis's first paragraph
SHARE_OF_BEST = 0.5  # a sentence outside a criterion's section counts for the criteria it says at least this much of, against the one it says most of


def assign(units: list[Unit], headings: list[str], rubric: Rubric) -> Assignment:
    """Each criterion's sentences, and its asides in other sections."""
    section_criterion = _with_sub_labels(map_headings(headings, rubric), headings, units, [c.id for c in rubric.criteria])
    mentions = defined_aliases(units, rubric)
    assigned: dict[str, list[int]] = {c.id: [] for c in rubric.criteria}
    asides: dict[str, list[int]] = {c.id: [] for c in rubric.criteria}
    free: dict[int, list[tuple[int, dict[str, float]]]] = {}  # paragraph -> its sentences outside any criterion's section
    for index, unit in enumerate(units):
        owner = section_criterion[unit.section] if unit.section >= 0 else None
        if owner is not None:
            assigned[owner].append(index)
            for criterion in rubric.criteria:
                if criterion.id == owner:
                    continue
                named = term_set(mentions[criterion.id]).found(unit.folded)
                if len(named) < ASIDE_TERMS:
                    continue  # a passing word inside another topic
                # Content counts wherever it stands: a sentence of another section that
                # names this criterion twice and says something of it (an element term
                # besides the naming ones) counts for it; one that only names it is an
                # aside (mentioned, not explained).
                if (_elements(criterion).found(unit.folded) - named or _explains_two(criterion, unit.folded)) \
                        and _fits_proposals(criterion, unit.folded):
                    assigned[criterion.id].append(index)
                else:
                    asides[criterion.id].append(index)
            continue
        weights = relevance(unit.folded, rubric, mentions)
        best = max(weights.values(), default=0.0)
        for criterion in rubric.criteria:
            if weights[criterion.id] < SHARE_OF_BEST * best and not _explains_two(criterion, unit.folded):
                continue
            if term_set(mentions[criterion.id]).found(unit.folded) \
                    or weights[criterion.id] == best and _explains_unnamed(criterion, unit.folded):
                assigned[criterion.id].append(index)
                # The sentences after a mention usually explain it, until another topic is named.
                for following in range(index + 1, min(index + 1 + FOLLOWING, len(units))):
                    after = units[following]
                    if after.paragraph != unit.paragraph or after.section >= 0 and section_criterion[after.section] is not None:
                        break
                    if following > index + 1 and any(term_set(mentions[other.id]).found(after.folded) for other in rubric.criteria):
                        break
                    assigned[criterion.id].append(following)
        free.setdefault(unit.paragraph, []).append((index, weights))
    # A paragraph outside the criteria's sections is mostly about one topic: its
    # sentences count for the criterion it says most of, clearly ahead of the others.
    # The analysis's opening paragraph sets the scene: a smaller lead will do.
    first_paragraph = units[0].paragraph if units else None
    for paragraph, sentences in free.items():
        totals = {c.id: math.fsum(weights[c.id] for _, weights in sentences) for c in rubric.criteria}
        ranked = sorted(totals.values(), reverse=True) + [0.0]
        leader = max(totals, key=totals.get)
        lead = OPENING_LEAD if paragraph == first_paragraph else PARAGRAPH_LEAD
        if ranked[0] >= lead * ranked[1] and ranked[0] >= PARAGRAPH_MIN:
            assigned[leader].extend(index for index, _ in sentences)
    return Assignment(
        {cid: [units[i] for i in sorted(set(indices))] for cid, indices in assigned.items()},
        {cid: [units[i] for i in indices if i not in set(assigned[cid])] for cid, indices in asides.items()},
        {cid for cid in section_criterion if cid is not None},
    )


_AT_LEAST = re.compile(r"\{(\d+)\}$")  # "structure{3}": found in at least three of the sentences


def _rule_groups(rules) -> set[str]:
    return {name for rule in rules for item in rule for name in re.split(r"[+&]", _AT_LEAST.sub("", item))}


def _group_hits(criterion: Criterion, own: list[Unit], grounding: dict[int, Grounding], article_known: bool,
                own_names: frozenset[str] = frozenset()) -> dict[str, list[tuple[Unit, set[str]]]]:
    """For each group, the student's sentences holding its terms, and the terms.

    The groups only a level-2 (`explain`) rule needs are what the paper does: they
    are not found in a clause saying the paper does not give them ("no loss or
    optimiser is given"), which shows the student looked, not that the paper's
    choice is explained. Level-3 groups see the whole sentence ("the tuning is
    not reported" is a critical remark).

    Built-in groups: "numbers" (quantities: with the article, those it states
    or prints; without it, any two), "names" (names the article does not use
    often: other work), "paper" (the article's own specifics)."""
    explain_groups = _rule_groups(criterion.explain) - _rule_groups(criterion.analyse)
    hits: dict[str, list[tuple[Unit, set[str]]]] = {}
    present = {id(unit): without_absent_clauses(unit.folded) for unit in own}
    for name, terms in criterion.vocabulary.groups.items():
        matcher = term_set(terms)
        if name in explain_groups:
            hits[name] = [(unit, found) for unit in own if (found := matcher.found(present[id(unit)]))]
        else:
            hits[name] = [(unit, found) for unit in own if (found := matcher.found(unit.folded))]
    if article_known:
        numbered = []
        for unit in own:
            found = grounding.get(unit.index)
            values = {q.text for q, _ in found.agreed} | {q.text for q in found.printed} if found else set()
            if values:
                numbered.append((unit, values))
        hits["numbers"] = numbered
    else:
        from analyser.checking.terms import quantities as any_quantities

        numbered = [(unit, q) for unit in own if (q := any_quantities(unit.text))]
        distinct = set().union(*(q for _, q in numbered)) if numbered else set()
        hits["numbers"] = numbered if len(distinct) >= MIN_QUANTITIES else []
    hits["names"] = [(unit, n) for unit in own if (n := paper_names(unit.text, own_names))]
    if article_known:
        hits["paper"] = [(unit, set(found.specifics))
                         for unit in own if (found := grounding.get(unit.index)) and found.anchors]
    else:  # without the article its specifics cannot be told: no sentence is held for lacking them
        hits["paper"] = [(unit, set()) for unit in own]
    return hits


def _together(first: str, second: str, hits) -> list[tuple[Unit, set[str]]]:
    """Hits of `first` with a hit of `second` in the same paragraph, at most NEAR sentences apart."""
    places: dict[tuple[int, int], list[Unit]] = {}
    for unit, _ in hits.get(second, []):
        places.setdefault((unit.paragraph, unit.section), []).append(unit)
    together = []
    for unit, terms in hits.get(first, []):
        near = places.get((unit.paragraph, unit.section), [])
        if any(abs(other.index - unit.index) <= NEAR for other in near):
            together.append((unit, terms))
    return together


def _satisfied(group: str, hits) -> list:
    at_least = _AT_LEAST.search(group)
    if at_least:  # said in several sentences: described, not named in passing
        found = _satisfied(group[:at_least.start()], hits)
        return found if len({id(unit) for unit, _ in found}) >= int(at_least.group(1)) else []
    if "&" in group:  # both groups in one sentence
        first, second = group.split("&", 1)
        with_second = {id(unit) for unit, _ in _satisfied(second, hits)}
        return [(unit, terms) for unit, terms in _satisfied(first, hits) if id(unit) in with_second]
    if "+" in group:
        first, second = group.split("+", 1)
        return _together(first, second, hits)
    return hits.get(group, [])


def _first_rule(rules, hits) -> tuple[str, ...] | None:
    for rule in rules:
        if all(_satisfied(group, hits) for group in rule):
            return rule
    return None


def _covers_two(rules, hits) -> bool:
    """Two parts of a level-2 rule of three or more are found: the criterion is
    described, named or not. (Of a two-part rule, both are the rule itself; the
    parts of context's are found in most texts that never situate the article.)"""
    return any(len(rule) > 2 and sum(1 for group in rule if _satisfied(group, hits)) >= 2 for rule in rules)


def _best_cover(rules, hits) -> tuple[float, tuple[str, ...]]:
    """The share of groups found of the rule closest to complete, and its missing groups."""
    best, missing = 0.0, ()
    for rule in rules:
        absent = tuple(group for group in rule if not _satisfied(group, hits))
        share = 1 - len(absent) / len(rule) if rule else 0.0
        if share > best or not missing and share == best:
            best, missing = share, absent
    return best, missing


def score_criterion(
    criterion: Criterion,
    units: list[Unit],
    asides: list[Unit] = (),
    *,
    claims: list[Claim] = (),
    grounding: dict[int, Grounding] | None = None,
    article_known: bool = False,
    evaluative: set[int] = frozenset(),
    evaluative_share: float = 0.0,
    headed: bool = False,
    own_names: frozenset[str] = frozenset(),
    everywhere: list[Unit] = (),
) -> CriterionResult:
    """The rule level of one criterion from its sentences, its evidence and features.

    `claims` are the analysis's claims about this criterion; `grounding` maps
    a sentence's index to what it shares with the article; `evaluative` holds
    the indices of the sentences that judge or question."""
    grounding = grounding or {}
    mention = term_set(criterion.vocabulary.mention)
    mentions = [unit for unit in units if mention.found(unit.folded)] or list(asides)
    result = CriterionResult(criterion, 0, [], units=list(units), claims=[c for c in claims if c.verdict in ("contradicted", "unsupported")])
    # A learning type or task the article shares ("supervised", "regression") is the
    # rubric's vocabulary, right or not: it grounds nothing.
    agreeing = [claim for claim in claims if claim.verdict == "agrees" and claim.kind != "facts"]
    hits: dict = {}
    own: list[Unit] = []
    explain_cover = analyse_cover = 0.0
    if not units and asides:
        result.score = result.rule = 1
        result.evidence = list(asides)[:MAX_EVIDENCE]
        result.units = list(asides)
    elif units and (mentions or any(unit.words >= 8 for unit in units)):
        own = [unit for unit in units if not unit.copied]
        hits = _group_hits(criterion, own, grounding, article_known, own_names)
        result.found = {name: sorted(set().union(*(terms for _, terms in pairs))) for name, pairs in hits.items() if pairs}
        score, evidence_groups = 1, ()
        explained = _first_rule(criterion.explain, hits)
        if explained:
            score, evidence_groups = 2, explained
            analysed = _first_rule(criterion.analyse, hits)
            if analysed:
                score, evidence_groups = 3, explained + analysed
        result.score = result.rule = score
        explain_cover, explain_missing = _best_cover(criterion.explain, hits)
        analyse_cover, analyse_missing = _best_cover(criterion.analyse, hits)
        result.missing = list(explain_missing if score < 2 else analyse_missing if score < 3 else ())
        result.evidence = _evidence(evidence_groups, hits, mentions, units, grounding)
    result.features = _features(result, own, grounding, agreeing, evaluative, evaluative_share, headed, explain_cover, analyse_cover)
    document_hits = _group_hits(criterion, [unit for unit in everywhere if not unit.copied], grounding, article_known, own_names)
    # The rule level over the whole text: what it says of this criterion wherever it stands.
    rule_doc = 1 if any(mention.found(unit.folded) for unit in everywhere) else 0
    # Addressed when named, or described anywhere (the data, their size and what is
    # predicted, under another heading): then it is not "missing" (level 0).
    result.addressed = bool(rule_doc) or _covers_two(criterion.explain, document_hits)
    if rule_doc and _first_rule(criterion.explain, document_hits):
        rule_doc = 3 if _first_rule(criterion.analyse, document_hits) else 2
    result.features["rule_doc"] = float(rule_doc)
    # The rules over its own sentences and, anywhere else, the sentences that name it
    # (content counts wherever it stands; what a sentence proposes is no account of the paper).
    wide_units = [unit for unit in everywhere if not unit.copied and (unit in units or mention.found(unit.folded) and not _PROPOSES.search(unit.folded))]
    wide_hits = _group_hits(criterion, wide_units, grounding, article_known, own_names)
    # The article's specifics it says of this criterion elsewhere count against the
    # "generic" hold too: a terse framing section, the data described under the model.
    result.specifics.extend(specific for specific in _specifics(wide_units, grounding, agreeing) if specific not in result.specifics)
    rule_wide = 1 if wide_units and (mentions or units) else 0
    if rule_wide and _first_rule(criterion.explain, wide_hits):
        rule_wide = 3 if _first_rule(criterion.analyse, wide_hits) else 2
    result.features["rule_wide"] = float(max(rule_wide, result.rule))
    # What it states of this criterion that the article bears out, wherever it stands
    # (the data's size given under overfitting, the epochs under the model).
    result.features["agreed_doc"] = math.log1p(sum(1 for claim in agreeing if claim.criterion == criterion.id))
    for group in sorted(document_hits):
        result.features[f"in:{group}"] = 1.0 if hits.get(group) else 0.0
        result.features[f"doc:{group}"] = 1.0 if document_hits[group] else 0.0
    return result


def _evidence(groups, hits, mentions, units, grounding) -> list[Unit]:
    evidence: list[Unit] = []
    for group in groups:
        candidates = _satisfied(group, hits)
        # The sentence with the article's specifics first: it shows the most.
        candidates = sorted(candidates, key=lambda pair: -(grounding[pair[0].index].anchors if pair[0].index in grounding else 0))
        for unit, _ in candidates:
            if unit not in evidence:
                evidence.append(unit)
                break
    # The student's own sentences first: a copied one is shown only when
    # nothing else holds the score (level 1), and is then marked as copied.
    candidates = [u for u in mentions if not u.copied] or [u for u in units if not u.copied and u.words >= 4] or mentions or units
    for unit in candidates:
        if len(evidence) >= MAX_EVIDENCE:
            break
        if unit not in evidence:
            evidence.append(unit)
    evidence = evidence[:MAX_EVIDENCE]
    evidence.sort(key=lambda unit: unit.index)
    return evidence


def _features(result: CriterionResult, own: list[Unit], grounding: dict[int, Grounding], agreeing: list[Claim],
              evaluative: set[int], evaluative_share: float, headed: bool, explain_cover: float, analyse_cover: float) -> dict[str, float]:
    # Specifics: the article's own words, the quantities it states, and the methods the
    # student names that the article names too (its model, its optimiser: claims that agree).
    mine = {unit.index for unit in own}
    agreed = [claim for claim in agreeing if claim.unit in mine]
    grounded = [unit for unit in own if unit.index in grounding and grounding[unit.index].anchors or any(c.unit == unit.index for c in agreed)]
    result.specifics = _specifics(own, grounding, agreeing)
    units = result.units
    return {
        "rule": float(result.rule),
        "explain_cover": explain_cover,
        "analyse_cover": analyse_cover,
        "sentences": math.log1p(len(own)),
        "heading": 1.0 if headed else 0.0,
        "grounded": math.log1p(len(grounded)),
        "specifics": math.log1p(len(result.specifics)),
        "critical": math.log1p(sum(1 for unit in grounded if unit.index in evaluative)),
        "contradicted": float(sum(1 for claim in result.claims if claim.verdict == "contradicted")),
        "unsupported": float(sum(1 for claim in result.claims if claim.verdict == "unsupported")),
        "copied": sum(unit.copied for unit in units) / len(units) if units else 0.0,
        "evaluative": evaluative_share,
        "rule_2": float(result.rule >= 2),
        "rule_3": float(result.rule >= 3),
    }


def _specifics(units: list[Unit], grounding: dict[int, Grounding], agreeing: list[Claim]) -> list[str]:
    """The article's specifics these sentences carry: its words and stated numbers, and
    the claims of them that agree with it, each once, in order."""
    indices = {unit.index for unit in units}
    found = [specific for unit in units if (grounded := grounding.get(unit.index)) and grounded.anchors for specific in grounded.specifics]
    found += [claim.claim.split(":", 1)[0] for claim in agreeing if claim.unit in indices]
    return list(dict.fromkeys(found))


COPIED_MARK = {"en": " (copied from the article)", "fr": " (copié de l'article)"}


def quote(unit: Unit, language: str = "en") -> str:
    """The sentence as evidence, shortened at a word; marked when copied from the article."""
    text = " ".join(unit.text.split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text + COPIED_MARK.get(language, COPIED_MARK["en"]) if unit.copied else text
