"""Write `analyser/checking/vocab/background.json`: which words ML-in-science articles share.

    python benchmarks/make_background.py [PDF...]    (needs `pip install wordfreq`)

For every word stem (see `analyser.checking.grounding.stem`), how often each
article uses it; the checker calls a word generic when it is in more than a
fifth of the other articles and this article does not use it far more often, so that only an article's own vocabulary grounds a
student's statement. The default articles are the open ones of the project
(`../shared/papers/*.pdf` and `benchmarks/papers/*.pdf`), never the sealed
ones (`benchmarks/sealed/`), whose vocabulary must stay unseen. Stems found
in one article only are left out of the file (they are specific anyway).
It also writes `vocab/common.txt`, the everyday words of English and French.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "analyser" / "checking" / "vocab" / "background.json"
COMMON = REPO / "analyser" / "checking" / "vocab" / "common.txt"
COMMON_ZIPF = 4.0  # about once in 10,000 words of everyday English or French: not an article's specific vocabulary


def common_words() -> None:
    """`common.txt`: the stems of everyday English and French words (wordfreq, `pip install wordfreq`)."""
    from importlib.metadata import version

    import wordfreq

    from analyser.checking.grounding import stem
    from analyser.checking.terms import fold

    found = set()
    for language in ("en", "fr"):
        for word in wordfreq.top_n_list(language, 30000):
            if wordfreq.zipf_frequency(word, language) >= COMMON_ZIPF and word.isalpha():
                found.add(stem(fold(word)))
    header = ("# Stems of everyday English and French words (Zipf frequency >= 4: once in 10,000 words or more), "
              "never an article's specific vocabulary.\n# Derived from wordfreq " + version("wordfreq") +
              " (Robyn Speer; data CC BY-SA 4.0, https://github.com/rspeer/wordfreq) by benchmarks/make_background.py.\n")
    COMMON.write_text(header + "\n".join(sorted(found)) + "\n", encoding="utf-8")
    print(f"{COMMON}: {len(found)} stems")


def default_articles() -> list[Path]:
    shared = REPO.parent / "shared" / "papers"
    return sorted(shared.glob("*.pdf")) + sorted((REPO / "benchmarks" / "papers").glob("*.pdf"))


def main() -> int:
    common_words()
    from analyser.checking.grounding import signature, stems
    from analyser.checking.terms import fold
    from analyser.documents import load

    articles = [Path(arg) for arg in sys.argv[1:]] or default_articles()
    if any("sealed" in path.parts for path in articles):
        print("error: sealed articles never enter the background", file=sys.stderr)
        return 2
    rates: dict[str, list[float]] = {}
    signatures = []
    for position, path in enumerate(articles):
        document = load(path)
        signatures.append(signature([(sentence.text, sentence.page) for sentence in document.sentences]))
        words = stems(fold(document.text))
        counts: dict[str, int] = {}
        for key in words:
            counts[key] = counts.get(key, 0) + 1
        for key, count in counts.items():
            rates.setdefault(key, [0.0] * len(articles))[position] = round(10000 * count / len(words), 1) or 0.1
    # Stems of one article only are left out: specific to it whatever the others hold.
    shared = {key: values for key, values in sorted(rates.items()) if sum(1 for v in values if v) >= 2}
    data = {"_about": "word stem -> its rate (occurrences per 10,000 words) in each article of `sources`, among "
                      "ML-in-science articles; `signatures` tell an article of the background when it is checked "
                      "against; made by benchmarks/make_background.py",
            "sources": [path.stem for path in articles], "signatures": signatures, "stems": shared}
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(shared)} stems shared by 2+ of {len(articles)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
