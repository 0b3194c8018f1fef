"""Errors of a grading run that stop it before it starts (bad command line input).

Problems with one student's submission never raise: they are recorded on the
submission, flagged for manual review, and listed at the end.
"""

from __future__ import annotations

from analyser.errors import AnalyserError


class GradingError(AnalyserError):
    """A grading run cannot start."""


class InputNotFoundError(GradingError):
    """An INPUT given on the command line does not exist or is not a submission."""


class NoSubmissionError(GradingError):
    """The INPUTs hold no submission at all (an empty folder, a mailbox with nothing to grade)."""


class OutputDirError(GradingError):
    """The output folder cannot be used (it is a file, one of the inputs, or cannot be created or written)."""


class OutputInUseError(OutputDirError):
    """Another grading run is writing to the same output folder."""


class WorkerLostError(GradingError):
    """A worker process of --jobs was killed from outside: the run stops, and resumes when run again."""
