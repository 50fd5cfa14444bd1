"""Pure functions: an event table (timeline.table schema) -> a plotly Figure.

Never imports streamlit (DESIGN.md principle 10).  How an event is drawn follows from
what is known of its date, never from a guess:

- ``bar``: an interval of days (or one day of a coarser grain): a bar from the first day
  to the day after the last, so "August 2021" is a month-long bar, never a fake day;
- ``point``: a single day: a marker in the middle of that day;
- ``open_end`` / ``open_start``: only one side is known: a triangle at the known side,
  pointing to the open one ("on or after 9 Oct 2021");
- ``undated``: not drawn (the app lists these events apart).

Hover text is HTML-escaped: article text is untrusted and plotly renders some tags.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

DAY = pd.Timedelta(days=1)
GROUPS = {"actor": "actors", "location": "locations", "article": "title"}
NO_GROUP = {"actor": "(no actor)", "location": "(no place)", "article": "(untitled)"}
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
SYMBOLS = {"point": "circle", "open_end": "triangle-right", "open_start": "triangle-left"}
SHAPE_LEGEND = {
    "point": "a day",
    "bar": "a span of days (week, month, year…)",
    "open_end": "on or after",
    "open_start": "on or before",
}
STACK_SLOTS, STACK_STEP = 5, 0.16  # marks starting the same day in one lane spread over 5 rows
FOCUS_GAP = pd.Timedelta(days=365)  # events further apart than this from the main cluster


def _day(ts) -> str:
    return f"{ts.day} {ts:%b %Y}"


def date_label(start, end, precision: str = "day") -> str:
    """A human label of an event's date that shows its precision ("Aug 2021", "2014",
    "9 Oct 2021 – 10 Oct 2021", "on or after 9 Oct 2021", "undated")."""
    has_start, has_end = not pd.isna(start), not pd.isna(end)
    if not has_start and not has_end:
        return "undated"
    if not has_end:
        return f"on or after {_day(pd.Timestamp(start))}"
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


def event_shape(start, end) -> str:
    """How an event with this date interval is drawn: bar, point, open_end, open_start, undated."""
    has_start, has_end = not pd.isna(start), not pd.isna(end)
    if has_start and has_end:
        return "point" if pd.Timestamp(start) == pd.Timestamp(end) else "bar"
    if has_start:
        return "open_end"
    return "open_start" if has_end else "undated"


def undated_events(df: pd.DataFrame) -> pd.DataFrame:
    """The events that cannot be placed on the calendar (listed apart, never drawn)."""
    return df[df["date_start"].isna() & df["date_end"].isna()]


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) or "–"


def _lane_names(df: pd.DataFrame, group_by: str) -> pd.Series:
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(GROUPS)}, got {group_by!r}")
    if group_by == "article":
        titles = df["title"].where(df["title"] != "", df["article_id"])
        return titles.map(lambda v: [v or NO_GROUP[group_by]])
    return df[GROUPS[group_by]].map(lambda v: list(v) or [NO_GROUP[group_by]])


def _lanes(df: pd.DataFrame, group_by: str, max_lanes: int) -> tuple[pd.DataFrame, list[str]]:
    """One row per (event, lane): an event with two actors shows in both actors' lanes.
    The busiest lanes first; beyond ``max_lanes`` the rest share one "(other)" lane."""
    out = df.assign(lane=_lane_names(df, group_by)).explode("lane")
    out["shape"] = [event_shape(s, e) for s, e in zip(out["date_start"], out["date_end"], strict=True)]
    out = out[out["shape"] != "undated"]
    counts = out["lane"].value_counts(sort=False)
    order = sorted(counts.index, key=lambda lane: (lane == NO_GROUP[group_by], -counts[lane], lane.lower()))
    if len(order) > max_lanes:
        other = f"(other {group_by}s)"
        order = order[: max_lanes - 1]
        out.loc[~out["lane"].isin(order), "lane"] = other
        out = out.drop_duplicates(["event_id", "lane"])
        order.append(other)
    return out, order


def _stack(rows: pd.DataFrame, order: list[str]) -> pd.Series:
    """Numeric y: the lane's index, spread a little when marks start on the same day."""
    key = rows["date_start"].fillna(rows["date_end"])
    group = rows.groupby([rows["lane"], key], sort=False)
    rank = group.cumcount()
    size = rank + group.cumcount(ascending=False) + 1
    slots = size.clip(upper=STACK_SLOTS)
    offset = ((rank % slots) - (slots - 1) / 2) * STACK_STEP
    return rows["lane"].map(order.index) + offset


def _focus(rows: pd.DataFrame) -> tuple[list[str], int] | None:
    """The x range of the main cluster of events when a few lie far apart (e.g. a 2014
    background event in a 2021 story), and how many marks fall outside it; else None."""
    spans = sorted(
        zip(
            rows["date_start"].fillna(rows["date_end"]),
            rows["date_end"].fillna(rows["date_start"]),
            strict=True,
        )
    )
    clusters, current, reach = [], [spans[0]], spans[0][1]
    for first, last in spans[1:]:
        if first - reach > FOCUS_GAP:
            clusters.append(current)
            current = []
        current.append((first, last))
        reach = max(reach, last)
    clusters.append(current)
    if len(clusters) == 1:
        return None
    main = max(clusters, key=len)
    lo, hi = min(f for f, _ in main), max(last for _, last in main) + DAY
    pad = max(3 * DAY, (hi - lo) * 0.05)
    return [(lo - pad).strftime("%Y-%m-%d"), (hi + pad).strftime("%Y-%m-%d")], len(spans) - len(main)


def _hover(rows: pd.DataFrame) -> list[list[str]]:
    return [
        [
            _wrap(r.summary or r.trigger),
            html.escape(date_label(r.date_start, r.date_end, r.precision)),
            html.escape(r.precision),
            _wrap(r.date_explanation),
            html.escape(str(r.lane)),
            f"{r.n_sources} source{'s' if r.n_sources != 1 else ''}",
        ]
        for r in rows.itertuples()
    ]


HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]} <i>(precision: %{customdata[2]})</i>"
    "<br>%{customdata[3]}<br>%{customdata[5]}<extra>%{customdata[4]}</extra>"
)


def _trace(rows: pd.DataFrame, shape: str, colour: str, y: pd.Series):
    common = dict(
        y=y,
        name=str(rows["lane"].iloc[0]),
        showlegend=False,
        meta=shape,
        customdata=_hover(rows),
        hovertemplate=HOVER,
    )
    if shape == "bar":
        width_ms = (rows["date_end"] + DAY - rows["date_start"]).dt.total_seconds() * 1000
        return go.Bar(
            base=rows["date_start"].dt.strftime("%Y-%m-%d"),
            x=width_ms,
            orientation="h",
            width=STACK_STEP * 0.9,
            marker=dict(color=colour, opacity=0.8, line=dict(color=colour, width=1)),
            **common,
        )
    x = {
        "point": rows["date_start"] + DAY / 2,
        "open_end": rows["date_start"],
        "open_start": rows["date_end"] + DAY,
    }
    return go.Scatter(
        x=x[shape].dt.strftime("%Y-%m-%d %H:%M"),
        mode="markers",
        marker=dict(
            color=colour,
            size=12 if shape == "point" else 15,
            symbol=SYMBOLS[shape],
            line=dict(color="white", width=1),
        ),
        **common,
    )


def _shape_legend(fig: go.Figure) -> None:
    """Legend entries that explain the marks (not the lanes, which the y axis names)."""
    for shape, label in SHAPE_LEGEND.items():
        if shape == "bar":
            fig.add_trace(
                go.Bar(
                    x=[None],
                    y=[None],
                    name=label,
                    marker_color="#888888",
                    meta="legend",
                    orientation="h",
                    hoverinfo="skip",
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    name=label,
                    mode="markers",
                    meta="legend",
                    marker=dict(color="#888888", size=11, symbol=SYMBOLS[shape]),
                    hoverinfo="skip",
                )
            )


def timeline_figure(df: pd.DataFrame, group_by: str = "actor", max_lanes: int = 12) -> go.Figure:
    """The timeline: one lane per actor, place or article (busiest first); intervals as
    bars, days as points, one-sided dates as triangles; undated events are left out (see
    undated_events).  When a few events lie years apart, the view opens on the main
    cluster and says how many are outside it (double-click shows all)."""
    rows, order = _lanes(df, group_by, max_lanes)
    fig = go.Figure()
    if rows.empty:
        return _empty(fig, "No dated events to draw for this selection.")
    rows = rows.assign(y=_stack(rows, order))
    for i, lane in enumerate(order):
        colour = PALETTE[i % len(PALETTE)] if not lane.startswith("(") else "#8a8f98"
        for shape, part in rows[rows["lane"] == lane].groupby("shape", sort=True):
            fig.add_trace(_trace(part, shape, colour, part["y"]))
    _shape_legend(fig)
    fig.update_layout(
        template="plotly_white",
        barmode="overlay",
        hovermode="closest",
        bargap=0,
        height=max(260, 110 + 44 * len(order)),
        margin=dict(l=10, r=10, t=36, b=10),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", font=dict(size=12)),
        xaxis=dict(type="date", title=None, showgrid=True),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(len(order))),
            ticktext=order,
            autorange="reversed",
            title=None,
            showgrid=False,
            zeroline=False,
            range=None,
        ),
    )
    focus = _focus(rows)
    if focus:
        fig.update_xaxes(range=focus[0])
        fig.add_annotation(
            text=f"{focus[1]} event mark(s) outside this view – double-click the chart to see all",
            xref="paper",
            yref="paper",
            x=1,
            y=1.0,
            yanchor="bottom",
            xanchor="right",
            showarrow=False,
            font=dict(size=11, color="#8a5a00"),
        )
    return fig


def map_figure(df: pd.DataFrame) -> go.Figure:
    """Geocoded events on a world map, one bubble per place (size = number of events).

    Uses plotly ``scattergeo`` at 110m resolution: the app serves that topojson itself
    (plot config ``topojsonURL``) so the map works offline."""
    geo = df.dropna(subset=["lat", "lon"])
    fig = go.Figure()
    if geo.empty:
        return _empty(fig, "No geocoded events in this selection.")
    places = geo.assign(place=geo["locations"].map(lambda v: v[0] if len(v) else "?"))
    grouped = places.groupby(["place", "lat", "lon"], sort=True)
    rows = [
        (name, lat, lon, len(g), "<br>".join(_wrap(s, 60) for s in g["summary"].head(5)))
        for (name, lat, lon), g in grouped
    ]
    fig.add_trace(
        go.Scattergeo(
            lat=[r[1] for r in rows],
            lon=[r[2] for r in rows],
            text=[html.escape(r[0]) for r in rows],
            customdata=[[r[3], r[4]] for r in rows],
            mode="markers",
            marker=dict(
                size=[8 + 5 * min(r[3], 25) ** 0.5 for r in rows],
                color="#d1495b",
                opacity=0.8,
                line=dict(color="white", width=1),
            ),
            hovertemplate="<b>%{text}</b> – %{customdata[0]} event(s)<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_geos(
        resolution=110,
        scope="world",
        projection_type="natural earth",
        fitbounds="locations",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#f2efe9",
        showocean=True,
        oceancolor="#e8f1fa",
    )
    fig.update_layout(height=330, margin=dict(l=0, r=0, t=0, b=0), showlegend=False)
    return fig


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font=dict(size=15, color="#666666"),
    )
    fig.update_layout(
        template="plotly_white", height=220, xaxis=dict(visible=False), yaxis=dict(visible=False)
    )
    return fig
