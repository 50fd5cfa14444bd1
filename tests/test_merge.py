"""Cross-article merging on hand-built event tables (timeline/events/merge.py)."""

from __future__ import annotations

import pandas as pd

from timeline.events.merge import merge_events
from timeline.table import build_event_table


def row(eid, article, lemma, start, end=None, actors=(), places=(), source="timex"):
    return {"event_id": eid, "article_id": article, "lemma": lemma, "trigger": lemma,
            "date_start": start and pd.Timestamp(start), "date_end": pd.Timestamp(end or start) if (end or start) else None,
            "actor_ids": list(actors), "location_ids": list(places), "locations": list(places),
            "date_source": source, "sentence_index": 0, "trigger_start": 0, "trigger_end": 1,
            "sentence_start": 0, "sentence_end": 1, "n_sources": 1}


def merged(rows):
    return merge_events(build_event_table(rows), window_days=3).set_index("event_id")


def test_merge_same_event_two_articles_one_cluster():
    df = merged([row("a:1", "a", "bombing", "2021-10-08", actors=["isis"], places=["geonames:1135689"]),
                 row("b:1", "b", "attack", "2021-10-08", actors=["isis"])])
    assert df.loc["a:1", "cluster_id"] == df.loc["b:1", "cluster_id"]
    assert df.loc["a:1", "n_sources"] == 2 and df.loc["b:1", "sources"] == ["a", "b"]


def test_merge_keeps_every_mention_row():
    rows = [row(f"a:{i}", "a", "attack", "2021-10-08", actors=["isis"]) for i in range(5)]
    df = merged(rows)
    assert len(df) == 5 and df["cluster_id"].nunique() == 1 and (df["n_sources"] == 1).all()


def test_merge_different_kind_dates_or_entities_stay_apart():
    df = merged([row("a:1", "a", "bombing", "2021-10-08", actors=["isis"]),
                 row("b:1", "b", "meet", "2021-10-08", actors=["isis"]),  # other kind
                 row("c:1", "c", "attack", "2021-09-01", actors=["isis"]),  # far in time
                 row("d:1", "d", "attack", "2021-10-08", actors=["taliban"])])  # no shared actor
    assert df["cluster_id"].nunique() == 4 and (df["n_sources"] == 1).all()


def test_merge_undated_or_publication_dated_never_merge():
    df = merged([row("a:1", "a", "attack", None, actors=["isis"]),
                 row("b:1", "b", "attack", None, actors=["isis"]),
                 row("c:1", "c", "say", "2021-10-09", actors=["isis"], source="publication"),
                 row("d:1", "d", "say", "2021-10-09", actors=["isis"], source="publication")])
    assert df["cluster_id"].nunique() == 4


def test_merge_country_alone_does_not_link():
    df = merged([row("a:1", "a", "attack", "2021-10-08", places=["geonames:1149361"]),
                 row("b:1", "b", "attack", "2021-10-08", places=["geonames:1149361"])])
    assert df["cluster_id"].nunique() == 2


def test_merge_empty_table():
    assert merge_events(build_event_table([])).empty


def test_merge_one_article_two_days_are_two_events():
    # One article dates the bombing on Friday and the clerics' attack on the rulers on Saturday:
    # two events, even of one kind and with a shared actor; another article's Friday bombing joins the first.
    df = merged([row("a:1", "a", "bombing", "2021-10-08", actors=["shia"]),
                 row("a:2", "a", "attack", "2021-10-09", actors=["shia"], source="context"),
                 row("b:1", "b", "bombing", "2021-10-08", actors=["shia"])])
    assert df.loc["a:1", "cluster_id"] == df.loc["b:1", "cluster_id"] != df.loc["a:2", "cluster_id"]
    assert df.loc["a:2", "n_sources"] == 1
