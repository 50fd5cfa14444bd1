"""Which occurrence a named calendar value means: the year of a bare month, month-day,
season, quarter or holiday and the week of a weekday, from the anchor and the tense (news),
or the story's reference year (narrative: ``named_in_story``)."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from timeline.dates.resources import load_tables
from timeline.dates.values import SEASONS, WINDOW, Anchor, TimeValue, season_of, shift


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


def holiday(spec: str, year: int) -> date:
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


# With no tense to decide (a present perfect, a noun: 'have charged him in the shooting
# Thursday'), a bare weekday in news is the past one unless the coming one is
# this many days nearer: news tells what happened ('charged ... in the shooting Thursday',
# said on a Tuesday, is the Thursday before).
NEWS_PAST_BIAS = 3
LAST_WEEKDAY_MIN = 1  # days: "last Friday" said on a Saturday is the Friday before, not yesterday


def _weekday(v: TimeValue, a: date, tense: str | None) -> date:
    back = (a.isoweekday() - v.weekday) % 7
    fwd = (v.weekday - a.isoweekday()) % 7
    if v.direction == "last":  # 'last Thursday', said on a Friday: nobody says so of yesterday
        return a - timedelta(days=back if back > (LAST_WEEKDAY_MIN if v.said_last else 0) else back + 7)
    if v.direction == "next":
        return a + timedelta(days=fwd or 7)
    if v.direction == "this":
        return a + timedelta(days=v.weekday - a.isoweekday())
    if tense == "past":
        return a - timedelta(days=back)
    if tense == "future":
        return a + timedelta(days=fwd)
    bias = NEWS_PAST_BIAS if tense is None else 0  # 'meet Monday' (present): the nearest, often the coming one
    return a - timedelta(days=back) if back <= fwd + bias else a + timedelta(days=fwd)


def named(v: TimeValue, a: date, tense: str | None) -> str:
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
            off = _pick(holiday(v.holiday, year).toordinal(), a.toordinal(), direction, tense)
        else:
            cands = {o: holiday(v.holiday, year + o).toordinal() for o in (-1, 0, 1)}
            off = _near_or_tense(cands, a.toordinal(), firm, WINDOW["day"])
        return holiday(v.holiday, year + off).isoformat()
    if v.day:
        cands = {o: date(year + o, v.month, min(v.day, 28)).toordinal() for o in (-1, 0, 1)}
        if direction or v.year_shift is not None:
            off = _pick(v.month * 100 + v.day, a.month * 100 + a.day, direction, tense)
        else:
            off = _near_or_tense(cands, a.toordinal(), firm, WINDOW["day"])
        y = _with_the_day(year + off, v.month, v.day, tense)
        if v.unit == "week":  # "the week of March 6": the ISO week holding that day
            return shift("week", date(y, v.month, v.day), 0)
        return f"{y:04d}-{v.month:02d}-{v.day:02d}"
    if direction or v.year_shift is not None:
        off = _pick(v.month, a.month, direction, tense, 0)
        if direction == "last" and v.year_shift is None and (a.month - v.month) % 12 == 1:
            off -= 1  # "last February" said in March: not last month (that is "last month")
    else:
        cands = {o: (year + o) * 12 + v.month for o in (-1, 0, 1)}
        off = _near_or_tense(cands, a.year * 12 + a.month, firm, WINDOW["month"])
    return f"{year + off:04d}-{v.month:02d}"


def _with_the_day(year: int, month: int, day: int, tense: str | None) -> int:
    """The year itself when it has that day; else the nearest year that has it ('February 29'
    in a 2007 story: 2008), looking back first in the past tense and forward first in the
    future, never a day the calendar lacks."""
    if day <= calendar.monthrange(year, month)[1]:
        return year
    order = (-1, 1) if tense != "future" else (1, -1)
    for step in range(1, 9):
        for sign in order:
            y = year + sign * step
            if 1 <= y <= 9999 and day <= calendar.monthrange(y, month)[1]:
                return y
    return year


def named_in_story(v: TimeValue, anchor: Anchor) -> str:
    """A month, month-day, season or holiday in the story's time: the reference year
    ("in 1940 ... in April": April 1940; "on 17 September 1939 ... by late September": 1939)."""
    year = anchor.day.year
    if v.season:
        return f"{year:04d}-{v.season}"
    if v.holiday:
        return holiday(v.holiday, year).isoformat()
    if v.day:
        return f"{_with_the_day(year, v.month, v.day, None):04d}-{v.month:02d}-{v.day:02d}"
    return f"{year:04d}-{v.month:02d}"


def before_common_era(v: TimeValue, anchor: Anchor) -> str | None:
    """A value counted from a year before the common era ("480 BC" ... "in August" ->
    BC0480-08, "the following year" -> BC0479), or None when it cannot be written so."""
    if not anchor.value.startswith("BC") or not anchor.value[2:6].isdigit():
        return None
    year = 1 - int(anchor.value[2:6])  # astronomical numbering: 1 BC = 0, 2 BC = -1
    if v.kind == "shift" and v.unit == "year" and not v.year:
        year += v.n
    elif not (v.kind == "named" and anchor.kind == "story" and (v.month or v.season) and not v.weekday):
        return None
    head = f"BC{1 - year:04d}" if year <= 0 else f"{year:04d}"
    if v.kind == "shift":
        return head
    if v.season:
        return f"{head}-{v.season}"
    return f"{head}-{v.month:02d}" + (f"-{v.day:02d}" if v.day else "")


_JOIN_YEAR = re.compile(r" (?:(?:" + "|".join(map(re.escape, load_tables("en")["year_joiners"])) + r") )?")


def with_its_year(value: TimeValue, gap: str, year: TimeValue) -> TimeValue | None:
    """A month, day, season or holiday and the year after it as one value ("August of that
    year": August of the last year mentioned; "the spring of next year"; "Christmas 1963"),
    or None when ``year`` does not complete ``value`` (words.yaml ``year_joiners``)."""
    if value.kind != "named" or value.weekday or value.year_shift is not None or value.direction \
            or not (value.month or value.season or value.holiday) or not _JOIN_YEAR.fullmatch(gap):
        return None
    if year.kind == "shift" and year.unit == "year" and abs(year.n) <= 1 and not (year.mod or year.year or year.follow_grain):
        return replace(value, year_shift=year.n, anaphoric=year.anaphoric)
    if value.holiday and year.kind == "literal" and year.type == "DATE" and re.fullmatch(r"\d{4}", year.value):
        return TimeValue("DATE", "literal", holiday(value.holiday, int(year.value)).isoformat())
    return None
