"""The dashboard's events section: the filtered events as a table, a page at a time, and
the selected event's sentence and provenance next to the map.

A store of 100,000 events is not sent to the browser on every rerun: the table holds
``ui_render.PAGE_SIZE`` rows with a page selector, the event picker offers that page's
events, and the CSV/JSON downloads give every filtered row.  Clicking a row, or a mark on
the timeline, selects the event (on its page); the page starts again at 1 when the filters
change.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from timeline.ui.provenance import PROVENANCE_CSS, event_mentions, provenance_html
from timeline.ui.render import (
    PAGE_SIZE,
    event_details_html,
    event_listing,
    event_option_labels,
    page_bounds,
    page_caption,
    page_count,
    when_labels,
)

PAGE_KEY = "event_page"
JUMP_KEY = "_jump_to_event"  # set by a click on a timeline mark: select it, on its page


def _select_row(ids: list[str]) -> None:
    rows = st.session_state["event_rows"].selection.rows
    if rows:
        st.session_state["event"] = ids[rows[0]]


def select_clicked_mark(chart_key: str) -> None:
    """Callback of the timeline chart: the clicked mark's event becomes the selected one; a click
    on a bin of the overview strip sets the date filter to its period."""
    from timeline.ui.charts import clicked_event
    from timeline.ui.overview import clicked_period

    state = st.session_state.get(chart_key)
    points = state.selection.points if state is not None else []
    event_id = clicked_event(points)
    if event_id is not None:
        st.session_state[JUMP_KEY] = event_id
    if period := clicked_period(points):
        st.session_state["f_from"], st.session_state["f_to"] = (date.fromisoformat(day) for day in period)


def _page(n_rows: int, view_key: object, slot, view: pd.DataFrame) -> int:
    """The page the user picked (1 when the filters changed, the clicked event's page after
    a click on the timeline); a selector only when there is more than one page."""
    pages = page_count(n_rows)
    if st.session_state.get("_page_view") != view_key:
        st.session_state["_page_view"] = view_key
        st.session_state[PAGE_KEY] = 1
    jump = st.session_state.pop(JUMP_KEY, None)
    if jump is not None:
        at = np.flatnonzero(view["event_id"].to_numpy() == jump)
        if len(at):
            st.session_state[PAGE_KEY] = int(at[0]) // PAGE_SIZE + 1
            st.session_state["event"] = jump
    if pages == 1:
        return 1
    st.session_state[PAGE_KEY] = min(max(int(st.session_state.get(PAGE_KEY, 1)), 1), pages)
    return int(slot.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=PAGE_KEY))


def events_section(view: pd.DataFrame, view_key: object, correct=None, titles: dict[str, str] | None = None):
    """Table page, picker and details of the selected event; returns the column beside
    the details.  ``view_key`` identifies the filtered view (page reset);
    ``correct(row, rows)`` draws the correction form under the details; ``titles``: article id
    -> title, the sources' names."""
    head, pick = st.columns([3, 1], vertical_alignment="bottom")
    head.subheader("Events")
    first, stop = page_bounds(len(view), _page(len(view), view_key, pick, view))
    rows = view.iloc[first:stop]
    ids = rows["event_id"].tolist()
    when = when_labels(rows)
    if len(view) > PAGE_SIZE:
        st.caption(page_caption(first, stop, len(view)))
    st.dataframe(
        event_listing(rows, when),
        hide_index=True,
        column_config={"From": st.column_config.DateColumn(
            format="D MMM YYYY", help="The first day the event may be on, or the day an 'on or before' date "
            "bounds; click the column's name to sort the events by date")},
        key="event_rows",
        on_select=partial(_select_row, ids),
        selection_mode="single-row",
        height=min(400, 38 + 35 * max(len(rows), 1)),
    )
    detail, side = st.columns([3, 2], gap="large")
    with detail:
        st.markdown("**Selected event** — click a mark on the timeline, a row above, or pick one here")
        if ids:
            if st.session_state.get("event") not in ids:
                st.session_state["event"] = ids[0]
            labels = event_option_labels(rows, when)
            chosen = st.selectbox(
                "Event", ids, key="event", label_visibility="collapsed", format_func=labels.get
            )
            row = rows.iloc[ids.index(chosen)]
            st.markdown(event_details_html(row, titles), unsafe_allow_html=True)  # escaped pieces
            if correct is not None:
                correct(row, rows)
        else:
            st.caption("No event matches the filters.")
    return side


def shared_event(view: pd.DataFrame) -> str | None:
    """The selected event, for the URL; None when it is the one a link opens on anyway (the table's
    first) or none is selected."""
    selected = st.session_state.get("event")
    if not selected or view.empty or selected == view["event_id"].iloc[0]:
        return None
    return str(selected)


def provenance_panel(table: pd.DataFrame, view: pd.DataFrame) -> None:
    """The selected event's provenance: every article of ``table`` (all mentions, whatever the
    filters) that reports it, with the sentences that mention it and how each was dated."""
    st.markdown("**Provenance** — every article that reports the selected event, the sentences that mention "
                "it and how each was dated")
    rows = view[view["event_id"] == st.session_state.get("event")]
    if rows.empty:
        st.caption("No event selected.")
        return
    st.markdown(PROVENANCE_CSS, unsafe_allow_html=True)  # our own stylesheet, no article text
    row = rows.iloc[0]
    st.markdown(provenance_html(event_mentions(table, row), row["event_id"]), unsafe_allow_html=True)  # escaped
