"""LaTeX: markup removed, \\section headings marked, \\title and \\author read.

Not a TeX engine: a handful of rules that turn the reports students write
(article class, amsmath, hyperref, simple \\newcommand macros) into readable
text.
"""

from __future__ import annotations

import re
import unicodedata

from analyser.documents import bounds
from analyser.documents.blocks import Block, Parsed
from analyser.documents.cleaning import normalise_characters

_COMMENT = re.compile(r"(?<!\\)%.*")
_SECTION = re.compile(r"\\(part|chapter|section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{")
_LEVELS = {"part": 1, "chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4}
_NEWCOMMAND = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z]+)\}?\s*\{")
_DROP_WITH_ARGUMENT = re.compile(
    r"\\(?:label|ref|eqref|autoref|cref|Cref|pageref|vspace|hspace|"
    r"includegraphics|bibliographystyle|bibliography|usepackage|documentclass|setlength|"
    r"addbibresource|input|include|newcommand|renewcommand|date|thanks|pagestyle|thispagestyle)\*?"
    r"\s*(?:\[[^\]]*\])*\s*(?:\{[^{}]*\})?(?:\{[^{}]*\})?"
)
_CITE = re.compile(r"[ \t]*~?\\(?:cite|citep|citet|citealp|parencite|autocite|footcite)\*?(?:\[[^\]]*\])*\{[^{}]*\}")
_DROP_ENVIRONMENTS = re.compile(r"\\begin\{(figure|table|tikzpicture|thebibliography)\*?\}.*?\\end\{\1\*?\}", re.DOTALL)
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "c": "\u0327", "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
}
_ACCENT = re.compile(r"\\([`'^\"~=.]|[cuvH](?=[\s{]))\s*\{?\\?([A-Za-z])\}?")
_SYMBOLS = {
    r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "{", r"\}": "}",
    r"\ldots": "...", r"\dots": "...", r"\textasciitilde": "~", r"\AA": "Å", r"\aa": "å",
    r"\o": "ø", r"\O": "Ø", r"\ss": "ß", r"\ae": "æ", r"\oe": "œ", r"\times": "×",
    r"\pm": "±", r"\approx": "≈", r"\leq": "≤", r"\geq": "≥", r"\le": "≤", r"\ge": "≥",
    r"\sim": "~", r"\to": "→", r"\rightarrow": "→", r"\infty": "∞", r"\alpha": "α",
    r"\beta": "β", r"\gamma": "γ", r"\delta": "δ", r"\epsilon": "ε", r"\eta": "η",
    r"\lambda": "λ", r"\mu": "μ", r"\sigma": "σ", r"\tau": "τ", r"\theta": "θ",
    r"\Delta": "Δ", r"\circ": "°", r"\cdot": "·", r"\in": "∈", r"\sum": "Σ",
    r"\LaTeX": "LaTeX", r"\TeX": "TeX", r"\textbackslash": "\\", r"\euro": "€",
}
_SYMBOL = re.compile("|".join(re.escape(key) + (r"(?![A-Za-z])" if key[-1].isalpha() else "") for key in sorted(_SYMBOLS, key=len, reverse=True)))
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_URL = re.compile(r"\\(?:url|nolinkurl)\s*\{([^{}]*)\}")
_ITEM = re.compile(r"\\item\s*(?:\[([^\]]*)\])?")
_ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{[^{}]*\}(?:\{[^{}]*\})?(?:\[[^\]]*\])?")
_COMMAND_WITH_TEXT = re.compile(r"\\[A-Za-z]+\*?\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")
_BARE_COMMAND = re.compile(r"\\[A-Za-z]+\*?")
_MATH_SPACING = re.compile(r"\\[,;:! ]")


def _balanced(text: str, start: int) -> tuple[str, int]:
    """Content of the brace group opening at text[start - 1] == "{", and the index after it."""
    depth, index = 1, start
    while index < len(text) and depth:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        index += 1
    return text[start : index - 1], index


def _argument(source: str, command: str) -> str | None:
    match = re.search(r"\\" + command + r"\s*(?:\[[^\]]*\])?\s*\{", source)
    return _balanced(source, match.end())[0] if match else None


def _macros(preamble: str) -> dict[str, str]:
    """Argument-less \\newcommand macros, expanded in the body ("\\MnO" -> "MnO")."""
    macros = {}
    for match in _NEWCOMMAND.finditer(preamble):
        body, _ = _balanced(preamble, match.end())
        if "#" not in body:
            macros[match.group(1)] = body
    return macros


def _href(match: re.Match) -> str:
    target, shown = match.group(1), " ".join(match.group(2).split())
    return target if not shown or shown == target else f"{shown} ({target})"


def to_text(source: str) -> str:
    """LaTeX markup of a fragment removed; paragraphs (blank lines) kept."""
    text = _DROP_ENVIRONMENTS.sub("\n\n", source)
    text = re.sub(r"\\begin\{abstract\}", "\n\n", text)
    text = _HREF.sub(_href, text)
    text = _URL.sub(r"\1", text)
    text = _ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1)]), text)
    text = _CITE.sub("", text)
    text = _DROP_WITH_ARGUMENT.sub("", text)
    text = _ITEM.sub(lambda m: "\n\n" + (m.group(1) + " " if m.group(1) else ""), text)
    text = _ENVIRONMENT.sub("\n\n", text)
    text = re.sub(r"(?<!\\)&", " ", text)  # tabular column separators
    text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group()], text)
    text = text.replace("\\\\", "\n")  # before "\ " (a control space) is read
    text = _MATH_SPACING.sub(" ", text)
    text = text.replace("~", " ").replace("---", "—").replace("--", "–")
    text = text.replace("``", "“").replace("''", "”")
    for _ in range(4):  # nested \textbf{\emph{...}}
        text = _COMMAND_WITH_TEXT.sub(r"\1", text)
    text = _BARE_COMMAND.sub("", text)
    text = re.sub(r"(?<!\\)[{}]", "", text)
    text = re.sub(r"(?<!\\)\$+", "", text)
    text = text.replace("^", "")  # "M_S" stays as students write it in plain text
    return text


# URL arguments are verbatim in LaTeX ("_", "%", "~", "#" are plain characters
# there): they are set aside before any rule runs and put back at the end.
_URL_ARGUMENT = re.compile(r"\\(url|nolinkurl|href)\s*\{")
_URL_SLOT = re.compile("\ue010(\\d+)\ue011")
_URL_ESCAPE = re.compile(r"\\([_%#&~$])")
_SHOWN = re.compile(r"\s*\{")


def _protect_urls(source: str, urls: list[str]) -> str:
    """`source` with each \\url / \\href target replaced by a slot numbering it in `urls`."""
    pieces = []
    position = 0
    for match in _URL_ARGUMENT.finditer(source):
        if match.start() < position:
            continue
        end = source.find("}", match.end())
        newline = source.find("\n\n", match.end())
        if end < 0 or (0 <= newline < end):
            continue
        urls.append(_URL_ESCAPE.sub(r"\1", source[match.end() : end].strip()))
        slot = f"\ue010{len(urls) - 1}\ue011"
        pieces.append(source[position : match.start()])
        position = end + 1
        shown = _SHOWN.match(source, position) if match.group(1) == "href" else None
        if shown is None:
            pieces.append(slot)
            continue
        text, after = _balanced(source, shown.end())
        # "\\href{url}{text}" reads "text (url)"; "\\href{url}{url}" the URL once.
        same = _URL_ESCAPE.sub(r"\1", text.strip()) == urls[-1] or not text.strip()
        pieces.append(slot if same else f"{{{text}}} ({slot})")
        position = after
    pieces.append(source[position:])
    return "".join(pieces)


def _restore_urls(text: str, urls: list[str]) -> str:
    if "\ue010" not in text:
        return text
    return _URL_SLOT.sub(lambda match: urls[int(match.group(1))], text)


def read(source: str, *, path: str = "") -> Parsed:
    urls: list[str] = []
    parsed = _read(_protect_urls(source, urls), path)
    if urls:
        for block in parsed.blocks:
            block.text = _restore_urls(block.text, urls)
        parsed.title = _restore_urls(parsed.title, urls) if parsed.title else parsed.title
        parsed.authors = [_restore_urls(author, urls) for author in parsed.authors]
    return parsed


def _read(source: str, path: str = "") -> Parsed:
    source = normalise_characters(source.replace("\r\n", "\n").replace("\r", "\n"))
    source = "\n".join(_COMMENT.sub("", line) for line in source.split("\n"))
    begin = source.find("\\begin{document}")
    preamble, body = (source[:begin], source[begin + len("\\begin{document}") :]) if begin >= 0 else ("", source)
    body = body.split("\\end{document}")[0]
    macros = _macros(preamble + body)
    if macros:
        pattern = re.compile(r"\\(" + "|".join(map(re.escape, sorted(macros, key=len, reverse=True))) + r")(?![A-Za-z])(?:\{\})?")
        # A long macro used many times multiplies the text: its size is counted before it is built.
        grown = sum(len(macros[m.group(1)]) - len(m.group()) for m in pattern.finditer(body))
        bounds.check_text_length(len(body) + grown, path)
        body = pattern.sub(lambda m: macros[m.group(1)], body)
    title_source = _argument(preamble + body, "title")
    author_source = _argument(preamble + body, "author")
    title = " ".join(to_text(title_source).split()) if title_source else None
    authors = _authors(author_source) if author_source else []
    blocks: list[Block] = []
    if "\\maketitle" in body and title:
        blocks.append(Block(text=title, heading_level=1))
        byline = " ".join(to_text(author_source.replace("\\and", ",")).split()) if author_source else ""
        if byline:
            blocks.append(Block(text=byline))
    position = 0
    for match in _SECTION.finditer(body):
        heading, end = _balanced(body, match.end())
        blocks.extend(_paragraphs(body[position : match.start()]))
        blocks.append(Block(text=" ".join(to_text(heading).split()), heading_level=_LEVELS[match.group(1)] + 1))
        position = end
    blocks.extend(_paragraphs(body[position:]))
    # \begin{abstract} gets a heading, as printed by LaTeX.
    return Parsed(blocks=[block for block in blocks if block.text], title=title, authors=authors)


def _paragraphs(fragment: str) -> list[Block]:
    blocks = []
    abstract = "\\begin{abstract}" in fragment
    if abstract:
        before, after = fragment.split("\\begin{abstract}", 1)
        blocks.extend(_paragraphs(before))
        blocks.append(Block(text="Abstract", heading_level=2))
        fragment = after
    for paragraph in re.split(r"\n\s*\n", to_text(fragment)):
        text = " ".join(paragraph.split())
        if text:
            blocks.append(Block(text=text))
    return blocks


def _authors(source: str) -> list[str]:
    authors = []
    for part in re.split(r"\\and\b", source):
        first_line = re.split(r"\\\\|\\thanks|\\footnote|\\small|\\normalsize|\\newline", part)[0]
        name = " ".join(to_text(first_line).split()).strip(" ,")
        if name:
            authors.append(name)
    return authors
