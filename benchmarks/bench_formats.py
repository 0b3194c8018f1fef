"""Format invariance: an analysis scores the same whatever file the student hands in.

Every labelled analysis written in Markdown and rendered to PDF, Word or HTML
(`corpus/render.py`) is checked twice against its article: from the Markdown
source and from the rendered file. The words are the same, so every
criterion's score should be; a difference is a reading fault (a lost paragraph
break, a heading run into its text, a page break in the wrong place). No labels
are read but the article's name: the open sets only, never a sealed one.

    python benchmarks/bench_formats.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from sealed_sets import OPENED  # noqa: E402

# The open sets only: a sealed set not yet measured is read by nobody.
OPEN_FOLDERS = [BENCH / "corpus", BENCH / "heldout", BENCH / "final"] + [BENCH / name for name in OPENED]


def _paper(slug: str, shared: Path) -> Path | None:
    for folder in [shared / "papers", *sorted(BENCH.glob("*/papers")), BENCH / "papers"]:
        if (folder / f"{slug}.pdf").exists():
            return folder / f"{slug}.pdf"
    return None


def main() -> int:
    from analyser.checking.check import assess

    shared = BENCH.parent.parent / "shared"
    pairs = differing = 0
    for source in sorted(path for folder in OPEN_FOLDERS for path in folder.glob("analyses/*.md")):
        rendered = [path for path in source.parent.glob(f"{source.stem}.*") if path.suffix in (".pdf", ".docx", ".html")]
        labels = source.parent.parent / "labels" / f"{source.stem}.labels.json"
        if not rendered or not labels.exists():
            continue
        paper = _paper(json.loads(labels.read_text(encoding="utf-8"))["paper"], shared)
        if paper is None:
            continue
        base = {r.criterion.id: r.score for r in assess(source, paper=paper, offline=True).results}
        for path in rendered:
            scores = {r.criterion.id: r.score for r in assess(path, paper=paper, offline=True).results}
            changed = {c: (base[c], scores[c]) for c in base if scores[c] != base[c]}
            pairs += 1
            differing += len(changed)
            if changed:
                print(f"  {path.relative_to(BENCH)}: " + ", ".join(f"{c} {a}->{b}" for c, (a, b) in changed.items()))
    print(f"{pairs} rendered files, {6 * pairs} criterion scores: {differing} differ from the Markdown source's "
          f"({100 * (1 - differing / max(1, 6 * pairs)):.1f} % the same)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
