"""Pure functions: an event table (timeline.table schema) -> a plotly Figure.

Never imports streamlit (DESIGN.md principle 10).  How an event is drawn follows from
what is known of its date, never from a guess:

- ``bar``: an interval of days (or one day of a coarser grain): a bar from the first day
  to the day after the last, so "August 2021" is a month-long bar, never a fake day;
- ``point``: a single day: a marker in the middle of that day;
- ``open_end`` / ``open_start``: only one side is known: a triangle at the known side,
  pointing to the open one ("on or after 9 Oct 2021");
- ``undated``: not drawn (the app lists these events apart).

Every piece of article text (hover, tick text, trace names) goes through
``plot_text.plot_safe``: article text is untrusted and plotly renders some tags.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.ui.heatmap import heatmap_figure
from timeline.ui.label_spots import labels
from timeline.ui.lanes import event_shapes, first_known_day, lanes
from timeline.ui.mark_traces import shape_legend, trace
from timeline.ui.marks import MARK_PX, PLOT_WIDTH_PX, edge_of_day, open_tails, spread_days
from timeline.ui.overview import (
    AXIS_PX,
    OVERVIEW_PX,
    overview_axes,
    overview_bins,
    overview_title,
    overview_traces,
)
from timeline.ui.plot_dates import iso_minute, iso_second
from timeline.ui.plot_text import each_distinct, empty_figure, new_figure, plot_safe, plot_safe_all, wrap_html
from timeline.ui.text_width import fit_px, text_px
from timeline.ui.view_range import (
    DAY_MS,
    articles_focus,
    axis_of,
    axis_range,
    day_ticks,
    extent,
    in_view,
    lanes_in_view,
    leaves_out,
    opening_range,
)

DAY = pd.Timedelta(days=1)
PALETTE = (
    "#1f5fa8",
    "#d1495b",
    "#2e933c",
    "#edae49",
    "#7b4fa0",
    "#00798c",
    "#e07a1f",
    "#6c757d",
    "#a0522d",
    "#c2185b",
)
STACK_SLOTS, STACK_STEP = 5, 0.16  # marks starting the same day in one lane spread over 5 rows
LANE_HEIGHT_PX = 56  # a lane's height: room for labels beside and above its marks (marks.LANE_PX)
GREY = "#8a8f98"  # the "(no actor)" and "(other …)" lanes
LEADER_COLOUR = "#9aa0a8"  # a leader line from a label to its mark
AGGREGATE_ABOVE = 2_000  # dated events; beyond this the timeline counts events per lane and time bin


def _day(ts) -> str:
    return f"{ts.day} {ts:%b %Y}"


@lru_cache(maxsize=1 << 16)  # labels repeat across views and reruns; a pure function of its arguments
def date_label(start, end, precision: str = "day") -> str:
    """A human label of an event's date that shows its precision ("Aug 2021", "2014",
    "9 Oct 2021 – 10 Oct 2021", "on or after 9 Oct 2021", "undated")."""
    has_start, has_end = not pd.isna(start), not pd.isna(end)
    if not has_start and not has_end:
        return "undated"
    if not has_end:
        start = pd.Timestamp(start)
        if precision == "year" and (start.month, start.day) == (1, 1):
            return f"from {start:%Y} on"  # 'attacks since its emergence in 2014'
        if precision == "month" and start.day == 1:
            return f"from {start:%b %Y} on"
        return f"on or after {_day(start)}"
    if not has_start:
        return f"on or before {_day(pd.Timestamp(end))}"
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return _day(start)
    if precision == "month" and start.day == 1 and (end + DAY).day == 1 and start.month == end.month:
        return f"{start:%b %Y}"
    if precision == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start:%Y}" if start.year == end.year else f"{start:%Y}–{end:%Y}"
    label = f"{_day(start)} – {_day(end)}"
    return label if precision in ("day", "time", "unknown", "") else f"{label} ({precision})"


def undated_events(df: pd.DataFrame) -> pd.DataFrame:
    """The events that cannot be placed on the calendar (listed apart, never drawn)."""
    return df[df["date_start"].isna() & df["date_end"].isna()]


def _spread(lane: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Offsets from the lane's middle that spread the marks of one lane and key over up to
    ``STACK_SLOTS`` rows ``STACK_STEP`` apart."""
    group = pd.DataFrame({"lane": lane, "key": key}).groupby(["lane", "key"], sort=False)
    rank = group.cumcount().to_numpy()
    slots = np.minimum(rank + group.cumcount(ascending=False).to_numpy() + 1, STACK_SLOTS)
    return ((rank % slots) - (slots - 1) / 2) * STACK_STEP


SLOTS = np.array([0, -1, 1, -2, 2]) * STACK_STEP  # a one-sided mark's rows, the lane's middle first


def _stack(rows: pd.DataFrame, order: list[str]) -> pd.Series:
    """Numeric y: the lane's index, spread a little where marks meet.  Days and bars that start
    on the same day share the lane's rows (``_spread``); the one-sided marks on one edge of a day
    ("on or before 8 Oct" and "on or after 9 Oct" both stand on it, ``marks.edge_of_day``) take
    the rows nearest the middle that no bar across that edge and no mark of the two days
    beside it holds (or, past free rows, the others in turn)."""
    lane, shape = rows["lane"].to_numpy(dtype=object), rows["shape"].to_numpy()
    start = rows["date_start"].fillna(rows["date_end"]).to_numpy()
    edge = edge_of_day(rows).to_numpy()
    one_sided = ~np.isnat(edge)
    others = np.flatnonzero(~one_sided)
    offset = np.zeros(len(rows))
    offset[others] = _spread(lane[others], start[others])
    reach = np.where(shape == "bar", rows["date_end"].to_numpy() + DAY, start + DAY)[others]  # a point: its day
    sided = np.flatnonzero(one_sided)
    for (name, at), members in pd.DataFrame({"lane": lane[sided], "edge": edge[sided]}).groupby(
            ["lane", "edge"], sort=False).indices.items():
        near = offset[others[(lane[others] == name) & (start[others] <= at) & (reach >= at)]]
        held = np.array([bool(np.any(np.abs(near - s) < STACK_STEP * 0.99)) for s in SLOTS])
        picks = np.concatenate([SLOTS[~held], SLOTS[held]])
        offset[sided[members]] = picks[np.arange(len(members)) % len(picks)]
    position = {name: i for i, name in enumerate(order)}
    return pd.Series(np.array([position[n] for n in lane], dtype=float) + offset, index=rows.index)


def _hover(rows: pd.DataFrame) -> np.ndarray:
    """customdata, one row per mark: summary, date label, precision, explanation (led, for a
    mention off the timeline, by why it is off), lane, number of sources (every piece of
    article text HTML-escaped), and the event id."""
    summary = rows["summary"].fillna("").astype(object)
    explained = each_distinct(rows["date_explanation"], wrap_html)
    if rows["off"].any():
        why = each_distinct(rows["timeline_note"].fillna(""), wrap_html)
        explained = np.where(rows["off"].to_numpy(), "<i>Off the timeline: " + why + "</i><br>" + explained, explained)
    keys = list(
        zip(rows["date_start"].tolist(), rows["date_end"].tolist(), rows["precision"].tolist(), strict=True)
    )
    labels = {k: plot_safe(date_label(*k)) for k in set(keys)}
    n = rows["n_sources"].to_numpy()
    columns = [
        each_distinct(summary.where(summary != "", rows["trigger"].astype(object)), wrap_html),
        np.array([labels[k] for k in keys], dtype=object),
        each_distinct(rows["precision"], plot_safe),
        explained,
        each_distinct(rows["lane"], plot_safe),
        np.char.add(n.astype(str), np.where(n != 1, " sources", " source")).astype(object),
        rows["event_id"].astype(str).to_numpy(dtype=object),  # not shown: what a click selects
    ]
    return np.column_stack(columns)


EVENT_ID_COLUMN = 6  # customdata column of a per-event mark that holds its event id


def clicked_event(points: list[dict]) -> str | None:
    """The event id of the first clicked per-event mark (a Streamlit Plotly selection's
    ``points``), or None: heatmap cells and marks without an id select nothing."""
    for point in points or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) > EVENT_ID_COLUMN and data[EVENT_ID_COLUMN]:
            return str(data[EVENT_ID_COLUMN])
    return None


def _mark_columns(rows: pd.DataFrame, marker_x: pd.Series) -> dict[str, np.ndarray]:
    """What every mark needs, computed once on whole columns: y, hover, a bar's base day
    and width (ms), a marker's x (``marks.spread_days``: within its day)."""
    start, end = rows["date_start"], rows["date_end"]
    return {
        "y": rows["y"].to_numpy(),
        "hover": _hover(rows),
        "base": start.dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
        "width": ((end + DAY - start).dt.total_seconds() * 1000).to_numpy(),
        "x": marker_x.dt.strftime("%Y-%m-%d %H:%M").to_numpy(dtype=object),
    }


# Tick labels at the grain of the data: days, months or years, never clock hours for day dates.
TICK_FORMATS = [
    dict(dtickrange=[None, DAY_MS], value="%d %b %Y"),  # zoomed inside a day: the day, not 12:00
    dict(dtickrange=[DAY_MS, 7 * DAY_MS], value="%d %b"),
    dict(dtickrange=[7 * DAY_MS, "M1"], value="%d %b"),
    dict(dtickrange=["M1", "M12"], value="%b %Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


def outside_note(fig: go.Figure) -> str | None:
    """What the opening view leaves out and how to see it (None when it shows every mark)."""
    meta = fig.layout.meta
    if not isinstance(meta, dict) or not meta.get("outside"):
        return None
    if meta.get("filtered"):
        return (f"{meta['outside']:,} event mark(s) the date filter keeps lie outside its range: dates known on "
                "one side only (on or before, or on or after, a day beyond it). Widen From / To to see them.")
    shows = "the articles you just added" if meta.get("added") else "where most events are"
    return (f"{meta['outside']:,} event mark(s) lie outside the opening view, which shows {shows} "
            "(dark in the overview under the chart, which counts the events of every period, empty stretches "
            "cut out: ⋯). Click a bar of the overview to show its period; double-click the chart to see all.")


def timeline_figure(
    df: pd.DataFrame, group_by: str = "actor", max_lanes: int = 12, aggregate_above: int = AGGREGATE_ABOVE,
    date_from=None, date_to=None, show_articles: tuple[str, ...] = (), width_px: int | None = None,
    colour_order: tuple[str, ...] = (),
) -> go.Figure:
    """The timeline: one lane per actor, place or article (busiest first); intervals as
    bars, days as points, one-sided dates as triangles; undated events are left out (see
    undated_events).  When a few events lie years apart, the view opens on the main
    cluster, an overview under the chart counts them all per period (timeline/ui/overview.py),
    and ``outside_note`` says how many the view leaves out; a date filter (``date_from``/``date_to``) sets the axis; the
    view opens on the events of ``show_articles`` (articles just added) when the main cluster leaves them out.
    ``width_px``: the chart's width on the page (measured by the app; None: a narrow page), so
    that the labels of key events take the room the plot has (``plot_width``); ``colour_order``:
    the whole story's lanes, busiest first (``colour_ranking``), so that a lane keeps its colour
    across filters (``lane_colours``).

    With more than ``aggregate_above`` dated events, one mark per event is more than a
    browser draws quickly or a reader tells apart: the figure counts events per lane and
    time bin instead (timeline/ui/heatmap.py; ``aggregated_note`` explains it)."""
    if first_known_day(df).notna().sum() > aggregate_above:
        return heatmap_figure(df, group_by, max_lanes)
    rows, order = lanes(df, group_by, max_lanes)
    if rows.empty:
        return empty_figure(new_figure(), "No dated events to draw for this selection.")
    wanted = axis_range(date_from, date_to, rows)
    focus = None if wanted else opening_range(rows)
    added = bool(focus and show_articles and leaves_out(rows, focus[0], show_articles))
    if added:  # articles just added, outside the main cluster: the view opens on their events
        focus = articles_focus(rows, show_articles)
    shown = wanted or (focus[0] if focus else None)
    if shown and len(order) == max_lanes and order[-1].startswith("(other"):  # the view's lanes first
        rows, order = lanes(df, group_by, max_lanes, in_view(df.assign(shape=event_shapes(df)), shown))
    drawn, order = lanes_in_view(rows, order, shown)
    off = ~drawn["on_timeline"].fillna(True).astype(bool).to_numpy() if "on_timeline" in drawn else False
    drawn = drawn.assign(y=_stack(drawn, order), off=off)  # mentions off the timeline (filters.mentions): hollow
    marker_x = spread_days(drawn)
    fig = _lane_layout(new_figure(), order)
    fig.update_xaxes(range=shown or axis_of(drawn, None))  # the range the labels are placed in (no autorange)
    overview, plot_px = [], plot_width(width_px, order)
    if focus:  # the whole story under the chart, on a broken axis; a click on a bin shows that period
        bins = overview_bins(rows, focus[0])
        height = fig.layout.height + OVERVIEW_PX + AXIS_PX
        fig.update_layout(height=height, **overview_axes(bins, height - 46, plot_px))  # less the margins
        overview = overview_traces(bins)
    meta = {"width_px": width_px, "plot_px": plot_px}  # the width the labels were sized to
    if wanted:  # what a date filter keeps and the range does not show: one-sided dates, their edge beyond it
        one_sided = rows["date_start"].isna() ^ rows["date_end"].isna()
        meta |= {"outside": int((one_sided & ~in_view(rows, wanted)).sum()), "filtered": True}
    elif focus:
        meta |= {"outside": focus[1], "added": added}
    fig.update_layout(meta=meta)
    day_ticks(fig, shown, drawn, plot_px)
    colours = lane_colours(order, colour_order)
    fig.add_traces(open_tails(drawn, extent(drawn, shown), colours) + _traces(drawn, marker_x, order, colours)
                   + shape_legend(bool(drawn["off"].any())) + overview)  # tails under the marks
    fig.update_layout(annotations=_labels(drawn, marker_x, shown, plot_px)
                      + ([overview_title(bins.attrs["unit"])] if focus else []))
    return fig


def lane_colours(order: list[str], ranking: tuple[str, ...] = ()) -> dict[str, str]:
    """The colour of each lane of ``order``: a lane among the first ``len(PALETTE)`` of
    ``ranking`` (the whole story's lanes, busiest first: ``colour_ranking``) keeps the colour of
    its rank whatever the filters show (ISIS was blue in one view and green in the next, as the
    lanes a filter kept were counted again); the others take the colours no ranked lane of the
    view holds, in order; "(no actor)" and "(other …)" lanes are grey."""
    ranked = {lane: PALETTE[k] for k, lane in enumerate(ranking[:len(PALETTE)])}
    held = {ranked[lane] for lane in order if lane in ranked}
    free = iter([c for c in PALETTE if c not in held] or PALETTE)
    colours = {}
    for lane in order:
        if lane.startswith("("):
            colours[lane] = GREY
        elif lane in ranked:
            colours[lane] = ranked[lane]
        else:
            colours[lane] = next(free, PALETTE[len(colours) % len(PALETTE)])
    return colours


def colour_ranking(events: pd.DataFrame, group_by: str) -> tuple[str, ...]:
    """The lanes of the whole story (``events``: the unfiltered events), busiest first: the
    order their colours are given in (``lane_colours``)."""
    _, order = lanes(events, group_by, len(PALETTE) + 1)
    return tuple(lane for lane in order if not lane.startswith("("))


def plot_width(width_px: int | None, order: list[str]) -> float:
    """The plot's width in pixels on a chart ``width_px`` wide: less the margins and the lane
    names on its left (estimated a little wide: a label placed on a narrower plot than the real one
    has more room around it, never less).  None: ``marks.PLOT_WIDTH_PX``, a 900 px page's plot."""
    if not width_px:
        return PLOT_WIDTH_PX
    names = max((text_px(name, 12) for name in lane_ticks(order)), default=0.0)  # the tick font: 12 px
    return max(PLOT_WIDTH_PX, width_px - 20 - names - 12)


LANE_NAME_PX = 190  # the most a lane's name takes left of the plot: article titles ate half of a 900 px chart


def lane_ticks(order: list[str]) -> list[str]:
    """The lanes' names as drawn left of the plot (not escaped): each cut at a word boundary to
    ``LANE_NAME_PX`` with "…" (an article's title); the full name is in the hover of its marks."""
    return [fit_px(name, LANE_NAME_PX, 12) for name in order]


def _traces(rows: pd.DataFrame, marker_x: pd.Series, order: list[str], colours: dict[str, str]) -> list[dict]:
    """The marks, one trace per lane, shape and kind (on or off the timeline), in lane order."""
    marks = _mark_columns(rows, marker_x)  # once for all marks: an event's texts are wrapped once, not per lane
    groups = rows.groupby(["lane", "shape", "off"], sort=True).indices  # positions of each lane's marks by shape
    return [trace(marks, at, lane, shape, colours[lane], off) for lane in order
            for (g, shape, off), at in groups.items() if g == lane]


def _lane_layout(fig: go.Figure, order: list[str]) -> go.Figure:
    """The timeline's layout: a lane per name of ``order`` (escaped), the first on top, dates across."""
    fig.update_layout(
        barmode="overlay",
        hovermode="closest",
        bargap=0,
        height=max(260, 110 + LANE_HEIGHT_PX * len(order)),
        margin=dict(l=10, r=10, t=36, b=10),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", font=dict(size=12)),
        xaxis=dict(type="date", title=None, showgrid=True, tickformatstops=TICK_FORMATS,
                   hoverformat="%d %b %Y"),
        yaxis=dict(tickmode="array", tickvals=list(range(len(order))), ticktext=plot_safe_all(lane_ticks(order)),
                   autorange="reversed", title=None, showgrid=False, zeroline=False, range=None),
    )
    return fig


def _labels(rows: pd.DataFrame, marker_x: pd.Series, shown: list[str] | None, plot_px: float) -> list[dict]:
    """The text labels of the most important events (``label_spots.labels``: never overlapping),
    as annotations: drawn in the chart, not in the overview strip; a label a row or two away from
    its mark is tied to it by a thin leader line (the annotation's arrow, without a head)."""
    placed = labels(rows, marker_x, extent(rows, shown), plot_px)
    shapes = dict(zip(rows["event_id"], rows["shape"], strict=True))
    return [_label(spot, text, MARK_PX.get(shapes[spot["event_id"]], 0) / 2) for spot, text in zip(
        placed.to_dict("records"), plot_safe_all(placed["text"]), strict=True)]


def _label(spot: dict, text: str, half: float) -> dict:
    """One label's annotation (``text`` already escaped; ``spot``: a row of ``labels``): beside,
    above or below its mark, shifted in pixels, or, with a leader, at its anchor in the data's
    units (the marks' own), tied to its mark by a line that stops ``half`` + 1 px short of it."""
    right = spot["position"] == "middle right"
    common = dict(x=iso_minute(spot["x"]), y=spot["y"], text=text, xref="x", yref="y",
                  font=dict(size=11), name="label", captureevents=False, xanchor="left" if right else "right")
    if spot["leader"]:
        return dict(common, showarrow=True, ax=iso_second(spot["anchor_x"]), axref="x",
                    ay=spot["anchor_y"], ayref="y", yanchor="middle", arrowhead=0, arrowwidth=1,
                    arrowcolor=LEADER_COLOUR, standoff=half + 1)
    gap = spot["gap"]
    return dict(common, showarrow=False, xshift=gap if right else -gap, yshift=spot["rise"])


def aggregated_note(fig: go.Figure) -> str | None:
    """What an aggregated timeline shows and how to see single events; None for the
    per-event timeline."""
    meta = fig.layout.meta
    if not isinstance(meta, dict) or meta.get("kind") != "aggregated":
        return None
    unit = meta["bin"]
    return (
        f"Aggregated view: {meta['events']:,} dated events are more than {AGGREGATE_ABOVE:,}, too many to "
        f"draw one by one, so each cell counts a lane's events per {unit} (an event counts in the {unit} "
        f"of its first known day, in each of its lanes). Narrow the filters (date range, actors, places, "
        f"articles, search) to {AGGREGATE_ABOVE:,} dated events or fewer to see individual events."
    )
