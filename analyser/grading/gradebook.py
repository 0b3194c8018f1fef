"""gradebook.csv (Moodle and Canvas import) and similarity.csv.

Moodle's grade import maps a column to a user field: "Email address" matches
its own field name. Canvas's gradebook import matches students on its leading
columns (Student, ID, SIS User ID, SIS Login ID, Section); we fill "Student"
and "SIS Login ID" (the e-mail address, the login of most e-mail-based
Canvas instances) and leave the Canvas-internal ids empty, which Canvas
accepts when a login id is given. Grades follow, one column each.
"""

from __future__ import annotations

import csv
import io

from analyser import atomic
from analyser.grading.model import ClassResult

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def gradebook_rows(result: ClassResult) -> list[list[str]]:
    total_column = f"Total ({result.rubric_id}, /{result.scale:g})"
    header = CANVAS_COLUMNS + ["Email address", total_column] + [cid for cid, _ in result.criteria] + ["Late", "Needs review"]
    rows = [header]
    seen: dict[str, int] = {}
    for student in result.students:
        seen[student.display_name.casefold()] = seen.get(student.display_name.casefold(), 0) + 1
    for student in sorted(result.students, key=lambda s: s.display_name.casefold()):
        report = student.report or {}
        scores = {c["id"]: c["score"] for c in report.get("criteria", [])}
        email = student.submission.email or ""
        rows.append(
            # Never an empty name: an import rejects the row (the "no name" flag says it is a stand-in).
            [_distinct(student, seen), "", "", email, "", email,
             _number(student.total)]
            + [_number(scores.get(cid)) for cid, _ in result.criteria]
            + ["1" if "late" in student.flags else "0",
               "1" if student.unresolved else "0"]
        )
    return rows


def _distinct(student, seen: dict[str, int]) -> str:
    """The name, with the e-mail (else the report folder) when another student has the same name."""
    if seen.get(student.display_name.casefold(), 0) < 2:
        return student.display_name
    return f"{student.display_name} ({student.submission.email or student.slug})"


def write_gradebook(result: ClassResult) -> None:
    atomic.write_text(result.out_dir / "gradebook.csv", _csv(gradebook_rows(result)))


def write_similarity(result: ClassResult, names: dict[str, str]) -> None:
    rows = [["student_a", "student_b", "similarity", "shared_passages", "longest_shared_passage"]]
    for pair in result.pairs:
        rows.append([names.get(pair.a, pair.a), names.get(pair.b, pair.b), f"{pair.score:.3f}",
                     str(len(pair.passages)), pair.passages[0] if pair.passages else ""])
    atomic.write_text(result.out_dir / "similarity.csv", _csv(rows))


def _number(value) -> str:
    # Empty, not 0, for "not graded": an import must not record a zero nobody gave.
    return "" if value is None else f"{value:g}"


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        # A cell starting with = + - @ is a formula in a spreadsheet: neutralise student text.
        writer.writerow([("'" + cell) if cell[:1] in ("=", "+", "-", "@") else cell for cell in row])
    # A UTF-8 BOM makes Excel (and Moodle's encoding guess) read accented names right.
    return "\ufeff" + buffer.getvalue()
