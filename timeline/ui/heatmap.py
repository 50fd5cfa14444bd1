"""The aggregated timeline: per lane, the number of events in each time bin, drawn as a
heatmap.  What the dashboard shows instead of one mark per event when a selection holds
more events than a browser can draw and a reader can tell apart (``charts.AGGREGATE_ABOVE``).

Pure and vectorised (pandas group-by on bins, no loop over rows); no streamlit.

- Lanes are those of the per-event chart (timeline/ui/lanes.py): an event with two actors
  counts in both actors' lanes, exactly as it is drawn in both; beyond ``max_lanes`` the
  rest share one "(other …)" lane, where an event counts once.
- An event counts in the bin of its first known day (its start; its end when only the
  end is known); undated events are not counted (the app lists them apart).
- The bin follows the span of the dates: days up to ``DAY_BINS_UP_TO``, weeks (from
  Monday) up to ``WEEK_BINS_UP_TO``, months up to ``MONTH_BINS_UP_TO``, else years.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.ui.lanes import first_known_day, lane_columns, lanes
from timeline.ui.plot_text import new_figure, plot_safe_all

DAY_BINS_UP_TO = pd.Timedelta(days=92)
WEEK_BINS_UP_TO = pd.Timedelta(days=3 * 366)
MONTH_BINS_UP_TO = pd.Timedelta(days=25 * 366)
BIN_FREQ = {"day": "D", "week": "7D", "month": "MS", "year": "YS"}
BIN_HOVER = {
    "day": "%{x|%d %b %Y}",
    "week": "week of %{x|%d %b %Y}",
    "month": "%{x|%b %Y}",
    "year": "%{x|%Y}",
}
BIN_PERIOD_MS = {"day": 86_400_000, "week": 7 * 86_400_000, "month": "M1", "year": "M12"}
COLOURS = [[0.0, "#dbe7f5"], [0.35, "#6f9fd8"], [1.0, "#0b2e59"]]


def bin_unit(first, last) -> str:
    """day, week, month or year: the bin for counts of events from ``first`` to ``last``."""
    span = pd.Timestamp(last) - pd.Timestamp(first)
    if span <= DAY_BINS_UP_TO:
        return "day"
    if span <= WEEK_BINS_UP_TO:
        return "week"
    return "month" if span <= MONTH_BINS_UP_TO else "year"


def bin_start(days: pd.Series, unit: str) -> pd.Series:
    """The first day of the bin each day falls in (weeks start on Monday)."""
    days = days.dt.normalize()
    if unit == "day":
        return days
    if unit == "week":
        return days - days.dt.day_of_week.to_numpy().astype("timedelta64[D]")  # not ns: any year
    return days.dt.to_period("M" if unit == "month" else "Y").dt.start_time.astype(days.dtype)


def binned_counts(df: pd.DataFrame, group_by: str = "actor", max_lanes: int = 12) -> tuple[pd.DataFrame, str]:
    """(counts, unit): a lanes x bins frame of event counts (rows in drawing order, the
    busiest lane first; columns every bin start from the first to the last, empty ones
    included) and the bin unit.  Empty frame when nothing is dated."""
    narrow = df[["event_id", "date_start", "date_end", *lane_columns(group_by)]]
    rows, order = lanes(narrow, group_by, max_lanes)
    if rows.empty:
        return pd.DataFrame(index=pd.Index([], dtype=object), columns=pd.DatetimeIndex([])), "day"
    day = first_known_day(rows)
    unit = bin_unit(day.min(), day.max())
    bins = bin_start(day, unit)
    counts = rows.groupby([rows["lane"].to_numpy(), bins.to_numpy()]).size().unstack(fill_value=0)
    every_bin = pd.date_range(bins.min(), bins.max(), freq=BIN_FREQ[unit])
    return counts.reindex(index=order, columns=every_bin, fill_value=0), unit


def colour_top(counts: pd.DataFrame) -> int:
    """The count drawn darkest: the busiest cell of the named lanes.  The "(other …)" lane
    sums many lanes and would otherwise make every named lane look pale; its busier cells
    are drawn darkest (their hover still says how many)."""
    named = [not str(lane).startswith("(other ") for lane in counts.index]
    top = counts[named].to_numpy().max(initial=0) if any(named) else 0
    return int(top or counts.to_numpy().max(initial=1) or 1)


def heatmap_figure(df: pd.DataFrame, group_by: str = "actor", max_lanes: int = 12) -> go.Figure:
    """Events per lane and time bin as a heatmap (empty cells blank), the busiest lane on
    top.  ``layout.meta`` says what was aggregated: kind, bin unit, events counted."""
    counts, unit = binned_counts(df, group_by, max_lanes)
    z = counts.to_numpy(dtype=float, copy=True)
    z[z == 0] = np.nan  # an empty cell is drawn blank, not as the palest colour
    zmax = colour_top(counts)
    legend = "events" if counts.to_numpy().max(initial=0) <= zmax else f"events<br>(≥ {zmax:,}: darkest)"
    fig = new_figure(
        go.Heatmap(
            x=counts.columns.strftime("%Y-%m-%d").tolist(),
            y=plot_safe_all(counts.index),
            z=z,
            xperiod=BIN_PERIOD_MS[unit],
            xperiodalignment="start",
            colorscale=COLOURS,
            zmin=1,
            zmax=zmax,
            hoverongaps=False,
            colorbar=dict(title=dict(text=legend), thickness=12),
            hovertemplate=f"<b>%{{y}}</b><br>{BIN_HOVER[unit]}: %{{z}} event(s)<extra></extra>",
            meta="counts",
        )
    )
    n_lanes = max(len(counts.index), 1)
    fig.update_layout(
        height=max(260, 110 + 44 * n_lanes),
        margin=dict(l=10, r=10, t=36, b=10),
        xaxis=dict(type="date", title=None, showgrid=False),
        yaxis=dict(autorange="reversed", title=None, type="category"),
        meta=dict(kind="aggregated", bin=unit, events=int(first_known_day(df).notna().sum())),
    )
    return fig
