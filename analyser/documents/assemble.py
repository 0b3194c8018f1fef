"""From a reader's blocks to the Document: headings, references, pages, sections, sentences."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from analyser.documents import frontmatter
from analyser.documents import sentences as sentence_splitter
from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import ends_with_url, url_continues
from analyser.documents.model import (
    WORDS_PER_PAGE,
    Document,
    Metadata,
    Page,
    Section,
    Sentence,
)
from analyser.documents.sections import (
    AFTER_REFERENCES,
    KNOWN_HEADINGS,
    HeadingDetector,
    could_be_heading,
    fold,
    heading_kind,
    kind_of,
    split_number,
)

# Tokens that are no words: dashes and signs standing between spaces.
_PUNCTUATION_TOKENS = ("—", "–", "-", "|", "•")
_MAX_HEADING_WORDS = 14
_URL_BREAKS = frozenset("/._-:=?&#")
_MAX_TITLE_WORDS = 30  # a bold or large heading wrapped over lines (an article's title)


def count_words(text: str) -> int:
    """Words as a word processor counts them: tokens between spaces, bare dashes and signs aside."""
    # str.count runs in C, much faster than a regex over the text.
    words = text.split()
    spaced = " " + " ".join(words) + " "
    # A sign the text does not hold is not counted for (a scan of the long spaced text less).
    return len(words) - sum(spaced.count(f" {token} ") for token in _PUNCTUATION_TOKENS if token in text)


@dataclass(slots=True)
class _Unit:
    """A block with what the loader decided about it."""

    text: str
    page: int
    heading: bool = False
    kind: str | None = None
    paragraph_break: bool = False  # a new paragraph starts at this unit
    in_references: bool = False


def assemble(parsed: Parsed, *, kind: str, path: str) -> Document:
    blocks = parsed.blocks
    estimated = parsed.page_count is None
    if estimated:
        blocks = _paginate(blocks)
    # PDF text without style hints (pypdf), or whose only styled lines are its title
    # block: headings are told by their layout.
    styled = any(block.emphasis for index, block in enumerate(blocks) if block.page > 1 or index >= _FRONT_UNITS)
    layout = parsed.page_count is not None and parsed.line_based and not styled
    units = _mark_headings(blocks, parsed.line_based, layout=layout)
    if parsed.line_based:
        _mark_paragraphs(units)
    authors = list(parsed.authors)
    if parsed.page_count is not None:
        authors = _front_matter(units, authors, parsed.page_title)
    references_text = _mark_references(units)
    page_count = parsed.page_count or max([unit.page for unit in units] + [1])
    pages = _pages(units, page_count)
    sections, sentences = _sections_and_sentences(units)
    word_count = count_words("\n".join(unit.text for unit in units if not unit.in_references))
    return Document(
        path=path,
        kind=kind,
        pages=pages,
        pages_estimated=estimated,
        sections=sections,
        sentences=sentences,
        references=references_text,
        word_count=word_count,
        metadata=Metadata(title=parsed.title or parsed.page_title or _first_page_title(units), authors=authors),
        engine=parsed.engine,
    )


_FRONT_UNITS = 12  # page-1 lines after the title looked at for the author line


def _front_matter(units: list[_Unit], authors: list[str], page_title: str | None = None) -> list[str]:
    """Find page 1's author line(s) after the title: never a heading, a paragraph of their own.

    The title is the first unnamed heading of page 1, or the lines that make
    up the title read from the type sizes. Returns the authors: the
    metadata's when it has several, else the names read on page 1 (also
    when the metadata names one of them only).
    """
    title = _title_lines_end(units, page_title) if page_title else None
    if title is None:
        title = next(
            (
                index
                for index, unit in enumerate(units[: _FRONT_UNITS * 2])
                if unit.page == 1
                and unit.heading
                and unit.kind is None
                and len(unit.text.split()) >= 3
                and not frontmatter.names(unit.text)
            ),
            None,
        )
    if title is None or any(unit.heading and unit.kind is not None for unit in units[:title]):
        return authors
    found: list[str] = []
    block: list[int] = []
    index = title + 1
    while index < len(units) and index <= title + _FRONT_UNITS and units[index].page == 1:
        unit = units[index]
        if unit.heading and unit.kind is not None:
            break
        going_on = bool(block) and block[-1] == index - 1
        if going_on and not unit.text.strip(" ,;&"):
            block.append(index)  # a lone "," between two lines of names
            index += 1
            continue
        previous = units[index - 1].text
        carried = going_on and (
            frontmatter.carried_on(unit.text) or frontmatter.continues(previous) or not previous.strip(" ,;&")
        )
        listed = frontmatter.names(unit.text, single=index == title + 1 or carried)
        if listed and (not block or going_on):
            found.extend(name for name in listed if name not in found)
            block.append(index)
            following = units[index + 1].text if index + 1 < len(units) else ""
            if not (
                frontmatter.continues(unit.text)
                or frontmatter.carried_on(following)
                or not following.strip(" ,;&")
                or frontmatter.names(following)
            ):
                break
        elif block:
            break
        index += 1
    if not block:
        return authors
    for index in block:
        units[index].heading = False
        units[index].kind = None
        units[index].paragraph_break = index == block[0]
    if block[-1] + 1 < len(units):
        units[block[-1] + 1].paragraph_break = True  # the title block ends here
    lowered = {name.lower() for name in found}
    if not authors or (len(authors) == 1 and authors[0].lower() in lowered):
        return found
    return authors


def _title_lines_end(units: list[_Unit], page_title: str) -> int | None:
    """Index of the last of the first lines of page 1 that make up `page_title`, if they do."""
    end = None
    for index, unit in enumerate(units[:_FRONT_UNITS]):
        if unit.page != 1 or unit.text not in page_title:
            break
        end = index
    return end


def _first_page_title(units: list[_Unit]) -> str | None:
    """A PDF without a title in its metadata: the first heading of page 1, when unnamed."""
    for unit in units:
        if unit.page > 1 or (unit.heading and unit.kind is not None):
            return None
        if unit.heading and len(unit.text.split()) >= 3:
            return unit.text
    return None


_KEEP_WITH_NEXT_WORDS = 12  # a block this short may be a heading...
_KEEP_WITH_NEXT_ROOM = 3  # ...kept with what follows it when fewer words would follow it on its page


def _paginate(blocks: list[Block]) -> list[Block]:
    """Pages estimated at WORDS_PER_PAGE words; a paragraph over a page end is cut at a word."""
    paged: list[Block] = []
    words_before = 0
    last = max((index for index, block in enumerate(blocks) if block.text.strip()), default=-1)
    for index, block in enumerate(blocks):
        words = block.text.split()
        if not words:
            paged.append(Block(text="", page=1 + words_before // WORDS_PER_PAGE))
            continue
        room = WORDS_PER_PAGE - words_before % WORDS_PER_PAGE
        if index < last and len(words) <= _KEEP_WITH_NEXT_WORDS and 0 <= room - len(words) < _KEEP_WITH_NEXT_ROOM:
            # A label or heading would end the page, its text on the next: it goes with its text.
            words_before += room
        start = 0
        while start < len(words):
            page = 1 + words_before // WORDS_PER_PAGE
            room = WORDS_PER_PAGE - words_before % WORDS_PER_PAGE
            chunk = words[start : start + room] if block.heading_level is None else words[start:]
            paged.append(
                Block(text=" ".join(chunk), page=page, heading_level=block.heading_level if start == 0 else None)
            )
            start += len(chunk)
            words_before += len(chunk)
    return paged


_BULLET = re.compile(r"^(?:[-*•▪◦–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
_BULLET_STARTS = "-*•▪◦–("  # a cheap test before the regex, on every line
_TITLE_END = re.compile(r"[.,;]$")
_TRAILING_COLON = re.compile(r"[\s:.]+$")


def _merge_emphasised(blocks: list[Block]) -> list[Block]:
    """Join consecutive emphasised lines of a page: a heading wrapped over two lines."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            block.continues
            and previous is not None
            and previous.emphasis
            and previous.page == block.page
            and len(previous.text.split()) + len(block.text.split()) <= _MAX_TITLE_WORDS
            # A line in the same style goes on after a comma ("(Wang, Harker," / "Digital Discovery, 2025)").
            and not (previous.text.endswith(".") or (_TITLE_END.search(previous.text) and not block.continues))
            # "Methods" then "2.1 Data" or "Materials": a heading and its first subheading.
            and split_number(block.text)[0] is None
            and fold(previous.text) not in KNOWN_HEADINGS
            and _TRAILING_COLON.sub("", fold(block.text)) not in KNOWN_HEADINGS  # "Abstract" starts anew
            and not frontmatter.names(previous.text)  # an author line is not a wrapped title
            and previous.text.isupper() == block.text.isupper()
        ):
            merged[-1] = Block(text=f"{previous.text} {block.text}", page=block.page, emphasis=True)
        else:
            merged.append(block)
    return merged


def _emphasised_heading(text: str) -> bool:
    """A bold or large line shaped like a title: short, capitalised, no sentence end."""
    words = text.split()
    if not words or len(words) > _MAX_TITLE_WORDS or _TITLE_END.search(text):
        return False
    first = text.lstrip("\"'“(")[:1]
    letters = sum(char.isalpha() for char in text)
    return (first.isupper() or first.isdigit()) and letters >= 0.5 * len(text.replace(" ", ""))


def _list_item(text: str, block: Block, following: Block | None) -> bool:
    """A numbered layout line whose sentence goes on over the next line: a list item, not a heading.

    "1. Stoichiometric attributes that depend only" / "on the fractions of...";
    a heading ("2 Methods") is followed by a new sentence, and a known heading
    word or an emphasised line is a heading all the same.
    """
    if block.emphasis:
        return False
    number, title = split_number(text)
    if following is None or not following.text or following.page != block.page:
        return text.endswith(".") and number is not None and heading_kind(title) is None
    if number is None or heading_kind(title) is not None:
        return False
    # "1. Random split on correlated samples." is an item: a heading ends no sentence.
    return following.text[0].islower() or text.endswith(".")


_CAPTION = re.compile(r"^(?:fig|figure|table|tab|scheme|eq|equation|algorithm|box)\b", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ")", '"', "”", "»")


def _layout_heading(blocks: list[Block], index: int, typical: float) -> bool:
    """A short line standing alone between the end of a paragraph and the start of the next.

    For PDF text without style hints: "Ablation study" after "...the model." and
    before "The authors conducted...".
    """
    text = blocks[index].text
    if len(text) >= 0.6 * typical or not _emphasised_heading(text) or _CAPTION.match(text):
        return False
    if text.endswith(":") or len(text.split()) > 10:
        return False
    previous = blocks[index - 1] if index > 0 else None
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None or not following.text or not following.text[0].isupper():
        return False
    if len(following.text) < 0.6 * typical:
        return False
    return previous is None or previous.page != blocks[index].page or previous.text.endswith(_SENTENCE_END)


def _mark_headings(blocks: list[Block], line_based: bool, *, layout: bool = False) -> list[_Unit]:
    detector = HeadingDetector()
    units: list[_Unit] = []
    previous_blank = True
    blocks = _merge_emphasised(blocks)
    typical = statistics.median([len(block.text) for block in blocks if len(block.text) >= 25] or [60]) if layout else 0
    for index, block in enumerate(blocks):
        text = block.text
        if not text:
            previous_blank = True
            units.append(_Unit(text="", page=block.page, paragraph_break=True))
            continue
        if block.heading_level is not None:
            _, title = split_number(text)
            units.append(_Unit(text=text, page=block.page, heading=True, kind=kind_of(title), paragraph_break=True))
            previous_blank = False
            continue
        found = None
        # Headings start with a capital or a number; most layout lines don't.
        if (
            (text[0].isupper() or text[0].isdigit())
            and text.count(" ") < _MAX_HEADING_WORDS
            and could_be_heading(text)
            and not (
                line_based
                and not block.emphasis
                and _list_item(text, block, blocks[index + 1] if index + 1 < len(blocks) else None)
            )
        ):
            found = detector.heading(text)
        if found is None and (block.emphasis or (layout and not detector.in_references and _layout_heading(blocks, index, typical))) and _emphasised_heading(text):
            found = (text, heading_kind(text))
        if found is not None:
            units.append(_Unit(text=found[0], page=block.page, heading=True, kind=found[1], paragraph_break=True))
        else:
            new_paragraph = not line_based or previous_blank or block.spaced or (
                (text[0] in _BULLET_STARTS or text[1:2] in ".)") and bool(_BULLET.match(text))
            )
            units.append(_Unit(text=text, page=block.page, paragraph_break=new_paragraph))
        previous_blank = False
    return [unit for unit in units if unit.text]


def _mark_paragraphs(units: list[_Unit]) -> None:
    """Layout lines: a short line ending a sentence, or a link before a capital, closes its paragraph."""
    lengths = [len(unit.text) for unit in units if not unit.heading and len(unit.text) >= 25]
    if not lengths:
        return
    typical = statistics.median(lengths)
    for current, following in zip(units, units[1:]):
        if current.heading:
            following.paragraph_break = True
        elif len(current.text) < 0.8 * typical and (
            current.text.endswith((".", "!", "?", ":"))
            # A submission's header often ends its line with the article's link, no full stop.
            or (following.text[:1].isupper() and ends_with_url(current.text))
        ):
            following.paragraph_break = True


def _mark_references(units: list[_Unit]) -> str:
    """Mark the references section (last References heading up to the next non-reference heading)."""
    starts = [index for index, unit in enumerate(units) if unit.heading and unit.kind == "references"]
    if not starts:
        return ""
    start = starts[-1]
    end = len(units)
    for index in range(start + 1, len(units)):
        if units[index].heading and units[index].kind in AFTER_REFERENCES:
            end = index
            break
    for unit in units[start:end]:
        unit.in_references = True
    return _join(units[start + 1 : end])


def _join(units: list[_Unit]) -> str:
    """Text of consecutive units: lines of a paragraph joined by spaces, paragraphs by a blank line."""
    # Each paragraph's pieces are joined once: adding each line to the
    # paragraph's string copied the paragraph again (a long references list).
    paragraphs: list[list[str]] = []
    previous = ""
    for unit in units:
        if paragraphs and not unit.paragraph_break:
            paragraphs[-1].append(_space(previous, unit.text) if previous[-1:] in _URL_BREAKS else " ")
            paragraphs[-1].append(unit.text)
        else:
            paragraphs.append([unit.text])
        previous = unit.text
    return "\n\n".join("".join(paragraph) for paragraph in paragraphs)


def _space(previous: str, text: str) -> str:
    """What joins two lines of a paragraph: a space, unless a URL or DOI goes on over the break."""
    return "" if url_continues(previous, text) else " "


def _pages(units: list[_Unit], page_count: int) -> list[Page]:
    by_page: dict[int, list[_Unit]] = {}
    for unit in units:
        if not unit.in_references:
            by_page.setdefault(unit.page, []).append(unit)
    return [Page(number=number, text=_join(by_page.get(number, []))) for number in range(1, page_count + 1)]


def _joined(units: list[_Unit]) -> tuple[str, list[int]]:
    """Like _join, with the offset where each unit starts in the text."""
    pieces: list[str] = []
    starts: list[int] = []
    offset = 0
    previous = ""
    for unit in units:
        if not pieces:
            separator = ""
        elif unit.paragraph_break:
            separator = "\n\n"
        else:
            separator = _space(previous, unit.text) if previous[-1:] in _URL_BREAKS else " "
        previous = unit.text
        offset += len(separator)
        starts.append(offset)
        pieces.append(separator + unit.text)
        offset += len(unit.text)
    return "".join(pieces), starts


def _sections_and_sentences(units: list[_Unit]) -> tuple[list[Section], list[Sentence]]:
    """Sections (text under each heading) and the sentences of those outside the references."""
    sections: list[Section] = []
    sentences: list[Sentence] = []
    current: list[_Unit] = []
    head: _Unit | None = None

    def close() -> None:
        if head is None and not current:
            return
        text, starts = _joined(current)
        heading = head.text if head else None
        sections.append(
            Section(
                heading=heading or "",
                kind=head.kind if head else None,
                text=text,
                page=head.page if head else current[0].page,
            )
        )
        if current and not current[0].in_references:
            sentences.extend(_split(text, starts, current, heading))

    for unit in units:
        if unit.heading:
            close()
            head, current = unit, []
        else:
            current.append(unit)
    close()
    return sections, sentences


def _split(text: str, starts: list[int], units: list[_Unit], heading: str | None) -> list[Sentence]:
    """Sentences of a section's text; a sentence's page is where it starts."""
    sentences = []
    unit_index = 0
    last = len(units) - 1
    for start, end in sentence_splitter.split(text):
        while unit_index < last and starts[unit_index + 1] <= start:
            unit_index += 1
        sentence = text[start:end]
        if "  " in sentence or "\n" in sentence or "\t" in sentence:
            sentence = " ".join(sentence.split())
        if sentence:
            sentences.append(Sentence(text=sentence, page=units[unit_index].page, section=heading))
    return sentences
