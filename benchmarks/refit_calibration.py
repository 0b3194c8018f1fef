"""Refit the default rubric's calibration on every open labelled analysis.

    python benchmarks/refit_calibration.py [--shared ../shared]

Runs `analyser rubric calibrate` on the sets of `sealed_sets.calibration_arguments`
and writes `rubrics/ml-paper-analysis.calibration.json`; the retrain test checks
that the shipped file is what this gives.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sealed_sets import calibration_arguments  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    args = parser.parse_args()
    from analyser.cli import cli

    return cli.main(["rubric", "calibrate", *calibration_arguments(args.shared)], standalone_mode=False) or 0


if __name__ == "__main__":
    sys.exit(main())
