"""Grade a whole class: submissions in, reports, class overview, gradebook out.

The run is a chain of small steps, one module each (as nbgrader does):
`intake` (find submissions in folders, files and mailboxes), `selection`
(one per student), `ledger` (skip what did not change), `job` (grade one),
`similarity`, `flags`, then `render` and `gradebook` (the outputs).
`pipeline.grade_class` chains them.
"""

from analyser.grading.errors import GradingError


def grade_class(*args, **kwargs):
    """See `analyser.grading.pipeline.grade_class`."""
    from analyser.grading.pipeline import grade_class as _grade_class

    return _grade_class(*args, **kwargs)


__all__ = ["GradingError", "grade_class"]
