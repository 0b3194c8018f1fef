"""The due date as the instructor types it."""

from __future__ import annotations

from datetime import datetime, time

from analyser.grading.errors import BadDueDateError


def parse_due(text: str) -> datetime:
    """ISO date or date-time; a date alone means the end of that day; no zone means local time."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadDueDateError(f"--due {text!r} is not an ISO date such as 2026-03-01 or 2026-03-01T23:59") from None
    if len(text.strip()) == 10:  # "2026-03-01": the whole day counts
        moment = datetime.combine(moment.date(), time(23, 59, 59))
    # Compare with e-mail times (always zoned) in the instructor's own zone.
    return moment if moment.tzinfo else moment.astimezone()
