"""The dashboard's "Correct this event" form (issue 18): the selected event's date, actors,
places and summary, "not an event", "same event as", and the corrections already made with
an Undo each.  Corrections go into the event store (``timeline/store/corrections.py``), with
who, when, the original and the reason; the store's file changes, so every session reloads
it.  A read-only deployment (``TIMELINE_READ_ONLY=1``) shows no form and says why."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from timeline.settings import Settings
from timeline.store.corrections import Correction, CorrectionError
from timeline.store.database import Store, StoreLocked
from timeline.ui.charts import date_label

PRECISIONS = ("day", "week", "month", "season", "quarter", "year", "decade", "century", "unknown")


def _day(ts) -> date | None:
    return None if pd.isna(ts) else pd.Timestamp(ts).date()


def _names(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _write(settings: Settings, action) -> str | None:
    """Run ``action(store)`` on the store opened for writing; an error message, or None."""
    try:
        with Store(settings.db_path) as store:
            action(store)
    except StoreLocked:
        return "The event store is being written by another process (an ingest?): try again when it has finished."
    except CorrectionError as exc:
        return f"Not saved: {exc}."
    return None


def _changes(row, form: dict) -> list[tuple[str, object, object]]:
    """(field, new value, original) for what the form changes."""
    out = []
    start, end, precision = form["start"], form["end"], form["precision"]
    if (start, end, precision) != (_day(row["date_start"]), _day(row["date_end"]), row["precision"]):
        out.append(("date", {"start": start and start.isoformat(), "end": end and end.isoformat(),
                             "precision": precision},
                    date_label(row["date_start"], row["date_end"], row["precision"])))
    for field, column in (("actors", "actors"), ("locations", "locations")):
        if _names(form[field]) != list(row[column]):
            out.append((field, _names(form[field]), list(row[column])))
    if form["summary"].strip() != str(row["summary"]):
        out.append(("summary", form["summary"].strip(), str(row["summary"])))
    if form["hidden"]:
        out.append(("hidden", True, False))
    if form["same_as"]:
        out.append(("cluster", form["same_as"], str(row["cluster_id"])))
    return out


def correction_form(row, settings: Settings, added: set[str], others: dict[str, str]) -> None:
    """The form for the selected event (``row``); ``others``: event id -> label of the events
    it may be merged with; ``added``: the ids of the articles added in this session (not in
    the store)."""
    with st.expander("Correct this event", icon=":material/edit:"):
        if settings.read_only:
            st.caption("This is a read-only deployment: corrections are made in the analysts' own copy of the app.")
            return
        if row["article_id"] in added:
            st.caption("This event comes from an article added in this session: save the article to the store "
                       "before correcting its events.")
            return
        k = f"fix_{row['event_id']}"  # one set of widgets per event: another event starts from its own values
        with st.form(f"correct-{row['event_id']}", clear_on_submit=False, border=False):
            c1, c2, c3 = st.columns(3)
            form = {
                "start": c1.date_input("First day", value=_day(row["date_start"]), format="YYYY-MM-DD",
                                       min_value=date(1, 1, 1), max_value=date(9999, 12, 31), key=f"{k}_start"),
                "end": c2.date_input("Last day", value=_day(row["date_end"]), format="YYYY-MM-DD",
                                     min_value=date(1, 1, 1), max_value=date(9999, 12, 31), key=f"{k}_end"),
                "precision": c3.selectbox("Precision", PRECISIONS, key=f"{k}_precision",
                                          index=PRECISIONS.index(row["precision"])
                                          if row["precision"] in PRECISIONS else len(PRECISIONS) - 1),
                "actors": st.text_input("Actors (comma-separated)", ", ".join(row["actors"]), key=f"{k}_actors"),
                "locations": st.text_input("Places (comma-separated)", ", ".join(row["locations"]), key=f"{k}_places"),
                "summary": st.text_input("Summary", str(row["summary"]), key=f"{k}_summary"),
                "hidden": st.checkbox("Not an event: take it off the timeline", key=f"{k}_hidden"),
                "same_as": st.selectbox("Same event as", [""] + list(others), key=f"{k}_same",
                                        format_func=lambda i: others.get(i, "—")),
            }
            who = st.text_input("Your name", st.session_state.get("analyst", os.environ.get("TIMELINE_USER", "")),
                                key=f"{k}_who")
            reason = st.text_input("Reason (optional)", key=f"{k}_reason")
            saved = st.form_submit_button("Save correction", icon=":material/save:")
        if saved:
            st.session_state["analyst"] = who
            changes = _changes(row, form)
            if not changes:
                st.info("Nothing changed.")
            else:
                error = _write(settings, lambda store: [store.add_correction(Correction(
                    row["article_id"], row["event_id"], f, v, o, row["trigger"], who, reason)) for f, v, o in changes])
                (st.error(error) if error else st.success(f"Saved {len(changes)} correction(s)."))
                if not error:
                    st.rerun()
        _publication_form(row, settings)
        _history(row, settings)


def _reanalyse(store: Store, article_id: str) -> None:
    """Ingest the article again from its file, when the store knows a readable one: its
    corrected publication date re-resolves its relative expressions now."""
    from timeline.store.corpus import CorpusOptions
    from timeline.store.ingest import IngestOptions, ingest

    arts = store.articles()
    path = arts.loc[arts["article_id"] == article_id, "path"]
    if len(path) and path.iloc[0] and Path(path.iloc[0]).is_file():
        ingest([path.iloc[0]], store, IngestOptions(show_progress=False), CorpusOptions())


@st.cache_data(show_spinner=False, max_entries=64)
def _has_file(db_path: str, version: float, article_id: str) -> bool:
    """Whether the store knows a readable file of the article (one pasted and saved has none);
    ``version`` (the file's mtime) renews the cache."""
    try:
        with Store(db_path, read_only=True) as store:
            arts = store.articles()
    except (StoreLocked, OSError):
        return True  # unknown: offer the form, as before
    path = arts.loc[arts["article_id"] == article_id, "path"]
    return bool(len(path) and path.iloc[0] and Path(path.iloc[0]).is_file())


def _publication_form(row, settings: Settings) -> None:
    """The article's publication date: stored as a correction; the article is analysed again
    from its file when the store knows it, else at its next ingest.  An article with no file
    (pasted, then saved) is never ingested again: no form, and the caption says what to do."""
    db = Path(settings.db_path)
    if db.is_file() and not _has_file(str(db), db.stat().st_mtime, row["article_id"]):
        st.caption("Publication date: this article was pasted, and the store keeps no file of it to analyse "
                   "again, so a corrected date would not move its relative dates ('yesterday', 'on Friday'). "
                   "Paste it again with the right date, and mark these events 'Not an event'.")
        return
    with st.form(f"published-{row['article_id']}", border=False):
        day = st.date_input("Publication date of this article", value=_day(row["published"]), format="YYYY-MM-DD",
                            min_value=date(1, 1, 1), max_value=date(9999, 12, 31), key=f"fix_published_{row['article_id']}")
        saved = st.form_submit_button("Save the publication date")
    if saved and day != _day(row["published"]):
        error = _write(settings, lambda store: (store.add_correction(Correction(
            row["article_id"], "", "published", day, str(_day(row["published"])), "",
            st.session_state.get("analyst", ""), "publication date")), _reanalyse(store, row["article_id"])))
        (st.error(error) if error else st.rerun())


@st.cache_data(show_spinner=False, max_entries=4)
def _corrections(db_path: str, version: float) -> pd.DataFrame:
    """The store's corrections; ``version`` (the file's mtime) renews the cache."""
    with Store(db_path, read_only=True) as store:
        return store.corrections()


def _history(row, settings: Settings) -> None:
    """The event's corrections in force, each with an Undo."""
    try:
        rows = _corrections(settings.db_path, Path(settings.db_path).stat().st_mtime)
    except (StoreLocked, OSError):
        return
    rows = rows[(rows["event_id"] == row["event_id"]) & ~rows["undone"].astype(bool)] if not rows.empty else rows
    for cid, field, value, who, at in zip(rows["id"], rows["field"], rows["value"], rows["who"], rows["at"],
                                          strict=True):
        left, right = st.columns([4, 1])
        left.caption(f"{field} → {json.loads(value)} · {who or 'someone'} · {str(at)[:16]}")
        if right.button("Undo", key=f"undo-{cid}"):
            error = _write(settings, lambda store, c=int(cid): store.undo_correction(c))
            (st.error(error) if error else st.rerun())


@st.cache_data(show_spinner=False, max_entries=4)
def orphan_count(db_path: str, digest: str, _table: pd.DataFrame) -> int:
    """How many corrections of the store name events it no longer holds (the text or the
    extractor changed): said on the page, never dropped silently."""
    from timeline.store.corrections import orphans

    if not Path(db_path).is_file():
        return 0
    try:
        with Store(db_path, read_only=True) as store:
            fixes = store.corrections()
    except (StoreLocked, OSError):
        return 0
    return len(orphans(_table, fixes)) if not fixes.empty else 0
