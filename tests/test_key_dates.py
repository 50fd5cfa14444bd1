"""Key dates of a collection (timeline/store/key_dates.py) and ``python -m timeline key-dates``."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from timeline.events.merge import merge_events
from timeline.store.key_dates import key_dates
from timeline.table import build_event_table


def ev(eid, article, lemma, start, end=None, salience=0.5, on=True, actors=("isis",), summary=""):
    return {"event_id": eid, "article_id": article, "lemma": lemma, "trigger": lemma, "summary": summary or lemma,
            "date_start": start and pd.Timestamp(start), "date_end": pd.Timestamp(end or start) if start else None,
            "actor_ids": list(actors), "date_source": "timex", "salience": salience, "on_timeline": on,
            "sentence_index": int(eid.split(":")[1]), "trigger_start": 0, "trigger_end": 1, "sentence_start": 0,
            "sentence_end": 1}


def table(rows):
    return merge_events(build_event_table(rows), window_days=3)


def test_key_dates_rank_days_by_salient_events_and_sources():
    df = table([
        ev("a:1", "a", "bombing", "2021-10-08", salience=0.9, summary="suicide bombing in Kunduz"),
        ev("b:1", "b", "attack", "2021-10-08", salience=0.6),  # the same bombing, a second source
        ev("a:2", "a", "meet", "2021-10-09", "2021-10-10", salience=0.8, actors=("taliban",), summary="Doha talks"),
        ev("a:3", "a", "withdraw", "2021-08-01", "2021-08-31", salience=0.9, actors=("us",)),  # a month: no key date
        ev("a:4", "a", "say", "2021-10-07", salience=0.9, on=False),  # off the timeline
        ev("a:5", "a", "arrest", None, salience=0.9),  # undated
    ])
    days = key_dates(df, top=10)
    assert list(days["day"]) == [date(2021, 10, 8), date(2021, 10, 9)]
    first = days.iloc[0]
    assert (first["events"], first["sources"], first["lead"]) == (1, 2, "suicide bombing in Kunduz")
    assert days.iloc[1]["lead"] == "Doha talks"  # a 2-day span counts on its first day
    assert len(key_dates(df, top=1)) == 1
    assert key_dates(df.iloc[0:0]).empty


def test_key_dates_cli(tmp_path, tiny_jsonl):
    from timeline.cli import main

    db = tmp_path / "k.duckdb"
    assert main(["ingest", str(tiny_jsonl), "--db", str(db), "--id-field", "doc_id", "--text-field", "body",
                 "--date-field", "dct", "--title-field", "headline", "--quiet"]) == 0
    out = tmp_path / "k.json"
    assert main(["key-dates", "--db", str(db), "--top", "3", "--format", "json", "--out", str(out)]) == 0
    days = json.loads(out.read_text())
    assert 0 < len(days) <= 3 and set(days[0]) >= {"day", "score", "events", "sources", "lead"}
    assert [d["score"] for d in days] == sorted((d["score"] for d in days), reverse=True)
    assert main(["key-dates", "--db", str(tmp_path / "missing.duckdb")]) == 2
