"""An analyst's corrections, kept in the event store and applied on every read (issue 18).

A correction is one row of the ``corrections`` table: the article and the stable key of the
event it corrects (the event id, ``<article id>:<trigger offset>``, and the trigger word, so a
changed text or extractor is noticed), the field, the new value and the original (JSON),
who, when, an optional reason, and whether it was undone.  Fields:

- ``date``: ``{"start": "YYYY-MM-DD"|null, "end": ..., "precision": "day"|...}``;
- ``actors`` / ``locations``: a list of names (actor names go through the alias table, so
  "Daesh" is ISIS);
- ``summary``: the text;
- ``hidden``: ``true`` takes the event off the timeline ("not an event");
- ``cluster``: the id of the event it is merged with (merge), or its own id (split);
- ``published`` (article-level, event key ""): the article's publication date, which the
  next ingest of the article uses, so its relative expressions are resolved again.

Corrections live in their own table: re-ingesting an article, or a new pipeline version,
replaces its events but never its corrections (the time of a correction is the store's own
timestamp of the write, DuckDB's ``get_current_timestamp()``: a record of the edit, never
used to date anything; the package itself never reads the clock), and ``apply`` lays the newest correction of
each (event, field) over the events read from the store; the rows it changed say so in
``corrected`` and ``correction_note`` (the original values).  A correction whose event no
longer exists is an *orphan*: ``orphans`` lists them, never dropped silently.  ``to_csv`` /
``from_csv`` move corrections between stores (``python -m timeline corrections``).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from timeline.events.entities import canonical_actor, canonical_place
from timeline.store.export import safe_csv

FIELDS = ("date", "actors", "locations", "summary", "hidden", "cluster", "published")
COLUMNS = (("id", "BIGINT"), ("article_id", "VARCHAR"), ("event_id", "VARCHAR"), ("trigger", "VARCHAR"),
           ("field", "VARCHAR"), ("value", "VARCHAR"), ("original", "VARCHAR"), ("who", "VARCHAR"),
           ("at", "VARCHAR"), ("reason", "VARCHAR"), ("undone", "BOOLEAN"))
NAMES = tuple(n for n, _ in COLUMNS)


class CorrectionError(ValueError):
    """A correction that cannot be stored: the message says why, in one line."""


def create(con) -> None:
    cols = ", ".join(f'"{n}" {t}' for n, t in COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS corrections ({cols})")


def _day(value) -> str | None:
    if value in (None, "") or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date().isoformat()


def normalise(field: str, value):
    """The value as stored (JSON-ready), checked: a clear error for what cannot be stored."""
    if field not in FIELDS:
        raise CorrectionError(f"unknown field {field!r} (one of {', '.join(FIELDS)})")
    if field == "date":
        start, end = _day(value.get("start")), _day(value.get("end"))
        if start and end and start > end:
            raise CorrectionError(f"the date starts ({start}) after it ends ({end})")
        if not start and not end:
            raise CorrectionError("a corrected date needs a first or a last day")
        return {"start": start, "end": end, "precision": str(value.get("precision") or ("day" if start == end else "unknown"))}
    if field in ("actors", "locations"):
        return [str(v).strip() for v in value if str(v).strip()]
    if field == "summary":
        text = str(value).strip()
        if not text:
            raise CorrectionError("an empty summary")
        return text
    if field == "hidden":
        return bool(value)
    if field == "published":
        day = _day(value)
        if day is None:
            raise CorrectionError("a publication date is needed")
        return day
    return str(value)


@dataclass(frozen=True)
class Correction:
    article_id: str
    event_id: str
    field: str
    value: object
    original: object = None
    trigger: str = ""
    who: str = ""
    reason: str = ""


def add(con, c: Correction) -> int:
    """Store one correction; its id."""
    value = normalise(c.field, c.value)
    (next_id,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM corrections").fetchone()
    # when: the store's own timestamp (UTC) of the write, a record of the edit that never dates anything
    con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                "strftime(timezone('UTC', get_current_timestamp()), '%Y-%m-%dT%H:%M:%SZ'), ?, FALSE)",
                [next_id, c.article_id, c.event_id, c.trigger, c.field, json.dumps(value),
                 json.dumps(c.original, default=str), c.who, c.reason])
    return int(next_id)


def undo(con, correction_id: int) -> bool:
    """Mark a correction undone (kept in the history); whether there was one to undo."""
    found = con.execute("SELECT count(*) FROM corrections WHERE id = ? AND NOT undone", [correction_id]).fetchone()[0]
    con.execute("UPDATE corrections SET undone = TRUE WHERE id = ?", [correction_id])
    return bool(found)


def table(con) -> pd.DataFrame:
    """Every correction, oldest first (an empty frame with the columns when there is none)."""
    names = ", ".join(f'"{n}"' for n in NAMES)
    try:
        return con.execute(f"SELECT {names} FROM corrections ORDER BY id").df()
    except duckdb.CatalogException:  # a store written before corrections, opened read-only
        return pd.DataFrame(columns=list(NAMES))


def live(corrections: pd.DataFrame) -> pd.DataFrame:
    """The corrections in force: not undone, the newest of each (event, field)."""
    if corrections.empty:
        return corrections
    kept = corrections[~corrections["undone"].astype(bool)]
    return kept.sort_values("id").drop_duplicates(["event_id", "field"], keep="last")


def published_overrides(corrections: pd.DataFrame) -> dict[str, date]:
    """article id -> corrected publication date (for the ingest)."""
    rows = live(corrections)
    rows = rows[rows["field"] == "published"] if not rows.empty else rows
    return {a: date.fromisoformat(json.loads(v)) for a, v in zip(rows["article_id"], rows["value"], strict=True)}


def orphans(events: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """The live event corrections whose event is not in ``events`` (nor is its trigger at its offset)."""
    rows = live(corrections)
    if rows.empty:
        return rows
    rows = rows[rows["field"] != "published"]
    known = dict(zip(events["event_id"], events["trigger"], strict=True))
    gone = [e not in known or bool(t and known[e] != t) for e, t in zip(rows["event_id"], rows["trigger"], strict=True)]
    return rows[pd.Series(gone, index=rows.index, dtype=bool)]


def _describe(field: str, original) -> str:
    if field == "date":
        return f"date was {original}" if original else "date corrected"
    if isinstance(original, list):
        return f"{field} were {', '.join(map(str, original)) or 'none'}"
    return f"{field} was {original}"


def apply(events: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """``events`` with the live corrections laid over them; ``corrected`` and
    ``correction_note`` say which rows changed and what they were."""
    rows = live(corrections)
    if rows.empty or events.empty:
        return events
    rows = rows[rows["field"] != "published"]
    at = {e: i for i, e in enumerate(events["event_id"])}
    rows = rows[rows["event_id"].isin(at)]
    if rows.empty:
        return events
    out = events.copy()
    pos = out.columns.get_loc
    notes: dict[int, list[str]] = {}
    for event_id, field, value, original, who in zip(rows["event_id"], rows["field"], rows["value"], rows["original"],
                                                     rows["who"], strict=True):
        i, value = at[event_id], json.loads(value)
        if field == "date":
            out.iat[i, pos("date_start")] = pd.Timestamp(value["start"]) if value["start"] else pd.NaT
            out.iat[i, pos("date_end")] = pd.Timestamp(value["end"]) if value["end"] else pd.NaT
            out.iat[i, pos("precision")] = value["precision"]
            out.iat[i, pos("date_source")] = "corrected"
        elif field == "actors":
            actors = [canonical_actor(v) for v in value]
            out.iat[i, pos("actors")] = [a.name if a else v for a, v in zip(actors, value, strict=True)]
            out.iat[i, pos("actor_ids")] = [a.id if a else v.lower() for a, v in zip(actors, value, strict=True)]
            kept = set(out.iat[i, pos("actor_ids")])  # an actor the analyst removed acts no more
            out.iat[i, pos("agent_ids")] = [a for a in out.iat[i, pos("agent_ids")] if a in kept]
        elif field == "locations":
            places = [canonical_place(v) for v in value]
            out.iat[i, pos("locations")] = [p.name for p in places]
            out.iat[i, pos("location_ids")] = [p.id for p in places]
        elif field == "summary":
            out.iat[i, pos("summary")] = value
        elif field == "hidden":
            out.iat[i, pos("on_timeline")] = not value
            if value:
                out.iat[i, pos("timeline_note")] = f"hidden by {who or 'an analyst'}: not an event"
        elif field == "cluster":
            out.iat[i, pos("cluster_id")] = value
        notes.setdefault(i, []).append(_describe(field, json.loads(original) if original else None)
                                       + (f" (corrected by {who})" if who else ""))
    hidden = rows.loc[(rows["field"] == "hidden") & (rows["value"] == "true"), "event_id"]
    if len(hidden):  # not an event: every mention of it leaves the timeline
        clusters = set(out["cluster_id"].iloc[[at[e] for e in hidden]])
        gone = out["cluster_id"].isin(clusters).to_numpy()
        out.loc[gone, "on_timeline"] = False
        out.loc[gone & (out["timeline_note"] == "").to_numpy(), "timeline_note"] = "hidden by an analyst: not an event"
    for i, note in notes.items():
        out.iat[i, pos("corrected")] = True
        out.iat[i, pos("correction_note")] = "; ".join(note)
    if (rows["field"] == "cluster").any():
        out = _resource(out)
    return out


def _resource(df: pd.DataFrame) -> pd.DataFrame:
    """``sources`` and ``n_sources`` again after merges and splits."""
    sources = df.groupby("cluster_id")["article_id"].agg(lambda s: sorted(set(s)))
    df = df.copy()
    df["sources"] = df["cluster_id"].map(sources)
    df["n_sources"] = df["sources"].map(len).astype("int64")
    df["n_mentions"] = df.groupby("cluster_id")["cluster_id"].transform("size").astype("int64")
    return df


def to_csv(corrections: pd.DataFrame) -> bytes:
    """The corrections as CSV (JSON values in their cells), for a colleague's store; text cells
    neutralised against formula injection like every export (``export.safe_csv``)."""
    return safe_csv(corrections.loc[:, list(NAMES)])


def from_csv(data: bytes, con) -> tuple[int, list[str]]:
    """Add the corrections of a CSV (``to_csv``) to a store: (how many, problems by line)."""
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError) as exc:
        return 0, [f"not a corrections CSV: {exc}"]
    missing = [n for n in ("article_id", "event_id", "field", "value") if n not in frame.columns]
    if missing:
        return 0, [f"not a corrections CSV: no column {', '.join(missing)}"]
    added, problems = 0, []
    for line, row in enumerate(frame.to_dict(orient="records"), start=2):
        if str(row.get("undone", "")).lower() in ("true", "1"):
            continue
        try:
            add(con, Correction(row["article_id"], row["event_id"], row["field"], json.loads(row["value"]),
                                json.loads(row["original"]) if row.get("original") else None,
                                row.get("trigger", ""), row.get("who", ""), row.get("reason", "")))
            added += 1
        except (CorrectionError, json.JSONDecodeError, ValueError) as exc:
            problems.append(f"line {line}: {exc}")
    return added, problems
