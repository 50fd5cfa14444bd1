"""The pure dating decision (timeline/event_dates.decide) on hand-built cues."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.event_date import Cues, decide, range_label
from timeline.models import Timex

DCT = date(2021, 10, 9)


def tx(value, grain, first, last, text="t", rule=""):
    return Timex(0, 1, text, "DATE", value, grain, first, last, rule=rule)


FRIDAY = tx("2021-10-08", "day", date(2021, 10, 8), date(2021, 10, 8), "Friday")
AUGUST = tx("2021-08", "month", date(2021, 8, 1), date(2021, 8, 31), "August")
Y2014 = tx("2014", "year", date(2014, 1, 1), date(2014, 12, 31), "2014")


@pytest.mark.parametrize("cues, label, first, last", [
    (Cues("past", timex=FRIDAY), "2021-10-08", date(2021, 10, 8), date(2021, 10, 8)),
    (Cues("past", timex=AUGUST), "after2021-08-01before2021-08-28", date(2021, 8, 1), date(2021, 8, 31)),
    (Cues("none", timex=Y2014), "after2014-01-01before2014-12-31", date(2014, 1, 1), date(2014, 12, 31)),
    (Cues("past", timex=FRIDAY, relation="before"), "before2021-10-08", None, date(2021, 10, 7)),
    # past and after Friday: on Saturday at the latest (the publication day)
    (Cues("past", timex=FRIDAY, relation="after"), "after2021-10-08before2021-10-10", date(2021, 10, 9), DCT),
    (Cues("future", timex=FRIDAY, relation="after"), "after2021-10-08", date(2021, 10, 9), None),
    (Cues("present", aspect="perfect", timex=Y2014, relation="begin"),
     "beginPoint=after2014-01-01before2014-12-31endPoint=after2021-10-09", date(2014, 1, 1), None),
    (Cues("past", reporting=True), "2021-10-09", DCT, DCT),
    (Cues("past"), "2021-10-09", DCT, DCT),
    (Cues("future"), "after2021-10-09", date(2021, 10, 10), None),
    (Cues("past", aspect="perfect"), "before2021-10-09", None, date(2021, 10, 8)),
    (Cues("present", aspect="progressive"), "beginPoint=before2021-10-09endPoint=after2021-10-09", None, None),
])
def test_event_dates_decide(cues, label, first, last):
    got = decide(cues, DCT)
    assert (got.label, got.first, got.last) == (label, first, last)
    assert got.explanation.endswith(".")


def test_event_dates_after_the_day_before_publication_is_a_day():
    # after Friday and on or before Saturday's publication: no day left but Saturday, a day
    assert decide(Cues("past", timex=FRIDAY, relation="after"), DCT).precision == "day"
    # after August and on or before 9 Oct: many days left, not drawn as a day
    assert decide(Cues("past", timex=AUGUST, relation="after"), DCT).precision == "unknown"


def test_event_dates_conjoined_days_are_a_multi_day_span():
    sat_sun = tx("2021-10-09/2021-10-10", "day", date(2021, 10, 9), date(2021, 10, 10), "Saturday and Sunday",
                 rule="conjoined")
    got = decide(Cues("future", timex=sat_sun), DCT)
    assert got.label == "beginPoint=2021-10-09endPoint=2021-10-10"
    assert (got.first, got.last) == (date(2021, 10, 9), date(2021, 10, 10))


def test_event_dates_change_over_a_month_spans_the_month():
    # "the economy added 358,000 jobs in August": a count over the whole month, not one day in it.
    got = decide(Cues("past", timex=AUGUST, period=True), DCT)
    assert got.label == "beginPoint=2021-08-01endPoint=2021-08-31"
    assert (got.first, got.last) == (date(2021, 8, 1), date(2021, 8, 31))
    # A single day stays a day, and "after August" stays a bound.
    assert decide(Cues("past", timex=FRIDAY, period=True), DCT).label == "2021-10-08"
    assert decide(Cues("past", timex=AUGUST, relation="after", period=True), DCT).label == "after2021-08-31before2021-10-10"


@pytest.mark.parametrize("text, period", [
    ("The economy added 358,000 jobs last month.", True),
    ("Unemployment fell to 4.7 percent in January.", True),
    ("The coalition fell apart in January.", False),  # a particle verb: an event, not a measure
    ("The bombing in January shocked the town.", False),
])
def test_event_dates_period_cue_from_the_parse(nlp, text, period):
    from timeline.events.dating import dating_cues

    doc = nlp(text)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    assert dating_cues(verb, {}, {verb.i}).period is period


@pytest.mark.parametrize("text, headline", [
    ("Airbus launches the A350\n\nThe new plane flew for the first time.", True),
    ("Airbus launches the A350\nFebruary 28, 2007\nThe new plane flew.", True),  # dateline on the next line
    ("Airbus launches the A350. The new plane flew.", False),  # a sentence of the body, not a headline
])
def test_event_dates_present_headline_is_news_of_the_day(nlp, text, headline):
    from timeline.events.dating import date_events

    doc = nlp(text)
    launches = next(t for t in doc if t.text == "launches")
    got = date_events(doc, [launches], [], DCT)[launches.i]
    if headline:
        assert (got.label, got.first, got.last) == ("2021-10-09", DCT, DCT)
    else:
        assert got.first is None and got.includes_published  # a present in the body: ongoing


def test_event_dates_no_publication_date_stays_unknown():
    got = decide(Cues("past"), None)
    assert got.first is None and got.last is None and got.precision == "unknown" and got.source == "none"


def test_event_dates_ongoing_state_includes_publication_day():
    got = decide(Cues("present", state=False), DCT)
    assert got.includes_published and got.first is None and got.last is None


def test_event_dates_past_ref_is_a_bound():
    got = decide(Cues("past", timex=tx("PAST_REF", "unknown", None, None, "recently")), DCT)
    assert got.label == "before2021-10-09" and got.last == date(2021, 10, 8) and got.first is None


@pytest.mark.parametrize("first, last, grain, label", [
    (date(2021, 10, 8), date(2021, 10, 8), "day", "2021-10-08"),
    (date(2021, 8, 1), date(2021, 8, 31), "month", "after2021-08-01before2021-08-28"),
    (date(2021, 10, 4), date(2021, 10, 10), "week", "after2021-10-03before2021-10-11"),
])
def test_event_dates_range_label(first, last, grain, label):
    assert range_label(first, last, grain) == label


@pytest.mark.parametrize("text, word, tense", [
    ("The letter may have come from abroad.", "come", "past"),  # a possible past, not a future
    ("She should have known the answer.", "known", "past"),
    ("The ministers will have finished by then.", "finished", "future"),  # future perfect stays future
    ("The ministers may meet again.", "meet", "future"),
])
def test_event_dates_modal_perfect_is_past(nlp, text, word, tense):
    from timeline.events.tense import tense_aspect

    tok = next(t for t in nlp(text) if t.text == word)
    assert tense_aspect(tok)[0] == tense


def test_event_dates_a_year_before_the_common_era_dates_the_event_without_a_day():
    """'In 480 BC the Persians burned Athens': dated by the text (its value kept), on no day of the
    calendar (undated on the chart, listed with the undated events), never 'no date in the text,
    on or before the publication date'."""
    got = decide(Cues("past", timex=tx("BC0480", "year", None, None, "480 BC")), DCT)
    assert (got.first, got.last, got.source, got.precision) == (None, None, "timex", "year")
    assert got.timex.value == "BC0480" and "before the common era" in got.explanation
