"""Word budgets: multiples of 10, in proportion to the rubric's weights, within the page limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyser.rubric import load_rubric
from analyser.template.budget import HEADING_WORDS, STEP, TITLE_BLOCK_WORDS, available_words, word_budgets


@given(
    weights=st.lists(st.floats(min_value=0.1, max_value=10, allow_nan=False), min_size=1, max_size=12),
    total=st.integers(min_value=0, max_value=5000),
)
def test_budgets_are_steps_that_use_the_total(weights, total):
    budgets = word_budgets(weights, total)
    assert len(budgets) == len(weights)
    assert all(b % STEP == 0 and b >= 0 for b in budgets)
    # Every step of the total is handed out, none more.
    assert sum(budgets) == total // STEP * STEP


@given(weights=st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=8))
def test_a_heavier_criterion_never_gets_fewer_words(weights):
    budgets = word_budgets([float(w) for w in weights], 1400)
    for i in range(len(weights)):
        for j in range(len(weights)):
            if weights[i] > weights[j]:
                assert budgets[i] >= budgets[j]
            # Largest remainder: two budgets never differ by more than their shares (+1 step).
            share_gap = 1400 * (weights[i] - weights[j]) / sum(weights)
            assert budgets[i] - budgets[j] <= share_gap + STEP


def test_weights_shape_the_budgets():
    assert word_budgets([1, 1, 2], 1200) == [300, 300, 600]
    assert word_budgets([1, 1, 1], 1000) == [340, 330, 330]


def test_the_default_rubric_fills_three_pages_less_the_title_block():
    rubric = load_rubric()
    n = len(rubric.criteria)
    total = available_words(rubric.checks.page_limit, rubric.checks.words_per_page, n)
    assert total == 3 * 500 - TITLE_BLOCK_WORDS - HEADING_WORDS * n
    budgets = word_budgets([c.weight for c in rubric.criteria], total)
    assert total - STEP < sum(budgets) <= total
    # Equal weights in the default rubric: budgets within one step of each other.
    assert max(budgets) - min(budgets) <= STEP


@pytest.mark.parametrize("weights", [[], [0, 0], [-1, 2]])
def test_bad_weights(weights):
    if not weights:
        assert word_budgets(weights, 100) == []
    else:
        with pytest.raises(ValueError):
            word_budgets(weights, 100)
