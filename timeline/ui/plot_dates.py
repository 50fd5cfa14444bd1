"""Dates as the timeline's figures carry them, for any year 1-9999 (the resolver's calendar).

pandas' default ``datetime64[ns]`` holds only 1677-09-21 .. 2262-04-11, so "In 1066" or
"12 October 1492" would overflow it (OutOfBoundsDatetime) or, clipped, move.  The figures
keep the event table's own unit (``datetime64[s]``) or milliseconds (``MS``: Plotly's own
unit; a mark within its day), never nanoseconds; and Plotly is given ISO strings with a
four-digit year (``Timestamp.strftime('%Y')`` writes year 5 as '5', which Plotly does not
read as a date).  Pure; no Streamlit, no Plotly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GREGORIAN = pd.Timestamp("1582-10-15")  # the first Gregorian day: no weekday is shown before it (a Julian date)
MS = "datetime64[ms]"  # a mark's x: within its day, any year (ms: +-292 million years)


FIRST, LAST = pd.Timestamp("0001-01-01"), pd.Timestamp("9999-12-31 23:59:59")  # the calendar's edges


def _inside(ts) -> pd.Timestamp:
    """An axis position kept on the calendar: the end of 31 Dec 9999 (a bar's or a range's end)
    is 10000-01-01, and a margin before year 1 is year 0, neither of which a date string holds."""
    ts = pd.Timestamp(ts)
    return LAST if ts > LAST else FIRST if ts < FIRST else ts


def iso_day(ts) -> str:
    """'YYYY-MM-DD' with a four-digit year (0005-03-01), for a Plotly date axis."""
    ts = _inside(ts)
    return f"{ts.year:04d}-{ts.month:02d}-{ts.day:02d}" if ts != LAST else iso_second(ts)


def iso_minute(ts) -> str:
    """'YYYY-MM-DD HH:MM' with a four-digit year."""
    ts = _inside(ts)
    return f"{ts.year:04d}-{ts.month:02d}-{ts.day:02d} {ts.hour:02d}:{ts.minute:02d}" if ts != LAST else iso_second(ts)


def iso_second(ts) -> str:
    """'YYYY-MM-DD HH:MM:SS' with a four-digit year."""
    ts = _inside(ts)
    return f"{ts.year:04d}-{ts.month:02d}-{ts.day:02d} {ts.hour:02d}:{ts.minute:02d}:{ts.second:02d}"


def day_offsets(share: np.ndarray) -> np.ndarray:
    """Shares of a day as millisecond timedeltas (``pd.to_timedelta`` gives nanoseconds, and a
    day plus a nanosecond timedelta is cast to nanoseconds: out of bounds before 1677)."""
    return np.round(np.asarray(share, dtype=float) * 86_400_000).astype("timedelta64[ms]")
