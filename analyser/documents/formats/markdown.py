"""Markdown: headings marked, markup removed, YAML front matter read for metadata."""

from __future__ import annotations

import re

from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import normalise_characters, url_continues
from analyser.documents.formats.html import strip_tags

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.DOTALL)
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1")
# Underscores emphasise only at word edges: "T_N" and "snake_case" stay.
_UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def inline(text: str) -> str:
    """Markdown inline markup to plain text; link targets kept ("text (url)")."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(2):  # nested **_bold italic_**
        text = _EMPHASIS.sub(r"\2", text)
        text = _UNDERSCORE_EMPHASIS.sub(r"\2", text)
    text = strip_tags(text)
    return text.replace("\\", "") if "\\" in text and not re.search(r"\\[a-zA-Z]", text) else text


def read(text: str) -> Parsed:
    text = normalise_characters(text.replace("\r\n", "\n").replace("\r", "\n"))
    title, authors = None, []
    front = _FRONT_MATTER.match(text)
    if front:
        title, authors = _front_matter(front.group(1))
        text = text[front.end() :]
    blocks: list[Block] = []
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        if paragraph:
            joined = paragraph[0]
            for line in paragraph[1:]:
                joined += ("" if url_continues(joined, line) else " ") + line
            blocks.append(Block(text=joined))
            paragraph.clear()

    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            if line.strip():
                blocks.append(Block(text=line.strip()))
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            blocks.append(Block(text=inline(heading.group(2)), heading_level=len(heading.group(1))))
            continue
        setext = _SETEXT.match(line)
        if setext and len(paragraph) == 1:
            level = 1 if setext.group(1)[0] == "=" else 2
            blocks.append(Block(text=paragraph.pop(), heading_level=level))
            continue
        if not line.strip() or _RULE.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        stripped = _QUOTE.sub("", line)
        if _LIST.match(stripped) or stripped.lstrip().startswith("|"):
            flush()  # each list item or table row is a paragraph of its own
            stripped = _LIST.sub("", stripped)
            stripped = " ".join(cell.strip() for cell in stripped.strip().strip("|").split("|"))
        paragraph.append(inline(stripped.strip()))
    flush()
    if title is None:
        title = next((block.text for block in blocks if block.heading_level == 1), None)
    return Parsed(blocks=[block for block in blocks if block.text], title=title, authors=authors)


def _front_matter(yaml_text: str) -> tuple[str | None, list[str]]:
    # Only the two keys we need; no YAML library for them.
    title, authors = None, []
    for line in yaml_text.split("\n"):
        key, _, value = line.partition(":")
        value = value.strip().strip("\"'")
        if key.strip().lower() == "title" and value:
            title = value
        elif key.strip().lower() in ("author", "authors") and value:
            from analyser.documents.pdf_engines import split_authors

            authors = split_authors(value.strip("[]"))
    return title, authors
