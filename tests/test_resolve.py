"""resolve() is a pure function of (value, anchor, tense): checked on hand-made values."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates.resolve import resolve
from timeline.dates.values import Anchor, TimeValue, interval, shift

PUB = Anchor(date(2021, 10, 9), "publication", "2021-10-09")  # a Saturday


@pytest.mark.parametrize("unit,n,expected", [
    ("day", -1, "2021-10-08"), ("week", 0, "2021-W40"), ("weekend", 0, "2021-W40-WE"),
    ("month", -10, "2020-12"), ("quarter", 1, "2022-Q1"), ("half", -1, "2021-H1"),
    ("year", -7, "2014"), ("decade", -1, "201"), ("century", 0, "20"), ("season", 0, "2021-FA"),
])
def test_resolve_shift_any_grain(unit, n, expected):
    assert shift(unit, date(2021, 10, 9), n) == expected


@pytest.mark.parametrize("value,grain,first,last", [
    ("2021-08", "month", date(2021, 8, 1), date(2021, 8, 31)),
    ("2014", "year", date(2014, 1, 1), date(2014, 12, 31)),
    ("2021-W40-WE", "week", date(2021, 10, 9), date(2021, 10, 10)),
    ("2021-WI", "season", date(2021, 12, 1), date(2022, 2, 28)),
    ("2012-Q3", "quarter", date(2012, 7, 1), date(2012, 9, 30)),
    ("199", "decade", date(1990, 1, 1), date(1999, 12, 31)), ("199X", "decade", date(1990, 1, 1), date(1999, 12, 31)),
    ("P1M", "unknown", None, None),
])
def test_resolve_interval_of_values(value, grain, first, last):
    assert interval(value) == (grain, first, last)


def test_resolve_late_august_is_end_of_month():
    r = resolve(TimeValue("DATE", "named", month=8, mod="END"), PUB, "past", "late August")
    assert (r.value, r.grain, r.first, r.last, r.mod) == ("2021-08", "month", date(2021, 8, 21), date(2021, 8, 31), "END")


@pytest.mark.parametrize("weekday,tense,expected", [
    (5, "past", date(2021, 10, 8)), (6, "past", date(2021, 10, 9)), (6, "future", date(2021, 10, 9)),
    (7, "future", date(2021, 10, 10)), (7, None, date(2021, 10, 10)), (4, None, date(2021, 10, 7)),
])
def test_resolve_weekday_by_tense(weekday, tense, expected):
    r = resolve(TimeValue("DATE", "named", weekday=weekday), PUB, tense)
    assert r.first == expected == r.last


@pytest.mark.parametrize("month,direction,tense,expected", [
    (8, "last", None, "2021-08"), (11, "last", None, "2020-11"), (9, "", "past", "2021-09"),
    (12, "", "past", "2020-12"), (3, "", "future", "2022-03"), (12, "", None, "2021-12"), (1, "", None, "2022-01"),
    # a past-tense month 11 months back is too far: the coming month ("set for November")
    (11, "", "past", "2021-11"),
])
def test_resolve_month_year_choice(month, direction, tense, expected):
    assert resolve(TimeValue("DATE", "named", month=month, direction=direction), PUB, tense).value == expected


@pytest.mark.parametrize("month,day,tense,expected", [
    (8, 30, "past", "2021-08-30"), (12, 7, "past", "2021-12-07"),  # "payable Dec. 7": too far back
    (10, 20, "future", "2021-10-20"), (3, 1, "future", "2022-03-01"), (11, 2, None, "2021-11-02"),
])
def test_resolve_month_day_year_choice(month, day, tense, expected):
    assert resolve(TimeValue("DATE", "named", month=month, day=day), PUB, tense).value == expected


def test_resolve_without_publication_date_is_unresolved():
    r = resolve(TimeValue("DATE", "shift", unit="day", n=-1), Anchor(None, "missing"), None, "yesterday")
    assert not r.resolved and r.first is None and "no publication date" in r.explanation


def test_resolve_absolute_needs_no_anchor():
    r = resolve(TimeValue("DATE", "literal", "2021-08-30"), Anchor(None, "missing"), None, "August 30, 2021")
    assert r.resolved and r.first == date(2021, 8, 30)


def test_resolve_explanation_names_the_anchor():
    r = resolve(TimeValue("DATE", "shift", unit="day", n=-1), PUB, None, "yesterday")
    assert r.explanation == "yesterday → 8 Oct 2021, counted from the publication date 9 Oct 2021"


def test_resolve_year_earlier_follows_a_quarter():
    prev = Anchor(date(1989, 7, 1), "previous", "1989-Q3", "quarter")
    r = resolve(TimeValue("DATE", "shift", unit="year", n=-1, follow_grain=True), prev, None)
    assert r.value == "1988-Q3"


def test_resolve_durations_have_no_interval():
    r = resolve(TimeValue("DURATION", "literal", "P20Y"), PUB, None)
    assert (r.value, r.first, r.last) == ("P20Y", None, None)


UNITS = ("day", "night", "week", "weekend", "fortnight", "month", "quarter", "half", "season", "year", "decade",
         "century")


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1, 6, 15), date(9999, 12, 31), date(9999, 1, 1)])
@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("n", [-1, 1, -10_000, 10_000])
def test_resolve_dates_stay_inside_the_calendar(day, unit, n):
    """Issue 14, reproduction 4: a year outside 1..9999 is 'out of range' with the reason in
    the explanation (resolved=False), never an OverflowError / 'year 0 is out of range'."""
    r = resolve(TimeValue("DATE", "shift", unit=unit, n=n), Anchor(day, "publication"), "past", "then")
    if r.resolved:
        assert r.first is None or date(1, 1, 1) <= r.first <= r.last <= date(9999, 12, 31)
    else:
        assert "out of range" in r.explanation and r.first is None and r.value.startswith("XXXX")


@pytest.mark.parametrize("value", [TimeValue("DATE", "named", weekday=5, n=-2), TimeValue("DATE", "named", month=2, day=29),
                                   TimeValue("DATE", "named", season="WI"), TimeValue("DATE", "named", part=4, unit="quarter"),
                                   TimeValue("DATE", "named", month=12, direction="next"),
                                   TimeValue("DATE", "named", holiday="12-25", direction="next")])
@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31)])
def test_resolve_named_days_at_the_calendar_edges(value, day):
    r = resolve(value, Anchor(day, "publication"), "future", "then")
    assert r.resolved or "out of range" in r.explanation


@pytest.mark.parametrize("value", ["0000", "10000", "-0044", "100"])
def test_resolve_literal_years_outside_the_calendar(value):
    r = resolve(TimeValue("DATE", "literal", value), PUB, None, value)
    assert (not r.resolved and "out of range" in r.explanation) or value == "100"  # '100': the decade 1000s


def test_resolve_century_and_decade_shifts_are_padded_timex3():
    assert shift("decade", date(45, 3, 1), 0) == "004"
    assert shift("century", date(2021, 1, 1), 0) == "20"
    with pytest.raises(OverflowError):
        shift("century", date(9999, 1, 1), 1)


def test_resolve_time_of_day_needs_a_day_to_stand_on():
    # '4 a.m.' after 'in October' (the last date mentioned, a month): no day to put it on, not 1 October
    prev = Anchor(date(2016, 10, 1), "previous", "2016-10", "month")
    r = resolve(TimeValue("TIME", "shift", unit="day", n=0, suffix="T04:00"), prev, None, "4 a.m.")
    assert r.first is None and r.grain == "unknown" and "no day" in r.explanation
    day = Anchor(date(2016, 10, 3), "previous", "2016-10-03", "day")
    assert resolve(TimeValue("TIME", "shift", unit="day", n=0, suffix="T04:00"), day, None, "4 a.m.").first == \
        date(2016, 10, 3)


@pytest.mark.parametrize("before, clock, expected", [
    ("2017-01-20TNI", "T02:45", date(2017, 1, 21)),  # 'Friday night ... about 2:45 a.m.': Saturday
    ("2017-01-20T23:30", "T00:15", date(2017, 1, 21)),  # '11:30 p.m. Friday ... 12:15 a.m.'
    ("2017-01-20TEV", "T05:30", date(2017, 1, 21)),
    ("2017-01-20TNI", "T23:00", date(2017, 1, 20)),  # not after midnight: the same night
    ("2017-01-20TMO", "T02:00", date(2017, 1, 20)),  # a morning is no night to cross
    ("2017-01-20T14:00", "T03:00", date(2017, 1, 20)),  # nor an afternoon
    ("2017-01-20", "T02:45", date(2017, 1, 20)),  # a day with no part: its own small hours
])
def test_resolve_small_hours_after_a_night_are_the_next_day(before, clock, expected):
    prev = Anchor(date(2017, 1, 20), "previous", before, "day")
    r = resolve(TimeValue("TIME", "shift", unit="day", n=0, suffix=clock, anaphoric=True), prev, "past", "at that time")
    assert r.first == expected and r.value == f"{expected.isoformat()}{clock}"
    assert ("next day" in r.explanation) == (expected != prev.day)
