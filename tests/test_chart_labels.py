"""The timeline's labels (timeline/ui/label_spots.py) and day ticks, on the demo and on
hand-built marks: the key events are labelled first, a boxed-in one a row away with a leader line."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from timeline.ui import charts, plot_text


def _labelled(fig, events: pd.DataFrame) -> set[str]:
    """The ids of the events whose summary a label of ``fig`` shows (cut with an ellipsis or whole)."""
    texts = [a.text.rstrip("…") for a in fig.layout.annotations if a.name == "label"]
    return {e for e, s in zip(events["event_id"], events["summary"].map(plot_text.plot_safe), strict=True)
            if any(t and s.startswith(t) for t in texts)}


def test_charts_the_key_events_of_the_demo_s_busiest_day_are_labelled(demo_table):
    from timeline.store.filters import Filters, view

    events = view(demo_table, Filters())
    dated = events[events["date_start"].notna() | events["date_end"].notna()]
    day = dated["date_start"].fillna(dated["date_end"]).dt.normalize()
    busiest = dated[day == day.value_counts().idxmax()]
    assert len(busiest) >= 5
    fig = charts.timeline_figure(events, group_by="actor")
    top = busiest.nlargest(3, "salience")["event_id"]  # the lead event ('The Taliban rejected cooperation ...') first
    assert set(top) <= _labelled(fig, events)
    # the most salient events across the chart come before minor ones: no minor label while a key one is missing
    ranked = dated.sort_values("salience", ascending=False)["event_id"].tolist()
    got = _labelled(fig, events)
    assert all(e in got for e in ranked[:3])


def test_charts_day_ticks_name_the_weekday(ui_table):
    fig = charts.timeline_figure(ui_table, group_by="article", date_from=date(2021, 10, 7), date_to=date(2021, 10, 10))
    # tickformatstops win over tickformat in Plotly: a day view has none, so its ticks read "Sat 09 Oct 2021",
    # on two lines (one line slanted at 900 px, into the overview under the chart)
    assert fig.layout.xaxis.tickformat == "%a %d<br>%b %Y" and not fig.layout.xaxis.tickformatstops
    assert pd.Timestamp("2021-10-09").strftime(fig.layout.xaxis.tickformat) == "Sat 09<br>Oct 2021"


def test_charts_a_key_event_boxed_in_gets_a_label_a_row_away_with_a_leader_line(ui_table):
    from timeline.ui import label_spots, marks

    # A (the most salient) with marks just after it, above and below it in its lane, and none a
    # label row further: A's label goes one row up (or down) with a leader line, clear of every mark
    base = ui_table.iloc[[2]]
    rows = pd.concat([base] * 4, ignore_index=True).assign(
        event_id=["a", "b", "c", "d"], shape="point", lane="x", salience=[0.9, 0.1, 0.1, 0.1],
        y=[1.0, 1.0, 0.65, 1.35], summary=["A long summary of the key event"] + ["minor"] * 3)
    x = pd.Series([pd.Timestamp("2021-10-05 12:00"), pd.Timestamp("2021-10-07 12:00")]
                  + [pd.Timestamp("2021-10-05 20:00")] * 2)
    shown = (pd.Timestamp("2021-10-01"), pd.Timestamp("2021-10-21"))
    placed = label_spots.labels(rows, x, shown)
    a = placed.set_index("event_id").loc["a"]
    assert a["leader"] and abs(a["rise"]) > marks_px_above()
    # its anchor is in the data's units, beyond the marks between it and A: on a wider plot or a
    # taller lane it moves away with them (a gap in pixels would bring B under the label)
    assert abs(a["anchor_x"] - x[0] - pd.Timedelta(days=20) * a["gap"] / label_spots.PLOT_WIDTH_PX) < pd.Timedelta("1s")
    assert a["anchor_y"] == 1.0 - a["rise"] / marks.LANE_PX
    # through the figure: the annotation's arrow is a thin line without a head, stopping short of the mark
    note = charts._label(placed.iloc[0].to_dict(), "A", 6.0)
    assert note["showarrow"] and note["arrowhead"] == 0 and note["standoff"] == 7
    assert (note["axref"], note["ayref"], note["ay"]) == ("x", "y", a["anchor_y"])
    # importance: on equal salience, the article's lead event (lower rank) is placed first
    tied = rows.assign(salience=0.5, rank=[4, 3, 2, 1])
    assert list(label_spots.importance(tied)["event_id"]) == ["d", "c", "b", "a"]
    off = tied.assign(off=[False, True, True, True])
    assert list(label_spots.importance(off)["event_id"])[0] == "a"  # a mention off the timeline comes last


def marks_px_above() -> float:
    """How far up the nearest spot above a point's mark is (``label_spots._spots``)."""
    from timeline.ui import label_spots, marks

    return marks.MARK_PX["point"] / 2 + label_spots.LABEL_HEIGHT_PX / 2 + 1


def _cut_at_a_word(label: str, summary: str) -> bool:
    """Whether ``label`` is ``summary`` whole, or its start cut at a word boundary with an ellipsis."""
    if not label.endswith("…"):
        return label == " ".join(summary.split())
    head = label[:-1]
    return summary.startswith(head) and (len(summary) == len(head) or not summary[len(head)].isalnum())


LEAD = "The Taliban  rejected cooperation with the United States to stop extremist groups in Afghanistan"


@pytest.mark.parametrize(("text", "room", "label"), [
    ("suicide bombing on Friday", 1000, "suicide bombing on Friday"),  # whole
    (LEAD, 1000, "The Taliban rejected cooperation with the United States to stop…"),  # at most 72 characters
    (LEAD, 320, "The Taliban rejected cooperation with the United States…"),
    (LEAD, 200, "The Taliban rejected cooperation…"),  # not '... cooperation with the…'
    (LEAD, 130, "The Taliban rejected…"),
    (LEAD, 50, ""),  # 'The…' says nothing: no label
])
def test_chart_labels_are_cut_at_a_word_boundary_to_the_room(text, room, label):
    from timeline.ui import label_spots

    assert label_spots.short(text, room) == label


def test_chart_labels_text_width_follows_the_letters():
    from timeline.ui.text_width import text_px

    assert text_px("WWWWWWWWWW") > 2.5 * text_px("iiiiiiiiii")
    assert text_px("Taliban", 12) > text_px("Taliban", 11)
    # the demo's lead label measured 298 px in Chromium at 11 px: estimated a little wider, never narrower
    assert 298 < text_px("The Taliban rejected cooperation with the United States to stop…") < 1.25 * 298


def test_chart_labels_of_key_events_take_the_room_a_wide_chart_has(demo_table):
    from timeline.store.filters import Filters, view

    events = view(demo_table, Filters())
    summaries = dict(zip(events["event_id"], events["summary"], strict=True))
    lead = events.nlargest(1, "salience")["summary"].iloc[0]  # 'The Taliban rejected cooperation with ...'

    def texts(width):
        fig = charts.timeline_figure(events, group_by="actor", width_px=width)
        return [a.text for a in fig.layout.annotations if a.name == "label"]

    narrow, wide = texts(None), texts(930)  # a 900 px page's chart (the default), a 1,400 px page's
    lead_narrow = next(t for t in narrow if lead.startswith(t.rstrip("…")))
    lead_wide = next(t for t in wide if lead.startswith(t.rstrip("…")))
    assert len(lead_wide) >= 50 > len(lead_narrow)  # a clause, not 'The Taliban rejected c…'
    assert sum(map(len, wide)) > 1.5 * sum(map(len, narrow))
    for text in narrow + wide:  # never cut mid-word
        assert any(_cut_at_a_word(text, s) for s in summaries.values()), text


@pytest.mark.parametrize("width", [None, 520, 940])
def test_charts_labels_stay_inside_the_axis_the_figure_opens_on(ui_table, width):
    # a view with no date filter and no far-off events: the labels were placed in a range a day wider
    # each side than the axis drawn (min - 1 day .. max + 2 days against the axis's half-day margins),
    # so 'ISIS has claimed responsibility…', right of its mark on the edge of 9 Oct, ran past the plot's
    # right edge and was cut off (the Kunduz location filter of the demo)
    from timeline.ui.text_width import text_px

    bombing = ui_table.iloc[[0]]
    claim = bombing.assign(event_id="claim", cluster_id="claim", date_start=pd.NaT, precision="unknown",
                           date_end=pd.Timestamp("2021-10-09"), salience=0.9,
                           summary="ISIS has claimed responsibility for several recent attacks")
    prayer = bombing.assign(event_id="prayer", cluster_id="prayer", summary="they prayed in a mosque", salience=0.2)
    fig = charts.timeline_figure(pd.concat([bombing, prayer, claim], ignore_index=True), group_by="actor",
                                 width_px=width)
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    plot_px = fig.layout.meta["plot_px"]
    labels = [a for a in fig.layout.annotations if a.name == "label" and not a.showarrow]
    assert any(a.text.startswith("ISIS has claimed") for a in labels), [a.text for a in labels]
    for a in labels:
        at = (pd.Timestamp(a.x) - lo) / (hi - lo) * plot_px + a.xshift
        left, right = (at, at + text_px(a.text)) if a.xanchor == "left" else (at - text_px(a.text), at)
        assert -1 <= left and right <= plot_px + 1, (a.text, left, right, plot_px)
