#!/usr/bin/env python3
"""Typeset an article text (``text/<slug>.md``) into a journal-like two-column PDF.

The words come from the article (see the file's front matter for its source and
licence); the layout is ours: a title block in large type, the authors, the
abstract across the page, bold section headings, the body in two columns,
page numbers and a running header with the venue and DOI, and the references in
smaller type. The HTML is printed by headless Chromium (Debian's ``chromium``).

Usage::

    python typeset.py text/<slug>.md [...]      # writes <slug>.pdf beside text/
    python typeset.py --all                      # every text/*.md next to this script
    python typeset.py text/x.md --out DIR --html # also keep the intermediate HTML

Standard library only.
"""
from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# --------------------------------------------------------------------------- #
# front matter


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (fields, body). Only the flat ``key: value`` YAML used in text/ is read."""
    meta: dict[str, str] = {}
    if not text.startswith("---"):
        return meta, text
    end = text.find("\n---", 3)
    if end < 0:
        return meta, text
    block, body = text[3:end], text[end + 4:]
    for line in block.splitlines():
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].replace('\\"', '"')
        meta[key] = value
    return meta, body.lstrip("\n")


# --------------------------------------------------------------------------- #
# inline markup: a small subset of Markdown plus simple LaTeX math

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
SYMBOLS = {
    "times": "×", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
    "neq": "≠", "ne": "≠", "approx": "≈", "sim": "~", "simeq": "≃", "propto": "∝",
    "cdot": "·", "cdots": "⋯", "ldots": "…", "dots": "…", "infty": "∞", "sum": "Σ",
    "prod": "Π", "int": "∫", "partial": "∂", "nabla": "∇", "rightarrow": "→", "to": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "leftrightarrow": "↔", "in": "∈", "notin": "∉",
    "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃",
    "mid": "|", "vert": "|", "Vert": "‖", "langle": "⟨", "rangle": "⟩", "circ": "°",
    "degree": "°", "prime": "′", "oplus": "⊕", "otimes": "⊗", "odot": "⊙", "star": "⋆",
    "ell": "ℓ", "hbar": "ħ", "AA": "Å", "angstrom": "Å", "perp": "⊥", "parallel": "∥",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "emptyset": "∅",
    "min": "min", "max": "max", "log": "log", "ln": "ln", "exp": "exp", "sin": "sin",
    "cos": "cos", "tanh": "tanh", "arg": "arg", "argmax": "argmax", "argmin": "argmin",
    "det": "det", "lim": "lim", "sup": "sup", "inf": "inf", "top": "⊤", "dagger": "†",
}
ACCENTS = {"hat": "\u0302", "tilde": "\u0303", "bar": "\u0304", "overline": "\u0305",
           "vec": "\u20d7", "dot": "\u0307", "widehat": "\u0302", "widetilde": "\u0303"}
STYLE_WRAPPERS = ("mathrm", "text", "textrm", "mathbf", "mathit", "mathsf", "mathtt",
                  "operatorname", "boldsymbol", "mathcal", "mathbb", "textbf", "textit",
                  "mbox", "rm", "bf")


def _group(s: str, i: int) -> tuple[str, int]:
    """Read a TeX argument at s[i]: a {...} group or one character/command."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{":
        depth, j = 0, i
        while j < len(s):
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                depth -= 1
                if depth == 0:
                    return s[i + 1:j], j + 1
            j += 1
        return s[i + 1:], len(s)
    if s[i] == "\\":
        m = re.match(r"\\([A-Za-z]+|.)", s[i:])
        return m.group(0), i + len(m.group(0))
    return s[i], i + 1


def tex_to_html(s: str) -> str:
    """Best-effort rendering of simple LaTeX math as HTML text."""
    out: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            m = re.match(r"\\([A-Za-z]+|.)", s[i:])
            name = m.group(1)
            i += len(m.group(0))
            if name in GREEK:
                out.append(GREEK[name])
            elif name in SYMBOLS:
                out.append(SYMBOLS[name])
            elif name in STYLE_WRAPPERS:
                arg, i = _group(s, i)
                out.append(tex_to_html(arg))
            elif name in ACCENTS:
                arg, i = _group(s, i)
                inner = tex_to_html(arg)
                out.append(inner + ACCENTS[name] if len(arg) == 1 else inner)
            elif name in ("frac", "dfrac", "tfrac"):
                num, i = _group(s, i)
                den, i = _group(s, i)
                n, d = tex_to_html(num), tex_to_html(den)
                n = n if re.fullmatch(r"[\w.]+", num) else f"({n})"
                d = d if re.fullmatch(r"[\w.]+", den) else f"({d})"
                out.append(f"{n}/{d}")
            elif name == "sqrt":
                arg, i = _group(s, i)
                out.append(f"√({tex_to_html(arg)})")
            elif name in ("left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr",
                          "Bigl", "Bigr", "displaystyle", "textstyle", "limits", "nolimits"):
                continue
            elif name in (",", ";", ":", "!", "quad", "qquad", " ", "enspace", "thinspace"):
                out.append(" " if name not in ("!",) else "")
            elif name in ("{", "}", "%", "&", "#", "_", "$"):
                out.append(html.escape(name))
            elif name == "\\":
                out.append("<br>")
            elif name in ("tag",):
                arg, i = _group(s, i)
                out.append(f"   ({tex_to_html(arg)})")
            elif name in ("label", "nonumber"):
                if name == "label":
                    _, i = _group(s, i)
            elif name in ("begin", "end"):
                _, i = _group(s, i)
            else:
                out.append(html.escape(name))
        elif c in "_^":
            arg, i = _group(s, i + 1)
            tag = "sub" if c == "_" else "sup"
            out.append(f"<{tag}>{tex_to_html(arg)}</{tag}>")
        elif c in "{}":
            i += 1
        elif c == "&":
            out.append(" ")
            i += 1
        elif c == "~":
            out.append(" ")
            i += 1
        else:
            out.append(html.escape(c))
            i += 1
    return "".join(out)


ALLOWED_TAGS = re.compile(r"&lt;(/?)(sup|sub|i|b|em|strong|br|u)\s*/?&gt;", re.I)


def inline(text: str) -> str:
    """Markdown inline subset -> HTML."""
    stash: list[str] = []

    def keep(fragment: str) -> str:
        stash.append(fragment)
        return f"\x00{len(stash) - 1}\x00"

    # math first, so that its _ ^ * are not read as Markdown
    text = re.sub(r"\$\$(.+?)\$\$", lambda m: keep(f'<span class="math">{tex_to_html(m.group(1))}</span>'), text)
    text = re.sub(r"(?<![\\\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\w)",
                  lambda m: keep(f'<span class="math">{tex_to_html(m.group(1))}</span>'), text)
    # links: keep the visible text (and the address when it is the text)
    text = re.sub(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)", lambda m: m.group(1), text)
    text = html.escape(text, quote=False)
    text = ALLOWED_TAGS.sub(lambda m: f"<{m.group(1)}{m.group(2).lower()}>", text)
    text = re.sub(r"\*\*(?!\s)(.+?)(?<!\s)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![\w*])", r"<em>\1</em>", text)
    text = re.sub(r"(?<![\w_])_(?![\s_])([^_\n]+?)(?<![\s_])_(?![\w_])", r"<em>\1</em>", text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: stash[int(m.group(1))], text)
    return text


# --------------------------------------------------------------------------- #
# blocks


def table_html(lines: list[str]) -> str:
    rows = []
    for line in lines:
        cells = line.strip()
        if cells.startswith("|"):
            cells = cells[1:]
        if cells.endswith("|"):
            cells = cells[:-1]
        rows.append([c.strip() for c in cells.split("|")])
    head, body = rows[0], rows[1:]
    if body and all(re.fullmatch(r":?-{2,}:?", c or "---") for c in body[0]):
        body = body[1:]
    ncols = max(len(r) for r in rows)
    cls = "wide" if ncols > 5 else ""
    out = [f'<table class="{cls}"><thead><tr>']
    out += [f"<th>{inline(c)}</th>" for c in head]
    out.append("</tr></thead><tbody>")
    for r in body:
        out.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def blocks_html(md: str, refs: bool = False) -> str:
    lines = md.splitlines()
    out: list[str] = []
    para: list[str] = []
    i = 0

    def flush() -> None:
        if not para:
            return
        text = " ".join(p.strip() for p in para)
        para.clear()
        if re.match(r"^\*\*(Fig(ure)?|Table|Scheme|Chart|Algorithm)\.?\s", text):
            out.append(f'<p class="caption">{inline(text)}</p>')
        else:
            out.append(f"<p>{inline(text)}</p>")

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        m = re.match(r"^(#{2,6})\s+(.*)$", stripped)
        if m:
            flush()
            level = min(len(m.group(1)), 4)
            out.append(f"<h{level}>{inline(m.group(2))}</h{level}>")
            i += 1
            continue
        if stripped.startswith("$$"):
            flush()
            buf = [stripped[2:]]
            if stripped.endswith("$$") and len(stripped) > 4:
                buf = [stripped[2:-2]]
                i += 1
            else:
                i += 1
                while i < len(lines) and "$$" not in lines[i]:
                    buf.append(lines[i].strip())
                    i += 1
                if i < len(lines):
                    buf.append(lines[i].strip().replace("$$", ""))
                    i += 1
            out.append(f'<div class="display-math"><span class="math">{tex_to_html(" ".join(buf))}</span></div>')
            continue
        if stripped.startswith("|"):
            flush()
            tbl = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                tbl.append(lines[i])
                i += 1
            out.append(table_html(tbl))
            continue
        if re.match(r"^([-*•])\s+", stripped) and not refs:
            flush()
            items = []
            while i < len(lines) and re.match(r"^\s*([-*•])\s+", lines[i]):
                items.append(re.sub(r"^\s*([-*•])\s+", "", lines[i]))
                i += 1
                while i < len(lines) and lines[i].startswith("  ") and lines[i].strip() \
                        and not re.match(r"^\s*([-*•])\s+", lines[i]):
                    items[-1] += " " + lines[i].strip()
                    i += 1
            out.append("<ul>" + "".join(f"<li>{inline(t)}</li>" for t in items) + "</ul>")
            continue
        if re.match(r"^\d+\.\s+\S", stripped) and not refs and not para:
            flush()
            items = []
            start = int(re.match(r"^(\d+)", stripped).group(1))
            while i < len(lines) and re.match(r"^\s*\d+\.\s+\S", lines[i]):
                items.append(re.sub(r"^\s*\d+\.\s+", "", lines[i]))
                i += 1
                while i < len(lines) and lines[i].startswith("   ") and lines[i].strip():
                    items[-1] += " " + lines[i].strip()
                    i += 1
            out.append(f'<ol start="{start}">' + "".join(f"<li>{inline(t)}</li>" for t in items) + "</ol>")
            continue
        if refs:  # one reference a line
            flush()
            text = re.sub(r"^[-*]\s+", "", stripped)
            out.append(f'<p class="ref">{inline(text)}</p>')
            i += 1
            continue
        para.append(line)
        i += 1
    flush()
    return "\n".join(out)


# --------------------------------------------------------------------------- #
# page


CSS = r"""
@page {
  size: A4;
  margin: 20mm 16mm 18mm 16mm;
  @top-left { content: "%(header_left)s"; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #444; }
  @top-right { content: "%(header_right)s"; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #444; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #333; }
}
@page :first {
  @top-left { content: "%(header_left)s"; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #444; }
  @top-right { content: "Open access · %(license_short)s"; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #444; }
}
html { font-family: "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; font-size: 9.2pt; line-height: 1.32; color: #111; }
body { margin: 0; }
.titleblock { border-bottom: 1.2pt solid #222; padding-bottom: 6pt; margin-bottom: 8pt; }
.venue { font: 8pt "DejaVu Sans", Arial, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; color: #333; margin-bottom: 6pt; }
h1.title { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 19pt; line-height: 1.18; font-weight: bold; margin: 0 0 8pt 0; }
.authors { font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 10.5pt; margin: 0 0 5pt 0; }
.meta p { font-size: 7.6pt; color: #333; margin: 1pt 0; }
.abstract { background: #f1f1f1; border-left: 2.5pt solid #555; padding: 6pt 8pt; margin: 0 0 10pt 0; font-size: 8.8pt; }
.abstract h2 { font-size: 9.5pt; margin: 0 0 3pt 0; text-transform: none; }
.abstract h3 { font-size: 8.8pt; margin: 6pt 0 2pt 0; }
.abstract p { margin: 0 0 4pt 0; text-align: justify; }
.columns { column-count: 2; column-gap: 7mm; column-fill: auto; }
.columns p { margin: 0 0 4.5pt 0; text-align: justify; hyphens: manual; }
h2 { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; font-weight: bold; margin: 9pt 0 4pt 0; break-after: avoid; }
h3 { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.2pt; font-weight: bold; margin: 7pt 0 3pt 0; break-after: avoid; }
h4 { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; font-weight: bold; font-style: italic; margin: 6pt 0 2pt 0; break-after: avoid; }
p.caption { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.6pt; line-height: 1.28; background: #f7f7f7; padding: 3pt 4pt; margin: 4pt 0 6pt 0; text-align: left; break-inside: avoid; }
table { border-collapse: collapse; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 6.8pt; line-height: 1.2; margin: 2pt 0 8pt 0; width: 100%%; break-inside: avoid; }
table.wide { column-span: all; }
th { border-top: 0.8pt solid #222; border-bottom: 0.6pt solid #222; text-align: left; padding: 1.5pt 2.5pt; font-weight: bold; }
td { padding: 1.2pt 2.5pt; vertical-align: top; border-bottom: 0.2pt solid #ccc; }
tbody tr:last-child td { border-bottom: 0.8pt solid #222; }
ul, ol { margin: 0 0 5pt 0; padding-left: 14pt; }
li { margin: 0 0 2pt 0; text-align: justify; }
.display-math { text-align: center; margin: 4pt 0 6pt 0; }
.math { font-family: "DejaVu Serif", serif; font-style: italic; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
.refs { font-size: 7.2pt; line-height: 1.25; }
.refs h2 { font-size: 9.5pt; }
.refs p.ref { margin: 0 0 2.2pt 0; text-align: left; padding-left: 10pt; text-indent: -10pt; }
.endnote { column-span: all; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7pt; color: #444; border-top: 0.5pt solid #999; margin-top: 10pt; padding-top: 4pt; }
sup, sub { font-size: 70%%; line-height: 0; }
"""


def css_string(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def build_html(md_path: Path) -> str:
    meta, body = split_front_matter(md_path.read_text(encoding="utf-8"))
    lines = body.splitlines()

    # title: the first "# " line
    title, k = meta.get("title", md_path.stem), 0
    for k, line in enumerate(lines):
        if line.startswith("# "):
            title = line[2:].strip()
            break
    rest = lines[k + 1:]

    # front: lines before the first "## " heading; the first non-empty line is the authors
    j = 0
    while j < len(rest) and not rest[j].startswith("## "):
        j += 1
    front, rest = rest[:j], rest[j:]
    front_paras = [p.strip() for p in "\n".join(front).split("\n\n") if p.strip()]
    authors = front_paras[0].replace("\n", " ") if front_paras else meta.get("authors", "")
    front_meta = front_paras[1:]

    # abstract: the "## Abstract" section (and any ### sub-blocks before the next ##)
    abstract_md = ""
    if rest and re.match(r"^##\s+Abstract\b", rest[0], re.I):
        j = 1
        while j < len(rest) and not rest[j].startswith("## "):
            j += 1
        abstract_md, rest = "\n".join(rest[:j]), rest[j:]

    # references: from "## References" (or "## Notes and references") on, in smaller type
    body_lines, ref_lines = rest, []
    for j, line in enumerate(rest):
        if re.match(r"^##\s+(References|Notes and references|Bibliography)\b", line, re.I):
            body_lines, ref_lines = rest[:j], rest[j:]
            break

    venue = meta.get("venue", "")
    doi = meta.get("doi", "")
    ident = doi if doi.lower().startswith(("arxiv", "http")) else f"https://doi.org/{doi}" if doi else ""
    short_venue = re.split(r"\s[(\[]", venue)[0] if venue else ""
    header_left = css_string(short_venue[:90])
    header_right = css_string(ident)
    lic = meta.get("license", "")
    m = re.search(r"CC[ -]BY(?:[- ][A-Z]{2})*\s*[\d.]*", lic)
    license_short = css_string(m.group(0).strip() if m else "CC BY")

    css = CSS % {"header_left": header_left, "header_right": header_right, "license_short": license_short}
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{css}</style></head><body>",
        "<div class='titleblock'>",
        f"<div class='venue'>{html.escape(short_venue)}</div>",
        f"<h1 class='title'>{inline(title)}</h1>",
        f"<p class='authors'>{inline(authors)}</p>",
        "<div class='meta'>" + "".join(f"<p>{inline(p.replace(chr(10), ' '))}</p>" for p in front_meta) + "</div>",
        "</div>",
    ]
    if abstract_md:
        parts.append(f"<div class='abstract'>{blocks_html(abstract_md)}</div>")
    parts.append("<div class='columns'>")
    parts.append(blocks_html("\n".join(body_lines)))
    if ref_lines:
        parts.append(f"<div class='refs'><h2>{inline(ref_lines[0].lstrip('#').strip())}</h2>")
        parts.append(blocks_html("\n".join(ref_lines[1:]), refs=True))
        parts.append("</div>")
    parts.append("</div>")
    note = (f"{html.escape(title)}. {html.escape(meta.get('authors', ''))}. {html.escape(venue)}. "
            f"{html.escape(ident)}. Licence: {html.escape(lic)}. "
            "Text of the article as published under its open licence; this two-column layout is "
            "not the publisher's.")
    parts.append(f"<div class='endnote'>{note}</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def print_pdf(html_text: str, pdf_path: Path, keep_html: Path | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="typeset-") as tmp:
        src = Path(tmp) / "article.html"
        src.write_text(html_text, encoding="utf-8")
        if keep_html:
            keep_html.write_text(html_text, encoding="utf-8")
        profile = Path(tmp) / "profile"
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--no-first-run",
               f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}",
               "--no-pdf-header-footer", src.as_uri()]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
        if run.returncode != 0 or not pdf_path.exists():
            raise RuntimeError(f"chromium failed ({run.returncode}): {run.stderr[-800:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts", nargs="*", type=Path, help="text/<slug>.md files")
    ap.add_argument("--all", action="store_true", help="every text/*.md beside this script")
    ap.add_argument("--out", type=Path, help="output folder (default: the folder holding text/)")
    ap.add_argument("--html", action="store_true", help="also write <slug>.html")
    args = ap.parse_args(argv)
    texts = list(args.texts)
    if args.all:
        texts += sorted((HERE / "text").glob("*.md"))
    if not texts:
        ap.error("give text files or --all")
    for md in texts:
        out_dir = args.out or md.resolve().parent.parent
        out_dir.mkdir(parents=True, exist_ok=True)
        pdf = out_dir / f"{md.stem}.pdf"
        html_text = build_html(md)
        print_pdf(html_text, pdf, out_dir / f"{md.stem}.html" if args.html else None)
        print(f"{pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
