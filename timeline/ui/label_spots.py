"""Text labels on the timeline's most important events (issue 17), placed so that an analyst
reads the key events at a glance and no label covers a mark.

Labels are placed in order of importance across the whole chart (``importance``: the events on
the timeline by salience, then by rank within their article); a placed label reserves its box,
so less important labels yield.  A label goes beside its mark (the side with more room first),
else just above or below it, else one label row further up or down with a thin leader line to
its mark; it is kept only when its box, in pixels of the plot (its width measured by the app,
else a conservatively narrow one, ``marks.PLOT_WIDTH_PX``), overlaps no other label and no mark,
tail or bar, and its leader line crosses no mark, bar or label (a leader may cross the faint tail
of a one-sided mark).  At each spot the label runs as far as the free room in its row (to the
next mark, label or the plot's edge; widths from ``text_width.text_px``) and is cut there at a
word boundary (``short``): on a wide
plot the key events read as clauses, not as a few letters.  A label with no such spot is left
out.  Pure pandas/numpy, no streamlit, no plotly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.ui.marks import (
    BAR_THICKNESS,
    DAY,
    LABEL_HEIGHT_PX,
    LABEL_PAD_PX,
    LANE_PX,
    MARK_PX,
    PLOT_WIDTH_PX,
    TAIL_SHARE,
)
from timeline.ui.text_width import text_px

MAX_LABELS, LABEL_CANDIDATES = 10, 300
LABEL_CHARS, MIN_LABEL_CHARS = 72, 12  # a cut label shows at least 12 characters (a whole short one may be less)
LEAD_CHARS = 32  # a label on a leader line takes the nearest spot that shows this much (else the one that shows most)
# words a cut label does not end on ('rejected cooperation with the…' -> 'rejected cooperation…')
DANGLING = frozenset("a an the of to in on at by for from with and or but as into onto over than that "
                     "which who whose its their his her our your this these those".split())
BAR_LABEL_RISE_PX = 16  # a bar's label sits this far above it: clear of the marks of its day in its lane
TAIL_SEEN = 0.5  # the share of a tail, from its mark, no label covers (past it the tail has faded to a tint)
LEADER_DX = 4  # a label on a leader line starts this far beside its mark (px)


def short(text: str, room_px: float) -> str:
    """The label of an event: its summary on one line, whole when it fits in ``room_px`` (and
    ``LABEL_CHARS``), else cut at the last word boundary where it fits with an ellipsis, never
    mid-word, without a dangling 'the', 'of', 'with' or punctuation at the cut; "" when that
    leaves fewer than ``MIN_LABEL_CHARS`` characters.  Widths: ``text_width.text_px``."""
    text = " ".join(str(text).split())
    if len(text) <= LABEL_CHARS and text_px(text) <= room_px:
        return text
    words, label = text[:LABEL_CHARS].split(" ")[:-1], ""  # the last piece may be a cut word
    while words:
        while words and (words[-1].lower().strip(_PUNCT) in DANGLING or not words[-1].strip(_PUNCT)):
            words.pop()
        label = " ".join(words).rstrip(_PUNCT)
        if len(label) < MIN_LABEL_CHARS or text_px(label + "…") <= room_px:
            break
        words.pop()
    return label + "…" if len(label) >= MIN_LABEL_CHARS else ""


_PUNCT = ",;:.-–—'\"“”‘’("


def obstacles(rows: pd.DataFrame, x: pd.Series, lo: pd.Timestamp, px_per_ms: float,
              tails: float = 1.0, plot_px: float = PLOT_WIDTH_PX) -> np.ndarray:
    """The box (x0, x1, y0, y1), in the model's pixels, of every row's mark: a marker's
    square (with the share ``tails`` of its tail nearest the mark, for a one-sided date), a
    bar's span at its thickness."""
    ms = pd.Timedelta(milliseconds=1)
    bar = (rows["shape"] == "bar").to_numpy()
    cx = ((x - lo) / ms).to_numpy(dtype=float) * px_per_ms
    half = rows["shape"].map(MARK_PX).fillna(0).to_numpy(dtype=float) / 2 + 1
    x0, x1 = cx - half, cx + half
    first = ((rows["date_start"] - lo) / ms).to_numpy(dtype=float) * px_per_ms
    after = ((rows["date_end"] + DAY - lo) / ms).to_numpy(dtype=float) * px_per_ms
    x0, x1 = np.where(bar, first, x0), np.where(bar, after, x1)
    tail = TAIL_SHARE * plot_px * tails  # a one-sided mark's tail (``open_tails``) reaches this far
    x0 = np.where(rows["shape"] == "open_start", x0 - tail, x0)
    x1 = np.where(rows["shape"] == "open_end", x1 + tail, x1)
    cy = rows["y"].to_numpy(dtype=float) * LANE_PX
    dy = np.where(bar, BAR_THICKNESS * LANE_PX / 2 + 1, half)
    return np.nan_to_num(np.column_stack([x0, x1, cy - dy, cy + dy]), nan=-1e9)


def _crosses(a: tuple[float, float], b: tuple[float, float], boxes: np.ndarray) -> bool:
    """Whether the segment from ``a`` to ``b`` passes through any of ``boxes`` (x0, x1, y0, y1)
    (Liang-Barsky clipping of the segment to each box at once)."""
    (ax, ay), (dx, dy) = a, (b[0] - a[0], b[1] - a[1])
    lo, hi = np.zeros(len(boxes)), np.ones(len(boxes))
    for p, q0, q1 in ((dx, boxes[:, 0] - ax, boxes[:, 1] - ax), (dy, boxes[:, 2] - ay, boxes[:, 3] - ay)):
        if p == 0:
            inside = (q0 < 0) & (q1 > 0)
            hi = np.where(inside, hi, -1.0)
            continue
        t0, t1 = np.minimum(q0 / p, q1 / p), np.maximum(q0 / p, q1 / p)
        lo, hi = np.maximum(lo, t0), np.minimum(hi, t1)
    return bool(np.any(lo < hi))


def _spots(cx: float, half: float, bar: bool, plot_px: float) -> list[tuple[bool, float, float]]:
    """Where a label may go, best first, as (to the right, x offset from the mark, rise in px):
    beside the mark on the side with more room, on the other side, then just above the mark,
    then just below it (starting or ending over it); a bar's label sits above its start."""
    roomy = plot_px - cx >= cx
    if bar:
        return [(roomy, 2, BAR_LABEL_RISE_PX), (not roomy, 2, BAR_LABEL_RISE_PX)]
    above = half + LABEL_HEIGHT_PX / 2 + 1
    return [(roomy, half + 2, 0), (not roomy, half + 2, 0), (roomy, -half, above), (not roomy, -half, above),
            (roomy, -half, -above), (not roomy, -half, -above)]


def _meet(one: tuple, other: tuple) -> bool:
    """Whether two segments ((x, y), (x, y)) cross (two leader lines drawn as an X)."""
    def side(a, b, c) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    (a, b), (c, d) = one, other
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _far_spots(cx: float, half: float, bar: bool, plot_px: float) -> list[tuple[bool, float, float]]:
    """Where a label may go when no spot of ``_spots`` is free: one label row further up or
    down, else two (about a lane's height: the row of the next lane), starting just beside the
    mark, a little past it, or past the tails of its day; it is drawn with a thin leader line
    to its mark."""
    roomy = plot_px - cx >= cx
    rise = (BAR_LABEL_RISE_PX if bar else half + LABEL_HEIGHT_PX / 2 + 1) + LABEL_HEIGHT_PX + 2
    return [(side, dx, up * far) for far in (rise, rise + LABEL_HEIGHT_PX + 2)
            for dx in (LEADER_DX, half + 3 * LEADER_DX, half + TAIL_SHARE * plot_px)
            for up in (1, -1) for side in (roomy, not roomy)]


def _leader(cx: float, cy: float, half: float, box: tuple[float, float, float, float],
            right: bool) -> tuple[tuple[float, float], tuple[float, float]]:
    """The leader line of a label ``box`` to its mark (at cx, cy, ``half`` its half size), as
    Plotly draws it: from the middle of the label's near end to the mark's edge."""
    end = (box[0] if right else box[1], (box[2] + box[3]) / 2)
    length = max(np.hypot(end[0] - cx, end[1] - cy), 1e-9)
    return (cx + (end[0] - cx) * half / length, cy + (end[1] - cy) * half / length), end


def importance(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows in the order their labels are placed: the events on the timeline before the
    mentions off it (``off``), then by salience (comparable across articles), then by rank (an
    article's lead event first), then as given; at most ``LABEL_CANDIDATES`` of them."""
    salience = rows["salience"].fillna(0.0) if "salience" in rows else pd.Series(0.0, index=rows.index)
    rank = rows["rank"].fillna(np.inf) if "rank" in rows else pd.Series(0.0, index=rows.index)
    off = rows["off"].astype(bool) if "off" in rows else pd.Series(False, index=rows.index)
    key = pd.DataFrame({"off": off, "s": -salience.astype(float), "r": rank.astype(float)}, index=rows.index)
    return rows.loc[key.sort_values(["off", "s", "r"], kind="stable").index[:LABEL_CANDIDATES]]


def labels(rows: pd.DataFrame, x: pd.Series, shown: tuple[pd.Timestamp, pd.Timestamp],
           plot_px: float = PLOT_WIDTH_PX) -> pd.DataFrame:
    """The labels to draw: one row per labelled mark with x, y, text (plain, not yet escaped),
    position ('middle right': the label starts at x; 'middle left': it ends there), gap (its
    x shift in px), rise (its y shift in px), leader (drawn with a leader line to its mark) and
    anchor_x, anchor_y: where a leader's label starts (or ends), in the data's units: on a wider
    plot or taller lane it moves away from its mark as the marks move apart, so that a mark
    between them never comes under the label (a gap in pixels would keep it near its mark).
    Placed in order of importance across the chart (``importance``): a placed label reserves its
    box, so a less important one yields; each event once, inside the shown range.  A label goes
    beside its mark, else just above or below it (``_spots``), else one row further with a leader
    line (``_far_spots``); its box overlaps no other label and no mark, tail or bar (in the model's
    pixels, ``obstacles``; its own mark's tail included) and no leader line crosses a label, mark
    or bar; it stays within the plot (``plot_px`` wide); a label with no such spot is left out."""
    lo, hi = shown
    px_per_ms = plot_px / max((hi - lo) / pd.Timedelta(milliseconds=1), 1.0)
    rows, x = rows.reset_index(drop=True), pd.Series(x.to_numpy(), name="_x")  # an event in two lanes: two rows
    marks = obstacles(rows, x, lo, px_per_ms, TAIL_SEEN, plot_px)
    cores = obstacles(rows, x, lo, px_per_ms, 0.0, plot_px)
    bottom = (float(rows["y"].max()) + 0.5) * LANE_PX
    taken, leaders = np.empty((0, 4)), []  # the placed labels' boxes, their leader lines
    seen: set[str] = set()
    out = []
    for i, r in importance(rows.assign(_x=x)).iterrows():
        if len(out) >= MAX_LABELS:
            break
        at = r["_x"] if not pd.isna(r["_x"]) else max(r["date_start"], lo)  # a bar: its start, or the view's
        if r["event_id"] in seen or pd.isna(at) or not lo <= at <= hi or (
                pd.isna(r["_x"]) and r["date_end"] + DAY <= lo):  # a bar that ends before the view
            continue
        cx, cy = (at - lo) / pd.Timedelta(milliseconds=1) * px_per_ms, float(r["y"]) * LANE_PX
        bar, half = pd.isna(r["_x"]), MARK_PX.get(r["shape"], 0) / 2
        others = marks.copy()
        others[i, 1 if r["shape"] == "open_start" else 0] = cx - half if r["shape"] == "open_start" else cx + half
        if r["shape"] not in ("open_start", "open_end"):
            others = np.delete(others, i, axis=0)  # its own mark; a one-sided mark's own tail stays in the way
        room = (np.vstack([taken, others]), np.vstack([taken, np.delete(cores, i, axis=0)]), leaders, bottom, plot_px)
        text = r["summary"] or r["trigger"]
        best = _best_spot(text, (cx, cy, half), _spots(cx, half, bar, plot_px), room, leader=False) or _best_spot(
            text, (cx, cy, BAR_THICKNESS * LANE_PX / 2 if bar else half), _far_spots(cx, half, bar, plot_px), room, leader=True)
        if best is None:
            continue
        label, box, line, right, dx, rise = best
        taken = np.vstack([taken, box])
        leaders += [line] if line else []
        seen.add(r["event_id"])
        out.append({"x": at, "y": r["y"], "text": label, "position": "middle right" if right else "middle left",
                    "event_id": r["event_id"], "rise": rise, "gap": dx, "leader": line is not None,
                    "anchor_x": at + np.timedelta64(round((dx if right else -dx) / px_per_ms), "ms"),  # not ns
                    "anchor_y": float(r["y"]) - rise / LANE_PX})
    return pd.DataFrame(out, columns=["x", "y", "text", "position", "event_id", "rise", "gap", "leader",
                                      "anchor_x", "anchor_y"])


def _run(x0: float, right: bool, band: tuple[float, float], boxes: np.ndarray, plot_px: float) -> float:
    """How far (px) a label may run from ``x0`` to the right (or left) in the rows ``band``
    (y0, y1) before it meets one of ``boxes`` or the plot's edge; 0 when a box covers ``x0``."""
    near = boxes[(boxes[:, 2] < band[1]) & (boxes[:, 3] > band[0])]
    if np.any((near[:, 0] < x0) & (near[:, 1] > x0)):
        return 0.0
    if right:
        ahead = near[near[:, 0] >= x0, 0]
        return float(min(plot_px, ahead.min() if len(ahead) else plot_px) - x0)
    behind = near[near[:, 1] <= x0, 1]
    return float(x0 - max(0.0, behind.max() if len(behind) else 0.0))


def _best_spot(text: str, mark: tuple[float, float, float], spots: list[tuple[bool, float, float]],
               room: tuple, leader: bool) -> tuple | None:
    """Of ``spots``, the one that shows the most of ``text`` (the first such; with ``leader``, the
    nearest that shows ``LEAD_CHARS`` of it, the shortest leader line) for the mark at (cx, cy, its
    half size): (label text, its box, its leader line (with ``leader``, else None), to the right,
    x offset, rise); None when no spot has room.  At each spot the label runs to the next box in
    its row or the plot's edge (``_run``) and is cut there (``short``).  ``room``: the boxes a
    label may not overlap, those a leader line may not cross (no tails), the placed leader lines
    (a label may not cover one), the plot's bottom, the plot's width."""
    (cx, cy, half), (blocked, solid, leaders, bottom, plot_px) = mark, room
    best = None
    for right, dx, rise in spots:
        band = (cy - rise - LABEL_HEIGHT_PX / 2, cy - rise + LABEL_HEIGHT_PX / 2)
        if band[0] < -LANE_PX / 2 or band[1] > bottom:
            continue
        start = cx + dx if right else cx - dx
        label = short(text, _run(start, right, band, blocked, plot_px) - LABEL_PAD_PX)
        if not label or (best and len(label) <= len(best[0])):
            continue
        width = text_px(label) + LABEL_PAD_PX
        box = (start if right else start - width, start + width if right else start, *band)
        line = _leader(cx, cy, half, box, right) if leader else None
        if (not any(_crosses(*other, np.array([box])) for other in leaders)
                and (line is None or not (_crosses(*line, solid) or any(_meet(line, other) for other in leaders)))):
            best = (label, box, line, right, dx, rise)
            if leader and len(label) >= min(LEAD_CHARS, len(" ".join(str(text).split()))):
                return best  # the nearest spot that shows enough: the shortest leader line
    return best
