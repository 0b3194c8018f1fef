"""Dates as users type them on the command line or in a rubric."""

from __future__ import annotations

from datetime import timedelta

import pytest

from analyser.dates import BadDateError, parse_due, parse_moment


def test_a_zoned_moment_keeps_its_zone():
    moment = parse_moment("2026-12-15T23:59:00+01:00")
    assert moment.utcoffset() == timedelta(hours=1)
    assert parse_moment("2026-12-15T22:59:00Z") == moment


def test_no_zone_means_local_time():
    assert parse_moment("2026-12-15T10:00").tzinfo is not None


def test_a_bare_due_date_covers_the_whole_day():
    due = parse_due("2026-03-01")
    assert (due.day, due.hour, due.minute, due.second) == (1, 23, 59, 59)
    assert parse_due("2026-03-01T12:00").hour == 12


@pytest.mark.parametrize("text", ["tomorrow", "2026-13-01", ""])
def test_anything_else_is_a_one_line_error_naming_the_option(text):
    with pytest.raises(BadDateError, match="--due"):
        parse_due(text)
