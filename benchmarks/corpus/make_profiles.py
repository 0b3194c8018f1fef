"""Write the writing profiles of the labelled corpus: who writes what, at which levels.

Each analysis of the corpus is written by a helper session from one line of
`profiles.tsv`: the article, the language and file format, the kind of text
(an ordinary analysis of some quality, or one of the hard cases the checker
must not be fooled by), how the name and the link are given, and target
levels per criterion. The labels are given later, blind to these targets,
by another session; the targets only make the corpus span every level.

    python benchmarks/corpus/make_profiles.py --prefix a --start 1 --per-paper 12 SLUG...

appends the profiles of the given articles (seeded: the same call gives the
same lines).
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

CRITERIA = ("context", "framing", "model", "optimisation", "overfitting", "alternatives")
HERE = Path(__file__).parent

# kind -> (how it is written, a function of the random generator giving target levels)
KINDS = {
    "strong": "an excellent analysis: specific to this article, critical, with quantities from it",
    "good": "a good analysis, a little uneven",
    "mid": "an average student's analysis: correct, mostly explained, little critical depth",
    "weak": "a weak analysis: vague, generic, some parts missing",
    "uneven": "very uneven: some criteria analysed in depth, others missing or only named",
    "keyword-stuffed": "strings the rubric's ML vocabulary together (supervised, regression, features, targets, "
                       "cross-validation, learning curve, data leakage, hyperparameters...) with almost nothing "
                       "specific to this article, some of it wrong for this paper; confident tone; every criterion "
                       "is at most 'mentioned' for a careful grader",
    "plain-deep": "a strong, specific and critical analysis written in plain words, avoiding ML jargon "
                  "(e.g. 'the forest may just learn these materials by heart' for overfitting, 'a slice of the "
                  "data was only looked at once training was over' for a held-out test set)",
    "wrong": "confidently wrong about the paper: names the wrong model family and gives invented numbers "
             "(data size, epochs, scores) as facts of the paper; otherwise a fluent analysis",
    "summary": "a summary dressed as an analysis: it restates what the paper did, section by section, with "
               "headings that look like an analysis, but it never evaluates, questions or justifies",
    "copied": "an analysis that pastes several passages verbatim from the article (a third to a half of the "
              "text), with a little of the student's own comment around them",
    "bullets": "terse bullet-point notes rather than prose, of middling depth",
    "long": "a thorough analysis that is too long: 1,700 to 2,100 words (over the 3-page limit)",
}


def levels(kind: str, rng: random.Random) -> dict[str, int]:
    def around(centre: float, spread: float) -> int:
        return max(0, min(3, round(rng.gauss(centre, spread))))

    if kind in ("strong", "long"):
        values = [around(2.8, 0.45) for _ in CRITERIA]
    elif kind == "plain-deep":
        values = [around(2.5, 0.6) for _ in CRITERIA]
    elif kind == "good":
        values = [around(2.3, 0.7) for _ in CRITERIA]
    elif kind in ("mid", "bullets"):
        values = [around(1.8, 0.7) for _ in CRITERIA]
    elif kind == "weak":
        values = [around(0.9, 0.7) for _ in CRITERIA]
    elif kind == "uneven":
        values = [rng.choice((0, 1, 2, 3, 3)) for _ in CRITERIA]
    elif kind == "keyword-stuffed":
        values = [1] * len(CRITERIA)
    elif kind == "summary":
        values = [rng.choice((1, 1, 2)) for _ in CRITERIA]
        values[CRITERIA.index("overfitting")] = rng.choice((0, 1))
        values[CRITERIA.index("alternatives")] = rng.choice((0, 0, 1))
    elif kind == "copied":
        values = [rng.choice((1, 1, 2)) for _ in CRITERIA]
    elif kind == "wrong":
        values = [around(2.3, 0.6) for _ in CRITERIA]
        values[CRITERIA.index("model")] = 1
        values[CRITERIA.index(rng.choice(("framing", "optimisation")))] = 1
    else:
        raise ValueError(kind)
    return dict(zip(CRITERIA, values))


FIRST = ["Camille", "Léa", "Hugo", "Inès", "Lucas", "Chloé", "Mathis", "Zoé", "Yanis", "Manon", "Amélie", "Théo",
         "Sarah", "Nathan", "Émilie", "Karim", "Jade", "Louis", "Aïcha", "Raphaël", "Priya", "Wei", "Sofia", "Jonas",
         "Mariam", "Tomás", "Elif", "Kenji", "Noor", "Anaïs", "Baptiste", "Clémence", "Diego", "Fatou", "Gaspard",
         "Hélène", "Ivan", "Julia", "Kévin", "Lina", "Malik", "Nora", "Océane", "Paul", "Quentin", "Rose", "Samuel"]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Garnier", "Faure", "Rousseau", "Nguyen",
        "Benali", "Haddad", "Kowalski", "Schmidt", "Rossi", "García", "Okafor", "Chen", "Tanaka", "Yilmaz",
        "Diallo", "Perrin", "Marchand", "Dupont", "Lambert", "Fontaine", "Chevalier", "Roux", "Blanc", "Guérin",
        "Muller", "Henry", "Petit", "Mercier", "Boyer", "Da Silva", "Le Goff", "N'Diaye", "Van den Berg", "Ali"]

# How the document gives the name and the link; the checks' labels follow what is written.
NAME_STYLES = ["label", "label", "alone-first-line", "alone-first-line", "title-block", "signature", "label",
               "alone-first-line", "title-block", "label", "label", "missing"]
LINK_STYLES = ["doi-url", "doi-url", "bare-doi", "server-url", "doi-url", "journal-url", "bare-doi", "doi-url",
               "server-url", "doi-url", "bare-doi", "missing"]
LAYOUTS = ["criterion-headings", "own-headings", "no-headings", "plain-labels", "criterion-headings",
           "own-headings", "no-headings", "criterion-headings", "own-headings", "plain-labels", "no-headings",
           "criterion-headings"]
FORMATS = ["md", "pdf", "docx", "txt", "pdf", "docx", "md", "pdf", "docx", "tex", "html", "md"]


def profiles(slugs: list[str], prefix: str, start: int, per_paper: int, seed: int) -> list[dict]:
    rng = random.Random(f"{seed}-{prefix}-{start}-{','.join(slugs)}")
    kinds = list(KINDS)
    rows, number = [], start
    for slug in slugs:
        chosen = (kinds * ((per_paper // len(kinds)) + 1))[: per_paper] if per_paper >= len(kinds) else rng.sample(kinds, per_paper)
        rng.shuffle(chosen)
        french = set(rng.sample(range(per_paper), round(per_paper / 3)))
        names, links, layouts, formats = (rng.sample(pool * 2, per_paper) for pool in (NAME_STYLES, LINK_STYLES, LAYOUTS, FORMATS))
        for i, kind in enumerate(chosen):
            layout = "bullets" if kind == "bullets" else layouts[i]
            words = {"long": rng.randint(1700, 2100), "weak": rng.randint(350, 650), "bullets": rng.randint(400, 700),
                     "keyword-stuffed": rng.randint(280, 450)}.get(kind, rng.randint(650, 1350))
            row = {
                "id": f"{prefix}{number:03d}", "paper": slug, "language": "fr" if i in french else "en",
                "format": formats[i], "kind": kind, "layout": layout, "name_style": names[i], "link_style": links[i],
                "student": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "words": words,
            }
            row.update(levels(kind, rng))
            row["what"] = KINDS[kind]
            rows.append(row)
            number += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="+")
    parser.add_argument("--prefix", default="a")
    parser.add_argument("--start", type=int, default=1)
    parser.add_argument("--per-paper", type=int, default=12)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=HERE / "profiles.tsv")
    args = parser.parse_args()
    rows = profiles(args.slugs, args.prefix, args.start, args.per_paper, args.seed)
    new = not args.out.exists()
    with args.out.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t")
        if new:
            writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} profiles appended to {args.out}")


if __name__ == "__main__":
    main()
