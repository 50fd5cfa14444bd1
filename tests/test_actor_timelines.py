"""Task 4 actor timelines through the dashboard's own actor filter
(timeline/eval/actor_timelines.py, a thin adapter: issue 19): the actor box's lookup, the
timeline order, the adapted text and its offsets, and a run end to end.  Who takes part in
what is the product's (tests/test_references.py)."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from timeline.eval import actor_timelines as at
from timeline.store.filters import find_actor


def _row(day_start, day_end, offset, published=date(2007, 7, 9)):
    return {"date_start": pd.Timestamp(day_start) if day_start else pd.NaT,
            "date_end": pd.Timestamp(day_end) if day_end else pd.NaT,
            "published": pd.Timestamp(published), "event_time": "", "trigger_start": offset}


def test_actor_timeline_order_placed_by_date_open_and_undated_last():
    d = date
    evs = [_row(None, None, 5), _row(d(2007, 3, 1), d(2007, 3, 1), 9), _row(None, d(2007, 2, 1), 1),
           _row(d(2005, 1, 1), d(2005, 12, 31), 7), _row(d(2007, 3, 1), d(2007, 3, 1), 3)]
    ranked = sorted(evs, key=lambda e: at.timeline_key(0, e))
    rows = at.number_timeline([(e, {"start": e["trigger_start"]}) for e in ranked])
    assert [(r["start"], r["order"]) for r in rows] == [(7, 1), (3, 2), (9, 2), (1, 0), (5, 0)]


def test_actor_publication_day_convention_is_placed_on_that_day():
    # "on or before 9 Jul" with the label of the day: Task 4 anchors it to the publication day
    row = _row(None, date(2007, 7, 9), 1) | {"event_time": "2007-07-09"}
    assert at.anchor(row) == (date(2007, 7, 9), date(2007, 7, 9))


def test_actor_box_lookup_by_name_alias_and_tail():
    choices = {"steve-jobs": "Steve Jobs", "apple-corps": "Apple Corps", "usa": "United States", "air-force": "Air Force"}
    assert find_actor("steve jobs", choices) == "steve-jobs"
    assert find_actor("the U.S.", choices) == "usa"  # an alias of actors.yaml
    assert find_actor("Beatles Apple Corps", choices) == "apple-corps"  # the name the box lists ends it
    assert find_actor("Apple", choices) is None  # a longer name does not stand for a shorter one
    assert find_actor("Boeing", choices) is None


def test_actor_adapted_text_is_printed_text_with_offsets_back_to_the_source():
    src = "Airbus launches A380\nJanuary 18 , 2005\nAirbus 's `` superjumbo '' ( A380 ) was unveiled ."
    ad = at.adapt(src)
    assert ad.text == 'Airbus launches A380\n\nJanuary 18, 2005\n\nAirbus\'s "superjumbo" (A380) was unveiled.'
    for word in ("unveiled", "superjumbo", "A380", "Airbus"):
        i = ad.text.rindex(word)
        a, b = ad.source_span(i, i + len(word))
        assert src[a:b] == word
    assert at.adapt(src, detokenise=False).text.replace("\n\n", "\n") == src


def test_actor_targets_file_reads_only_corpus_and_target(tmp_path):
    path = tmp_path / "targets.jsonl"
    rows = [{"corpus": "c1", "target": "Airbus", "rows": "never read"}, {"corpus": "c1", "target": "Airbus"},
            {"corpus": "c2", "target": "Steve Jobs"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert at.read_targets(str(path)) == [("c1", "Airbus"), ("c2", "Steve Jobs")]


def test_actor_timeline_end_to_end(nlp, tmp_path):
    docs = [{"doc_id": "2", "corpus": "c", "dct": "2007-07-09", "title": "",
             "text": "Boeing unveils 787\nJuly 9 , 2007\nBoeing unveiled the 787 Dreamliner yesterday ."},
            {"doc_id": "1", "corpus": "c", "dct": "2005-01-29", "title": "",
             "text": "Chinese airlines buy 787s\nJanuary 29 , 2005\nChina agreed to buy 60 Boeing 787 Dreamliner "
                     "aircraft on Friday ."}]
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    (tmp_path / "targets.jsonl").write_text(json.dumps({"corpus": "c", "target": "Boeing"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert at.run(str(tmp_path / "docs.jsonl"), str(tmp_path / "targets.jsonl"), str(out)) == 0
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["corpus"] == "c" and line["target"] == "Boeing"
    by_doc = {d["doc_id"]: d["text"] for d in docs}
    words = [(e["doc_id"], by_doc[e["doc_id"]][e["start"]:e["end"]]) for e in line["events"]]
    assert ("2", "unveiled") in words
    placed = [e for e in line["events"] if e["order"] > 0]
    assert placed and all(a["date_start"] <= b["date_start"] for a, b in zip(placed, placed[1:], strict=False))
    unveiled = next(e for e in line["events"] if by_doc[e["doc_id"]][e["start"]:e["end"]] == "unveiled")
    assert unveiled["date_start"] == unveiled["date_end"] == "2007-07-08"  # yesterday


def test_a_link_may_name_its_actor():
    from timeline.ui.sidebar import _actor_ids

    box = {"steve-jobs": "Steve Jobs (12)", "taliban": "Taliban (1,204)"}
    assert _actor_ids(("steve-jobs", "Steve Jobs", "the Taliban", "Nobody"), box) == \
        ["steve-jobs", "steve-jobs", "taliban", "Nobody"]


def _timeline(tmp_path, docs, target):
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    (tmp_path / "targets.jsonl").write_text(json.dumps({"corpus": "c", "target": target}) + "\n")
    out = tmp_path / "out.jsonl"
    assert at.run(str(tmp_path / "docs.jsonl"), str(tmp_path / "targets.jsonl"), str(out)) == 0
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    by_doc = {d["doc_id"]: d["text"] for d in docs}
    return {by_doc[e["doc_id"]][e["start"]:e["end"]]: e for e in line["events"]}


def test_actor_ongoing_event_is_anchored_at_its_begin(nlp, tmp_path):
    # began in 2004 and still going on: Task 4 puts it at 2004 (the year), on the timeline;
    # what he will do has no begin the text dates and stays unplaced
    docs = [{"doc_id": "1", "corpus": "c", "dct": "2011-08-25", "title": "",
             "text": "Jobs resigns\nAugust 25 , 2011\nSteve Jobs has been fighting pancreatic cancer since 2004 ."
                     "\nSteve Jobs will sell his shares ."}]
    events = _timeline(tmp_path, docs, "Steve Jobs")
    fighting = events["fighting"]
    assert (fighting["date_start"], fighting["date_end"]) == ("2004-01-01", "2004-12-31")
    assert fighting["order"] > 0
    assert events["sell"]["order"] == 0
