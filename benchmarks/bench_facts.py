"""Benchmark of `analyser.facts`: accuracy against the labelled papers, and speed.

    python benchmarks/bench_facts.py [--shared ../shared] [--repeat 3] [--verbose] [--no-timing]
    python benchmarks/bench_facts.py --sealed [--sealed-dir benchmarks/sealed5 --sealed-dir benchmarks/sealed6]

Accuracy, per set of labelled papers, each set reported on its own:

- gold sets (`benchmarks/facts-gold/*.json`, format in LABELLING.md): the 8
  shared papers and the new open papers of `benchmarks/papers/`;
- the sealed papers, only with `--sealed` (`<sealed-dir>/paper-facts.json`
  and `<sealed-dir>/papers/*.pdf`, the sealed folders pooled; by default
  the next sealed set, `sealed_sets.NEXT`): the blind test, measured once at the end;
- the older labels (`../shared/eval-dev/paper-facts.json`,
  `benchmarks/heldout/paper-facts.json`: required FIELD + FIELD_allowed).

For each set-valued field (learning type, tasks, main and baseline families,
validation, representation), micro precision and recall over the papers: a
value found is a true positive when the gold lists it, a false positive when
it is outside FIELD and FIELD_allowed (an allowed value is no error), and a
gold value not found is a false negative. Learning type and tasks also get an
exact score (the paper right when every gold value is found and nothing
outside the allowed). n_samples is right when both are null or within 10 %.
Data-set sizes (gold format only): recall = gold sizes found among the sizes
the facts give per data set (within 10 %), precision = sizes given that are
a gold size.

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
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from analyser.documents import load  # noqa: E402
from analyser.facts import extract  # noqa: E402
from sealed_sets import NEXT, SPENT_ROUNDS  # noqa: E402

SET_FIELDS = ("learning_type", "tasks", "main_families", "baseline_families", "validation", "representation")
EXACT_FIELDS = ("learning_type", "tasks")
# Targets of issue 12 (on the sealed papers): (field, measure, threshold).
TARGETS = {
    "learning_type": ("exact", 1.0),
    "tasks": ("F1", 0.95),
    "main_families": ("F1", 0.9),
    "validation": ("F1", 0.9),
    "representation": ("P", 0.9),
}


def set_counts(found: set[str], required: set[str], allowed: set[str]) -> tuple[int, int, int]:
    true_positives = len(found & required)
    false_positives = len(found - required - allowed)
    false_negatives = len(required - found)
    return true_positives, false_positives, false_negatives


def value_right(found: set[str], required: set[str], allowed: set[str]) -> bool:
    return required <= found and found <= required | allowed


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def found_values(facts) -> dict[str, set[str]]:
    return {
        "learning_type": facts.values("learning_type"),
        "tasks": facts.values("tasks"),
        "main_families": facts.main_families(),
        "baseline_families": facts.baseline_families(),
        "validation": facts.values("validation"),
        "representation": facts.values("representation"),
    }


def _close(a: int, b: int) -> bool:
    return abs(a - b) <= 0.1 * max(a, b)


def size_counts(facts, datasets: list[dict]) -> tuple[int, int, int]:
    """(gold sizes found, sizes given that are no gold size, gold sizes missed)."""
    gold = [item["size"] for item in datasets if isinstance(item.get("size"), int)]
    given = [item.size for item in getattr(facts.data, "sets", []) if item.size is not None]
    found = sum(any(_close(size, value) for value in given) for size in gold)
    wrong = sum(not any(_close(value, size) for size in gold) for value in given)
    return found, wrong, len(gold) - found


@dataclass
class SetResult:
    name: str
    papers: int = 0
    counts: dict = field(default_factory=dict)  # field -> [tp, fp, fn]
    exact: dict = field(default_factory=dict)  # field -> papers right
    n_samples: int = 0
    sizes: list = field(default_factory=lambda: [0, 0, 0])
    has_sizes: bool = False

    def line(self, name: str) -> str:
        tp, fp, fn = self.counts[name]
        precision, recall, f1 = prf(tp, fp, fn)
        text = f"  {name:18} P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}   (tp {tp}, fp {fp}, fn {fn})"
        if name in self.exact:
            text += f"   exact {self.exact[name] / self.papers:.2f}"
        return text

    def measure(self, name: str, measure: str) -> float:
        if measure == "exact":
            return self.exact[name] / self.papers
        precision, recall, f1 = prf(*self.counts[name])
        return {"P": precision, "R": recall, "F1": f1}[measure]


def _pdf(slug: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        path = folder / f"{slug}.pdf"
        if path.is_file():
            return path
    return None


def accuracy(name: str, labels_paths: list[Path], folders: list[Path], verbose: bool) -> SetResult:
    labels = {slug: truth for path in labels_paths for slug, truth in json.loads(path.read_text()).items()}
    result = SetResult(name)
    for slug, truth in sorted(labels.items()):
        if slug.startswith("_"):
            continue
        pdf = _pdf(slug, folders)
        if pdf is None:
            print(f"  (no PDF for {slug}: left out)")
            continue
        facts = extract(load(pdf))
        found = found_values(facts)
        result.papers += 1
        for field_name in SET_FIELDS:
            if field_name not in truth:
                continue  # the older labels have no baselines or representation
            required, allowed = set(truth[field_name]), set(truth.get(f"{field_name}_allowed", []))
            counts = result.counts.setdefault(field_name, [0, 0, 0])
            for i, count in enumerate(set_counts(found[field_name], required, allowed)):
                counts[i] += count
            if field_name in EXACT_FIELDS:
                result.exact[field_name] = result.exact.get(field_name, 0) + value_right(found[field_name], required, allowed)
        expected, got = truth["n_samples"], facts.data.n_samples
        result.n_samples += expected is None and got is None or (
            expected is not None and got is not None and _close(got, expected))
        if "datasets" in truth:
            result.has_sizes = True
            for i, count in enumerate(size_counts(facts, truth["datasets"])):
                result.sizes[i] += count
        if verbose:
            print(f"  {slug}")
            for field_name, values in found.items():
                if field_name in truth:
                    extra = sorted(set(truth.get(field_name + "_allowed", [])) - set(truth[field_name]))
                    mark = "" if value_right(values, set(truth[field_name]), set(truth[field_name]) | set(extra)) else "  <--"
                    print(f"    {field_name:18} found {sorted(values)}  gold {truth[field_name]}  allowed {extra}{mark}")
            print(f"    {'n_samples':18} found {got}  gold {expected}")
            if "datasets" in truth:
                given = [item.size for item in getattr(facts.data, "sets", [])]
                print(f"    {'data-set sizes':18} found {given}  gold {[item.get('size') for item in truth['datasets']]}")
    return result


def report(result: SetResult, targets: bool = False) -> None:
    print(f"{result.name}: {result.papers} papers")
    for name in SET_FIELDS:
        if name in result.counts:
            line = result.line(name)
            if targets and name in TARGETS:
                measure, threshold = TARGETS[name]
                value = result.measure(name, measure)
                line += f"   target {measure} >= {threshold}: {'met' if value >= threshold else 'MISSED'}"
            print(line)
    if result.papers:
        print(f"  {'n_samples':18} within 10 % or both null: {result.n_samples / result.papers:.2f}")
    if result.has_sizes:
        precision, recall, _ = prf(*result.sizes)
        print(f"  {'data-set sizes':18} P {precision:.2f}  R {recall:.2f}   (found {result.sizes[0]}, "
              f"wrong {result.sizes[1]}, missed {result.sizes[2]})")


def label_sets(shared: Path, sealed_dirs: list[Path]) -> list[tuple[str, list[Path], list[Path], bool]]:
    """(name, labels, folders of the PDFs, is sealed) of every set there is."""
    open_folders = [shared / "papers", HERE / "papers"]

    def opened(*folders: str) -> tuple[str, list[Path], list[Path], bool]:
        # A round's sealed set measured once and then opened (several are pooled as one).
        return (f"open papers, gold: a round's sealed set, measured once then opened (benchmarks/{' + '.join(folders)})",
                [HERE / folder / "paper-facts.json" for folder in folders], [HERE / folder / "papers" for folder in folders], False)

    sets = [
        ("open papers, gold: the 8 shared papers (benchmarks/facts-gold/paper-facts.json)",
         [HERE / "facts-gold" / "paper-facts.json"], open_folders, False),
        ("open papers, gold: the new open papers (benchmarks/facts-gold/paper-facts-new.json)",
         [HERE / "facts-gold" / "paper-facts-new.json"], open_folders, False),
        *(opened(*spent) for spent in SPENT_ROUNDS),
        ("older labels: development set (../shared/eval-dev/paper-facts.json)",
         [shared / "eval-dev" / "paper-facts.json"], open_folders, False),
        ("older labels: held-out set (benchmarks/heldout/paper-facts.json)",
         [HERE / "heldout" / "paper-facts.json"], open_folders, False),
    ]
    sets = [(name, found, folders, sealed) for name, paths, folders, sealed in sets
            if (found := [path for path in paths if path.is_file()])]
    sealed_labels = [folder / "paper-facts.json" for folder in sealed_dirs if (folder / "paper-facts.json").is_file()]
    if sealed_labels:
        # The sealed papers are looked for in the sealed folders only.
        names = " + ".join(f"{path.parent.name}/paper-facts.json" for path in sealed_labels)
        sets.insert(0, (f"SEALED papers ({names})", sealed_labels, [path.parent / "papers" for path in sealed_labels], True))
    return sets


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

    def command_cpu(command: list[str]) -> float:
        """CPU seconds of the command (user + system), which other users of the machine do not inflate."""
        before = os.times()
        subprocess.run(command, check=True, capture_output=True, cwd=REPO)
        after = os.times()
        return (after.children_user - before.children_user) + (after.children_system - before.children_system)

    pdfs = sorted((shared / "papers").glob("*.pdf")) + sorted((HERE / "papers").glob("*.pdf"))
    chosen = [max(pdfs, key=lambda path: (pages(path), path.stat().st_size)),
              max(pdfs, key=lambda path: path.stat().st_size)]
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="show each paper's facts against its labels")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--sealed", action="store_true",
                        help="also measure the sealed papers (the blind test: once, at the end)")
    parser.add_argument("--sealed-dir", type=Path, action="append",
                        help="folder of sealed papers: paper-facts.json and papers/*.pdf; repeat to pool several "
                             f"(default: benchmarks/{NEXT})")
    options = parser.parse_args(argv)

    sealed_dirs = (options.sealed_dir or [HERE / NEXT]) if options.sealed else []
    for name, labels_paths, folders, sealed in label_sets(options.shared, sealed_dirs):
        # The sealed papers' facts are never shown paper by paper: only the totals.
        report(accuracy(name, labels_paths, folders, options.verbose and not sealed), targets=sealed)
    for folder in sealed_dirs:
        if not (folder / "paper-facts.json").is_file():
            print(f"no sealed labels at {folder / 'paper-facts.json'}")
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
