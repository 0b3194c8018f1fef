"""Extraction fidelity against the papers' text twins.

For every PDF in ../shared/papers/ with a twin in ../shared/papers/text/, the
share of the twin's body sentences (8 words or more, before References) that
`analyser extract --format text` recovers verbatim, ignoring case and
punctuation. Printed per paper and per engine, next to the same measure on
the raw engine text (no cleaning) as a baseline.

    python benchmarks/fidelity.py [--papers DIR] [--engines auto,pdfium,pypdf]

Target: >= 0.97 on every paper.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PAPERS = REPO.parent / "shared" / "papers"
TARGET = 0.97
MIN_WORDS = 8

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_REFERENCES = re.compile(r"^#{1,6}\s*(references|bibliography|references and notes)\s*$", re.IGNORECASE | re.MULTILINE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MARKUP = re.compile(r"(\*\*|__|\*|`)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")
_NOT_WORD = re.compile(r"[^\w\s]|_", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, spacing collapsed: what "verbatim" compares."""
    # NFKC: a superscript "¹" in the twin is the "1" the PDF prints raised.
    return " ".join(_NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower()).split())


# A reference number raised after a word ("simulations<sup>1–3</sup>", "HDNNPs¹³"):
# the extraction leaves it out when the type size shows it raised (PDFium), or keeps
# it glued (pypdf); a sentence is recovered either way. Kept between two marks.
_REFERENCE_MARK = re.compile(r"(?<=[^\W\d_]{3})(?:<sup>[\d,–\-\s]+</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰](?:[¹²³⁴⁵⁶⁷⁸⁹⁰⁻,]*[¹²³⁴⁵⁶⁷⁸⁹⁰])?)")
_MARK = "\u2063"
_MARKED = re.compile(f"{_MARK}[^{_MARK}]*{_MARK}")


def twin_sentences(markdown: str) -> list[str]:
    """Body sentences of >= MIN_WORDS words of a twin, before its References heading."""
    text = _REFERENCE_MARK.sub(lambda match: _MARK + match.group() + _MARK, _FRONT_MATTER.sub("", markdown))
    cut = _REFERENCES.search(text)
    if cut:
        text = text[: cut.start()]
    sentences = []
    # Each list item is a paragraph of its own (its number is no part of a sentence).
    text = re.sub(r"\n(?=\s*(?:[-*+]|\d{1,3}\.)\s)", "\n\n", text)
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if not paragraph or paragraph.startswith(("#", "|", "$$", "[")) or paragraph.startswith("!["):
            continue  # headings, tables, display maths, editorial notes
        paragraph = re.sub(r"^(?:[-*+]|\d{1,3}\.)\s+", "", paragraph)
        paragraph = _MARKUP.sub("", _TAG.sub("", paragraph))
        for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
            if len(sentence.split()) >= MIN_WORDS:
                sentences.append(sentence)
    return sentences


def recovered(sentences: list[str], extracted: str) -> tuple[float, list[str]]:
    haystack = normalise(extracted)
    missing = [sentence for sentence in sentences
               if normalise(_MARKED.sub("", sentence)) not in haystack and normalise(sentence) not in haystack]
    return 1 - len(missing) / len(sentences), missing


def cli_text(pdf: Path, engine: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "analyser", "extract", str(pdf), "--format", "text", "--pdf-engine", engine],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def raw_text(pdf: Path, engine: str) -> str:
    from analyser.documents.pdf_engines import extract

    return "\n".join(extract(pdf.read_bytes(), str(pdf), engine).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=Path, default=DEFAULT_PAPERS)
    parser.add_argument("--engines", default="auto,pdfium,pypdf")
    parser.add_argument("--show-missing", type=int, default=0, help="print N missed sentences per paper")
    args = parser.parse_args()
    engines = args.engines.split(",")
    twins = sorted((args.papers / "text").glob("*.md"))
    pairs = [(args.papers / f"{twin.stem}.pdf", twin) for twin in twins if (args.papers / f"{twin.stem}.pdf").exists()]
    if not pairs:
        print(f"no PDF with a text twin under {args.papers}")
        return 1
    header = f"{'paper':50s} {'sent':>5s}" + "".join(f" {engine:>7s} {'raw':>6s}" for engine in engines)
    print(header)
    worst = {engine: 1.0 for engine in engines}
    for pdf, twin in pairs:
        sentences = twin_sentences(twin.read_text(encoding="utf-8"))
        row = f"{pdf.stem[:50]:50s} {len(sentences):5d}"
        for engine in engines:
            share, missing = recovered(sentences, cli_text(pdf, engine))
            raw_engine = "pdfium" if engine == "auto" else engine
            raw_share, _ = recovered(sentences, raw_text(pdf, raw_engine))
            worst[engine] = min(worst[engine], share)
            row += f" {share:7.3f} {raw_share:6.3f}"
            if args.show_missing and engine == engines[0]:
                for sentence in missing[: args.show_missing]:
                    print(f"    missed: {sentence[:160]}")
        print(row)
    print("worst per engine: " + ", ".join(f"{engine} {share:.3f}" for engine, share in worst.items()))
    ok = all(share >= TARGET for share in worst.values())
    print(f"target >= {TARGET} on every paper: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
