"""``python -m timeline.eval actor-timelines DOCS.jsonl TARGETS.jsonl OUT.jsonl [--role agent]``.

The analyst view that filters the timeline by actor, measured as SemEval-2015 Task 4
("TimeLine"): for each (corpus, target) the events the target takes part in, dated and in
timeline order, in the prediction format of ``../shared/eval/score_t4.py``.

A thin adapter with no matching of its own (issue 19).  Each corpus is ingested into an event
store of its own as an analyst would load it (``Article(published=dct)``, the text as a news
site prints it: ``adapt``), so the product decides who takes part in what (``Event.actors``:
``events/references.py``, ``events/participants.py``) and unites an actor's name variants
across the corpus (``events/actors.py``).  Then, per target: its name -> an actor id by the
lookup of the dashboard's actor box (``store.filters.find_actor``), the dashboard's own filter
(``Filters(actors=..., role=...)``, every mention, on the timeline or not: Task 4 scores every
annotated mention), and the timeline order below.

Reads only ``doc_id``, ``corpus``, ``dct``, ``title`` and ``text`` of each document, and only
``corpus`` and ``target`` of each TARGETS line (a gold timelines file is accepted; its rows,
mentions and dates are never read).

**Order**: by date (first day, then last day), then publication date and document, then
position; events with the same interval share an order number.  Events whose date is open on
a side ("before the publication day") or missing come last with order 0 (not placed).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from timeline.dates.values import interval
from timeline.models import Article

# ----------------------------------------------------------------------------- input


def read_docs(path: str) -> list[dict]:
    keep = ("doc_id", "corpus", "dct", "title", "text")
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append({k: rec.get(k) for k in keep} | {"doc_id": str(rec["doc_id"])})
    return out


def read_targets(path: str) -> list[tuple[str, str]]:
    """(corpus, target) pairs in file order; every other field of the line is ignored."""
    out: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                pair = (rec["corpus"], rec["target"])
                if pair not in out:
                    out.append(pair)
    return out


@dataclass(frozen=True)
class Adapted:
    """The text the pipeline reads and the way back to the source's offsets.

    The corpus writes one sentence per line, tokens joined by spaces ("Apple 's", "`` Darwin ''").
    The product reads a line break inside a paragraph as a space and a blank line as a paragraph
    end (``timeline_paragraphs``), and expects printed text.  Each line therefore becomes a
    paragraph of its own, and the token spacing is undone.  ``to_source[i]`` is the source offset
    of character ``i``."""

    text: str
    to_source: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_source[start], self.to_source[end - 1] + 1


def _paragraphs(text: str) -> Adapted:
    out: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(text):
        out.append(ch)
        back.append(i)
        if ch == "\n":
            out.append("\n")
            back.append(i)
    back.append(len(text))
    return Adapted("".join(out), tuple(back))


_GLUE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "%", "'s", "'S", "'", "n't", "'re", "'ve", "'ll",
                          "'d", "'m", "...", "''"})
_GLUE_AFTER = frozenset({"(", "[", "$", "``", "`"})
_QUOTES = {"``": '"', "''": '"', "`": "'"}


def adapt(text: str, detokenise: bool = True) -> Adapted:
    """Each line its own paragraph; with ``detokenise`` the corpus's token spacing is undone as
    a news site prints it ("Apple 's" -> "Apple's", "`` Darwin ''" -> '"Darwin"')."""
    if not detokenise:
        return _paragraphs(text)
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for line in text.split("\n"):
        if out:
            out.append("\n\n")
            back += [pos - 1, pos - 1]
        glue_next = True
        for m in re.finditer(r"[^ ]+", line):
            tok, start = m.group(), pos + m.start()
            shown = _QUOTES.get(tok, tok)
            if not glue_next and tok not in _GLUE_BEFORE:
                out.append(" ")
                back.append(start - 1)
            out.append(shown)
            back += [start + min(k, len(tok) - 1) for k in range(len(shown))]
            glue_next = tok in _GLUE_AFTER
        pos += len(line) + 1
    back.append(len(text))
    return Adapted("".join(out), tuple(back))


# ----------------------------------------------------------------------------- timeline


def _day(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _begun_at(row, start: date | None) -> tuple[date, date] | None:
    """The calendar date an ongoing event began at, when the product dates its begin by a date
    of the text ("has been fighting cancer since 2004": began in 2004, still going on)."""
    label, value = str(row.get("event_time") or ""), str(row.get("date_value") or "")
    if start is None or not label.startswith("beginPoint=") or row.get("precision") not in _BEGIN_GRAINS:
        return None
    grain, first, last = interval(value)
    return (first, last) if grain in _BEGIN_GRAINS and first == start and last is not None else None


_BEGIN_GRAINS = frozenset({"day", "month", "year"})


def anchor(row) -> tuple[date | None, date | None]:
    """The event's interval in Task 4's convention, which anchors an event the text gives no
    day for to the publication date: the product says "on or before" that day
    (``date_start`` open) and keeps the convention in its label (``event_time`` = the day).
    An event still going on is anchored at its begin, at the grain the text gives it ("since
    2004" -> 2004, "since December" -> that December): the product knows it from that day on
    (``date_end`` open) and keeps the begin in its label (``beginPoint=...``)."""
    start, end, p = _day(row["date_start"]), _day(row["date_end"]), _day(row["published"])
    if start is None and p is not None and end == p and row["event_time"] == p.isoformat():
        return p, p
    if end is None and (begun := _begun_at(row, start)):
        return begun
    return start, end


def placed(row) -> bool:
    """An event goes on the timeline when both ends of its date are known; one known only as
    "before the publication day" or "since 2004" is listed but not placed (order 0)."""
    start, end = anchor(row)
    return start is not None and end is not None


def timeline_key(doc_rank: int, row) -> tuple:
    """Placed events first, by first day, then last day; then the others, by the day they are
    bounded by (undated last); ties by publication date / document, then position."""
    start, end = anchor(row)
    first = start or end or date.max
    last = end or start or date.max
    return (not placed(row), first, last, doc_rank, int(row["trigger_start"]))


def number_timeline(events: list[tuple[object, dict]]) -> list[dict]:
    """score_t4.py's ``order``: 1, 2, 3 ... along the sorted placed events, the same number for
    the same interval (simultaneous), 0 for events that are not placed."""
    out, n, prev = [], 0, None
    for row, rec in events:
        if not placed(row):
            out.append(rec | {"order": 0})
            continue
        interval = anchor(row)
        if interval != prev:
            n += 1
        prev = interval
        out.append(rec | {"order": n})
    return out


def _num(doc_id: str) -> tuple:
    return (0, int(doc_id), "") if doc_id.isdigit() else (1, 0, doc_id)


def articles(records: list[dict]) -> tuple[list[Article], dict[str, Adapted]]:
    """The records as the articles an analyst loads (publication date = dct), and each one's
    way back to the source offsets."""
    adapted = {r["doc_id"]: adapt(r.get("text") or "") for r in records}
    arts = [Article(id=r["doc_id"], text=adapted[r["doc_id"]].text, title=r.get("title") or "",
                    published=date.fromisoformat(r["dct"][:10]) if r.get("dct") else None,
                    published_origin="field" if r.get("dct") else "none")
            for r in records]
    return arts, adapted


@dataclass
class Corpus:
    """One corpus as the dashboard holds it: its event table, the names its actors were known by
    before the store united them, and each article's way back to the source offsets."""

    table: pd.DataFrame
    aliases: dict[str, str]
    adapted: dict[str, Adapted]


def timeline(corpus: Corpus, target: str, role: str = "any") -> list[dict]:
    """The target's events in timeline order, in score_t4.py's prediction format: the rows of
    the corpus's event table that the dashboard's actor filter keeps for the target."""
    from timeline.store.filters import Filters, actor_choices, find_actor, view

    table, adapted = corpus.table, corpus.adapted
    actor = find_actor(target, actor_choices(table), corpus.aliases)
    if actor is None:
        return []
    rows = view(table, Filters(actors=(actor,), role=role, mentions=True, level="mentions"))
    published = rows.groupby("article_id")["published"].first()
    rank = {d: k for k, d in enumerate(sorted(published.index, key=lambda d: (str(published[d]), _num(d))))}
    found = []
    for row in rows.to_dict("records"):
        start, end = adapted[row["article_id"]].source_span(int(row["trigger_start"]), int(row["trigger_end"]))
        first, last = anchor(row)
        found.append((timeline_key(rank[row["article_id"]], row), row, {
            "doc_id": row["article_id"], "start": start, "end": end,
            "date_start": first.isoformat() if first else None,
            "date_end": last.isoformat() if last else None}))
    found.sort(key=lambda kv: kv[0])
    return number_timeline([(row, rec) for _, row, rec in found])


def load_corpus(records: list[dict], model: str = "en_core_web_sm") -> Corpus:
    """One corpus ingested into an event store of its own, as an analyst would load it."""
    from timeline.store.database import Store
    from timeline.store.ingest import IngestOptions, ingest

    arts, adapted = articles(records)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "corpus.duckdb") as store:
        ingest(arts, store, IngestOptions(model=model, n_process=1, show_progress=False))
        return Corpus(store.events(), store.actor_aliases(), adapted)


def predict(records: list[dict], targets: list[tuple[str, str]], model: str = "en_core_web_sm",
            role: str = "any") -> list[dict]:
    by_corpus: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_corpus[r.get("corpus") or ""].append(r)
    loaded = {c: load_corpus(rs, model) for c, rs in by_corpus.items() if any(tc == c for tc, _ in targets)}
    return [{"corpus": c, "target": t, "events": timeline(loaded[c], t, role) if c in loaded else []}
            for c, t in targets]


def run(docs_path: str, targets_path: str, output_path: str, model: str = "en_core_web_sm", role: str = "any") -> int:
    preds = predict(read_docs(docs_path), read_targets(targets_path), model, role)
    with open(output_path, "w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    return 0
