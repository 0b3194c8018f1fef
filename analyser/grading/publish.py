"""Step 8: the instructor's decisions applied, then every output of the class written.

The grading run ends here, and so does each decision taken on the review
page: the class as the run left it (`.grading/result.pickle`) and
`reviews.json` give the reports, the overview, the gradebook and the e-mail
list, so a decision shows everywhere at once without grading anything again.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

from analyser import atomic
from analyser.grading import gradebook, render
from analyser.grading.errors import OutputDirError
from analyser.grading.model import ClassResult, StudentResult
from analyser.review import apply
from analyser.review.decisions import Reviews

log = logging.getLogger(__name__)

SNAPSHOT = "result.pickle"
OUTDATED_FLAG = "review_outdated"


def publish(result: ClassResult, reviews: Reviews, *, only: str | None = None) -> None:
    """Apply `reviews` to every student, then write the outputs (`only`: that student's report alone)."""
    for student in result.students:
        review_student(student, reviews.students.get(student.key), result.weights)
    result.problems = [f"{st.display_name} ({st.submission.origin}): {'; '.join(st.review or ['not graded'])}"
                       for st in result.students if "manual_review" in st.unresolved]
    result.reviewed = sum(1 for st in result.students if "manual_review" in st.flags
                          and "manual_review" not in st.unresolved)
    names = {st.slug: st.display_name for st in result.students}
    for student in result.students:
        if only is None or student.slug == only:
            render.write_student(student, result, names)
    render.write_index(result)
    gradebook.write_gradebook(result)
    gradebook.write_similarity(result, names)
    render.write_manifest(result)


def review_student(student: StudentResult, decision, weights) -> None:
    state = apply.state_of(decision, student.submission.content_hash)
    student.decision = decision
    student.decision_state = state
    student.reviewed = (apply.reviewed_report(student.outcome.report, decision, weights)
                        if state == apply.APPLIED and weights is not None else None)
    flags = [flag for flag in student.flags if flag != OUTDATED_FLAG]
    if state == apply.OUTDATED:
        flags.append(OUTDATED_FLAG)
    student.flags = flags
    student.unresolved = apply.unresolved(student.outcome.report, flags, decision, state)


def republish_if_edited(out_dir: Path) -> bool:
    """Publish again when reviews.json changed after the outputs were written (a hand edit); True if so.

    Reads reviews.json in any case, so that a hand-edit error is said (ReviewFileError) before
    anything is sent.
    """
    from analyser.review import decisions

    out_dir = Path(out_dir)
    reviews = decisions.load(out_dir)
    try:
        edited = reviews.path.stat().st_mtime_ns > (out_dir / render.MANIFEST).stat().st_mtime_ns
    except OSError:
        return False  # no decision, or no graded class: nothing to publish
    if not edited:
        return False
    result = load_snapshot(out_dir)
    try:
        publish(result, reviews)
    except OSError as error:
        from analyser.grading.outdir import write_failure

        raise write_failure(error, out_dir) from None
    return True


def save_snapshot(result: ClassResult) -> None:
    """The class as graded (automatic outcomes), for the review page to publish decisions from."""
    atomic.write_bytes(result.out_dir / ".grading" / SNAPSHOT, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


def load_snapshot(out_dir: Path) -> ClassResult:
    path = Path(out_dir) / ".grading" / SNAPSHOT
    try:
        # Written by `analyser grade` in the instructor's own output folder.
        result = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        raise OutputDirError("no graded class here: run `analyser grade ... --out DIR` first", path=str(out_dir)) from None
    except Exception as error:  # noqa: BLE001 - another version's or a damaged snapshot
        log.debug("unreadable snapshot %s", path, exc_info=True)
        raise OutputDirError(f"the class was graded by another version of analyser ({type(error).__name__}): "
                             "run `analyser grade` again", path=str(out_dir)) from None
    if not isinstance(result, ClassResult):
        raise OutputDirError("damaged grading state: run `analyser grade` again", path=str(out_dir))
    result.out_dir = Path(out_dir).resolve()
    return result
