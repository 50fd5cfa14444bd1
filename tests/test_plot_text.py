"""plot_text.py is the one place where article-derived text is made safe for Plotly
(issue 14, reproduction 1): a hostile title, actor, place or summary arrives escaped in
every figure builder (timeline, heatmap, map), wherever plotly would draw it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import figure_strings

from timeline.table import build_event_table
from timeline.ui import charts, heatmap, maps, plot_text

EVIL_LINK = '<a href="https://evil.example/login">Session expired - log in again</a>'
EVIL_TAGS = ("<a ", "<a>", "<script", "<img", "<b>x", "<i>y")
UI = Path(plot_text.__file__).parent


def _assert_nothing_live(fig) -> list[str]:
    strings = figure_strings(fig.to_plotly_json())
    live = [s for s in strings if any(tag in s for tag in EVIL_TAGS) or "evil.example" in s and "<a" in s]
    assert not live, live[:3]
    return strings


def _hostile(ui_table, n: int = 1) -> pd.DataFrame:
    """The Kunduz event with a hostile title, actor, place and summary (n copies, one a day)."""
    base = ui_table.iloc[0].to_dict()
    rows = []
    for i in range(n):
        when = pd.Timestamp("2021-10-01") + pd.Timedelta(days=i % 60)
        rows.append(base | {"event_id": f"evil:{i}", "article_id": "evil", "title": EVIL_LINK,
                            "summary": "<script>alert(1)</script> <b>x</b>", "actors": ["<i>y</i>"],
                            "actor_ids": ["evil"], "locations": ['<img src=x onerror="alert(1)">'],
                            "date_explanation": "<a>explained</a>", "date_start": when, "date_end": when})
    return build_event_table(rows)


@pytest.mark.parametrize("group_by", ["article", "actor", "location"])
def test_plot_text_timeline_lane_names_and_hover_arrive_escaped(ui_table, group_by):
    fig = charts.timeline_figure(_hostile(ui_table), group_by=group_by)
    strings = _assert_nothing_live(fig)
    if group_by == "article":  # the reproduction: the title was a live <a> in ticktext
        assert fig.layout.yaxis.ticktext[0] == plot_text.plot_safe(charts.lane_ticks([EVIL_LINK])[0])  # cut
        assert any("&lt;a href=&#34;https://evil.example/login&#34;&gt;" in s for s in strings)
    assert any("&lt;script&gt;" in s for s in strings)  # the summary, in the hover


def test_plot_text_why_a_mention_is_off_the_timeline_arrives_escaped(ui_table):
    # a hollow mark's hover leads with the note; a one-sided date adds a tail (no text of its own)
    off = _hostile(ui_table, 2).assign(on_timeline=False, timeline_note=EVIL_LINK,
                                       date_start=[pd.NaT, pd.Timestamp("2021-10-02")])
    fig = charts.timeline_figure(off, group_by="article")
    strings = _assert_nothing_live(fig)
    assert any("Off the timeline: &lt;a href=" in s for s in strings)
    assert [t for t in fig.data if t.meta == "tail"]


@pytest.mark.parametrize("group_by", ["article", "actor", "location"])
def test_plot_text_heatmap_lane_names_arrive_escaped(ui_table, group_by):
    fig = charts.timeline_figure(_hostile(ui_table, 30), group_by=group_by, aggregate_above=10)
    assert fig.layout.meta["kind"] == "aggregated"
    _assert_nothing_live(fig)
    _assert_nothing_live(heatmap.heatmap_figure(_hostile(ui_table, 3), group_by))


def test_plot_text_map_place_and_summary_arrive_escaped(ui_table):
    fig = maps.map_figure(_hostile(ui_table, 3))
    strings = _assert_nothing_live(fig)
    assert any("&lt;img src=x" in s for s in strings)


def test_plot_text_is_the_one_place_that_escapes():
    """Figure modules never escape on their own (one place to get right)."""
    for name in ("charts.py", "heatmap.py", "maps.py", "lanes.py", "marks.py", "mark_traces.py"):
        assert not re.search(r"^import html|html\.escape", (UI / name).read_text(), re.M), name


@pytest.mark.parametrize("text", [EVIL_LINK, "a & b", "<br>", '"quoted"', "%{customdata[0]}"])
def test_plot_text_plot_safe_leaves_no_tag(text):
    safe = plot_text.plot_safe(text)
    assert "<" not in safe and ">" not in safe
    assert plot_text.wrap_html(text).replace("<br>", "").count("<") == 0


@pytest.mark.parametrize("text", ['"We hear gunshots," said Denise Walker', "Afghanistan's Shia clerics", "a & b <c>"])
def test_plot_text_plot_safe_writes_only_entities_plotly_decodes(text):
    # Plotly decodes numeric entities and a few named ones; '&quot;' showed as itself in hovers and lane names
    safe = plot_text.plot_safe(text)
    assert set(re.findall(r"&([a-zA-Z]+);", safe)) <= {"amp", "lt", "gt"}, safe
    decoded = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), safe)
    assert decoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text
