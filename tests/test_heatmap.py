"""heatmap.py and the switch in charts.timeline_figure: past AGGREGATE_ABOVE dated events
the timeline counts events per lane and time bin; up to it, one mark per event."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from timeline.table import build_event_table
from timeline.ui import charts, heatmap


def _events(ui_table, days: list[str | None], actors: list[list[str]] | None = None) -> pd.DataFrame:
    """One event per day given (None = undated), cloned from the Kunduz event (ui_table row 0)."""
    base = ui_table.iloc[0].to_dict()
    rows = []
    for i, day in enumerate(days):
        when = pd.Timestamp(day) if day else pd.NaT
        row = base | {"event_id": f"e{i}", "date_start": when, "date_end": when}
        if actors is not None:
            row |= {"actors": actors[i], "actor_ids": [a.lower() for a in actors[i]]}
        rows.append(row)
    return build_event_table(rows)


def _cells(fig) -> tuple[list[str], list[str], np.ndarray]:
    (trace,) = fig.data
    assert trace.type == "heatmap"
    return list(trace.y), list(trace.x), np.nan_to_num(np.asarray(trace.z, dtype=float))


def test_heatmap_past_the_threshold_the_timeline_counts_and_the_counts_add_up(ui_table):
    days = [f"2021-10-{d:02d}" for d in (1, 1, 2, 5, 5, 5, 20)] + [None]
    df = _events(ui_table, days)
    fig = charts.timeline_figure(df, group_by="article", aggregate_above=5)
    lanes, bins, z = _cells(fig)
    assert fig.layout.meta["kind"] == "aggregated"
    assert z.sum() == 7 == fig.layout.meta["events"]  # every dated event once, the undated one not
    assert lanes == ["ap-rewrite"]  # one article, untitled: named by its id, as in the per-event chart
    assert fig.layout.meta["bin"] == "day"
    assert bins[0] == "2021-10-01" and bins[-1] == "2021-10-20" and len(bins) == 20  # empty days too
    assert [z[0][bins.index(d)] for d in ("2021-10-01", "2021-10-02", "2021-10-05", "2021-10-20")] == [
        2,
        1,
        3,
        1,
    ]
    assert charts.aggregated_note(fig).startswith("Aggregated view: 7 dated events")


def test_heatmap_up_to_the_threshold_every_event_keeps_its_mark(ui_table):
    days = [f"2021-10-{d:02d}" for d in (1, 1, 2, 5, 5)]
    fig = charts.timeline_figure(_events(ui_table, days), group_by="article", aggregate_above=5)
    assert {t.type for t in fig.data} == {"scatter", "bar"}  # marks and the shape legend
    assert sum(len(t.y) for t in fig.data if t.meta == "point") == 5
    assert charts.aggregated_note(fig) is None


def test_heatmap_threshold_is_the_named_constant(ui_table):
    n = charts.AGGREGATE_ABOVE
    days = list(pd.date_range("2021-01-01", periods=n + 1, freq="D").strftime("%Y-%m-%d"))
    many = _events(ui_table, days)
    assert charts.timeline_figure(many).layout.meta["kind"] == "aggregated"
    assert charts.aggregated_note(charts.timeline_figure(many.iloc[:n])) is None


def test_heatmap_an_event_counts_in_each_of_its_lanes_like_its_marks(ui_table):
    actors = [["ISIS"], ["ISIS", "Taliban"], ["Taliban"], [], ["ISIS"]]
    df = _events(ui_table, ["2021-10-01", "2021-10-01", "2021-10-03", "2021-10-03", "2021-10-04"], actors)
    lanes, bins, z = _cells(heatmap.heatmap_figure(df, group_by="actor"))
    assert lanes == ["ISIS", "Taliban", "(no actor)"]  # busiest first, the event without an actor last
    assert dict(zip(lanes, z.sum(axis=1).tolist(), strict=True)) == {"ISIS": 3, "Taliban": 2, "(no actor)": 1}
    per_event = charts.timeline_figure(df, group_by="actor")
    marks = {t.name: len(t.y) for t in per_event.data if t.meta == "point"}
    assert marks == {"ISIS": 3, "Taliban": 2, "(no actor)": 1}  # the same counts as the marks


def test_heatmap_lanes_beyond_the_cap_share_an_other_lane_counting_an_event_once(ui_table):
    actors = [[f"A{i}", f"B{i}"] for i in range(6)]
    df = _events(ui_table, ["2021-10-01"] * 6, actors)
    lanes, _, z = _cells(heatmap.heatmap_figure(df, group_by="actor", max_lanes=3))
    assert lanes[-1] == "(other actors)" and len(lanes) == 3
    assert lanes[:2] == ["A0", "A1"]  # ties: by name
    assert z.sum(axis=1).tolist() == [1, 1, 6]  # every event once in "other", not its 10 (event, actor) pairs


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        ("2021-10-01", "2021-10-01", "day"),
        ("2021-10-01", "2021-12-31", "day"),
        ("2021-10-01", "2022-01-05", "week"),
        ("2019-01-01", "2021-12-31", "week"),
        ("2014-01-01", "2021-10-09", "month"),
        ("1950-01-01", "2021-10-09", "year"),
    ],
)
def test_heatmap_bin_follows_the_span_of_dates(first, last, unit):
    assert heatmap.bin_unit(pd.Timestamp(first), pd.Timestamp(last)) == unit


@pytest.mark.parametrize(
    ("unit", "day", "start"),
    [
        ("day", "2021-10-09", "2021-10-09"),
        ("week", "2021-10-09", "2021-10-04"),  # a Saturday: its week starts on Monday the 4th
        ("week", "2021-10-04", "2021-10-04"),
        ("month", "2021-10-31", "2021-10-01"),
        ("year", "2021-10-31", "2021-01-01"),
    ],
)
def test_heatmap_bin_start(unit, day, start):
    days = pd.Series(pd.to_datetime([day]).astype("datetime64[s]"))
    assert heatmap.bin_start(days, unit).iloc[0] == pd.Timestamp(start)


def test_heatmap_weeks_cover_the_span_without_gaps(ui_table):
    days = ["2021-01-06", "2021-01-07", "2021-03-01", "2021-06-30"]
    counts, unit = heatmap.binned_counts(_events(ui_table, days), group_by="article")
    assert unit == "week"
    assert counts.columns[0] == pd.Timestamp("2021-01-04")
    assert (np.diff(counts.columns.to_numpy()) == np.timedelta64(7, "D")).all()
    assert counts.to_numpy().sum() == 4 and counts[pd.Timestamp("2021-01-04")].sum() == 2


def test_heatmap_open_sided_events_count_at_their_known_day(ui_table):
    df = _events(ui_table, ["2021-10-01", "2021-10-02", "2021-10-03"])
    df.loc[1, "date_start"] = pd.NaT  # "on or before 2 Oct"
    df.loc[2, "date_end"] = pd.NaT  # "on or after 3 Oct"
    counts, _ = heatmap.binned_counts(df, group_by="article")
    assert counts.iloc[0].tolist() == [1, 1, 1]


def test_heatmap_lane_names_are_escaped(ui_table):
    df = _events(ui_table, ["2021-10-01"], [["<b>x</b>"]])
    lanes, _, _ = _cells(heatmap.heatmap_figure(df, group_by="actor"))
    assert lanes == ["&lt;b&gt;x&lt;/b&gt;"]


def test_heatmap_colours_follow_the_named_lanes_not_the_other_lane(ui_table):
    actors = [["A"], ["A"], ["B"]] + [[f"X{i}"] for i in range(10)]
    df = _events(ui_table, ["2021-10-01"] * 13, actors)
    fig = heatmap.heatmap_figure(df, group_by="actor", max_lanes=3)
    lanes, _, z = _cells(fig)
    assert lanes == ["A", "B", "(other actors)"] and z[:, 0].tolist() == [2, 1, 10]
    (trace,) = fig.data
    assert (trace.zmin, trace.zmax) == (1, 2)  # the busiest named cell is darkest; "other" saturates
    assert trace.colorbar.title.text == "events<br>(≥ 2: darkest)"
    assert heatmap.heatmap_figure(df, group_by="actor").data[0].colorbar.title.text == "events"
