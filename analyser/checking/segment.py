"""Cut a submission into headed sections, paragraphs and sentences with pages.

Works on the pages' text of any format (Markdown headings, PDF lines, Word
paragraphs), so it does not depend on how a student laid the analysis out.
The lines a generated template wrote are removed first: they are not the
student's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyser.checking.terms import fold
from analyser.template_markers import PLACEHOLDER, strip_template_text

# A body paragraph has at least this many words; what comes before the first
# one is the title block (title, name, link), which is not scored.
BODY_MIN_WORDS = 25
TITLE_MIN_WORDS = 6  # a heading this long opening the document is its title, whatever it names


@dataclass
class Unit:
    """One sentence (or bullet) of the student's text."""

    text: str
    page: int
    heading: str | None  # heading of the section holding it
    section: int  # index of that section (-1: before any heading)
    paragraph: int  # index of the paragraph, document-wide
    folded: str = ""
    copied: bool = False  # found nearly verbatim in the article
    index: int = 0  # position in the document

    def __post_init__(self) -> None:
        self.folded = fold(self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Segmented:
    front: list[str]  # lines of the title block
    units: list[Unit]  # body sentences, in order
    headings: list[str] = field(default_factory=list)  # section index -> heading


# Links and author lists belong to the title block, however long.
_LINK = re.compile(r"https?://|\bdoi\b|arxiv:", re.IGNORECASE)
_TITLE_BLOCK = re.compile(_LINK.pattern + r"|\bet al\b", re.IGNORECASE)
TITLE_SENTENCE_MAX_WORDS = 25  # "Houhou et al., Optics Express (2020)"; a longer sentence citing "et al." is prose
_REFERENCE_LABEL = re.compile(
    r"^\W*(?:(?:the |analy[sz]ed |chosen )?(?:article|paper|reference|publication)|r[ée]f[ée]rence|article (?:analys|choisi)\w*)\s*:", re.IGNORECASE)
REFERENCE_MAX_WORDS = 60  # a full reference with a long author list and title
_NAME_LABEL = re.compile(r"^\W*(?:name|student|author|nom|pr[ée]nom|[ée]tudiant\w*|auteur\w*)\W*\s*:", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,100})(?:\*\*|__)\s*:?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•▸–]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = ("al", "e.g", "i.e", "fig", "figs", "eq", "eqs", "vs", "ref", "refs", "réf", "réfs", "cf", "approx", "resp", "no", "sect", "ca", "p", "pp", "dr", "prof", "st", "vol", "ex")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)\]]*\s+(?=[\"“«(\[]?[A-ZÀ-ÖØ-Þ0-9])")


_GLUED_LABEL = re.compile(r"^(.*[.!?][\"”»)]?)\s+([A-ZÀ-Þ][\w/\-’' ]{2,40}:)$")


def _in_title_block(sentence: str) -> bool:
    return bool(_LINK.search(sentence)) or (
        bool(_TITLE_BLOCK.search(sentence)) and len(sentence.split()) <= TITLE_SENTENCE_MAX_WORDS)


def _is_plain_heading(line: str, next_line: str | None) -> bool:
    """A short line that is not a sentence, followed by text (PDF/Word headings)."""
    words = line.split()
    if not words or len(words) > 12 or len(line) > 90:
        return False
    if line.rstrip().endswith((".", ",", ";")) or line.rstrip().endswith(":") and len(words) > 6:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "§«\"“"):
        return False
    if re.search(r"https?://|doi|@", line, re.IGNORECASE) or len(re.findall(r"\d+", line)) >= 3:
        return False  # a link line or a table row
    return next_line is not None and len(next_line.split()) >= 3


def _next_paragraph(lines: list[tuple[int, str]], position: int) -> str | None:
    """The text of the paragraph after a line, across page breaks: an estimated page
    of a Markdown or text file may end inside a sentence ("Here is")."""
    found: list[str] = []
    for _, line in lines[position + 1:]:
        if line.strip():
            found.append(line.strip())
        elif found:
            break
    return " ".join(found) or None


def split_sentences(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        previous = parts[-1] if parts else ""
        # "(réf. 24)": the abbreviation may open a bracket
        last_word = previous.rstrip(".").rsplit(None, 1)[-1].casefold().lstrip("([«\"'") if previous else ""
        if parts and (last_word.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[a-z](?:\.?-[a-z]|\.[a-z])*", last_word)):
            parts[-1] = f"{previous} {piece}"
        else:
            parts.append(piece)
    return parts


def _clean(line: str) -> str:
    line = PLACEHOLDER.sub("", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    return line.strip()


def segment(pages: list[tuple[int, str]], known_headings: set[str] | frozenset[str] = frozenset(), names_section=lambda heading: False) -> Segmented:
    """`pages` are (page number, text); the text keeps its line breaks.

    `known_headings` are headings the document reader found (e.g. from Word
    styles or PDF fonts); other headings are recognised from the layout.
    `names_section(heading)` tells a section heading (e.g. one naming a
    criterion) from the document's title when both open the text.
    """
    lines: list[tuple[int, str]] = []
    for number, text in pages:
        for line in strip_template_text(text).splitlines():
            glued = _GLUED_LABEL.match(line.rstrip())
            if glued and names_section(glued.group(2)):
                # A PDF reader joined a section's label to the paragraph before it
                # ("... the feature choice. Over/underfitting:" at a page break).
                lines.extend([(number, glued.group(1)), (number, ""), (number, glued.group(2))])
            else:
                lines.append((number, line.rstrip()))

    front: list[str] = []
    units: list[Unit] = []
    headings: list[str] = []
    in_body = False
    paragraph: list[str] = []
    paragraph_page = 1
    paragraph_index = 0

    def flush() -> None:
        nonlocal paragraph, in_body, paragraph_index
        if not paragraph:
            return
        text = " ".join(paragraph)
        text = re.sub(r"(\w)- (\w)", r"\1\2", text) if "- " in text else text
        lines_of_paragraph, paragraph = paragraph, []
        sentences = split_sentences(text)
        in_title = [i for i, sentence in enumerate(sentences) if _in_title_block(sentence)]
        if not in_body and in_title and not any(_LINK.search(line) for line in front):
            # A PDF reader may run the title block into the first paragraph:
            # what follows the last link or author list is body text. Once the
            # title block's link has been read, what follows is the body.
            last = max(in_title)
            rest = sentences[last + 1:]
            if len(" ".join(rest).split()) < BODY_MIN_WORDS:
                front.extend(lines_of_paragraph)
                return
            front.extend(sentences[: last + 1])
            sentences = rest
        elif not in_body and (len(text.split()) < BODY_MIN_WORDS or (
                _REFERENCE_LABEL.match(text) and len(text.split()) <= REFERENCE_MAX_WORDS)):
            # "Article: J. Zhu, S. von Bülow, ... bioRxiv preprint, January 2026." is the title block's.
            front.extend(lines_of_paragraph)
            return
        in_body = True
        heading = headings[-1] if headings else None
        for sentence in sentences:
            units.append(Unit(sentence, paragraph_page, heading, len(headings) - 1, paragraph_index, index=len(units)))
        paragraph_index += 1

    for position, (number, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        next_line = next((l for _, l in lines[position + 1:] if l.strip()), None)
        heading = _MD_HEADING.match(stripped) or _BOLD_LINE.match(stripped)
        # A plain heading stands alone between blank lines; a numbered one
        # ("5. Overfitting") may follow a paragraph a page break left open.
        alone = position + 1 < len(lines) and not lines[position + 1][1].strip() and lines[position + 1][0] == number
        if not alone and position + 1 < len(lines) and lines[position + 1][0] != number:
            # The last line of a page: a section's name there heads the next page's text
            # ("Alternatives:" then a page break); any other line may be a paragraph going on
            # ("Model: a fine-tuned open" where an estimated page cut a list item).
            alone = (stripped.endswith(":") or len(stripped.split()) <= 3) and names_section(stripped)
        numbered = re.match(r"^\d{1,2}[.)]?\s+[A-ZÀ-Þ]", stripped) and paragraph and paragraph[-1].rstrip().endswith((".", "!", "?", ")"))
        plain = alone and (not paragraph or numbered) and _is_plain_heading(stripped, _next_paragraph(lines, position))
        if heading or plain or stripped in known_headings:
            flush()
            title = _clean(heading.group(1) if heading else stripped)
            # "Name: Ada Lovelace" set apart belongs to the title block, never heads a section.
            name_label = bool(_NAME_LABEL.match(title))
            if in_body or units:
                if not name_label:
                    headings.append(title)
            else:
                front.append(title)
                # A heading followed by body text opens the body (e.g. "## 1. Context");
                # the title is followed by the name and link lines instead.
                opens_body = (next_line is not None and len(next_line.split()) >= 12 and not _TITLE_BLOCK.search(next_line)
                              and not _REFERENCE_LABEL.match(next_line))
                # A long first heading naming a topic is the document's title
                # ("Bayesian optimisation for ..."), not that criterion's section.
                names_one = names_section(title) and (len(front) > 1 or len(title.split()) < TITLE_MIN_WORDS)
                if opens_body or names_one or re.match(r"^\s{0,3}#{2,6}\s", stripped) or re.match(r"^\d{1,2}[.)]?\s+[A-ZÀ-Þ]", stripped):
                    if not name_label:
                        headings.append(title)
                    in_body = True
            continue
        if _BULLET.match(stripped):
            flush()
            paragraph_page = number
            paragraph = [_clean(_BULLET.sub("", stripped))]
            if in_body or len(paragraph[0].split()) >= 6:
                in_body = True
                flush()
            continue
        if not paragraph:
            paragraph_page = number
        paragraph.append(_clean(stripped))
    flush()
    return Segmented(front=front, units=units, headings=headings)
