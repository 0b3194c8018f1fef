"""The similarity step scores only candidate pairs, and finds exactly what all pairs would give.

The reference is scikit-learn's TfidfVectorizer with the settings the step
used before (the weights are meant to be the same), cosine over every pair.
"""

from __future__ import annotations

import random

import pytest

from analyser.grading import similarity

WORDS = ("model data graph network training test split molecule property error loss overfitting "
         "validation feature kernel forest descriptor dataset label noise scaffold random variance "
         "bias prediction solubility toxicity energy crystal polymer baseline benchmark").split()


def corpus(seed: int, size: int = 120) -> dict[str, str]:
    """Independent texts, near-copies of some, a shared boilerplate, accents and odd spacing."""
    rng = random.Random(seed)
    texts = {}
    for index in range(size):
        own = " ".join(rng.choice(WORDS) + rng.choice(["", "s", "ing", "é"]) for _ in range(rng.randint(20, 200)))
        texts[f"s{index:03d}"] = f"Analyse de l'article. {own} Élève n°{index}."
    for index in range(0, size, 7):
        words = texts[f"s{index:03d}"].split()
        kept = [word for word in words if rng.random() > rng.choice([0.02, 0.1, 0.3])]
        texts[f"copy{index:03d}"] = "  ".join(kept) + " ÉCRIT À LA MAIN"
    texts["short"] = "too short to compare"
    texts["letters"] = "a b c d e f g h i j k l m n o p"  # words enough, but no term of two letters
    return texts


def all_pairs(texts: dict[str, str], threshold: float) -> dict[tuple[str, str], float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    slugs = [slug for slug in sorted(texts) if len(texts[slug].split()) >= similarity.MIN_TEXT_WORDS]
    vectorizer = TfidfVectorizer(strip_accents="unicode", ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform([texts[slug] for slug in slugs])
    product = (matrix @ matrix.T).tocoo()
    return {(slugs[i], slugs[j]): round(float(score), 3) for i, j, score in zip(product.row, product.col,
                                                                                 product.data)
            if i < j and score >= threshold}


def candidates_found(texts: dict[str, str], threshold: float) -> dict[tuple[str, str], float]:
    """What the step finds, without the shared passages (difflib on thousands of pairs at low thresholds)."""
    slugs = [slug for slug in sorted(texts) if len(texts[slug].split()) >= similarity.MIN_TEXT_WORDS]
    first, second, scores = similarity.pairs_at_least(similarity.tfidf_matrix([texts[s] for s in slugs]), threshold)
    return {(slugs[i], slugs[j]): round(float(score), 3) for i, j, score in zip(first, second, scores)}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.8, 0.95])
def test_the_pairs_are_exactly_those_of_all_pairs(seed, threshold):
    texts = corpus(seed)
    assert candidates_found(texts, threshold) == all_pairs(texts, threshold)


def test_similar_pairs_reports_them_most_similar_first():
    texts = corpus(5)
    pairs = similarity.similar_pairs(texts, 0.8)
    assert {(p.a, p.b): p.score for p in pairs} == all_pairs(texts, 0.8) and pairs
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)


def test_most_terms_are_not_indexed_at_a_high_threshold():
    texts = corpus(4, size=300)
    matrix = similarity.tfidf_matrix(list(texts.values()))
    indexed = similarity._indexed_terms(matrix, similarity.DEFAULT_THRESHOLD)
    assert indexed.nnz < 0.6 * matrix.nnz  # the common terms are left out of the comparison


def test_a_class_of_identical_templates_and_small_classes():
    assert similarity.similar_pairs({"a": "only one text " * 10}) == []
    same = "the model overfits the small data set and the split leaks " * 3
    pairs = similarity.similar_pairs({"a": same, "b": same, "c": same})
    assert [(p.a, p.b, p.score) for p in pairs] == [("a", "b", 1.0), ("a", "c", 1.0), ("b", "c", 1.0)]
