"""Rubrics: TOML files an instructor can write, read once into typed objects."""

from analyser.rubric.loader import find_rubric, load_rubric, problems_in
from analyser.rubric.model import Criterion, Rubric
from analyser.rubric.validate import RubricError

__all__ = ["Criterion", "Rubric", "RubricError", "find_rubric", "load_rubric", "problems_in"]
