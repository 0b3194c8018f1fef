"""Checking an analysis against a rubric: scores with evidence, formal checks, consistency."""

from analyser.checking.check import check
from analyser.checking.report import CheckReport, CheckResult, Claim, CriterionScore, Evidence

__all__ = ["CheckReport", "CheckResult", "Claim", "CriterionScore", "Evidence", "check"]
