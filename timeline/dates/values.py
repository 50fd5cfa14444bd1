"""The values the resolver works on, and calendar arithmetic (pure).

``TimeValue`` (phase 1: an underspecified value), ``Anchor`` (what it counts from) and
``Resolution`` (phase 2's answer); ``shift`` moves any grain by n; ``interval`` turns a
TIMEX3 value into its grain and inclusive day interval; ``apply_mod`` narrows it ("late
August": Aug 21-31, conventions in ``resources/en/subranges.yaml``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.dates.resources import load_tables

SEASONS = ("SP", "SU", "FA", "WI")
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WINDOW = {"day": 300, "month": 10}  # how far the tense may push a month-day / month from the anchor
GRAIN_ORDER = ("time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


@dataclass(frozen=True)
class TimeValue:
    """Phase-1 value.  ``kind``: literal (value known), shift (n units from an anchor) or
    named (a weekday/month/season/quarter/holiday whose year or week the anchor and tense
    decide)."""

    type: str  # DATE | TIME | DURATION | SET
    kind: str  # literal | shift | named
    value: str = ""  # literal TIMEX3 value
    unit: str = ""  # shift: day week weekend month quarter half year decade century
    n: int = 0  # shift amount (named weekday: days added, "the day before Friday")
    anaphoric: bool = False  # counted from the last mentioned date, not the publication
    follow_grain: bool = False  # "a year earlier" after "the third quarter" -> a quarter
    month: int = 0
    day: int = 0
    weekday: int = 0  # ISO 1-7
    season: str = ""
    part: int = 0  # quarter or half number
    holiday: str = ""  # "MM-DD" or "nth:weekday:month"
    direction: str = ""  # last | this | next | "" (tense decides)
    year_shift: int | None = None  # "January this year": the anchor's year + shift, no tense
    suffix: str = ""  # time part appended to a day: "TNI", "T22:00"
    mod: str | None = None
    needs_anchor: bool = False  # literal values that still need the anchor (PRESENT_REF)
    year: int = 0  # shift: an explicit year replacing the anchor's ("the 1988 quarter")
    said_last: bool = False  # weekday after the word "last": never yesterday ('last Friday', said on a Saturday)


@dataclass(frozen=True)
class Anchor:
    day: date | None
    kind: str = "publication"  # publication | previous | missing | none
    value: str = ""  # TIMEX3 value of the anchor ("1989-Q3")
    grain: str = "day"


@dataclass(frozen=True)
class Resolution:
    value: str
    grain: str
    first: date | None
    last: date | None
    mod: str | None
    explanation: str
    resolved: bool = True


# --------------------------------------------------------------------------- helpers

def fmt_day(d: date) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


def season_of(d: date) -> tuple[int, str]:
    """(season-year, code); winter of Y is Dec Y - Feb Y+1."""
    m = d.month
    if m == 12:
        return d.year, "WI"
    if m <= 2:
        return d.year - 1, "WI"
    return d.year, SEASONS[(m - 3) // 3]


def _in_calendar(k: int, years: int) -> int:
    """``k``, the number of a year (``years`` = 1), decade (10) or century (100), if any of
    its years lies in 1..9999; else OverflowError."""
    if k * years + years - 1 < 1 or k * years > 9999:
        raise OverflowError(f"{'year' if years == 1 else 'decade' if years == 10 else 'century'} out of range")
    return k


def _month_add(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(unit: str, d: date, n: int) -> str:
    """The value of the ``unit`` containing ``d``, shifted by ``n`` units (one function
    for every grain; DESIGN principle 5).  OverflowError past year 1 or 9999."""
    if unit in ("day", "night"):
        return (d + timedelta(days=n)).isoformat()
    if unit in ("week", "weekend", "fortnight"):
        y, w, _ = (d + timedelta(weeks=n)).isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else "")
    per_year = {"month": 12, "quarter": 4, "half": 2, "season": 4, "year": 1}.get(unit)
    if per_year:
        y, s = season_of(d) if unit == "season" else (d.year, "")
        at = {"month": d.month - 1, "quarter": (d.month - 1) // 3, "half": (d.month - 1) // 6,
              "season": SEASONS.index(s) if s else 0, "year": 0}[unit]
        k = y * per_year + at + n
        year = _in_calendar(k // per_year, 1)
        part = {"month": f"-{k % 12 + 1:02d}", "quarter": f"-Q{k % 4 + 1}", "half": f"-H{k % 2 + 1}",
                "season": f"-{SEASONS[k % 4]}", "year": ""}[unit]
        return f"{year:04d}{part}"
    if unit == "decade":
        return f"{_in_calendar(d.year // 10 + n, 10):03d}"
    if unit == "century":
        return f"{_in_calendar(d.year // 100 + n, 100):02d}"
    raise ValueError(f"unknown unit {unit!r}")


_BC = re.compile(r"^BC\d{4}(-\d{2}|-SP|-SU|-FA|-WI)?$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")


def interval(value: str) -> tuple[str, date | None, date | None]:
    """(grain, first day, last day) of a calendar value; ("unknown", None, None) else.  A
    year before the common era ("BC0490", "BC0480-04") has its grain and no day interval."""
    if m := _BC.match(value):
        return ("month" if m[1] and m[1][1:].isdigit() else "season" if m[1] else "year"), None, None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return ("time" if m[4] else "day"), d, d
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return "week", monday + timedelta(days=5), monday + timedelta(days=6)
            return "week", monday, monday + timedelta(days=6)
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return "month", date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if m := _PART.match(value):
            return _part_interval(int(m[1]), m[2])
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return "year", date(y, 1, 1), date(y, 12, 31)
        if re.fullmatch(r"\d{3}X?", value):
            y = int(value[:3]) * 10
            return "decade", date(y, 1, 1), date(y + 9, 12, 31)
        if re.fullmatch(r"\d{2}", value):
            y = int(value) * 100
            return "century", date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    except ValueError:
        pass
    return "unknown", None, None


def _part_interval(y: int, code: str) -> tuple[str, date, date]:
    if code[0] in "QH":
        size = 3 if code[0] == "Q" else 6
        m0 = (int(code[1]) - 1) * size + 1
        y2, m2 = _month_add(y, m0, size - 1)
        return ("quarter" if size == 3 else "half"), date(y, m0, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])
    first_m, last_m = load_tables()["seasons_months"][code.lower()]
    y_last = y + 1 if last_m < first_m else y
    return "season", date(y, first_m, 1), date(y_last, last_m, calendar.monthrange(y_last, last_m)[1])


def apply_mod(grain: str, first: date, last: date, mod: str | None) -> tuple[date, date]:
    """Narrow an interval for START / MID / END (sub-ranges from subranges.yaml)."""
    if mod not in ("START", "MID", "END"):
        return first, last
    tables = load_tables()
    if grain == "month":
        a, b = tables["month_thirds"][mod.lower()]
        return first.replace(day=a), first.replace(day=min(b, last.day))
    if grain == "year":
        a, b = tables["year_thirds"][mod.lower()]
        return date(first.year, a, 1), date(first.year, b, calendar.monthrange(first.year, b)[1])
    if grain == "decade":
        a, b = tables["decade_thirds"][mod.lower()]
        return date(first.year + a, 1, 1), date(first.year + b, 12, 31)
    span = (last - first).days + 1
    third = span // 3
    if third == 0:
        return first, last
    k = ("START", "MID", "END").index(mod)
    lo = first + timedelta(days=k * third)
    hi = last if k == 2 else first + timedelta(days=(k + 1) * third - 1)
    return lo, hi
