"""The sealed sets: each round's blind test, measured once with that round's final
code, then opened as development data.

The one list of them, for the benchmarks (`bench_check.py`, `bench_facts.py`), the
calibration's retrain test and `refit_calibration.py`.
"""

from __future__ import annotations

from pathlib import Path

BENCH = Path(__file__).resolve().parent
# Each round's sets, in order (rounds 3 and 4 pooled two).
SPENT_ROUNDS = (("sealed",), ("sealed2",), ("sealed3", "sealed4"), ("sealed5", "sealed6"), ("sealed7",), ("sealed8",),
                ("sealed9",), ("sealed10",), ("sealed11",), ("sealed12",), ("sealed13",), ("sealed14",), ("sealed15",),
                ("sealed16",), ("sealed17",), ("sealed18",), ("sealed19",))
OPENED = tuple(name for spent in SPENT_ROUNDS for name in spent)
# The next blind test: read by `--sealed`, by nobody else.
NEXT = "sealed20"


def calibration_arguments(shared: Path) -> list[str]:
    """`analyser rubric calibrate`'s arguments for the default rubric: every open labelled set."""
    labels = [shared / "eval-dev" / "analyses", BENCH / "heldout" / "analyses", BENCH / "final" / "analyses",
              BENCH / "corpus" / "labels"] + [BENCH / name / "labels" for name in OPENED]
    papers = [shared / "papers", BENCH / "papers"] + [BENCH / name / "papers" for name in OPENED]
    return [str(path) for path in labels] + [option for path in papers for option in ("--papers", str(path))]
