"""Publication dates in the formats and languages real pages and feeds use
(timeline/store/published.py), and the ones that must be refused.  Expected days checked
by hand: the date as written, in the zone it is written in."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from timeline.store.published import PublishedDateError, parse_published

D = date(2021, 10, 9)

ACCEPTED = [
    ("2021-10-09", D),
    ("2021-10-09T23:30:00Z", D),
    ("2021-10-09T23:30:00-05:00", D),  # late evening in New York: still the 9th as written
    ("2021-10-09 14:03:00", D),
    ("2021-10-09T00:15:00+02:00", D),
    ("Sat, 09 Oct 2021 14:03:00 GMT", D),  # RSS / HTTP
    ("Sat, 9 Oct 2021 14:03:00 +0000", D),
    ("October 9th, 2021 3:45 PM EDT", D),
    ("October 9, 2021", D),
    ("Oct. 9, 2021", D),
    ("Oct 9, 2021", D),
    ("9 Oct 2021", D),
    ("9 October 2021", D),
    ("Saturday, October 9, 2021", D),
    ("Saturday 9 October 2021", D),
    ("October 9 2021", D),
    ("10/09/2021", D),  # US order for slashes in English
    ("9.10.2021", D),  # dotted dates are day-first
    ("09.10.2021 14:03", D),
    ("Published: Oct 9 2021 at 11:04 am", D),
    ("Updated on October 9, 2021", D),
    ("Posted: 9 October 2021", D),
    ("9 octobre 2021", D),
    ("samedi 9 octobre 2021", D),
    ("Samstag, 9. Oktober 2021", D),
    ("9. Oktober 2021", D),
    ("9 de octubre de 2021", D),
    ("sábado, 9 de octubre de 2021", D),
    ("9 ottobre 2021", D),
    ("9 de outubro de 2021", D),
    ("9 oktober 2021", D),
    ("  2021-10-09  ", D),
    (datetime(2021, 10, 9, 23, 59), D),
    (date(2021, 10, 9), D),
    ("", None),
    (None, None),
]

REFUSED = [
    ("yesterday", "relative"),
    ("today", "relative"),
    ("3 days ago", "relative"),
    ("2 hours ago", "relative"),
    ("February 30, 2021", "day"),
    ("2021-02-30", "no such day"),
    ("2021-13-01", "day"),
    ("October 2021", "day, month and year"),
    ("next Tuesday", "valid date"),
    ("not a date at all", "day, month and year"),
]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=[repr(v) for v, _ in ACCEPTED])
def test_published_accepts_real_formats(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(("value", "reason"), REFUSED, ids=[v for v, _ in REFUSED])
def test_published_refuses_with_the_reason(value, reason):
    with pytest.raises(PublishedDateError, match="not a valid date") as err:
        parse_published(value)
    assert reason in str(err.value)


def test_published_never_depends_on_the_clock(monkeypatch):
    """dateparser reads the clock for relative dates: with its clock moved to 1999, every
    accepted string gives the same day and every relative one is still refused."""
    import dateparser.freshness_date_parser as freshness
    import dateparser.utils as dp_utils

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(1999, 3, 3, 12, 0, tzinfo=tz)

    for module in (freshness, dp_utils):
        monkeypatch.setattr(module, "datetime", Frozen)
    assert parse_published("Sat, 09 Oct 2021 14:03:00 GMT") == D
    for value, expected in ACCEPTED:
        assert parse_published(value) == expected, value
    for value, _ in REFUSED:
        with pytest.raises(PublishedDateError):
            parse_published(value)
