"""Where the timeline's marks and labels go, so that the chart reads at a glance (issue 17).

- ``spread_days``: the day marks (points) of one day are spread across that day's width, in
  lane order, instead of being drawn on one spot; the hover still says the day.  A date known
  on one side only is no day: its triangle stands on the edge of the day it names (the end of
  the day of "on or before", the start of the day of "on or after"), never inside it, and
  ``open_tails`` draws a band from there that fades out into the open side.
- ``opening_window``: the x range the chart opens on: the densest stretch of at most
  ``WINDOW_DAYS`` days when it holds at least 60 % of the marks and the marks span far more
  (a story told over three days, with a background bar in 2014 and one in August); the overview
  strip under the chart holds the rest.
- ``labels``: text labels on the most salient events, placed greedily by salience beside their
  mark (the side with more room first, then the other) and kept only when their box, in pixels
  of a conservatively narrow plot, overlaps no other label and no mark or bar: labels never
  overlap each other and never cover a mark.
Pure pandas/numpy, no streamlit, no plotly (the tails are trace specs: plain dicts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
WINDOW_DAYS, WINDOW_SHARE, MIN_MARKS = 21, 0.6, 6
SPREAD = (0.1, 0.9)  # the share of the day the marks of one day spread over
MAX_LABELS, LABEL_CANDIDATES = 10, 300
LABEL_CHARS, MIN_LABEL_CHARS = 38, 16
BAR_LABEL_RISE_PX = 16  # a bar's label sits this far above it: clear of the marks of its day in its lane
MARK_PX = {"point": 12, "open_end": 15, "open_start": 15}  # the markers' sizes (charts draws them so)
BAR_THICKNESS, TAIL_THICKNESS = 0.144, 0.09  # a bar's and a one-sided mark's tail's thickness, in lanes
# a 900 px page (a plot 322 px wide); a lane is given 56 px of height (charts.LANE_HEIGHT_PX), of which
# the legend, the axis and the overview strip leave 54 on screen at 900 px (measured, 9 lanes): labels
# are placed on 44 px, so no label meets another or a mark however the page lays out
PLOT_WIDTH_PX, LANE_PX, CHAR_PX, LABEL_HEIGHT_PX, LABEL_PAD_PX = 320, 44, 6.4, 15, 10


def mark_day(rows: pd.DataFrame) -> pd.Series:
    """The day a non-bar mark stands on: its day, the known side of a one-sided date."""
    return rows["date_start"].where(rows["shape"] != "open_start", rows["date_end"])


def edge_of_day(rows: pd.DataFrame) -> pd.Series:
    """Where a one-sided mark stands (NaT for the others): the end of the day of "on or
    before", the start of the day of "on or after"."""
    shape = rows["shape"].to_numpy()
    edge = np.where(shape == "open_start", (rows["date_end"] + DAY).to_numpy(), rows["date_start"].to_numpy())
    return pd.Series(np.where(np.isin(shape, ["open_start", "open_end"]), edge, np.datetime64("NaT")),
                     index=rows.index, dtype="datetime64[ns]")


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
    x = edge_of_day(rows).to_numpy(dtype="datetime64[ns]").copy()
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


def obstacles(rows: pd.DataFrame, x: pd.Series, lo: pd.Timestamp, px_per_ms: float) -> np.ndarray:
    """The box (x0, x1, y0, y1), in the model's pixels, of every row's mark: a marker's
    square (with its tail, for a one-sided date), a bar's span at its thickness."""
    ms = pd.Timedelta(milliseconds=1)
    bar = (rows["shape"] == "bar").to_numpy()
    cx = ((x - lo) / ms).to_numpy(dtype=float) * px_per_ms
    half = rows["shape"].map(MARK_PX).fillna(0).to_numpy(dtype=float) / 2 + 1
    x0, x1 = cx - half, cx + half
    first = ((rows["date_start"] - lo) / ms).to_numpy(dtype=float) * px_per_ms
    after = ((rows["date_end"] + DAY - lo) / ms).to_numpy(dtype=float) * px_per_ms
    x0, x1 = np.where(bar, first, x0), np.where(bar, after, x1)
    tail = TAIL_SHARE * PLOT_WIDTH_PX  # a one-sided mark's tail (``open_tails``) reaches this far into its open side
    x0 = np.where(rows["shape"] == "open_start", x0 - tail, x0)
    x1 = np.where(rows["shape"] == "open_end", x1 + tail, x1)
    cy = rows["y"].to_numpy(dtype=float) * LANE_PX
    dy = np.where(bar, BAR_THICKNESS * LANE_PX / 2 + 1, half)
    return np.nan_to_num(np.column_stack([x0, x1, cy - dy, cy + dy]), nan=-1e9)


def _free(box: tuple[float, float, float, float], boxes: np.ndarray) -> bool:
    """Whether ``box`` overlaps none of ``boxes`` (one per row)."""
    return not bool(np.any((box[0] < boxes[:, 1]) & (boxes[:, 0] < box[1])
                           & (box[2] < boxes[:, 3]) & (boxes[:, 2] < box[3])))


def _spots(cx: float, half: float, bar: bool) -> list[tuple[bool, float, float]]:
    """Where a label may go, best first, as (to the right, x offset from the mark, rise in px):
    beside the mark on the side with more room, on the other side, then just above the mark,
    then just below it (starting or ending over it); a bar's label sits above its start."""
    roomy = PLOT_WIDTH_PX - cx >= cx
    if bar:
        return [(roomy, 2, BAR_LABEL_RISE_PX), (not roomy, 2, BAR_LABEL_RISE_PX)]
    above = half + LABEL_HEIGHT_PX / 2 + 1
    return [(roomy, half + 2, 0), (not roomy, half + 2, 0), (roomy, -half, above), (not roomy, -half, above),
            (roomy, -half, -above), (not roomy, -half, -above)]


def labels(rows: pd.DataFrame, x: pd.Series, shown: tuple[pd.Timestamp, pd.Timestamp]) -> pd.DataFrame:
    """The labels to draw: one row per labelled mark with x, y, text (plain, not yet escaped),
    position ('middle right': the label starts at x; 'middle left': it ends there), gap (its
    x shift in px) and rise (its y shift in px).  The most salient events first (mentions off
    the timeline, ``off``, after all events), each event once, inside the shown range; a
    label's box overlaps no other label and no mark, tail or bar (in the model's pixels,
    ``obstacles``; its own mark's tail included) and stays within the plot."""
    lo, hi = shown
    px_per_ms = PLOT_WIDTH_PX / max((hi - lo) / pd.Timedelta(milliseconds=1), 1.0)
    rows, x = rows.reset_index(drop=True), pd.Series(x.to_numpy(), name="_x")  # an event in two lanes: two rows
    marks = obstacles(rows, x, lo, px_per_ms)
    bottom = (float(rows["y"].max()) + 0.5) * LANE_PX
    salience = rows["salience"] if "salience" in rows else pd.Series(0.0, index=rows.index)
    if "off" in rows:  # mentions off the timeline (drawn hollow) come after every timeline event
        salience = salience - rows["off"].astype(float) * 10
    order = rows.assign(_x=x, _s=salience).nlargest(LABEL_CANDIDATES, "_s", keep="first")  # not 100,000 rows
    taken = np.empty((0, 4))
    seen: set[str] = set()
    out = []
    for i, r in order.iterrows():
        if len(out) >= MAX_LABELS:
            break
        at = r["_x"] if not pd.isna(r["_x"]) else max(r["date_start"], lo)  # a bar: its start, or the view's
        if r["event_id"] in seen or pd.isna(at) or not lo <= at <= hi or (
                pd.isna(r["_x"]) and r["date_end"] + DAY <= lo):  # a bar that ends before the view
            continue
        cx = (at - lo) / pd.Timedelta(milliseconds=1) * px_per_ms
        bar, half = pd.isna(r["_x"]), MARK_PX.get(r["shape"], 0) / 2
        others = marks.copy()
        others[i, 1 if r["shape"] == "open_start" else 0] = cx - half if r["shape"] == "open_start" else cx + half
        if r["shape"] not in ("open_start", "open_end"):
            others = np.delete(others, i, axis=0)  # its own mark; a one-sided mark's own tail stays in the way
        best = None  # the free spot that shows the most of the summary (the first such spot)
        for right, dx, rise in _spots(cx, half, bar):
            room = (PLOT_WIDTH_PX - cx - dx if right else cx - dx) - LABEL_PAD_PX
            text = _short(r["summary"] or r["trigger"], max_chars=int(room // CHAR_PX))
            if len(text) < MIN_LABEL_CHARS or (best and len(text) <= len(best[0])):
                continue
            width = CHAR_PX * len(text) + LABEL_PAD_PX
            x0 = cx + dx if right else cx - dx - width
            cy = float(r["y"]) * LANE_PX - rise
            box = (x0, x0 + width, cy - LABEL_HEIGHT_PX / 2, cy + LABEL_HEIGHT_PX / 2)
            if (box[0] >= 0 and box[2] >= -LANE_PX / 2 and box[3] <= bottom
                    and _free(box, taken) and _free(box, others)):
                best = (text, box, right, dx, rise)
        if best is None:
            continue
        text, box, right, dx, rise = best
        taken = np.vstack([taken, box])
        seen.add(r["event_id"])
        out.append({"x": at, "y": r["y"], "text": text, "position": "middle right" if right else "middle left",
                    "event_id": r["event_id"], "rise": rise, "gap": dx})
    return pd.DataFrame(out, columns=["x", "y", "text", "position", "event_id", "rise", "gap"])


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
            type="scatter", mode="lines", x=[v if v is None else v.strftime("%Y-%m-%d %H:%M") for v in xs], y=ys,
            fill="toself", line=dict(width=0), hoverinfo="skip", showlegend=False, meta="tail",
            fillgradient=dict(type="horizontal", colorscale=fade if before else [[0, fade[1][1]], [1, fade[0][1]]])))
    return tails
