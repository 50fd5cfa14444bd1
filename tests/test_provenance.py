"""The selected event's provenance (timeline/ui/provenance.py): every article that reports a
merged event, the sentences that mention it, how each was dated; hostile text stays inert."""

from __future__ import annotations

from datetime import date

import pandas as pd
from conftest import _ui_row

from timeline.table import build_event_table
from timeline.ui.provenance import SENTENCES_SHOWN, event_mentions, provenance_html

AP = "ISIS claimed a suicide bombing on Friday that killed 46 people in Kunduz."
ASUME = "A suicide bombing killed 46 people as they prayed in a mosque yesterday."


def _mention(article: str, at: int, sentence: str, trigger: str, when: str, **extra) -> dict:
    start = sentence.index(trigger)
    return _ui_row(str(at), extra.pop("summary", f"the {trigger}"), date(2021, 10, 8), date(2021, 10, 8), "day",
                   article_id=article, sentence=sentence, sentence_start=0, sentence_end=len(sentence),
                   trigger=trigger, trigger_start=start, trigger_end=start + len(trigger), date_text=when,
                   date_char_start=sentence.index(when), date_char_end=sentence.index(when) + len(when),
                   cluster_id="ap:10", **extra)


def _bombing() -> pd.DataFrame:
    rows = [
        _mention("ap", 10, AP, "bombing", "Friday", title="Taliban rule out cooperation", source="unknown",
                 date_explanation="Dated by 'Friday' (2021-10-08)."),
        _mention("ap", 11, AP, "killed", "Friday", title="Taliban rule out cooperation", source="unknown",
                 date_explanation="Dated by 'Friday' (2021-10-08) (shared with 'bombing')."),
        _mention("asume", 20, ASUME, "bombing", "yesterday", title="Taliban: We will not work with the US",
                 source="AsumeTech", url="https://example.org/taliban",
                 date_explanation="Dated by 'yesterday' (2021-10-08), counted from the publication date 9 Oct 2021."),
        _ui_row("30", "Taliban vow to contain ISIS", None, None, "unknown", article_id="ap"),  # another event
    ]
    table = build_event_table(rows)
    return table.assign(cluster_id=table["cluster_id"].where(table["event_id"] != "ap:30", "ap:30"))


def test_provenance_lists_every_article_that_reports_the_event():
    table = _bombing()
    selected = table[table["event_id"] == "asume:20"].iloc[0]
    mentions = event_mentions(table, selected)
    assert mentions["event_id"].tolist() == ["asume:20", "ap:10", "ap:11"]  # the selected row's article first
    out = provenance_html(mentions, "asume:20")
    assert "Reported by 2 articles, in 3 mentions" in out
    assert out.index("Taliban: We will not work with the US") < out.index("Taliban rule out cooperation")
    assert "AsumeTech · published 9 Oct 2021 · 1 mention" in out
    assert "published 9 Oct 2021 · 2 mentions" in out and "unknown" not in out  # no outlet named 'unknown'
    assert out.count("Kunduz.") == 1  # one sentence of two mentions: shown once, both triggers marked
    assert '<mark class="tl-trigger" title="trigger">bombing</mark>' in out
    assert '<mark class="tl-trigger" title="trigger">killed</mark>' in out
    assert "counted from the publication date 9 Oct 2021" in out and "8 Oct 2021 — Dated by &#x27;Friday&#x27;" in out
    assert '<a href="https://example.org/taliban" target="_blank" rel="noopener noreferrer">' in out
    assert "contain ISIS" not in out  # another event's mention


def test_provenance_counts_the_sentences_past_those_shown():
    rows = [_mention("ap", 10 + k, f"Sentence {k} tells of the bombing on Friday.", "bombing", "Friday")
            for k in range(SENTENCES_SHOWN + 2)]
    table = build_event_table(rows)
    for k, r in enumerate(rows):  # offsets in the article
        table.loc[table["event_id"] == r["event_id"], ["sentence_start", "trigger_start", "trigger_end",
                                                       "date_char_start", "date_char_end"]] += 100 * k
    out = provenance_html(event_mentions(table, table.iloc[0]), table.iloc[0]["event_id"])
    assert out.count('class="tl-sentence"') == SENTENCES_SHOWN
    assert "… and 2 more sentences in this article" in out


def test_provenance_says_why_a_sentence_is_off_the_timeline():
    table = _bombing()
    table.loc[table["event_id"] == "asume:20", ["on_timeline", "timeline_note"]] = [False, "a speech act"]
    out = provenance_html(event_mentions(table, table.iloc[0]), table.iloc[0]["event_id"])
    assert out.count("off the timeline: a speech act") == 1


def test_provenance_keeps_hostile_text_inert():
    evil = '<script>alert(1)</script> =HYPERLINK("x") <img src=x onerror=alert(2)>'
    table = _bombing()
    table["title"] = evil
    table["source"] = "<b>outlet</b>"
    table["url"] = "javascript:alert(3)"
    table["sentence"] = table["sentence"].str.replace("Kunduz", "<b>Kunduz</b>\n\nnew block", regex=False)
    table["date_explanation"] = "<i>x</i>"
    out = provenance_html(event_mentions(table, table.iloc[0]), table.iloc[0]["event_id"])
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<i>" not in out
    assert "javascript:" not in out and "href" not in out  # not an http(s) URL: no link
    assert "&lt;script&gt;" in out and "\n" not in out  # a blank line would end the HTML block
