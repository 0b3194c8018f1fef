"""HTML with the standard library's parser: block elements become paragraphs."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import normalise_characters
from analyser.documents.pdf_engines import split_authors

_BLOCK_TAGS = frozenset(
    "p div section article header footer main aside nav li ul ol dl dt dd table tr "
    "blockquote pre figure figcaption br hr h1 h2 h3 h4 h5 h6 title caption address".split()
)
_SKIPPED = frozenset("script style noscript template svg math head".split())
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_AUTHOR_META = ("author", "citation_author", "dc.creator", "dcterms.creator")
_TAG = re.compile(r"<[^>]{0,500}>")


def strip_tags(text: str) -> str:
    """Inline HTML (<sup>, <em>...) out of a text; entities decoded."""
    return unescape(_TAG.sub("", text)) if "<" in text or "&" in text else text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: list[str] = []
        self.level: int | None = None
        self.skip_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.authors: list[str] = []
        self.meta_title: str | None = None
        self.hrefs: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(Block(text=text, heading_level=self.level))
        self.current = []
        self.level = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {key.lower(): (value or "") for key, value in attrs}
        if tag == "meta":
            name = (attributes.get("name") or attributes.get("property") or "").lower()
            content = " ".join(attributes.get("content", "").split())
            if name in _AUTHOR_META and content:
                self.authors.extend(split_authors(content))
            elif name in ("citation_title", "dc.title", "og:title") and content:
                self.meta_title = self.meta_title or content
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIPPED:
            self.skip_depth += 1
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag in _HEADINGS:
            self.level = _HEADINGS[tag]
        if tag == "a":
            # The link target is kept: a student's article link is often behind its text.
            href = attributes.get("href", "")
            self.hrefs.append(href if href.startswith(("http://", "https://")) else "")
        if tag in ("td", "th"):
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "a" and self.hrefs:
            href = self.hrefs.pop()
            if href and not self.skip_depth and href not in "".join(self.current):
                self.current.append(f" ({href})")
        if tag in _BLOCK_TAGS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.current.append(data)


def read(text: str) -> Parsed:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    collector.flush()
    blocks = [Block(text=normalise_characters(b.text), heading_level=b.heading_level) for b in collector.blocks]
    title = " ".join("".join(collector.title_parts).split()) or collector.meta_title
    if not title:
        title = next((block.text for block in blocks if block.heading_level == 1), None)
    return Parsed(blocks=blocks, title=title, authors=collector.authors)
