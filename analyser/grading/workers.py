"""The processes of `--jobs`: one pool per run, grading the submissions.

With `--jobs 1` everything runs in this process. With more, a pool of
processes is started when first needed and kept for the whole run.

A run that is interrupted (Ctrl-C, SIGTERM) stops its workers rather than
waiting for their current task; a worker killed from outside stops the run
with a one-line error (what was graded is in the ledger: running again goes
on from there). See `analyser.termination` for what the workers do on their
side.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from analyser import termination
from analyser.grading import runlock
from analyser.grading.errors import WorkerLostError
from analyser.grading.job import JobSettings, grade_one


class Workers:
    """`with Workers(jobs) as workers:` then `workers.grade(todo, settings)`."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if self._pool is None:
            return
        if error is None:
            self._pool.shutdown()
            return
        # Ctrl-C, SIGTERM, a failure: stop now rather than finish the rest; what is done is in the ledger.
        self._pool.shutdown(wait=False, cancel_futures=True)
        termination.stop_workers()
        if isinstance(error, BrokenProcessPool):
            raise WorkerLostError("a grading worker was stopped from outside (killed?): run the same command "
                                  "again to go on where it stopped") from None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_worker_start)
        return self._pool

    def grade(self, todo: list, settings: JobSettings):
        """(outcome, key) for each (submission, key) of `todo`, in completion order."""
        if self.jobs <= 1 or len(todo) <= 1:
            for submission, key in todo:
                yield grade_one(submission, settings), key
            return
        pool = self._started()
        futures = {pool.submit(termination.run_in_worker, grade_one, submission, settings): key
                   for submission, key in todo}
        for future in as_completed(futures):
            yield future.result(), futures[future]


def _worker_start() -> None:
    """Each worker: dies with the run, cleans up on SIGTERM, holds no copy of the run's lock."""
    termination.worker_initializer()
    runlock.forget_in_child()
