"""Errors a user of `analyser lab` can cause (one type per failure)."""

from __future__ import annotations

from analyser.errors import AnalyserError


class LabError(AnalyserError):
    """Base of the lab's user errors."""


class UnknownExperimentError(LabError):
    """An experiment name that is not in the registry."""

    def __init__(self, name: str, known: list[str]):
        self.name, self.known = name, known
        super().__init__(f"unknown experiment {name!r}; known: {', '.join(known)}")


class UnknownModelError(LabError):
    """A model name (learning-curve --model) that the lab does not have."""

    def __init__(self, name: str, known: list[str]):
        self.name, self.known = name, known
        super().__init__(f"unknown model {name!r}; known: {', '.join(known)}")


class UnknownDatasetError(LabError):
    def __init__(self, name: str, known: list[str]):
        self.name, self.known = name, known
        super().__init__(f"unknown dataset {name!r}; known: {', '.join(known)}")


class BadOptionError(LabError):
    """An option that an experiment does not take, or a value it cannot use."""
