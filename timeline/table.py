"""The event table: one documented pandas schema, in one place.

Every producer (the in-process pipeline, the ingest, the DuckDB store, the Dask path)
and every consumer (the app, the charts, the exports) goes through ``EVENT_SCHEMA``.
Dates are ``datetime64[s]`` at midnight (real dates, day grain); an unknown side is NaT.
List columns hold Python lists of strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from timeline.models import Article, Event


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # pandas dtype; "list" = object column of list[str]
    meaning: str


EVENT_SCHEMA: tuple[Column, ...] = (
    Column("event_id", "string", "Unique id of the event mention: '<article_id>:<trigger offset>'."),
    Column("cluster_id", "string", "Id of the merged event: mentions of one event across articles share it."),
    Column("n_sources", "int64", "Number of distinct articles reporting the merged event."),
    Column("sources", "list", "Article ids reporting the merged event."),
    Column("n_mentions", "int64", "Number of mentions of the merged event (in the rows shown: at the event level, the mentions it unites)."),
    Column("date_conflict", "string", "At the event level: the differing readings of the event's date when its mentions disagree ('' when they agree)."),
    Column("article_id", "string", "Id of the article the mention comes from (kept from ingest)."),
    Column("title", "string", "Article title."),
    Column("source", "string", "Publisher / source of the article."),
    Column("url", "string", "Article URL, if known."),
    Column("published", "datetime64[s]", "Publication date of the article; NaT when unknown."),
    Column("sentence_index", "int64", "Index of the sentence in the article (0-based)."),
    Column("sentence_start", "int64", "Character offset of the sentence in the article text."),
    Column("sentence_end", "int64", "End offset (exclusive) of the sentence."),
    Column("sentence", "string", "The source sentence (untrusted text: escape before rendering)."),
    Column("trigger", "string", "The word that expresses the event (e.g. 'bombing', 'meet')."),
    Column("trigger_start", "int64", "Character offset of the trigger in the article text."),
    Column("trigger_end", "int64", "End offset (exclusive) of the trigger."),
    Column("lemma", "string", "Lemma of the trigger (e.g. 'withdraw')."),
    Column("summary", "string", "Short who-did-what summary of the event."),
    Column("date_start", "datetime64[s]", "First day the event may have happened; NaT = open."),
    Column("date_end", "datetime64[s]", "Last day the event may have happened; NaT = open."),
    Column("precision", "string", "Grain of the date: time, day, week, month, season, quarter, half, year, decade, century, unknown."),
    Column("date_source", "string", "Where the date comes from: timex, publication, context or none."),
    Column("date_text", "string", "The temporal expression that dates the event, if any."),
    Column("date_char_start", "Int64", "Offset of that expression in the article text (NA if none)."),
    Column("date_char_end", "Int64", "End offset of that expression (NA if none)."),
    Column("date_value", "string", "TIMEX3 value of that expression (e.g. 2021-08, P20Y)."),
    Column("date_explanation", "string", "One sentence: how the date was resolved."),
    Column("event_time", "string", "The date as a TimeBank-EventTime label (e.g. before2021-10-09)."),
    Column("polarity", "string", "positive, or negative: the text says it did not or will not happen ('will not work')."),
    Column("modality", "string", "asserted, future ('will attack') or possible ('could attack', 'may', 'must')."),
    Column("event_class", "string", "Class of the event: violence, casualties, incident, disaster, justice, politics, diplomacy, decision, economy, movement, speech, or '' (other)."),
    Column("on_timeline", "bool", "True for a timeline event (what happened, stated as fact); False for a mention kept off the timeline (see timeline_note)."),
    Column("timeline_note", "string", "Why a mention is off the timeline (a speech act, a stance, negated, hypothetical, a fragment ...); '' for a timeline event."),
    Column("salience", "float64", "How much the event matters in its article, in [0, 1]: class, position, own date, named participants, repetition."),
    Column("rank", "int64", "Rank of the event in its article: 1 = the lead event (what the article reports)."),
    Column("corrected", "bool", "True when an analyst corrected the event (timeline/store/corrections.py)."),
    Column("correction_note", "string", "What the correction changed: the original values and who corrected it."),
    Column("actors", "list", "Canonical actor names (aliases merged)."),
    Column("actor_ids", "list", "Canonical actor ids (e.g. 'isis')."),
    Column("agent_ids", "list", "Ids of the actors who act in the event (its subject, a 'by' agent, the possessor "
                                "of an event noun); the others are patients or otherwise involved."),
    Column("descriptions", "list", "The event's arguments that are definite descriptions its article does not "
                                   "resolve ('the plane'), as 'role:noun' ('agent:plane'): the store resolves them "
                                   "across the collection (events/kinds.py) into actor_ids."),
    Column("locations", "list", "Canonical place names."),
    Column("location_ids", "list", "Canonical place ids."),
    Column("lat", "float64", "Latitude of the first geocoded place (NaN if none)."),
    Column("lon", "float64", "Longitude of the first geocoded place (NaN if none)."),
)

COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_SCHEMA)
LIST_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_SCHEMA if c.dtype == "list")
DATE_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_SCHEMA if c.dtype.startswith("datetime"))


def _day(d) -> pd.Timestamp | None:
    return None if d is None else pd.Timestamp(d)


def event_row(event: Event, article: Article) -> dict:
    """One event as a row dict of the schema (cluster columns default to itself)."""
    first_place = next((p for p in event.places if p.lat is not None), None)
    return {
        "event_id": event.event_id,
        "cluster_id": event.event_id,
        "n_sources": 1,
        "sources": [article.id],
        "n_mentions": 1,
        "date_conflict": "",
        "article_id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": _day(article.published),
        "sentence_index": event.sentence_index,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
        "sentence": event.sentence,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "lemma": event.lemma,
        "summary": event.summary,
        "date_start": _day(event.date_start),
        "date_end": _day(event.date_end),
        "precision": event.precision,
        "date_source": event.date_source,
        "date_text": event.date_text,
        "date_char_start": event.date_char_start,
        "date_char_end": event.date_char_end,
        "date_value": event.date_value,
        "date_explanation": event.date_explanation,
        "event_time": event.event_time,
        "polarity": event.polarity,
        "modality": event.modality,
        "event_class": event.event_class,
        "on_timeline": event.on_timeline,
        "timeline_note": event.timeline_note,
        "salience": event.salience,
        "rank": event.rank,
        "corrected": False,
        "correction_note": "",
        "actors": [a.name for a in event.actors],
        "actor_ids": [a.id for a in event.actors],
        "agent_ids": list(event.agent_ids),
        "descriptions": list(event.descriptions),
        "locations": [p.name for p in event.places],
        "location_ids": [p.id for p in event.places],
        "lat": first_place.lat if first_place else float("nan"),
        "lon": first_place.lon if first_place else float("nan"),
    }


# The value of a column a frame lacks (rows made before the column existed, hand-made rows).
DEFAULTS = {"n_sources": 1, "n_mentions": 1, "rank": 0, "salience": 0.0, "on_timeline": True, "corrected": False}


def coerce(df: pd.DataFrame) -> pd.DataFrame:
    """Give a frame exactly the schema's columns, order and dtypes."""
    out = pd.DataFrame(index=df.index)
    for col in EVENT_SCHEMA:
        s = df[col.name] if col.name in df.columns else pd.Series([None] * len(df), index=df.index)
        if col.name in DEFAULTS:
            s = s.astype(object).where(s.notna(), DEFAULTS[col.name])
        if col.dtype == "list":
            out[col.name] = s.map(_as_list).astype(object)
        elif col.dtype.startswith("datetime"):
            out[col.name] = pd.to_datetime(s).astype(col.dtype)
        elif col.dtype == "bool":
            out[col.name] = s.astype(bool)
        elif col.dtype == "string":
            out[col.name] = s.astype("string").fillna("")
        else:
            out[col.name] = s.astype(col.dtype)
    return out.reset_index(drop=True)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, float) and value != value:  # NaN
        return []
    return [str(v) for v in value]


def empty_table() -> pd.DataFrame:
    return coerce(pd.DataFrame(columns=list(COLUMNS)))


def build_event_table(rows: Iterable[dict]) -> pd.DataFrame:
    """Rows (``event_row`` dicts) -> the typed event table, in article and sentence order."""
    df = pd.DataFrame(list(rows))
    if df.empty:
        return empty_table()
    df = coerce(df)
    return df.sort_values(["article_id", "sentence_index", "trigger_start"], kind="stable").reset_index(drop=True)


def schema_markdown() -> str:
    """The schema as a Markdown table (README and the app's help)."""
    lines = ["| column | dtype | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{c.name}` | {c.dtype} | {c.meaning} |" for c in EVENT_SCHEMA]
    return "\n".join(lines)
