"""Text from an article made safe for LaTeX: special characters escaped, and the
characters pdflatex has no glyph for turned into math, super/subscripts or \\uchar."""

from __future__ import annotations

import re
import unicodedata

_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Characters articles quote that pdflatex's utf8 input does not know: set as math.
_TEX_MATH = {
    "≈": r"\approx", "≤": r"\leq", "≥": r"\geq", "±": r"\pm", "×": r"\times", "→": r"\rightarrow",
    "∼": r"\sim", "∞": r"\infty", "√": r"\surd", "∑": r"\sum", "∈": r"\in", "·": r"\cdot", "°": r"^\circ",
    "≠": r"\neq", "∝": r"\propto", "∂": r"\partial", "∇": r"\nabla", "⊂": r"\subset", "←": r"\leftarrow",
    "↔": r"\leftrightarrow", "⇒": r"\Rightarrow", "′": r"'", "ℓ": r"\ell", "ħ": r"\hbar",
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\epsilon", "ζ": r"\zeta",
    "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "µ": r"\mu",
    "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon",
    "φ": r"\phi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta",
    "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi",
    "Ω": r"\Omega",
}
# Citation marks and formulas: superscript and subscript digits and signs.
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni"))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()"))
# What pdflatex's utf8 + T1 + textcomp set without help (LaTeX's t1enc.dfu and
# ts1enc.dfu): Latin-1 and Latin Extended-A but for a few, and the usual typography.
_TEX_SAFE_EXTRA = set("ȘșȚț‐‑‒–—―‘’‚“”„†‡•…‰‹›€™℃№")
_TEX_LATIN_GAPS = set("ĦħĸĿŀŉŦŧſ")


def _tex_safe(char: str) -> bool:
    code = ord(char)
    latin = 0xA0 <= code <= 0x17F and char not in _TEX_LATIN_GAPS
    return 0x20 <= code < 0x7F or latin or char in _TEX_SAFE_EXTRA or char in "\n\t"


def _tex_other(char: str) -> str:
    # \uchar{hex}{fallback} (see analysis.tex.j2): the character itself under
    # xelatex/lualatex, an ASCII stand-in under pdflatex, which would stop at it.
    ascii_form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    fallback = "".join(c for c in ascii_form if c.isalnum()) or "?"
    return rf"\uchar{{{ord(char):04X}}}{{{fallback}}}"


def _tex_char(char: str) -> str:
    if char in _TEX_SPECIALS:
        return _TEX_SPECIALS[char]
    if char in _TEX_MATH:
        return r"\ensuremath{" + _TEX_MATH[char] + "}"
    if char in _SUPERSCRIPTS:
        return r"\textsuperscript{" + _SUPERSCRIPTS[char] + "}"
    if char in _SUBSCRIPTS:
        return r"\textsubscript{" + _SUBSCRIPTS[char] + "}"
    if char == "−":  # the minus sign
        return "-"
    return char if _tex_safe(char) else _tex_other(char)


def tex_escape(text: object) -> str:
    """Text safe to typeset in LaTeX: its special characters become commands, and
    characters pdflatex does not know become math, super/subscripts or \\uchar."""
    # "--" would print as an en dash: keep command options as typed.
    return "".join(_tex_char(char) for char in str(text)).replace("--", "-{}-")


def tex_url(link: str) -> str:
    # Inside \url only these still need a backslash.
    return re.sub(r"([%#\\{}])", r"\\\1", link)
