"""Fitting a rubric's calibration on labelled analyses, and measuring it honestly.

`calibrate` fits the file `analyser rubric calibrate` writes. `leave_papers_out`
measures what the fitted model does on articles it never saw: the analyses
of each article are scored by a model fitted on the other articles' analyses
only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from analyser.checking import calibration as model
from analyser.checking.check import Assessment, assess
from analyser.checking.labelled import Labelled


@dataclass
class Assessed:
    labelled: Labelled
    assessment: Assessment


DEFAULT_PENALTY = 10.0  # on standardised features: strong, as a few hundred analyses call for


def assess_all(labelled: list[Labelled], rubric, progress=None) -> list[Assessed]:
    """Each labelled analysis checked against its article by the rubric's rules alone."""
    rules_only = replace(rubric, scoring=replace(rubric.scoring, calibration=""))
    done = []
    for position, item in enumerate(labelled):
        done.append(Assessed(item, assess(item.path, paper=item.article, rubric=rules_only, offline=True, calibrated=False)))
        if progress:
            progress(position + 1, len(labelled))
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


def calibrate(assessed: list[Assessed], rubric, *, penalty: float = DEFAULT_PENALTY, min_confidence: float = 0.5) -> dict:
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


def leave_papers_out(assessed: list[Assessed], rubric, *, penalty: float = DEFAULT_PENALTY, min_confidence: float = 0.5) -> None:
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


def quadratic_weighted_kappa(truth: list[int], predicted: list[int], levels: int = model.LEVELS) -> float:
    """Agreement of two gradings beyond chance, large disagreements weighing more.

    kappa = 1 - sum(w * O) / sum(w * E), w_ij = (i - j)^2 / (levels - 1)^2, O the
    observed confusion matrix, E the outer product of its marginals / n."""
    n = len(truth)
    if not n:
        return float("nan")
    observed = [[0.0] * levels for _ in range(levels)]
    for t, p in zip(truth, predicted):
        observed[t][p] += 1
    rows = [sum(observed[i]) for i in range(levels)]
    cols = [sum(observed[i][j] for i in range(levels)) for j in range(levels)]
    numerator = denominator = 0.0
    for i in range(levels):
        for j in range(levels):
            weight = (i - j) ** 2 / (levels - 1) ** 2
            numerator += weight * observed[i][j]
            denominator += weight * rows[i] * cols[j] / n
    return 1.0 - numerator / denominator if denominator else 1.0


def kappas(assessed: list[Assessed], criterion_ids: list[str]) -> dict[str, float]:
    """Each criterion's quadratic weighted kappa between the labels and the scores left on the results."""
    found = {}
    for cid in criterion_ids:
        pairs = [(item.labelled.scores[cid], result.score) for item in assessed for result in item.assessment.results
                 if result.criterion.id == cid and cid in item.labelled.scores]
        found[cid] = quadratic_weighted_kappa([t for t, _ in pairs], [p for _, p in pairs])
    return found


@dataclass
class CalibrationRun:
    path: Path
    analyses: int
    articles: int
    used_by_rubric: bool
    agreement: dict[str, float] = field(default_factory=dict)  # leave-papers-out QWK, when measured


def run_calibration(label_folders: list[Path], paper_folders: list[Path], rubric_name=None, out: Path | None = None, *,
                    penalty: float = DEFAULT_PENALTY, measure: bool = False, progress=None) -> CalibrationRun:
    """`analyser rubric calibrate`: fit the rubric's calibration on labelled analyses and write it."""
    from analyser import atomic
    from analyser.checking.labelled import LabelsError, read_labels
    from analyser.rubric import load_rubric

    rubric = load_rubric(rubric_name)
    labelled = read_labels(label_folders, paper_folders)
    missing = sorted({item.paper for item in labelled if item.article is None})
    if missing:
        raise LabelsError(f"no article PDF for {', '.join(missing)} in the --papers folders", path=str(label_folders[0]))
    assessed = assess_all(labelled, rubric, progress)
    content = calibrate(assessed, rubric, penalty=penalty)
    target = out or (Path(rubric.scoring.calibration) if rubric.scoring.calibration
                     else Path(rubric.path).with_name(Path(rubric.path).stem + ".calibration.json"))
    atomic.write_text(target, json.dumps(content, indent=1, ensure_ascii=False) + "\n")
    agreement = {}
    if measure:
        leave_papers_out(assessed, rubric, penalty=penalty)
        agreement = kappas(assessed, [c.id for c in rubric.criteria])
    used = bool(rubric.scoring.calibration) and Path(rubric.scoring.calibration).resolve() == target.resolve()
    return CalibrationRun(target, len(labelled), len({item.paper for item in labelled}), used, agreement)
