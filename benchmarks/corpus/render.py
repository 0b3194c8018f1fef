"""Turn each corpus analysis's source into the file its student hands in.

The writing sessions write Markdown (`<id>.md`) for the analyses handed in as
`pdf`, `docx` or `html` (and as `md`); `txt` and `tex` ones are written as
they are handed in. This script makes the PDF (printed by headless Chromium
from HTML, as a word processor would), the Word file (python-docx, headings
as Word heading styles) and the HTML page, next to the source:

    python benchmarks/corpus/render.py [--root DIR] [--force] [ID...]

DIR (default: this folder) holds `profiles.tsv` and `analyses/`.

Existing files are kept unless --force.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

_INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"<em>\1</em>"),
    (re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)"), r'<a href="\2">\1</a>'),
]


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def markdown_blocks(source: str) -> list[tuple[str, str]]:
    """(kind, text) blocks: ("h1".."h3", text), ("li", text), ("p", text)."""
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("p", " ".join(paragraph)))
            paragraph.clear()

    for line in source.splitlines():
        stripped = line.strip()
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", stripped)
        bullet = re.match(r"^(?:[-*•]|\d{1,2}[.)])\s+(.*)$", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            blocks.append((f"h{min(3, len(heading.group(1)))}", heading.group(2)))
        elif bullet:
            flush()
            blocks.append(("li", bullet.group(1)))
        else:
            paragraph.append(stripped)
    flush()
    return blocks


def to_html(source: str, title: str) -> str:
    parts, in_list = [], False
    for kind, text in markdown_blocks(source):
        if kind == "li" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif kind != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(f"<{kind}>{_inline(text)}</{kind}>")
    if in_list:
        parts.append("</ul>")
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
@page {{ size: A4; margin: 2.2cm 2.3cm; }}
body {{ font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 11pt; line-height: 1.35; }}
h1 {{ font-size: 15pt; }} h2 {{ font-size: 12.5pt; margin-top: 1.1em; }} h3 {{ font-size: 11.5pt; }}
p {{ margin: 0.45em 0; text-align: justify; }}
</style></head><body>
{body}
</body></html>
"""


def write_pdf(source: str, target: Path, title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "analysis.html"
        page.write_text(to_html(source, title), encoding="utf-8")
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={folder}/profile",
                   "--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def write_docx(source: str, target: Path, title: str, styled: bool) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = ""  # students' files often carry no author, or a machine's name
    for kind, text in markdown_blocks(source):
        plain = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text)
        plain = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"\1 (\2)", plain)
        if kind.startswith("h"):
            if styled:
                document.add_heading(plain, level=int(kind[1]))
            else:  # a bold line, as many students make their headings
                document.add_paragraph().add_run(plain).bold = True
        elif kind == "li":
            document.add_paragraph(plain, style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            for piece in re.split(r"(\*\*.+?\*\*)", plain if "**" not in text else re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"\1 (\2)", text)):
                if piece.startswith("**") and piece.endswith("**"):
                    paragraph.add_run(piece[2:-2]).bold = True
                elif piece:
                    paragraph.add_run(re.sub(r"(?<!\w)\*(.+?)\*", r"\1", piece))
    document.save(target)


def profiles(root: Path) -> dict[str, dict]:
    with (root / "profiles.tsv").open(encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}


def render(analyses: Path, identifier: str, profile: dict, force: bool) -> str | None:
    source_path = analyses / f"{identifier}.md"
    kind = profile["format"]
    if kind not in ("pdf", "docx", "html") or not source_path.exists():
        return None
    target = analyses / f"{identifier}.{kind}"
    if target.exists() and not force:
        return None
    source = source_path.read_text(encoding="utf-8")
    title = next((text for block, text in markdown_blocks(source) if block.startswith("h")), identifier)
    if kind == "pdf":
        write_pdf(source, target, title)
    elif kind == "docx":
        # Half the Word files use heading styles, half bold lines: students do both.
        write_docx(source, target, title, styled=int(identifier[1:]) % 2 == 0)
    else:
        target.write_text(to_html(source, title), encoding="utf-8")
    return target.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--root", type=Path, default=HERE)
    args = parser.parse_args()
    known = profiles(args.root)
    for identifier in args.ids or sorted(known):
        if identifier not in known:
            sys.exit(f"error: {identifier}: no such profile")
        made = render(args.root / "analyses", identifier, known[identifier], args.force)
        if made:
            print(made)


if __name__ == "__main__":
    main()
