"""Text that came from outside (mail headers, file names, documents), made safe to keep and to show.

Three dangers, three functions:

- a string that is no text: an 8-bit byte Python could not decode is kept
  as a lone surrogate ("Ren\\udce9"), which no UTF-8 file can hold: writing
  it stops the whole run. `valid_text` replaces such characters.
- a name that is not one line of ordinary characters: control characters,
  line breaks, bidi overrides (U+202E shows "cod.pdf" as "fdp.doc") have no
  place in a student's name. `plain_name` removes them.
- text printed on a terminal: ESC sequences move the cursor, rewrite the
  screen or set the window title; C1 controls (U+0080-U+009F) act like them
  on many terminals. `for_terminal` shows them as visible escapes ("\\x1b")
  instead of letting them act.

No dependency: the CLI imports this at start-up.
"""

from __future__ import annotations

import re

_SURROGATES = re.compile("[\ud800-\udfff]")
# Bidi embeddings, overrides and isolates, and the marks that steer them.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Every C0 control but tab and line feed, DEL, every C1 control, and the bidi controls.
_ACTING = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_ACTING_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
# A whole terminal sequence (CSI "ESC [ 31 m", OSC "ESC ] 0 ; title BEL"), dropped from names with its parameters.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]")


def valid_text(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD: always encodable as UTF-8."""
    if text.isascii():  # the usual case, checked in C
        return text
    return _SURROGATES.sub("\ufffd", text)


def path_text(path) -> str:
    """A path as valid text that still tells names apart: bytes that are not UTF-8 shown as "\\xe9"."""
    text = str(path)
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def valid_data(value):
    """`value` (JSON-like: dicts, lists, strings...) with every string made valid text."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {valid_data(key): valid_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [valid_data(item) for item in value]
    return value


def plain_name(text: str | None) -> str | None:
    """A name on one line: valid text, no control or bidi characters, spaces collapsed; None if empty."""
    if not text:
        return None
    cleaned = " ".join(_ACTING_ONE_LINE.sub(" ", _ESCAPE_SEQUENCE.sub("", valid_text(text))).split())
    return cleaned or None


def has_line_break(text: str) -> bool:
    """True when `text` holds a CR, an LF or another character that ends a line in a mail header."""
    return any(char in text for char in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def json_for_terminal(text: str) -> str:
    """JSON text with the characters that act on a terminal written as \\uXXXX: the same JSON, inert."""
    return _ACTING.sub(lambda match: f"\\u{ord(match.group()):04x}", valid_text(text))


def for_terminal(text: str, *, multiline: bool = False) -> str:
    """`text` safe to print: controls and bidi characters shown as escapes ("\\x1b", "\\u202e").

    With `multiline`, line feeds and tabs are kept (a report printed as a
    whole); without, they are escaped too, so that one untrusted name cannot
    fake a line of the output ("  - Alice: graded").
    """
    text = valid_text(str(text))
    pattern = _ACTING if multiline else _ACTING_ONE_LINE
    return pattern.sub(_escape, text)
