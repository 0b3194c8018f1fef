"""Step 5: pairs of submissions that are too alike, with the passages they share.

TF-IDF cosine over the students' own text (template guidance removed, so
two untouched templates do not look copied from each other). Pairs above the
threshold get their shared passages: the longest `MAX_PASSAGES` runs of at
least `MIN_PASSAGE_WORDS` identical words (difflib on the word sequences),
each cut to `MAX_PASSAGE_CHARS` -- a wholly copied analysis is one run as
long as the document, and a reader needs a sample of it, not all of it.

Comparing every pair costs n² (250,000 pairs for a class of 500); only pairs
that can reach the threshold are scored. The weights are scikit-learn's
`TfidfVectorizer(strip_accents="unicode", ngram_range=(1, 2),
sublinear_tf=True)`, computed here on scipy's sparse matrices (importing
scikit-learn alone took longer than the whole step). The candidates come from
prefix filtering (Bayardo et al., "Scaling up all pairs similarity search",
WWW 2007): with the terms of every row ordered from the most common to the
rarest, a row's leading terms whose weights have a norm below the threshold
t cannot, on their own, bring any cosine to t (Cauchy-Schwarz:
sum_prefix x_i y_i <= ||x_prefix|| ||y|| < t). So two rows at cosine >= t
share at least one term outside such a prefix: only the rarer terms are
indexed, and only rows sharing one of them are compared. The pairs found are
exactly those of the all-pairs product.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter

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
    matrix = tfidf_matrix([texts[slug] for slug in slugs])
    pairs = []
    for i, j, score in zip(*pairs_at_least(matrix, threshold)):
        a, b = slugs[i], slugs[j]
        pairs.append(SimilarPair(a, b, round(float(score), 3), shared_passages(texts[a], texts[b])))
    pairs.sort(key=lambda pair: (-pair.score, pair.a, pair.b))
    return pairs


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _strip_accent(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def _terms(text: str) -> list[str]:
    """Unigrams then bigrams of the lower-cased, accent-stripped tokens (scikit-learn's word analyzer)."""
    text = text.lower()
    if not text.isascii():
        # scikit-learn's strip_accents="unicode": NFKD, combining marks dropped (looked at one by one
        # only where the text is not ASCII: a few characters of a page).
        text = _NON_ASCII.sub(_strip_accent, unicodedata.normalize("NFKD", text))
    tokens = _TOKEN.findall(text)
    return tokens + [f"{first} {second}" for first, second in zip(tokens, tokens[1:])]


def tfidf_matrix(documents: list[str]):
    """Rows of L2-normalised TF-IDF weights (sublinear tf, smoothed idf), columns ordered by document frequency.

    Column 0 is the term most documents use: the order prefix filtering needs.
    """
    import numpy as np
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows, columns, counts = [], [], []
    for row, document in enumerate(documents):
        counted = Counter(_terms(document))
        rows.append(np.full(len(counted), row, dtype=np.int64))
        columns.append(np.fromiter((vocabulary.setdefault(term, len(vocabulary)) for term in counted),
                                   dtype=np.int64, count=len(counted)))
        counts.append(np.fromiter(counted.values(), dtype=np.float64, count=len(counted)))
    rows, columns, counts = np.concatenate(rows), np.concatenate(columns), np.concatenate(counts)
    frequency = np.bincount(columns, minlength=len(vocabulary))
    # Most common first; ties by first appearance, so that the order is the same on every run.
    rank = np.empty(len(vocabulary), dtype=np.int64)
    rank[np.lexsort((np.arange(len(vocabulary)), -frequency))] = np.arange(len(vocabulary))
    n = len(documents)
    idf = np.log((1 + n) / (1 + frequency)) + 1  # smoothed: as if one more document held every term
    weights = (1 + np.log(counts)) * idf[columns]
    matrix = sparse.csr_matrix((weights, (rows, rank[columns])), shape=(n, len(vocabulary)))
    matrix.sort_indices()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1  # a text of one-letter words has no term: its row stays empty, as in scikit-learn
    return sparse.diags(1 / norms) @ matrix


_BLOCK = 256  # rows compared at a time: memory stays bounded whatever the class size
_DENSE_SHARE = 0.2  # past this share of candidates in a block, one product scores them all faster


def pairs_at_least(matrix, threshold: float):
    """(rows i, rows j, cosines) of every pair i < j whose cosine is at least `threshold`.

    Only candidates are scored (see the module docstring); the scores are exact.
    A pair at the threshold shares an indexed term of *each* of its rows, so
    each block of rows is compared with the rows from its own first one on.
    """
    import numpy as np

    indexed = _indexed_terms(matrix, threshold)
    firsts, seconds, scores = [], [], []
    for start in range(0, matrix.shape[0], _BLOCK):
        rows = slice(start, min(start + _BLOCK, matrix.shape[0]))
        later = matrix[start:].T.tocsc()
        found = (indexed[rows] @ later).tocoo()  # row i's indexed terms meet row j's terms
        if found.nnz > _DENSE_SHARE * found.shape[0] * found.shape[1]:
            # Most pairs are candidates: the rest of their products, in one go, gives every exact score.
            exact = (found + (matrix[rows] - indexed[rows]) @ later).tocoo()
            i, j, score = exact.row + start, exact.col + start, exact.data
        else:
            i, j = found.row + start, found.col + start
            score = np.asarray(matrix[i].multiply(matrix[j]).sum(axis=1)).ravel() if len(i) else np.zeros(0)
        keep = (i < j) & (score >= threshold)
        firsts.append(i[keep])
        seconds.append(j[keep])
        scores.append(score[keep])
    return np.concatenate(firsts), np.concatenate(seconds), np.concatenate(scores)


def _indexed_terms(matrix, threshold: float):
    """`matrix` without each row's leading terms that cannot bring a cosine to `threshold` on their own.

    Two bounds on what a row's leading terms P give to a cosine with any
    unit row y: ||x_P|| (Cauchy-Schwarz) and sum_P x_k max(y_k) (each term's
    largest weight in the class). A term is indexed from where the smaller
    of the two running bounds reaches the threshold.
    """
    import numpy as np

    column_max = np.zeros(matrix.shape[1])
    np.maximum.at(column_max, matrix.indices, matrix.data)
    data = matrix.data
    squares, products = data * data, data * column_max[matrix.indices]
    bound = np.empty_like(data)
    for start, end in zip(matrix.indptr[:-1], matrix.indptr[1:]):
        bound[start:end] = np.minimum(np.sqrt(np.cumsum(squares[start:end])), np.cumsum(products[start:end]))
    indexed = matrix.copy()
    indexed.data = np.where(bound >= threshold - 1e-9, data, 0.0)
    indexed.eliminate_zeros()
    return indexed


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
