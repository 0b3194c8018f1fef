"""Issue 13, item 10: killed runs leave no debris, and two runs on one folder do not interleave.

Real processes and real signals: `analyser grade --jobs 2` and `analyser
fetch` run as child processes, are sent SIGTERM or SIGKILL mid-way, and the
test looks at what is left: processes, temporary files, the ledger.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from test_grade_support import PAPER_SLUG, analysis
from sources_support import DOI, Trickler, fixture_json, minimal_pdf, server_url, sources_env  # noqa: F401

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, sends POSIX signals")


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead, only not yet reaped


def wait_until(condition, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")] if folder.exists() else []


@pytest.fixture
def big_class(tmp_path) -> Path:
    """Long enough to grade that a signal surely comes mid-way, even on a loaded machine."""
    folder = tmp_path / "class"
    folder.mkdir()
    for index in range(150):
        text = analysis(f"Student {index}", variant=f"Remark number {index} on the validation split.")
        (folder / f"student-{index:03d}.md").write_text(text + text.split("\n", 4)[4] * 3, encoding="utf-8")
    return folder


@pytest.fixture
def one_student(tmp_path) -> Path:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "ann.md").write_text(analysis("Ann Lee"), encoding="utf-8")
    return folder


def start_grade(inputs: Path, out: Path, paper: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analyser", "grade", str(inputs), "--out", str(out), "--offline",
                             "--paper", str(paper), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def ledger_entries(out: Path) -> int:
    return len(list((out / ".grading").glob("*.json"))) if (out / ".grading").is_dir() else 0


def grading_workers(proc, out: Path) -> list[int]:
    """The worker processes of a `--jobs 2` run, once it has graded a few submissions."""
    wait_until(lambda: ledger_entries(out) >= 5, 120, "the run to grade some submissions")
    workers = children_of(proc.pid)
    assert len(workers) >= 2
    return workers


@pytest.mark.slow
def test_sigterm_stops_the_workers_and_leaves_no_temporary_file(big_class, tmp_path, papers_dir):
    out = tmp_path / "out"
    proc = start_grade(big_class, out, papers_dir / f"{PAPER_SLUG}.pdf", "--jobs", "2")
    try:
        workers = grading_workers(proc, out)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM and "terminated" in err, (proc.returncode, err)
    wait_until(lambda: not any(alive(pid) for pid in workers), 30, "the workers to exit")
    assert temporary_files(out) == []
    assert not (out / "gradebook.csv").exists()  # stopped before the outputs: none half-written
    # What was graded before the signal is in the ledger, whole: the next run starts from there.
    for entry in (out / ".grading").glob("*.json"):
        assert set(json.loads(entry.read_text())) == {"key", "outcome"}


@pytest.mark.slow
def test_workers_die_with_a_killed_parent_and_the_next_run_sweeps_its_debris(big_class, one_student, tmp_path,
                                                                              papers_dir):
    out = tmp_path / "out"
    proc = start_grade(big_class, out, papers_dir / f"{PAPER_SLUG}.pdf", "--jobs", "2")
    try:
        workers = grading_workers(proc, out)
        proc.kill()  # SIGKILL: nothing runs in the parent, its workers must notice
        # The workers hold the parent's pipes until they exit; on a loaded 2-core machine
        # (the suite runs beside it) that has taken over 30 s once, so the bound is generous.
        proc.communicate(timeout=90)
    finally:
        proc.kill()
    wait_until(lambda: not any(alive(pid) for pid in workers), 60, "the orphaned workers to exit")
    # What SIGKILL may leave: temporary files of atomic writes, and the lock file with a dead pid.
    debris = [out / "ann" / ".report.html.k3j_x9a2.tmp", out / ".grading" / ".0123abcd.json.ab12cd34.tmp"]
    for path in debris:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a file")
    assert (out / ".grading" / "lock").read_text().strip() == str(proc.pid)
    # The next run on that folder (here of one student, to be quick) takes the lock over and sweeps.
    result = CliRunner().invoke(cli, ["grade", str(one_student), "--out", str(out), "--offline",
                                      "--paper", str(papers_dir / f"{PAPER_SLUG}.pdf")])
    assert result.exit_code == 0, result.output  # the stale lock is taken over
    assert not any(path.exists() for path in debris) and temporary_files(out) == []


def test_a_worker_between_tasks_exits_at_once_on_sigterm():
    # Between tasks the pool's own code runs, and it catches every exception (sending a
    # result back): a SIGTERM there must end the worker, not be swallowed.
    worker = subprocess.Popen([sys.executable, "-c",
                               "import time\nfrom analyser import termination\ntermination.worker_initializer()\n"
                               "print('ready', flush=True)\n"
                               "for _ in range(60):\n"
                               "    try:\n        time.sleep(1)\n    except BaseException:\n        pass\n"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline().strip() == "ready"
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 143
    finally:
        worker.kill()


def test_two_runs_on_one_folder_do_not_interleave(tmp_path, papers_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "ann.md").write_text(analysis("Ann Lee"), encoding="utf-8")
    out = tmp_path / "out"
    (out / ".grading").mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from pathlib import Path; from analyser.grading import runlock\n"
                               "with runlock.held(Path(sys.argv[1]), '.grading'):\n"
                               "    print('held', flush=True); time.sleep(60)\n", str(out)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        args = ["grade", str(inputs), "--out", str(out), "--offline", "--paper",
                str(papers_dir / f"{PAPER_SLUG}.pdf")]
        refused = CliRunner().invoke(cli, args)
        assert refused.exit_code == 2
        assert refused.output == (f"error: {out}: another `analyser grade` (pid {holder.pid}) is writing to this "
                                  "folder: wait for it to end, or stop it, then run again\n")
        assert not (out / "gradebook.csv").exists()
    finally:
        holder.kill()
        holder.wait()
    result = CliRunner().invoke(cli, args)  # its pid is dead now: the lock is taken over
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_a_download_killed_by_sigterm_leaves_no_temporary_file(sources_env, server_url, tmp_path):
    sources_env.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    trickler = Trickler("body", every=0.05)
    cache = Path(os.environ["ANALYSER_CACHE_DIR"])
    try:
        env = {**os.environ, "ANALYSER_CHEMRXIV_URL": f"http://127.0.0.1:{trickler.port}"}
        proc = subprocess.Popen([sys.executable, "-m", "analyser", "fetch", DOI, "--out", str(tmp_path / "out")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            wait_until(lambda: temporary_files(cache), 30, "the download to start")
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=20)
        finally:
            proc.kill()
    finally:
        trickler.close()
    assert proc.returncode == 128 + signal.SIGTERM and "terminated" in err, err
    assert temporary_files(cache) == []


def test_a_stale_download_is_swept_by_the_next_fetch(sources_env, server_url, tmp_path):
    from analyser.sources import parse_identifier
    from analyser.sources.cache import Cache

    sources_env.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        fixture_json("crossref-chemrxiv-2026.json", server_url))
    sources_env.expect_request(f"/chemrxiv/doi/pdf/{DOI}").respond_with_data(minimal_pdf(),
                                                                            content_type="application/pdf")
    folder = Cache().folder(parse_identifier(DOI).canonical)
    folder.mkdir(parents=True)
    stale, fresh = folder / ".paper.pdf.old12345.tmp", folder / ".paper.pdf.new12345.tmp"
    stale.write_bytes(b"%PDF-1.4 half")
    fresh.write_bytes(b"%PDF-1.4 another process is downloading this one right now")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    result = CliRunner().invoke(cli, ["fetch", DOI, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert not stale.exists() and fresh.exists()
