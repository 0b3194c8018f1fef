"""Read a rubric file once into typed objects (`Rubric`)."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from analyser.rubric.model import (
    LANGUAGES,
    LEVELS,
    AnalysisSettings,
    CheckSettings,
    Criterion,
    Penalties,
    Rubric,
    ScoringSettings,
    Vocabulary,
)
from analyser.rubric.validate import ANALYSIS_VOCABULARY, RubricError, validate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT = "ml-paper-analysis"


def find_rubric(name_or_path: str | Path | None = None) -> Path:
    """A path as given, or a bundled rubric by name (with or without .toml)."""
    from analyser.resources import rubrics_dir

    if name_or_path is None:
        name_or_path = DEFAULT
    text = str(name_or_path)
    path = Path(text)
    if path.suffix == ".toml" or path.parent != Path(".") or path.exists():
        if not path.is_file():
            raise RubricError("no such rubric file", path=text)
        return path
    bundled = rubrics_dir() / f"{text}.toml"
    if not bundled.is_file():
        available = ", ".join(sorted(p.stem for p in rubrics_dir().glob("*.toml")))
        raise RubricError(f"no rubric named {text!r} (bundled: {available})")
    return bundled


def load_rubric(name_or_path: str | Path | None = None) -> Rubric:
    """The rubric `name_or_path` (None: the course default), validated."""
    path = find_rubric(name_or_path)
    stat = path.stat()
    # Cached by modification time: the batch grader loads it once per submission.
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load(path: str, _mtime: int, _size: int) -> Rubric:
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RubricError(f"cannot read: {error}", path=path) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        # tomllib's message ends with "(at line N, column M)".
        raise RubricError(f"not valid TOML: {error}", path=path) from None
    problems = validate(data, source)
    if problems:
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise RubricError(f"{problems[0]}{more}", path=path)
    return build(data, path)


def problems_in(path: str | Path) -> list[str]:
    """All problems of a rubric file, one line each (for `analyser rubric validate`)."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RubricError(f"cannot read: {error}", path=str(path)) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        return [f"{path}: not valid TOML: {error}"]
    return [f"{path}: {problem}" for problem in validate(data, source)]


def build(data: dict, path: str = "") -> Rubric:
    checks = data.get("checks", {})
    penalties = checks.get("penalties", {})
    analysis = data.get("analysis", {})
    words: dict[str, list[str]] = {key: [] for key in ANALYSIS_VOCABULARY}
    for table in analysis.get("vocabulary", {}).values():
        for key in ANALYSIS_VOCABULARY:
            words[key].extend(table.get(key, []))
    return Rubric(
        id=data["id"],
        title=data["title"],
        description=data.get("description", ""),
        scale=float(data["scale"]),
        criteria=[_criterion(c) for c in data["criteria"]],
        checks=CheckSettings(
            page_limit=int(checks.get("page_limit", 3)),
            words_per_page=int(checks.get("words_per_page", 500)),
            due=checks.get("due", ""),
            penalties=Penalties(
                late=float(penalties.get("late", 0.0)),
                over_page_limit=float(penalties.get("over_page_limit", 0.0)),
            ),
        ),
        analysis=AnalysisSettings(
            min_evaluative_share=float(analysis.get("min_evaluative_share", 0.6)),
            max_copied_share=float(analysis.get("max_copied_share", 0.15)),
            min_specific_share=float(analysis.get("min_specific_share", 0.15)),
            evaluative=tuple(words["evaluative"]),
            restating=tuple(words["restating"]),
            weak=tuple(words["weak"]),
            praise=tuple(words["praise"]),
        ),
        path=path,
        scoring=_scoring(data.get("scoring", {}), path),
    )


def calibration_file(name: str, rubric_path: str) -> Path | None:
    """The calibration file a rubric names: beside the rubric, else bundled (a copy
    of the default rubric an instructor edits keeps its calibration)."""
    from analyser.resources import rubrics_dir

    for folder in ([Path(rubric_path).parent] if rubric_path else []) + [rubrics_dir()]:
        candidate = folder / name
        if candidate.is_file():
            return candidate.resolve()
    return None


def _scoring(data: dict, path: str) -> ScoringSettings:
    calibration = data.get("calibration", "")
    if calibration:
        found = calibration_file(calibration, path)
        if found is None:
            raise RubricError(f"the calibration file {calibration!r} named in [scoring] is neither beside the rubric nor bundled; "
                              "fit one with `analyser rubric calibrate` or remove the line", path=path)
        calibration = str(found)
    return ScoringSettings(
        min_specifics=int(data.get("min_specifics", 2)),
        summary_cap=int(data.get("summary_cap", 2)),
        calibration=calibration,
    )


def _criterion(data: dict) -> Criterion:
    heading: list[str] = []
    mention: list[str] = []
    groups: dict[str, list[str]] = {}
    for table in data["vocabulary"].values():
        heading.extend(table.get("heading", []))
        mention.extend(table.get("mention", []))
        for name, terms in table.get("groups", {}).items():
            groups.setdefault(name, []).extend(terms)
    return Criterion(
        id=data["id"],
        title=data["title"],
        weight=float(data["weight"]),
        description=data.get("description", ""),
        levels={level: data["levels"][str(level)] for level in LEVELS},
        feedback={level: data["feedback"][str(level)] for level in LEVELS},
        translations={
            language: {level: table[str(level)] for level in LEVELS}
            for language, table in data["feedback"].items()
            if language in LANGUAGES and isinstance(table, dict)
        },
        questions={language: list(q) for language, q in data.get("questions", {}).items()},
        titles=dict(data.get("titles", {})),
        vocabulary=Vocabulary(
            heading=tuple(heading),
            mention=tuple(mention),
            groups={name: tuple(terms) for name, terms in groups.items()},
        ),
        explain=tuple(tuple(rule) for rule in data.get("explain", [])),
        analyse=tuple(tuple(rule) for rule in data.get("analyse", [])),
        proposals=bool(data.get("proposals", False)),
    )
