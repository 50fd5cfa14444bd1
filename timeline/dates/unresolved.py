"""Values that cannot be placed on the calendar: no anchor to count from, or a date outside
the calendar (years 1 to 9999, what Python's ``date`` holds and TIMEX3 writes in four
digits).  Pure; used by the resolver (``resolve.resolve``) and by event dating.

"Rome was founded before the 1st century", "9,000 years later" said in 2021, a publication
date in year 1 or 9999: the resolver never raises; a value that leaves the calendar is
``resolved=False`` with "out of range" and the reason in its explanation.  Event dating
counts days before and after a date ("before 1 Jan 0001" has no day), so it uses only
dates at least ``DATING_MARGIN`` inside the calendar (``datable``); others date no event.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

FIRST_DAY, LAST_DAY = date.min, date.max  # 0001-01-01 .. 9999-12-31
DATING_MARGIN = timedelta(days=366)
RANGE = "the calendar runs from year 1 to 9999"
_OUTSIDE = re.compile(r"^(-|\d{5}|0000)")  # a TIMEX3 value whose year is <= 0 or > 9999


def datable(day: date | None) -> bool:
    """Whether event dating may count days before and after this day (None: nothing to count)."""
    return day is None or FIRST_DAY + DATING_MARGIN <= day <= LAST_DAY - DATING_MARGIN


def outside_calendar(value: str) -> bool:
    """A TIMEX3 value with a year outside 1..9999 ('0000', '10021', '-0044')."""
    return bool(_OUTSIDE.match(value))


def placeholder(v) -> str:
    """TIMEX3 placeholder for an unanchored ``resolve.TimeValue`` (XXXX-WXX-5, XXXX-08, ...)."""
    if v.kind == "named":
        if v.weekday and not v.month:
            return f"XXXX-WXX-{v.weekday}{v.suffix}"
        if v.season:
            return f"XXXX-{v.season}"
        if v.part:
            return f"XXXX-{'Q' if v.unit == 'quarter' else 'H'}{v.part}"
        if v.day:
            return f"XXXX-{v.month:02d}-{v.day:02d}"
        if v.month:
            return f"XXXX-{v.month:02d}"
    if v.value and not outside_calendar(v.value):
        return v.value
    return "XXXX-XX-XX"


def out_of_range_explanation(text: str, why: str = "") -> str:
    return f"{text}: out of range ({RANGE}{'; ' + why if why else ''}), left unresolved"
