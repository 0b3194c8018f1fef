"""Write `analyser/checking/vocab/background.json`: which words ML-in-science articles share.

    python benchmarks/make_background.py [PDF...]

For every word stem (see `analyser.checking.grounding.stem`), the number of
articles it appears in; the checker calls a word generic when it is in more
than a fifth of them, so that only an article's own vocabulary grounds a
student's statement. The default articles are the open ones of the project
(`../shared/papers/*.pdf` and `benchmarks/papers/*.pdf`), never the sealed
ones (`benchmarks/sealed/`), whose vocabulary must stay unseen. Stems found
in one article only are left out of the file (they are specific anyway).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "analyser" / "checking" / "vocab" / "background.json"


def default_articles() -> list[Path]:
    shared = REPO.parent / "shared" / "papers"
    return sorted(shared.glob("*.pdf")) + sorted((REPO / "benchmarks" / "papers").glob("*.pdf"))


def main() -> int:
    from analyser.checking.grounding import stems
    from analyser.checking.terms import fold
    from analyser.documents import load

    articles = [Path(arg) for arg in sys.argv[1:]] or default_articles()
    if any("sealed" in path.parts for path in articles):
        print("error: sealed articles never enter the background", file=sys.stderr)
        return 2
    df: dict[str, int] = {}
    for path in articles:
        for key in set(stems(fold(load(path).text))):
            df[key] = df.get(key, 0) + 1
    shared = {key: count for key, count in sorted(df.items()) if count >= 2}
    data = {"_about": "word stem -> number of articles holding it, of `articles` ML-in-science articles; "
                      "made by benchmarks/make_background.py",
            "articles": len(articles), "sources": [path.stem for path in articles], "df": shared}
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(shared)} stems shared by 2+ of {len(articles)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
