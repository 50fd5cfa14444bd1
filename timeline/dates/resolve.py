"""Phase 2, pure: (underspecified value, anchor, tense) -> resolved TIMEX3 value.

Nothing here reads the clock or the text: ``resolve(value, anchor, tense)`` is a pure
function, tested on its own (tests/test_resolve.py).  Interval conventions (sub-ranges of
"late August", seasons) are data: ``resources/en/subranges.yaml``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from timeline.dates.named import before_common_era, named, named_in_story
from timeline.dates.unresolved import out_of_range_explanation, outside_calendar, placeholder
from timeline.dates.values import Anchor, Resolution, TimeValue, apply_mod, fmt_day, interval, shift


def _follow(v: TimeValue, anchor: Anchor) -> str | None:
    """'a year earlier' after a quarter/month: the same quarter/month, n years off."""
    if not (v.follow_grain and v.unit == "year" and anchor.grain in ("quarter", "month", "half")):
        return None
    per_year = {"quarter": 4, "month": 12, "half": 2}[anchor.grain]
    return shift(anchor.grain, anchor.day, v.n * per_year)


def small_hours(value: str) -> bool:
    """A clock value after midnight and before 6 a.m. ('2016-10-29T00:30')."""
    clock = value.partition("T")[2]
    return clock[:2].isdigit() and int(clock[:2]) < 6


def evening(value: str) -> bool:
    """A clock value of the evening or night ('2017-01-02T23:30', '...TEV', '...TNI')."""
    clock = value.partition("T")[2]
    return clock in ("EV", "NI") or clock[:2].isdigit() and int(clock[:2]) >= 18


def _small_hours_after_night(v: TimeValue, anchor: Anchor) -> bool:
    """A clock time with no day of its own, after midnight and before 6 a.m., whose last date
    mentioned is an evening or a night ('Friday night', '11:30 p.m. Friday'): the story has
    crossed midnight."""
    return (v.type == "TIME" and v.kind == "shift" and v.anaphoric and v.n == 0 and bool(v.suffix)
            and anchor.kind == "previous" and anchor.day is not None and anchor.grain in ("day", "time")
            and small_hours(v.suffix) and evening(anchor.value or ""))


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
    if v.kind == "named" and anchor.kind == "story":
        return named_in_story(v, anchor)
    if v.kind == "named":
        return named(v, anchor.day, tense)
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
    if anchor.kind == "story":
        return (f"{text} → {when}, in the time the story narrates: set by the last date mentioned "
                f"before it ({anchor.value or fmt_day(anchor.day)}), far from the publication date")
    if value.startswith("BC"):
        return f"{text} → {when}, stated in the text: before year 1, outside the calendar the timeline draws"
    return f"{text} → {when}, stated in the text"


def resolve(v: TimeValue, anchor: Anchor, tense: str | None = None, text: str = "") -> Resolution:
    """Resolve a phase-1 value against an anchor (pure; never reads the clock)."""
    relative = v.kind in ("shift", "named") or v.needs_anchor
    text = text or v.value or "expression"
    if relative and anchor.day is None and (bc := before_common_era(v, anchor)) is not None:
        grain = interval(bc)[0]
        return Resolution(bc, grain, None, None, v.mod, explain(text, bc, None, anchor, grain))
    if relative and anchor.day is None:
        why = ("no publication date is known" if anchor.kind in ("missing", "publication")
               else "no earlier date in the text to count from")
        return Resolution(placeholder(v), "unknown", None, None, v.mod,
                          f"{text}: relative expression left unresolved because {why}", False)
    if relative and v.kind == "shift" and v.unit == "day" and v.anaphoric and not (v.type == "TIME" and v.n == 0) \
            and anchor.kind == "previous" and anchor.grain not in ("day", "time"):
        # 'last October ... that same day', 'in 1971 ... two days later': some day of that month or year
        grain, first, last = interval(anchor.value)
        return Resolution(anchor.value, grain, first, last, None,
                          f"{text} → a day of {anchor.value} ({grain}): the last date mentioned before it names no day")
    if relative and v.suffix and v.kind == "shift" and v.unit == "day" and v.n == 0 and anchor.kind == "previous" \
            and anchor.grain not in ("day", "time"):  # '4 a.m.' after 'October': no day to put it on
        return Resolution(f"XXXX-XX-XX{v.suffix}", "unknown", None, None, v.mod,
                          f"{text}: a time of day, and the last date mentioned before it ({anchor.value}) "
                          "names no day to put it on", False)
    if relative and _small_hours_after_night(v, anchor):  # 'Friday night ... about 2:45 a.m.': Saturday
        day = anchor.day + timedelta(days=1)
        return Resolution(f"{day.isoformat()}{v.suffix}", "time", day, day, v.mod,
                          f"{text} → {fmt_day(day)}: a time after midnight told after the evening or night "
                          f"of {fmt_day(anchor.day)} ({anchor.value}) is on the next day")
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
