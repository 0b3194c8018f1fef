"""Dates as users type them: ISO 8601, a bare date meaning the whole day, local time by default."""

from __future__ import annotations

from datetime import datetime, time

from analyser.errors import AnalyserError


class BadDateError(AnalyserError):
    """A date or date-time that is not ISO 8601."""


def parse_moment(text: str, option: str = "date") -> datetime:
    """An ISO date-time ("2026-12-15T23:59", "...+01:00", "...Z"); no zone means local time."""
    try:
        # Python 3.10's fromisoformat reads no "Z".
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadDateError(
            f"{option} {text!r} is not an ISO date such as 2026-03-01 or 2026-03-01T23:59+01:00"
        ) from None
    # Compared with e-mail times (always zoned), in the user's own zone.
    return moment if moment.tzinfo else moment.astimezone()


def parse_due(text: str, option: str = "--due") -> datetime:
    """A due date: as parse_moment, and a date alone means the end of that day."""
    moment = parse_moment(text, option)
    if len(text.strip()) == 10:  # "2026-03-01": the whole day counts
        moment = datetime.combine(moment.date(), time(23, 59, 59), tzinfo=moment.tzinfo)
    return moment
