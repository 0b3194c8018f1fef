"""Fitting a rubric's calibration on labelled analyses, and measuring it honestly.

`calibrate` fits the file `analyser rubric calibrate` writes. `leave_papers_out`
measures what the fitted model does on articles it never saw: the analyses
of each article are scored by a model fitted on the other articles' analyses
only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from analyser.checking import calibration as model
from analyser.checking.check import Assessment, assess
from analyser.checking.labelled import Labelled


@dataclass
class Assessed:
    labelled: Labelled
    assessment: Assessment


def assess_all(labelled: list[Labelled], rubric, progress=None) -> list[Assessed]:
    """Each labelled analysis checked against its article by the rubric's rules alone."""
    rules_only = replace(rubric, scoring=replace(rubric.scoring, calibration=""))
    done = []
    for position, item in enumerate(labelled):
        if progress:
            progress(position, len(labelled), item)
        done.append(Assessed(item, assess(item.path, paper=item.article, rubric=rules_only, offline=True, calibrated=False)))
    return done


def rows(assessed: list[Assessed]) -> list[tuple[str, dict[str, float], int]]:
    return [
        (result.criterion.id, result.features, item.labelled.scores[result.criterion.id])
        for item in assessed
        for result in item.assessment.results
        if result.criterion.id in item.labelled.scores
    ]


def corpus_digest(labelled: list[Labelled]) -> str:
    """A fingerprint of the labels and analyses a calibration was fitted on."""
    digest = hashlib.sha256()
    for item in sorted(labelled, key=lambda item: item.id):
        digest.update(item.id.encode())
        digest.update(item.path.read_bytes())
        digest.update(repr(sorted(item.scores.items())).encode())
    return digest.hexdigest()[:16]


def calibrate(assessed: list[Assessed], rubric, *, penalty: float = 1.0, min_confidence: float = 0.5) -> dict:
    """The calibration file's content for `rubric`, fitted on every assessed analysis."""
    labelled = [item.labelled for item in assessed]
    fitted_on = {
        "analyses": len(labelled),
        "articles": len({item.paper for item in labelled}),
        "corpus": corpus_digest(labelled),
    }
    return model.fit(rows(assessed), rubric_id=rubric.id, criterion_ids=[c.id for c in rubric.criteria],
                     penalty=penalty, min_confidence=min_confidence, fitted_on=fitted_on)


def apply(content: dict, item: Assessed, rubric) -> None:
    """Decide `item`'s scores with a calibration's content (not a file)."""
    criteria = {cid: model.CriterionModel(
        weights=entry["weights"], mean=entry["mean"], scale={k: v or 1.0 for k, v in entry["scale"].items()},
        thresholds=tuple(entry["thresholds"])) for cid, entry in content["criteria"].items()}
    fitted = model.Calibration(content["rubric"], criteria, content["review"]["min_confidence"])
    model.decide(item.assessment.results, fitted, article_known=item.assessment.article_known,
                 summary=item.assessment.summary, scoring=rubric.scoring)


def leave_papers_out(assessed: list[Assessed], rubric, *, penalty: float = 1.0, min_confidence: float = 0.5) -> None:
    """Score every analysis with a model fitted without its article's analyses
    (the scores are left on `item.assessment.results`)."""
    papers = sorted({item.labelled.paper for item in assessed})
    for paper in papers:
        training = [item for item in assessed if item.labelled.paper != paper]
        content = model.fit(rows(training), rubric_id=rubric.id, criterion_ids=[c.id for c in rubric.criteria],
                            penalty=penalty, min_confidence=min_confidence)
        for item in assessed:
            if item.labelled.paper == paper:
                apply(content, item, rubric)


def rules_only(assessed: list[Assessed], rubric) -> None:
    """Score every analysis by the rubric's rules and the spec's holds alone (the uncalibrated baseline)."""
    for item in assessed:
        model.decide(item.assessment.results, None, article_known=item.assessment.article_known,
                     summary=item.assessment.summary, scoring=rubric.scoring)
