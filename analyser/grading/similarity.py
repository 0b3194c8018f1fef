"""Step 5: pairs of submissions that are too alike, with the passages they share.

TF-IDF cosine over the students' own text (template guidance removed, so
two untouched templates do not look copied from each other). Pairs above the
threshold get their shared passages: the longest `MAX_PASSAGES` runs of at
least `MIN_PASSAGE_WORDS` identical words (difflib on the word sequences),
each cut to `MAX_PASSAGE_CHARS` -- a wholly copied analysis is one run as
long as the document, and a reader needs a sample of it, not all of it.
"""

from __future__ import annotations

import difflib
import re

from analyser.grading.model import SimilarPair

DEFAULT_THRESHOLD = 0.8
MIN_TEXT_WORDS = 12  # shorter texts are not compared at all
MIN_PASSAGE_WORDS = 8
MAX_PASSAGES = 3
MAX_PASSAGE_CHARS = 300
VERSION = f"{MIN_TEXT_WORDS}/{MIN_PASSAGE_WORDS}/{MAX_PASSAGES}/{MAX_PASSAGE_CHARS}"  # part of the cache key
_WORD = re.compile(r"\S+")


def similar_pairs(texts: dict[str, str], threshold: float = DEFAULT_THRESHOLD) -> list[SimilarPair]:
    """Pairs (by slug) whose cosine similarity is >= threshold, most similar first."""
    slugs = [slug for slug in sorted(texts) if len(texts[slug].split()) >= MIN_TEXT_WORDS]
    if len(slugs) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Rows are L2-normalised, so the dot product is the cosine.
    vectorizer = TfidfVectorizer(strip_accents="unicode", ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform([texts[slug] for slug in slugs])
    cosine = (matrix @ matrix.T).tocoo()
    pairs = []
    for i, j, score in zip(cosine.row, cosine.col, cosine.data):
        if i < j and score >= threshold:
            a, b = slugs[i], slugs[j]
            pairs.append(SimilarPair(a, b, round(float(score), 3), shared_passages(texts[a], texts[b])))
    pairs.sort(key=lambda pair: (-pair.score, pair.a, pair.b))
    return pairs


def shared_passages(a: str, b: str) -> list[str]:
    """The longest runs of words `a` and `b` share (longest first, in `a`'s words), each bounded."""
    words_a, words_b = _WORD.findall(a), _WORD.findall(b)
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in words_a], [w.lower() for w in words_b], autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size >= MIN_PASSAGE_WORDS]
    blocks.sort(key=lambda block: (-block.size, block.a))
    return [_bounded(words_a[block.a: block.a + block.size]) for block in blocks[:MAX_PASSAGES]]


def _bounded(words: list[str]) -> str:
    """The words joined, cut at a word boundary to at most MAX_PASSAGE_CHARS, with "…" when cut."""
    text = " ".join(words)
    if len(text) <= MAX_PASSAGE_CHARS:
        return text
    cut = text[: MAX_PASSAGE_CHARS - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"
