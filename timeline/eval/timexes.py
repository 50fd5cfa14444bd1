"""``python -m timeline.eval timexes IN.jsonl OUT.jsonl``: TE3 Task A predictions.

Reads doc_id / text / dct of each line (never the gold ``timexes``), tags and resolves
with the publication date = dct, writes one JSON line per document in the format that
../shared/eval/score_timex.py reads.
"""

from __future__ import annotations

import json
from datetime import date

from timeline.dates.timexes import resolve_doc
from timeline.eval.records import dct, parsed_records


def predict(doc, published: date | None) -> list[dict]:
    return [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "mod": t.mod, "rule": t.rule} for t in resolve_doc(doc, published)]


def run(input_path: str, output_path: str, model: str = "en_core_web_sm") -> int:
    with open(output_path, "w", encoding="utf-8") as out:
        for doc, row in parsed_records(input_path, model):
            out.write(json.dumps({"doc_id": row["doc_id"], "timexes": predict(doc, dct(row.get("dct")))}) + "\n")
    return 0
