"""Cached views of the event table for the dashboard: the filter choices and the figures.

``st.cache_data`` hashes every argument on every call.  An event table of 100,000 rows
with list columns is no cheap key (Streamlit falls back to pickling it), so each cached
function here takes the table's ``table_digest`` (computed once per table object) and
the filter state as its key, and the frame itself as an unhashed ``_`` argument that the
key fully determines.  Returning to a view seen before (clearing a filter, switching the
grouping back) is then a cache hit.
"""

from __future__ import annotations

import hashlib
import threading
import weakref

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from timeline import charts, ui_data
from timeline.filters import Filters

_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}
_DIGESTS_LOCK = threading.Lock()


def content_digest(df: pd.DataFrame) -> str:
    """A digest of every value of the table (its Arrow buffers): equal tables, equal digests."""
    arrow = pa.Table.from_pandas(df, preserve_index=False)
    h = hashlib.blake2b(digest_size=16)
    h.update(arrow.schema.to_string().encode())
    for column in arrow.columns:
        for chunk in column.chunks:
            h.update(f"{chunk.offset}:{len(chunk)}".encode())
            for buf in chunk.buffers():
                h.update(b"-" if buf is None else buf)
    return h.hexdigest()


def table_digest(df: pd.DataFrame) -> str:
    """``content_digest`` of this table object, computed on its first use only (the app
    reads the same table object on every rerun until the store changes)."""
    with _DIGESTS_LOCK:
        known = _DIGESTS.get(id(df))
    if known and known[0]() is df:
        return known[1]
    digest = content_digest(df)
    with _DIGESTS_LOCK:
        for key in [k for k, (ref, _) in _DIGESTS.items() if ref() is None]:
            del _DIGESTS[key]
        _DIGESTS[id(df)] = (weakref.ref(df), digest)
    return digest


@st.cache_data(show_spinner=False, max_entries=8)
def facets(digest: str, _table: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The filter choices of the table with this digest (once per store load)."""
    return ui_data.facets(_table)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_figure(digest: str, filters: Filters, group_by: str, _view: pd.DataFrame) -> go.Figure:
    """charts.timeline_figure of ``_view``: the rows ``filters`` keep of the table ``digest``."""
    return charts.timeline_figure(_view, group_by)


@st.cache_data(show_spinner=False, max_entries=64)
def map_figure(digest: str, filters: Filters, _view: pd.DataFrame) -> go.Figure:
    """charts.map_figure of ``_view``: the rows ``filters`` keep of the table ``digest``."""
    return charts.map_figure(_view)
