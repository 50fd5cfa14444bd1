"""The analyst's view filters: one frozen value shared by the app (and its URL), the
event store (pushed down into SQL) and the CLI export, so that every path filters alike.

Semantics (one place, tested):
- ``actors``: keep events with at least one of these actor ids (any-of); empty = all (with or
  without an actor); the id ``NONE`` ("(none)") keeps the events with no actor.
- ``role``: ``"any"`` (default) or ``"agent"``: with ``"agent"``, an actor counts only where
  it acts (``agent_ids``: the subject, a 'by' agent, the possessor of an event noun), so
  'Taliban' as agent leaves out 'ISIS attacked the Taliban'.
- ``locations``: keep events with at least one of these place ids (any-of); empty = all;
  ``NONE`` keeps the events with no place.
- ``sources``: keep events whose article id is one of these; empty = all.
- ``date_from`` / ``date_to``: keep events whose interval [date_start, date_end]
  overlaps [date_from, date_to]; an open side of the event counts as unbounded; an
  undated event (both sides open) is kept only when ``include_undated``.
- ``text``: case-insensitive substring of the summary or sentence.
- ``mentions``: also keep the mentions that are not timeline events (``on_timeline`` False:
  speech acts, stances, negated or hypothetical events, fragments); by default only
  timeline events are kept.
- ``level``: ``"events"`` (default) shows one row per merged event (``merge.event_level``
  of the kept mentions: a filter keeps an event when one of its mentions matches);
  ``"mentions"`` shows every kept mention.  Not a row filter: ``view`` applies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.events.entities import canonical_actor
from timeline.events.merge import event_level
from timeline.events.resources import normalise_name

LIST_KEYS = ("actor", "location", "source")
NONE = "(none)"  # the filter choice "(no actor)" / "(no place)": events whose list is empty


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = field(default_factory=tuple)
    locations: tuple[str, ...] = field(default_factory=tuple)
    sources: tuple[str, ...] = field(default_factory=tuple)
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    include_undated: bool = True
    mentions: bool = False
    level: str = "events"  # events | mentions
    role: str = "any"  # any | agent: which actors the actor filter counts

    def is_empty(self) -> bool:
        """No filter at all: every mention is kept (the level aside)."""
        return replace(self, level="events") == Filters(mentions=True)

    def to_query_params(self) -> dict[str, list[str] | str]:
        """URL query parameters reproducing this view (only the non-default ones)."""
        out: dict[str, list[str] | str] = {}
        for key, values in (("actor", self.actors), ("location", self.locations), ("source", self.sources)):
            if values:
                out[key] = list(values)
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.text:
            out["q"] = self.text
        if not self.include_undated:
            out["undated"] = "0"
        if self.mentions:
            out["mentions"] = "1"
        if self.level != "events":
            out["level"] = self.level
        if self.role != "any":
            out["role"] = self.role
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, object]) -> Filters:
        """Parse query parameters; malformed values are ignored rather than fatal."""

        def as_list(key: str) -> tuple[str, ...]:
            value = params.get(key)
            if value is None:
                return ()
            if isinstance(value, str):
                return (value,) if value else ()
            return tuple(str(v) for v in value if str(v))

        def as_date(key: str) -> date | None:
            value = params.get(key)
            if isinstance(value, list | tuple):
                value = value[-1] if value else None
            try:
                return date.fromisoformat(str(value)) if value else None
            except ValueError:
                return None

        text = params.get("q", "")
        if isinstance(text, list | tuple):
            text = text[-1] if text else ""
        def last(key: str, default: str) -> str:
            value = params.get(key, default)
            if isinstance(value, list | tuple):
                value = value[-1] if value else default
            return str(value)

        undated = last("undated", "1")
        return cls(
            actors=as_list("actor"),
            locations=as_list("location"),
            sources=as_list("source"),
            date_from=as_date("from"),
            date_to=as_date("to"),
            text=str(text),
            include_undated=str(undated) != "0",
            mentions=last("mentions", "0") == "1",
            level="mentions" if last("level", "events") == "mentions" else "events",
            role="agent" if last("role", "any") == "agent" else "any",
        )

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)


def actor_choices(df: pd.DataFrame) -> dict[str, str]:
    """The actor box's choices: actor id -> name, the actors of the most events first."""
    ids = df["actor_ids"].explode()
    names = df["actors"].explode()
    pairs = pd.DataFrame({"id": ids.to_numpy(), "name": names.to_numpy()}).dropna()
    if pairs.empty:
        return {}
    order = pairs["id"].value_counts()
    first = pairs.drop_duplicates("id").set_index("id")["name"]
    return {str(i): str(first[i]) for i in order.index}


def find_actor(name: str, choices: dict[str, str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The actor an analyst means by ``name`` among the actor box's ``choices`` (id -> name,
    most events first): the actor of that name or alias (case, 'the', dots and a legal suffix
    aside: ``entities.canonical_actor``), else the actor the store united that name into
    (``aliases``: ``Store.actor_aliases``, 'EADS' -> European Aeronautic Defence and Space), else
    the actor with most events whose whole name ends the given one ('Apple Corps' for 'the
    Beatles' Apple Corps').  None when no actor fits.  A link whose ``actor`` is a name rather
    than an id is opened through it too (``ui.sidebar``)."""
    actor = canonical_actor(name)
    if actor is None:
        return None
    if actor.id in choices:
        return actor.id
    key = normalise_name(name)
    for aid, shown in choices.items():
        if normalise_name(shown) == key:
            return aid
    for alias, aid in (aliases or {}).items():  # a name the actor was known by before the store united it
        if normalise_name(alias) == key and aid in choices:
            return aid
    words = key.split()
    for aid, shown in choices.items():
        tail = normalise_name(shown).split()
        if tail and len(tail) < len(words) and words[-len(tail):] == tail and any(ch.isalpha() for ch in tail[-1]):
            return aid
    return None


def _any_of(series: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Rows whose list holds at least one of ``wanted``: one Arrow membership test over
    all the lists' items at once, no Python work per row."""
    lists = pa.array(series.to_numpy(dtype=object), type=pa.list_(pa.string()))
    hit = pc.is_in(pc.list_flatten(lists), value_set=pa.array(wanted, type=pa.string()))
    rows = pc.list_parent_indices(lists).to_numpy()[hit.to_numpy(zero_copy_only=False)]
    keep = np.zeros(len(series), dtype=bool)
    keep[rows] = True
    return pd.Series(keep, index=series.index)


def _actor_column(filters: Filters) -> str:
    """The list column the actor filter reads: every actor, or only those that act."""
    return "agent_ids" if filters.role == "agent" else "actor_ids"


def apply_filters(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of an event table (timeline.table schema) that the filters keep."""
    if df.empty or filters.is_empty():
        return df
    keep = pd.Series(True, index=df.index)
    if not filters.mentions:
        keep &= df["on_timeline"].to_numpy(dtype=bool)
    for column, wanted in ((_actor_column(filters), filters.actors), ("location_ids", filters.locations)):
        if wanted:
            hit = _any_of(df[column], wanted)
            if NONE in wanted:
                hit |= df[column].map(len).to_numpy() == 0
            keep &= hit
    if filters.sources:
        keep &= df["article_id"].isin(filters.sources)
    undated = df["date_start"].isna() & df["date_end"].isna()
    if filters.date_from or filters.date_to:
        in_range = ~undated
        if filters.date_to:
            in_range &= df["date_start"].isna() | (df["date_start"] <= pd.Timestamp(filters.date_to))
        if filters.date_from:
            in_range &= df["date_end"].isna() | (df["date_end"] >= pd.Timestamp(filters.date_from))
        keep &= in_range | (undated & filters.include_undated)
    elif not filters.include_undated:
        keep &= ~undated
    if filters.text:
        needle = filters.text.lower()
        keep &= df["summary"].str.lower().str.contains(needle, regex=False) | df[
            "sentence"
        ].str.lower().str.contains(needle, regex=False)
    return df[keep]


def where_clause(filters: Filters | None) -> tuple[str, list]:
    """SQL WHERE + parameters with the semantics of ``filters.apply_filters``."""
    if filters is None or filters.is_empty():
        return "TRUE", []
    parts, params = [], []
    if not filters.mentions:
        parts.append("on_timeline IS NOT FALSE")  # NULL: a row stored before the flag existed
    for column, wanted in ((_actor_column(filters), filters.actors), ("location_ids", filters.locations)):
        if wanted:
            none = f" OR len(coalesce({column}, []::VARCHAR[])) = 0" if NONE in wanted else ""
            parts.append(f"(list_has_any({column}, ?::VARCHAR[]){none})")
            params.append(list(wanted))
    if filters.sources:
        parts.append("list_contains(?::VARCHAR[], article_id)")
        params.append(list(filters.sources))
    undated = "(date_start IS NULL AND date_end IS NULL)"
    if filters.date_from or filters.date_to:
        in_range = [f"NOT {undated}"]
        if filters.date_to:
            in_range.append("(date_start IS NULL OR date_start <= ?::DATE)")
            params.append(filters.date_to)
        if filters.date_from:
            in_range.append("(date_end IS NULL OR date_end >= ?::DATE)")
            params.append(filters.date_from)
        keep_undated = f" OR {undated}" if filters.include_undated else ""
        parts.append(f"(({' AND '.join(in_range)}){keep_undated})")
    elif not filters.include_undated:
        parts.append(f"NOT {undated}")
    if filters.text:
        parts.append("(contains(lower(summary), ?) OR contains(lower(sentence), ?))")
        params += [filters.text.lower()] * 2
    return " AND ".join(parts) or "TRUE", params


def view(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """What the analyst sees: the rows the filters keep, at the filters' level: one row per
    merged event by default, the articles in publication order (undated last; pasted articles'
    ids are hashes, which put 20 March before 16 March), each article's events by rank (its lead
    event first); every mention in text order with ``level="mentions"``."""
    kept = apply_filters(df, filters)
    if filters.level != "events":
        return kept
    events = event_level(kept)
    return events.sort_values(["published", "article_id", "rank"], kind="stable",
                              na_position="last").reset_index(drop=True)  # lead event first
