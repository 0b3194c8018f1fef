"""From a criterion's evidence to its level: an ordinal model fitted on labelled analyses.

Each criterion has a proportional-odds model over the features of
`criteria.FEATURES` (standardised):

    P(level <= k) = sigmoid(threshold[k] - sum(weight[f] * (x[f] - mean[f]) / scale[f])),  k = 0, 1, 2

fitted on analyses that careful graders labelled (`fit`, used by
`analyser rubric calibrate`), and stored as a readable JSON file next to the
rubric (`[scoring] calibration = "..."`). The level is the median of the
predicted distribution (the lowest level whose cumulative probability
reaches one half): for ordered levels it minimises the expected distance to
the grader's level, where the most probable level can sit far from the mass
of a spread-out distribution. Its probability is the score's confidence.

The spec's own rules then hold a level down, whatever the model says
(`hold`): a criterion the article contradicts stays at 1 ("or wrong"),
generic statements without the article's specifics stay at 1 (level 2 asks
for "the essential specifics of this paper"), and a summary holds no
criterion above `summary_cap`. A rubric without a calibration file is scored
by its rules alone, and the report says so.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analyser.checking.criteria import FEATURES, CriterionResult
from analyser.errors import AnalyserError

FORMAT = 2  # of the calibration file; bumped when the features or their meaning change
LEVELS = 4
INVENTED_HOLD = 2  # methods or settings the article never gives that, together, hold a criterion at 1
RULES_CONFIDENCE = 0.6  # a rule level alone is a fair guess, never a sure one


class CalibrationError(AnalyserError):
    """A calibration file that cannot be read or does not fit the rubric."""


@dataclass(frozen=True)
class CriterionModel:
    weights: dict[str, float]
    mean: dict[str, float]
    scale: dict[str, float]
    thresholds: tuple[float, float, float]

    def probabilities(self, features: dict[str, float]) -> list[float]:
        score = sum(weight * (features.get(name, 0.0) - self.mean[name]) / self.scale[name] for name, weight in self.weights.items())
        cumulative = [_sigmoid(threshold - score) for threshold in self.thresholds] + [1.0]
        return [cumulative[0]] + [cumulative[k] - cumulative[k - 1] for k in range(1, LEVELS)]


def median_level(probabilities: list[float]) -> int:
    """The lowest level whose cumulative probability reaches one half."""
    cumulative = 0.0
    for level, probability in enumerate(probabilities):
        cumulative += probability
        if cumulative >= 0.5:
            return level
    return len(probabilities) - 1


@dataclass(frozen=True)
class Calibration:
    rubric: str
    criteria: dict[str, CriterionModel]
    min_confidence: float  # below: the criterion is marked for review
    path: str = ""
    fitted_on: dict = field(default_factory=dict)


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def load_calibration(rubric) -> Calibration | None:
    """The rubric's calibration, None when it has none; CalibrationError when it is unusable."""
    path = rubric.scoring.calibration
    if not path:
        return None
    return _load(path, rubric.id, tuple(c.id for c in rubric.criteria))


@lru_cache(maxsize=4)
def _load(path: str, rubric_id: str, criterion_ids: tuple[str, ...]) -> Calibration:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CalibrationError(f"cannot read the calibration file ({error.strerror})", path=path) from None
    except ValueError as error:
        raise CalibrationError(f"the calibration file is not valid JSON ({error})", path=path) from None
    try:
        if data["format"] != FORMAT or list(data["features"]) != list(FEATURES):
            raise CalibrationError("the calibration file was fitted for another version of the checker; "
                                   "refit it with `analyser rubric calibrate`", path=path)
        if data["rubric"] != rubric_id or set(data["criteria"]) != set(criterion_ids):
            raise CalibrationError(f"the calibration file is for rubric {data['rubric']!r} with other criteria", path=path)
        criteria = {
            cid: CriterionModel(
                weights={name: float(weight) for name, weight in model["weights"].items()},
                mean={name: float(model["mean"][name]) for name in model["weights"]},
                scale={name: float(model["scale"][name]) or 1.0 for name in model["weights"]},
                thresholds=tuple(float(t) for t in model["thresholds"]),
            )
            for cid, model in data["criteria"].items()
        }
        return Calibration(rubric_id, criteria, float(data["review"]["min_confidence"]), path, data.get("fitted_on", {}))
    except (KeyError, TypeError, ValueError) as error:
        raise CalibrationError(f"the calibration file lacks or mistypes {error}", path=path) from None


def hold(result: CriterionResult, level: int, *, article_known: bool, summary: bool, scoring) -> int:
    """The spec's rules over a level: wrong (a claim the article contradicts, or
    details it never gives: two methods or settings) -> 1, generic -> 1,
    summary -> summary_cap. Data sizes, splits and scores the article never
    prints weigh in the features but hold nothing alone: a student may derive
    one (90 % of 3,101)."""
    held: list[str] = []
    if level > 1 and holding_claims(result):
        level, held = 1, held + ["wrong"]
    if level > 1 and article_known and len(result.specifics) < scoring.min_specifics:
        level, held = 1, held + ["generic"]
    if level > scoring.summary_cap and summary:
        level, held = scoring.summary_cap, held + ["summary"]
    result.held = held
    return level


def invented(result: CriterionResult) -> list:
    """The criterion's claims of methods or settings the article never gives."""
    return [claim for claim in result.claims if claim.verdict == "unsupported" and claim.kind in ("method", "setting")]


def holding_claims(result: CriterionResult) -> list:
    """The claims that hold a criterion at 1: those the article contradicts, else
    methods or settings it never gives when there are enough of them."""
    made_up = invented(result)
    return result.wrong or (made_up if len(made_up) >= INVENTED_HOLD else [])


def decide(results: list[CriterionResult], calibration: Calibration | None, *, article_known: bool, summary: bool, scoring) -> None:
    """Set each criterion's score, confidence and review flag."""
    for result in results:
        if calibration is None:
            level = result.rule
            result.score = hold(result, level, article_known=article_known, summary=summary, scoring=scoring)
            result.confidence = RULES_CONFIDENCE
            result.review = "wrong" in result.held
            continue
        probabilities = calibration.criteria[result.criterion.id].probabilities(result.features)
        level = median_level(probabilities)
        # Level 0 is "nothing addresses it": never when the text speaks of it, always when it does not.
        if result.rule >= 1 and level == 0:
            level = 1
        elif result.rule == 0 and not result.addressed:
            level = 0
        # Level 3 needs the additions its cell lists: not when none of them is found.
        features = result.features
        if level == 3 and not features.get("analyse_cover") and max(features.get("rule_doc", 0), features.get("rule_wide", 0)) < 3:
            level = 2
        result.score = hold(result, level, article_known=article_known, summary=summary, scoring=scoring)
        # Held down by a rule: the confidence is that of "this level or above".
        result.confidence = probabilities[result.score] if result.score == level else sum(probabilities[result.score:])
        # Signals that disagree: a contradiction found by the consistency check
        # while the evidence says the criterion is well done.
        disagree = "wrong" in result.held and sum(probabilities[2:]) >= 0.5
        result.review = result.confidence < calibration.min_confidence or disagree


# ------------------------------------------------------------------ fitting ---


def fit(rows: list[tuple[str, dict[str, float], int]], *, rubric_id: str, criterion_ids: list[str],
        penalty: float = 1.0, min_confidence: float = 0.5, fitted_on: dict | None = None) -> dict:
    """The calibration file's content, fitted on (criterion id, features, labelled level) rows.

    Maximum likelihood of the proportional-odds model with an L2 penalty on the
    weights (`penalty`, on standardised features), by L-BFGS from a fixed start:
    the same rows give the same file."""
    import numpy as np

    criteria = {}
    for cid in criterion_ids:
        chosen = [(features, level) for criterion, features, level in rows if criterion == cid]
        if not chosen:
            raise CalibrationError(f"no labelled analysis scores criterion {cid!r}")
        names = list(FEATURES) + sorted({name for features, _ in chosen for name in features} - set(FEATURES))
        x = np.array([[features.get(name, 0.0) for name in names] for features, _ in chosen], dtype=float)
        y = np.array([level for _, level in chosen], dtype=int)
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        weights, thresholds = _fit_ordinal((x - mean) / scale, y, penalty)
        criteria[cid] = {
            "weights": {name: _round(w) for name, w in zip(names, weights)},
            "mean": {name: _round(m) for name, m in zip(names, mean)},
            "scale": {name: _round(s) for name, s in zip(names, scale)},
            "thresholds": [_round(t) for t in thresholds],
            "labels": {str(level): int((y == level).sum()) for level in range(LEVELS)},
        }
    return {
        "format": FORMAT,
        "rubric": rubric_id,
        "about": "Proportional-odds model per criterion: P(level <= k) = sigmoid(thresholds[k] - "
                 "sum(weights[f] * (x[f] - mean[f]) / scale[f])); features in analyser/checking/criteria.py (FEATURES, "
                 "then in:<group> and doc:<group> for the criterion's element groups). "
                 "Made by `analyser rubric calibrate`.",
        "features": list(FEATURES),
        "penalty": penalty,
        "review": {"min_confidence": min_confidence},
        "fitted_on": fitted_on or {},
        "criteria": criteria,
    }


def _round(value: float) -> float:
    # Six significant digits: readable, and stable across machines' last bits.
    return float(f"{float(value):.6g}")


def _fit_ordinal(x, y, penalty: float):
    import numpy as np
    from scipy.optimize import minimize

    n, d = x.shape
    # Thresholds as t0 + cumulative exp(steps): always increasing.
    counts = np.array([(y <= k).mean() for k in range(LEVELS - 1)]).clip(0.02, 0.98)
    start_thresholds = np.log(counts / (1 - counts))
    start = np.concatenate([np.zeros(d), [start_thresholds[0]], np.log(np.maximum(np.diff(start_thresholds), 0.1))])

    def unpack(theta):
        w = theta[:d]
        t = theta[d] + np.concatenate([[0.0], np.cumsum(np.exp(theta[d + 1:]))])
        return w, t

    def loss(theta):
        w, t = unpack(theta)
        score = x @ w
        upper = np.where(y < LEVELS - 1, _expit(t[np.minimum(y, LEVELS - 2)] - score), 1.0)
        lower = np.where(y > 0, _expit(t[np.maximum(y - 1, 0)] - score), 0.0)
        probability = np.clip(upper - lower, 1e-12, 1.0)
        return -np.log(probability).sum() + 0.5 * penalty * (w @ w)

    result = minimize(loss, start, method="L-BFGS-B", options={"maxiter": 2000, "gtol": 1e-8})
    return unpack(result.x)


def _expit(values):
    import numpy as np

    return 1.0 / (1.0 + np.exp(-values))


def predict(model: dict, features: dict[str, float]) -> list[float]:
    """Probabilities of levels 0..3 from one criterion's entry of a calibration file's content."""
    return CriterionModel(model["weights"], model["mean"], {k: v or 1.0 for k, v in model["scale"].items()},
                          tuple(model["thresholds"])).probabilities(features)
