"""The checker's general mechanisms for agreeing with careful graders, on crafted passages (English and French)."""

from __future__ import annotations

import pytest

from analyser.checking.criteria import map_headings
from analyser.rubric import load_rubric


@pytest.mark.parametrize("heading, criterion_id", [
    # plain headings students write name their criterion
    ("What the authors are after", "context"),
    ("Ce que cherchent les auteurs", "context"),
    ("What exactly is learned, and from what", "framing"),
    ("Ce que la machine doit apprendre", "framing"),
    ("Under the hood", "model"),
    ("Sous le capot", "model"),
    ("How the settings were picked", "optimisation"),
    ("Comment on règle le modèle", "optimisation"),
    ("Is it memorising?", "overfitting"),
    ("Le modèle apprend-il par cœur ?", "overfitting"),
    ("Other roads", "alternatives"),
    ("Ce qu'on pourrait faire d'autre", "alternatives"),
    # a document's title or title block is no section, whatever it names
    ('ML analysis: "Scientific knowledge graph and ontology generation using open large language models"', None),
    ("Analyse de « Constrained composite Bayesian optimization for rational synthesis »", None),
    ("Author: Clémence Vidal (L3 Biochimie, option AI & chemistry)", None),
    ("Optimisation : un « entraînement » sans entraînement", "optimisation"),
])
def test_plain_headings_and_titles(heading, criterion_id):
    assert map_headings([heading], load_rubric()) == [criterion_id]
