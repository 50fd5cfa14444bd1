"""``python -m timeline.eval gva IN.jsonl OUT.jsonl``: the events of each local-news article.

Reads ``doc_id``, ``title``, ``dct`` and ``text`` of each line of the GVA dev split
(``../shared/eval/build_gva_dev.py``; never the ``gold`` field), runs the product's own
per-article function with the publication date = dct, and writes the article's timeline events
(``on_timeline``; the mentions kept off the timeline are not listed) in the order the product
lists them: by ``rank``, the lead event first, with their day intervals, place names and actor
names, in the format of ``score_gva.py``.  ``--mentions``: the mentions kept off the timeline
follow the timeline events (what the app lists with "Show mentions off the timeline").
"""

from __future__ import annotations

import json

from timeline.eval.records import dct, parsed_records
from timeline.models import Article, Event
from timeline.pipeline import analyze_doc


def event_row(ev: Event) -> dict:
    places = [p.name for p in ev.places]
    return {"start": ev.date_start.isoformat() if ev.date_start else None,
            "end": ev.date_end.isoformat() if ev.date_end else None,
            "locations": places, "actors": [a.name for a in ev.actors], "source": ev.date_source,
            "on_timeline": ev.on_timeline}


def listed(events, mentions: bool = False) -> list[Event]:
    """The article's events as the product lists them: its timeline events by rank (the lead
    event first); with ``mentions`` (the app's "Show mentions off the timeline"), the mentions
    kept off the timeline follow, by rank too."""
    ranked = sorted(events, key=lambda e: e.rank)
    return [e for e in ranked if e.on_timeline] + ([e for e in ranked if not e.on_timeline] if mentions else [])


def run(input_path: str, output_path: str, model: str = "en_core_web_sm", mentions: bool = False) -> int:
    with open(output_path, "w", encoding="utf-8") as out:
        for doc, row in parsed_records(input_path, model):
            article = Article(str(row["doc_id"]), row.get("text") or "", title=row.get("title") or "",
                              published=dct(row.get("dct")))
            events = listed(analyze_doc(doc, article).events, mentions)
            out.write(json.dumps({"doc_id": row["doc_id"], "events": [event_row(e) for e in events]}) + "\n")
    return 0
