"""The dashboard's story tab: the collection's key dates, then the filtered events as cards
in chronological order, a page at a time (``ui/story.py`` builds the escaped HTML)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline.store.filters import Filters
from timeline.store.key_dates import key_dates
from timeline.ui.story import (
    STORY_CSS,
    STORY_PAGE_SIZE,
    article_titles,
    key_dates_html,
    story_html,
    story_page,
)

KEY = "story_page"
KEY_DATES_SHOWN = 5


@st.cache_data(show_spinner=False, max_entries=16)
def _key_dates(digest: str, filters: Filters, _view: pd.DataFrame) -> pd.DataFrame:
    """Key dates of the events the filters keep (``_view``, at the filters' level)."""
    return key_dates(_view, KEY_DATES_SHOWN, level=filters.level)


def story_view(table: pd.DataFrame, view: pd.DataFrame, filters: Filters, digest: str) -> None:
    """Key dates of the filtered collection, then one page of the story (``view``'s rows)."""
    st.markdown(STORY_CSS, unsafe_allow_html=True)  # our own stylesheet, no article text
    days = _key_dates(digest, filters, view)
    if not days.empty:
        st.markdown(key_dates_html(days), unsafe_allow_html=True)  # escaped pieces
    if view.empty:
        st.caption("No event matches the filters.")
        return
    pages = max(1, -(-len(view) // STORY_PAGE_SIZE))
    if st.session_state.get("_story_view") != (digest, filters):  # new filters: back to the first page
        if st.session_state.get("_story_view") is not None:
            st.session_state[KEY] = 1
        st.session_state["_story_view"] = (digest, filters)
    st.session_state[KEY] = min(max(int(st.session_state.get(KEY, 1)), 1), pages)
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Story page (of {pages:,})", min_value=1, max_value=pages, step=1, key=KEY))
    sections, _ = story_page(view, page)
    st.markdown(story_html(sections, article_titles(table)), unsafe_allow_html=True)  # escaped pieces
    st.caption("Events in the order they happened, under their date at its grain; the lead event of each date "
               "first (blue). The URL keeps the page.")
