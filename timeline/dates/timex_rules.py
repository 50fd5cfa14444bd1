"""Builders: turn the named groups of a matched rule into a phase-1 ``TimeValue``.

One builder per ``build:`` name in resources/en/patterns.yaml.  A builder returns None
to reject a match (e.g. "February 30").  Vocabulary comes from words.yaml.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable

from timeline.dates.resources import load_tables
from timeline.dates.values import TimeValue

T = load_tables("en")
MONTHS, WEEKDAYS, NUMBERS = T["months"], T["weekdays"], T["numbers"]
ORDINALS, UNITS, LETTERS = T["ordinals"], T["units"], T["unit_letters"]
SEASONS, PODS, DIRS, MODS = T["seasons"], T["parts_of_day"], T["directions"], T["mods"]
HOLIDAYS, REFS = T["holidays"], T["references"]
STEP = {"last": -1, "this": 0, "next": 1}
TIME_UNITS = {"second", "minute", "hour"}
HALF = {"year": "P6M", "month": "P2W", "week": "P3D", "day": "PT12H", "hour": "PT30M", "minute": "PT30S"}


def _g(g: dict, *names: str) -> str:
    for name in names:
        if g.get(name):
            return g[name].lower()
    return ""


def month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def number(word: str) -> float | str | None:
    """Integer, 0.5, "X" (vague) or None."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w.replace(",", "").isdigit():
        return int(w.replace(",", ""))
    if w in NUMBERS:
        return NUMBERS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 1900 if y >= 30 else 2000
    return y


def _mod(g: dict, name: str = "mod") -> str | None:
    word = _g(g, name)
    if not word:
        return None
    keys = (word, word.replace("the ", "").split(" of")[0].split()[-1] if word.startswith("the ") else word)
    return next((MODS[key] for key in keys if key in MODS), None)


def full_date(g: dict, p: dict) -> TimeValue | None:
    y, m, d = _year(g["year"]), month_of(g["month"]) if not g["month"].isdigit() else int(g["month"]), int(g["day"])
    if d > calendar.monthrange(y, m)[1]:
        return None
    return TimeValue("DATE", "literal", f"{y:04d}-{m:02d}-{d:02d}")


def year_of(text: str) -> int:
    """A four-digit year, or one spoken in words ("nineteen ninety-seven")."""
    if text.isdigit():
        return int(text)
    hi, _, lo = text.lower().replace("-", " ").partition(" ")
    return NUMBERS[hi] * 100 + int(number(lo) or 0)


def month_year(g: dict, p: dict) -> TimeValue:
    return TimeValue("DATE", "literal", f"{year_of(g['year']):04d}-{month_of(g['month']):02d}", mod=_mod(g))


def month_day(g: dict, p: dict) -> TimeValue | None:
    m, d = month_of(g["month"]), int(g["day"])
    if d > calendar.monthrange(2000, m)[1]:
        return None
    return TimeValue("DATE", "named", month=m, day=d, direction=DIRS.get(_g(g, "dir"), ""),
                     unit="week" if g.get("weekof") else "")


def year(g: dict, p: dict) -> TimeValue:
    y, modp = int(g["year"]), _g(g, "modp")
    y += int(g["first"]) // 100 * 100 if g.get("first") else 0  # '1995-96': 96 is 1996
    if "half" in modp:
        return TimeValue("DATE", "literal", f"{y}-H{1 if 'first' in modp else 2}")
    mod = _mod(g) or (MODS.get(modp.split()[1]) if modp else None)
    return TimeValue("DATE", "literal", str(y), mod=mod)


def year_bc(g: dict, p: dict) -> TimeValue:
    value = f"BC{int(g['year']):04d}"
    if g.get("month"):
        value += f"-{month_of(g['month']):02d}"
    elif g.get("season"):
        value += f"-{SEASONS[g['season'].lower()]}"
    return TimeValue("DATE", "literal", value, mod=_mod(g) or ("APPROX" if g.get("approx") else None))


def decade(g: dict, p: dict) -> TimeValue:
    century = g.get("century") or "19"  # TIMEX3 (TimeML 1.2.1) writes a decade as 3 digits: "199"
    digit = g.get("decade") or str(NUMBERS[g["word"].lower()[:-3] + "y"] // 10)  # "nineties" -> 9
    return TimeValue("DATE", "literal", f"{century}{digit}", mod=_mod(g))


def century(g: dict, p: dict) -> TimeValue | None:
    n = int(g["ord"])
    return TimeValue("DATE", "literal", f"{n - 1:02d}") if 1 <= n <= 21 else None


def named_month(g: dict, p: dict) -> TimeValue:
    ydir = _g(g, "yeardir")
    return TimeValue("DATE", "named", month=month_of(g["month"]), direction=DIRS.get(_g(g, "dir"), ""),
                     mod=_mod(g), year_shift=STEP[DIRS[ydir]] if ydir else None)


def _pod(word: str) -> str:
    return f"T{PODS[word]}" if word else ""


def weekday(g: dict, p: dict) -> TimeValue:
    n = {"before": -1, "after": 1}.get(_g(g, "offset"), 0)  # "the day before Tuesday"; "the previous Friday": anaphoric
    return TimeValue("DATE", "named", weekday=WEEKDAYS[g["weekday"].lower()], direction=DIRS.get(_g(g, "dir", "ana"), ""),
                     mod=_mod(g), suffix=_pod(_g(g, "pod")), anaphoric=bool(_g(g, "ana")), n=n,
                     said_last=_g(g, "dir") == "last")


def weekday_set(g: dict, p: dict) -> TimeValue:
    wd = WEEKDAYS[_g(g, "weekday", "weekday2", "weekday3")]
    return TimeValue("SET", "literal", f"XXXX-WXX-{wd}{_pod(_g(g, 'pod', 'pod2', 'pod3'))}")


def clock(g: dict, p: dict) -> TimeValue | None:
    if g.get("noon"):
        hh, mm = (12, 0) if g["noon"].lower() == "noon" else (24, 0)
    elif g.get("hour24"):
        hh, mm = int(g["hour24"]), int(g["minute24"])
    else:
        hh, mm = int(g["hour"]) % 12, int(g["minute"] or 0)
        ampm = g["ampm"].lower()
        hh += 12 if ampm.startswith("p") or ampm.endswith(("afternoon", "evening")) else 0
    suffix, mod = f"T{hh:02d}:{mm:02d}", "APPROX" if g.get("approx") else None
    # 'r...': the day of a range's second time, the day before across midnight ('11:30 p.m. to 1 a.m. Saturday')
    back = -1 if hh >= 12 and _g(g, "rampm").startswith("a") else 0
    if month := _g(g, "wmonth", "month"):  # the written date outranks its weekday ('Saturday, Feb. 9, 2013')
        m, d, year = month_of(month), int(_g(g, "wday", "day")), _g(g, "wyear", "year")
        if d > calendar.monthrange(int(year or 2000), m)[1]:
            return None
        return TimeValue("TIME", "literal", f"{int(year):04d}-{m:02d}-{d:02d}{suffix}", mod=mod) if year else \
            TimeValue("TIME", "named", month=m, day=d, suffix=suffix, mod=mod)
    if weekday := _g(g, "weekday", "rweekday"):
        return TimeValue("TIME", "named", weekday=WEEKDAYS[weekday], suffix=suffix, mod=mod, n=back,
                         direction=DIRS.get(_g(g, "cdir"), ""), said_last=_g(g, "cdir") == "last")
    word = _g(g, "dayword", "rdayword")  # a bare "at 10 p.m." is on the day last talked about (else the publication day)
    n = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0) + back
    return TimeValue("TIME", "shift", unit="day", n=n, suffix=suffix, mod=mod, anaphoric=not word)


def deictic(g: dict, p: dict) -> TimeValue:
    word = g["word"].lower()
    n = {"yesterday": -1, "today": 0, "tomorrow": 1, "the day before yesterday": -2,
         "the day after tomorrow": 2}[word]
    pod = _pod(_g(g, "pod"))
    return TimeValue("TIME" if pod else "DATE", "shift", unit="day", n=n, mod=_mod(g), suffix=pod)


def deictic_pod(g: dict, p: dict) -> TimeValue:
    if g.get("word"):
        return TimeValue("TIME", "shift", unit="day", n=0, suffix="TNI")
    n = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(g["dir"].lower(), 0)
    return TimeValue("TIME", "shift", unit="day", n=n, suffix=_pod(g["pod"].lower()))


def ref(g: dict, p: dict) -> TimeValue:
    value = REFS[g["word"].lower()]
    return TimeValue("DATE", "literal", value, needs_anchor=value == "PRESENT_REF")


def ref_adjective(g: dict, p: dict) -> TimeValue:
    if g.get("unit"):
        return TimeValue("DURATION", "literal", _duration_value("X", UNITS[g["unit"].lower()]))
    return ref(g, p)


def relative_unit(g: dict, p: dict) -> TimeValue | None:
    word = _g(g, "dir") or p.get("dir", "this")
    direction, unit = DIRS[word], g["unit"].lower()
    # "the next day", "this day" (in a story: the day just told) count from the last date mentioned
    anaphoric = word in ("following", "same", "that", "previous") or (word == "next" and bool(g.get("the"))) \
        or (word == "this" and unit == "day")
    if (unit in ("decade", "century") and direction == "last" and word in ("past", "last")) or p.get("duration"):
        return TimeValue("DURATION", "literal", _duration_value(1, unit))  # "the past decade", "for the next year"
    mod = _mod(g)
    if _g(g, "mod") in ("the rest of", "the remainder of"):
        mod = None
    n = STEP[direction]
    tense_decides = unit == "weekend" and word == "this" and g.get("the")
    return TimeValue("DATE", "shift", unit=unit, n=n, anaphoric=anaphoric, mod=mod,
                     direction="" if tense_decides else direction)


def year_end(g: dict, p: dict) -> TimeValue:
    n = STEP[DIRS[_g(g, "dir")]] if g.get("dir") else 0
    return TimeValue("DATE", "shift", unit="year", n=n, mod="END")


def shifted(g: dict, p: dict) -> TimeValue | None:
    num, unit, word = number(g["num"]), UNITS[g["unit"].lower()], g["dir"].lower()
    if word in ("before", "after"):  # "a month after X happened": a duration (TimeBank)
        value = _duration_value(num, unit) if num is not None else None
        return TimeValue("DURATION", "literal", value, mod=MODS.get(_g(g, "approx"))) if value else None
    sign = 1 if word in ("from now", "hence", "after", "later") else -1
    anaphoric = word in ("before", "after", "earlier", "later", "previously")
    mod = MODS.get(_g(g, "approx"))
    if num is None:
        return None
    if unit in TIME_UNITS:  # 'a few hours later', 'two hours ago': the same day, however many
        unit, num = "day", 0
    if num == "X" or num == 0.5:
        return TimeValue("DATE", "literal", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in ("decade", "century", "millennium"):
        num, unit = num * {"decade": 10, "century": 100, "millennium": 1000}[unit], "year"
    if unit == "fortnight":
        num, unit = num * 2, "week"
    return TimeValue("DATE", "shift", unit=unit, n=sign * int(num), anaphoric=anaphoric,
                     follow_grain=unit == "year", mod=mod)


def anaphoric(g: dict, p: dict) -> TimeValue:
    word = _g(g, "dir", "dir2") or "that"
    n = {"following": 1, "next": 1, "after": 1, "previous": -1, "prior": -1, "before": -1}.get(word, 0)
    unit = _g(g, "unit", "unit2")
    suffix = ""
    if unit in PODS:
        suffix, unit = _pod(unit), "day"
    return TimeValue("TIME" if suffix else "DATE", "shift", unit=unit, n=n, anaphoric=True,
                     mod=_mod(g), suffix=suffix)


def year_earlier(g: dict, p: dict) -> TimeValue:
    if g.get("ord") and _g(g, "noun") == "quarter":  # "the year-ago third quarter"
        part = ORDINALS[g["ord"].lower()]
        return TimeValue("DATE", "named", unit="quarter", part=part, year_shift=-1) if part <= 4 else None
    if _g(g, "noun") in ("quarter", "period"):  # the reported quarter, a year before
        return TimeValue("DATE", "shift", unit="quarter", n=-4, anaphoric=True)
    unit = g["unit"].lower()
    return TimeValue("DATE", "shift", unit=unit, n=-1, follow_grain=unit == "year")


def quarter(g: dict, p: dict) -> TimeValue | None:
    part, unit = ORDINALS[g["ord"].lower()], g["unit"].lower()
    part = 2 if unit == "half" and g["ord"].lower() == "last" else part  # "the last half of 1989"
    if part > (4 if unit == "quarter" else 2):
        return None
    code = "Q" if unit == "quarter" else "H"
    explicit = g.get("year") or g.get("year1")
    if explicit:
        return TimeValue("DATE", "literal", f"{explicit}-{code}{part}")
    ydir = _g(g, "ydir", "yearword")
    return TimeValue("DATE", "named", unit=unit, part=part,
                     year_shift=STEP[DIRS[ydir]] if ydir else None)


def quarter_bare(g: dict, p: dict) -> TimeValue | None:
    adj, the = _g(g, "adj"), g["the"].lower()
    ago = bool(g.get("ago")) or the == "last year's"
    if g["unit"].lower() == "period" and adj not in ("latest", "recent", "most recent", "just-ended") and not ago:
        return None
    n = 0 if the == "this" or adj == "current" else -1
    return TimeValue("DATE", "shift", unit="quarter", n=n - 4 if ago else n)


def season(g: dict, p: dict) -> TimeValue:
    code = SEASONS[g["season"].lower()]
    if g.get("year"):
        return TimeValue("DATE", "literal", f"{year_of(g['year'])}-{code}", mod=_mod(g))
    return TimeValue("DATE", "named", season=code, direction=DIRS.get(_g(g, "dir"), ""), mod=_mod(g))


def _duration_value(num, unit: str) -> str | None:
    if num == 0.5:
        return HALF.get(unit)
    if unit in ("decade", "century", "millennium") and num != "X":
        num, unit = int(num) * {"decade": 10, "century": 100, "millennium": 1000}[unit], "year"
    if unit == "fortnight":
        num, unit = (2 if num == "X" else int(num) * 2), "week"
    amount = "X" if num == "X" else str(int(num))
    return ("PT" if unit in TIME_UNITS else "P") + amount + LETTERS[unit]


def duration(g: dict, p: dict) -> TimeValue | None:
    num, unit = number(g["num"]), UNITS[g["unit"].lower()]
    if num is None or (g.get("suffix") or "").lower() == "-old":
        return None
    if num in (1, 0.5) and unit in ("second", "quarter") and g["num"].lower() in ("a", "an", "one", "half a"):
        return None
    if g["num"].lower() in ("a", "an") and g.get("sep") == "-":
        return None
    value = _duration_value(num, unit)
    mod = MODS.get(_g(g, "approx"))
    return TimeValue("DURATION", "literal", value, mod=mod) if value else None


def duration_plural(g: dict, p: dict) -> TimeValue:
    core2 = _g(g, "core2")
    if core2 and not core2.startswith("the "):
        return TimeValue("DATE", "literal", "FUTURE_REF" if core2.startswith(("next", "coming", "future")) else "PAST_REF")
    return TimeValue("DURATION", "literal", _duration_value("X", UNITS[_g(g, "unit", "unit2")]))


def duration_half(g: dict, p: dict) -> TimeValue | None:
    num, unit = number(_g(g, "num", "num2")), UNITS[_g(g, "unit", "unit2")]
    if not isinstance(num, int):
        return None
    sub = {"year": (12, "M"), "month": (None, "2W"), "day": (12, "H"), "hour": (30, "M"), "minute": (30, "S")}
    if unit not in sub:
        return None
    base = _duration_value(num, unit)
    half = HALF[unit]
    tail = half.replace("PT", "").replace("P", "")
    if unit in TIME_UNITS or (unit == "day"):
        return TimeValue("DURATION", "literal", base + ("" if "T" in base else "T") + tail)
    return TimeValue("DURATION", "literal", base + tail)


def set_(g: dict, p: dict) -> TimeValue:
    adverb = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
              "yearly": "P1Y", "hourly": "PT1H"}
    if g.get("adverb"):
        return TimeValue("SET", "literal", adverb[g["adverb"].lower()])
    word = g["unit"].lower()
    if word in SEASONS:
        return TimeValue("SET", "literal", f"XXXX-{SEASONS[word]}")
    if word in MONTHS:
        return TimeValue("SET", "literal", f"XXXX-{MONTHS[word]:02d}")
    if word in PODS:
        return TimeValue("SET", "literal", f"T{PODS[word]}")
    num = {"other": 2}.get(_g(g, "num")) or number(_g(g, "num") or "1") or 1
    return TimeValue("SET", "literal", _duration_value(num, UNITS[word]))


def holiday(g: dict, p: dict) -> TimeValue:
    return TimeValue("DATE", "named", holiday=str(HOLIDAYS[g["name"].lower()]), direction=DIRS.get(_g(g, "dir"), ""))


BUILDERS: dict[str, Callable[[dict, dict], TimeValue | None]] = {
    "full_date": full_date, "month_year": month_year, "month_day": month_day, "year": year,
    "decade": decade, "century": century, "named_month": named_month, "weekday": weekday,
    "weekday_set": weekday_set, "clock": clock, "deictic": deictic, "deictic_pod": deictic_pod,
    "ref": ref, "ref_adjective": ref_adjective, "relative_unit": relative_unit, "year_end": year_end,
    "shifted": shifted, "year_bc": year_bc, "anaphoric": anaphoric, "year_earlier": year_earlier, "quarter": quarter,
    "quarter_bare": quarter_bare, "season": season, "duration": duration,
    "duration_plural": duration_plural, "duration_half": duration_half, "set": set_, "holiday": holiday,
}


def spoken_year(g: dict, p: dict) -> TimeValue | None:
    if g.get("k"):
        return TimeValue("DATE", "literal", str(2000 + int(number(g["lo2"]) if g.get("lo2") else 0)))
    hi, lo = number(g["hi"]), number(g["lo"])
    return TimeValue("DATE", "literal", str(hi * 100 + lo)) if isinstance(lo, int) else None


def the_year(g: dict, p: dict) -> TimeValue:
    if g.get("ending"):
        return TimeValue("DURATION", "literal", "P1Y")
    adj = _g(g, "adj")
    n = -1 if adj.startswith(("latest fiscal", "previous", "past")) else 0
    return TimeValue("DATE", "shift", unit="year", n=n)


def position_in_unit(g: dict, p: dict) -> TimeValue:
    modp = _g(g, "modp")
    mod = MODS[modp.split()[1]] if modp else _mod(g)
    return TimeValue("DATE", "shift", unit=g["unit"].lower(), n=0, mod=mod)


def part_of_day(g: dict, p: dict) -> TimeValue:
    n = {"yesterday": -1, "tomorrow": 1}.get(_g(g, "dayword"), 0)
    if g.get("word"):
        return TimeValue("TIME", "shift", unit="day", n=n, suffix="T12:00")
    return TimeValue("TIME", "shift", unit="day", n=n, suffix=_pod(g["pod"].lower()), mod="MID")


def year_quarter(g: dict, p: dict) -> TimeValue:
    """"the 1988 quarter": the quarter being reported, in that year."""
    return TimeValue("DATE", "shift", unit="quarter", n=0, year=int(g["year"]))


BUILDERS.update({"year_quarter": year_quarter, "spoken_year": spoken_year, "the_year": the_year, "position_in_unit": position_in_unit,
                 "part_of_day": part_of_day})
