"""Which stretch of time the timeline opens on, and what it shows there (pure; no Streamlit).

- ``focus_range``: the main cluster of events when a few lie years apart;
- ``opening_range``: the range the chart opens on: the densest stretch (``marks.opening_window``) of
  all the marks, else of the main cluster's (two stories in one store, or a story with a one-sided
  "since 2021": the cluster spans months, its marks on a few days), else the main cluster;
- ``axis_range``: the range a date filter asks for;
- ``in_view``: which marks a range shows, so that a lane with none there is not drawn empty;
- ``day_ticks``: one tick per day (with its weekday) on a view of three weeks or less, every
  ``day_step`` days where the plot is too narrow for one label a day.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.ui.marks import edge_of_day, opening_window
from timeline.ui.plot_dates import GREGORIAN, iso_day, iso_minute
from timeline.ui.text_width import text_px

DAY = pd.Timedelta(days=1)
DAY_MS = 86_400_000
DAY_TICK = "%a %d<br>%b %Y"  # a day tick on two lines, "Sat 09 / Oct 2021": level even at 900 px (was slanted)
JULIAN_DAY_TICK = "%d<br>%b %Y"  # before 15 Oct 1582 a date is Julian: Plotly's (Gregorian) weekday would be wrong
FOCUS_GAP = pd.Timedelta(days=365)  # events further apart than this from the main cluster
TICK_FONT_PX, TICK_GAP_PX = 12, 8  # the axis's tick font; the room kept between two tick labels
MAIN_SHARE = 4  # the view opens on the main cluster only when it spans less than a quarter of the whole


def focus_range(rows: pd.DataFrame) -> tuple[list[str], int] | None:
    """The x range of the main cluster of events when a few lie far apart (e.g. a 2014
    background event in a 2021 story), and how many marks fall outside it; else None.
    A cluster ends where the next mark starts more than FOCUS_GAP after every earlier one."""
    first = rows["date_start"].fillna(rows["date_end"]).to_numpy()
    last = rows["date_end"].fillna(rows["date_start"]).to_numpy()
    by_time = np.lexsort((last, first))
    first, last = first[by_time], last[by_time]
    reach = np.maximum.accumulate(last)
    cluster = np.concatenate([[0], np.cumsum(first[1:] - reach[:-1] > FOCUS_GAP.to_timedelta64())])
    if cluster[-1] == 0:
        return None
    sizes = np.bincount(cluster)
    main = cluster == np.argmax(sizes)  # the first of the largest clusters
    lo, hi = pd.Timestamp(first[main].min()), pd.Timestamp(last[main].max()) + DAY
    if (hi - lo) * MAIN_SHARE > pd.Timestamp(reach[-1]) + DAY - pd.Timestamp(first[0]):
        return None  # a history (1066 ... 1588-2024): the main cluster is no small part of it; show it all
    pad = max(3 * DAY, (hi - lo) * 0.05)
    return [iso_day(lo - pad), iso_day(hi + pad)], len(first) - int(main.sum())


def opening_range(rows: pd.DataFrame) -> tuple[list[str], int] | None:
    """[lo, hi] the chart opens on and how many marks of ``rows`` lie outside it (None: all of
    them).  The densest stretch of the marks; else the main cluster (``focus_range``), narrowed to
    the densest stretch of its own marks when it has one: a cluster of ten months whose marks stand
    on six days of October opened on those ten months, all its marks piled up at the right edge."""
    window = opening_window(rows)
    focus = window or focus_range(rows)
    if window or not focus:
        return focus
    lo, hi = (pd.Timestamp(end) for end in focus[0])
    first, last = rows["date_start"].fillna(rows["date_end"]), rows["date_end"].fillna(rows["date_start"])
    inner = opening_window(rows[(first >= lo) & (last < hi)])
    if inner is None:
        return focus
    lo, hi = (pd.Timestamp(end) for end in inner[0])
    return inner[0], int(((last < lo) | (first >= hi)).sum())


def axis_range(date_from, date_to, rows: pd.DataFrame) -> list[str] | None:
    """The x range a date filter asks for (a missing side: the events' own extent)."""
    if date_from is None and date_to is None:
        return None
    first = rows["date_start"].fillna(rows["date_end"])
    last = rows["date_end"].fillna(rows["date_start"])
    lo = pd.Timestamp(date_from) if date_from is not None else first.min()
    hi = (pd.Timestamp(date_to) if date_to is not None else last.max()) + DAY
    if pd.isna(lo) or pd.isna(hi):
        return None
    return [iso_day(lo), iso_day(hi)]


def leaves_out(rows: pd.DataFrame, shown: list[str], articles: tuple[str, ...]) -> bool:
    """Whether some mark of these articles lies outside the x range ``shown``."""
    mine = rows[rows["article_id"].isin(articles)]
    lo, hi = pd.Timestamp(shown[0]), pd.Timestamp(shown[1])
    first, last = mine["date_start"].fillna(mine["date_end"]), mine["date_end"].fillna(mine["date_start"])
    return bool(((last < lo) | (first >= hi)).any())


def articles_focus(rows: pd.DataFrame, articles: tuple[str, ...]) -> tuple[list[str], int] | None:
    """The x range that shows the marks of ``articles`` (articles just added: what the analyst
    wants to see first), their own main cluster when they have one, and how many marks of
    ``rows`` lie outside it; None when they have no mark."""
    mine = rows[rows["article_id"].isin(articles)]
    first, last = mine["date_start"].fillna(mine["date_end"]), mine["date_end"].fillna(mine["date_start"])
    if first.isna().all():
        return None
    own = opening_range(mine)
    if own:
        lo, hi = (pd.Timestamp(end) for end in own[0])
    else:
        lo, hi = first.min(), last.max() + DAY
        pad = max(3 * DAY, (hi - lo) * 0.05)
        lo, hi = lo - pad, hi + pad
    outside = int(((rows["date_end"].fillna(rows["date_start"]) < lo)
                   | (rows["date_start"].fillna(rows["date_end"]) >= hi)).sum())
    return [iso_day(lo), iso_day(hi)], outside


def in_view(rows: pd.DataFrame, shown: list[str]) -> np.ndarray:
    """Whether each row's mark is drawn inside the x range ``shown``: a bar or a day that
    overlaps it, a one-sided mark whose edge of day (``marks.edge_of_day``) lies within it."""
    lo, hi = pd.Timestamp(shown[0]), pd.Timestamp(shown[1])
    edge = edge_of_day(rows)
    overlaps = (rows["date_start"] < hi) & (rows["date_end"] + DAY > lo)
    return np.where(edge.notna(), (edge >= lo) & (edge <= hi), overlaps.fillna(False)).astype(bool)


def lanes_in_view(rows: pd.DataFrame, order: list[str], shown: list[str] | None) -> tuple[pd.DataFrame, list[str]]:
    """The rows and lanes to draw when the chart opens on ``shown``: a lane none of whose marks
    lies in that range is left out (with a filter that keeps few events, the lanes of their
    other actors or places would be empty rows); its events stay in the overview."""
    if shown is None:
        return rows, order
    kept = set(rows.loc[in_view(rows, shown), "lane"])
    return rows[rows["lane"].isin(kept)], [lane for lane in order if lane in kept]


def extent(rows: pd.DataFrame, shown: list[str] | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x range the chart opens on: ``shown``, else the marks' days, from the first to the end
    of the last, with a margin of half a day or 3 % of that span each side.  The axis is set to
    it (``axis_of``), so that the labels, placed in pixels of this range, land where they were
    placed (a wider guess put a label's end past the plot's edge, cut off)."""
    if shown is not None:
        return pd.Timestamp(shown[0]), pd.Timestamp(shown[1])
    lo = rows["date_start"].fillna(rows["date_end"]).min()
    hi = rows["date_end"].fillna(rows["date_start"]).max() + DAY
    pad = max(DAY / 2, (hi - lo) * 0.03)
    return lo - pad, hi + pad


def axis_of(rows: pd.DataFrame, shown: list[str] | None) -> list[str]:
    """The x axis's range: ``extent`` as ISO strings for Plotly."""
    return [iso_minute(end) for end in extent(rows, shown)]


def day_step(days: float, plot_px: float | None, tick_format: str = DAY_TICK) -> int:
    """Days between two day ticks, so that their labels ("Sat 09" over "Oct 2021") fit side by side
    on a plot ``plot_px`` wide: 14 days on a 900 px page are 29 px each, and Plotly turned every
    tick on its side, over the overview under the chart."""
    if not plot_px or days <= 0:
        return 1
    sample = pd.Timestamp("2021-09-29").strftime(tick_format).split("<br>")  # a Wednesday of September: wide
    need = max(text_px(line, TICK_FONT_PX) for line in sample) + TICK_GAP_PX
    return max(1, math.ceil(need / (plot_px / days)))


def day_ticks(fig: go.Figure, shown: list[str] | None, rows: pd.DataFrame, plot_px: float | None = None) -> None:
    """A view of three weeks or less gets one tick per day (or every ``day_step`` days on a
    narrow plot), under the middle of the day where its marks are (Plotly's own ticks would label
    12-hour steps, each day twice)."""
    if shown is not None:
        lo, hi = pd.Timestamp(shown[0]), pd.Timestamp(shown[1])
    else:
        lo = rows["date_start"].fillna(rows["date_end"]).min()
        hi = rows["date_end"].fillna(rows["date_start"]).max() + DAY
    if pd.isna(lo) or pd.isna(hi) or hi - lo > 21 * DAY:
        return
    tick_format = DAY_TICK if lo >= GREGORIAN else JULIAN_DAY_TICK
    step = day_step((hi - lo) / DAY, plot_px, tick_format)
    fig.update_xaxes(dtick=step * DAY_MS, tick0=lo.normalize() + pd.Timedelta(hours=12),
                     tickformat=tick_format, showgrid=False)
    fig.layout.xaxis.tickformatstops = ()  # the stops win over tickformat (ticks read "09 Oct 2021")
    days = pd.date_range(lo.normalize(), (hi - DAY).normalize(), freq="D")
    fig.update_layout(shapes=[  # every other day shaded: the marks of one day lie within its band
        dict(type="rect", xref="x", yref="y domain", x0=iso_day(d), x1=iso_day(d + DAY),
             y0=0, y1=1, fillcolor="rgba(127,140,160,0.10)", line=dict(width=0), layer="below")
        for d in days[days.day_of_year % 2 == 0]])
