"""Add the mechanical fields to the corpus labels: the file handed in, its format, pages, page_limit.

    python benchmarks/corpus/complete_labels.py [--root DIR]

The labellers judge the analyses; the page count is no judgement. The spec's
rule gives it: a PDF's page count, else the word count at 500 words a page
(an estimate). Each `labels*/<id>.labels.json` under DIR (default: this
folder) gets `file`, `format`, `words`, `pages`, `pages_estimated` and
`checks.page_limit`; nothing else in it changes.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

HERE = Path(__file__).parent
HANDED_IN = ("pdf", "docx", "html", "tex", "txt", "md")


def complete(path: Path, analyses: Path) -> bool:
    from analyser.documents import load

    data = json.loads(path.read_text(encoding="utf-8"))
    handed = next((analyses / f"{data['id']}.{suffix}" for suffix in HANDED_IN if (analyses / f"{data['id']}.{suffix}").exists()), None)
    if handed is None:
        return False
    document = load(handed)
    words = document.word_count
    pages, estimated = (document.page_count, False) if not document.pages_estimated else (max(1, math.ceil(words / 500)), True)
    data.update(file=handed.name, format=handed.suffix[1:], words=words, pages=pages, pages_estimated=estimated)
    data.setdefault("checks", {})["page_limit"] = pages <= 3
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE)
    args = parser.parse_args()
    done = 0
    for folder in sorted(args.root.glob("labels*")):
        for path in sorted(folder.glob("*.labels.json")):
            done += complete(path, args.root / "analyses")
    print(f"{done} label files completed")


if __name__ == "__main__":
    main()
