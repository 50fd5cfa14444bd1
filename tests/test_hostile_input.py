"""Issue 14: hostile and broken input, end to end.  Each reproduction of the issue is a
test here (the figure escaping is tests/test_plot_text.py, the empty merge
tests/test_store.py::test_store_only_article_without_events_still_merges)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.models import Article
from timeline.pipeline import analyze_articles

PUB = date(2021, 10, 9)


def _analyse(nlp, *texts: str, published: date | None = PUB):
    articles = [Article(id=f"a{i}", text=t, published=published) for i, t in enumerate(texts)]
    return list(analyze_articles(articles, nlp))


# --- reproduction 4: years outside the calendar ------------------------------------------

def test_hostile_year_before_the_first_century_is_no_exception(nlp):
    (a,) = _analyse(nlp, "Rome was founded before the 1st century.")
    assert [e.trigger for e in a.events] == ["founded"]


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 12, 31), date(9999, 1, 1), date(9999, 12, 31)])
def test_hostile_publication_date_in_year_1_or_9999(nlp, published):
    text = ("Rebels attacked the town on Friday, a year after the war. Talks resumed yesterday and will "
            "continue next year, tomorrow, in the next century and two days later.")
    (a,) = _analyse(nlp, text, published=published)
    assert a.events
    if published in (date(1, 1, 1), date(9999, 12, 31)):  # 'yesterday' / 'tomorrow' leave the calendar
        assert any("out of range" in t.explanation for t in a.timexes)
    for e in a.events:
        assert e.date_start is None or date(1, 1, 1) < e.date_start
        assert e.date_explanation
    assert any("edge of the calendar" in e.date_explanation for e in a.events)


def test_hostile_far_years_are_out_of_range_with_a_reason(nlp):
    (a,) = _analyse(nlp, "The empire fell 9,000 years later, in the year 10021, and in year 0.",
                    published=date(9990, 1, 1))
    assert a.events
