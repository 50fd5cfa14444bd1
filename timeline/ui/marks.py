"""Where the timeline's marks and labels go, so that the chart reads at a glance (issue 17).

- ``spread_days``: the day marks (points) of one day are spread across that day's width, in
  lane order, instead of being drawn on one spot; the hover still says the day.  A date known
  on one side only is no day: its triangle stands on the edge of the day it names (the end of
  the day of "on or before", the start of the day of "on or after"), never inside it, and
  ``open_tails`` draws a band from there that fades out into the open side.
- ``opening_window``: the x range the chart opens on: the densest stretch of at most
  ``WINDOW_DAYS`` days when it holds at least 60 % of the marks and the marks span far more
  (a story told over three days, with a background bar in 2014 and one in August); the overview
  under the chart (``overview``) counts the rest.
- the model of the plot the labels are placed on (``label_spots``): its width (when the app has not
  measured it), a lane's height, a label's height and padding, in pixels of a conservatively narrow plot.
Pure pandas/numpy, no streamlit, no plotly (the tails are trace specs: plain dicts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.ui.plot_dates import MS, day_offsets, iso_day, iso_minute

DAY = pd.Timedelta(days=1)
WINDOW_DAYS, WINDOW_SHARE, MIN_MARKS = 21, 0.6, 6
SPREAD = (0.1, 0.9)  # the share of the day the marks of one day spread over
MARK_PX = {"point": 12, "open_end": 15, "open_start": 15}  # the markers' sizes (charts draws them so)
BAR_THICKNESS, TAIL_THICKNESS = 0.144, 0.09  # a bar's and a one-sided mark's tail's thickness, in lanes
# a 900 px page (a plot 322 px wide); a lane is given 56 px of height (charts.LANE_HEIGHT_PX), of which
# the legend, the axis and the overview strip leave 54 on screen at 900 px (measured, 9 lanes): labels
# are placed on 44 px, so no label meets another or a mark however the page lays out
PLOT_WIDTH_PX, LANE_PX, LABEL_HEIGHT_PX, LABEL_PAD_PX = 320, 44, 15, 10


def mark_day(rows: pd.DataFrame) -> pd.Series:
    """The day a non-bar mark stands on: its day, the known side of a one-sided date."""
    return rows["date_start"].where(rows["shape"] != "open_start", rows["date_end"])


def edge_of_day(rows: pd.DataFrame) -> pd.Series:
    """Where a one-sided mark stands (NaT for the others): the end of the day of "on or
    before", the start of the day of "on or after"."""
    shape = rows["shape"]
    edge = rows["date_start"].astype(MS).where(shape == "open_end", (rows["date_end"] + DAY).astype(MS))
    return edge.where(shape.isin(["open_start", "open_end"]))  # in ms, not ns: any year 1-9999


def spread_days(rows: pd.DataFrame) -> pd.Series:
    """x of every non-bar mark (NaT for bars).  A point: within its day, the k-th of the day's n
    points at ``SPREAD[0] + (k + 0.5) / n * (SPREAD[1] - SPREAD[0])`` of the day, in the order of
    ``y``; a one-sided mark: on the edge of its day (``edge_of_day``), not drawn as a day."""
    day = rows["date_start"].to_numpy()
    at = np.flatnonzero((rows["shape"] == "point").to_numpy())  # positions: an event in two lanes has two rows
    order = pd.DataFrame({"day": day[at], "y": rows["y"].to_numpy()[at], "at": at}).sort_values(["day", "y"], kind="stable")
    group = order.groupby("day", sort=False)
    k, n = group.cumcount().to_numpy(), group["y"].transform("size").to_numpy()
    share = SPREAD[0] + (k + 0.5) / n * (SPREAD[1] - SPREAD[0])
    x = edge_of_day(rows).to_numpy(dtype=MS).copy()
    x[order["at"].to_numpy()] = order["day"].to_numpy(dtype=MS) + day_offsets(share)
    return pd.Series(x, index=rows.index)


def opening_window(rows: pd.DataFrame) -> tuple[list[str], int] | None:
    """[lo, hi] of the densest stretch of at most ``WINDOW_DAYS`` days (by each mark's first
    known day) and how many marks lie outside it, when it holds ``WINDOW_SHARE`` of the marks and
    the marks span more than three times as long; else None."""
    first = rows["date_start"].fillna(rows["date_end"]).sort_values().to_numpy()
    last = rows["date_end"].fillna(rows["date_start"])
    if len(first) < MIN_MARKS:
        return None
    span = pd.Timestamp(last.max()) + DAY - pd.Timestamp(first[0])
    window = np.timedelta64(WINDOW_DAYS - 1, "D")
    ends = np.searchsorted(first, first + window, side="right")
    counts = ends - np.arange(len(first))
    best = int(np.argmax(counts))
    if counts[best] < WINDOW_SHARE * len(first) or span <= 3 * WINDOW_DAYS * DAY:
        return None
    inside = first[best:ends[best]]
    lo, hi = pd.Timestamp(inside[0]), pd.Timestamp(inside[-1]) + DAY
    lo, hi = lo - DAY, hi + DAY
    outside = int(((rows["date_end"].fillna(rows["date_start"]) < lo) | (rows["date_start"].fillna(rows["date_end"]) >= hi)).sum())
    return [iso_day(lo), iso_day(hi)], outside


TAIL_ALPHA, TAIL_SHARE, MAX_TAILS = 0.45, 1 / 6, 200  # opacity at the mark, length (share of the view); groups


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def open_tails(rows: pd.DataFrame, shown: tuple[pd.Timestamp, pd.Timestamp], colours: dict[str, str]) -> list[dict]:
    """Trace specs of the tails of one-sided marks: a thin band at the mark's y from the edge of
    its day (``edge_of_day``) into the open side, fading out over ``TAIL_SHARE`` of the view
    ``shown``: "on or before 9 Oct" reads as some time up to the end of 9 Oct, not as 9 Oct, and
    not as an interval either.  One trace per lane, side and edge (their gradient spans the same
    days); none past ``MAX_TAILS`` of them.  ``colours``: lane -> #rrggbb."""
    length = (shown[1] - shown[0]) * TAIL_SHARE
    edge = edge_of_day(rows).to_numpy()
    open_rows = rows.assign(_edge=edge)[~np.isnat(edge)]
    groups = open_rows.groupby(["lane", "shape", "_edge"], sort=True)
    if groups.ngroups > MAX_TAILS:
        return []
    half = TAIL_THICKNESS / 2
    tails = []
    for (lane, shape, edge), g in groups:
        before = shape == "open_start"
        far = edge - length if before else edge + length
        xs, ys = [], []
        for y in g["y"]:
            xs += [far, edge, edge, far, far, None]
            ys += [y - half, y - half, y + half, y + half, y - half, None]
        colour = colours[lane]
        fade = [[0, _rgba(colour, 0)], [1, _rgba(colour, TAIL_ALPHA)]]
        tails.append(dict(
            type="scatter", mode="lines", x=[v if v is None else iso_minute(v) for v in xs], y=ys,
            fill="toself", line=dict(width=0), hoverinfo="skip", showlegend=False, meta="tail",
            fillgradient=dict(type="horizontal", colorscale=fade if before else [[0, fade[1][1]], [1, fade[0][1]]])))
    return tails
