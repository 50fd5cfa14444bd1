"""``python -m timeline.eval gva IN.jsonl OUT.jsonl``: the events of each local-news article.

Reads ``doc_id``, ``title``, ``dct`` and ``text`` of each line of the GVA dev split
(``../shared/eval/build_gva_dev.py``; never the ``gold`` field), runs the product's own
per-article function with the publication date = dct, and writes the article's events in the
order the product lists them (``timeline.table`` order: sentence, then trigger), with their
day intervals, place names and actor names, in the format of ``score_gva.py``.
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
            "locations": places, "actors": [a.name for a in ev.actors], "source": ev.date_source}


def run(input_path: str, output_path: str, model: str = "en_core_web_sm") -> int:
    with open(output_path, "w", encoding="utf-8") as out:
        for doc, row in parsed_records(input_path, model):
            article = Article(str(row["doc_id"]), row.get("text") or "", title=row.get("title") or "",
                              published=dct(row.get("dct")))
            events = analyze_doc(doc, article).events  # in text order, as the product lists an article's events
            out.write(json.dumps({"doc_id": row["doc_id"], "events": [event_row(e) for e in events]}) + "\n")
    return 0
