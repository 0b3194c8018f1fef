"""Agreement of `analyser check` with careful graders, on articles it was not fitted on; and its speed.

    python benchmarks/bench_check.py [--sealed] [--no-timing] [-v]

Every labelled analysis of the project (the course's eval-dev set, the
held-out and final sets, and the corpus under benchmarks/corpus) is checked
against its article. Its scores are given by a calibration fitted on the
analyses of the *other* articles only (leave-papers-out): the figures say
what the checker does on an article it never saw. Printed:

- per criterion: quadratic weighted kappa and exact agreement, leave-papers-out,
  next to the rubric's rules alone (the uncalibrated baseline), by set;
- the formal checks' accuracy;
- the robustness table: keyword-stuffed texts, summaries, plain-worded deep
  analyses, confidently wrong claims (kinds from benchmarks/corpus/profiles.tsv);
- how often a score is marked for review, and how right the unmarked ones are;
- the labellers' own agreement (benchmarks/corpus/labels2: analyses labelled twice);
- with --sealed, once: the next sealed set (`sealed_sets.NEXT`; the earlier ones,
  `sealed_sets.SPENT_ROUNDS`, were measured once each, then opened), scored by the
  calibration fitted on every open analysis;
- the time of one check of a 3-page PDF, article on disk, against reading the PDF alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
BENCH = REPO / "benchmarks"
sys.path.insert(0, str(BENCH))
from sealed_sets import NEXT, OPENED as OPENED_SEALED, SPENT_ROUNDS  # noqa: E402

PAPERS = [SHARED / "papers", BENCH / "papers"] + [BENCH / name / "papers" for name in OPENED_SEALED]
OPEN_SETS = {
    "eval-dev": (SHARED / "eval-dev" / "analyses", None),
    "heldout": (BENCH / "heldout" / "analyses", None),
    "final": (BENCH / "final" / "analyses", None),
    "corpus": (BENCH / "corpus" / "labels", BENCH / "corpus" / "analyses"),
} | {
    f"sealed-{number} (spent)": (BENCH / name / "labels", BENCH / name / "analyses")
    for number, name in enumerate(OPENED_SEALED, 1)
}
PROFILES = [BENCH / "corpus" / "profiles.tsv"] + [BENCH / name / "profiles.tsv" for name in OPENED_SEALED]
SEALED_DIRS = [BENCH / NEXT]
CHECKS = ("page_limit", "student_name", "article_link", "is_analysis")


def load(sets: dict, papers: list[Path]):
    from analyser.checking.labelled import read_labels

    labelled = []
    for name, (folder, analyses) in sets.items():
        if not folder.exists() or not any(folder.glob("*.labels.json")):
            print(f"(no labelled analyses in {folder})", file=sys.stderr)
            continue
        for item in read_labels([folder], papers, analyses=analyses):
            item.source = name
            labelled.append(item)
    return labelled


def scores_of(item) -> dict[str, int]:
    return {result.criterion.id: result.score for result in item.assessment.results}


def agreement(assessed, criteria: list[str]) -> dict:
    from analyser.checking.calibrate import kappas

    exact = {}
    for cid in criteria:
        pairs = [(item.labelled.scores[cid], scores_of(item)[cid]) for item in assessed]
        exact[cid] = statistics.mean(t == p for t, p in pairs) if pairs else float("nan")
    return {"n": len(assessed), "kappa": kappas(assessed, criteria), "exact": exact}


def print_agreement(title: str, result: dict, baseline: dict | None = None) -> None:
    print(f"\n{title} ({result['n']} analyses)")
    print("criterion      QWK    exact" + ("   rules alone: QWK" if baseline else ""))
    for cid, kappa in result["kappa"].items():
        extra = f"   {baseline['kappa'][cid]:5.2f}" if baseline else ""
        print(f"{cid:<13} {kappa:5.2f}   {result['exact'][cid]:5.0%}{extra}")
    mean = statistics.mean(result["kappa"].values())
    extra = f"   {statistics.mean(baseline['kappa'].values()):5.2f}" if baseline else ""
    print(f"{'mean':<13} {mean:5.2f}   {statistics.mean(result['exact'].values()):5.0%}{extra}   (targets: mean >= 0.85, each >= 0.75)")


def total(scores: dict[str, int]) -> float:
    return 20 * sum(scores.values()) / (3 * len(scores))


def profiles(paths: list[Path] = PROFILES) -> dict[str, dict]:
    found = {}
    for path in paths:
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                found.update({row["id"]: row for row in csv.DictReader(handle, delimiter="\t")})
    return found


def robustness(assessed, criteria, kinds: dict[str, dict], which: str = "corpus") -> None:
    by_kind: dict[str, list] = {}
    for item in assessed:
        kind = kinds.get(item.labelled.id, {}).get("kind")
        if kind:
            by_kind.setdefault(kind, []).append(item)
    if not by_kind:
        return
    print(f"\nrobustness ({which} analyses by the kind they were written as)")
    print("kind               n  total (mean, max)  labelled total  every criterion <= 1  within 1 level everywhere  is_analysis fails")
    for kind in sorted(by_kind):
        items = by_kind[kind]
        totals = [total(scores_of(item)) for item in items]
        labelled_totals = [total({c: item.labelled.scores[c] for c in criteria}) for item in items]
        at_most_one = sum(all(score <= 1 for score in scores_of(item).values()) for item in items)
        within = sum(all(abs(scores_of(item)[c] - item.labelled.scores[c]) <= 1 for c in criteria) for item in items)
        fails = sum(item.assessment.report.check("is_analysis").passed is False for item in items)
        print(f"{kind:<16} {len(items):3d}  {statistics.mean(totals):5.1f} {max(totals):5.1f}       {statistics.mean(labelled_totals):5.1f}"
              f"           {at_most_one:3d}/{len(items):<3d}             {within:3d}/{len(items):<3d}               {fails:3d}/{len(items)}")
    wrong = by_kind.get("wrong", [])
    if wrong:
        from analyser.checking.calibration import holding_claims

        held = listed = labelled_one = 0
        for item in wrong:
            for result in item.assessment.results:
                if item.labelled.scores[result.criterion.id] == 1 and result.criterion.id in ("model", "framing", "optimisation"):
                    labelled_one += 1
                    held += result.score <= 1
                    listed += bool(holding_claims(result))
        print(f"confidently wrong: of {labelled_one} model/framing/optimisation scores labelled 1, {held} held at <= 1, "
              f"{listed} with the wrong or invented claims named in the feedback")


def review(assessed) -> None:
    flagged = [(item, result) for item in assessed for result in item.assessment.results if result.review]
    others = [(item, result) for item in assessed for result in item.assessment.results if not result.review]
    right = lambda pairs: statistics.mean(result.score == item.labelled.scores[result.criterion.id] for item, result in pairs) if pairs else float("nan")  # noqa: E731
    queued = sum(any(result.review for result in item.assessment.results) for item in assessed)
    print(f"\nreview: {len(flagged)} of {len(flagged) + len(others)} scores marked ({len(flagged) / max(1, len(flagged) + len(others)):.0%}), "
          f"{queued} of {len(assessed)} analyses in the queue; exact agreement {right(others):.0%} unmarked, {right(flagged):.0%} marked")


def checks(assessed) -> None:
    print("\ncheck          accuracy (target >= 0.95)")
    for check_id in CHECKS:
        hits = [item.assessment.report.check(check_id).passed == item.labelled.checks[check_id]
                for item in assessed if check_id in item.labelled.checks]
        if hits:
            print(f"{check_id:<13} {statistics.mean(hits):5.0%}  ({sum(hits)}/{len(hits)})")


def labellers(criteria, folders: list[Path] = [BENCH / "corpus"]) -> None:
    from analyser.checking.calibrate import quadratic_weighted_kappa

    pairs = []
    for folder in folders:
        first, second = folder / "labels", folder / "labels2"
        for path in sorted(second.glob("*.labels.json")) if second.exists() else []:
            other = first / path.name
            if other.exists():
                pairs.append((json.loads(other.read_text(encoding="utf-8")), json.loads(path.read_text(encoding="utf-8"))))
    if not pairs:
        return
    names = " + ".join(folder.name for folder in folders)
    print(f"\nlabellers' own agreement, {names} ({len(pairs)} analyses labelled twice, blind)")
    kappas = []
    for cid in criteria:
        a = [one["scores"][cid] for one, _ in pairs]
        b = [two["scores"][cid] for _, two in pairs]
        kappas.append(quadratic_weighted_kappa(a, b))
        print(f"{cid:<13} {kappas[-1]:5.2f}   {statistics.mean(x == y for x, y in zip(a, b)):5.0%}")
    print(f"{'mean':<13} {statistics.mean(kappas):5.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sealed", action="store_true", help="also measure the sealed set (once, at the end of the work)")
    parser.add_argument("--sealed-dir", type=Path, action="append",
                        help="a sealed set: labels/, analyses/, papers/, profiles.tsv; repeat to pool several "
                             f"(default: benchmarks/{NEXT})")
    parser.add_argument("--penalty", type=float, default=None, help="L2 penalty of the fit (default: the library's)")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every analysis's scores")
    args = parser.parse_args()

    from analyser.checking import calibrate
    from analyser.rubric import load_rubric

    rubric = load_rubric()
    criteria = [c.id for c in rubric.criteria]
    labelled = load(OPEN_SETS, PAPERS)
    started = time.perf_counter()
    assessed = calibrate.assess_all(labelled, rubric)
    print(f"{len(assessed)} labelled analyses of {len({i.paper for i in labelled})} articles checked in {time.perf_counter() - started:.0f} s")

    calibrate.rules_only(assessed, rubric)
    baseline = agreement(assessed, criteria)
    baseline_sets = {name: agreement([i for i in assessed if i.labelled.source == name], criteria) for name in OPEN_SETS}
    penalty = args.penalty if args.penalty is not None else calibrate.DEFAULT_PENALTY
    calibrate.leave_papers_out(assessed, rubric, penalty=penalty)
    print_agreement("all open analyses, leave-papers-out", agreement(assessed, criteria), baseline)
    for name in OPEN_SETS:
        subset = [item for item in assessed if item.labelled.source == name]
        if subset:
            print_agreement(f"  of which {name}", agreement(subset, criteria), baseline_sets[name])
    if args.verbose:
        for item in assessed:
            row = "  ".join(f"{c[:4]} {item.labelled.scores[c]}->{scores_of(item)[c]}{'' if scores_of(item)[c] == item.labelled.scores[c] else ' *'}" for c in criteria)
            print(f"{item.labelled.id}: {row}")
    checks(assessed)
    robustness(assessed, criteria, profiles(), "leave-papers-out scores, corpus and spent sealed set")
    review(assessed)
    labellers(criteria)
    for spent in SPENT_ROUNDS:
        labellers(criteria, [BENCH / name for name in spent])

    if args.sealed:
        sealed(assessed, rubric, criteria, penalty, args.sealed_dir or SEALED_DIRS)
    if not args.no_timing:
        timing(labelled, rubric)
    return 0


def sealed(assessed, rubric, criteria, penalty, folders: list[Path]) -> None:
    from analyser.checking import calibrate

    sealed_items = load({folder.name: (folder / "labels", folder / "analyses") for folder in folders},
                        [folder / "papers" for folder in folders])
    if not sealed_items:
        return
    content = calibrate.calibrate(assessed, rubric, penalty=penalty)
    done = calibrate.assess_all(sealed_items, rubric)
    for item in done:
        calibrate.apply(content, item, rubric)
    names = " + ".join(folder.name for folder in folders)
    print_agreement(f"SEALED: {names}, {len({item.labelled.paper for item in done})} articles "
                    "(articles and analyses never seen; measured once)", agreement(done, criteria))
    checks(done)
    robustness(done, criteria, profiles([folder / "profiles.tsv" for folder in folders]), "sealed")
    review(done)
    labellers(criteria, folders)


def timing(labelled, rubric) -> None:
    from analyser.checking import check, inputs, copied
    from analyser.documents import load as load_document

    chosen = next((item for item in labelled if item.path.suffix == ".pdf" and item.article
                   and load_document(item.path).page_count == 3), None)
    if chosen is None:
        return
    runs = 3
    started = time.perf_counter()
    for _ in range(runs):
        load_document(chosen.path)
    baseline = (time.perf_counter() - started) / runs
    cold = 0.0
    for _ in range(runs):
        inputs._load_cached.cache_clear()
        inputs._FACTS.clear()
        copied.article_shingles.cache_clear()
        started = time.perf_counter()
        check(chosen.path, paper=chosen.article, rubric=rubric, offline=True)
        cold += time.perf_counter() - started
    cold /= runs
    print(f"\none check of {chosen.path.name} (3-page PDF), article PDF on disk, read fresh: {cold * 1000:.0f} ms (target < 1000 ms); "
          f"reading the PDF alone: {baseline * 1000:.0f} ms ({cold / baseline:.0f}x)")


if __name__ == "__main__":
    sys.exit(main())
