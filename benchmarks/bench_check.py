"""Agreement of `analyser check` with the labelled analyses, and its speed.

    python benchmarks/bench_check.py [--eval-dev DIR] [--heldout DIR] [--final DIR] [--papers DIR] [--source md|file] [--no-timing] [-v]

Prints, separately for the dev set (../shared/eval-dev, read while the rules
were written), the held-out set (benchmarks/heldout, written blind to the
scorer, but no longer unseen: three rounds of changes were checked on it) and
the final set (benchmarks/final, written blind and never used to write a rule;
only its aggregate figures were seen, once, before the last round):
per-criterion quadratic weighted kappa and exact agreement, each
check's accuracy; then the time of one check
of a 3-page PDF with its article already read (the cached case), against
`analyser.documents.load` of the same PDF alone as the baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
LEVELS = 4  # scores 0..3


def quadratic_weighted_kappa(truth: list[int], predicted: list[int], levels: int = LEVELS) -> float:
    # kappa = 1 - sum(w * O) / sum(w * E), w_ij = (i - j)^2 / (levels - 1)^2,
    # O the observed confusion matrix, E the outer product of the marginals / n.
    n = len(truth)
    observed = [[0.0] * levels for _ in range(levels)]
    for t, p in zip(truth, predicted):
        observed[t][p] += 1
    rows = [sum(observed[i]) for i in range(levels)]
    cols = [sum(observed[i][j] for i in range(levels)) for j in range(levels)]
    numerator = denominator = 0.0
    for i in range(levels):
        for j in range(levels):
            weight = (i - j) ** 2 / (levels - 1) ** 2
            numerator += weight * observed[i][j]
            denominator += weight * rows[i] * cols[j] / n
    return 1.0 - numerator / denominator if denominator else 1.0


def agreement(folder: Path, papers: Path, source: str, rubric, verbose: bool) -> dict | None:
    """Scores and checks of every labelled analysis in `folder`/analyses against its labels."""
    from analyser.checking import check

    labels = sorted((folder / "analyses").glob("*.labels.json"))
    if not labels:
        return None
    truth: dict[str, list[int]] = {c.id: [] for c in rubric.criteria}
    predicted: dict[str, list[int]] = {c.id: [] for c in rubric.criteria}
    check_hits: dict[str, list[bool]] = {}
    for path in labels:
        label = json.loads(path.read_text(encoding="utf-8"))
        name = label["file"] if source == "file" else f"{label['id']}.md"
        submission = folder / "analyses" / name
        if not submission.exists():
            submission = folder / "analyses" / label["file"]
        paper = papers / f"{label['paper']}.pdf"
        report = check(submission, paper=paper if paper.exists() else None, rubric=rubric, offline=True)
        row = []
        for criterion in rubric.criteria:
            got, want = report.score(criterion.id), label["scores"][criterion.id]
            truth[criterion.id].append(want)
            predicted[criterion.id].append(got)
            row.append(f"{criterion.id[:4]} {want}->{got}" + ("" if got == want else " *"))
        for check_id, want in label["checks"].items():
            got = report.check(check_id).passed
            check_hits.setdefault(check_id, []).append(got == want)
            if verbose and got != want:
                row.append(f"{check_id}: want {want}, got {got} ({report.check(check_id).detail})")
        print(f"{label['id']} ({submission.name}): " + "  ".join(row))
    kappas = {c: quadratic_weighted_kappa(truth[c], predicted[c]) for c in truth}
    exact = {c: statistics.mean(t == p for t, p in zip(truth[c], predicted[c])) for c in truth}
    return {"n": len(labels), "kappa": kappas, "exact": exact, "checks": check_hits, "labels": labels}


def _print_agreement(title: str, result: dict) -> None:
    print(f"\n{title} ({result['n']} analyses)")
    print("criterion      QWK    exact")
    for criterion, kappa in result["kappa"].items():
        print(f"{criterion:<13} {kappa:5.2f}   {result['exact'][criterion]:5.0%}")
    print(f"{'mean':<13} {statistics.mean(result['kappa'].values()):5.2f}   "
          f"{statistics.mean(result['exact'].values()):5.0%}   (target QWK >= 0.80)")
    print("check          accuracy (target >= 0.95)")
    for check_id, hits in result["checks"].items():
        print(f"{check_id:<13} {statistics.mean(hits):5.0%}  ({sum(hits)}/{len(hits)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dev", type=Path, default=SHARED / "eval-dev")
    parser.add_argument("--heldout", type=Path, default=REPO / "benchmarks" / "heldout",
                        help="held-out labelled analyses, written blind to the scorer; changes have since been checked on them (reported separately)")
    parser.add_argument("--final", type=Path, default=REPO / "benchmarks" / "final",
                        help="the final blind set: the honest estimate on unseen analyses")
    parser.add_argument("--papers", type=Path, default=SHARED / "papers")
    parser.add_argument("--source", choices=["file", "md"], default="file", help="grade the handed-in file (default) or its .md source")
    parser.add_argument("--no-timing", action="store_true", help="skip the speed measurement")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    args = parser.parse_args()

    from analyser.rubric import load_rubric

    rubric = load_rubric()
    results = {}
    sets = (("dev set (eval-dev)", args.eval_dev), ("held-out set", args.heldout), ("final blind set", args.final))
    for title, folder in sets:
        print(f"--- {title}: {folder}")
        result = agreement(folder, args.papers, args.source, rubric, args.verbose)
        if result is None:
            print(f"no labelled analyses in {folder}", file=sys.stderr)
            continue
        results[title] = result
    if not results:
        return 2
    for title, result in results.items():
        _print_agreement(title, result)

    if not args.no_timing and "dev set (eval-dev)" in results:
        _timing(args, rubric, results["dev set (eval-dev)"]["labels"])
    return 0


def _clear_caches() -> None:
    # What a fresh `analyser check` process has: the article's PDF on disk, nothing read yet.
    from analyser.checking import copied, inputs

    inputs._load_cached.cache_clear()
    inputs._FACTS.clear()
    copied.article_shingles.cache_clear()


def _timing(args, rubric, labels) -> None:
    from analyser.checking import check
    from analyser.documents import load

    chosen = None
    for path in labels:
        label = json.loads(path.read_text(encoding="utf-8"))
        if label["format"] == "pdf" and label["pages"] == 3:
            chosen = label
            break
    if chosen is None:
        return
    pdf = args.eval_dev / "analyses" / chosen["file"]
    paper = args.papers / f"{chosen['paper']}.pdf"
    runs = 3

    started = time.perf_counter()
    for _ in range(runs):
        load(pdf)
    baseline = (time.perf_counter() - started) / runs

    cold = 0.0
    for _ in range(runs):
        _clear_caches()
        started = time.perf_counter()
        check(pdf, paper=paper, rubric=rubric, offline=True)
        cold += time.perf_counter() - started
    cold /= runs

    started = time.perf_counter()
    for _ in range(runs):
        check(pdf, paper=paper, rubric=rubric, offline=True)
    warm = (time.perf_counter() - started) / runs

    print(f"\none check of {pdf.name} (3-page PDF), article PDF on disk, read fresh: {cold * 1000:.0f} ms (target < 1000 ms)")
    print(f"same, article already read in this process (batch grading): {warm * 1000:.0f} ms")
    print(f"baseline, load() of the submission alone: {baseline * 1000:.0f} ms; "
          f"cold / load = {cold / baseline:.1f}x, warm / load = {warm / baseline:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
