"""Benchmark: the review page of a 200-student class.

    python benchmarks/bench_review.py [--students 200]

Grades a generated class (bench_grade.py's generator, articles cached, no
network), marks a third of the students' scores as uncertain the way the
checker will (so the queue is full), then measures:

- opening the page cold: a fresh interpreter imports Flask, loads the class,
  starts the server and gets the queue page through the token redirect --
  what the instructor waits for after `analyser review OUT`. Target: < 1 s;
- each page once warm (queue, a submission, a decision saved and published)
  against a baseline measured on the same server in the same run: a static
  file of the queue page's size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_grade  # noqa: E402  (the class generator and the cached articles)


def _uncertain(out: Path, seed: int = 1) -> int:
    """Mark scores as the checker will: review=true with a confidence, on a third of the students."""
    import pickle

    snapshot = out / ".grading" / "result.pickle"
    result = pickle.loads(snapshot.read_bytes())
    rng = random.Random(seed)
    marked = 0
    for student in result.students:
        if student.outcome.report and rng.random() < 1 / 3:
            criterion = rng.choice(student.outcome.report["criteria"])
            criterion["review"] = True
            student.outcome.confidence[criterion["id"]] = round(rng.uniform(0.1, 0.7), 2)
            marked += 1
    snapshot.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return marked


def _open_cold(out: str) -> None:
    """In a fresh interpreter: from nothing to the queue page, as `analyser review OUT` does."""
    start = time.perf_counter()
    import requests

    from analyser.web import review, security, server

    token = security.new_secret()
    running = server.start(review.create_app(Path(out), token), token)
    page = requests.get(running.url, timeout=30)
    seconds = time.perf_counter() - start
    running.stop()
    print(json.dumps({"seconds": seconds, "status": page.status_code, "bytes": len(page.content),
                      "items": page.text.count('<li class="item ')}))


def _median(session, url: str, times: int = 15, **kwargs) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        response = session.get(url, timeout=30, **kwargs)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--_open", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._open:
        _open_cold(args._open)
        return 0
    if not (bench_grade.SHARED / "papers").is_dir():
        print(f"no shared papers at {bench_grade.SHARED}: nothing to measure", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        os.environ["ANALYSER_CACHE_DIR"] = str(scratch / "cache")
        bench_grade.prime_cache()
        submissions = scratch / "class"
        submissions.mkdir()
        bench_grade.build_class(submissions, args.students)
        out = scratch / "out"
        from analyser.grading import grade_class

        start = time.perf_counter()
        grade_class([submissions], out, jobs=2, offline=True)
        grading = time.perf_counter() - start
        marked = _uncertain(out)

        cold = []
        for _ in range(3):
            done = subprocess.run([sys.executable, __file__, "--_open", str(out)], capture_output=True, text=True,
                                  check=True, env=os.environ)
            cold.append(json.loads(done.stdout.strip().splitlines()[-1]))
        open_seconds = statistics.median(c["seconds"] for c in cold)

        import re

        import requests
        from flask import send_file

        from analyser.web import review, security, server

        token = security.new_secret()
        app = review.create_app(out, token)
        static = scratch / "static.html"
        app.add_url_rule("/baseline", "baseline", lambda: send_file(static, mimetype="text/html"))
        running = server.start(app, token)
        session = requests.Session()
        queue_page = session.get(running.url, timeout=30).text
        static.write_text(queue_page, encoding="utf-8")
        root = running.url.split("?")[0]
        baseline = _median(session, root + "baseline")
        queue = _median(session, root)
        slug = re.search(r'data-slug="([^"]+)"', queue_page).group(1)
        student = _median(session, root + f"s/{slug}")
        page = session.get(root + f"s/{slug}", timeout=30).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        cid = re.search(r'data-criterion="([^"]+)"', page).group(1)
        decisions = []
        for score in (0, 1, 2, 3, 2):
            started = time.perf_counter()
            response = session.post(root + f"s/{slug}/criterion/{cid}", timeout=30,
                                    data={"csrf": csrf, "score": str(score), "action": "set"},
                                    headers={"Origin": root.rstrip("/")})
            decisions.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        running.stop()

    n = args.students
    print(f"class: {n} generated submissions graded in {grading:.1f} s (--jobs 2); {marked} with an uncertain "
          f"score; queue page {len(queue_page) / 1024:.0f} KB with {cold[0]['items']} items")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    runs = ", ".join(f"{c['seconds']:.2f}" for c in cold)
    print(f"open cold (fresh interpreter, imports, class loaded, queue page): median {open_seconds:.2f} s "
          f"of {len(cold)} ({runs}); target < 1 s: "
          f"{'met' if open_seconds < 1 else 'NOT met'}")
    print(f"baseline, a static file of the queue page's size: {1000 * baseline:6.1f} ms")
    print(f"queue page, warm:                                 {1000 * queue:6.1f} ms  x{queue / baseline:.1f} the baseline")
    print(f"a submission's page, warm:                        {1000 * student:6.1f} ms  x{student / baseline:.1f}")
    print(f"a decision saved and published (reviews.json, report, overview, gradebook, e-mail list): "
          f"median {1000 * statistics.median(decisions):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
