"""Score each criterion 0-3 from the student's own sentences, with evidence.

The rules follow the spec's level table and are written in the rubric file,
so they are the same for every analysis and can be read by a student:

- a criterion's sentences are those under a heading that names it (a section
  belongs to one criterion only, so a passing word inside another topic does
  not count), plus, outside such sections, the sentences that mention it and
  the sentence after each;
- 1 (mentioned): one of its `mention` terms is there, copied or not;
- 2 (explained): one `explain` rule has all its groups in the student's own
  (not copied) sentences;
- 3 (analysed): level 2 and one `analyse` rule fully found;
- a criterion whose sentences make claims the article does not support is
  held at 1 ("or wrong" in the spec); one wrong model family is enough;
- what a clause says the paper does not give is not explained by it;
- an abbreviation the student defines ("Gaussian processes (GPs)") mentions
  what its long form mentions;
- a text that reads as a summary holds no criterion at 3 (`cap_summary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyser.checking.segment import Unit
from analyser.checking.terms import fold, paper_names, quantities, term_set, without_absent_clauses
from analyser.rubric.model import Criterion, Rubric

QUOTE_CHARS = 240
MAX_EVIDENCE = 3
MIN_QUANTITIES = 2  # the built-in group "numbers"
WRONG_CLAIMS_CAP = 2  # unsupported claims in a criterion's sentences that hold it at 1
ASIDE_TERMS = 2  # distinct mention terms that make a sentence in another section an aside
NEAR = 2  # sentences apart, within one paragraph, for "a+b" rules


@dataclass
class CriterionResult:
    criterion: Criterion
    score: int
    evidence: list[Unit]
    found: dict[str, list[str]] = field(default_factory=dict)  # group -> terms found
    unsupported: list[str] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    language: str = "en"  # of the submission: the feedback's language

    @property
    def feedback(self) -> str:
        text = self.criterion.feedback_in(self.score, self.language)
        if self.unsupported:
            claims = "; ".join(self.unsupported[:2])
            text = _UNSUPPORTED.get(self.language, _UNSUPPORTED["en"]).format(claims=claims) + " " + text
        return text


_UNSUPPORTED = {
    "en": "Some statements are not in the article ({claims}): check them against the paper.",
    "fr": "Certaines affirmations ne sont pas dans l'article ({claims}) : vérifiez-les dans l'article.",
}


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
        counts = {c.id: sum(len(t) for t in term_set(c.vocabulary.heading).found(folded)) for c in rubric.criteria}
        best = max(counts.values(), default=0)
        winners = [cid for cid, count in counts.items() if count == best]
        mapped.append(winners[0] if best > 0 and len(winners) == 1 else None)
    return mapped


@dataclass
class Assignment:
    sentences: dict[str, list[Unit]]  # criterion id -> its sentences, in document order
    asides: dict[str, list[Unit]]  # criterion id -> mentions of it inside other criteria's sections

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


def assign(units: list[Unit], headings: list[str], rubric: Rubric) -> Assignment:
    """Each criterion's sentences, and its asides in other sections."""
    section_criterion = map_headings(headings, rubric)
    mentions = defined_aliases(units, rubric)
    assigned: dict[str, list[int]] = {c.id: [] for c in rubric.criteria}
    asides: dict[str, list[int]] = {c.id: [] for c in rubric.criteria}
    for index, unit in enumerate(units):
        owner = section_criterion[unit.section] if unit.section >= 0 else None
        if owner is not None:
            assigned[owner].append(index)
            for criterion in rubric.criteria:
                # A sentence naming another topic with two of its terms is an aside
                # about it ("in ML terms it is supervised classification"): it shows
                # the topic is mentioned, not explained.
                if criterion.id != owner and len(term_set(mentions[criterion.id]).found(unit.folded)) >= ASIDE_TERMS:
                    asides[criterion.id].append(index)
            continue
        for criterion in rubric.criteria:
            if term_set(mentions[criterion.id]).found(unit.folded):
                assigned[criterion.id].append(index)
                following = index + 1
                # The sentence after a mention usually explains it.
                if following < len(units) and units[following].paragraph == unit.paragraph:
                    if (units[following].section < 0 or section_criterion[units[following].section] is None):
                        assigned[criterion.id].append(following)
    return Assignment(
        {cid: [units[i] for i in sorted(set(indices))] for cid, indices in assigned.items()},
        {cid: [units[i] for i in indices] for cid, indices in asides.items()},
    )


def _rule_groups(rules) -> set[str]:
    return {name for rule in rules for item in rule for name in re.split(r"[+&]", item)}


def _group_hits(criterion: Criterion, own: list[Unit], own_names: frozenset[str] = frozenset()) -> dict[str, list[tuple[Unit, set[str]]]]:
    """For each group, the student's sentences holding its terms, and the terms.

    The groups only a level-2 (`explain`) rule needs are what the paper does: they
    are not found in a clause saying the paper does not give them ("no loss or
    optimiser is given"), which shows the student looked, not that the paper's
    choice is explained. Level-3 groups see the whole sentence ("the tuning is
    not reported" is a critical remark)."""
    explain_groups = _rule_groups(criterion.explain) - _rule_groups(criterion.analyse)
    hits: dict[str, list[tuple[Unit, set[str]]]] = {}
    present = {id(unit): without_absent_clauses(unit.folded) for unit in own}
    for name, terms in criterion.vocabulary.groups.items():
        matcher = term_set(terms)
        if name in explain_groups:
            hits[name] = [(unit, found) for unit in own if (found := matcher.found(present[id(unit)]))]
        else:
            hits[name] = [(unit, found) for unit in own if (found := matcher.found(unit.folded))]
    numbered = [(unit, q) for unit in own if (q := quantities(unit.text))]
    distinct = set().union(*(q for _, q in numbered)) if numbered else set()
    hits["numbers"] = numbered if len(distinct) >= MIN_QUANTITIES else []
    hits["names"] = [(unit, n) for unit in own if (n := paper_names(unit.text, own_names))]
    return hits


def _together(first: str, second: str, hits) -> list[tuple[Unit, set[str]]]:
    """Hits of `first` with a hit of `second` in the same paragraph, at most NEAR sentences apart."""
    places = {(unit.paragraph, unit.section): [] for unit, _ in hits.get(second, [])}
    for unit, _ in hits.get(second, []):
        places[(unit.paragraph, unit.section)].append(unit)
    together = []
    for unit, terms in hits.get(first, []):
        near = places.get((unit.paragraph, unit.section), [])
        if any(abs(_position(other) - _position(unit)) <= NEAR for other in near):
            together.append((unit, terms))
    return together


def _position(unit: Unit) -> int:
    return unit.index


def _satisfied(group: str, hits) -> list:
    if "&" in group:  # both groups in one sentence
        first, second = group.split("&", 1)
        with_second = {id(unit) for unit, _ in hits.get(second, [])}
        return [(unit, terms) for unit, terms in hits.get(first, []) if id(unit) in with_second]
    if "+" in group:
        first, second = group.split("+", 1)
        return _together(first, second, hits)
    return hits.get(group, [])


def _first_rule(rules, hits) -> tuple[str, ...] | None:
    for rule in rules:
        if all(_satisfied(group, hits) for group in rule):
            return rule
    return None


def score_criterion(
    criterion: Criterion,
    units: list[Unit],
    wrong: dict[int, list[str]] | None = None,
    asides: list[Unit] = (),
    *,
    own_names: frozenset[str] = frozenset(),
    serious: frozenset[str] = frozenset(),
) -> CriterionResult:
    """Score one criterion from its sentences.

    `wrong` maps a sentence (by id) to its claims the article does not support;
    a claim in `serious` (a model family the article never names) weighs
    WRONG_CLAIMS_CAP alone: it is the model itself that is wrong. `own_names`
    (the names the article uses often: its own subject) are left out of the
    built-in group "names", which stands for other work named with specifics."""
    mention = term_set(criterion.vocabulary.mention)
    mentions = [unit for unit in units if mention.found(unit.folded)] or list(asides)
    if not units and asides:
        return CriterionResult(criterion, 1, list(asides)[:MAX_EVIDENCE], units=list(asides))
    if not units or not (mentions or any(unit.words >= 8 for unit in units)):
        return CriterionResult(criterion, 0, [], units=units)
    own = [unit for unit in units if not unit.copied]
    hits = _group_hits(criterion, own, own_names)
    found = {name: sorted(set().union(*(terms for _, terms in pairs))) for name, pairs in hits.items() if pairs}

    score, evidence_groups = 1, ()
    explained = _first_rule(criterion.explain, hits)
    if explained:
        score, evidence_groups = 2, explained
        analysed = _first_rule(criterion.analyse, hits)
        if analysed:
            score, evidence_groups = 3, explained + analysed

    unsupported: list[str] = []
    for unit in units:
        unsupported.extend((wrong or {}).get(id(unit), []))
    weight = sum(WRONG_CLAIMS_CAP if label in serious else 1 for label in unsupported)
    if weight >= WRONG_CLAIMS_CAP and score > 1:
        score = 1

    evidence: list[Unit] = []
    for group in evidence_groups:
        for unit, _ in _satisfied(group, hits):
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
    evidence.sort(key=lambda unit: unit.index)
    return CriterionResult(criterion, score, evidence[:MAX_EVIDENCE], found, list(dict.fromkeys(unsupported)) if weight >= WRONG_CLAIMS_CAP else [], units)


def score_all(units: list[Unit], headings: list[str], rubric: Rubric, wrong: dict[int, list[str]] | None = None, **options) -> list[CriterionResult]:
    assigned = assign(units, headings, rubric)
    return [score_criterion(c, assigned[c.id], wrong, assigned.asides[c.id], **options) for c in rubric.criteria]


SUMMARY_CAP = 2


def cap_summary(results: list[CriterionResult]) -> None:
    """A text that reads as a summary (the `is_analysis` check failed) holds no
    criterion at 3: level 3 is "analysed", critical depth a summary lacks."""
    for result in results:
        if result.score > SUMMARY_CAP:
            result.score = SUMMARY_CAP


COPIED_MARK = {"en": " (copied from the article)", "fr": " (copié de l'article)"}


def quote(unit: Unit, language: str = "en") -> str:
    """The sentence as evidence, shortened at a word; marked when copied from the article."""
    text = " ".join(unit.text.split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text + COPIED_MARK.get(language, COPIED_MARK["en"]) if unit.copied else text
