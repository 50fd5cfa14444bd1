"""``python -m timeline.eval event-times IN.jsonl OUT.jsonl``: date the listed events.

Reads only ``doc_id``, ``dct``, ``text`` and each event's ``eid``/``start``/``end`` (never the
gold ``event_time``, ``anchor`` or ``timexes``).  The temporal expressions come from the
product's own tagger; each event is mapped to its spaCy token and dated by
``timeline.events.relations.date_triggers``, the same logic the product uses.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Token

from timeline.dates import timexes
from timeline.events.event_date import EventDate
from timeline.events.relations import date_triggers
from timeline.models import Timex

TimexFn = Callable[[Doc, date | None, dict], list[Timex]]


def product_timexes(doc: Doc, published: date | None, record: dict) -> list[Timex]:
    return list(timexes.resolve_doc(doc, published))


def event_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def prediction(ed: EventDate, published: date | None) -> dict:
    """One event's answer: the label (the scorer reads its interval from it, in the corpus's
    own conventions), and an interval only where the label alone is open on both sides (an
    ongoing state: the publication day is a day it certainly covers)."""
    out: dict = {"event_time": ed.label}
    if ed.first is None and ed.last is None and ed.includes_published and published:
        out["start"] = out["end"] = published.isoformat()
    elif not ed.label and (ed.first or ed.last):
        out["start"] = ed.first.isoformat() if ed.first else None
        out["end"] = ed.last.isoformat() if ed.last else None
    return out


def predict_doc(record: dict, doc: Doc, timex_fn: TimexFn = product_timexes) -> dict:
    published = date.fromisoformat(record["dct"]) if record.get("dct") else None
    found = timex_fn(doc, published, record)
    pairs = [(ev["eid"], event_token(doc, ev["start"], ev["end"])) for ev in record.get("events", [])]
    toks = [t for _, t in pairs if t is not None]
    dated = date_triggers(doc, toks, found, published)
    out = []
    for eid, tok in pairs:
        if tok is None:
            continue
        out.append({"eid": eid, **prediction(dated[tok.i], published)})
    return {"doc_id": record["doc_id"], "events": out}


def predict(records: Iterable[dict], nlp, timex_fn: TimexFn = product_timexes) -> list[dict]:
    records = list(records)
    docs = nlp.pipe((r["text"] for r in records), batch_size=16)
    return [predict_doc(r, d, timex_fn) for r, d in zip(records, docs, strict=True)]


def read_input(path: str | Path) -> list[dict]:
    keep = ("doc_id", "dct", "text")
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append({**{k: rec.get(k) for k in keep},
                            "events": [{k: e[k] for k in ("eid", "start", "end")} for e in rec.get("events", [])]})
    return out


def run(input_path: str, output_path: str, model: str = "en_core_web_sm") -> int:
    from timeline.nlp import load_nlp

    preds = predict(read_input(input_path), load_nlp(model))
    with open(output_path, "w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    return 0
