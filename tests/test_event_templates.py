"""Dating templates (timeline/events/templates.py), the learned table stored as data, and
the features they read (timeline/events/features.py)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.event_date import range_label
from timeline.events.features import Features, Slots, timex_class
from timeline.events.templates import TEMPLATES, choose, instantiate, rank, table
from timeline.models import Timex

DCT = date(2021, 10, 9)
FRIDAY = Timex(0, 6, "Friday", "DATE", "2021-10-08", "day", date(2021, 10, 8), date(2021, 10, 8))
Y2014 = Timex(0, 4, "2014", "DATE", "2014", "year", date(2014, 1, 1), date(2014, 12, 31))
LATE_AUG = Timex(0, 11, "late August", "DATE", "2021-08", "month", date(2021, 8, 21), date(2021, 8, 31), mod="END")


@pytest.mark.parametrize("template, slots, label, first, last", [
    ("DCT", Slots(published=DCT), "2021-10-09", DCT, DCT),
    ("before_dct", Slots(published=DCT), "before2021-10-09", None, date(2021, 10, 8)),
    ("after_dct", Slots(published=DCT), "after2021-10-09", date(2021, 10, 10), None),
    ("ongoing", Slots(published=DCT), "beginPoint=before2021-10-09endPoint=after2021-10-09", None, None),
    ("future_span", Slots(published=DCT), "beginPoint=after2021-10-09endPoint=after2021-10-09",
     date(2021, 10, 10), None),
    ("G_at", Slots(FRIDAY, published=DCT), "2021-10-08", date(2021, 10, 8), date(2021, 10, 8)),
    ("G_before", Slots(FRIDAY, published=DCT), "before2021-10-08", None, date(2021, 10, 7)),
    ("G_since", Slots(Y2014, published=DCT), "beginPoint=after2014-01-01before2014-12-31endPoint=after2021-10-09",
     date(2014, 1, 1), None),
    ("S_at", Slots(sentence=LATE_AUG, published=DCT), "after2021-08-20before2021-09-01",
     date(2021, 8, 21), date(2021, 8, 31)),
    ("L_after_until_dct", Slots(last=Y2014, published=DCT), "after2014-12-31before2021-10-09",
     date(2015, 1, 1), date(2021, 10, 8)),
])
def test_event_templates_instantiate(template, slots, label, first, last):
    got = instantiate(template, slots)
    assert got is not None and (got.label, got.first, got.last) == (label, first, last)
    assert got.explanation.endswith(".") and got.explanation[0].isupper()


@pytest.mark.parametrize("template", ["G_at", "S_before", "L_since"])
def test_event_templates_missing_slot_is_none(template):
    assert instantiate(template, Slots(published=DCT)) is None


def test_event_templates_no_empty_interval():
    assert instantiate("L_after_until_dct", Slots(last=FRIDAY, published=DCT)) is None  # Friday .. Saturday: no day


def test_event_templates_no_publication_date_is_none():
    assert instantiate("DCT", Slots()) is None and instantiate("G_at", Slots(FRIDAY)) is None


def test_event_templates_table_is_valid_data():
    data = table()
    assert "train split" in data["_comment"]

    def walk(node):
        assert node["rank"] and set(node["rank"]) <= set(TEMPLATES)
        if "split" in node:
            assert node["split"] in data["features"]
            walk(node["yes"])
            walk(node["no"])

    walk(data["tree"])


def test_event_templates_choose_falls_back_when_no_template_fits():
    tree = {"rank": ["G_at"]}
    sentinel = object()
    assert choose(Features({}, Slots(published=DCT)), lambda: sentinel, tree) is sentinel
    got = choose(Features({}, Slots(FRIDAY, published=DCT)), lambda: sentinel, tree)
    assert got.label == "2021-10-08"


def test_event_templates_rank_walks_binary_tests():
    tree = {"rank": ["DCT"], "split": "tense", "value": "future", "yes": {"rank": ["after_dct"]},
            "no": {"rank": ["DCT"]}}
    assert rank(tree, {"tense": "future"}) == ["after_dct"] and rank(tree, {"tense": "past"}) == ["DCT"]


@pytest.mark.parametrize("tx, cls", [(FRIDAY, "past_day"), (Y2014, "past_range"), (None, "none"),
                                     (Timex(0, 5, "today", "DATE", "2021-10-09", "day", DCT, DCT), "dct"),
                                     (Timex(0, 3, "now", "DATE", "PRESENT_REF", "unknown"), "present_ref")])
def test_event_features_timex_class(tx, cls):
    assert timex_class(tx, DCT) == cls


@pytest.mark.parametrize("first, last, grain, label", [
    (date(2021, 8, 21), date(2021, 8, 31), "month", "after2021-08-20before2021-09-01"),  # late August keeps its days
    (date(2014, 1, 1), date(2014, 12, 31), "year", "after2014-01-01before2014-12-31"),
])
def test_event_dates_range_label_keeps_finer_intervals(first, last, grain, label):
    assert range_label(first, last, grain) == label


def test_event_features_read_the_parse(nlp):
    from timeline.events.dating import trigger_features

    doc = nlp("Shaheen told the AP that the Taliban will meet US officials.")
    toks = [t for t in doc if t.lower_ in ("told", "meet")]
    feats = trigger_features(doc, toks, [], DCT)
    told, meet = (feats[t.i][1].values for t in toks)
    assert told["reporting"] == "True" and told["tense"] == "past" and told["form"] == "finite"
    assert meet["tense"] == "future" and meet["modal"] == "will" and meet["under_report"] == "past"


def test_events_destination_is_a_place_not_an_actor(nlp):
    from timeline.events.participants import event_actors, event_places
    from timeline.events.summaries import summarize

    doc = nlp("Shokaria Khanum waited on Saturday to leave for Kunduz in a bus.")
    leave = next(t for t in doc if t.lower_ == "leave")
    assert "kunduz" not in {a.id for a in event_actors(leave)}
    assert "Kunduz" in {p.name for p in event_places(leave)}
    assert summarize(leave).startswith("Shokaria Khanum")


def _dated(nlp, text, word, published=DCT):
    from timeline.events.dating import date_events

    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return date_events(doc, [tok], [], published)[tok.i]


@pytest.mark.parametrize("text, word", [
    ("The farmers say they cannot pay the new tax.", "pay"),
    ("I can tell you that the bridge is safe.", "tell"),
])
def test_event_templates_can_is_present_not_future(nlp, text, word):
    got = _dated(nlp, text, word)  # what one can or cannot do is assessed now, not a future event
    assert (got.label, got.first, got.last) == ("2021-10-09", DCT, DCT)


@pytest.mark.parametrize("text, word, label, last", [
    # told in the past tense: the part of the week before the publication day
    ("The minister met the envoy this week.", "met", "after2021-10-03before2021-10-09", date(2021, 10, 8)),
    ("The minister will meet the envoy this week.", "meet", "after2021-10-03before2021-10-11", date(2021, 10, 10)),
])
def test_event_templates_past_event_in_the_current_week_ends_before_publication(nlp, text, word, label, last):
    from timeline.events.dating import date_events

    doc = nlp(text)
    start = text.index("this week")
    week = Timex(start, start + 9, "this week", "DATE", "2021-W40", "week", date(2021, 10, 4), date(2021, 10, 10))
    tok = next(t for t in doc if t.text == word)
    got = date_events(doc, [tok], [week], DCT)[tok.i]
    assert (got.label, got.first, got.last) == (label, date(2021, 10, 4), last)


@pytest.mark.parametrize("text, word", [
    ("The family owns three flats in the old town.", "owns"),
    ("Her brother lives in Lisbon.", "lives"),
    ("The island has two airports.", "has"),
])
def test_event_templates_present_state_goes_on_across_publication(nlp, text, word):
    got = _dated(nlp, text, word)
    assert got.label == "beginPoint=before2021-10-09endPoint=after2021-10-09" and got.includes_published


@pytest.mark.parametrize("text, word", [
    ("The navy is now patrolling the strait.", "patrolling"),
    ("The rebels now control the northern province.", "control"),
])
def test_event_templates_now_with_a_present_state_is_ongoing(nlp, text, word):
    from timeline.events.dating import date_events

    doc = nlp(text)
    start = text.index("now")
    now = Timex(start, start + 3, "now", "DATE", "PRESENT_REF", "unknown", None, None)
    tok = next(t for t in doc if t.text == word)
    got = date_events(doc, [tok], [now], DCT)[tok.i]
    assert got.label == "beginPoint=before2021-10-09endPoint=after2021-10-09" and got.includes_published


@pytest.mark.parametrize("text, word, says, not_says", [
    ("The bridge is the longest in the country.", "is", "present tense", "past"),
    ("Critics believe the plan is too costly.", "believe", "present tense", "past"),
    ("The mayor opened the bridge.", "opened", "past, day not stated", "present"),
])
def test_event_templates_undated_explanation_follows_the_tense(nlp, text, word, says, not_says):
    from timeline.events.dating import date_events
    from timeline.events.discourse import place_by_discourse

    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    got = place_by_discourse([tok], date_events(doc, [tok], [], DCT), DCT)[tok.i]
    assert says in got.explanation and not_says not in got.explanation
