"""Events before 1677 and after 2262 (pandas' datetime64[ns] range) on every figure the
analyst sees: the timeline's marks, labels, tails, overview and day ticks, the aggregated
heatmap, the date filter's range.  No OutOfBoundsDatetime, no clipped or moved date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from timeline.table import build_event_table
from timeline.ui import charts, heatmap, marks, overview, view_range
from timeline.ui.lanes import lanes
from timeline.ui.plot_dates import day_offsets, iso_day, iso_minute, iso_second


def _row(i: int, start, end, summary: str, actor: str, precision: str = "day", value: str = "") -> dict:
    return {"event_id": f"h:{i}", "cluster_id": f"h:{i}", "article_id": "h", "title": "A history",
            "summary": summary, "sentence": summary + ".", "trigger": summary.split()[1], "sentence_index": i,
            "sentence_start": 0, "sentence_end": len(summary) + 1,
            "trigger_start": i, "trigger_end": i + 1, "date_start": start, "date_end": end, "precision": precision,
            "date_value": value, "date_source": "timex", "actors": [actor], "actor_ids": [actor.lower()],
            "salience": 0.9 - i / 100, "rank": i + 1}


def history(columbus_days: int = 0) -> pd.DataFrame:
    """1066 (a day), 1492 (a day), 1493 (a month), 1588 (a year), 1914 (on or after), an 'on or
    before' in 1066, 480 BC (no day), year 5 and December 9999; ``columbus_days`` more single days
    of October 1492 make a dense stretch the chart opens on."""
    rows = [_row(0, date(1066, 10, 14), date(1066, 10, 14), "William defeated Harold at Hastings", "William"),
            _row(1, date(1492, 10, 12), date(1492, 10, 12), "Columbus reached the Bahamas", "Columbus"),
            _row(2, date(1493, 3, 1), date(1493, 3, 31), "Columbus returned to Spain", "Columbus", "month", "1493-03"),
            _row(3, date(1588, 1, 1), date(1588, 12, 31), "The Armada sailed", "Armada", "year", "1588"),
            _row(4, date(1914, 7, 28), None, "The war began", "Austria", "day", "1914-07-28"),
            _row(5, None, date(1066, 9, 27), "William crossed the Channel", "William"),
            _row(6, None, None, "The Persians burned Athens", "Persians", "year", "BC0480"),
            _row(7, date(5, 3, 1), date(5, 3, 1), "A census was taken", "Romans"),
            _row(8, date(9999, 12, 1), date(9999, 12, 31), "The calendar ran out", "Robots", "month", "9999-12")]
    rows += [_row(20 + k, date(1492, 10, 13 + k), date(1492, 10, 13 + k), f"Columbus sailed on {k}", "Columbus")
             for k in range(columbus_days)]
    return build_event_table(rows)


def _marks(fig) -> dict[str, list]:
    """x (or a bar's base) of every per-event mark, by shape."""
    out: dict[str, list] = {}
    for t in fig.data:
        if t.meta in ("point", "bar", "open_end", "open_start"):
            out.setdefault(t.meta, []).extend(list(t.base if t.meta == "bar" else t.x))
    return out


@pytest.mark.parametrize(("ts", "day", "minute"), [
    (pd.Timestamp(date(5, 3, 1)), "0005-03-01", "0005-03-01 00:00"),  # strftime('%Y') writes '5'
    (pd.Timestamp(date(1066, 10, 14)) + pd.Timedelta(hours=12), "1066-10-14", "1066-10-14 12:00"),
    (pd.Timestamp(date(9999, 12, 31)) + pd.Timedelta(days=1), "9999-12-31 23:59:59", "9999-12-31 23:59:59"),
])
def test_plot_dates_iso_strings_hold_every_year(ts, day, minute):
    assert (iso_day(ts), iso_minute(ts)) == (day, minute)
    assert pd.Timestamp(iso_second(ts)) <= pd.Timestamp("9999-12-31 23:59:59")  # a string pandas and Plotly read


def test_plot_dates_day_offsets_stay_clear_of_nanoseconds():
    day = pd.Series([pd.Timestamp(date(1066, 10, 14))]).to_numpy(dtype="datetime64[s]")
    assert str(pd.Timestamp((day + day_offsets([0.5]))[0])) == "1066-10-14 12:00:00"


def test_plot_dates_spread_days_and_edges_before_1677():
    rows, _ = lanes(history(), "actor", 12)
    rows = rows.assign(y=range(len(rows)))
    x = marks.spread_days(rows)  # raised OutOfBoundsDatetime (cast to datetime64[ns])
    by_summary = dict(zip(rows["summary"], x, strict=True))
    assert pd.Timestamp(by_summary["William defeated Harold at Hastings"]).date() == date(1066, 10, 14)
    assert pd.Timestamp(by_summary["A census was taken"]).date() == date(5, 3, 1)
    edge = dict(zip(rows["summary"], marks.edge_of_day(rows), strict=True))
    assert edge["William crossed the Channel"] == pd.Timestamp("1066-09-28")  # the end of 27 Sep 1066
    assert edge["The war began"] == pd.Timestamp("1914-07-28")


def test_plot_dates_timeline_draws_1066_to_1914_where_they_are():
    fig = charts.timeline_figure(history(), date_from=date(1, 1, 1), date_to=date(9999, 12, 31), width_px=1200)
    drawn = _marks(fig)
    assert {x[:10] for x in drawn["point"]} == {"0005-03-01", "1066-10-14", "1492-10-12"}
    assert set(drawn["bar"]) == {"1493-03-01", "1588-01-01", "9999-12-01"}
    assert [x[:10] for x in drawn["open_end"]] == ["1914-07-28"]
    assert [x[:10] for x in drawn["open_start"]] == ["1066-09-28"]
    assert all(len(x.split("-")[0]) == 4 for xs in drawn.values() for x in xs)  # Plotly reads a 4-digit year
    labelled = {a.text for a in fig.layout.annotations}
    assert {"Columbus reached the Bahamas", "The war began", "The Armada sailed"} <= labelled
    assert "The Persians burned Athens" in charts.undated_events(history())["summary"].tolist()


def test_plot_dates_opening_window_and_overview_of_a_long_history():
    fig = charts.timeline_figure(history(columbus_days=14), width_px=1200)
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert lo.year == hi.year == 1492  # the dense October 1492, the rest counted in the overview
    bins = overview.overview_bins(lanes(history(columbus_days=14), "actor", 12)[0], list(fig.layout.xaxis.range))
    days = bins.dropna(subset=["first"])
    assert {"0005-03-01", "1066-10-14", "1588-01-01", "1914-07-28", "9999-12-01"} <= set(days["first"])
    assert overview.clicked_period([{"customdata": ["0005-03-01", "0005-03-01", "1 Mar 5", 1]}]) == (
        "0005-03-01", "0005-03-01")
    assert date.fromisoformat(days["first"].iloc[0]) == date(5, 3, 1)  # what a click sets as the date filter


@pytest.mark.parametrize(("date_from", "date_to", "points"), [
    (date(1400, 1, 1), date(1500, 12, 31), {"1492-10-12"}),
    (date(1, 1, 1), date(9999, 12, 31), {"0005-03-01", "1066-10-14", "1492-10-12"}),
    (date(1066, 10, 10), date(1066, 10, 20), {"1066-10-14"}),  # a view of days: day ticks, shaded days
])
def test_plot_dates_date_filter_range_before_1677(date_from, date_to, points):
    fig = charts.timeline_figure(history(), date_from=date_from, date_to=date_to, width_px=1200)
    lo, hi = fig.layout.xaxis.range
    assert lo == iso_day(date_from) and pd.Timestamp(hi) > pd.Timestamp(date_to)
    assert {x[:10] for x in _marks(fig).get("point", [])} == points


def test_plot_dates_day_ticks_name_no_weekday_before_the_gregorian_calendar():
    fig = charts.timeline_figure(history(), date_from=date(1066, 10, 10), date_to=date(1066, 10, 20))
    assert fig.layout.xaxis.tickformat == view_range.JULIAN_DAY_TICK
    fig = charts.timeline_figure(history(), date_from=date(1914, 7, 25), date_to=date(1914, 8, 2))
    assert fig.layout.xaxis.tickformat == view_range.DAY_TICK


def test_plot_dates_heatmap_weeks_before_1677():
    table = history()
    counts, unit = heatmap.binned_counts(table[table["summary"].str.contains("Columbus|Hastings")])
    assert unit == "year"
    weeks = heatmap.bin_start(pd.Series(pd.to_datetime(["1066-10-14"]).astype("datetime64[s]")), "week")
    assert weeks.iloc[0] == pd.Timestamp("1066-10-08")  # a Monday (proleptic), not an overflow
    fig = heatmap.heatmap_figure(table)
    assert "1066-01-01" in fig.data[0].x


def test_plot_dates_a_history_opens_whole_not_on_its_last_centuries():
    """1066, 1492 and three events between 1588 and 2024 (dated up to the publication day): the main
    cluster spans half the story, so the chart shows it all; it opened on 1566-2046, 1066 and 1492
    left out."""
    rows = [_row(0, date(1066, 1, 1), date(1066, 12, 31), "William invaded England", "William", "year"),
            _row(1, date(1492, 10, 12), date(1492, 10, 12), "Columbus reached the Bahamas", "Columbus"),
            _row(2, date(1588, 1, 1), date(2024, 5, 1), "The fleet was destroyed", "Armada", "unknown"),
            _row(3, date(1914, 7, 29), date(2024, 4, 30), "The war began", "Austria", "unknown"),
            _row(4, date(2024, 5, 1), date(2024, 5, 1), "Austria declared war", "Austria")]
    table = build_event_table(rows)
    assert view_range.focus_range(lanes(table, "actor", 12)[0]) is None
    fig = charts.timeline_figure(table, width_px=1200)
    assert {x[:10] for x in _marks(fig)["point"]} == {"1492-10-12", "2024-05-01"}
