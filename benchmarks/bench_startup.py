"""CLI start-up: `analyser --help` against a bare interpreter, in the same run.

    python benchmarks/bench_startup.py [--repeat N]

Prints the median wall time of each and the ratios; also what importing the
heavy modules would have cost, to show what lazy imports save.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_seconds(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat
    python = sys.executable
    cases = {
        "python -c pass (baseline)": [python, "-c", "pass"],
        "analyser --help": [python, "-m", "analyser", "--help"],
        "analyser --version": [python, "-m", "analyser", "--version"],
        "import numpy+sklearn+pypdf (avoided)": [python, "-c", "import numpy, sklearn.linear_model, pypdf"],
    }
    results = {name: median_seconds(argv, repeat) for name, argv in cases.items()}
    baseline = results["python -c pass (baseline)"]
    print(f"{'case':40} {'median ms':>10} {'x baseline':>11}")
    for name, seconds in results.items():
        print(f"{name:40} {seconds * 1000:10.1f} {seconds / baseline:11.2f}")


if __name__ == "__main__":
    main()
