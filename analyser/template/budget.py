"""Word budgets: how many words each section may take so the analysis fits its page limit.

The course counts 500 words a page. The title block and the section headings
take room too, so they are reserved first; what is left is shared between the
criteria in proportion to their rubric weights, in steps of 10 words (a budget
of 233 words is false precision).
"""

from __future__ import annotations

import math

STEP = 10
# Room the title block (title, name, link, date) takes, in words of body text:
# about four short lines and the space around them.
TITLE_BLOCK_WORDS = 60
# A heading takes a line of its own plus the space above and below it.
HEADING_WORDS = 15


def available_words(page_limit: int, words_per_page: int, n_sections: int) -> int:
    """Words of student text that fit once the title block and headings are placed."""
    return page_limit * words_per_page - TITLE_BLOCK_WORDS - HEADING_WORDS * n_sections


def word_budgets(weights: list[float], total: int, step: int = STEP) -> list[int]:
    """Split `total` words by `weights` into multiples of `step` that sum to at most `total`.

    Largest remainder: every section first gets the multiple of `step` below
    its share, then the steps left over go to the largest remainders, so the
    sum is `total` rounded down to a multiple of `step`.
    """
    if not weights:
        return []
    if any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError("weights must be non-negative with a positive sum")
    if total < 0:
        raise ValueError("total must be non-negative")
    weight_sum = float(sum(weights))
    shares = [total * w / weight_sum / step for w in weights]  # in steps
    budgets = [math.floor(share) for share in shares]
    left = total // step - sum(budgets)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] - budgets[i]), i))
    for i in by_remainder[:left]:
        budgets[i] += 1
    return [b * step for b in budgets]
