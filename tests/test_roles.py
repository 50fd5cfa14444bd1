"""The part an actor plays in an event (agent, patient, other) and the dashboard's "as agent"
actor filter (timeline/events/participants.py role, store/filters.py; issue 19).  The
sentences are written for these tests; each role is read from the sentence."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from timeline.models import Article
from timeline.store.filters import Filters, apply_filters, where_clause

P = date(2021, 10, 9)


def _events(nlp, text):
    from timeline.pipeline import analyze_articles

    [analysis] = analyze_articles([Article(id="a", title="", text=text, published=P)], nlp)
    return analysis.events


@pytest.mark.parametrize("text, trigger, actors, agents", [
    ("ISIS attacked the Taliban in Kunduz on Friday.", "attacked", {"isis", "taliban"}, ("isis",)),
    ("The Taliban were attacked by ISIS on Friday.", "attacked", {"isis", "taliban"}, ("isis",)),
    ("The Taliban rejected cooperation with the United States on Saturday.", "rejected", {"taliban", "usa"},
     ("taliban",)),
    ("ISIS and the Taliban clashed in Kunduz on Friday.", "clashed", {"isis", "taliban"}, ("isis", "taliban")),
    ("The attack on the Taliban killed 40 people on Friday.", "attack", {"taliban"}, ()),
    # object control: the object of the verb completed does it ('urged the US to release': the US releases)
    ("Pakistan urged the United States to release Afghan funds on Friday.", "release", {"usa", "afghanistan"},
     ("usa",)),
    ("The Taliban agreed to meet the US envoy on Saturday.", "meet", {"taliban", "usa"}, ("taliban",)),
])
def test_roles_from_the_parse(nlp, text, trigger, actors, agents):
    ev = next(e for e in _events(nlp, text) if e.trigger == trigger)
    assert {a.id for a in ev.actors} == actors
    assert sorted(ev.agent_ids) == sorted(agents)
    assert set(ev.agent_ids) <= {a.id for a in ev.actors}


def _table():
    from timeline.table import build_event_table

    def row(eid, actors, agents):
        return {"event_id": eid, "article_id": "a", "lemma": "attack", "trigger": "attacked", "summary": eid,
                "sentence": eid, "date_start": pd.Timestamp("2021-10-08"), "date_end": pd.Timestamp("2021-10-08"),
                "actor_ids": actors, "actors": actors, "agent_ids": agents, "date_source": "timex",
                "sentence_index": 0, "trigger_start": 0, "trigger_end": 1, "sentence_start": 0, "sentence_end": 1}

    return build_event_table([row("isis-attacks-taliban", ["isis", "taliban"], ["isis"]),
                              row("taliban-attacks-isis", ["taliban", "isis"], ["taliban"]),
                              row("us-meets", ["usa"], ["usa"])])


def test_as_agent_keeps_what_the_actor_does_not_what_is_done_to_it():
    df = _table()
    anyrole = apply_filters(df, Filters(actors=("taliban",)))
    agent = apply_filters(df, Filters(actors=("taliban",), role="agent"))
    assert sorted(anyrole["event_id"]) == ["isis-attacks-taliban", "taliban-attacks-isis"]
    assert list(agent["event_id"]) == ["taliban-attacks-isis"]


def test_as_agent_in_sql_and_in_the_url():
    f = Filters(actors=("taliban",), role="agent")
    sql, params = where_clause(f)
    assert "agent_ids" in sql and "actor_ids" not in sql and ["taliban"] in params
    assert f.to_query_params()["role"] == "agent"
    assert Filters.from_query_params(f.to_query_params()) == f
    assert Filters.from_query_params({"role": "bogus"}).role == "any"  # a malformed link is the default


def test_a_store_filters_by_role_like_the_table(tmp_path):
    from timeline.models import Actor, Event
    from timeline.pipeline import ArticleAnalysis
    from timeline.store.database import Store, make_batch

    def ev(i, agents):
        return Event(article_id="a", event_id=f"a:{i}", sentence_index=i, sentence_start=0, sentence_end=1,
                     sentence="x", trigger="attacked", trigger_start=i, trigger_end=i + 1, lemma="attack",
                     summary=f"e{i}", date_start=P, date_end=P, precision="day", date_source="timex",
                     date_explanation="", actors=(Actor("isis", "ISIS"), Actor("taliban", "Taliban")),
                     agent_ids=agents)

    article = Article(id="a", title="t", text="x", published=P)
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(make_batch([ArticleAnalysis(article, (), (ev(1, ("isis",)), ev(2, ("taliban",))))]))
        agent = store.events(Filters(actors=("taliban",), role="agent", level="mentions"))
        assert list(agent["summary"]) == ["e2"]
        assert len(store.events(Filters(actors=("taliban",), level="mentions"))) == 2


def test_the_object_of_the_verb_completed_is_who_does_it_in_the_summary(nlp):
    # demo article: 'the Taliban began driving Afghans fleeing insurgent attacks' (the Afghans flee)
    text = "Meanwhile, the Taliban began driving Afghans fleeing insurgent attacks in August and back to their homes."
    fleeing = next(e for e in _events(nlp, text) if e.trigger == "fleeing")
    assert fleeing.summary.startswith("Afghans fleeing") and "Taliban" not in fleeing.summary
    assert "taliban" not in {a.id for a in fleeing.actors}


def test_one_actor_across_articles_by_its_surname():
    from timeline.events.actors import name_variants, unify

    df = pd.DataFrame({
        "event_id": ["a:1", "b:1", "c:1", "c:2", "d:1"],
        "actor_ids": [["suhail-shaheen"], ["shaheen", "taliban"], ["mark-short"], ["megan-short"], ["short", "isis"]],
        "actors": [["Suhail Shaheen"], ["Shaheen", "Taliban"], ["Mark Short"], ["Megan Short"], ["Short", "ISIS"]],
        "agent_ids": [["suhail-shaheen"], ["shaheen"], [], [], ["short"]],
    })
    variants = name_variants(df["actor_ids"], df["actors"])
    # 'Shaheen' is the one full name of the collection ending with it; 'Short' could be Mark or Megan
    assert variants == {"shaheen": ("suhail-shaheen", "Suhail Shaheen")}
    out = unify(df, variants).set_index("event_id")
    assert out.loc["b:1", "actor_ids"] == ["suhail-shaheen", "taliban"]
    assert out.loc["b:1", "actors"] == ["Suhail Shaheen", "Taliban"]
    assert out.loc["b:1", "agent_ids"] == ["suhail-shaheen"]
    assert out.loc["d:1", "actor_ids"] == ["short", "isis"]


def test_a_company_is_one_actor_with_or_without_its_legal_form():
    from timeline.events.entities import canonical_actor

    assert canonical_actor("Apple Inc.", "ORG").id == canonical_actor("Apple", "ORG").id == "apple"
    assert canonical_actor("Tesla, Inc.", "ORG").name == "Tesla"
    assert canonical_actor("Boeing Co.", "ORG").id == "boeing"


def _stored(nlp, tmp_path, texts, actor):
    """The mentions of ``actor`` in a store of the articles (one per text), and every actor id."""
    from timeline.pipeline import analyze_articles
    from timeline.store.database import Store, make_batch

    arts = [Article(id=chr(ord("a") + k), title="", published=P, text=t) for k, t in enumerate(texts)]
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(make_batch(analyze_articles(arts, nlp)))
        store.recompute_clusters(3)
        found = store.events(Filters(actors=(actor,), level="mentions", mentions=True))
        return found, {i for ids in store.events()["actor_ids"] for i in ids}


def test_the_store_unifies_actors_across_its_articles(nlp, tmp_path):
    met, ids = _stored(nlp, tmp_path, ["Taliban spokesman Suhail Shaheen said on Saturday that the group rejected "
                                       "cooperation.", "On Friday, Shaheen met Pakistani officials in Doha."],
                       "suhail-shaheen")
    assert "met" in set(met["trigger"]) and set(met["article_id"]) == {"a", "b"}
    assert "shaheen" not in ids


def _variants(names_by_event):
    from timeline.events.actors import name_variants
    from timeline.events.entities import slug

    ids = pd.Series([[slug(n) for n in names] for names in names_by_event])
    return {k: v[1] for k, v in name_variants(ids, pd.Series([list(n) for n in names_by_event])).items()}


def test_one_actor_across_articles_by_model_acronym_plural_and_country():
    v = _variants([["Boeing 787 Dreamliner"], ["Boeing 787 Dreamliner"], ["Boeing 787"], ["787"],
                   ["United States Air Force"], ["USAF"], ["U.S. Air Force"],
                   ["iPhone"], ["iPhones"], ["Airbus A380"], ["Airbus A380"], ["First Airbus A380"], ["A380"]])
    assert v["boeing-787"] == v["787"] == "Boeing 787 Dreamliner"  # one model, its fullest name named twice
    assert v["usaf"] == "United States Air Force"  # the initials of one name of the collection
    assert v["us-air-force"] == "United States Air Force"  # 'U.S.' is the United States of actors.yaml
    assert v["iphones"] == "iPhone"
    assert v["a380"] == "Airbus A380"  # not the headline's one-off 'First Airbus A380'
    assert "airbus-a380" not in v


def test_a_capital_s_ends_a_model_not_a_plural():
    # the iPhone 3GS is the model after the iPhone 3G, not several of them; 'iPhones' are iPhones
    v = _variants([["iPhone 3G"], ["iPhone 3GS"], ["iPhone"], ["iPhones"]])
    assert "iphone-3gs" not in v
    assert v["iphones"] == "iPhone"


def test_a_name_led_by_a_number_word_is_the_name_it_counts():
    v = _variants([["Airbus A380"], ["First Airbus A380"], ["First Airbus A380"], ["First Airbus A380"],
                   ["Airbus A380"], ["Airbus A380"], ["First Data"]])
    assert v["first-airbus-a380"] == "Airbus A380"  # a headline's 'First Airbus A380', named less than the model
    assert "airbus-a380" not in v and "first-data" not in v  # no 'Data' in the collection


def test_a_model_number_without_its_letters_is_the_lettered_model_of_that_maker():
    v = _variants([["Zorbex Z900"], ["Zorbex Z900"], ["Zorbex 900"], ["Comet 900"],
                   ["Volna 320"], ["Volna A320"], ["Volna B320"]])
    assert v["zorbex-900"] == "Zorbex Z900"  # the same maker, the model with its letter
    assert "comet-900" not in v  # another maker's 900
    assert "volna-320" not in v  # two lettered models: which one?


def test_the_store_resolves_a_description_by_what_other_articles_call_an_actor(nlp, tmp_path):
    # article b never says what the Zephyr Z9 is; article a calls it a plane
    from timeline.pipeline import analyze_articles
    from timeline.store.database import Store, make_batch

    arts = [Article(id="a", title="", published=P,
                    text="The Zephyr Z9, the world's largest passenger plane, was unveiled by Zorbex on Monday."),
            Article(id="b", title="", published=P,
                    text="Skyline Airways bought a Zephyr Z9 on Tuesday. The plane landed in Oslo on Wednesday.")]
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(make_batch(analyze_articles(arts, nlp)))
        store.recompute_clusters(3)
        landed = store.events().set_index("trigger").loc["landed"]
        assert list(landed["descriptions"]) == ["agent:plane"]
        assert list(landed["actor_ids"]) == ["zephyr-z9"] and list(landed["agent_ids"]) == ["zephyr-z9"]


def test_a_description_across_articles_needs_one_actor_named_before_it():
    from timeline.events.kinds import resolve_descriptions

    rows = pd.DataFrame({
        "article_id": ["a", "b", "c", "d"], "trigger_start": [10, 50, 50, 50],
        "actor_ids": [["zephyr-z9", "comet-c2"], [], [], []], "actors": [["Zephyr Z9", "Comet C2"], [], [], []],
        "agent_ids": [[], [], [], []], "descriptions": [[], ["patient:plane"], ["agent:plane"], ["agent:plane"]]})
    kinds = {"a": ["plane:zephyr-z9:0", "plane:comet-c2:20"],
             "b": [":zephyr-z9:0"],  # the one plane of b, named before the event
             "c": [":zephyr-z9:0", ":comet-c2:5"],  # two planes: which one?
             "d": [":zephyr-z9:80"]}  # named after the event only
    out = resolve_descriptions(rows, kinds)
    assert [list(ids) for ids in out["actor_ids"]][1:] == [["zephyr-z9"], [], []]
    assert list(out["agent_ids"][1]) == []  # a patient


def test_no_actor_across_articles_when_the_name_is_ambiguous_or_a_place():
    v = _variants([["Royal Saudi Air Force"], ["United States Air Force"], ["Air Force"],
                   ["West Texas"], ["Texas"], ["Mark Short"], ["Megan Short"], ["Short"]])
    assert v == {}  # two air forces; Texas is a place of its own; two Shorts


def test_the_actor_box_finds_a_name_the_store_united(nlp, tmp_path):
    from timeline.pipeline import analyze_articles
    from timeline.store.database import Store, make_batch
    from timeline.store.filters import actor_choices, find_actor

    arts = [Article(id="a", title="", published=P, text="The United States Air Force chose a tanker on Friday."),
            Article(id="b", title="", published=P, text="The USAF signed the contract on Saturday.")]
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(make_batch(analyze_articles(arts, nlp)))
        store.recompute_clusters(3)
        table = store.events(Filters(mentions=True, level="mentions"))
        aid = find_actor("USAF", actor_choices(table), store.actor_aliases())
        assert aid == "united-states-air-force"
        rows = store.events(Filters(actors=(aid,), mentions=True, level="mentions"))
        assert {"chose", "signed"} <= set(rows["trigger"])


@pytest.mark.parametrize("text, trigger, actors, agents", [
    # the participle that describes an event noun names its parties
    ("The attack carried out by ISIS killed 40 people in Kunduz on Friday.", "attack", {"isis"}, ("isis",)),
    ("The deal begun between Aeroflot and Boeing last year was approved on Monday.", "deal",
     {"aeroflot", "boeing"}, ()),
])
def test_roles_an_event_noun_takes_the_parties_of_its_participle(nlp, text, trigger, actors, agents):
    ev = next(e for e in _events(nlp, text) if e.trigger == trigger)
    assert {a.id for a in ev.actors} == actors
    assert sorted(ev.agent_ids) == sorted(agents)


def test_the_store_knows_an_acronym_one_article_defines_where_another_uses_it_alone(nlp, tmp_path):
    # 'SIA' stands for Singapore Airlines in both articles; its initials ('SA') would not say so
    said, ids = _stored(nlp, tmp_path, ["Singapore Airlines (SIA) received the first plane from Airbus on Monday.",
                                        "In a statement on Friday, SIA said that the delays hurt."],
                        "singapore-airlines")
    assert "said" in set(said["trigger"]) and set(said["article_id"]) == {"a", "b"}
    assert "sia" not in ids


def test_a_name_with_an_inner_word_left_out_is_the_one_name_that_has_it():
    # the iTunes Store was called the iTunes Music Store; Pakistan Airlines is Pakistan International Airlines
    v = _variants([["iTunes Music Store"], ["iTunes Store"], ["Pakistan International Airlines"],
                   ["Pakistan Airlines"], ["Bank of North America"], ["Bank of South America"], ["Bank of America"]])
    assert v["itunes-store"] == "iTunes Music Store"
    assert v["pakistan-airlines"] == "Pakistan International Airlines"
    assert "bank-of-america" not in v  # neither of the two banks it could shorten


def test_the_store_gives_the_maker_to_a_product_it_learns_of_across_articles(nlp, tmp_path):
    # b's 'the plane' is the A380 that a calls a plane, and a plane delivered is delivered by its maker
    found, _ = _stored(nlp, tmp_path, ["Airbus said on Monday that the Airbus A380 is the largest passenger plane.",
                                       "The Airbus A380 landed in Singapore on Monday. The plane was delivered to "
                                       "Singapore Airlines on Tuesday."], "airbus")
    assert "delivered" in set(found[found["article_id"] == "b"]["trigger"])
    assert "landed" not in set(found["trigger"])


def test_a_product_line_makes_none_of_its_models_across_articles():
    from timeline.events.makers import with_collection_makers

    rows = pd.DataFrame({"lemma": ["deliver", "deliver", "land", "say", "say"],
                         "actor_ids": [["airbus-a380"], ["iphone-4"], ["airbus-a380"], ["airbus"], ["iphone"]],
                         "actors": [["Airbus A380"], ["iPhone 4"], ["Airbus A380"], ["Airbus"], ["iPhone"]],
                         "agent_ids": [[], [], [], ["airbus"], ["iphone"]]})
    out = with_collection_makers(rows)
    assert list(out["actor_ids"]) == [["airbus-a380", "airbus"], ["iphone-4"], ["airbus-a380"], ["airbus"], ["iphone"]]
    assert out["agent_ids"][0] == ["airbus"]
