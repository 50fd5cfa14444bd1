"""The dashboard: news articles -> a dated, filterable timeline of events.

Streamlit UI only (DESIGN.md principle 9): widgets and layout here; data access in
timeline/ui/data.py, filters + URL in timeline/ui/sidebar.py, the "Add articles" panel in
timeline/ui/add_panel.py, figures in timeline/ui/charts.py, exports in timeline/store/export.py.
Run: ``python -m streamlit run app.py``.
"""

from __future__ import annotations

import os
import sys
from functools import partial

import streamlit as st

from timeline.settings import app_settings
from timeline.store import export
from timeline.store.filters import view as filtered_view
from timeline.ui import charts
from timeline.ui import data as ui_data
from timeline.ui import views as ui_views
from timeline.ui.add_panel import add_articles_panel, added_articles
from timeline.ui.chart_width import area_key, chart_width
from timeline.ui.correct_panel import correction_form, orphan_count
from timeline.ui.event_panel import events_section, provenance_panel, select_clicked_mark, shared_event
from timeline.ui.render import CSS, DATES_LEGEND, NO_DATE_WARNING, md_escape, off_timeline, when_labels
from timeline.ui.sidebar import sidebar_filters, sync_url
from timeline.ui.story_panel import story_view

# plotly fetches map outlines from here; the app serves them itself (static/), so the map works offline.
PLOT_CONFIG = {"displaylogo": False, "topojsonURL": "app/static/topojson/"}
GROUP_LABELS = {"actor": "Actor", "location": "Location", "article": "Article"}
UNDATED_LISTED = 50  # undated events listed by name under the chart; the downloads hold them all

st.set_page_config(page_title="News timeline", page_icon=":material/timeline:", layout="wide")
st.markdown(CSS, unsafe_allow_html=True)  # our own stylesheet, no article text
settings = app_settings(sys.argv[1:], os.environ, ui_data.secrets())

with st.sidebar:
    st.header("Filters")
    filter_box = st.container()
    st.divider()
    add_articles_panel(settings)

table, articles, origin = ui_data.load_events(settings, added_articles())
added_ids = {a.id for a in added_articles()}
digest = ui_data.table_digest(table)  # the cache key of everything derived from this table
with filter_box:
    filters = sidebar_filters(ui_views.facets(digest, table))
view = filtered_view(table, filters)

# the events the metrics count: at the event level, not the mentions listed off the timeline
counted = view if filters.level == "mentions" else view[~off_timeline(view)]
n_off = len(view) - len(counted)
st.title("News timeline")
st.caption(
    f"{len(articles)} article(s) · {len(table)} mention(s) extracted · "
    f"{len(counted)} {'mention' if filters.level == 'mentions' else 'event'}(s) shown with the current filters"
    f"{f' and {n_off} mention(s) off the timeline' if n_off else ''} · "
    f"source: {origin}. Copy the page URL to share this view."
)

if n_orphans := orphan_count(settings.db_path, digest, table):
    st.warning(f"{n_orphans} correction(s) name events this store no longer holds (their article's text or the "
               "extractor changed): they are kept, and apply again if the event comes back. "
               "`python -m timeline corrections export` lists them.", icon=":material/warning:")

undated_articles = articles[articles["published"].isna()]
if not undated_articles.empty:
    names = ", ".join(
        md_escape(t or i) for i, t in zip(undated_articles["id"], undated_articles["title"], strict=True)
    )
    st.warning(f"**{names}** — {NO_DATE_WARNING}", icon=":material/warning:")

if table.empty:
    st.info(
        "No events were extracted from these articles yet. Add articles in the sidebar, "
        "or check back when the event extractor finds some.",
        icon=":material/info:",
    )

has_start, has_end = counted["date_start"].notna(), counted["date_end"].notna()
n_dated, n_one_side = int((has_start & has_end).sum()), int((has_start ^ has_end).sum())
m1, m2, m3, m4 = st.columns(4)
m1.metric("Mentions shown" if filters.level == "mentions" else "Events shown", len(counted),
          delta=f"+{n_off} mentions off the timeline" if n_off else None, delta_color="off", delta_arrow="off")
m2.metric("Dated", n_dated, delta=f"{n_one_side} one-sided", delta_color="off", delta_arrow="off",
          help="Dated: a day, or a span of days (a week, a month, a year…) that the text gives. One-sided "
               "(not counted as dated): known only to be on or before, or on or after, a day (◀ ▶ on the edge of "
               "that day).")
m3.metric("Undated", len(counted) - n_dated - n_one_side)
m4.metric("In 2+ articles", int((counted["n_sources"] > 1).sum()), help="Events reported by two or more articles")

# --- the timeline and the story ---------------------------------------------------------
chart_tab, story_tab, map_tab = st.tabs(["Timeline", "Story", "Map"])
with chart_tab:
    head, pick = st.columns([3, 1], vertical_alignment="bottom")
    head.caption("Each mark is an event at the grain of its date (◀ ▶: known on one side only, on the edge of "
                 "that day, fading into the unknown side); hover for the sentence, click to select it.")
    group_by = pick.selectbox(
        "Group and colour by", list(GROUP_LABELS), format_func=GROUP_LABELS.get, key="group_by"
    )
    chart_area = st.container()  # filled below: the width probe under it reports first
    width = chart_width()  # the chart's width, reported by the browser: the room its labels have
    with chart_area, st.container(key=area_key(width)):  # hidden until the width is known: drawn once
        timeline = ui_views.timeline_figure(digest, filters, group_by, view, tuple(sorted(added_ids)), width,
                                            ui_views.colour_order(digest, group_by, table))
        st.plotly_chart(timeline, key="timeline_chart", config=PLOT_CONFIG, selection_mode="points",
                        on_select=partial(select_clicked_mark, "timeline_chart"))
        if note := charts.aggregated_note(timeline) or charts.outside_note(timeline):
            st.caption(note)
        undated = charts.undated_events(view)
        if not undated.empty:
            listed = undated.head(UNDATED_LISTED)
            with st.expander(f"{len(undated):,} undated event(s) not drawn: no date in the text, or going on at "
                             "publication with no known start or end"):
                for when, summary in zip(when_labels(listed), listed["summary"], strict=True):
                    st.text(f"• {when} · {summary}")
                if len(undated) > UNDATED_LISTED:
                    st.caption(f"… and {len(undated) - UNDATED_LISTED:,} more: the downloads below list every one.")
with story_tab:
    story_view(table, view, filters, digest)
with map_tab:
    st.caption("Where the events happened: a country named as the place is shaded (darker: more events); cities "
               "and regions are bubbles (bigger: more events), the busiest labelled where a label has room. Hover "
               "for the events.")
    st.plotly_chart(ui_views.map_figure(digest, filters, view, width), key="map_chart", config=PLOT_CONFIG)

# --- events: table page, details, map ----------------------------------------------------
def _correct(row, rows):
    others = {e: s[:80] for e, s in zip(rows["event_id"], rows["summary"], strict=True) if e != row["event_id"]}
    correction_form(row, settings, added_ids, others)


side = events_section(view, (digest, filters), _correct, ui_views.titles(digest, table))
with side:
    provenance_panel(table, view)
sync_url(filters, group_by, int(st.session_state.get("story_page", 1)), shared_event(view))

# --- export and help -----------------------------------------------------------------
st.subheader("Export")
buttons = st.container(horizontal=True)  # each button as wide as its label, wrapping on a narrow page
buttons.download_button(
    "Download CSV",
    partial(export.to_csv, view),  # built when clicked, not on every rerun
    file_name="timeline-events.csv",
    mime="text/csv",
    key="download_csv",
    on_click="ignore",
    icon=":material/download:",
)
buttons.download_button(
    "Download JSON",
    partial(export.to_json, view),
    file_name="timeline-events.json",
    mime="application/json",
    key="download_json",
    on_click="ignore",
    icon=":material/download:",
)
st.caption(
    "Every filtered event (not only the table's page), every column of the event table; list cells joined with “; ”; "
    "cells that a spreadsheet would run as a formula are prefixed with ' (CSV injection)."
)

with st.expander("About the dates", expanded=False):
    st.markdown(DATES_LEGEND)
