"""The timeline's opening view (timeline/ui/view_range.py): no lane is drawn empty."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from timeline.ui import charts, view_range
from timeline.ui.marks import WINDOW_DAYS


def _lanes_with_marks(fig) -> set[str]:
    """The lanes (y tick texts) that hold a mark inside the figure's x range."""
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    held = set()
    for t in fig.data:
        if t.meta in ("legend", "tail", "overview", "overview-hit"):
            continue
        for i, y in enumerate(t.y):
            if t.type == "bar":
                first = pd.Timestamp(t.base[i])
                inside = first < hi and first + pd.Timedelta(milliseconds=t.x[i]) > lo
            else:
                inside = lo <= pd.Timestamp(t.x[i]) <= hi
            if inside:
                held.add(ticks[round(y)])
    return held


def _event(table: pd.DataFrame, event_id: str) -> pd.DataFrame:
    return table[table["event_id"] == event_id]


def test_chart_view_a_lane_with_no_mark_in_the_opening_view_is_left_out(ui_table):
    # twelve marks on 8 Oct 2021 in the ISIS lane; the 2014 event of 'Shia Muslims' lies years away:
    # the view opens on October and had an empty 'Shia Muslims' lane
    day = _event(ui_table, "asumetech:10")  # 8 Oct 2021, ISIS
    many = pd.concat([day] * 12, ignore_index=True).assign(
        event_id=[f"e{i}" for i in range(12)], cluster_id=[f"e{i}" for i in range(12)])
    old = _event(ui_table, "ap-rewrite:40").assign(actors=[["Shia Muslims"]], actor_ids=[["shia"]])
    fig = charts.timeline_figure(pd.concat([many, old], ignore_index=True), group_by="actor")
    assert list(fig.layout.yaxis.ticktext) == ["ISIS"]
    assert charts.outside_note(fig).startswith("1 event mark(s) lie outside the opening view")


def test_chart_view_a_one_sided_mark_beyond_the_date_filter_leaves_no_empty_lane(ui_table):
    # 'on or before 9 Oct' is kept by a filter for 8 Oct (it may be that day) but its mark stands at the
    # end of 9 Oct, outside the range: its lane would be an empty row
    kunduz = _event(ui_table, "asumetech:10")
    before = kunduz.assign(event_id="b", cluster_id="b", date_start=pd.NaT,
                                       date_end=pd.Timestamp("2021-10-09"), actors=[["Shokaria Khanum"]])
    df = pd.concat([kunduz, before], ignore_index=True)
    fig = charts.timeline_figure(df, group_by="actor", date_from=date(2021, 10, 8), date_to=date(2021, 10, 8))
    assert list(fig.layout.yaxis.ticktext) == ["ISIS"]
    assert "1 event mark(s) the date filter keeps lie outside its range" in charts.outside_note(fig)
    # the same mark inside the range keeps its lane
    wide = charts.timeline_figure(df, group_by="actor", date_from=date(2021, 10, 8), date_to=date(2021, 10, 9))
    assert set(wide.layout.yaxis.ticktext) == {"ISIS", "Shokaria Khanum"} and charts.outside_note(wide) is None


@pytest.mark.parametrize("query", [{"actors": ("isis",)}, {"date_from": date(2021, 10, 8), "date_to": date(2021, 10, 8)},
                                   {"actors": ("shia-muslims",)}, {"text": "Taliban"}])
def test_chart_view_every_lane_of_a_filtered_demo_holds_a_mark(demo_table, query):
    from timeline.store.filters import Filters, view

    filters = Filters(**query)
    events = view(demo_table, filters)
    fig = charts.timeline_figure(events, group_by="actor", date_from=filters.date_from, date_to=filters.date_to)
    if fig.layout.xaxis.range is None:
        pytest.skip("the view shows every mark")
    assert set(fig.layout.yaxis.ticktext) == _lanes_with_marks(fig)


def test_chart_view_in_view_reads_a_one_sided_mark_at_its_edge(ui_table):
    rows = ui_table.iloc[[0, 0, 1]].assign(
        shape=["open_start", "open_end", "bar"], date_start=[pd.NaT, pd.Timestamp("2021-10-08"), pd.Timestamp("2021-10-09")],
        date_end=[pd.Timestamp("2021-10-08"), pd.NaT, pd.Timestamp("2021-10-10")])
    # on or before 8 Oct: the end of 8 Oct; on or after 8 Oct: its start; the bar: 9-10 Oct
    assert list(view_range.in_view(rows, ["2021-10-09", "2021-10-12"])) == [True, False, True]
    assert list(view_range.in_view(rows, ["2021-10-10", "2021-10-12"])) == [False, False, True]


def test_chart_view_overview_names_a_bin_by_its_events_grain_and_cuts_out_empty_stretches(ui_table):
    from timeline.ui import overview

    rows = ui_table[ui_table["date_start"].notna()]
    month = rows[rows["event_id"] == "ap-rewrite:30"].assign(event_id="m", date_start=pd.Timestamp("2021-08-01"))
    bins = overview.overview_bins(pd.concat([rows, month], ignore_index=True), ["2021-10-07", "2021-10-11"])
    assert list(bins["name"]) == ["2014", "⋯ 7 yr", "Aug 2021", "⋯ 2 wk", "21 Aug", "⋯ 6 wk", "8 Oct", "9 Oct"]
    assert list(bins["in_view"]) == [False] * 6 + [True, True]
    assert bins.attrs["unit"] == "day" and bins["count"].sum() == 5
    # a click on a bin gives its days; a mark's click (its event id in the 7th column) gives none
    assert overview.clicked_period([{"customdata": ["2021-10-08", "2021-10-08", "8 Oct", 3]}]) == ("2021-10-08", "2021-10-08")
    assert overview.clicked_period([{"customdata": ["s", "d", "p", "e", "l", "n", "id"]}]) is None


@pytest.mark.parametrize("plot_px", [None, 1100, 430, 250])
def test_chart_view_overview_ticks_stay_level_and_apart_on_a_narrow_plot(plot_px):
    # the demo with a 2025 article added, at 900 px: 13 columns in 430 px, and Plotly turned every tick on
    # its side ('2014 ⋯ 7 yr Aug 2021 ...' read downwards); now level, a gap '⋯' alone, every k-th bin named
    from timeline.ui import overview
    from timeline.ui.text_width import text_px

    names = ["2014", "⋯ 7 yr", "Aug 2021", "⋯ 4 wk", "30 Aug", "⋯ 5 wk", "7 Oct", "8 Oct", "9 Oct", "⋯ 2 yr",
             "2024", "⋯ 14 mo", "Mar 2025", "⋯ 5 wk", "12 Apr", "13 Apr", "14 Apr"]
    xs, x = [], 0.0
    for name in names:
        gap = name.startswith("⋯")
        xs.append(x + overview.GAP_WIDTH / 2 - 0.5 if gap else x)
        x += overview.GAP_WIDTH if gap else 1
    bins = pd.DataFrame({"x": xs, "name": names, "count": 1})
    axis = overview.overview_axes(bins, 400, plot_px)["xaxis2"]
    assert axis["tickangle"] == 0
    texts = axis["ticktext"]
    assert texts[0] == "2014" and sum(bool(t) for t in texts) >= 4
    column = (plot_px or 10_000) / (axis["range"][1] - axis["range"][0])
    named = [(x, t) for x, t in zip(xs, texts, strict=True) if t.strip("⋯")]
    for (x0, a), (x1, b) in zip(named, named[1:], strict=False):  # neighbours' widest lines do not meet
        half = (max(map(text_px, a.split("<br>"))) + max(map(text_px, b.split("<br>")))) / 2
        assert (x1 - x0) * column >= half * 0.9 or plot_px is None, (a, b, column)


def _two_stories() -> pd.DataFrame:
    """A store holding two stories (as after pasting a 2024 flood story into the demo store): ten
    actors of October 2021 (two day events each), one with a 'since 2021' (on or after 1 Jan 2021)
    and one with an August bar; six actors of March 2024 (two day events each), and a 2005 bar."""
    from timeline.table import build_event_table

    def row(i, start, end, actor, article, precision="day"):
        summary = f"{actor} acted ({i})"
        return {"event_id": f"{article}:{i}", "cluster_id": f"{article}:{i}", "article_id": article,
                "title": article, "summary": summary, "sentence": summary + ".", "trigger": "acted",
                "sentence_index": i, "sentence_start": 0, "sentence_end": len(summary) + 1,
                "trigger_start": 0, "trigger_end": 1, "date_start": start, "date_end": end,
                "precision": precision, "date_source": "timex", "actors": [actor], "actor_ids": [actor.lower()],
                "salience": 0.5, "rank": i + 1}

    rows = [row(i, date(2021, 10, 6 + i % 5), date(2021, 10, 6 + i % 5), f"Oct{i % 10}", "oct") for i in range(20)]
    rows += [row(20, date(2021, 1, 1), None, "Oct0", "oct", "year"),
             row(21, date(2021, 8, 1), date(2021, 8, 31), "Oct1", "oct", "month")]
    rows += [row(30 + i, date(2024, 3, 15 + i % 6), date(2024, 3, 15 + i % 6), f"River{i % 6}", "flood")
             for i in range(12)]
    rows += [row(50, date(2005, 1, 1), date(2005, 12, 31), "River0", "flood", "year")]
    return build_event_table(rows)


def test_chart_view_two_stories_open_on_the_densest_days_not_a_crammed_year():
    # the main cluster ran from 'since 2021' (1 Jan 2021) to October: the chart opened on ten months,
    # every October mark piled up on the right edge; it opens on those days of October now
    fig = charts.timeline_figure(_two_stories(), group_by="actor", width_px=1200)
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert pd.Timestamp("2021-10-06") < hi - pd.Timedelta(days=1) and lo <= pd.Timestamp("2021-10-06")
    assert hi - lo <= pd.Timedelta(days=WINDOW_DAYS + 2)
    assert charts.outside_note(fig).startswith("15 event mark(s) lie outside")  # 12 of 2024, 2005, Jan, Aug
    assert set(fig.layout.yaxis.ticktext) == {f"Oct{i}" for i in range(10)} == _lanes_with_marks(fig)


def test_chart_view_the_lanes_of_the_view_get_their_own_rows():
    # articles just added (the flood): the view opens on their days, and their six actors had fallen into
    # '(other actors)' (the lanes were the busiest of both stories, October's first)
    fig = charts.timeline_figure(_two_stories(), group_by="actor", show_articles=("flood",), width_px=1200)
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert lo.year == hi.year == 2024
    assert set(fig.layout.yaxis.ticktext) == {f"River{i}" for i in range(6)} == _lanes_with_marks(fig)
