"""Narrative time (timeline/dates/reference.py): each passage of tests/corpus/narrative_en.yaml
resolved by the product's tagger, with the values checked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from timeline.dates.reference import StoryTime, mostly_narrative, paragraph_starts, story_anchor
from timeline.dates.values import Anchor, TimeValue

PASSAGES = yaml.safe_load((Path(__file__).parent / "corpus" / "narrative_en.yaml").read_text())["passages"]
CASES = [(p, text, value) for p in PASSAGES for text, value in p["expect"].items()]


@pytest.fixture(scope="module")
def resolved(nlp):
    from timeline.dates.timexes import resolve_doc

    out = {}
    for p in PASSAGES:
        published = date.fromisoformat(str(p["published"])) if p["published"] else None
        out[p["name"]] = {t.text: t for t in resolve_doc(nlp(p["text"]), published)}
    return out


@pytest.mark.parametrize(("passage", "text", "value"), CASES, ids=[f"{p['name']}:{t}" for p, t, _ in CASES])
def test_reference_golden_passages(resolved, passage, text, value):
    found = resolved[passage["name"]]
    assert text in found, f"{text!r} not tagged in {passage['name']}: {sorted(found)}"
    assert found[text].value == str(value), (passage["why"], found[text].explanation)


def test_reference_explains_the_story_time(resolved):
    june = resolved["news_with_a_background_paragraph"]["June"]
    assert june.anchor_kind == "story"
    assert "the time the story narrates" in june.explanation and "2014" in june.explanation


def test_reference_news_reading_near_the_publication_date():
    month = TimeValue("DATE", "named", month=6)
    near = Anchor(date(2021, 3, 1), "previous", "2021-03", "month")
    assert story_anchor(month, "past", date(2021, 10, 9), near) is None  # same year: news
    far = Anchor(date(2014, 1, 1), "previous", "2014", "year")
    assert story_anchor(month, "past", date(2021, 10, 9), far).kind == "story"
    assert story_anchor(month, "future", date(2021, 10, 9), far) is None
    weekday = TimeValue("DATE", "named", weekday=5)
    assert story_anchor(weekday, "past", date(2021, 10, 9), far) is None  # "on Friday" stays news


def test_reference_paragraph_returns_to_news_time_unless_the_text_is_a_narrative():
    text = "A.\n\nB.\n  \nC."
    assert paragraph_starts(text) == [4, 10]
    month = TimeValue("DATE", "named", month=6)
    far = Anchor(date(2014, 1, 1), "previous", "2014", "year")
    for persistent, kept in ((False, False), (True, True)):
        story = StoryTime(date(2021, 10, 9), paragraph_starts(text), persistent)
        assert story.anchor(0, month, "past") is None
        story.move(far)
        assert story.anchor(1, month, "past") is not None
        assert (story.anchor(10, month, "past") is not None) is kept


def test_reference_mostly_narrative_needs_many_far_dates_and_few_near():
    far = [date(1940 + i, 1, 1) for i in range(6)]
    assert mostly_narrative(far, 0, date(2009, 12, 19))
    assert not mostly_narrative(far, 3, date(2009, 12, 19))  # news evidence: yesterday, Friday, now
    assert not mostly_narrative(far[:3], 1, date(2009, 12, 19))  # one expression of the news time
    assert mostly_narrative(far[:2], 0, date(2009, 12, 19))  # nothing of the news time at all
    assert not mostly_narrative(far[:1], 0, date(2009, 12, 19))  # one far date is background
    assert mostly_narrative([], 0, None)  # no publication date: only the story's time exists
