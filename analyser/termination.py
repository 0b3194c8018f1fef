"""A killed run leaves no debris: SIGTERM unwinds like Ctrl-C, and workers die with their parent.

`kill PID`, a closed terminal session, a scheduler's time limit: SIGTERM's
default action ends the process at once, skipping every `finally` -- the
temporary files of atomic writes (`.report.html.x1y2.tmp`) and of downloads
stay behind, and `--jobs` workers, orphaned, grade on for nobody. Here:

- `on_sigterm_unwind()`: SIGTERM raises `Terminated` (a SystemExit, exit
  status 143), so `finally` blocks run -- `atomic_path` removes its
  temporary file -- and no `except Exception` can swallow it;
- `worker_initializer()`, for process pools: the worker gets SIGTERM when its
  parent dies, even by SIGKILL (Linux's parent-death signal), and a SIGTERM
  ends it after its own clean-up;
- `stop_workers()`: the parent, interrupted, stops its workers rather than
  waiting for their current task.

What SIGKILL leaves (nothing can run then) is swept by the next run.
"""

from __future__ import annotations

import os
import signal
import sys

TERMINATED_STATUS = 128 + signal.SIGTERM


class Terminated(SystemExit):
    """SIGTERM was received: unwind (clean-ups run), then exit with status 143."""

    def __init__(self) -> None:
        super().__init__(TERMINATED_STATUS)


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


def on_sigterm_unwind() -> None:
    """From now on, SIGTERM raises Terminated in the main thread (call it from the main thread)."""
    signal.signal(signal.SIGTERM, _raise_terminated)


def worker_initializer() -> None:
    """Run first in each pool worker: die with the parent, unwind on SIGTERM, leave Ctrl-C to the parent."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            PR_SET_PDEATHSIG = 1
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass  # no prctl: the parent's stop_workers() still stops us on SIGTERM or Ctrl-C
        if os.getppid() == 1:
            os._exit(TERMINATED_STATUS)  # the parent died before we could ask to follow it
    signal.signal(signal.SIGTERM, _worker_sigterm)
    # Ctrl-C reaches the whole process group: the parent decides, and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_in_task = False  # in a worker: whether run_in_worker is calling its function


def _worker_sigterm(signum, frame) -> None:
    # Between tasks there is nothing to clean up, and the pool's own code (sending a
    # result back) would swallow the exception and wait on a pipe nobody reads: exit.
    if _in_task:
        raise Terminated()
    os._exit(TERMINATED_STATUS)


def run_in_worker(function, *args):
    """Call `function(*args)` in a pool worker; on SIGTERM, its clean-ups run, then the worker exits.

    (The pool would otherwise catch the exception, report it and take the next task.)
    """
    global _in_task
    _in_task = True
    try:
        return function(*args)
    except Terminated:
        os._exit(TERMINATED_STATUS)
    finally:
        _in_task = False


def stop_workers() -> None:
    """Terminate this process's child processes (the pool's workers) after an interruption."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()  # SIGTERM: the worker removes its temporary files, then exits
