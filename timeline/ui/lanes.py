"""Which lane of the timeline each event is drawn in, and with which shape: shared by the
per-event chart (timeline/ui/charts.py) and the aggregated one (timeline/ui/heatmap.py).

Vectorised (pandas), no Python loop over rows: the dashboard runs this on every change
of the filters, on stores of 100,000 events.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GROUPS = {"actor": "actors", "location": "locations", "article": "title"}
NO_GROUP = {"actor": "(no actor)", "location": "(no place)", "article": "(untitled)"}


# An interval that only bounds an event's day (precision "unknown": "on or after 14 Mar 2022,
# and by the publication date") longer than this is drawn as "on or after" its start: a bar of
# two years would read as an event that lasted two years.  The table and the hover keep both ends.
LONG_BOUND = pd.Timedelta(days=31)


def event_shape(start, end, precision: str | None = None) -> str:
    """How an event with this date interval is drawn: bar, point, open_end, open_start, undated."""
    has_start, has_end = not pd.isna(start), not pd.isna(end)
    if has_start and has_end:
        if pd.Timestamp(start) == pd.Timestamp(end):
            return "point"
        long_bound = precision == "unknown" and pd.Timestamp(end) - pd.Timestamp(start) > LONG_BOUND
        return "open_end" if long_bound else "bar"
    if has_start:
        return "open_end"
    return "open_start" if has_end else "undated"


def event_shapes(df: pd.DataFrame) -> pd.Series:
    """``event_shape`` of every row, computed on whole columns."""
    has_start, has_end = df["date_start"].notna().to_numpy(), df["date_end"].notna().to_numpy()
    same_day = (df["date_start"] == df["date_end"]).fillna(False).to_numpy(dtype=bool)
    long_bound = np.zeros(len(df), dtype=bool)
    if "precision" in df:
        span = (df["date_end"] - df["date_start"]).to_numpy()
        long_bound = (df["precision"] == "unknown").to_numpy() & (span > LONG_BOUND.to_timedelta64()) & has_start & has_end
    shapes = np.select(
        [has_start & has_end & same_day, long_bound, has_start & has_end, has_start, has_end],
        ["point", "open_end", "bar", "open_end", "open_start"],
        default="undated",
    )
    return pd.Series(shapes, index=df.index, dtype=object)


def first_known_day(df: pd.DataFrame) -> pd.Series:
    """The event's first known day: its start, or its end when only the end is known."""
    return df["date_start"].fillna(df["date_end"])


def lane_columns(group_by: str) -> list[str]:
    """The columns that name an event's lanes for this grouping."""
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(GROUPS)}, got {group_by!r}")
    return ["title", "article_id"] if group_by == "article" else [GROUPS[group_by]]


def lane_names(df: pd.DataFrame, group_by: str) -> pd.Series:
    """The lane names of every event, indexed by the event's POSITION in ``df``: an event
    with two actors has two entries; one with none sits in the "(no actor)" lane."""
    lane_columns(group_by)  # validates group_by
    positions = np.arange(len(df))
    if group_by == "article":
        titles = df["title"].where(df["title"] != "", df["article_id"]).astype(object).to_numpy()
        names = pd.Series(titles, index=positions, dtype=object)
        return names.where(names.notna() & (names != ""), NO_GROUP[group_by])
    names = pd.Series(df[GROUPS[group_by]].to_numpy(), index=positions, dtype=object).explode()
    return names.fillna(NO_GROUP[group_by])


def lanes(
    df: pd.DataFrame, group_by: str, max_lanes: int, first: np.ndarray | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """One row per (dated event, lane), with its ``lane`` and ``shape``; and the lanes in
    drawing order, the busiest first.  Beyond ``max_lanes`` the rest share one
    "(other …)" lane, where an event counts once.  Undated events are left out.
    ``first`` (a bool per row of ``df``): rank the lanes by their events among these first (the
    events the chart opens on), then by all: the lanes of the view get their own rows (its "(no actor)"
    lane too), and those with no event in it share the "(other …)" lane."""
    names = lane_names(df, group_by)
    shapes = event_shapes(df).to_numpy()
    names = names[shapes[names.index.to_numpy()] != "undated"]
    at = names.index.to_numpy()
    codes, uniques = pd.factorize(names.to_numpy())
    counts = np.bincount(codes, minlength=len(uniques))
    shown = counts if first is None else np.bincount(codes, weights=np.asarray(first)[at], minlength=len(uniques))
    no_group = NO_GROUP[group_by]
    ranked = sorted(
        range(len(uniques)), key=lambda c: (shown[c] == 0, uniques[c] == no_group, -shown[c], -counts[c], uniques[c].lower())
    )
    order = [uniques[c] for c in ranked]
    if len(order) > max_lanes:
        order = order[: max_lanes - 1] + [f"(other {group_by}s)"]
        rank = np.empty(len(uniques), dtype=np.int64)
        rank[ranked] = np.arange(len(uniques))
        codes = np.minimum(rank[codes], max_lanes - 1)  # codes now index ``order``
        once = ~pd.DataFrame({"at": at, "lane": codes}).duplicated().to_numpy()
        at, codes, uniques = at[once], codes[once], np.array(order, dtype=object)
    rows = df.iloc[at].assign(lane=np.asarray(uniques, dtype=object)[codes], shape=shapes[at])
    return rows, order
