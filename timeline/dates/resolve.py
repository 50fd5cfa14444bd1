"""Phase 2, pure: (underspecified value, anchor, tense) -> resolved TIMEX3 value.

Nothing here reads the clock or the text: ``resolve(value, anchor, tense)`` is a pure
function, tested on its own (tests/test_resolve.py).  Interval conventions (sub-ranges of
"late August", seasons) are data: ``resources/en/subranges.yaml``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from timeline.dates.resources import load_tables
from timeline.dates.unresolved import out_of_range_explanation, outside_calendar, placeholder

SEASONS = ("SP", "SU", "FA", "WI")
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WINDOW = {"day": 240, "month": 10}  # how far the tense may push a month-day / month from the anchor
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


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")


def interval(value: str) -> tuple[str, date | None, date | None]:
    """(grain, first day, last day) of a calendar value; ("unknown", None, None) else."""
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


# ---------------------------------------------------------------------- named values

def _pick(idx: int, cur: int, direction: str, tense: str | None, closest: int | None = None) -> int:
    """Year offset (-1, 0, +1) of a yearly item at position ``idx`` relative to the
    anchor's position ``cur``: "last" = strictly before, "next" = strictly after, past
    tense = on or before, future tense = on or after, otherwise the anchor's year."""
    if direction == "last":
        return 0 if idx < cur else -1
    if direction == "next":
        return 0 if idx > cur else 1
    if direction == "this":
        return 0
    if tense == "past":
        return 0 if idx <= cur else -1
    if tense == "future":
        return 0 if idx >= cur else 1
    return 0 if closest is None else closest


def _closest(candidates: dict[int, int], target: int) -> int:
    """The year offset whose occurrence lies nearest the anchor (ties: the earlier)."""
    return min(candidates, key=lambda off: (abs(candidates[off] - target), off))


def _near_or_tense(candidates: dict[int, int], target: int, tense: str | None, window: float) -> int:
    """News dates lie near the publication date: the tense picks the side (past = on or
    before, future = on or after) only when that occurrence lies within ``window`` units of
    the anchor; otherwise the nearest occurrence wins ("payable Dec. 7", said in October,
    is this December, even after a past-tense verb).  A firm tense ("past!", from a cue
    such as "the year ended Jan. 31") ignores the window."""
    if tense and tense.endswith("!"):
        tense, window = tense[:-1], float("inf")
    near = _closest(candidates, target)
    if tense == "past":
        side = [o for o, pos in candidates.items() if pos <= target]
        best = max(side, key=lambda o: candidates[o]) if side else near
    elif tense == "future":
        side = [o for o, pos in candidates.items() if pos >= target]
        best = min(side, key=lambda o: candidates[o]) if side else near
    else:
        return near
    return best if abs(candidates[best] - target) <= window else near


def _holiday(spec: str, year: int) -> date:
    """A holiday in a year: "MM-DD", or "nth:weekday:month" (nth=-1: the last one;
    a trailing "+" means the day after that weekday, e.g. US Election Day)."""
    if ":" not in spec:
        m, d = spec.split("-")
        return date(year, int(m), int(d))
    nth, wd, month = (int(x) for x in spec.rstrip("+").split(":"))
    if nth > 0:
        first = date(year, month, 1)
        d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = date(year, month, calendar.monthrange(year, month)[1])
        d = last - timedelta(days=(last.isoweekday() - wd) % 7)
    return d + timedelta(days=1) if spec.endswith("+") else d


def _weekday(v: TimeValue, a: date, tense: str | None) -> date:
    back = (a.isoweekday() - v.weekday) % 7
    fwd = (v.weekday - a.isoweekday()) % 7
    if v.direction == "last":
        return a - timedelta(days=back or 7)
    if v.direction == "next":
        return a + timedelta(days=fwd or 7)
    if v.direction == "this":
        return a + timedelta(days=v.weekday - a.isoweekday())
    if tense == "past":
        return a - timedelta(days=back)
    if tense == "future":
        return a + timedelta(days=fwd)
    return a - timedelta(days=back) if back <= fwd else a + timedelta(days=fwd)


def _named(v: TimeValue, a: date, tense: str | None) -> str:
    firm, tense = tense, (tense or "").rstrip("!") or None
    if v.weekday and not v.month:
        return (_weekday(v, a, tense) + timedelta(days=v.n)).isoformat()  # n: "the day before Friday"
    if v.year_shift is not None:
        year, direction, tense = a.year + v.year_shift, "this", None
    else:
        year, direction = a.year, v.direction
    if v.season:
        sy, cur = season_of(a)
        if v.year_shift is not None:
            sy = year
        off = _pick(SEASONS.index(v.season), SEASONS.index(cur), direction, tense)
        return f"{sy + off}-{v.season}"
    if v.part:
        size = 3 if v.unit == "quarter" else 6
        reported = a - timedelta(days=45)  # news reports on the period that just ended
        cur = (reported.month - 1) // size + 1 if reported.year == a.year else 1
        if direction or v.year_shift is not None or size == 6:
            off = _pick(v.part, cur, direction, tense)
        else:  # fiscal news: a quarter of the anchor's year, unless it is still two or more ahead
            off = -1 if v.part - ((a.month - 1) // 3 + 1) >= 2 else 0
        return f"{year + off}-{'Q' if size == 3 else 'H'}{v.part}"
    if v.holiday:
        if direction:
            off = _pick(_holiday(v.holiday, year).toordinal(), a.toordinal(), direction, tense)
        else:
            cands = {o: _holiday(v.holiday, year + o).toordinal() for o in (-1, 0, 1)}
            off = _near_or_tense(cands, a.toordinal(), firm, WINDOW["day"])
        return _holiday(v.holiday, year + off).isoformat()
    if v.day:
        cands = {o: date(year + o, v.month, min(v.day, 28)).toordinal() for o in (-1, 0, 1)}
        if direction or v.year_shift is not None:
            off = _pick(v.month * 100 + v.day, a.month * 100 + a.day, direction, tense)
        else:
            off = _near_or_tense(cands, a.toordinal(), firm, WINDOW["day"])
        if v.unit == "week":  # "the week of March 6": the ISO week holding that day
            return shift("week", date(year + off, v.month, v.day), 0)
        return f"{year + off:04d}-{v.month:02d}-{v.day:02d}"
    if direction or v.year_shift is not None:
        off = _pick(v.month, a.month, direction, tense, 0)
        if direction == "last" and v.year_shift is None and (a.month - v.month) % 12 == 1:
            off -= 1  # "last February" said in March: not last month (that is "last month")
    else:
        cands = {o: (year + o) * 12 + v.month for o in (-1, 0, 1)}
        off = _near_or_tense(cands, a.year * 12 + a.month, firm, WINDOW["month"])
    return f"{year + off:04d}-{v.month:02d}"


# ---------------------------------------------------------------------------- resolve

def _follow(v: TimeValue, anchor: Anchor) -> str | None:
    """'a year earlier' after a quarter/month: the same quarter/month, n years off."""
    if not (v.follow_grain and v.unit == "year" and anchor.grain in ("quarter", "month", "half")):
        return None
    per_year = {"quarter": 4, "month": 12, "half": 2}[anchor.grain]
    return shift(anchor.grain, anchor.day, v.n * per_year)


def _value(v: TimeValue, anchor: Anchor, tense: str | None) -> str:
    if v.kind == "shift":
        tense = (tense or "").rstrip("!") or None
        n = v.n
        if v.unit == "weekend" and not v.direction:  # "the weekend": tense decides which
            wd = anchor.day.isoweekday()
            n = -1 if tense == "past" and wd < 6 else (1 if tense == "future" and wd == 7 else 0)
        day = anchor.day
        if v.year:  # that year, the period being reported (news reports on the one just ended)
            day = day - timedelta(days=45) if anchor.kind == "publication" else day
            day = date(v.year, day.month, min(day.day, 28))
        return _follow(v, anchor) or shift(v.unit, day, n)
    if v.kind == "named":
        return _named(v, anchor.day, tense)
    if v.value == "PRESENT_REF" or not v.needs_anchor:
        return v.value
    return v.value


def explain(text: str, value: str, first: date | None, anchor: Anchor, grain: str) -> str:
    when = value
    if first is not None:
        when = fmt_day(first) if grain in ("day", "time") else f"{value} ({grain})"
    if anchor.kind == "publication":
        return f"{text} → {when}, counted from the publication date {fmt_day(anchor.day)}"
    if anchor.kind == "previous":
        return f"{text} → {when}, counted from the last date mentioned before it ({anchor.value or fmt_day(anchor.day)})"
    return f"{text} → {when}, stated in the text"


def resolve(v: TimeValue, anchor: Anchor, tense: str | None = None, text: str = "") -> Resolution:
    """Resolve a phase-1 value against an anchor (pure; never reads the clock)."""
    relative = v.kind in ("shift", "named") or v.needs_anchor
    text = text or v.value or "expression"
    if relative and anchor.day is None:
        why = ("no publication date is known" if anchor.kind in ("missing", "publication")
               else "no earlier date in the text to count from")
        return Resolution(placeholder(v), "unknown", None, None, v.mod,
                          f"{text}: relative expression left unresolved because {why}", False)
    if v.type in ("DURATION", "SET"):
        return Resolution(v.value, "unknown", None, None, v.mod,
                          f"{text} → {'a duration' if v.type == 'DURATION' else 'a recurring time'} ({v.value}), not a point on the calendar")
    try:  # a shift or a named day past year 1 or 9999 leaves Python's calendar
        value = _value(v, anchor, tense)
        grain, first, last = (("day", anchor.day, anchor.day) if v.value == "PRESENT_REF" and anchor.day
                              else interval(value))
        if first is not None:
            first, last = apply_mod(grain, first, last, v.mod)
    except (OverflowError, ValueError) as exc:
        return Resolution(placeholder(v), "unknown", None, None, v.mod, out_of_range_explanation(text, str(exc)), False)
    if outside_calendar(value):  # 'the year 10000', year 0
        return Resolution(placeholder(v), "unknown", None, None, v.mod, out_of_range_explanation(text), False)
    value = value + v.suffix if grain == "day" else value
    grain = "time" if v.suffix and grain == "day" else grain
    used = anchor if relative else replace(anchor, kind="none")
    return Resolution(value, grain, first, last, v.mod, explain(text, value, first, used, grain))
