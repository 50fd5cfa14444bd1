"""The event store: one DuckDB file (default ``data/timeline.duckdb``).

API (for the app, the CLI and the ingest)::

    from timeline.store.database import Store
    with Store("data/timeline.duckdb", read_only=True) as store:
        df = store.events(Filters(actors=("isis",)))   # exact timeline.table schema
        f = store.facets()      # Facets: actors / locations / sources (FacetCount(id, label,
                                # count), most frequent first), date_min, date_max, n_events
        arts = store.articles() # one row per article: id, hash, title, source, url,
                                # published, published_origin, path, n_chars, n_timexes, n_events
        tx = store.timexes("article-id")  # the article's resolved temporal expressions

- ``events(filters)`` pushes every filter of ``timeline.store.filters.Filters`` into SQL, with the
  same semantics as ``filters.apply_filters`` (tested), and returns the rows in article
  order (``article_id``, then sentence and trigger offset: the order of
  ``table.build_event_table``), typed exactly as ``table.EVENT_SCHEMA``.
- Tables: ``articles`` (keyed by ``article_id``, with ``hash`` = sha256 of the text,
  metadata and ``pipeline.PIPELINE_VERSION``), ``timexes`` (mentions), ``events`` (the event table), ``meta``.
- Writing (the ingest does this): ``write_batch(Batch)`` replaces the rows of every
  article in the batch in ONE transaction (delete + insert), so a crash leaves each
  article either fully old or fully new; ``load_parquet(part)`` does the same from the
  Parquet files of a Dask partition; ``recompute_clusters(window_days)`` reruns
  ``merge.merge_events`` over the whole store and stores ``cluster_id``, ``n_sources`` and
  ``sources``; ``unchanged(articles)`` says which articles are already stored with the same
  hash (the ingest skips them: re-ingesting changes nothing).
- DuckDB lets one process write a file at a time: the app opens the store ``read_only``
  and, while an ingest runs, reads the store of the previous run after it finishes.
  Opening a store another process holds raises ``StoreLocked`` (one line: the file and
  the writer's PID), never DuckDB's raw lock error.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.events import actors as actor_names
from timeline.events import merge
from timeline.models import Article
from timeline.settings import Settings
from timeline.store import corrections
from timeline.store.batch import (  # noqa: F401  (Batch, content_hash, make_batch: re-exported, the store's API)
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    TABLES,
    TIMEX_COLUMNS,
    Batch,
    arrow_schema,
    content_hash,
    make_batch,
)
from timeline.store.filters import Filters, apply_filters, where_clause

_SQL = {"string": "VARCHAR", "int64": "BIGINT", "Int64": "BIGINT", "float64": "DOUBLE",
        "datetime64[s]": "DATE", "list": "VARCHAR[]", "bool": "BOOLEAN"}
ORDER = "article_id, sentence_index, trigger_start"
_MERGE_COLUMNS = frozenset({"event_id", "article_id", "lemma", "date_start", "date_end", "date_source", "actor_ids",
                            "location_ids", "locations"})  # what merge.merge_events reads
_UNIFY_COLUMNS = (("event_id", "string"), ("actor_ids", "list"), ("actors", "list"), ("agent_ids", "list"))
_DESCRIBED_COLUMNS = (("article_id", "string"), ("trigger_start", "int64"), ("descriptions", "list"), ("lemma", "string"))


@dataclass(frozen=True)
class FacetCount:
    id: str
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    actors: tuple[FacetCount, ...]
    locations: tuple[FacetCount, ...]
    sources: tuple[FacetCount, ...]  # id = article id (what Filters.sources holds)
    date_min: date | None
    date_max: date | None
    n_events: int


def _frame(tbl: pa.Table, columns) -> pd.DataFrame:
    """Arrow -> pandas with the schema's dtypes (lists as Python lists of str)."""
    data = {}
    for name, dtype in columns:
        if name not in tbl.column_names:  # a store of an older version, opened read-only
            tbl = tbl.append_column(name, pa.nulls(len(tbl), type=arrow_schema([(name, dtype)]).field(0).type))
        col = tbl.column(name)
        if dtype == "list":
            data[name] = pd.Series(col.to_pylist(), dtype=object)
        elif dtype.startswith("datetime"):
            data[name] = pd.Series(col.to_pandas(date_as_object=False)).astype(dtype)
        elif dtype == "string":
            data[name] = col.to_pandas().astype("string").fillna("")
        else:
            data[name] = col.to_pandas().astype(dtype)
    return pd.DataFrame(data, columns=[n for n, _ in columns])


class StoreLocked(RuntimeError):
    """Another process is writing the store (DuckDB lets one process write a file, and
    readers wait for it): one line to show, with the file and the writer's PID."""

    def __init__(self, path: str, pid: int | None):
        self.path, self.pid = path, pid
        who = f" (PID {pid})" if pid else ""
        super().__init__(f"the store {path} is being written by another process{who}; "
                         "run again when it has finished")


class Store:
    """One DuckDB file holding articles, timexes and events."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = str(path or Settings().db_path)
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            pid = re.search(r"\(PID (\d+)\)", str(exc))
            raise StoreLocked(self.path, int(pid[1]) if pid else None) from None
        self._cache: tuple[pd.DataFrame, np.ndarray] | None = None  # decoded events, see events()
        if not read_only:
            self._create()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _run(self, sql: str, params: list | None = None) -> list[tuple]:
        """Execute one statement to completion (DuckDB 2 refuses new work on a pending result)."""
        return self.con.execute(sql, params or []).fetchall()

    def _query(self, sql: str, params: list | None = None) -> pa.Table:
        return self.con.sql(sql, params=params or None).to_arrow_table()

    def _create(self) -> None:
        keys = {"articles": ", PRIMARY KEY (article_id)"}
        for table, columns in TABLES.items():
            cols = ", ".join(f'"{n}" {_SQL[d]}' for n, d in columns)
            self._run(f"CREATE TABLE IF NOT EXISTS {table} ({cols}{keys.get(table, '')})")
            for n, d in columns:  # a store written by an older version: new columns are added (NULL)
                self._run(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{n}" {_SQL[d]}')
        self._run("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self._run("CREATE TABLE IF NOT EXISTS actor_aliases (name VARCHAR PRIMARY KEY, actor_id VARCHAR)")
        corrections.create(self.con)

    # -- writing ---------------------------------------------------------------------

    def unchanged(self, articles: Sequence[Article]) -> set[str]:
        """Ids of the given articles already stored with the same content hash."""
        if not articles:
            return set()
        hashes = pa.table({"article_id": [a.id for a in articles], "hash": [content_hash(a) for a in articles]})
        self.con.register("hashes", hashes)
        try:
            rows = self.con.execute("SELECT article_id FROM articles JOIN hashes USING (article_id, hash)").fetchall()
        finally:
            self.con.unregister("hashes")
        return {r[0] for r in rows}

    def write_batch(self, batch: Batch) -> None:
        """Replace the batch's articles (all their rows) in one transaction."""
        self._replace(batch.article_ids, {"articles": batch.articles, "timexes": batch.timexes,
                                          "events": batch.events})

    def load_parquet(self, paths: dict[str, str]) -> None:
        """Load one partition written as Parquet (``{"articles": path, "timexes": ..., "events": ...}``)."""
        import pyarrow.parquet as pq

        tables = {name: pq.read_table(paths[name]) for name in TABLES}
        self._replace(tables["articles"].column("article_id").to_pylist(), tables)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """All or nothing: a crash (even kill -9) before COMMIT leaves the previous state."""
        self._cache = None
        self._run("BEGIN TRANSACTION")
        try:
            yield
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise

    def _replace(self, ids: list[str], tables: dict[str, pa.Table]) -> None:
        with self._transaction():
            for name in ("events", "timexes", "articles"):
                self._run(f"DELETE FROM {name} WHERE list_contains(?::VARCHAR[], article_id)", [ids])
            for name, columns in TABLES.items():
                self._insert(name, tables[name].select([n for n, _ in columns]).cast(arrow_schema(columns)))
            self._run("INSERT OR REPLACE INTO meta VALUES ('clusters_stale', '1')")

    def _insert(self, table: str, rows: pa.Table) -> None:
        self.con.register("src", rows)
        cols = ", ".join(f'"{n}"' for n in rows.column_names)  # by name: an older store's added
        try:  # columns sit at the end of its table
            self._run(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM src")
        finally:
            self.con.unregister("src")

    def clusters_stale(self) -> bool:
        rows = self._run("SELECT value FROM meta WHERE key = 'clusters_stale'")
        return bool(rows and rows[0][0] == "1")

    def recompute_clusters(self, window_days: int | None = None) -> None:
        """Cross-article merge over the whole store (``merge.merge_events``), stored in one transaction."""
        window = Settings().merge_window_days if window_days is None else window_days
        self._unify_actors()
        merged = merge.merge_events(self._merge_input(), window_days=window)
        clusters = pa.Table.from_pydict(
            {"event_id": merged["event_id"].astype(str).tolist(), "cluster_id": merged["cluster_id"].astype(str).tolist(),
             "n_sources": merged["n_sources"].astype("int64").tolist(), "sources": merged["sources"].tolist(),
             "n_mentions": merged["n_mentions"].astype("int64").tolist()},
            schema=pa.schema([("event_id", pa.string()), ("cluster_id", pa.string()), ("n_sources", pa.int64()),
                              ("sources", pa.list_(pa.string())), ("n_mentions", pa.int64())]))
        with self._transaction():
            self._update_from(clusters)
            self._run("INSERT OR REPLACE INTO meta VALUES ('clusters_stale', '0')")

    def _update_from(self, table: pa.Table) -> None:
        """Set the columns of ``table`` on the events of its event ids (in the caller's transaction)."""
        sets = ", ".join(f'"{c}" = u."{c}"' for c in table.column_names if c != "event_id")
        self.con.register("updates", table)
        try:
            self._run(f"UPDATE events SET {sets} FROM updates u WHERE events.event_id = u.event_id")
        finally:
            self.con.unregister("updates")

    def _unify_actors(self) -> None:
        """One actor across articles (``events.actors.unified_rows``), stored in one transaction."""
        columns = _UNIFY_COLUMNS + _DESCRIBED_COLUMNS
        names = ", ".join(f'"{n}"' for n, _ in columns)
        rows = _frame(self._query(f"SELECT {names} FROM events WHERE len(actor_ids) > 0 "
                                  f"OR len(coalesce(descriptions, [])) > 0 ORDER BY {ORDER}"), columns)
        kinds = dict(self._run("SELECT article_id, actor_kinds FROM articles WHERE len(coalesce(actor_kinds, [])) > 0 "
                               "ORDER BY article_id"))  # in a fixed order: 2 processes store what 1 does
        changed, aliases = actor_names.unified_rows(rows, kinds)
        if changed.empty:
            return
        with self._transaction():
            changed = changed[[n for n, _ in _UNIFY_COLUMNS]]
            self._update_from(pa.Table.from_pandas(changed, schema=arrow_schema(_UNIFY_COLUMNS), preserve_index=False))
            if aliases:
                self.con.executemany("INSERT OR REPLACE INTO actor_aliases VALUES (?, ?)", sorted(aliases.items()))

    def actor_aliases(self) -> dict[str, str]:
        """Each name an actor was known by before it was united with another (``_unify_actors``:
        'EADS', 'Boeing 787') -> the actor id it stands for now: the actor box finds it by it."""
        return dict(self._run("SELECT name, actor_id FROM actor_aliases"))

    def _merge_input(self) -> pd.DataFrame:
        """The columns ``merge.merge_events`` reads, in article order: not the whole decoded
        event table (sentences, summaries, explanations), which at 100,000s of events is most
        of the ingest's peak memory and is not kept in the cache afterwards anyway."""
        columns = [(n, d) for n, d in EVENT_COLUMNS if n in _MERGE_COLUMNS]
        names = ", ".join(f'"{n}"' for n, _ in columns)
        return _frame(self._query(f"SELECT {names} FROM events ORDER BY {ORDER}"), columns)

    # -- reading ---------------------------------------------------------------------

    def events(self, filters: Filters | None = None) -> pd.DataFrame:
        """The event table (table.py schema) of the events the filters keep, in article order.

        The WHERE clause runs in DuckDB and returns row ids only; the rows come from the
        whole table decoded once per store state (lists of 100,000 rows are slow to turn
        into Python objects, ids are not).  Any write drops that cache."""
        full, position = self._decoded()
        if filters is None or filters.is_empty():
            return full.copy()
        if full["corrected"].any():  # filter the corrected values, not the stored ones
            return apply_filters(full, filters).reset_index(drop=True)
        where, params = where_clause(filters)
        rids = self.con.execute(f"SELECT rowid FROM events WHERE {where}", params).fetchnumpy()["rowid"]
        return full.take(np.sort(position[rids])).reset_index(drop=True)

    def _decoded(self) -> tuple[pd.DataFrame, np.ndarray]:
        if self._cache is None:
            have = {r[0] for r in self._run("DESCRIBE events")}  # an older store may lack new columns
            names = ", ".join(f'"{n}"' for n, _ in EVENT_COLUMNS if n in have)
            tbl = self._query(f"SELECT rowid AS _rid, {names} FROM events")
            tbl = tbl.take(pc.sort_indices(tbl, sort_keys=[(k, "ascending") for k in ORDER.split(", ")]))
            rids = tbl.column("_rid").to_numpy()
            position = np.zeros(int(rids.max()) + 1 if len(rids) else 0, dtype=np.int64)
            position[rids] = np.arange(len(rids))
            self._cache = (corrections.apply(_frame(tbl, EVENT_COLUMNS), self.corrections()), position)
        return self._cache

    # -- corrections (timeline/store/corrections.py) -----------------------------------

    def corrections(self) -> pd.DataFrame:
        return corrections.table(self.con)

    def add_correction(self, correction: corrections.Correction) -> int:
        self._cache = None
        return corrections.add(self.con, correction)

    def undo_correction(self, correction_id: int) -> bool:
        self._cache = None
        return corrections.undo(self.con, correction_id)

    def orphan_corrections(self) -> pd.DataFrame:
        """Corrections whose event the store no longer holds (text or extractor changed)."""
        return corrections.orphans(self._decoded()[0], self.corrections())

    def articles(self) -> pd.DataFrame:
        tbl = self._query("SELECT * FROM articles ORDER BY article_id")
        return _frame(tbl, ARTICLE_COLUMNS)

    def timexes(self, article_id: str | None = None) -> pd.DataFrame:
        where, params = ("article_id = ?", [article_id]) if article_id else ("TRUE", [])
        tbl = self._query(f"SELECT * FROM timexes WHERE {where} ORDER BY article_id, char_start", params)
        return _frame(tbl, TIMEX_COLUMNS)

    def facets(self) -> Facets:
        """Filter choices with their event counts, and the date range of dated events."""
        def counts(ids: str, names: str) -> tuple[FacetCount, ...]:
            rows = self.con.execute(
                f"SELECT id, min(name), count(*) AS n FROM (SELECT unnest({ids}) AS id, unnest({names}) AS name "
                "FROM events) GROUP BY id ORDER BY n DESC, id").fetchall()
            return tuple(FacetCount(i, n, c) for i, n, c in rows)

        sources = self.con.execute(
            "SELECT a.article_id, coalesce(nullif(a.title, ''), a.article_id), count(e.event_id) AS n "
            "FROM articles a LEFT JOIN events e USING (article_id) GROUP BY ALL ORDER BY n DESC, a.article_id"
        ).fetchall()
        lo, hi, n = self.con.execute("SELECT min(coalesce(date_start, date_end)), max(coalesce(date_end, "
                                     "date_start)), count(*) FROM events").fetchall()[0]
        return Facets(counts("actor_ids", "actors"), counts("location_ids", "locations"),
                      tuple(FacetCount(i, label, c) for i, label, c in sources), lo, hi, n)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
