"""`analyser.facts` on the 13 open real papers against their blind gold labels
(benchmarks/facts-gold/), and the over-readings issue 12 measured, each on the
paper it was seen on or on one like it. The sealed papers are never read here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser.documents import load
from analyser.facts import extract

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "benchmarks" / "facts-gold"
NEW_PAPERS = REPO / "benchmarks" / "papers"


@pytest.fixture(scope="module")
def gold() -> dict:
    labels = {}
    for name in ("paper-facts.json", "paper-facts-new.json"):
        labels.update({slug: item for slug, item in json.loads((GOLD / name).read_text()).items()
                       if not slug.startswith("_")})
    return labels


@pytest.fixture(scope="module")
def facts(papers_dir, gold) -> dict:
    """slug -> PaperFacts of every open gold paper, read once for the module."""
    found = {}
    for slug in gold:
        path = papers_dir / f"{slug}.pdf"
        if not path.is_file():
            path = NEW_PAPERS / f"{slug}.pdf"
        found[slug] = extract(load(path))
    return found


def _within(found: set[str], truth: dict, field: str) -> bool:
    return found <= set(truth[field]) | set(truth[f"{field}_allowed"])


def test_every_open_gold_paper_has_its_pdf(papers_dir, gold):
    for slug in gold:
        assert (papers_dir / f"{slug}.pdf").is_file() or (NEW_PAPERS / f"{slug}.pdf").is_file(), slug


@pytest.mark.parametrize("field", ["learning_type", "tasks", "validation", "representation"])
def test_nothing_outside_the_gold_is_reported(facts, gold, field):
    wrong = {slug: sorted(facts[slug].values(field) - set(truth[field]) - set(truth[f"{field}_allowed"]))
             for slug, truth in gold.items()}
    assert not {slug: values for slug, values in wrong.items() if values}


def test_main_model_families_are_the_gold_ones(facts, gold):
    for slug, truth in gold.items():
        found = facts[slug].main_families()
        assert set(truth["main_families"]) <= found and _within(found, truth, "main_families"), slug


def test_learning_type_and_tasks_are_right_on_every_paper(facts, gold):
    for slug, truth in gold.items():
        for field in ("learning_type", "tasks"):
            found = facts[slug].values(field)
            assert set(truth[field]) <= found and _within(found, truth, field), (slug, field, found)


# --- the over-readings of issue 12 -------------------------------------------------------

def test_polymer_gnn_inputs_are_graphs_not_earlier_descriptors_or_learned_fingerprints(facts):
    assert facts["gao2024-ssl-gnn-polymer-properties"].values("representation") == {"graphs"}


def test_no_dimensionality_lab_for_inputs_the_polymer_paper_does_not_use(facts):
    from analyser.template.i18n import texts
    from analyser.template.suggestions import lab_for

    commands = [lab.command for lab in lab_for("model", facts["gao2024-ssl-gnn-polymer-properties"], texts("en"))]
    assert not any("curse-of-dimensionality" in command for command in commands)


def test_the_glass_class_balance_question_quotes_the_proportion(facts):
    question = next(q for q in facts["ward2016-general-purpose-ml-inorganic-materials"].questions
                    if "class" in q.text)
    assert "no word on class balance" not in question.reason
    assert any("%" in item.quote and "glasses" in item.quote for item in question.evidence)


def test_several_data_sets_each_keep_their_size(facts):
    ward = facts["ward2016-general-purpose-ml-inorganic-materials"]
    assert ward.data.n_samples is None
    assert 228676 in {item.size for item in ward.data.sets}
    jiang = facts["jiang2023-pharmhgt-molecular-property"]
    assert {1513, 1468, 7821, 1379, 41127, 1128, 642, 4198} <= {item.size for item in jiang.data.sets}
    crabnet = facts["wang2021-crabnet-attention-composition"]
    assert crabnet.data.n_samples is None  # "ranging from 312 to 341,788": a range, 28 data sets


def test_the_pre_training_share_is_part_of_the_split(facts):
    split = facts["gao2024-ssl-gnn-polymer-properties"].data.split
    assert split["pre-training"] == pytest.approx(0.4) and split["test"] == pytest.approx(0.2)


def test_baselines_are_listed_once_and_never_as_main(facts):
    crabnet = facts["wang2021-crabnet-attention-composition"]
    baselines = [(model.name, model.family) for model in crabnet.models if model.role == "baseline"]
    assert baselines and len({family for _, family in baselines}) == len(baselines)
    assert crabnet.main_families() == {"transformer"}
    for paper in facts.values():
        named = [(model.name, model.family) for model in paper.models]
        assert len(named) == len(set(named))


def test_parts_tools_and_examples_are_not_main_models(facts):
    assert "cnn" not in facts["schmirler2024-plm-finetuning"].main_families()  # a prediction head
    assert "tree" not in facts["ward2016-general-purpose-ml-inorganic-materials"].main_families()  # ensemble members
    assert facts["maroulis2026-sdl-liquid-handling-bo"].main_families() == {"gaussian-process"}  # "common examples"
    assert facts["oarga2026-llm-ontology-kg-catalysis"].main_families() == {"transformer"}  # a KG is no GNN
    assert not [m for m in facts["baghishov2026-mlip-tradeoff"].models if m.role == "baseline"]


def test_tasks_of_the_papers_own_models_only(facts):
    assert "clustering" not in facts["maroulis2026-sdl-liquid-handling-bo"].values("tasks")
    assert facts["roy2026-comproscanner-llm-agents"].values("tasks") >= {"other"}


def test_outputs_and_test_folds_are_not_inputs_or_hold_outs(facts):
    assert "compositions" not in facts["roy2026-comproscanner-llm-agents"].values("representation")
    assert facts["jowhar2024-ddx3x-gc-rf"].values("validation") == {"k-fold-cv"}


def test_every_reported_fact_carries_a_confidence(facts):
    for paper in facts.values():
        items = (paper.learning_type + paper.tasks + paper.validation + paper.models + paper.data.representation
                 + paper.data.sets + paper.metrics)
        assert all(0 < item.confidence <= 1 for item in items)
