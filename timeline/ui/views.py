"""Cached views of the event table for the dashboard: the filter choices and the figures.

``st.cache_data`` hashes every argument on every call.  An event table of 100,000 rows
with list columns is no cheap key (Streamlit falls back to pickling it), so each cached
function here takes the table's ``ui_data.table_digest`` (computed once per table object) and
the filter state as its key, and the frame itself as an unhashed ``_`` argument that the
key fully determines.  Returning to a view seen before (clearing a filter, switching the
grouping back) is then a cache hit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.store.filters import Filters
from timeline.store.filters import view as filtered_view
from timeline.ui import charts, maps
from timeline.ui import data as ui_data
from timeline.ui.story import article_titles


@st.cache_data(show_spinner=False, max_entries=8)
def facets(digest: str, _table: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The filter choices of the table with this digest (once per store load)."""
    return ui_data.facets(_table)


@st.cache_data(show_spinner=False, max_entries=8)
def titles(digest: str, _table: pd.DataFrame) -> dict[str, str]:
    """article id -> title of the table ``digest``'s articles (the selected event's sources by name)."""
    return {a: t for a, (t, _url) in article_titles(_table).items() if t}


@st.cache_data(show_spinner=False, max_entries=16)
def colour_order(digest: str, group_by: str, _table: pd.DataFrame) -> tuple[str, ...]:
    """charts.colour_ranking of the table ``digest``'s events, unfiltered: the lanes' colours."""
    return charts.colour_ranking(filtered_view(_table, Filters()), group_by)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_figure(digest: str, filters: Filters, group_by: str, _view: pd.DataFrame,
                    added: tuple[str, ...] = (), width_px: int | None = None,
                    colours: tuple[str, ...] = ()) -> go.Figure:
    """charts.timeline_figure of ``_view``: the rows ``filters`` keep of the table ``digest``;
    ``added``: the ids of the articles added in this session (always in the opening view);
    ``width_px``: the chart's width on the page (``chart_width``), which the labels are sized to;
    ``colours``: ``colour_order`` of the table, so that a lane keeps its colour across filters."""
    return charts.timeline_figure(_view, group_by, date_from=filters.date_from, date_to=filters.date_to,
                                  show_articles=added, width_px=width_px, colour_order=colours)


@st.cache_data(show_spinner=False, max_entries=64)
def map_figure(digest: str, filters: Filters, _view: pd.DataFrame, width_px: int | None = None) -> go.Figure:
    """maps.map_figure of ``_view``: the rows ``filters`` keep of the table ``digest``, ``width_px`` wide."""
    return maps.map_figure(_view, width_px)
