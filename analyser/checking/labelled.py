"""Analyses that careful graders labelled: what a calibration is fitted on and measured with.

A labelled analysis is a file `<id>.labels.json` (the format of the course's
`eval-dev` set) beside the analysis it labels, or in a folder whose sibling
`analyses/` holds it:

    {"id": "a001", "paper": "<slug>", "file": "a001.pdf",
     "scores": {"context": 2, ...}, "checks": {"student_name": true, ...}, "notes": {...}}

`paper` names the article: `<slug>.pdf` in one of the article folders given.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from analyser.errors import AnalyserError


HANDED_IN = ("pdf", "docx", "html", "tex", "txt", "md")


class LabelsError(AnalyserError):
    """A labels file that cannot be used."""


@dataclass
class Labelled:
    id: str
    paper: str  # the article's slug
    path: Path  # the analysis as handed in
    article: Path | None  # the article's PDF, when found
    scores: dict[str, int]
    checks: dict[str, bool] = field(default_factory=dict)
    source: str = ""  # the folder (set) it comes from
    extra: dict = field(default_factory=dict)  # the rest of the labels file


def read_labels(folders: list[Path], papers: list[Path], *, analyses: Path | None = None) -> list[Labelled]:
    """Every labelled analysis of `folders` (each holding `*.labels.json`, the analysis beside
    it or in `analyses`), its article looked up in `papers`."""
    found: list[Labelled] = []
    for folder in folders:
        files = sorted(Path(folder).glob("*.labels.json"))
        if not files:
            raise LabelsError("no *.labels.json file here", path=str(folder))
        for path in files:
            found.append(_read(path, papers, analyses))
    return found


def _read(path: Path, papers: list[Path], analyses: Path | None) -> Labelled:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        identifier, slug, scores = data["id"], data["paper"], {k: int(v) for k, v in data["scores"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise LabelsError(f"not a labels file ({error.__class__.__name__}: {error})", path=str(path)) from None
    # The analyses beside their labels, or in an `analyses` folder next to the labels' folder.
    where = [path.parent, *([analyses] if analyses else []), path.parent.parent / "analyses"]
    # The file as handed in: named by the labels, else the first of its renderings
    # (a PDF or Word file made from a Markdown source is what the student sends).
    names = [data["file"]] if data.get("file") else [f"{identifier}.{suffix}" for suffix in HANDED_IN]
    submission = next((folder / name for name in names for folder in where if (folder / name).exists()), None)
    if submission is None:
        raise LabelsError(f"the labelled analysis {names[0]} is not beside its labels", path=str(path))
    article = next((Path(folder) / f"{slug}.pdf" for folder in papers if (Path(folder) / f"{slug}.pdf").exists()), None)
    checks = {k: v for k, v in data.get("checks", {}).items() if isinstance(v, bool)}
    extra = {k: v for k, v in data.items() if k not in ("id", "paper", "scores", "checks")}
    return Labelled(identifier, slug, submission, article, scores, checks, str(path.parent), extra)
