"""Check one submission against a rubric: the steps, in order, each in its module.

1. read the submission; cut it into sentences (template text removed);
2. get the article (file, identifier, or the submission's link; optional);
3. mark the sentences copied from the article;
4. check the claims against the article (consistency);
5. score each criterion from the student's own sentences;
6. run the formal checks; total with the rubric's weights and penalties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from analyser.checking import consistency, copied, criteria, feedback, formal, grounding, inputs, language, terms
from analyser.checking.calibration import decide, load_calibration
from analyser.checking.report import CheckReport, CriterionScore, Evidence
from analyser.checking.segment import segment
from analyser.dates import parse_due
from analyser.template_markers import PLACEHOLDER, strip_template_text

HEAD_CHARS = 600  # where the title block (name, link) is looked for
TAIL_CHARS = 400  # where a signature (name at the end) is looked for
_NOTES = {
    "en": {
        "penalty": "{check} failed: {points:g} point(s) off the total (rubric penalty)",
        "copied": "{count} sentence(s) found nearly verbatim in the article were not counted as the student's "
                  "explanation (where quoted, they are marked \"(copied from the article)\")",
        "other_article": "the article given ({given}) is not the one the analysis links to ({link}): "
                         "the consistency check was made against the article given; check --paper",
        "other_article_claim": "the article linked in the analysis ({link}) is not the article given ({given})",
        "other_article_detail": "the identifiers differ: the claims below were checked against another article",
        "rules_only": "scored by the rubric's own rules: it has no calibration on labelled analyses",
    },
    "fr": {
        "penalty": "{check} non satisfait : {points:g} point(s) retiré(s) du total (pénalité du barème)",
        "copied": "{count} phrase(s) reprise(s) presque mot pour mot de l'article : non comptée(s) comme explication "
                  "de l'étudiant (citées, elles portent la mention « (copié de l'article) »)",
        "other_article": "l'article fourni ({given}) n'est pas celui dont l'analyse donne le lien ({link}) : "
                         "la cohérence a été vérifiée avec l'article fourni ; vérifiez --paper",
        "other_article_claim": "l'article cité par l'analyse ({link}) n'est pas l'article fourni ({given})",
        "other_article_detail": "les identifiants diffèrent : les affirmations ci-dessous ont été vérifiées contre un autre article",
        "rules_only": "noté par les seules règles du barème : il n'a pas de calibrage sur des analyses notées",
    },
}


def _rubric_vocabulary(rubric) -> tuple[str, ...]:
    """Every term of the rubric: generic ML wording, never the article's specifics."""
    words: list[str] = []
    for criterion in rubric.criteria:
        vocabulary = criterion.vocabulary
        words.extend(vocabulary.heading + vocabulary.mention)
        for group in vocabulary.groups.values():
            words.extend(group)
    return tuple(words)


def _fact_names(facts) -> tuple[str, ...]:
    """Names the facts found (models, data sets, optimisers, losses): the article's
    specifics, however often it uses them (the rubric's own words stay generic)."""
    if facts is None:
        return ()
    return tuple(sorted({model.name for model in facts.models} | facts.values("datasets")
                        | facts.values("optimiser") | facts.values("loss")))


@dataclass
class Assessment:
    """A check's report and what it was decided from (for calibration and benchmarks)."""

    report: CheckReport
    results: list[criteria.CriterionResult]
    article_known: bool
    summary: bool  # the is_analysis check failed


def check(
    submission,
    *,
    paper=None,
    facts=None,
    rubric=None,
    submitted_at: datetime | None = None,
    due: datetime | None = None,
    offline: bool = False,
) -> CheckReport:
    """Score `submission` (a path or a Document) against `rubric` (default: the course's)."""
    return assess(submission, paper=paper, facts=facts, rubric=rubric, submitted_at=submitted_at, due=due, offline=offline).report


# "the training RMSE", "on the training set", "sur l'entrainement": a score of the fit itself
_TRAINING_SCORE = re.compile(r"\b(?:training|train)[- ](?:set|data|error|loss|scores?|rmse|mae|mse|r2|accuracy|performance)\b"
                             r"|\bon (?:the )?(?:training|train)\b|\bsur (?:l'|le jeu d'|les donnees d')(?:entrainement|apprentissage)\b"
                             r"|\b(?:rmse|mae|mse|r2|erreur|precision) d'(?:entrainement|apprentissage)\b")


def _score_claims_where_they_stand(claims: list, assigned, criterion_ids: list[str], units: list) -> None:
    """A score stated in another criterion's section ("the model reaches an AUC of 0.96"
    under Model) is part of that account: a wrong one is held there, as graders do, not
    against the discussion of overfitting -- unless it is a score on the training data,
    the evidence of over- and underfitting wherever it stands."""
    training = {unit.index for unit in units if _TRAINING_SCORE.search(unit.folded)}
    for claim in claims:
        if claim.kind != "quantity" or claim.criterion != "overfitting" or claim.unit in training:
            continue
        owners = [cid for cid in criterion_ids if cid in assigned.headed and any(unit.index == claim.unit for unit in assigned[cid])]
        if owners and "overfitting" not in owners:
            claim.criterion = owners[0]


def assess(
    submission,
    *,
    paper=None,
    facts=None,
    rubric=None,
    submitted_at: datetime | None = None,
    due: datetime | None = None,
    offline: bool = False,
    calibrated: bool = True,
) -> Assessment:
    """`check`, keeping each criterion's evidence and features; `calibrated=False`
    scores by the rubric's rules alone (what a calibration is fitted from)."""
    from analyser.rubric import load_rubric

    if rubric is None or isinstance(rubric, (str, Path)):
        rubric = load_rubric(rubric)
    document = inputs.load_submission(submission)
    notes: list[str] = []

    full_text = inputs.unwrap_links("\n\n".join(page.text for page in document.pages))
    link = formal.find_link(full_text + "\n" + (document.references or ""))
    article = inputs.get_article(paper, link, offline=offline)
    facts = inputs.article_facts(article, facts)
    notes.extend(article.notes)
    # An article given with --paper that is not the one the analysis links to.
    link_identifier = inputs.identifier_of(link)
    mismatch = inputs.other_article(link_identifier, article, full_text) if paper is not None else None
    if mismatch:
        article.identifier = mismatch

    known = {section.heading.strip() for section in document.sections if section.heading and section.heading.strip()}
    parts = segment(
        [(page.number, page.text) for page in document.pages],
        known,
        names_section=lambda heading: criteria.map_headings([heading], rubric)[0] is not None,
    )
    units = parts.units
    lang = language.detect_submission(" ".join(unit.text for unit in units), full_text, parts.headings)
    if article.document is not None:
        shingles = copied.article_shingles(article.text)
        for unit in units:
            unit.copied = copied.is_copied(unit.text, shingles)

    assigned = criteria.assign(units, parts.headings, rubric)
    article_known = article.document is not None
    sentences = tuple((sentence.text, sentence.page) for sentence in article.document.sentences) if article_known else ()
    anchors = grounding.article_anchors(sentences, _rubric_vocabulary(rubric), _fact_names(facts),
                                        tuple(article.document.metadata.authors)) if article_known else None
    found = {unit.index: grounding.ground(unit.folded, anchors) for unit in units if not unit.copied} if anchors else {}
    claims: list = []
    if article_known:
        # What a student proposes (the spec's `alternatives`) is no claim about the paper.
        proposals = {id(unit) for unit in assigned.get("alternatives", [])}
        claims = consistency.check_claims(units, article.text, facts, quantities_of=anchors.quantities, skip=proposals, language=lang)
        _score_claims_where_they_stand(claims, assigned, [c.id for c in rubric.criteria], units)
    if mismatch:
        texts = _NOTES[lang]
        notes.insert(0, texts["other_article"].format(link=link_identifier, given=mismatch))
        claims.insert(0, consistency.Claim(
            claim=texts["other_article_claim"].format(link=link_identifier, given=mismatch),
            supported=False,
            detail=texts["other_article_detail"],
            verdict="other article",
        ))

    evaluative = formal.evaluative_units(units, rubric.analysis)
    specific = sum(1 for grounded in found.values() if grounded.anchors) if article_known else None
    analysis_check = formal.is_analysis(units, rubric.analysis, article_known, lang, evaluative=evaluative, specific=specific)
    evaluative_ids = {unit.index for unit in evaluative}
    share = formal.evaluative_share(units, rubric.analysis, evaluative)
    own_names = terms.own_names(article.text) if article_known else frozenset()
    results = [
        criteria.score_criterion(
            c, assigned[c.id], assigned.asides[c.id],
            claims=[claim for claim in claims if claim.criterion == c.id or claim.verdict == "agrees"],
            grounding=found, article_known=article_known, evaluative=evaluative_ids, evaluative_share=share,
            headed=c.id in assigned.headed, own_names=own_names, everywhere=units,
        )
        for c in rubric.criteria
    ]
    # The calibration was fitted on analyses checked against their article: without
    # the article (no grounding, no claims), the rubric's rules decide alone.
    calibration = load_calibration(rubric) if calibrated and article_known else None
    if calibration is None and calibrated and article_known:
        notes.append(_NOTES[lang]["rules_only"])
    decide(results, calibration, article_known=article_known, summary=analysis_check.passed is False, scoring=rubric.scoring)
    for result in results:
        result.language = lang

    # One word count throughout: the student's own words (a template's guidance excluded).
    stripped = strip_template_text(full_text)
    own_words = len(stripped.split()) if stripped != full_text else document.word_count
    template_words = max(0, document.word_count - own_words) if stripped != full_text else 0
    pages, estimated = formal.page_count(document, rubric.checks.words_per_page, own_words)
    name = None
    raw_head = inputs.source_head(document, HEAD_CHARS)
    raw_tail = inputs.source_tail(document, TAIL_CHARS)
    tail = PLACEHOLDER.sub("", raw_tail if raw_tail is not None else full_text[-TAIL_CHARS:])
    if raw_head is not None:  # the file's own lines: a name stops at its line's end
        name = formal.find_student_name(PLACEHOLDER.sub("", raw_head), [], article.text[:20000])
    if name is None:
        head = PLACEHOLDER.sub("", full_text[:HEAD_CHARS])  # "[Your name]" is no name
        name = formal.find_student_name(head, document.metadata.authors, article.text[:20000], tail=tail)
    if due is None and rubric.checks.due:
        due = parse_due(rubric.checks.due, f"due date of rubric {rubric.id}")
    checks = [
        formal.page_limit(pages, estimated, own_words, rubric.checks.page_limit, rubric.checks.words_per_page, lang),
        formal.student_name(name, lang),
        formal.article_link(link, lang),
        formal.deadline(submitted_at, due, lang),
        analysis_check,
    ]

    total = rubric.scale * sum(r.criterion.weight * r.score for r in results) / 3 / rubric.total_weight
    penalties = rubric.checks.penalties
    for check_id, points in (("deadline", penalties.late), ("page_limit", penalties.over_page_limit)):
        failed = next(c for c in checks if c.id == check_id).passed is False
        if failed and points:
            total -= points
            notes.append(_NOTES[lang]["penalty"].format(check=check_id, points=points))
    copied_count = sum(unit.copied for unit in units)
    if copied_count:
        notes.append(_NOTES[lang]["copied"].format(count=copied_count))

    report = CheckReport(
        submission=str(document.path),
        rubric=rubric.id,
        student_name=name,
        article_link=link,
        article_identifier=article.identifier or inputs.identifier_of(link),
        pages=pages,
        pages_estimated=estimated,
        words=own_words,
        criteria=[
            CriterionScore(
                id=r.criterion.id,
                score=r.score,
                max=3,
                evidence=[Evidence(criteria.quote(u, lang), u.page) for u in r.evidence],
                feedback=feedback.for_criterion(r, lang),
                title=r.criterion.title_in(lang),
                review=r.review,
                confidence=round(r.confidence, 3),
            )
            for r in results
        ],
        checks=checks,
        consistency=claims,
        total=round(max(0.0, total), 2),
        scale=rubric.scale,
        notes=notes,
        language=lang,
        template_words=template_words,
    )
    return Assessment(report, results, article_known, analysis_check.passed is False)
