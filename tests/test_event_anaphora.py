"""Event anaphora (timeline/events/event_anaphora.py), on sentences written for these tests
(issue 19): a definite event noun with no participant of its own is the event told before
under the same word, and has its actors."""

from __future__ import annotations

from datetime import date

from timeline.models import Article


def events_of(nlp, text, trigger):
    from timeline.pipeline import analyze_articles

    [analysis] = analyze_articles([Article(id="a", title="", text=text, published=date(2007, 7, 9))], nlp)
    return [{a.id for a in e.actors} for e in analysis.events if e.trigger == trigger]


def test_definite_event_noun_has_the_actors_of_the_event_told_before(nlp):
    text = ("Ryanair launched a takeover bid for Aer Lingus on Monday. Shares rose sharply. "
            "The takeover is unlikely to receive regulatory approval.")
    first, second = events_of(nlp, text, "takeover")
    assert "ryanair" in first and "ryanair" in second


def test_definite_event_noun_made_from_the_verb_told_before(nlp):
    text = "Airbus delivered the first plane to Qantas on Monday. Crowds cheered. The delivery was a milestone."
    [delivery] = events_of(nlp, text, "delivery")
    assert "airbus" in delivery


def test_no_actors_for_an_indefinite_event_noun(nlp):
    text = "Ryanair launched a takeover bid for Aer Lingus on Monday. A takeover is unlikely, analysts said."
    assert "ryanair" not in events_of(nlp, text, "takeover")[1]
