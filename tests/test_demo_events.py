"""Golden events of the demo corpus, checked by hand against the two articles
(published Saturday 2021-10-09; the Kunduz bombing was on Friday 2021-10-08; the Doha talks
on Saturday 9 and Sunday 10 October; the US withdrawal in late August, completed August 30)."""

from __future__ import annotations

import pandas as pd
import pytest

AP = "ap-rewrite-taliban-isis"
ASU = "asumetech-taliban-isis"
D = pd.Timestamp


def rows(demo_table, article, lemmas):
    df = demo_table[(demo_table.article_id == article) & demo_table.lemma.isin(lemmas)]
    assert not df.empty, f"no {lemmas} event in {article}"
    return df


@pytest.mark.parametrize("article", [AP, ASU])
def test_demo_events_kunduz_bombing(demo_table, article):
    bombing = rows(demo_table, article, ["bombing"]).iloc[0]
    assert (bombing.date_start, bombing.date_end) == (D("2021-10-08"), D("2021-10-08"))
    assert bombing.precision == "day"
    assert "Kunduz" in bombing.locations and "isis" in bombing.actor_ids


@pytest.mark.parametrize("article", [AP, ASU])
def test_demo_events_doha_meeting(demo_table, article):
    meet = rows(demo_table, article, ["meet"]).iloc[0]
    assert (meet.date_start, meet.date_end) == (D("2021-10-09"), D("2021-10-10"))
    assert "Doha" in meet.locations
    assert {"taliban", "usa"} <= set(meet.actor_ids)
    weekend = rows(demo_table, article, ["meeting"]).iloc[0]
    assert weekend.date_start >= D("2021-10-09") - pd.Timedelta(days=1) and weekend.date_end <= D("2021-10-10")
    assert "Doha" in weekend.locations


@pytest.mark.parametrize("article", [AP, ASU])
def test_demo_events_us_withdrawal_in_august(demo_table, article):
    for _, w in rows(demo_table, article, ["withdraw"]).iterrows():
        assert D("2021-08-01") <= w.date_start <= w.date_end <= D("2021-08-31")
        assert w.precision in ("day", "week", "month")
        assert "usa" in w.actor_ids


def test_demo_events_left_afghanistan_on_august_30(demo_table):
    left = rows(demo_table, AP, ["leave"])
    left = left[left.sentence.str.contains("August 30")].iloc[0]
    assert (left.date_start, left.date_end) == (D("2021-08-30"), D("2021-08-30"))


@pytest.mark.parametrize("article, lemma", [(AP, "emergence"), (ASU, "appearance")])
def test_demo_events_isis_emergence_in_2014(demo_table, article, lemma):
    e = rows(demo_table, article, [lemma]).iloc[0]
    assert (e.date_start, e.date_end) == (D("2014-01-01"), D("2014-12-31")) and e.precision == "year"
    assert "eastern Afghanistan" in e.locations


@pytest.mark.parametrize("article, lemmas", [(AP, ["launch", "attack"]), (ASU, ["carry", "attack"])])
def test_demo_events_isis_attacks_since_2014_are_a_span_still_going_on(demo_table, article, lemmas):
    # "ISIS has launched frequent attacks ... since its emergence ... in 2014" / "has carried
    # out several deadly attacks since its appearance ... in 2014": attacks from some day of
    # 2014 on, still going on at publication, not a single day.
    df = rows(demo_table, article, lemmas)
    df = df[df.sentence.str.contains("since its")]
    assert set(df.lemma) == set(lemmas)
    for _, e in df.iterrows():
        assert e.date_start == D("2014-01-01") and pd.isna(e.date_end), (e.trigger, e.date_start, e.date_end)
        assert e.event_time == "beginPoint=after2014-01-01before2014-12-31endPoint=after2021-10-09"
        assert "Began with" in e.date_explanation


@pytest.mark.parametrize("article", [AP, ASU])
def test_demo_events_bombing_killed_and_injured_on_its_day(demo_table, article):
    # "a suicide bombing on Friday / ... yesterday that killed 46 ... and injured dozens":
    # the killing and the injuring happened in the bombing, on Friday 8 October.
    for _, e in rows(demo_table, article, ["kill", "injure"]).iterrows():
        assert (e.date_start, e.date_end) == (D("2021-10-08"), D("2021-10-08")), (e.trigger, e.date_explanation)


def test_demo_events_first_talks_since_the_withdrawal_do_not_start_then(demo_table):
    # "have taken a hard line ... in light of the first direct talks ... since America withdrew
    # ... last August": 'since' counts the talks; the hard line is not a state begun in August.
    taken = rows(demo_table, ASU, ["take"])
    taken = taken[taken.sentence.str.contains("hard line")].iloc[0]
    # no day in the text: on or before the publication day, and not since August
    assert pd.isna(taken.date_start) and taken.date_end == D("2021-10-09"), taken.date_explanation


@pytest.mark.parametrize("article", [AP, ASU])
def test_demo_events_discussions_the_two_days_before_the_talks(demo_table, article):
    # "The talks come after / follow two days of difficult discussions ... in Islamabad": the Doha
    # talks are on Saturday 9 and Sunday 10 October, so the discussions on 7 and 8 October.
    d = rows(demo_table, article, ["discussion"]).iloc[0]
    assert (d.date_start, d.date_end) == (D("2021-10-07"), D("2021-10-08"))


def test_demo_events_threats_rising_after_the_kunduz_attack(demo_table):
    # "... where ISIS threats are rising after the Kunduz attack": after the Friday bombing.
    rising = rows(demo_table, AP, ["rise"]).iloc[0]
    assert rising.date_start == D("2021-10-09") and pd.isna(rising.date_end)
    assert "After 'attack'" in rising.date_explanation


def test_demo_events_isis_daesh_islamic_state_one_actor(demo_analyses):
    from timeline.events.entities import canonical_actor

    names = {"ISIS", "Daesh", "the Islamic State"}
    assert {canonical_actor(n).id for n in names} == {"isis"}
    text = demo_analyses[AP].article.text
    assert all(n in text for n in names)


def test_demo_events_bombing_merges_across_articles(demo_table):
    bombings = demo_table[demo_table.lemma == "bombing"]
    assert bombings.article_id.nunique() == 2
    assert bombings.cluster_id.nunique() == 1
    assert (bombings.n_sources == 2).all()
    assert sorted(bombings.iloc[0].sources) == sorted([AP, ASU])


def test_demo_events_boilerplate_gives_no_events(demo_table):
    assert not demo_table.sentence.str.contains("Follow AsumeTech|Leave a Reply|Advertisement").any()
