"""The headers of an untrusted message (sender, date, subject), decoded once into valid text.

Mail clients send what they like. An old client writes an accented name as
raw Latin-1 bytes ("Ren\\xe9"), which the standard parser keeps as a lone
surrogate no file can hold; encoded words come in unknown charsets; some
From headers make the standard parser raise ("Alice <", stray quotes,
groups). Everything here works from the raw header text and never raises:
what cannot be read is None, and `Headers.sender_problem` says why.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import quopri
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from analyser.safe_text import plain_name, valid_text

MAX_HEADER_CHARS = 2000  # a display name or subject longer than this is cut
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(?<=\?=)[ \t]+(?==\?)")
_FOLD = re.compile(r"\r?\n[ \t]*")
# local@domain.tld, as loose as a mail client accepts, for when the parser gives up.
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


@dataclass
class Headers:
    name: str | None = None
    address: str | None = None
    submitted_at: datetime | None = None
    subject: str | None = None
    sender_problem: str | None = None
    """Why no sender address could be read (no From header, an unreadable one), or None."""


def read(message) -> Headers:
    """The sender, date and subject of `message` (any email.message.Message), never raising."""
    raw = {}
    for key, value in message.raw_items():
        raw.setdefault(key.lower(), value if isinstance(value, str) else str(value))
    headers = Headers(subject=plain_name(header_text(raw["subject"])) if "subject" in raw else None)
    headers.submitted_at = _date(raw.get("date"))
    if "from" not in raw:
        headers.sender_problem = "no sender (no From header)"
        return headers
    text = plain_name(header_text(raw["from"])) or ""  # terminal escapes and bidi controls out first
    headers.name, headers.address = _sender(text)
    if headers.address is None:
        headers.sender_problem = f"no sender address could be read (From: {text[:100] or 'empty'})"
    return headers


def header_text(raw: str) -> str:
    """A raw header value as text: 8-bit bytes read as UTF-8 (else Windows-1252), encoded words decoded, unfolded."""
    raw = _FOLD.sub(" ", raw[:MAX_HEADER_CHARS * 4])
    raw = _BETWEEN_WORDS.sub("", raw)  # RFC 2047: the space between two encoded words is not text
    parts = []
    last = 0
    for match in _ENCODED_WORD.finditer(raw):
        parts.append(_eight_bit(raw[last:match.start()]))
        parts.append(_encoded_word(*match.groups()) or _eight_bit(match.group()))
        last = match.end()
    parts.append(_eight_bit(raw[last:]))
    return valid_text("".join(parts))[:MAX_HEADER_CHARS]


def _eight_bit(text: str) -> str:
    """Undo the parser's surrogate escapes: the bytes were UTF-8 (a modern client) or Windows-1252 (an old one)."""
    if text.isascii():
        return text
    data = text.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _encoded_word(charset: str, encoding: str, payload: str) -> str | None:
    try:
        if encoding.lower() == "b":
            data = base64.b64decode(payload + "=" * (-len(payload) % 4))
        else:
            data = quopri.decodestring(payload.replace("_", " ").encode("ascii", "replace"), header=True)
    except (binascii.Error, ValueError):
        return None
    charset = charset.split("*")[0]  # RFC 2231 language tag: utf-8*fr
    try:
        return data.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: most are UTF-8 or Latin-1 in disguise
        return _eight_bit(data.decode("utf-8", "surrogateescape"))


def _sender(text: str) -> tuple[str | None, str | None]:
    """(display name, address) from a decoded From value; either may be None."""
    try:
        pairs = email.utils.getaddresses([text])
    except Exception:  # noqa: BLE001 - the old parser has its own failures on junk; the regex below is enough
        pairs = []
    for name, address in pairs:
        if _ADDRESS.fullmatch(address or ""):
            return plain_name(name), address.lower()
    found = _ADDRESS.search(text)
    if found:
        rest = (text[:found.start()] + text[found.end():]).strip(" <>\"',;:()")
        return plain_name(rest), found.group().lower()
    # No address at all ("Alice <"): a name is still worth keeping for the instructor.
    name = plain_name(re.sub(r"[<>\"(),;:]+", " ", text))
    return (name if name and any(char.isalpha() for char in name) else None), None


def _date(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        when = email.utils.parsedate_to_datetime(header_text(raw).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # "-0000" means "time zone unknown"; treat it as UTC rather than drop the time.
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
