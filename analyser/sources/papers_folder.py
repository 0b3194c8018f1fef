"""A folder of article PDFs the instructor already has (`grade --papers DIR`, `check --papers DIR`).

Each submission's article is the PDF of the folder whose own identifier (the
DOI or arXiv id it prints, `own_identifier`) is the one the submission links
to, else whose title the submission quotes. File names do not matter. No
network: a class whose students picked different articles is graded offline.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from analyser.sources.errors import IdentifierError, SourceError
from analyser.sources.identifiers import find_article_link, parse_identifier

MIN_TITLE_CHARS = 20  # shorter titles ("Deep learning") are quoted by chance


class PapersFolderError(SourceError):
    """--papers names no folder, or a folder without any PDF."""


@dataclass(frozen=True)
class ShelvedPaper:
    path: str
    identifiers: tuple[str, ...]
    """Canonical identifiers the PDF states for itself, most trustworthy first."""
    title: str


@dataclass(frozen=True)
class Match:
    path: str
    by: str  # "identifier" or "title"


@dataclass(frozen=True)
class PapersFolder:
    """The PDFs of a folder with what each states about itself; plain data (crosses process boundaries)."""

    folder: str
    papers: tuple[ShelvedPaper, ...]
    digest: str
    """Changes when a PDF is added, removed or replaced: re-grade what may now find its article."""

    def match(self, link: str | None, text: str = "") -> Match | None:
        """The PDF of `link` (by identifier), else the one whose title `text` quotes; None when neither."""
        from analyser.sources.own_identifier import same_article

        wanted = _identifier(link)
        if wanted is not None:
            for paper in self.papers:
                if any(same_article(wanted, parse_identifier(own)) for own in paper.identifiers):
                    return Match(paper.path, "identifier")
        words = _words(text)
        if words:
            for paper in sorted(self.papers, key=lambda p: -len(p.title)):  # the most specific title first
                title = _words(paper.title)
                if len(title) >= MIN_TITLE_CHARS and f" {title} " in f" {words} ":
                    return Match(paper.path, "title")
        return None

    def match_text(self, text: str) -> tuple[str | None, Match | None]:
        """(the article link in a submission's text, its match)."""
        link = find_article_link(text)
        return link, self.match(link, text)


def read_papers_folder(folder: Path | str) -> PapersFolder:
    """Read what every PDF of `folder` (and its sub-folders) states about itself."""
    from analyser.sources.local import read_local_info
    from analyser.sources.own_identifier import own_identifiers

    root = Path(folder)
    if not root.is_dir():
        raise PapersFolderError("no such folder (--papers takes a folder of article PDFs)", path=str(folder))
    pdfs = sorted(p for p in root.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))
    if not pdfs:
        raise PapersFolderError("holds no PDF (--papers takes a folder of article PDFs)", path=str(folder))
    papers = []
    digest = hashlib.sha256()
    for pdf in pdfs:
        data = pdf.read_bytes()
        digest.update(hashlib.sha256(data).digest())
        info = read_local_info(pdf)
        papers.append(ShelvedPaper(str(pdf.resolve()), tuple(i.canonical for i in own_identifiers(pdf)),
                                   info.title or ""))
    return PapersFolder(str(root.resolve()), tuple(papers), "papers:" + digest.hexdigest())


def _identifier(link: str | None):
    if not link:
        return None
    try:
        ident = parse_identifier(link)
    except IdentifierError:
        return None
    return None if ident.kind == "local" else ident


def _words(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").casefold()
    return " ".join(re.findall(r"[a-z0-9]+", folded))
