from datetime import date

import pandas as pd
import pytest

from timeline.store.filters import Filters, apply_filters
from timeline.table import COLUMNS, build_event_table


def _row(event_id, start, end, actors=(), places=(), article="a1", summary="x"):
    return {
        "event_id": event_id, "article_id": article, "sentence_index": 0, "trigger_start": int(event_id[-1]),
        "date_start": start, "date_end": end, "actor_ids": list(actors), "actors": list(actors),
        "location_ids": list(places), "locations": list(places), "summary": summary, "sentence": summary,
        "n_sources": 1, "sentence_start": 0, "sentence_end": 1, "trigger_end": 1,
    }


@pytest.fixture()
def table():
    return build_event_table([
        _row("e1", date(2021, 10, 8), date(2021, 10, 8), ["isis"], ["kunduz"], "a1", "suicide bombing"),
        _row("e2", date(2021, 10, 9), date(2021, 10, 10), ["taliban", "usa"], ["doha"], "a1", "talks"),
        _row("e3", date(2021, 8, 21), date(2021, 8, 31), ["usa"], ["afghanistan"], "a2", "withdrew"),
        _row("e4", None, None, ["taliban"], [], "a2", "undated claim"),
        _row("e5", None, date(2021, 10, 8), ["isis"], [], "a2", "before publication"),
    ])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"e1", "e2", "e3", "e4", "e5"}),
        (Filters(actors=("isis",)), {"e1", "e5"}),
        (Filters(actors=("isis", "usa")), {"e1", "e2", "e3", "e5"}),
        (Filters(locations=("doha",)), {"e2"}),
        (Filters(sources=("a2",)), {"e3", "e4", "e5"}),
        (Filters(date_from=date(2021, 10, 9)), {"e2", "e4"}),
        (Filters(date_from=date(2021, 10, 9), include_undated=False), {"e2"}),
        (Filters(date_to=date(2021, 8, 25), include_undated=False), {"e3", "e5"}),
        (Filters(date_from=date(2021, 8, 1), date_to=date(2021, 8, 31)), {"e3", "e4", "e5"}),
        (Filters(text="BOMBING"), {"e1"}),
        (Filters(actors=("taliban",), sources=("a1",)), {"e2"}),
    ],
)
def test_filters_keep_the_expected_events(table, filters, expected):
    assert set(apply_filters(table, filters)["event_id"]) == expected


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(actors=("isis", "taliban"), locations=("kunduz",), sources=("a1",)),
        Filters(date_from=date(2021, 8, 1), date_to=date(2021, 10, 31), text="talks", include_undated=False),
    ],
)
def test_filters_round_trip_through_query_params(filters):
    assert Filters.from_query_params(filters.to_query_params()) == filters


def test_filters_ignore_malformed_query_params():
    f = Filters.from_query_params({"from": "2021-02-30", "to": "garbage", "actor": ["isis", ""]})
    assert f == Filters(actors=("isis",))


def test_filters_on_empty_table_return_empty():
    empty = build_event_table([])
    assert apply_filters(empty, Filters(actors=("isis",))).empty
    assert list(empty.columns) == list(COLUMNS)


def test_filters_no_actor_is_an_explicit_choice(ui_table):
    from timeline.store.filters import NONE

    none = ui_table[ui_table["actor_ids"].map(len) == 0]
    some = ui_table[ui_table["actor_ids"].map(lambda a: "isis" in a)]
    ui_table = pd.concat([ui_table, ui_table.iloc[[0]].assign(event_id="x:1", cluster_id="x:1", actor_ids=[[]],
                                                              actors=[[]])], ignore_index=True)
    kept = apply_filters(ui_table, Filters(actors=("isis", NONE), mentions=True))
    assert set(kept["event_id"]) == set(some["event_id"]) | set(none["event_id"]) | {"x:1"}
    assert "x:1" not in set(apply_filters(ui_table, Filters(actors=("isis",), mentions=True))["event_id"])


def test_filters_view_lists_the_articles_in_publication_order():
    # pasted articles are 'pasted-<hash>': the table listed the 20 March article's events before those of
    # 16 March (their ids' order); an undated article comes last
    from timeline.store.filters import view

    rows = [dict(_row("e1", date(2024, 3, 20), date(2024, 3, 20), article="pasted-61"), published=date(2024, 3, 20),
                 rank=1),
            dict(_row("e2", date(2024, 3, 15), date(2024, 3, 15), article="pasted-f7"), published=date(2024, 3, 16),
                 rank=2),
            dict(_row("e3", date(2024, 3, 16), date(2024, 3, 16), article="pasted-f7"), published=date(2024, 3, 16),
                 rank=1),
            dict(_row("e4", date(2024, 3, 1), date(2024, 3, 1), article="pasted-00"), published=None, rank=1)]
    shown = view(build_event_table([dict(r, cluster_id=r["event_id"]) for r in rows]), Filters())
    assert shown["event_id"].tolist() == ["e3", "e2", "e1", "e4"]
