"""The formal checks of the spec: page_limit, student_name, article_link,
deadline, is_analysis. Each is a pure function returning a `CheckResult`."""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone

from analyser.checking.report import CheckResult
from analyser.checking.segment import Unit
from analyser.checking.terms import term_set

# ------------------------------------------------------------- page_limit ---


def page_limit(pages: int, estimated: bool, words: int, limit: int, words_per_page: int) -> CheckResult:
    if estimated:
        detail = f"about {pages} page(s), estimated from {words} words at {words_per_page} words a page; limit {limit}"
    else:
        detail = f"{pages} page(s); limit {limit}"
    return CheckResult("page_limit", pages <= limit, detail)


def page_count(document, words_per_page: int, words: int | None = None) -> tuple[int, bool]:
    """Real pages for a PDF, else an estimate from the word count (the spec's rule).

    `words` is the count without a template's guidance, which a draft still
    carries but the handed-in analysis will not."""
    if not document.pages_estimated:
        return document.page_count, False
    count = document.word_count if words is None else words
    return max(1, math.ceil(count / words_per_page)), True


# ----------------------------------------------------------- student_name ---

_LABEL = re.compile(
    r"^[^\w\n]*(?:name|student|author|by|written by|nom|pr[ée]nom et nom|auteur|autrice|[ée]tudiante?|par)[ \t]*[:：][ \t]*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+)?|[A-ZÀ-ÖØ-Þ]\.)"
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,3}}")
# Words that start title-block lines but are not names.
_NOT_NAMES = {
    "analysis", "analyse", "article", "link", "lien", "name", "nom", "the", "a", "an", "of", "de", "du", "la", "le", "les",
    "des", "on", "in", "and", "et", "introduction", "context", "contexte", "abstract", "summary", "résumé", "report",
    "rapport", "notes", "note", "université", "university", "ens", "paris", "course", "cours", "master", "chemistry",
    "chimie", "machine", "learning", "deep", "neural", "review", "critical", "reading", "student", "étudiant",
    "étudiante", "author", "auteur", "date", "title", "titre", "journal", "digital", "discovery", "nature",
    "communications", "molecular", "systems", "biology", "materials", "computational", "physical", "chemical",
    "science", "sciences", "letters", "research", "ml", "ai", "ia", "analysing", "an", "my", "mon", "ma", "teaching",
    "high", "dimensional", "constrained", "application", "pharmacophoric", "fine", "self", "supervised", "this",
    "these", "what", "why", "how", "apprentissage", "automatique", "intelligence", "artificielle", "artificial",
    "submitted", "rendu", "devoir", "assignment", "homework", "group", "groupe", "section", "part", "partie",
}
# What follows a name in a title block: a line end, a dash, the course, the link.
_AFTER_NAME = re.compile(r"^[ \t]*(?:$|\n|[—–\-|·•]|\(|M\d\b|L\d\b|Article\b|Link\b|Lien\b|https?:|doi\b|ENS\b|Univ|Student|[ÉE]tudiant|Name\b)")
_BEFORE_AUTHORS = re.compile(r"(?:\bby|\bpar|\band|&|,|\bet)\s*$", re.IGNORECASE)


def _name_run(text: str, paper_text: str) -> str | None:
    for match in _NAME_RUN.finditer(text):
        tokens = match.group(0).split()
        # Cut the run at the first word that is no name ("Thomas Girard Article").
        kept: list[str] = []
        for token in tokens:
            if token.casefold().strip(".") in _NOT_NAMES:
                break
            kept.append(token)
        if len(kept) < 2 or all(len(t) <= 2 for t in kept):
            continue
        name = " ".join(kept)
        end = match.start() + len(match.group(0).split(kept[-1], 1)[0]) + len(kept[-1])
        if not _AFTER_NAME.match(text[end:]):
            continue
        if _BEFORE_AUTHORS.search(text[max(0, match.start() - 6):match.start()]):
            continue
        if re.search(rf"\b{re.escape(kept[-1])}\s+(?:et al|and|&)", text[match.start():end + 10]):
            continue
        if paper_text and name in paper_text:
            continue  # an author of the article, not the student
        return name
    return None


def find_student_name(head: str, metadata_authors: list[str], paper_text: str = "") -> str | None:
    """The student's name from a labelled line, the title block, or the document's author."""
    for match in _LABEL.finditer(head):
        value = re.sub(r"[*_`]", "", match.group(1)).strip()
        value = re.split(r"\s+[—–|]\s+|\s{2,}|,", value)[0].strip()
        if re.search(r"[^\W\d_]{2,}", value) and not re.match(r"https?:|doi", value, re.IGNORECASE):
            return value
    name = _name_run(re.sub(r"[*_`#>]", "", head), paper_text)
    if name:
        return name
    for author in metadata_authors:
        if _NAME_RUN.fullmatch(author.strip()) and (not paper_text or author not in paper_text):
            return author.strip()
    return None


def student_name(name: str | None) -> CheckResult:
    if name:
        return CheckResult("student_name", True, f"name found: {name}")
    return CheckResult("student_name", False, "no student name found: add a line such as \"Name: First Last\" at the top")


# ----------------------------------------------------------- article_link ---

_FALLBACK_LINK = re.compile(
    r"https?://[^\s<>()\"']+|\bdoi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/[^\s\"<>]+|\barxiv:\s*\d{4}\.\d{4,5}(?:v\d+)?|\barxiv:\s*[a-z\-]+/\d{7}",
    re.IGNORECASE,
)


def find_link(text: str) -> str | None:
    try:
        from analyser.sources import find_article_link
    except ImportError:  # the sources part may be absent from a partial install
        match = _FALLBACK_LINK.search(text)
        return match.group(0).rstrip(".,;)") if match else None
    return find_article_link(text)


def article_link(link: str | None) -> CheckResult:
    if link:
        return CheckResult("article_link", True, f"link found: {link}")
    return CheckResult("article_link", False, "no link or identifier of the article found: add its DOI, arXiv id or URL")


# --------------------------------------------------------------- deadline ---


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def deadline(submitted_at: datetime | None, due: datetime | None) -> CheckResult:
    if due is None:
        return CheckResult("deadline", None, "skipped: no due date (rubric or --due)")
    if submitted_at is None:
        return CheckResult("deadline", None, f"skipped: submission time unknown (due {due.isoformat()}); give --submitted-at")
    late = _aware(submitted_at) - _aware(due)
    if late.total_seconds() <= 0:
        return CheckResult("deadline", True, f"submitted {submitted_at.isoformat()}, due {due.isoformat()}")
    hours = late.total_seconds() / 3600
    amount = f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"
    return CheckResult("deadline", False, f"submitted {submitted_at.isoformat()}, {amount} after the due date {due.isoformat()}")


# ------------------------------------------------------------ is_analysis ---


def evaluative_units(units: list[Unit], terms: tuple[str, ...]) -> list[Unit]:
    matcher = term_set(terms)
    return [unit for unit in units if not unit.copied and matcher.found(unit.folded)]


def is_analysis(units: list[Unit], settings, article_known: bool) -> CheckResult:
    """The spec's rule: the share of sentences that evaluate, compare, question or
    justify versus those that only restate the paper; and the copied share."""
    if not units:
        return CheckResult("is_analysis", False, "no text of the student's to judge (only a template's guidance, or nothing)")
    evaluative = evaluative_units(units, settings.evaluative)
    marked = {id(unit) for unit in evaluative}
    restating_terms = term_set(settings.restating)
    restating = [u for u in units if id(u) not in marked and (u.copied or restating_terms.found(u.folded))]
    judged = len(evaluative) + len(restating)
    share = len(evaluative) / judged if judged else 1.0
    copied = sum(unit.copied for unit in units) / len(units)
    copied_part = f"; {copied:.0%} of all sentences copied from the article" if article_known else "; copying not checked (article not available)"
    detail = (f"{len(evaluative)} sentences evaluate, compare, question or justify and {len(restating)} only restate the paper "
              f"({share:.0%} evaluative){copied_part}")
    if share < settings.min_evaluative_share:
        return CheckResult("is_analysis", False, f"reads as a summary: {detail}; needs {settings.min_evaluative_share:.0%} evaluative")
    if copied > settings.max_copied_share:
        return CheckResult("is_analysis", False, f"too much copied text: {detail}; at most {settings.max_copied_share:.0%} copied")
    return CheckResult("is_analysis", True, detail)
