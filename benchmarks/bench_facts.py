"""Benchmark of `analyser.facts`: accuracy against the labelled papers, and speed.

    python benchmarks/bench_facts.py [--shared ../shared] [--repeat 3]

Accuracy: for each labelled paper of ../shared/eval-dev/paper-facts.json, the
facts of its PDF (read with `analyser.documents.load`) are compared with the
labels. Items in FIELD_allowed may be reported without counting as false
positives. Learning type and task are "values": right when every required
item is found and nothing outside required+allowed is. Main model families and
validation schemes are sets: micro precision/recall/F1 over the papers.
n_samples is right when both are null or within 10 %.

Speed: `load()` alone (the baseline) against `load()` + `extract()` on the
PDF with the most pages, and `analyser facts` as a command (with start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))

from analyser.documents import load  # noqa: E402
from analyser.facts import extract  # noqa: E402


def value_right(found: set[str], required: set[str], allowed: set[str]) -> bool:
    return required <= found and found <= required | allowed


def set_counts(found: set[str], required: set[str], allowed: set[str]) -> tuple[int, int, int]:
    true_positives = len(found & required)
    false_positives = len(found - required - allowed)
    false_negatives = len(required - found)
    return true_positives, false_positives, false_negatives


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def accuracy(shared: Path, labels_path: Path, verbose: bool) -> dict:
    labels = json.loads(labels_path.read_text())
    papers = {slug: item for slug, item in labels.items() if not slug.startswith("_")}
    right = {"learning_type": 0, "tasks": 0, "n_samples": 0}
    counts = {"main_families": [0, 0, 0], "validation": [0, 0, 0]}
    for slug, truth in sorted(papers.items()):
        facts = extract(load(shared / "papers" / f"{slug}.pdf"))
        found = {
            "learning_type": facts.values("learning_type"),
            "tasks": facts.values("tasks"),
            "main_families": facts.main_families(),
            "validation": facts.values("validation"),
        }
        for field in ("learning_type", "tasks"):
            right[field] += value_right(found[field], set(truth[field]), set(truth[f"{field}_allowed"]))
        for field in ("main_families", "validation"):
            for i, count in enumerate(set_counts(found[field], set(truth[field]), set(truth[f"{field}_allowed"]))):
                counts[field][i] += count
        expected, got = truth["n_samples"], facts.data.n_samples
        right["n_samples"] += (
            expected is None and got is None
            or expected is not None and got is not None and abs(got - expected) <= 0.1 * expected
        )
        if verbose:
            print(f"  {slug}")
            for field, values in found.items():
                print(f"    {field:14} found {sorted(values)}  required {truth[field]}  allowed {truth.get(field + '_allowed')}")
            print(f"    {'n_samples':14} found {got}  required {expected}")
    n = len(papers)
    result = {field: right[field] / n for field in right}
    for field, (tp, fp, fn) in counts.items():
        result[field] = prf(tp, fp, fn)
    result["papers"] = n
    return result


def timing(shared: Path, repeat: int) -> list[dict]:
    """Times on the PDF with the most pages and on the largest file (when another)."""
    import pypdfium2

    def pages(path: Path) -> int:
        document = pypdfium2.PdfDocument(path)
        try:
            return len(document)
        finally:
            document.close()

    def best_of(action) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    pdfs = sorted((shared / "papers").glob("*.pdf"))
    chosen = [max(pdfs, key=lambda path: (pages(path), path.stat().st_size)),
              max(pdfs, key=lambda path: path.stat().st_size)]
    def command_cpu(command: list[str]) -> float:
        """CPU seconds of the command (user + system), which other users of the machine do not inflate."""
        before = os.times()
        subprocess.run(command, check=True, capture_output=True, cwd=REPO)
        after = os.times()
        return (after.children_user - before.children_user) + (after.children_system - before.children_system)

    startup = best_of(lambda: subprocess.run([sys.executable, "-m", "analyser", "--help"], check=True,
                                             capture_output=True, cwd=REPO))
    results = []
    for pdf in dict.fromkeys(chosen):
        extract(load(pdf))  # warm the imports and the vocabularies first
        command = [sys.executable, "-m", "analyser", "facts", str(pdf), "--format", "json"]
        results.append({
            "pdf": pdf.name,
            "pages": pages(pdf),
            "megabytes": pdf.stat().st_size / 1e6,
            "load": best_of(lambda: load(pdf)),
            "load+extract": best_of(lambda: extract(load(pdf))),
            "command": best_of(lambda: subprocess.run(command, check=True, capture_output=True, cwd=REPO)),
            "command_cpu": statistics.median(command_cpu(command) for _ in range(repeat)),
            "startup": startup,
        })
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="show each paper's facts against its labels")
    parser.add_argument("--no-timing", action="store_true")
    options = parser.parse_args()

    label_sets = {
        "development set, ../shared/eval-dev/paper-facts.json": options.shared / "eval-dev" / "paper-facts.json",
        # Labelled blind to the extractor, never used to write its rules.
        "held-out set, benchmarks/heldout/paper-facts.json": HERE / "heldout" / "paper-facts.json",
    }
    for name, labels_path in label_sets.items():
        if not labels_path.is_file():
            continue
        result = accuracy(options.shared, labels_path, options.verbose)
        print(f"accuracy on {result['papers']} labelled papers ({name})")
        print(f"  learning_type accuracy    {result['learning_type']:.2f}   (target >= 0.95)")
        print(f"  tasks accuracy            {result['tasks']:.2f}   (target >= 0.95)")
        for field, target in (("main_families", 0.9), ("validation", 0.85)):
            precision, recall, f1 = result[field]
            print(f"  {field:18} P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}   (target F1 >= {target})")
        print(f"  n_samples within 10%      {result['n_samples']:.2f}   (target >= 0.8)")
    if options.no_timing:
        return
    for times in timing(options.shared, options.repeat):
        print(f"speed on {times['pdf']} ({times['pages']} pages, {times['megabytes']:.1f} MB), "
              f"median of {options.repeat}")
        print(f"  load() alone (baseline)   {times['load']:.3f} s")
        print(f"  load() + extract()        {times['load+extract']:.3f} s   "
              f"ratio {times['load+extract'] / times['load']:.2f}")
        print(f"  `analyser facts` command  {times['command']:.3f} s   ratio {times['command'] / times['load']:.2f}"
              f"   (target < 2 s; of which `analyser --help` start-up {times['startup']:.3f} s)")
        print(f"  `analyser facts` CPU time {times['command_cpu']:.3f} s   (user + system)")

if __name__ == "__main__":
    main()
