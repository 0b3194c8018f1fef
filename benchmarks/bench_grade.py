"""Benchmark: grading classes of 200 and 500 generated submissions against cached articles.

    python benchmarks/bench_grade.py [--students 200 500] [--jobs 2]

For each class size: submissions/s for --jobs 1 (the baseline, measured in
the same run) and --jobs N, and their ratio; then the re-run over the
unchanged class (all skipped by the ledger). Targets on a 2-core machine:
>= 10 submissions/s with --jobs 2 for 200 submissions, >= 25/s for 500. The
articles are put in a temporary cache first, so no network is used; each
worker extracts each article's facts once. The similarity step is timed
apart (in the --jobs 1 run).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ANALYSER_SHARED_DIR", REPO.parent / "shared"))

# Three articles of the shared set, with the link students would give.
ARTICLES = {
    "jiang2023-pharmhgt-molecular-property": "https://doi.org/10.1038/s42004-023-00857-x",
    "gao2024-ssl-gnn-polymer-properties": "https://doi.org/10.1039/d4me00088a",
    "ward2016-general-purpose-ml-inorganic-materials": "https://doi.org/10.1038/npjcompumats.2016.28",
}

FIRST = ["Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Giulia", "Hugo", "Inès", "Jonas", "Katia", "Léo",
         "Maya", "Nils", "Olga", "Paul", "Quentin", "Rosa", "Sami", "Tess"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"]

SECTIONS = {
    "Context": [
        "The scientific question is how to predict {prop} without running {cost} for every {thing}.",
        "Machine learning helps because {cost} is slow and the space of {thing}s is huge.",
        "Before this work, {prior} were the usual approach, which the authors find {limit}.",
        "I find the motivation {judgement} because {reason}.",
    ],
    "The ML problem and the data": [
        "This is supervised {task}: the inputs are {inputs} and the target is {prop}.",
        "The data come from {source}, with about {n} examples split {split}.",
        "The framing fits because every {thing} has a measured label, although {caveat}.",
        "With {n} examples, the size is {size_judgement} for a model of this capacity.",
    ],
    "The model": [
        "The model is a {model} that maps {inputs} to {prop}.",
        "Its key choice is {choice}, which I think suits the data because {reason}.",
        "The representation of the inputs is {inputs}, built with {tool}.",
    ],
    "Training": [
        "The loss is {loss}, minimised with {optimiser} at a learning rate of {lr}.",
        "The hyperparameters were chosen by {search}, which {search_judgement}.",
        "Training stops after {epochs} epochs, which {stop_judgement}.",
    ],
    "Overfitting": [
        "The test error of {metric} {value} against a training error of {train} suggests {verdict}.",
        "The {split} split may leak similar {thing}s between train and test, so the score is {optimism}.",
        "Cross-validation with {k} folds gives a spread of {spread}, which I find {judgement}.",
    ],
    "Alternatives": [
        "A {alt_model} would be {cheaper} and could be {better} on small data because {reason}.",
        "More data from {alt_source} could help, at the cost of {alt_cost}.",
        "Framing it as {alt_task} instead would {alt_effect}.",
    ],
}

SLOTS = {
    "prop": ["solubility", "toxicity", "band gap", "formation energy", "electron affinity", "ionisation potential"],
    "cost": ["DFT calculations", "wet-lab assays", "synthesis", "molecular dynamics", "high-throughput screening"],
    "thing": ["molecule", "polymer", "crystal", "compound", "material"],
    "prior": ["descriptor-based models", "fingerprints with random forests", "hand-made rules", "linear QSAR models"],
    "limit": ["too rigid", "blind to functional groups", "slow to transfer", "limited to small data"],
    "judgement": ["convincing", "partly convincing", "weak", "reasonable", "questionable"],
    "reason": ["the labels are noisy", "fragments carry chemistry", "the sets are small", "the features are correlated",
               "the test set is tiny", "the descriptors are cheap"],
    "task": ["regression", "classification", "multi-task regression", "binary classification"],
    "inputs": ["molecular graphs", "composition attributes", "SMILES strings", "fingerprints", "polymer graphs"],
    "source": ["MoleculeNet", "OQMD", "a DFT database", "the authors' own calculations", "ChEMBL"],
    "n": ["642", "1,128", "4,198", "42,966", "228,676", "2,035", "7,821"],
    "split": ["0.8/0.1/0.1", "80/20", "by scaffold", "at random", "with 5-fold cross-validation"],
    "caveat": ["the labels come from one lab", "the splits are random", "the sizes vary a lot", "DFT has its own error"],
    "size_judgement": ["small", "large enough", "borderline", "comfortable"],
    "model": ["graph transformer", "message-passing neural network", "random forest", "gradient-boosted tree ensemble",
              "Gaussian process"],
    "choice": ["the multi-view attention", "the depth of the network", "the number of trees", "the kernel"],
    "tool": ["RDKit", "pymatgen", "Magpie", "BRICS"],
    "loss": ["the mean squared error", "the cross-entropy", "the mean absolute error"],
    "optimiser": ["Adam", "SGD with momentum", "L-BFGS", "greedy splitting"],
    "lr": ["0.001", "0.0005", "0.01", "0.0001"],
    "search": ["a grid search on the validation set", "random search", "default values", "Bayesian optimisation"],
    "search_judgement": ["is sound", "is not reported in detail", "may favour the new model", "is standard"],
    "epochs": ["100", "200", "300", "50"],
    "stop_judgement": ["seems arbitrary", "is justified by a validation curve", "is not explained"],
    "metric": ["RMSE", "MAE", "ROC-AUC"],
    "value": ["0.68", "0.84", "1.27", "0.91", "0.58"],
    "train": ["0.21", "0.35", "0.12", "0.47"],
    "verdict": ["some overfitting", "a reasonable fit", "clear overfitting", "underfitting on rare classes"],
    "optimism": ["optimistic", "slightly optimistic", "hard to trust"],
    "k": ["5", "10", "3"],
    "spread": ["0.05", "0.14", "0.52", "0.02"],
    "alt_model": ["random forest on fingerprints", "kernel ridge regression", "pre-trained transformer", "linear model"],
    "cheaper": ["much cheaper", "faster to train", "easier to interpret"],
    "better": ["better", "competitive", "more robust"],
    "alt_source": ["a second database", "experiments", "higher-level DFT"],
    "alt_cost": ["more computing time", "a harmonisation effort", "label noise"],
    "alt_task": ["ranking", "classification into ranges", "multi-task learning"],
    "alt_effect": ["match how candidates are chosen", "lose precision", "share information between tasks"],
}


def make_submission(rng: random.Random, index: int, link: str) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}"
    lines = [f"# ML analysis {index}", "", f"Name: {name}", f"Article: {link}", ""]
    for heading, templates in SECTIONS.items():
        lines.append(f"## {heading}")
        sentences = [t.format(**{k: rng.choice(v) for k, v in SLOTS.items()}) for t in templates
                     for _ in range(rng.randint(1, 2))]
        rng.shuffle(sentences)
        lines += [" ".join(sentences), ""]
    return "\n".join(lines)


COPIED_EVERY = 25  # one student in 25 hands in a lightly edited copy of another's


def class_texts(students: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    links = list(ARTICLES.values())
    texts = []
    for index in range(students):
        if index % COPIED_EVERY == COPIED_EVERY - 1:
            source = texts[rng.randrange(len(texts))].split("\n")
            source[2] = f"Name: {rng.choice(FIRST)} {rng.choice(LAST)} {index}"  # their own name on it
            texts.append("\n".join(source).replace(" the ", " this ", 3))
        else:
            texts.append(make_submission(rng, index, links[index % len(links)]))
    return texts


def build_class(folder: Path, students: int, seed: int = 0) -> None:
    for index, text in enumerate(class_texts(students, seed)):
        (folder / f"student-{index:03d}.md").write_text(text, encoding="utf-8")


def import_time(module: str) -> float:
    import subprocess

    code = f"import time; start = time.perf_counter(); import {module}; print(time.perf_counter() - start)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def similarity_alone(students: int) -> tuple[float, float, int]:
    """(seconds of the similarity step, seconds of all pairs scored with scikit-learn, pairs) on `students` texts."""
    from analyser.grading import similarity

    import scipy.sparse  # noqa: F401 - imports are measured apart, in fresh interpreters

    texts = {f"s{index:05d}": text for index, text in enumerate(class_texts(students, seed=1))}
    start = time.perf_counter()
    pairs = similarity.similar_pairs(texts, similarity.DEFAULT_THRESHOLD)
    ours = time.perf_counter() - start
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()  # the step before: every pair scored (import not counted)
    slugs = sorted(texts)
    matrix = TfidfVectorizer(strip_accents="unicode", ngram_range=(1, 2), sublinear_tf=True).fit_transform(
        [texts[slug] for slug in slugs])
    product = (matrix @ matrix.T).tocoo()
    found = [(slugs[i], slugs[j]) for i, j, score in zip(product.row, product.col, product.data)
             if i < j and score >= similarity.DEFAULT_THRESHOLD]
    for a, b in found:
        similarity.shared_passages(texts[a], texts[b])
    return ours, time.perf_counter() - start, len(pairs)


def prime_cache() -> None:
    from analyser.sources import parse_identifier
    from analyser.sources.cache import Cache
    from analyser.sources.model import Paper

    cache = Cache()
    for slug, link in ARTICLES.items():
        key = parse_identifier(link).canonical
        cache.store(key, Paper(identifier=key, title=slug, doi=key.removeprefix("doi:")))
        cache.attach(key, SHARED / "papers" / f"{slug}.pdf")


def timed_run(submissions: Path, out: Path, jobs: int) -> tuple[float, dict]:
    """Grade in a fresh interpreter, so that no run inherits another's warm caches
    (forked workers would otherwise receive the articles already extracted)."""
    import json
    import subprocess

    import resource

    command = [sys.executable, __file__, "--_grade", str(submissions), str(out), str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    # CPU of the grading process and its workers: on a shared machine the wall
    # time depends on the neighbours, the CPU time much less.
    figures["cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures["seconds"], figures


def _grade_once(submissions: str, out: str, jobs: str) -> None:
    import json

    start = time.perf_counter()  # includes the imports: what a user waits for
    from analyser.grading import grade_class

    from analyser.grading import similarity

    timed = similarity.similar_pairs
    spent = []

    def similar_pairs(*args, **kwargs):
        began = time.perf_counter()
        try:
            return timed(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - began)

    similarity.similar_pairs = similar_pairs
    result = grade_class([Path(submissions)], Path(out), jobs=int(jobs), offline=True)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "skipped": result.skipped, "pairs": len(result.pairs),
                      "similarity": sum(spent),
                      "review": sum("manual_review" in s.flags for s in result.students)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[200, 500])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--_grade", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._grade:
        _grade_once(*args._grade)
        return 0
    if not (SHARED / "papers").is_dir():
        print(f"no shared papers at {SHARED}: nothing to measure", file=sys.stderr)
        return 1
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the start (other users slow the wall times)")
    for n in args.students:
        _measure(n, args.jobs)
    print("\nthe similarity step alone (pairs at >= 0.8 and their shared passages), imports apart:")
    for n in (500, 2000):
        ours, all_pairs, pairs = similarity_alone(n)
        print(f"  {n} texts: {ours:.2f} s; all pairs scored with scikit-learn (the step before) {all_pairs:.2f} s; "
              f"{pairs} pairs")
    print(f"  importing scipy.sparse {import_time('scipy.sparse'):.2f} s; "
          f"scikit-learn's TfidfVectorizer (the step before) {import_time('sklearn.feature_extraction.text'):.2f} s")
    return 0  # figures, not a test: a loaded machine must not fail a script


def _measure(n: int, jobs: int) -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        os.environ["ANALYSER_CACHE_DIR"] = str(scratch / "cache")
        prime_cache()
        submissions = scratch / "class"
        submissions.mkdir()
        build_class(submissions, n)

        serial, result = timed_run(submissions, scratch / "out-1", 1)
        parallel, par = timed_run(submissions, scratch / f"out-{jobs}", jobs)
        rerun, again = timed_run(submissions, scratch / f"out-{jobs}", jobs)

    print(f"\nclass: {n} generated submissions over {len(ARTICLES)} cached articles "
          f"({result['review']} sent to manual review, {result['pairs']} similar pairs)")
    print(f"--jobs 1 (baseline): {serial:6.2f} s  {n / serial:6.1f} submissions/s  "
          f"CPU {result['cpu']:.1f} s ({1000 * result['cpu'] / n:.0f} ms per submission); "
          f"similarity step {result['similarity']:.2f} s")
    print(f"--jobs {jobs}:            {parallel:6.2f} s  {n / parallel:6.1f} submissions/s  "
          f"speed-up x{serial / parallel:.2f} over the baseline; CPU {par['cpu']:.1f} s, "
          f"{n / (par['cpu'] / jobs):.1f} submissions/s if the {jobs} cores were ours")
    print(f"re-run, unchanged:   {rerun:6.2f} s  {n / rerun:6.1f} submissions/s  "
          f"({again['skipped']} skipped) x{serial / rerun:.1f} over the baseline")
    target = 10 if n <= 200 else 25
    met = n / parallel >= target
    print(f"target >= {target} submissions/s with --jobs {jobs}: {'met' if met else 'NOT met'}")
    return met


if __name__ == "__main__":
    sys.exit(main())
