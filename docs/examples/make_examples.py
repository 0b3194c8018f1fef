"""Regenerate the example templates of this folder (run from the repository root).

    python docs/examples/make_examples.py

Same as `analyser template ../shared/papers/ward2016-...pdf --format FMT`, with
the article's title given (the PDF carries none in its metadata) and a fixed
date, so that the files only change when the template does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analyser.documents import load
from analyser.rubric import load_rubric
from analyser.template import build_content
from analyser.template.make import extract_facts
from analyser.template.render import write_template

HERE = Path(__file__).resolve().parent
PAPER = HERE.parents[2] / "shared" / "papers" / "ward2016-general-purpose-ml-inorganic-materials.pdf"
TITLE = "A general-purpose machine learning framework for predicting properties of inorganic materials"


def main() -> None:
    document = load(PAPER)
    facts = extract_facts(document)
    rubric = load_rubric()
    for lang, suffix in (("en", ""), ("fr", "-fr")):
        content = build_content(document, facts, rubric, lang=lang, title=TITLE, date="2026-11-29")
        for fmt in ("md", "tex", "docx", "html"):
            out = write_template(content, fmt, HERE / f"ward2016-template{suffix}.{fmt}", force=True)
            print(out.relative_to(HERE.parent.parent), file=sys.stderr)


if __name__ == "__main__":
    main()
