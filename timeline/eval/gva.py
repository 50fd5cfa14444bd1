"""``python -m timeline.eval gva IN.jsonl OUT.jsonl``: the events of each local-news article.

Reads ``doc_id``, ``title``, ``dct`` and ``text`` of each line of the GVA dev split
(``../shared/eval/build_gva_dev.py``; never the ``gold`` field), runs the product's own
per-article function with the publication date = dct, and writes what the app's default view
lists for the article: its timeline events at the event level (``merge.event_level``: the
mentions of one event merged, their places and actors united, their date reconciled), by
``rank``, the lead event first, with their day intervals, place names and actor names, in the
format of ``score_gva.py``.  ``--mentions``: every mention kept off the timeline follows (what
the app lists with "Show mentions off the timeline" and "One row per mention").
"""

from __future__ import annotations

import json

import pandas as pd

from timeline.eval.records import dct, parsed_records
from timeline.events.merge import event_level, merge_events
from timeline.models import Article
from timeline.pipeline import analyze_doc
from timeline.settings import Settings
from timeline.table import build_event_table, event_row


def _day(ts) -> str | None:
    return None if pd.isna(ts) else pd.Timestamp(ts).date().isoformat()


def listed(events, article: Article, mentions: bool = False) -> list[dict]:
    """The article's events as the product lists them (see the module docstring)."""
    table = build_event_table(event_row(e, article) for e in events)
    if table.empty:
        return []
    merged = merge_events(table, Settings().merge_window_days)
    on = event_level(merged[merged["on_timeline"]]).sort_values(["rank", "sentence_index"], kind="stable")
    off = merged[~merged["on_timeline"]].sort_values(["rank", "sentence_index"], kind="stable")
    rows = pd.concat([on, off]) if mentions else on
    return [{"start": _day(s), "end": _day(e), "locations": list(p), "actors": list(a), "source": src,
             "on_timeline": bool(t)}
            for s, e, p, a, src, t in zip(rows["date_start"], rows["date_end"], rows["locations"], rows["actors"],
                                          rows["date_source"], rows["on_timeline"], strict=True)]


def run(input_path: str, output_path: str, model: str = "en_core_web_sm", mentions: bool = False) -> int:
    with open(output_path, "w", encoding="utf-8") as out:
        for doc, row in parsed_records(input_path, model):
            article = Article(str(row["doc_id"]), row.get("text") or "", title=row.get("title") or "",
                              published=dct(row.get("dct")))
            events = listed(analyze_doc(doc, article).events, article, mentions)
            out.write(json.dumps({"doc_id": row["doc_id"], "events": events}) + "\n")
    return 0
