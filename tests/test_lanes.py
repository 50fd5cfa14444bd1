"""lanes.py: the lane and shape of every event, computed on whole columns."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.ui import lanes

CASES = [
    ("2021-10-08", "2021-10-08", "point"),
    ("2021-10-09", "2021-10-10", "bar"),
    ("2021-10-09", None, "open_end"),
    (None, "2021-10-08", "open_start"),
    (None, None, "undated"),
]


def test_lanes_a_long_bound_is_drawn_as_on_or_after_its_start():
    # 'on or after 14 Mar 2022, and by the publication date 10 May 2024': no two-year bar;
    # a month (a span the text names) and a short bound stay bars
    df = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2022-03-14", "2022-05-01", "2024-05-04"]).astype("datetime64[s]"),
            "date_end": pd.to_datetime(["2024-05-10", "2022-05-31", "2024-05-10"]).astype("datetime64[s]"),
            "precision": ["unknown", "month", "unknown"],
        }
    )
    expected = ["open_end", "bar", "bar"]
    assert lanes.event_shapes(df).tolist() == expected
    assert [lanes.event_shape(s, e, p) for s, e, p in df.itertuples(index=False)] == expected


def test_lanes_event_shapes_match_the_one_event_rule():
    df = pd.DataFrame(
        {
            "date_start": pd.to_datetime([s for s, _, _ in CASES]).astype("datetime64[s]"),
            "date_end": pd.to_datetime([e for _, e, _ in CASES]).astype("datetime64[s]"),
        }
    )
    expected = [shape for _, _, shape in CASES]
    assert lanes.event_shapes(df).tolist() == expected
    assert [
        lanes.event_shape(s, e) for s, e in zip(df["date_start"], df["date_end"], strict=True)
    ] == expected


TITLE = "Taliban rule out cooperation with US on ISIS"


@pytest.mark.parametrize(
    ("group_by", "names"),
    [
        (
            "actor",
            {
                "asumetech:10": ["ISIS"],
                "asumetech:20": ["Taliban", "United States"],
                "ap-rewrite:30": ["United States"],
                "ap-rewrite:40": ["ISIS"],
                "asumetech:50": ["Taliban", "ISIS"],
            },
        ),
        (
            "article",  # an untitled article is named by its id
            {
                "asumetech:10": [TITLE],
                "asumetech:20": [TITLE],
                "ap-rewrite:30": ["ap-rewrite"],
                "ap-rewrite:40": ["ap-rewrite"],
                "asumetech:50": [TITLE],
            },
        ),
    ],
)
def test_lanes_lane_names_by_event_position(ui_table, group_by, names):
    got = lanes.lane_names(ui_table, group_by)
    by_event = {e: got[got.index == i].tolist() for i, e in enumerate(ui_table["event_id"])}
    assert by_event == names


def test_lanes_an_event_without_actor_has_the_no_actor_lane(ui_table):
    df = ui_table.assign(actors=[[]] * len(ui_table))
    assert set(lanes.lane_names(df, "actor")) == {"(no actor)"}


def test_lanes_leave_out_undated_events_and_order_the_busiest_first(ui_table):
    rows, order = lanes.lanes(ui_table, "actor", max_lanes=12)
    assert "asumetech:50" not in set(rows["event_id"])  # the undated one
    assert order == ["ISIS", "United States", "Taliban"]
    assert len(rows) == 5  # Doha counts in two lanes
