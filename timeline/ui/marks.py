"""Where the timeline's marks and labels go, so that the chart reads at a glance (issue 17).

- ``spread_days``: the marks of one day (points and one-sided dates) are spread across that
  day's width, in lane order, instead of being drawn on one spot; the hover still says the day.
- ``opening_window``: the x range the chart opens on: the densest stretch of at most
  ``WINDOW_DAYS`` days when it holds at least 60 % of the marks and the marks span far more
  (a story told over three days, with a background bar in 2014 and one in August); the overview
  strip under the chart holds the rest.
- ``labels``: text labels on the most salient events, placed greedily by salience to the
  right of their mark (to the left near the right edge) and kept only when their box, in
  pixels of a conservatively narrow plot, overlaps no other label: labels never overlap.
Pure pandas/numpy, no streamlit, no plotly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
WINDOW_DAYS, WINDOW_SHARE, MIN_MARKS = 21, 0.6, 6
SPREAD = (0.1, 0.9)  # the share of the day the marks of one day spread over
MAX_LABELS, LABEL_CANDIDATES = 10, 300
LABEL_CHARS, MIN_LABEL_CHARS = 38, 12
BAR_LABEL_RISE_PX = 11
# a 900 px page; a lane is given 44 px of height, of which the legend and the overview strip leave
# about 37 on screen: labels are placed on 32 px, so two labels never meet however the page lays out
PLOT_WIDTH_PX, LANE_PX, CHAR_PX, LABEL_HEIGHT_PX, LABEL_PAD_PX = 320, 32, 6.4, 15, 10


def mark_day(rows: pd.DataFrame) -> pd.Series:
    """The day a non-bar mark stands on: its day, the known side of a one-sided date."""
    return rows["date_start"].where(rows["shape"] != "open_start", rows["date_end"])


def spread_days(rows: pd.DataFrame) -> pd.Series:
    """x of every non-bar mark (NaT for bars): within its day, the k-th of the day's n marks at
    ``SPREAD[0] + (k + 0.5) / n * (SPREAD[1] - SPREAD[0])`` of the day, in the order of ``y``."""
    day = mark_day(rows).to_numpy()
    is_mark = (rows["shape"] != "bar").to_numpy()
    at = np.flatnonzero(is_mark)  # positions: an event drawn in two lanes has two rows of one index
    order = pd.DataFrame({"day": day[at], "y": rows["y"].to_numpy()[at], "at": at}).sort_values(["day", "y"], kind="stable")
    group = order.groupby("day", sort=False)
    k, n = group.cumcount().to_numpy(), group["y"].transform("size").to_numpy()
    share = SPREAD[0] + (k + 0.5) / n * (SPREAD[1] - SPREAD[0])
    x = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    x[order["at"].to_numpy()] = (order["day"] + pd.to_timedelta(share, unit="D")).to_numpy()
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
    return [lo.strftime("%Y-%m-%d"), hi.strftime("%Y-%m-%d")], outside


def _short(text: str, max_chars: int = LABEL_CHARS) -> str:
    """The label of an event: its summary on one line, cut to fit with an ellipsis."""
    text, limit = " ".join(str(text).split()), min(LABEL_CHARS, max_chars)
    if len(text) <= limit:
        return text
    return "" if limit < MIN_LABEL_CHARS else text[: limit - 1].rstrip() + "…"


def labels(rows: pd.DataFrame, x: pd.Series, shown: tuple[pd.Timestamp, pd.Timestamp]) -> pd.DataFrame:
    """The labels to draw: one row per labelled mark with x, y, text (plain, not yet escaped)
    and position ('middle right' or 'middle left').  The most salient events first, each
    event once, inside the shown range, and never two boxes that overlap."""
    lo, hi = shown
    px_per_ms = PLOT_WIDTH_PX / max((hi - lo) / pd.Timedelta(milliseconds=1), 1.0)
    salience = rows["salience"] if "salience" in rows else pd.Series(0.0, index=rows.index)
    order = rows.assign(_x=x, _s=salience).nlargest(LABEL_CANDIDATES, "_s", keep="first")  # not 100,000 rows
    taken: list[tuple[float, float, float, float]] = []
    seen: set[str] = set()
    out = []
    for _, r in order.iterrows():
        if len(out) >= MAX_LABELS:
            break
        at = r["_x"] if not pd.isna(r["_x"]) else max(r["date_start"], lo)  # a bar: its start, or the view's
        if r["event_id"] in seen or pd.isna(at) or not lo <= at <= hi or (
                pd.isna(r["_x"]) and r["date_end"] + DAY <= lo):  # a bar that ends before the view
            continue
        cx = (at - lo) / pd.Timedelta(milliseconds=1) * px_per_ms
        bar = pd.isna(r["_x"])
        cy = float(r["y"]) * LANE_PX - (BAR_LABEL_RISE_PX if bar else 0)  # above a bar, not on it
        right = PLOT_WIDTH_PX - cx >= cx  # the side with more room
        room = (PLOT_WIDTH_PX - cx if right else cx) - 6 - LABEL_PAD_PX
        text = _short(r["summary"] or r["trigger"], max_chars=int(room // CHAR_PX))
        if len(text) < MIN_LABEL_CHARS:
            continue
        width = CHAR_PX * len(text) + LABEL_PAD_PX
        box = (cx + 6, cx + 6 + width) if right else (cx - 6 - width, cx - 6)
        box = (box[0], box[1], cy - LABEL_HEIGHT_PX / 2, cy + LABEL_HEIGHT_PX / 2)
        if box[0] < 0 or any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in taken):
            continue
        taken.append(box)
        seen.add(r["event_id"])
        out.append({"x": at, "y": r["y"], "text": text, "position": "middle right" if right else "middle left",
                    "event_id": r["event_id"], "rise": BAR_LABEL_RISE_PX if bar else 0})
    return pd.DataFrame(out, columns=["x", "y", "text", "position", "event_id", "rise"])
