"""The story view (timeline/ui/story.py) and the app's story tab (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from timeline.ui.story import heading, position_of, story_html, story_order, story_page

APP = str(Path(__file__).resolve().parent.parent / "app.py")
GOLDEN = yaml.safe_load((Path(__file__).parent / "corpus" / "demo_events_golden.yaml").read_text(encoding="utf-8"))
T = pd.Timestamp


def test_story_order_chronological_grain_and_lead_first(ui_table):
    order = story_order(ui_table)
    # 2014 (year), Aug 2021 (month range), 8 Oct (day), 9-10 Oct (span), undated last
    assert [i.split(":")[-1] for i in order["event_id"]] == ["40", "30", "10", "20", "50"]


def test_story_order_same_day_lead_event_first(ui_table):
    day = ui_table.iloc[[2, 2]].reset_index(drop=True)
    day["event_id"], day["rank"], day["summary"] = ["x:1", "x:2"], [4, 1], ["minor", "lead"]
    assert story_order(day)["summary"].tolist() == ["lead", "minor"]


def test_story_headings_at_the_grain_of_the_date():
    assert heading(T("2021-10-08"), T("2021-10-08"), "day") == "Fri 8 Oct 2021"
    assert heading(T("2021-08-01"), T("2021-08-31"), "month") == "Aug 2021"
    assert heading(T("2014-01-01"), T("2014-12-31"), "year") == "2014"
    assert heading(pd.NaT, T("2021-10-09"), "unknown") == "On or before 9 Oct 2021"
    assert heading(T("2014-01-01"), pd.NaT, "year") == "From 2014 on"
    assert heading(pd.NaT, pd.NaT, "unknown") == "Undated"


def test_story_headings_before_1677_and_no_weekday_before_the_gregorian_calendar():
    """pandas' ns range starts in 1677; a day of 1492 is Julian: the proleptic weekday ('Wed') is not its own."""
    assert heading(T("1492-10-12"), T("1492-10-12"), "day") == "12 Oct 1492"
    assert heading(T("1582-10-15"), T("1582-10-15"), "day") == "Fri 15 Oct 1582"
    assert heading(T("1066-01-01"), T("1066-12-31"), "year") == "1066"
    assert heading(pd.NaT, T("1066-09-27"), "unknown") == "On or before 27 Sep 1066"


def test_story_pages(ui_table):
    many = pd.concat([ui_table] * 30, ignore_index=True)
    many["event_id"] = [f"e{i}" for i in range(len(many))]
    sections, pages = story_page(many, 2, size=50)
    assert pages == 3 and sum(len(s.rows) for s in sections) == 50
    assert story_page(many, 99, size=50)[0][-1].heading == "Undated"  # clamped to the last page
    assert position_of(many, story_order(many)["event_id"].iloc[120], size=50) == 3


def test_story_html_escapes_article_text_and_links_only_web_urls(ui_table):
    row = ui_table.iloc[[2]].copy()
    row["summary"] = ['<a href="https://evil.example/login">Session expired</a>']
    row["actors"] = [["<script>alert(1)</script>"]]
    row["sources"] = [["a", "b"]]
    articles = {"a": ('<img src=x onerror=alert(1)>', "javascript:alert(1)"), "b": ("Good", "https://news.example/x?a=1&b=2")}
    out = story_html(story_page(row, 1)[0], articles)
    assert "<a href=\"https://evil" not in out and "<script>" not in out and "<img" not in out
    assert "&lt;a href=" in out and "javascript:" not in out
    assert '<a href="https://news.example/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">Good</a>' in out


def test_app_story_tab_lists_the_golden_demo_events_in_date_order():  # real pipeline
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    html_blocks = [m.value for m in at.markdown if 'class="tl-story"' in m.value]
    assert len(html_blocks) == 1
    cards = []  # (heading, what) along the story
    for head, body in re.findall(r'class="tl-story-day">(.*?)</div>(.*?)(?=<div class="tl-story-day">|$)',
                                 html_blocks[0], flags=re.S):
        cards += [(head, what.replace("&#x27;", "'")) for what in re.findall(r'class="tl-card-what">(.*?)</div>', body)]

    def anchor(head):  # the date a heading names: its first day
        found = re.search(r"\b(\d{1,2} [A-Z][a-z]{2} \d{4}|[A-Z][a-z]{2} \d{4}|\d{4})\b", head)
        return None if found is None else pd.Timestamp(found.group(0))

    dates = [anchor(h) for h, _ in cards if anchor(h) is not None]
    assert dates == sorted(dates)  # the story is in date order
    found = []
    for event in GOLDEN["events"]:
        lo, hi = pd.Timestamp(event["from"]), pd.Timestamp(event["to"])
        if any(re.search(event["match"], what) and anchor(head) is not None
               and (lo <= anchor(head) <= hi or (head.startswith("On or before") and anchor(head) >= lo)
                    or (head.startswith("From") and anchor(head) <= hi))
               for head, what in cards):
            found.append(event["id"])
    assert len(found) >= 0.9 * len(GOLDEN["events"]), sorted({e["id"] for e in GOLDEN["events"]} - set(found))
    assert any('class="tl-keydates"' in m.value for m in at.markdown)


def test_app_story_page_is_in_the_url():
    from timeline.ui import data as ui_data  # noqa: F401  (the demo corpus, real pipeline)

    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["story"] = "1"
    at.run()
    assert not at.exception and "story" not in at.query_params  # page 1 is the default: not written
