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


# Each check's details, by language ("en", "fr"): the language of the submission.
_TEXTS = {
    "en": {
        "pages_estimated": "about {pages} page(s), estimated from {words} words at {per_page} words a page; limit {limit}",
        "pages": "{pages} page(s); limit {limit}",
        "name_found": "name found: {name}",
        "name_missing": "no student name found: add a line such as \"Name: First Last\" at the top",
        "link_found": "link found: {link}",
        "link_missing": "no link or identifier of the article found: add its DOI, arXiv id or URL",
        "no_due": "skipped: no due date (rubric or --due)",
        "no_time": "skipped: submission time unknown (due {due}); give --submitted-at",
        "on_time": "submitted {at}, due {due}",
        "late": "submitted {at}, {amount} after the due date {due}",
        "hours": "{n:.1f} h", "days": "{n:.1f} days",
        "nothing": "no text of the student's to judge (only a template's guidance, or nothing)",
        "copied_part": "; {share:.0%} of all sentences copied from the article",
        "copying_unchecked": "; copying not checked (article not available)",
        "balance": "{evaluative} sentence(s) evaluate, compare, question or justify and {restating} only restate the paper "
                   "({share:.0%} evaluative){copied_part}",
        "summary": "reads as a summary: {detail}; needs {needed:.0%} evaluative",
        "copied": "too much copied text: {detail}; at most {allowed:.0%} copied",
        "generic": "says almost nothing about this article: {specific} sentence(s) out of {total} use its own words or "
                   "numbers (needs {needed:.0%}); {detail}",
    },
    "fr": {
        "pages_estimated": "environ {pages} page(s), estimé à partir de {words} mots à {per_page} mots par page ; limite {limit}",
        "pages": "{pages} page(s) ; limite {limit}",
        "name_found": "nom trouvé : {name}",
        "name_missing": "aucun nom d'étudiant trouvé : ajoutez en tête une ligne comme « Nom : Prénom Nom »",
        "link_found": "lien trouvé : {link}",
        "link_missing": "aucun lien ni identifiant de l'article trouvé : ajoutez son DOI, son identifiant arXiv ou son URL",
        "no_due": "non vérifié : pas de date limite (barème ou --due)",
        "no_time": "non vérifié : date de remise inconnue (à rendre le {due}) ; donnez --submitted-at",
        "on_time": "remis le {at}, à rendre le {due}",
        "late": "remis le {at}, {amount} après la date limite {due}",
        "hours": "{n:.1f} h", "days": "{n:.1f} jours",
        "nothing": "aucun texte de l'étudiant à évaluer (seulement les consignes d'un modèle, ou rien)",
        "copied_part": " ; {share:.0%} des phrases copiées de l'article",
        "copying_unchecked": " ; copie non vérifiée (article indisponible)",
        "balance": "{evaluative} phrase(s) évaluent, comparent, questionnent ou justifient et {restating} ne font que reprendre "
                   "l'article ({share:.0%} évaluatives){copied_part}",
        "summary": "se lit comme un résumé : {detail} ; il faut {needed:.0%} de phrases évaluatives",
        "copied": "trop de texte copié : {detail} ; au plus {allowed:.0%} copié",
        "generic": "ne dit presque rien de cet article : {specific} phrase(s) sur {total} reprennent ses propres mots ou "
                   "chiffres (il en faut {needed:.0%}) ; {detail}",
    },
}


def _text(language: str, key: str, **values) -> str:
    return _TEXTS.get(language, _TEXTS["en"])[key].format(**values)


def page_limit(pages: int, estimated: bool, words: int, limit: int, words_per_page: int, language: str = "en") -> CheckResult:
    if estimated:
        detail = _text(language, "pages_estimated", pages=pages, words=words, per_page=words_per_page, limit=limit)
    else:
        detail = _text(language, "pages", pages=pages, limit=limit)
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
# A name: "Marie", "N'Diaye", "O’Brien", "McDonald", "Jean-Pierre", or an initial "J.".
_NAME_PART = r"[A-ZÀ-ÖØ-Þ](?:['’][A-ZÀ-ÖØ-Þ])?[a-zß-öø-ÿ'’]+(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
_NAME_TOKEN = rf"(?:{_NAME_PART}(?:-{_NAME_PART})?|[A-ZÀ-ÖØ-Þ]\.)"
# Particles between the parts of a name: "Kévin Van den Berg", "Jean de La Fontaine"
# (in lower case there), "Jade Le Goff", "Ali bin Omar", "Jeanne d'Arc".
_PARTICLE_WORDS = "de|du|des|da|di|van|von|der|den|ter"
_PARTICLE = rf"(?:{_PARTICLE_WORDS}|le|la|el|al|bin|ben|d')"
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:[ \t]+(?:(?:{_PARTICLE_WORDS})[ \t]+)?{_NAME_TOKEN}){{1,3}}")
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
    # closing lines that are not signatures
    "thank", "thanks", "you", "merci", "references", "références", "bibliography", "bibliographie", "conclusion",
    "conclusions", "appendix", "annexe", "verdict", "overall", "final", "words", "word", "count", "total", "page",
    "figure", "table", "end", "fin", "sources", "acknowledgements", "remerciements",
}
# What follows a name in a title block: a line end, a dash, the course, the link.
_AFTER_NAME = re.compile(
    r"^[ \t]*(?:$|\n|[—–\-|·•]|\(|M\d\b|L\d\b|Article\b|Link\b|Lien\b|https?:|doi\b|ENS\b|Univ|Student|[ÉE]tudiant|Name\b"
    r"|,[ \t]*(?:M\d|L\d|Master|Licence|Bachelor|MSc|BSc|PhD|ENS|Univ|Student|[ÉE]tudiant|Erasmus|group|groupe)\b)"
)
# A name after these is one of a list (the article's authors); after "by"/"par" it is
# a byline, the student's when its line then ends or names the course ("by Ana Lima, M1").
_BEFORE_AUTHORS = re.compile(r"(?:\band|&|,|\bet)\s*$", re.IGNORECASE)


def _name_run(text: str, paper_text: str) -> str | None:
    for match in _NAME_RUN.finditer(text):
        tokens = match.group(0).split()
        # Cut the run at the first word that is no name ("Thomas Girard Article").
        kept: list[str] = []
        for position, token in enumerate(tokens):
            if position == 0 and token.casefold() in ("by", "par"):
                continue  # a byline's word: "Par Lucas Van der Berg"
            # "Jade Le Goff", "Lucas Van der Berg": a particle inside a name is part of it.
            inside = kept and position + 1 < len(tokens) and re.fullmatch(_PARTICLE, token, re.IGNORECASE)
            if token.casefold().strip(".") in _NOT_NAMES and not inside:
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


# Other fields of a title block: a name stops where one of them starts, even when
# a reader joined the lines of the block into one ("Name: Jean Dupont Article: ...").
_NEXT_FIELD = re.compile(
    r"\b(?:article|link|lien|doi|url|arxiv|paper|papier|date|e-?mail|courriel|mail|course|cours|title|titre|"
    r"student id|numero|numéro|group|groupe|class|classe|submitted|rendu|due|journal|source|reference|référence)\s*[:：]"
    r"|https?://|\bdoi:|\b10\.\d{4,9}/|\S+@\S+",
    re.IGNORECASE,
)


_COURSE_WORD = r"(?i:(?:M\d|L\d|Master|Licence|Bachelor|MSc|BSc|PhD|ENS|Univ\w*|Student|[ÉE]tudiant\w*|Erasmus|group|groupe|course|cours|class|classe|AI|IA|ML|year|ann[ée]e|promo)\b)"


def _labelled_value(raw: str) -> str:
    value = re.sub(r"[*_`]", "", raw).strip()
    field = _NEXT_FIELD.search(value)
    if field:
        value = value[: field.start()]
    # A dash joined to a course word ends the name ("Priya Raman -M1", "Raman–Master");
    # a hyphen inside a name ("Jean-Pierre") does not.
    value = re.split(rf"\s*[-–—]\s*(?={_COURSE_WORD})", value)[0]
    # A reader may join the next line, often the article's authors ("Nora Henry Eckhoff & Behler"):
    # the name stops before a surname followed by "&", "and" or "et al".
    value = re.split(r"\s+\S+\s*(?:&|\band\b|\bet al\b)", value)[0]
    # So do a bracket, a digit, a spaced dash ("Priya Raman (M1, AI...)", "Priya Raman 2024").
    value = re.split(r"\s+[—–|]\s+|\s{2,}|;|[(\[{]|\d", value)[0]
    # A comma ends the name unless a name follows it ("Raman, Priya").
    head, comma, rest = value.partition(",")
    if comma:
        rest = rest.strip()
        words = rest.split()
        is_name = (
            len(head.split()) == 1 and 1 <= len(words) <= 2
            and all(re.fullmatch(_NAME_TOKEN, word) and word.casefold().strip(".") not in _NOT_NAMES for word in words)
        )
        value = f"{head}, {rest}" if is_name else head
    return value.strip(" \t-–—:")


def _labelled_name(text: str) -> str | None:
    for match in _LABEL.finditer(text):
        value = _labelled_value(match.group(1))
        if re.search(r"[^\W\d_]{2,}", value) and not re.match(r"https?:|doi", value, re.IGNORECASE):
            return value
    return None


# A line that is only a name: "Marie Curie", "Marie CURIE", "CURIE Marie",
# "Jean de La Fontaine"; at the end, after a dash or "Signed:" ("— Marie Curie").
_UPPER_TOKEN = r"[A-ZÀ-ÖØ-Þ]{2,}(?:-[A-ZÀ-ÖØ-Þ]{2,})?"
_LINE_NAME = re.compile(
    rf"(?:{_NAME_TOKEN}|{_UPPER_TOKEN})(?:[ \t]+(?:{_PARTICLE}[ \t]+)?(?:{_NAME_TOKEN}|{_UPPER_TOKEN})){{1,3}}"
)
_SIGN_OFF = re.compile(
    r"^(?:[—–\-~]+|(?:signed|signature|sign[ée]e?|written by|r[ée]dig[ée]e? par)\b[ \t]*[:：]?)[ \t]*",
    re.IGNORECASE,
)
_LINE_END = re.compile(r"[ \t]*(?:[,—–|(][^\n]*)?$")  # ", M1 Chimie", " — ENS", " (M2)"
TAIL_LINES = 3  # a signature is among the last non-empty lines


def _line_name(line: str, paper_text: str, *, sign_off: bool) -> str | None:
    """The name a line holds when it holds nothing else (after a sign-off mark when `sign_off`)."""
    text = re.sub(r"[*_`#>]", "", line).strip()
    if sign_off:
        text = _SIGN_OFF.sub("", text)
    match = _LINE_NAME.match(text)
    if not match or not _LINE_END.fullmatch(text[match.end():]):
        return None
    name = match.group(0)
    words = name.split()
    names = [word for word in words if not re.fullmatch(_PARTICLE, word, re.IGNORECASE)]
    if any(word.casefold().strip(".") in _NOT_NAMES for word in names):
        return None
    if all(word.isupper() for word in names):  # "GRAPH NETWORKS": a heading, not a name
        return None
    if paper_text and name in paper_text:
        return None  # an author of the article
    return name


def find_student_name(head: str, metadata_authors: list[str], paper_text: str = "", tail: str = "") -> str | None:
    """The student's name from a labelled line, the title block, a signature at the end, or the document's author.

    `head` is the start of the submission and `tail` its end, with their line
    breaks when the format keeps them; the name stops at the end of its line
    or at the next field label, whichever comes first. At the end, a labelled
    line ("Name: ...", "Auteur : ...") or one of the last lines holding only a
    name ("— Marie Curie") is a signature."""
    name = _labelled_name(head)
    if name:
        return name
    name = _name_run(re.sub(r"[*_`#>]", "", head), paper_text)
    if name:
        return name
    first = next((line for line in head.splitlines() if line.strip()), "")
    name = _line_name(first, paper_text, sign_off=False)
    if name:
        return name
    if tail:
        lines = [line for line in tail.splitlines() if line.strip()]
        name = _labelled_name("\n".join(lines[-TAIL_LINES * 2:]))
        if name:
            return name
        # A reader may join the signature to the paragraph above it ("... same data limits. Lina Da Silva").
        last_sentence = re.split(r"(?<=[.!?])\s+", lines[-1].strip())[-1] if lines else ""
        for line in [*reversed(lines[-TAIL_LINES:]), last_sentence]:
            name = _line_name(line, paper_text, sign_off=True)
            if name:
                return name
    for author in metadata_authors:
        if _NAME_RUN.fullmatch(author.strip()) and (not paper_text or author not in paper_text):
            return author.strip()
    return None


def student_name(name: str | None, language: str = "en") -> CheckResult:
    if name:
        return CheckResult("student_name", True, _text(language, "name_found", name=name))
    return CheckResult("student_name", False, _text(language, "name_missing"))


# ----------------------------------------------------------- article_link ---


def find_link(text: str) -> str | None:
    from analyser.sources import find_article_link

    return find_article_link(text)


def article_link(link: str | None, language: str = "en") -> CheckResult:
    if link:
        return CheckResult("article_link", True, _text(language, "link_found", link=link))
    return CheckResult("article_link", False, _text(language, "link_missing"))


# --------------------------------------------------------------- deadline ---


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def deadline(submitted_at: datetime | None, due: datetime | None, language: str = "en") -> CheckResult:
    if due is None:
        return CheckResult("deadline", None, _text(language, "no_due"))
    if submitted_at is None:
        return CheckResult("deadline", None, _text(language, "no_time", due=due.isoformat()))
    late = _aware(submitted_at) - _aware(due)
    if late.total_seconds() <= 0:
        return CheckResult("deadline", True, _text(language, "on_time", at=submitted_at.isoformat(), due=due.isoformat()))
    hours = late.total_seconds() / 3600
    amount = _text(language, "hours", n=hours) if hours < 48 else _text(language, "days", n=hours / 24)
    return CheckResult("deadline", False, _text(language, "late", at=submitted_at.isoformat(), amount=amount, due=due.isoformat()))


# ------------------------------------------------------------ is_analysis ---


def evaluative_units(units: list[Unit], settings) -> list[Unit]:
    """The student's sentences that evaluate, compare, question or justify.

    - an `evaluative` term makes a sentence evaluative, even one that names the
      authors ("the authors never justify the split");
    - a `weak` term ("because", "better", "could") does only in a sentence
      that does not restate the paper: "the authors show it is better
      because..." restates the paper's own argument;
    - empty praise ("interesting", "impressive") is no evaluation: a praising
      sentence evaluates only with an `evaluative` term."""
    strong, weak = term_set(settings.evaluative), term_set(settings.weak)
    praise, restating = term_set(settings.praise), term_set(settings.restating)
    chosen = []
    for unit in units:
        if unit.copied:
            continue
        if strong.found(unit.folded):
            chosen.append(unit)
        elif weak.found(unit.folded) and not restating.found(unit.folded) and not praise.found(unit.folded):
            chosen.append(unit)
    return chosen


def restating_units(units: list[Unit], settings, evaluative: list[Unit]) -> list[Unit]:
    """The sentences that only restate the paper: copied, naming what the paper
    does, or only praising it; not a premise (a restated fact the next
    sentence of its paragraph judges)."""
    marked = {id(unit) for unit in evaluative}
    restating, praise = term_set(settings.restating), term_set(settings.praise)
    chosen = []
    for position, unit in enumerate(units):
        if id(unit) in marked or not (unit.copied or restating.found(unit.folded) or praise.found(unit.folded)):
            continue
        following = units[position + 1] if position + 1 < len(units) else None
        if not unit.copied and following is not None and following.paragraph == unit.paragraph and id(following) in marked:
            continue  # restated to be judged: the judgement is the analysis
        chosen.append(unit)
    return chosen


def evaluative_share(units: list[Unit], settings, evaluative: list[Unit]) -> float:
    """evaluative / (evaluative + restating) sentences, 1.0 when neither is there."""
    restating = restating_units(units, settings, evaluative)
    judged = len(evaluative) + len(restating)
    return len(evaluative) / judged if judged else 1.0


def is_analysis(units: list[Unit], settings, article_known: bool, language: str = "en", *,
                evaluative: list[Unit] | None = None, specific: int | None = None) -> CheckResult:
    """The spec's rule: the share of sentences that evaluate, compare, question or
    justify versus those that only restate the paper; and the copied share.
    `specific`, when the article is known: how many sentences use its own words or
    numbers. Evaluation in nothing but ML vocabulary is no analysis of *this*
    article, as careful graders judge keyword-stuffed texts."""
    if not units:
        return CheckResult("is_analysis", False, _text(language, "nothing"))
    if evaluative is None:
        evaluative = evaluative_units(units, settings)
    restating = restating_units(units, settings, evaluative)
    judged = len(evaluative) + len(restating)
    share = len(evaluative) / judged if judged else 1.0
    copied = sum(unit.copied for unit in units) / len(units)
    copied_part = _text(language, "copied_part", share=copied) if article_known else _text(language, "copying_unchecked")
    detail = _text(language, "balance", evaluative=len(evaluative), restating=len(restating), share=share, copied_part=copied_part)
    if share < settings.min_evaluative_share:
        return CheckResult("is_analysis", False, _text(language, "summary", detail=detail, needed=settings.min_evaluative_share))
    if copied > settings.max_copied_share:
        return CheckResult("is_analysis", False, _text(language, "copied", detail=detail, allowed=settings.max_copied_share))
    if specific is not None and specific < settings.min_specific_share * len(units):
        return CheckResult("is_analysis", False, _text(language, "generic", specific=specific, total=len(units),
                                                          needed=settings.min_specific_share, detail=detail))
    return CheckResult("is_analysis", True, detail)
