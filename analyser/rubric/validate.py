"""Check a parsed rubric file against the format, reporting file and line.

tomllib gives values but no positions, so `LineIndex` re-reads the source to
find where each table and key was written; every problem then points at a line
an instructor can open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyser.errors import AnalyserError
from analyser.rubric.model import BUILTIN_GROUPS, LANGUAGES, LEVELS


class RubricError(AnalyserError):
    """A rubric file is missing, unreadable or does not follow the format."""


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=")


def _split_key(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", text)]


class LineIndex:
    """Where each key path (e.g. ('criteria', 2, 'levels', '0')) was written."""

    def __init__(self, source: str):
        self.lines: dict[tuple, int] = {}
        array_counts: dict[tuple, int] = {}
        table: tuple = ()
        depth = 0  # open brackets of a multi-line array
        for number, line in enumerate(source.splitlines(), start=1):
            stripped = _strip_comment(line)
            if depth > 0:
                depth += _bracket_balance(stripped)
                continue
            header = _HEADER.match(stripped)
            if header:
                names = _split_key(header.group(2))
                if header.group(1) == "[[":
                    base = tuple(self._resolve(names[:-1], array_counts)) + (names[-1],)
                    array_counts[base] = array_counts.get(base, -1) + 1
                    path = base + (array_counts[base],)
                else:
                    path = self._resolve(names, array_counts)
                table = tuple(path)
                self.lines.setdefault(table, number)
                continue
            key = _KEY.match(stripped)
            if key:
                self.lines.setdefault(table + tuple(_split_key(key.group(1))), number)
                depth = max(0, _bracket_balance(stripped[key.end():]))

    def _resolve(self, names: list[str], array_counts: dict[tuple, int]) -> list:
        # "[criteria.levels]" after the third "[[criteria]]" means criteria[2].levels.
        path: list = []
        for name in names:
            path.append(name)
            if tuple(path) in array_counts:
                path.append(array_counts[tuple(path)])
        return path

    def line(self, path: tuple) -> int | None:
        path = tuple(str(p) if not isinstance(p, int) else p for p in path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _strip_comment(line: str) -> str:
    out, quote = [], None
    for char in line:
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        out.append(char)
    return "".join(out)


def _bracket_balance(text: str) -> int:
    balance, quote = 0, None
    for char in text:
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "[":
            balance += 1
        elif char == "]":
            balance -= 1
    return balance


TOP_KEYS = {"id", "title", "description", "scale", "checks", "analysis", "scoring", "criteria"}
SCORING_KEYS = {"calibration", "min_specifics", "summary_cap"}
CHECK_KEYS = {"page_limit", "words_per_page", "due", "penalties"}
PENALTY_KEYS = {"late", "over_page_limit"}
ANALYSIS_KEYS = {"min_evaluative_share", "max_copied_share", "min_specific_share", "vocabulary"}
ANALYSIS_VOCABULARY = ("evaluative", "restating", "weak", "praise")
CRITERION_KEYS = {"id", "title", "titles", "weight", "description", "levels", "feedback", "questions", "vocabulary", "explain", "analyse", "proposals"}
VOCABULARY_KEYS = {"heading", "mention", "groups"}


class _Validator:
    def __init__(self, data: dict, index: LineIndex):
        self.data = data
        self.index = index
        self.problems: list[Problem] = []

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.index.line(path), message))

    def unknown(self, table: dict, allowed: set[str], path: tuple) -> None:
        for key in table:
            if key not in allowed:
                where = ".".join(str(p) for p in path) or "top level"
                self.problem(path + (key,), f"unknown key {key!r} in {where} (allowed: {', '.join(sorted(allowed))})")

    def expect(self, table: dict, key: str, types: tuple, path: tuple, *, required: bool = True) -> bool:
        if key not in table:
            if required:
                self.problem(path, f"missing key {key!r} in {'.'.join(str(p) for p in path) or 'top level'}")
            return False
        value = table[key]
        if isinstance(value, bool) and bool not in types:
            ok = False
        else:
            ok = isinstance(value, types)
        if not ok:
            names = " or ".join(t.__name__ for t in types)
            self.problem(path + (key,), f"{key!r} must be {names}, not {type(value).__name__}")
        return ok

    def string_list(self, value, path: tuple, what: str) -> bool:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path, f"{what} must be a list of strings")
            return False
        for term in value:
            if term.startswith("re:"):
                try:
                    re.compile(term[3:])
                except re.error as error:
                    self.problem(path, f"bad regular expression {term!r} in {what}: {error}")
        return True

    def run(self) -> list[Problem]:
        data = self.data
        self.unknown(data, TOP_KEYS, ())
        self.expect(data, "id", (str,), ())
        self.expect(data, "title", (str,), ())
        self.expect(data, "description", (str,), (), required=False)
        if self.expect(data, "scale", (int, float), ()) and data["scale"] <= 0:
            self.problem(("scale",), "'scale' must be positive")
        self.checks(data.get("checks", {}))
        self.analysis(data.get("analysis", {}))
        self.scoring(data.get("scoring", {}))
        criteria = data.get("criteria")
        if not isinstance(criteria, list) or not criteria:
            self.problem(("criteria",), "the rubric needs at least one [[criteria]] table")
            return self.problems
        seen: set[str] = set()
        for position, criterion in enumerate(criteria):
            self.criterion(criterion, ("criteria", position), seen)
        return self.problems

    def checks(self, checks) -> None:
        path = ("checks",)
        if not isinstance(checks, dict):
            self.problem(path, "[checks] must be a table")
            return
        self.unknown(checks, CHECK_KEYS, path)
        for key in ("page_limit", "words_per_page"):
            if self.expect(checks, key, (int,), path, required=False) and checks[key] <= 0:
                self.problem(path + (key,), f"{key!r} must be a positive integer")
        if self.expect(checks, "due", (str,), path, required=False) and checks["due"]:
            from datetime import datetime

            try:
                datetime.fromisoformat(checks["due"].replace("Z", "+00:00"))  # 3.10 reads no "Z"
            except ValueError:
                self.problem(path + ("due",), f"'due' is not an ISO date-time: {checks['due']!r}")
        penalties = checks.get("penalties", {})
        if not isinstance(penalties, dict):
            self.problem(path + ("penalties",), "[checks.penalties] must be a table")
            return
        self.unknown(penalties, PENALTY_KEYS, path + ("penalties",))
        for key in PENALTY_KEYS:
            if self.expect(penalties, key, (int, float), path + ("penalties",), required=False) and penalties[key] < 0:
                self.problem(path + ("penalties", key), f"penalty {key!r} must be >= 0 (points off the total)")

    def scoring(self, scoring) -> None:
        path = ("scoring",)
        if not isinstance(scoring, dict):
            self.problem(path, "[scoring] must be a table")
            return
        self.unknown(scoring, SCORING_KEYS, path)
        self.expect(scoring, "calibration", (str,), path, required=False)
        if self.expect(scoring, "min_specifics", (int,), path, required=False) and scoring["min_specifics"] < 0:
            self.problem(path + ("min_specifics",), "'min_specifics' must be 0 or more")
        if self.expect(scoring, "summary_cap", (int,), path, required=False) and not 0 <= scoring["summary_cap"] <= 3:
            self.problem(path + ("summary_cap",), "'summary_cap' must be a level, 0 to 3")

    def analysis(self, analysis) -> None:
        path = ("analysis",)
        if not isinstance(analysis, dict):
            self.problem(path, "[analysis] must be a table")
            return
        self.unknown(analysis, ANALYSIS_KEYS, path)
        for key in ("min_evaluative_share", "max_copied_share", "min_specific_share"):
            if self.expect(analysis, key, (int, float), path, required=False) and not 0 <= analysis[key] <= 1:
                self.problem(path + (key,), f"{key!r} must be between 0 and 1")
        vocabulary = analysis.get("vocabulary", {})
        for language, table in vocabulary.items() if isinstance(vocabulary, dict) else ():
            where = path + ("vocabulary", language)
            if language not in LANGUAGES:
                self.problem(where, f"unknown language {language!r} (allowed: {', '.join(LANGUAGES)})")
                continue
            self.unknown(table, set(ANALYSIS_VOCABULARY), where)
            for key in ANALYSIS_VOCABULARY:
                if key in table:
                    self.string_list(table[key], where + (key,), f"analysis vocabulary {key!r}")

    def criterion(self, criterion, path: tuple, seen: set[str]) -> None:
        if not isinstance(criterion, dict):
            self.problem(path, "each [[criteria]] entry must be a table")
            return
        self.unknown(criterion, CRITERION_KEYS, path)
        if self.expect(criterion, "id", (str,), path):
            if criterion["id"] in seen:
                self.problem(path + ("id",), f"duplicate criterion id {criterion['id']!r}")
            seen.add(criterion["id"])
        self.expect(criterion, "title", (str,), path)
        if self.expect(criterion, "titles", (dict,), path, required=False):
            for language, title in criterion["titles"].items():
                if language not in LANGUAGES:
                    self.problem(path + ("titles", language), f"unknown language {language!r} in titles")
                elif not isinstance(title, str) or not title.strip():
                    self.problem(path + ("titles", language), f"titles.{language} must be a non-empty string")
        self.expect(criterion, "description", (str,), path, required=False)
        self.expect(criterion, "proposals", (bool,), path, required=False)
        if self.expect(criterion, "weight", (int, float), path) and criterion["weight"] <= 0:
            self.problem(path + ("weight",), f"weight of {criterion.get('id', '?')!r} must be positive, not {criterion['weight']}")
        if self.expect(criterion, "levels", (dict,), path):
            self.level_table(criterion["levels"], path + ("levels",), "levels")
        if self.expect(criterion, "feedback", (dict,), path):
            feedback = criterion["feedback"]
            # 0..3 in English, and [criteria.feedback.fr] (0..3) for another language.
            self.level_table({k: v for k, v in feedback.items() if not isinstance(v, dict)}, path + ("feedback",), "feedback")
            for language, table in feedback.items():
                if not isinstance(table, dict):
                    continue
                where = path + ("feedback", language)
                if language not in LANGUAGES:
                    self.problem(where, f"unknown language {language!r} in feedback (allowed: {', '.join(LANGUAGES)})")
                else:
                    self.level_table(table, where, f"feedback.{language}")
        if self.expect(criterion, "questions", (dict,), path, required=False):
            for language, questions in criterion["questions"].items():
                if language not in LANGUAGES:
                    self.problem(path + ("questions", language), f"unknown language {language!r} in questions")
                else:
                    self.string_list(questions, path + ("questions", language), "questions")
        groups = self.vocabulary(criterion.get("vocabulary"), path + ("vocabulary",))
        for key in ("explain", "analyse"):
            rules = criterion.get(key, [])
            if not isinstance(rules, list) or not all(isinstance(r, list) and r and all(isinstance(g, str) for g in r) for r in rules):
                self.problem(path + (key,), f"{key!r} must be a list of lists of group names")
                continue
            for rule in rules:
                # "a+b", "a&b", and "a{n}" (found in at least n sentences)
                for group in (name for item in rule for name in re.split(r"[+&]", re.sub(r"\{\d+\}$", "", item))):
                    if group not in groups and group not in BUILTIN_GROUPS:
                        self.problem(path + (key,), f"{key!r} names group {group!r}, which no vocabulary defines")

    def level_table(self, table: dict, path: tuple, what: str) -> None:
        for key, value in table.items():
            if key not in {str(level) for level in LEVELS}:
                self.problem(path + (key,), f"unknown level {key!r} in {what} (levels are 0, 1, 2, 3)")
            elif not isinstance(value, str) or not value.strip():
                self.problem(path + (key,), f"{what} level {key} must be a non-empty string")
        for level in LEVELS:
            if str(level) not in table:
                self.problem(path, f"missing level {level} in {what}")

    def vocabulary(self, vocabulary, path: tuple) -> set[str]:
        groups: set[str] = set()
        if vocabulary is None:
            self.problem(path[:-1], "missing [criteria.vocabulary] (the terms this criterion looks for)")
            return groups
        if not isinstance(vocabulary, dict):
            self.problem(path, "vocabulary must be a table of languages")
            return groups
        for language, table in vocabulary.items():
            where = path + (language,)
            if language not in LANGUAGES:
                self.problem(where, f"unknown language {language!r} in vocabulary (allowed: {', '.join(LANGUAGES)})")
                continue
            if not isinstance(table, dict):
                self.problem(where, f"vocabulary.{language} must be a table")
                continue
            self.unknown(table, VOCABULARY_KEYS, where)
            for key in ("heading", "mention"):
                if key in table:
                    self.string_list(table[key], where + (key,), f"vocabulary.{language}.{key}")
            for name, terms in table.get("groups", {}).items():
                if name in BUILTIN_GROUPS:
                    self.problem(where + ("groups", name), f"group name {name!r} is built in; choose another")
                if self.string_list(terms, where + ("groups", name), f"group {name!r}"):
                    groups.add(name)
        if not any(isinstance(t, dict) and t.get("mention") for t in vocabulary.values()):
            self.problem(path, "vocabulary needs 'mention' terms in at least one language")
        return groups


def validate(data: dict, source: str) -> list[Problem]:
    """Every problem of a parsed rubric, with the line it was found on."""
    return _Validator(data, LineIndex(source)).run()
