"""The headline's events dated by the body that tells them (timeline/events/headline.py), on
hand-written articles whose first line is the headline."""

from __future__ import annotations

from datetime import date

from timeline.events.extract import extract_events
from timeline.models import Article

CRASH = ("Two dead, three hurt in wrong-way crash on I-75\n\n"
         "TOLEDO, Ohio - Two people were killed and three others were injured when a wrong-way driver slammed into "
         "a minivan on Interstate 75 late Saturday, the Ohio State Highway Patrol said Monday.\n\n"
         "It was the third wrong-way crash in the county this year.")


def events(nlp, text, published):
    from timeline.dates.timexes import resolve_doc

    doc = nlp(text)
    return extract_events(doc, Article("t", text, title=text.split("\n")[0], published=published),
                          resolve_doc(doc, published))


def test_headline_events_take_the_day_the_body_tells_them(nlp):
    evs = events(nlp, CRASH, date(2026, 3, 9))
    head = {e.trigger: e for e in evs if e.sentence_index == 0}
    saturday = date(2026, 3, 7)
    assert (head["hurt"].date_start, head["hurt"].date_end) == (saturday, saturday)
    assert "the article tells it below, 'injured'" in head["hurt"].date_explanation  # the same kind of harm
    assert (head["crash"].date_start, head["crash"].date_end) == (saturday, saturday)
    assert head["crash"].date_source == "context"
    # the body's own rows are unchanged; 'the third wrong-way crash in the county this year' is not the headline's
    body_crash = next(e for e in evs if e.trigger == "crash" and e.sentence_index > 0)
    assert body_crash.date_start == date(2026, 1, 1)


def test_headline_event_with_no_dated_event_of_its_kind_in_the_opening_stays_open(nlp):
    text = ("Man arrested in Dayton shooting\n\n"
            "DAYTON, Ohio - Police arrested a 24-year-old man on Sunday. He is held at the county jail.\n\n"
            "The city council met on Monday to discuss parking.")
    evs = events(nlp, text, date(2026, 3, 10))
    shooting = next(e for e in evs if e.trigger == "shooting")
    assert shooting.date_start is None and shooting.date_end <= date(2026, 3, 10), shooting.date_explanation
    assert "headline" not in shooting.date_explanation
    arrested = next(e for e in evs if e.trigger == "arrested" and e.sentence_index == 0)
    assert arrested.date_start == date(2026, 3, 8)  # 'arrested' is the body's 'arrested', on Sunday


def test_headline_event_of_the_leads_class_takes_its_day(nlp):
    text = ("EU and Mercosur seal trade deal after 25 years of talks\n\n"
            "BRUSSELS - The European Union and the South American bloc Mercosur concluded negotiations on a free trade "
            "agreement on Friday, ending a quarter century of talks, Ursula von der Leyen said.")
    evs = events(nlp, text, date(2025, 11, 20))
    deal = next(e for e in evs if e.sentence_index == 0 and e.event_class == "diplomacy")
    assert (deal.date_start, deal.date_end) == (date(2025, 11, 14),) * 2, deal.date_explanation
    assert "'concluded'" in deal.date_explanation
