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


def test_merge_one_article_one_day_one_kind_is_one_event():
    # "the suicide bombing on Friday" ... "Friday's attack" (no shared actor): one attack, told twice
    df = merged([row("a:1", "a", "bombing", "2021-10-08", actors=["isis"]),
                 row("a:2", "a", "attack", "2021-10-08", source="context"),
                 row("a:3", "a", "meet", "2021-10-08")])  # another kind stays apart
    assert df.loc["a:1", "cluster_id"] == df.loc["a:2", "cluster_id"] != df.loc["a:3", "cluster_id"]
    assert df.loc["a:1", "n_mentions"] == 2 and df.loc["a:3", "n_mentions"] == 1


def _level(rows):
    from timeline.events.merge import event_level

    return event_level(merge_events(build_event_table(rows), window_days=3)).set_index("cluster_id")


def test_event_level_one_row_per_event_with_its_mentions_united():
    a = row("a:1", "a", "bombing", "2021-10-08", actors=["isis"], places=["name:kunduz"]) | {
        "summary": "suicide bombing on Friday", "salience": 0.9, "actors": ["ISIS"]}
    b = row("b:1", "b", "attack", "2021-10-08", actors=["isis", "taliban"]) | {
        "summary": "attack", "salience": 0.4, "actors": ["ISIS", "Taliban"]}
    c = row("c:1", "c", "meet", "2021-10-09", actors=["us"]) | {"summary": "talks", "salience": 0.5}
    df = _level([a, b, c])
    assert len(df) == 2
    bombing = df.loc["a:1"]
    assert bombing["summary"] == "suicide bombing on Friday"  # the most salient mention stands for it
    assert bombing["actor_ids"] == ["isis", "taliban"] and bombing["location_ids"] == ["name:kunduz"]
    assert bombing["sources"] == ["a", "b"] and bombing["n_sources"] == 2 and bombing["n_mentions"] == 2
    assert df.loc["c:1", "n_mentions"] == 1


def test_event_level_reconciles_the_date_and_flags_a_conflict():
    # a month and a day of one withdrawal agree: the day; the talks on 9-10 Oct in one article and on
    # 11 Oct in another (3-day window) disagree: the representative's date is kept, both readings listed
    month = row("a:1", "a", "withdraw", "2021-08-01", "2021-08-31", actors=["us"]) | {"salience": 0.9, "precision": "month"}
    day = row("b:1", "b", "withdraw", "2021-08-30", actors=["us"]) | {"salience": 0.5, "precision": "day"}
    t1 = row("a:2", "a", "meet", "2021-10-09", "2021-10-10", actors=["taliban"]) | {"salience": 0.9}
    t2 = row("b:2", "b", "meet", "2021-10-11", actors=["taliban"]) | {"salience": 0.5}
    df = _level([month, day, t1, t2])
    w = df.loc["a:1"]
    assert (w["date_start"], w["date_end"], w["precision"]) == (pd.Timestamp("2021-08-30"), pd.Timestamp("2021-08-30"), "day")
    assert w["date_conflict"] == ""
    t = df.loc["a:2"]
    assert (t["date_start"], t["date_end"]) == (pd.Timestamp("2021-10-09"), pd.Timestamp("2021-10-10"))
    assert t["date_conflict"] == "11 Oct 2021; 9 Oct 2021–10 Oct 2021"


def test_event_level_keeps_an_event_on_the_timeline_if_any_mention_is():
    a = row("a:1", "a", "attack", "2021-10-08", actors=["isis"]) | {"on_timeline": False, "salience": 0.9}
    b = row("b:1", "b", "attack", "2021-10-08", actors=["isis"]) | {"on_timeline": True, "salience": 0.2}
    df = _level([a, b])
    assert len(df) == 1 and df.iloc[0]["on_timeline"] and df.iloc[0]["event_id"] == "b:1"


def test_event_level_an_undated_mention_is_its_articles_one_dated_event_of_its_kind():
    # 'Teen dies in shooting' (headline, no day: on or before 10 Apr) and 'The shooting happened
    # around 3:40 p.m. Saturday' (8 Apr) in one article: one event, on 8 Apr, told by the headline
    head = row("a:1", "a", "shooting", None, "2017-04-10", source="publication") | {
        "summary": "Teen dies in shooting", "salience": 0.9, "precision": "unknown"}
    body = row("a:2", "a", "shoot", "2017-04-08") | {"summary": "The shooting happened", "salience": 0.4,
                                                     "precision": "day"}
    other = row("b:1", "b", "shooting", None, "2017-04-10", source="publication") | {"salience": 0.9}
    df = _level([head, body, other])
    assert len(df) == 2  # another article's undated shooting stays its own
    ev = df.loc["a:1"]
    assert (ev["date_start"], ev["date_end"], ev["date_source"]) == (pd.Timestamp("2017-04-08"), pd.Timestamp("2017-04-08"), "timex")
    assert ev["summary"] == "Teen dies in shooting" and ev["n_mentions"] == 2
    assert "another mention" in ev["date_explanation"]


def test_merge_an_undated_mention_stays_apart_when_its_article_dates_two_of_its_kind():
    df = merged([row("a:1", "a", "shooting", None, "2017-04-10", source="publication"),
                 row("a:2", "a", "shooting", "2017-04-08"),
                 row("a:3", "a", "shooting", "2017-04-02"),
                 row("a:4", "a", "arrest", None, "2017-04-10", source="publication"),
                 row("a:5", "a", "arrest", "2017-04-12")])  # dated after the mention's last possible day
    assert df["cluster_id"].nunique() == 5
