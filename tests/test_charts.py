"""charts.py: pure DataFrame -> Figure; asserted on fig.data / fig.layout."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from timeline.table import build_event_table, empty_table
from timeline.ui import charts, maps, plot_text

DAY_MS = 86_400_000


def _marks(fig, shape: str) -> list:
    return [t for t in fig.data if t.meta == shape]


def _drawn(fig) -> list:
    """The event marks (not the legend's samples, not the tails of one-sided marks)."""
    return [t for t in fig.data if t.meta not in ("legend", "tail", "overview", "overview-hit")]


def _count(traces) -> int:
    return sum(len(t.y) for t in traces)


def _single(ui_table, event_id: str, **changes) -> pd.DataFrame:
    df = ui_table[ui_table["event_id"] == event_id].copy()
    for col, value in changes.items():
        df[col] = pd.Series([pd.Timestamp(value) if isinstance(value, date) else value], index=df.index)
    return build_event_table(df.to_dict("records"))


def test_charts_intervals_are_bars_and_days_are_points(ui_table):
    fig = charts.timeline_figure(ui_table, group_by="article")
    assert {t.type for t in _marks(fig, "bar")} == {"bar"}
    assert {t.type for t in _marks(fig, "point")} == {"scatter"}
    assert _count(_marks(fig, "bar")) == 3  # Doha 9-10 Oct, late Aug 2021, 2014
    assert _count(_marks(fig, "point")) == 1  # Kunduz, 8 Oct 2021
    assert fig.layout.xaxis.type == "date"


@pytest.mark.parametrize(
    ("event_id", "base", "days"),
    [
        ("ap-rewrite:30", "2021-08-21", 11),
        ("ap-rewrite:40", "2014-01-01", 365),
        ("asumetech:20", "2021-10-09", 2),
    ],
)
def test_charts_bar_covers_every_day_of_its_interval(ui_table, event_id, base, days):
    fig = charts.timeline_figure(_single(ui_table, event_id), group_by="article")
    (bar,) = _drawn(fig)
    assert list(bar.base) == [base]
    assert list(bar.x) == [days * DAY_MS]  # first day to the day after the last


def test_charts_day_point_sits_inside_its_day(ui_table):
    (point,) = _drawn(charts.timeline_figure(_single(ui_table, "asumetech:10"), group_by="article"))
    assert list(point.x) == ["2021-10-08 12:00"]
    assert point.marker.symbol == "circle"


@pytest.mark.parametrize(
    ("start", "end", "shape", "symbol", "x", "fades_to"),
    [
        # a triangle on the edge of the day it names, pointing to the open side, never inside the day
        (date(2021, 10, 9), None, "open_end", "triangle-right", "2021-10-09 00:00", "right"),
        (None, date(2021, 10, 8), "open_start", "triangle-left", "2021-10-09 00:00", "left"),
    ],
)
def test_charts_open_sides_are_triangles_never_invented_days(ui_table, start, end, shape, symbol, x, fades_to):
    df = _single(ui_table, "asumetech:20", date_start=start, date_end=end)
    fig = charts.timeline_figure(df, group_by="article")
    (trace,) = _drawn(fig)
    assert (trace.type, trace.meta, trace.marker.symbol) == ("scatter", shape, symbol)
    assert list(trace.x) == [x]
    assert not _marks(fig, "bar")
    # its tail: a band from that edge into the open side, opaque at the mark, fading out away from it
    (tail,) = _marks(fig, "tail")
    xs = [v for v in tail.x if v is not None]
    assert x in xs and (max(xs) == x if fades_to == "left" else min(xs) == x)
    assert tail.hoverinfo == "skip" and tail.fill == "toself"
    alphas = [float(c.rsplit(",", 1)[1].rstrip(")")) for _, c in tail.fillgradient.colorscale]
    assert (alphas[0] < alphas[-1]) == (fades_to == "left")  # transparent on the open side


def test_charts_a_days_marks_spread_within_it_and_one_sided_marks_stay_on_its_edge(ui_table):
    from timeline.ui import marks

    day = ui_table.iloc[[2]]  # 8 Oct 2021
    rows = pd.concat([day] * 4, ignore_index=True).assign(
        shape=["point", "point", "open_start", "open_end"], y=[0.0, 1.0, 2.0, 3.0],
        date_start=[pd.Timestamp("2021-10-08")] * 2 + [pd.NaT, pd.Timestamp("2021-10-08")],
        date_end=[pd.Timestamp("2021-10-08")] * 3 + [pd.NaT])
    x = marks.spread_days(rows)
    assert pd.Timestamp("2021-10-08") < x[0] < x[1] < pd.Timestamp("2021-10-09")  # points within their day
    assert x[2] == pd.Timestamp("2021-10-09")  # on or before 8 Oct: the end of 8 Oct
    assert x[3] == pd.Timestamp("2021-10-08")  # on or after 8 Oct: its start


def test_charts_undated_events_are_not_drawn_but_listed(ui_table):
    fig = charts.timeline_figure(ui_table, group_by="article")
    assert _count(_drawn(fig)) == 4
    assert charts.undated_events(ui_table)["event_id"].tolist() == ["asumetech:50"]


def test_charts_group_by_actor_puts_an_event_in_each_actors_lane(ui_table):
    fig = charts.timeline_figure(ui_table, group_by="actor")
    lanes = {t.name: _count([t2 for t2 in _drawn(fig) if t2.name == t.name]) for t in _drawn(fig)}
    assert lanes == {"ISIS": 2, "Taliban": 1, "United States": 2}
    assert list(fig.layout.yaxis.ticktext) == ["ISIS", "United States", "Taliban"]  # busiest first


@pytest.mark.parametrize(
    ("group_by", "lanes"),
    [
        ("location", {"Afghanistan", "Kunduz", "Doha"}),
        ("article", {"ap-rewrite", "Taliban rule out cooperation with US on ISIS"}),
    ],
)
def test_charts_group_by_location_or_article(ui_table, group_by, lanes):
    fig = charts.timeline_figure(ui_table, group_by=group_by)
    assert {t.name for t in _drawn(fig)} == lanes  # the full names, in the hover
    ticks = set(fig.layout.yaxis.ticktext)  # a long one cut at a word: 'Taliban rule out cooperation…'
    assert len(ticks) == len(lanes) and all(t in lanes or any(n.startswith(t[:-1]) for n in lanes) for t in ticks)


def test_charts_hover_shows_summary_date_and_explanation(ui_table):
    (point,) = _drawn(charts.timeline_figure(_single(ui_table, "asumetech:10"), group_by="actor"))
    summary, label, precision, explanation, lane, sources, event_id = point.customdata[0]
    assert summary == "Suicide bombing of a Shia mosque in Kunduz"
    assert (label, precision, lane, sources) == ("8 Oct 2021", "day", "ISIS", "2 sources")
    assert event_id == "asumetech:10"  # what a click on the mark selects
    assert "counted from the publication date 9 Oct 2021" in explanation.replace("<br>", " ")
    assert "%{customdata[3]}" in point.hovertemplate


def test_charts_clicked_mark_gives_its_event_and_a_heatmap_cell_nothing(ui_table):
    (point,) = _drawn(charts.timeline_figure(_single(ui_table, "asumetech:10"), group_by="actor"))
    clicked = {"curve_number": 0, "point_index": 0, "customdata": list(point.customdata[0])}
    assert charts.clicked_event([clicked]) == "asumetech:10"
    assert charts.clicked_event([{"customdata": [3, "12 events"]}]) is None  # a heatmap cell
    assert charts.clicked_event([]) is None


def test_charts_hover_escapes_hostile_text(ui_table):
    df = _single(ui_table, "asumetech:10", summary="<script>alert(1)</script>", actors=["<b>x</b>"])
    (point,) = _drawn(charts.timeline_figure(df, group_by="actor"))
    assert point.customdata[0][0] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert point.customdata[0][4] == "&lt;b&gt;x&lt;/b&gt;"


def test_charts_rejects_unknown_grouping(ui_table):
    with pytest.raises(ValueError, match="group_by"):
        charts.timeline_figure(ui_table, group_by="colour")


@pytest.mark.parametrize("figure", [charts.timeline_figure, maps.map_figure])
def test_charts_empty_table_gives_a_message_not_an_error(figure):
    fig = figure(empty_table())
    assert len(fig.data) == 0
    assert "No" in fig.layout.annotations[0].text


@pytest.mark.parametrize(
    ("start", "end", "precision", "label"),
    [
        ("2021-10-08", "2021-10-08", "day", "8 Oct 2021"),
        ("2021-08-01", "2021-08-31", "month", "Aug 2021"),
        ("2014-01-01", "2014-12-31", "year", "2014"),
        ("2021-10-09", "2021-10-10", "day", "9 Oct 2021 – 10 Oct 2021"),
        ("2021-08-21", "2021-08-31", "month", "21 Aug 2021 – 31 Aug 2021 (month)"),
        ("2021-10-09", None, "day", "on or after 9 Oct 2021"),
        # began some day of 2014 / of August 2021 and goes on ('attacks since its emergence in 2014')
        ("2014-01-01", None, "year", "from 2014 on"),
        ("2021-08-01", None, "month", "from Aug 2021 on"),
        (None, "2021-10-08", "day", "on or before 8 Oct 2021"),
        (None, None, "unknown", "undated"),
    ],
)
def test_charts_date_label_shows_precision(start, end, precision, label):
    as_ts = lambda v: pd.Timestamp(v) if v else pd.NaT  # noqa: E731
    assert charts.date_label(as_ts(start), as_ts(end), precision) == label


def test_charts_map_has_one_bubble_per_place(ui_table):
    fig = maps.map_figure(ui_table)
    (geo,) = fig.data
    assert geo.type == "scattergeo"
    assert list(geo.text) == ["Afghanistan", "Doha", "Kunduz"]
    assert [c[0] for c in geo.customdata] == [2, 1, 1]  # two events in Afghanistan
    assert (geo.lat[2], geo.lon[2]) == (36.73, 68.86)
    assert fig.layout.geo.resolution == 110  # the topojson the app serves itself


def test_charts_map_keeps_the_busiest_places_and_says_so(monkeypatch, ui_table):
    monkeypatch.setattr(maps, "MAP_PLACES", 2)
    fig = maps.map_figure(ui_table)
    (geo,) = fig.data
    assert list(geo.text) == ["Afghanistan", "Doha"]  # Afghanistan has two events; ties keep name order
    assert [int(c[0]) for c in geo.customdata] == [2, 1]
    assert fig.layout.annotations[0].text == "the 2 places with the most events, of 3"


def test_charts_map_labels_never_cover_another_label_or_bubble(ui_table):
    from timeline.events.entities import geocode

    kunduz, kabul, doha, usa = geocode("Kunduz"), geocode("Kabul"), geocode("Doha"), geocode("United States")
    rows = ui_table.head(3).copy()
    rows["location_ids"] = [[kunduz.id], [kunduz.id, kabul.id], [doha.id, usa.id]]
    rows["locations"] = [[kunduz.name], [kunduz.name, kabul.name], [doha.name, usa.name]]
    fig = maps.map_figure(rows)  # the United States with them: the whole world
    bubbles = fig.data[-1]
    labelled = {name for name, t in zip(bubbles.text, bubbles.texttemplate, strict=True) if t}
    # Kunduz (2 events) and Kabul, 2 degrees apart: only the busier is written; Doha has room
    assert labelled == {"Kunduz", "Doha"}
    # zoomed to the three places alone (no United States), each has room
    zoomed = rows.assign(location_ids=[[kunduz.id], [kunduz.id, kabul.id], [doha.id]])
    assert all(maps.map_figure(zoomed).data[-1].texttemplate)
    # places far apart keep every label, above their bubble
    spots = maps.label_spots(np.array([0.0, 40.0]), np.array([0.0, 60.0]), ["A place", "B place"], np.array([1, 1]),
                             maps.MAP_WIDTH_PX / 360)
    assert spots == ["top center", "top center"]
    # a label moves below, or beside, its bubble when the spot above it is taken (by a busier bubble)
    near = maps.label_spots(np.array([12.0, 0.0]), np.array([0.0, 0.0]), ["Busy", "Quiet"], np.array([5, 1]), 2.0)
    assert near[0] == "top center" and near[1] in ("middle right", "middle left", "bottom center")


def test_charts_map_leaves_out_events_without_coordinates(ui_table):
    fig = maps.map_figure(ui_table[ui_table["lat"].isna()])
    assert len(fig.data) == 0


def test_charts_view_opens_on_the_main_cluster_when_an_event_lies_years_apart(ui_table):
    from timeline.ui.overview import IN_VIEW, OUT_OF_VIEW

    overview_colours = (OUT_OF_VIEW, IN_VIEW)
    fig = charts.timeline_figure(ui_table, group_by="article")
    assert list(fig.layout.xaxis.range) == ["2021-08-18", "2021-10-14"]  # 2014 is outside, reachable
    # the overview under the chart counts every event per period, on a broken axis: 2014 is one bar a
    # '⋯ 7 yr' column away from August 2021, not a sliver of a 2014-2021 strip; the window's bins are dark
    (overview,) = [t for t in fig.data if t.meta == "overview"]
    ticks = list(fig.layout.xaxis2.ticktext)
    assert ticks[0] == "2014" and ticks[1] == "⋯<br>7 yr" and sum(overview.y) == 4  # a year's event: its year
    (target,) = [t for t in fig.data if t.meta == "overview-hit"]  # what a hover or click finds: the bin's days
    assert [c[0] for c in target.customdata] == ["2014-01-01", "2021-08-21", "2021-10-08", "2021-10-09"]
    assert list(overview.marker.color) == [overview_colours[0]] + [overview_colours[1]] * 3
    assert charts.outside_note(fig).startswith("1 event mark(s) lie outside the opening view")
    # the note is the app's caption, not an annotation: it cannot cover the legend (annotations are labels)
    assert all(a.name in ("label", "overview") for a in fig.layout.annotations)
    close = ui_table[ui_table["date_start"].dt.year == 2021]
    near = charts.timeline_figure(close, group_by="article")
    # all its days, with a margin: an axis of its own, not Plotly's autorange (the labels are placed in it)
    lo, hi = near.layout.xaxis.range
    assert "2021-08-19" < lo < "2021-08-21" and "2021-10-11" < hi < "2021-10-13" and charts.outside_note(near) is None


def test_charts_a_date_filter_sets_the_axis(ui_table):
    fig = charts.timeline_figure(ui_table, group_by="article", date_from=date(2021, 10, 7), date_to=date(2021, 10, 10))
    assert list(fig.layout.xaxis.range) == ["2021-10-07", "2021-10-11"]  # to the end of the last day
    assert charts.outside_note(fig) is None
    only_from = charts.timeline_figure(ui_table, group_by="article", date_from=date(2021, 10, 1))
    assert list(only_from.layout.xaxis.range) == ["2021-10-01", "2021-10-11"]  # the events' last day + 1


def test_charts_a_short_view_has_one_tick_per_day_under_its_marks(ui_table):
    fig = charts.timeline_figure(ui_table, group_by="article", date_from=date(2021, 10, 7), date_to=date(2021, 10, 10))
    assert fig.layout.xaxis.dtick == charts.DAY_MS  # not 12-hour steps labelled with the same day twice
    assert str(fig.layout.xaxis.tick0).startswith("2021-10-07") and "12:00" in str(fig.layout.xaxis.tick0)
    wide = charts.timeline_figure(ui_table, group_by="article")  # Aug-Oct: Plotly's own ticks
    assert wide.layout.xaxis.dtick is None


def test_charts_ticks_never_show_clock_hours_for_days(ui_table):
    stops = charts.timeline_figure(ui_table, group_by="article").layout.xaxis.tickformatstops
    finest = next(s for s in stops if s.dtickrange[0] is None)
    assert "%H" not in finest.value and "%d" in finest.value


def test_charts_marks_of_the_same_day_in_one_lane_do_not_overlap(ui_table):
    same_day = build_event_table(
        [ui_table.iloc[2].to_dict() | {"event_id": f"asumetech:{i}"} for i in range(3)]
    )
    (points,) = _drawn(charts.timeline_figure(same_day, group_by="article"))
    assert len(set(points.y)) == 3
    assert max(points.y) - min(points.y) < 1  # still inside the lane


def test_charts_many_lanes_are_capped_with_an_other_lane(ui_table):
    rows = [
        ui_table.iloc[2].to_dict() | {"event_id": f"e{i}", "actors": [f"actor {i:02d}"]} for i in range(15)
    ]
    fig = charts.timeline_figure(build_event_table(rows), group_by="actor", max_lanes=5)
    assert len(fig.layout.yaxis.ticktext) == 5
    assert fig.layout.yaxis.ticktext[-1] == "(other actors)"
    assert _count(_drawn(fig)) == 15  # every event still drawn once


def test_charts_legend_explains_the_marks(ui_table):
    legend = [t for t in charts.timeline_figure(ui_table).data if t.meta == "legend"]
    assert [t.name for t in legend] == [
        "a day",
        "a span of days (week, month, year…)",
        "on or after",
        "on or before",
    ]
    assert all(t.showlegend is not False for t in legend)
    assert not any(t.showlegend for t in _drawn(charts.timeline_figure(ui_table)))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Taliban and US officials hold talks in Doha",
        "army attack talks meet bombing police protest election flood aid strike ceasefire court vote army",
        "a well-known long-running dispute -- so said the spokesman of the interior ministry in Kabul today",
        "tab\\tand\\nnew line and  double  spaces and a trailing space ",
        "x" * 75 + " word",
        "non\u00a0breaking space and ünïcödé words that are long enough to wrap somewhere around here",
    ],
)
def test_charts_wrap_lines_is_textwrap(text):
    import textwrap

    text = text.replace("\\t", "\t").replace("\\n", "\n")
    for width in (5, 60, 70):
        assert plot_text.wrap_lines(text, width) == textwrap.wrap(text, width)


def test_charts_wrap_lines_is_textwrap_on_random_text():
    import random
    import textwrap

    rng = random.Random(7)
    pieces = [
        "a",
        "bb",
        "word",
        "x" * 70,
        "y" * 71,
        "-",
        "well-known",
        " ",
        "  ",
        "\t",
        "\n",
        "\u00a0",
        "é",
        "--",
        "",
    ]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 25)))
        assert plot_text.wrap_lines(text, 60) == textwrap.wrap(text, 60), repr(text)


def test_charts_labels_the_most_salient_events_without_overlap(ui_table):
    from timeline.ui import label_spots, marks

    weights = {"10": 0.8, "20": 0.9, "30": 0.5, "40": 0.2, "50": 0.1}
    df = ui_table.assign(salience=[weights[i.split(":")[-1]] for i in ui_table["event_id"]])
    fig = charts.timeline_figure(df, group_by="article")
    texts = [a.text for a in fig.layout.annotations]
    assert texts and texts[0].startswith("Taliban and US officials hold talks")  # the most salient first
    # hostile text is escaped in labels too
    evil = df.assign(summary='<a href="https://evil.example">x</a>')
    assert all("<a" not in a.text for a in charts.timeline_figure(evil, group_by="article").layout.annotations)
    # many marks on one day: spread across the day, labels kept apart (in the model's pixels)
    many = pd.concat([df.iloc[[2]]] * 30, ignore_index=True).assign(
        event_id=[f"e{i}" for i in range(30)], cluster_id=[f"e{i}" for i in range(30)], salience=0.5)
    rows = many.assign(shape="point", y=0.0, lane="x")
    x = marks.spread_days(rows)
    assert x.nunique() == 30 and x.min() > pd.Timestamp("2021-10-08") and x.max() < pd.Timestamp("2021-10-09")
    placed = label_spots.labels(rows.assign(y=[i * 0.16 for i in range(30)]), x,
                          (pd.Timestamp("2021-10-07"), pd.Timestamp("2021-10-10")))
    assert 0 < len(placed) <= label_spots.MAX_LABELS


def test_charts_a_label_never_covers_another_mark(ui_table):
    from timeline.ui import label_spots, marks

    # A (the most salient) with B just after it in its lane: A's label cannot run to the right over
    # B, nor fit on its left (the plot's edge): it goes just above A; B's (beside B would touch A's
    # label) just below B
    two = pd.concat([ui_table.iloc[[2]]] * 2, ignore_index=True).assign(
        event_id=["a", "b"], shape="point", y=0.0, lane="x", salience=[0.9, 0.5],
        summary=["A long summary of the first event", "B long summary of the second event"])
    x = pd.Series([pd.Timestamp("2021-10-05 12:00"), pd.Timestamp("2021-10-06 12:00")])
    shown = (pd.Timestamp("2021-10-01"), pd.Timestamp("2021-10-21"))
    placed = label_spots.labels(two, x, shown).set_index("event_id")
    assert placed.loc["a", "rise"] > marks.MARK_PX["point"] / 2 and placed.loc["a", "position"] == "middle right"
    assert placed.loc["b", "rise"] < -marks.MARK_PX["point"] / 2 and placed.loc["b", "position"] == "middle right"
    # marks right above and below A take those spots too: A is left unlabelled rather than drawn over a mark
    four = pd.concat([two, two.iloc[[1, 1]].assign(event_id=["c", "d"], y=[-0.4, 0.4], salience=0.1)],
                     ignore_index=True)
    x4 = pd.concat([x, pd.Series([pd.Timestamp("2021-10-05 20:00")] * 2)], ignore_index=True)
    assert "a" not in set(label_spots.labels(four, x4, shown)["event_id"])


def test_charts_a_mention_off_the_timeline_is_drawn_hollow_and_says_why(ui_table):
    off = ui_table.iloc[[2]].assign(event_id="asumetech:99", on_timeline=False, summary="<b>would</b> attack",
                                    timeline_note="hypothetical ('would'): not stated as fact")
    fig = charts.timeline_figure(pd.concat([ui_table, off], ignore_index=True), group_by="article")
    points = _marks(fig, "point")
    hollow = [t for t in points if t.marker.symbol.endswith("-open")]
    assert len(hollow) == 1 and list(hollow[0].customdata[:, 6]) == ["asumetech:99"]
    assert "Off the timeline: hypothetical" in hollow[0].customdata[0][3]
    assert "<b>would" not in hollow[0].customdata[0][0]  # escaped, as every piece of article text
    assert all(not t.marker.symbol.endswith("-open") for t in points if t is not hollow[0])
    legend = [t.name for t in fig.data if t.meta == "legend"]
    assert any("off the timeline" in n for n in legend)
    # without such mentions no hollow mark and no legend entry for them
    plain = charts.timeline_figure(ui_table, group_by="article")
    assert not any("off the timeline" in t.name for t in plain.data if t.meta == "legend")
    # a hollow bar: an outline with a hatch, no solid fill
    off_bar = ui_table.iloc[[1]].assign(event_id="x:1", on_timeline=False, timeline_note="future")
    (bar,) = _marks(charts.timeline_figure(off_bar, group_by="article"), "bar")
    assert bar.marker.pattern.shape == "/" and bar.marker.color == "rgba(0,0,0,0)"


def test_charts_before_one_day_and_after_the_next_meet_on_an_edge_without_covering_each_other(ui_table):
    before = ui_table.iloc[[2]].assign(event_id="b", date_start=pd.NaT, date_end=pd.Timestamp("2021-10-08"))
    after = ui_table.iloc[[2]].assign(event_id="a", date_start=pd.Timestamp("2021-10-09"), date_end=pd.NaT)
    fig = charts.timeline_figure(pd.concat([before, after], ignore_index=True), group_by="article")
    (left,), (right,) = _marks(fig, "open_start"), _marks(fig, "open_end")
    assert list(left.x) == list(right.x) == ["2021-10-09 00:00"]  # the same spot: the edge of 8 and 9 Oct
    assert left.y[0] != right.y[0]


def test_charts_a_one_sided_mark_on_an_edge_a_bar_crosses_stands_off_the_bar(ui_table):
    talks = ui_table.iloc[[3]]  # a bar, 9-10 Oct 2021
    before = talks.assign(event_id="b", cluster_id="b", date_start=pd.NaT, date_end=pd.Timestamp("2021-10-09"))
    day = talks.assign(event_id="d", cluster_id="d", date_end=pd.Timestamp("2021-10-09"))  # a day of 9 Oct
    fig = charts.timeline_figure(pd.concat([talks, before, day], ignore_index=True), group_by="article")
    (bar,), (triangle,), (point,) = _marks(fig, "bar"), _marks(fig, "open_start"), _marks(fig, "point")
    assert list(triangle.x) == ["2021-10-10 00:00"]  # on the bar's span, at the end of 9 Oct
    # neither on the bar's row nor on the row of the day mark beside the edge
    assert min(abs(triangle.y[0] - bar.y[0]), abs(triangle.y[0] - point.y[0])) >= charts.STACK_STEP * 0.99


def test_charts_opening_view_shows_articles_just_added(ui_table):
    # a story of many marks in Oct 2021 and a 2024 article added: the view includes the 2024 marks
    many = pd.concat([ui_table.iloc[[2]]] * 12, ignore_index=True)
    many = many.assign(event_id=[f"e{i}" for i in range(12)], cluster_id=[f"e{i}" for i in range(12)])
    late = ui_table.iloc[[2]].assign(event_id="new:1", cluster_id="new:1", article_id="new",
                                     date_start=pd.Timestamp("2024-05-02"), date_end=pd.Timestamp("2024-05-02"))
    df = pd.concat([many, ui_table.iloc[[3]], late], ignore_index=True)
    focused = charts.timeline_figure(df, group_by="article")
    assert focused.layout.xaxis.range is not None and str(focused.layout.xaxis.range[1]) < "2024"
    shown = charts.timeline_figure(df, group_by="article", show_articles=("new",))
    assert str(shown.layout.xaxis.range[1]) >= "2024-05-03"
    # on the new article's events, not the whole 2014-2024 (its days a sliver at the right end): the rest
    # is in the overview, and the note says what the view shows
    assert str(shown.layout.xaxis.range[0]) >= "2024-04"
    assert charts.outside_note(shown).startswith("13 event mark(s) lie outside the opening view, which shows the "
                                                 "articles you just added")


def test_charts_map_of_places_a_world_apart_shows_the_world_centred_on_greenwich(ui_table):
    from timeline.events.entities import geocode

    doha, usa, kabul = geocode("Doha"), geocode("United States"), geocode("Kabul")
    two = ui_table.head(2).copy()
    two["location_ids"], two["locations"] = [[doha.id], [usa.id]], [[doha.name], [usa.name]]
    fig = maps.map_figure(two)
    # zooming to Doha and the United States would cut the map across the Pacific (US right of Asia)
    assert fig.layout.geo.fitbounds in (None, False) and fig.layout.geo.projection.rotation.lon == 0
    near = two.copy()
    near["location_ids"], near["locations"] = [[doha.id], [kabul.id]], [[doha.name], [kabul.name]]
    assert maps.map_figure(near).layout.geo.fitbounds == "locations"  # close places: zoomed to them



def test_charts_map_of_the_world_is_as_tall_as_the_world_drawn_at_its_width(ui_table):
    from timeline.events.entities import geocode

    doha, usa = geocode("Doha"), geocode("United States")
    two = ui_table.head(2).copy()
    two["location_ids"], two["locations"] = [[doha.id], [usa.id]], [[doha.name], [usa.name]]
    # a 552 px wide world (a 900 px page) is about 265 px tall: a 480 px figure left 215 px of blank bands
    assert maps.map_figure(two, width_px=552).layout.height == int(552 * maps.WORLD_ASPECT)
    assert maps.map_figure(two, width_px=940).layout.height == int(940 * maps.WORLD_ASPECT)
    assert maps.map_figure(two).layout.height == 480  # width not measured yet


def test_charts_a_lane_keeps_its_colour_whatever_the_filters_keep(ui_table):
    # the demo's ISIS lane was blue, and green once 'Show mentions off the timeline' made the Taliban the
    # busiest lane: colours went by the lanes of the view, counted again for every filter
    def colours(fig) -> dict[str, str]:
        return {t.name: t.marker.line.color if t.meta == "bar" else t.marker.color
                for t in fig.data if t.meta in ("point", "bar", "open_start", "open_end")}

    ranking = charts.colour_ranking(ui_table, "actor")
    assert ranking[0] == "ISIS" and set(ranking) == {"ISIS", "Taliban", "United States"}
    whole = colours(charts.timeline_figure(ui_table, group_by="actor", colour_order=ranking))
    us_only = ui_table[ui_table["actor_ids"].map(lambda ids: ids == ["us"])]
    kept = colours(charts.timeline_figure(us_only, group_by="actor", colour_order=ranking))
    assert kept["United States"] == whole["United States"] != charts.PALETTE[0]  # not the first colour again
    assert len(set(whole.values())) == len(whole)  # lanes of one view never share a colour
    # a lane the story's ranking does not colour takes a colour no ranked lane of the view holds
    new = charts.lane_colours(["ISIS", "Hamas", "(no actor)"], ranking)
    assert new["ISIS"] == charts.PALETTE[0] and new["Hamas"] not in (charts.PALETTE[0],) and new["(no actor)"] == charts.GREY


def test_charts_a_long_lane_name_is_cut_and_whole_in_the_hover(ui_table):
    title = "Taliban rule out cooperation with the United States to contain the Islamic State in Afghanistan"
    fig = charts.timeline_figure(ui_table.assign(title=title), group_by="article", width_px=900)
    tick = fig.layout.yaxis.ticktext[0]
    assert tick.endswith("…") and title.startswith(tick[:-1]) and len(tick) < len(title)
    assert any(title in str(row) for t in fig.data if t.customdata is not None for row in t.customdata)
