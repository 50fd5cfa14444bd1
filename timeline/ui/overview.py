"""The overview under the timeline when the chart opens on a window of a longer story: how many
events fall in each day, week, month or year across the whole story, on a broken axis (an empty
stretch is one narrow '⋯ 6 yr' column, so a 2014 event does not squeeze October 2021 into a
sliver); the bins the window shows are dark, and a click on a bin shows that period (the app
sets the date filter).  Pure; no Streamlit.  Bins are named by us (dates), never by articles.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from timeline.ui.lanes import first_known_day
from timeline.ui.plot_dates import iso_day

MAX_BINS = 40  # the finest grain (day, week, month, year) with at most this many non-empty bins
UNITS = (("D", "day"), ("W-SUN", "week"), ("M", "month"), ("Y", "year"))
GAP_WIDTH, BAR_WIDTH = 0.7, 0.8  # an empty stretch's column, a bin's bar (a bin's column is 1)
OVERVIEW_PX, AXIS_PX = 76, 64  # the strip's height; the room above it for the chart's date ticks
ROOMY_PX, TICK_PX = 40, 34  # a column this wide names its empty stretches; a two-line bin name needs this
IN_VIEW, OUT_OF_VIEW = "#1f5fa8", "#b3bfcd"


def _name(period: pd.Period, unit: str, year_shown: bool, grain: str) -> str:
    """A bin's tick text; a day bin whose events are all of a year's or a month's grain (they
    count in the bin of their first day) is named by that year or month, not by its first day."""
    start = period.start_time
    if unit == "year" or (grain == "year" and (start.month, start.day) == (1, 1)):
        return f"{start:%Y}"
    if grain == "month" and start.day == 1:
        unit = "month"
    if unit == "month":
        return f"{start:%b %Y}" if not year_shown else f"{start:%b}"
    day = f"{start.day} {start:%b}" + ("" if year_shown else f" {start:%Y}")
    return day if unit == "day" else f"wk {day}"


def _gap(days: int) -> str:
    if days >= 730:
        return f"⋯ {days // 365} yr"
    if days >= 60:
        return f"⋯ {days // 30} mo"
    return f"⋯ {days // 7} wk" if days >= 14 else f"⋯ {days} d"


def overview_bins(rows: pd.DataFrame, shown: list[str]) -> pd.DataFrame:
    """One row per column of the overview, in time order: x (its centre), width, count (0 for
    an empty stretch), first and last day (ISO; None for a stretch), name (the tick text), and
    whether the window ``shown`` holds the bin.  Each event counts once, in the bin of its first
    known day (an event in two lanes is one event)."""
    first = first_known_day(rows.drop_duplicates("event_id")).dropna()
    code, unit = next(((c, u) for c, u in UNITS if first.dt.to_period(c).nunique() <= MAX_BINS), UNITS[-1])
    periods = first.dt.to_period(code)
    counts = periods.value_counts().sort_index()
    precision = rows.drop_duplicates("event_id").loc[first.index, "precision"] if "precision" in rows else None
    grains = (precision.groupby(periods).agg(lambda p: p.iloc[0] if p.nunique() == 1 else "")
              if precision is not None else pd.Series(dtype=object))
    lo, hi = pd.Timestamp(shown[0]), pd.Timestamp(shown[1])
    out, x, prev, year = [], 0.0, None, None
    for period, count in counts.items():
        if prev is not None and period.ordinal - prev.ordinal > 1:
            days = (period.start_time - prev.end_time).days
            out.append(dict(x=x + GAP_WIDTH / 2 - 0.5, width=0.0, count=0, first=None, last=None, name=_gap(days),
                            in_view=False))
            x += GAP_WIDTH
        start, end = period.start_time.normalize(), period.end_time.normalize()
        out.append(dict(x=x, width=BAR_WIDTH, count=int(count), first=iso_day(start), last=iso_day(end),
                        name=_name(period, unit, year == start.year, grains.get(period, "")), in_view=bool(start < hi and end >= lo)))
        x, prev, year = x + 1, period, start.year
    bins = pd.DataFrame(out, columns=["x", "width", "count", "first", "last", "name", "in_view"])
    bins.attrs["unit"] = unit
    return bins


def overview_traces(bins: pd.DataFrame) -> list[dict]:
    """The overview's bars (trace specs on the axes x2, y2) and, under them, a transparent bar
    the strip's full height per bin: the target of a hover and a click (a bin of one event is a
    few pixels tall), whose point carries the bin's first and last day (``clicked_period``); an
    empty stretch has neither."""
    days = bins[bins["first"].notna()]
    counts, x, width = days["count"].to_numpy(), days["x"].to_numpy(), days["width"].to_numpy()
    common = dict(x=x, width=width, xaxis="x2", yaxis="y2", showlegend=False)
    hit = dict(type="bar", y=np.full(len(days), _top(bins) * 1.45), marker=dict(color="rgba(0,0,0,0)"),
               customdata=np.column_stack([days["first"], days["last"], days["name"], counts]), meta="overview-hit",
               hovertemplate="%{customdata[2]}: %{customdata[3]} event(s)<br>click to show this period<extra></extra>",
               **common)
    bars = dict(type="bar", y=counts, marker=dict(color=np.where(days["in_view"].to_numpy(), IN_VIEW, OUT_OF_VIEW).tolist()),
                text=counts, textposition="outside", cliponaxis=False, textfont=dict(size=10, color="#5c6470"),
                hoverinfo="skip", meta="overview", **common)
    return [hit, bars]


def _top(bins: pd.DataFrame) -> int:
    return max(int(bins["count"].max()), 1)


def tick_texts(bins: pd.DataFrame, plot_px: float | None = None) -> list[str]:
    """The bins' tick texts, on two lines, level: on a plot ``plot_px`` wide where a column is
    narrower than ``ROOMY_PX`` an empty stretch is marked '⋯' alone, and where a two-line name
    still does not fit (``TICK_PX``) only every k-th bin is named (Plotly would turn all the
    ticks on their side, unreadable: '2014 ⋯ 7 yr Aug 2021' read downwards at 900 px)."""
    names = [_two_lines(n) for n in bins["name"]]
    if not plot_px:
        return names
    column = plot_px / (float(bins["x"].max()) + 1.2)  # the axis's range, in columns
    if column >= ROOMY_PX:
        return names
    step = max(1, math.ceil(TICK_PX / column))
    named = [k for k, n in enumerate(bins["name"]) if not n.startswith("⋯")]
    shown = set(named[::step])
    return [n if k in shown else "⋯" if bins["name"].iloc[k].startswith("⋯") else "" for k, n in enumerate(names)]


def overview_axes(bins: pd.DataFrame, height: float, plot_px: float | None = None) -> dict:
    """Layout of the overview strip at the bottom of a figure ``height`` px tall (margins
    included); the chart's own y axis keeps the rest, above the room for its date ticks; its
    ticks level (``tick_texts`` for a plot ``plot_px`` wide)."""
    share = OVERVIEW_PX / height
    top = _top(bins)
    return dict(
        xaxis2=dict(anchor="y2", domain=[0, 1], range=[-0.6, float(bins["x"].max()) + 0.6], tickmode="array",
                    tickvals=bins["x"].tolist(), ticktext=tick_texts(bins, plot_px), showgrid=False,
                    zeroline=False, tickangle=0,
                    fixedrange=True, tickfont=dict(size=10), ticks=""),
        yaxis2=dict(anchor="x2", domain=[0, share * 0.62], range=[0, top * 1.45], visible=False, fixedrange=True),
        yaxis=dict(domain=[share + AXIS_PX / height, 1]),
    )


def _two_lines(name: str) -> str:
    """A tick text on two lines, so that narrow bins keep level ticks: '9<br>Oct', 'Aug<br>2021', '⋯<br>7 yr'."""
    head, sep, tail = name.partition(" ") if name.startswith("⋯") else name.rpartition(" ")
    return f"{head}<br>{tail}" if sep else name


def overview_title(unit_name: str) -> dict:
    """The strip's caption (our own words), above its top left corner."""
    return dict(text=f"Whole story, events per {unit_name} (click a bar)", xref="x2 domain", yref="y2 domain", x=0, y=1.3,
                xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=11, color="#5c6470"),
                name="overview")


def clicked_period(points: list[dict]) -> tuple[str, str] | None:
    """The first and last day (ISO) of the first clicked overview bin, or None."""
    for point in points or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) == 4 and data[0] and data[1]:
            return str(data[0]), str(data[1])
    return None
