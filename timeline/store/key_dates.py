"""Key dates of a collection: the days a journalist's timeline of the story would carry (issue 16).

``key_dates(table, top)`` takes an event table of mentions (the store's rows), goes to the event level
(``merge.event_level`` of the timeline events), keeps the events dated to a day (a span of at
most ``MAX_SPAN_DAYS`` days counts on its first day: "on Saturday and Sunday" is a key date on
the Saturday) and ranks the days by the weight of what happened on them: the sum over their
events of ``salience × n_sources`` (an event reported by three articles counts three times),
then by the number of distinct events and of independent sources.  An event known only to a
month, a year or as "on or before" a day marks no key date.  The app and
``python -m timeline key-dates`` share it.
"""

from __future__ import annotations

import pandas as pd

from timeline.events.merge import event_level

MAX_SPAN_DAYS = 3
COLUMNS = ("day", "score", "events", "sources", "lead", "lead_event_id", "event_ids")


def key_dates(table: pd.DataFrame, top: int | None = 10, level: str = "mentions") -> pd.DataFrame:
    """The ``top`` key dates (all with None), best first: day, score, events (distinct events),
    sources (distinct articles), lead (the summary of the day's most salient event), its id,
    and the ids of all the day's events.  ``level="events"``: ``table`` is already one row per
    event (``merge.event_level``), as the app's default view is."""
    if table.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    events = table[table["on_timeline"].to_numpy(dtype=bool)]
    if level != "events":
        events = event_level(events)
    start, end = events["date_start"], events["date_end"]
    dated = events[start.notna() & end.notna() & ((end - start).dt.days < MAX_SPAN_DAYS)]
    if dated.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    dated = dated.assign(day=dated["date_start"].dt.normalize(), weight=dated["salience"] * dated["n_sources"])
    by = dated.groupby("day", sort=False)
    days = pd.DataFrame({"score": by["weight"].sum().round(4), "events": by.size()})
    days = days.sort_values(["score", "events"], ascending=False, kind="stable")
    days = days.head(top) if top else days  # the rest is only worked out for the days shown
    shown = dated[dated["day"].isin(days.index)]
    best = shown.sort_values("salience", ascending=False, kind="stable").drop_duplicates("day").set_index("day")
    sources = shown[["day", "sources"]].explode("sources").drop_duplicates().groupby("day").size()
    ids = shown.groupby("day")["cluster_id"].agg(list)
    out = pd.DataFrame({
        "day": [d.date() for d in days.index], "score": days["score"].to_numpy(), "events": days["events"].to_numpy(),
        "sources": sources.reindex(days.index).fillna(0).astype(int).to_numpy(),
        "lead": best["summary"].reindex(days.index).to_numpy(), "lead_event_id": best["cluster_id"].reindex(days.index).to_numpy(),
        "event_ids": ids.reindex(days.index).to_numpy()}, columns=list(COLUMNS))
    out = out.sort_values(["score", "events", "sources", "day"], ascending=[False, False, False, True], kind="stable")
    return out.reset_index(drop=True)
