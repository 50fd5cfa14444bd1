"""Rows of analysed articles for the store's three tables, as Arrow tables: the columns of
each table, an article's content hash (its identity for incremental ingest) and ``make_batch``
(which runs in ingest workers: rows, not Docs).  ``timeline.store.database`` re-exports them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa

from timeline.models import Article, Timex
from timeline.pipeline import PIPELINE_VERSION
from timeline.table import EVENT_SCHEMA

_ARROW = {"string": pa.string(), "int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(),
          "datetime64[s]": pa.date32(), "list": pa.list_(pa.string())}

ARTICLE_COLUMNS = (("article_id", "string"), ("hash", "string"), ("title", "string"), ("source", "string"),
                   ("url", "string"), ("published", "datetime64[s]"), ("published_origin", "string"),
                   ("path", "string"), ("n_chars", "int64"), ("n_timexes", "int64"), ("n_events", "int64"),
                   ("actor_kinds", "list"))
TIMEX_COLUMNS = (("article_id", "string"), ("char_start", "int64"), ("char_end", "int64"), ("text", "string"),
                 ("type", "string"), ("value", "string"), ("grain", "string"), ("first_day", "datetime64[s]"),
                 ("last_day", "datetime64[s]"), ("mod", "string"), ("anchor", "datetime64[s]"),
                 ("anchor_kind", "string"), ("rule", "string"), ("explanation", "string"), ("resolved", "bool"))
EVENT_COLUMNS = tuple((c.name, c.dtype) for c in EVENT_SCHEMA)
TABLES = {"articles": ARTICLE_COLUMNS, "timexes": TIMEX_COLUMNS, "events": EVENT_COLUMNS}
_ARROW["bool"] = pa.bool_()


def arrow_schema(columns) -> pa.Schema:
    return pa.schema([(name, _ARROW[dtype]) for name, dtype in columns])


def content_hash(article: Article) -> str:
    """sha256 of the text, the metadata and the pipeline version: the article's identity for
    incremental ingest (an article analysed by an older extractor counts as changed)."""
    published = article.published.isoformat() if article.published else None
    key = [article.id, article.text, article.title, article.source, article.url, published, PIPELINE_VERSION]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Batch:
    """Rows of some articles for the three tables, as Arrow tables (picklable, Parquet-ready)."""

    articles: pa.Table
    timexes: pa.Table
    events: pa.Table
    errors: tuple[str, ...] = ()  # articles whose analysis failed (not stored: retried next run)

    @property
    def article_ids(self) -> list[str]:
        return self.articles.column("article_id").to_pylist()


def _timex_row(article_id: str, t: Timex) -> dict:
    return {"article_id": article_id, "char_start": t.start, "char_end": t.end, "text": t.text, "type": t.type,
            "value": t.value, "grain": t.grain, "first_day": t.first, "last_day": t.last, "mod": t.mod,
            "anchor": t.anchor, "anchor_kind": t.anchor_kind, "rule": t.rule, "explanation": t.explanation,
            "resolved": t.resolved}


_AS_IS = frozenset({str, int, bool, list, date, type(None)})  # values that _plain returns unchanged


def _arrow(rows: list[dict], columns) -> pa.Table:
    schema = arrow_schema(columns)
    data = {}
    for name, _ in columns:
        values = [r.get(name) for r in rows]
        # a column of plain values is passed as it is; any other value goes through _plain
        data[name] = values if _AS_IS.issuperset(map(type, values)) else list(map(_plain, values))
    return pa.Table.from_pydict(data, schema=schema)


def _plain(value):
    """Arrow-friendly scalar: Timestamps -> date, NaN/NaT/NA -> None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, float) and value != value:
        return None
    return value


def make_batch(analyses: Iterable, errors: Sequence[str] = ()) -> Batch:
    """``pipeline.ArticleAnalysis`` values -> a Batch (runs in workers: rows, not Docs)."""
    arts, timexes, events = [], [], []
    for a in analyses:
        rows = a.rows()
        art = a.article
        arts.append({"article_id": art.id, "hash": content_hash(art), "title": art.title, "source": art.source,
                     "url": art.url, "published": art.published, "published_origin": art.published_origin,
                     "path": art.path, "n_chars": len(art.text), "n_timexes": len(a.timexes),
                     "n_events": len(rows), "actor_kinds": list(a.actor_kinds)})
        timexes += [_timex_row(art.id, t) for t in a.timexes]
        events += rows
    return Batch(_arrow(arts, ARTICLE_COLUMNS), _arrow(timexes, TIMEX_COLUMNS), _arrow(events, EVENT_COLUMNS),
                 tuple(errors))
