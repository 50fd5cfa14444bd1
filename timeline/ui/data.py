"""Where the dashboard's events come from: the one module that knows.

- The demo corpus is read from the DuckDB event store (``timeline.store.database.Store``,
  ``Settings.db_path``), built from ``Settings.data_dir`` by ``timeline.store.ingest`` on the
  first start and brought up to date on later starts (incremental).  When the store cannot be opened (another
  process is writing it, a broken file) the demo corpus is analysed in-process instead,
  and the app says which source it shows.
- Articles the user adds in the app stay in the session (never written to the shared
  store): analysed in-process, then merged with the stored events (``merge.merge_events``).
Caching follows DESIGN.md principle 9: the spaCy pipeline is a ``cache_resource`` keyed
by model name; everything that returns data is a ``cache_data`` keyed by its inputs and
uses only its parameters.  One exception, on purpose: the store's tables
(``store_tables``).  A ``cache_data`` hit unpickles a fresh copy, about a second for
100,000 events with list columns, on every rerun; so they are a ``cache_resource``, the
same read-only frames for every rerun and session until the store file changes.  Nothing
modifies them: filters, figures, the table page and the exports all build new frames.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
import weakref
from dataclasses import replace
from datetime import date
from itertools import chain
from pathlib import Path, PurePath

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st
from spacy.language import Language

from timeline import pipeline, table
from timeline.events import merge
from timeline.models import Article
from timeline.nlp import load_nlp
from timeline.pipeline import ArticleAnalysis
from timeline.settings import Settings
from timeline.store import corpus
from timeline.store.database import Store, StoreLocked
from timeline.store.filters import NONE
from timeline.store.ingest import IngestOptions, ingest
from timeline.store.text_input import normalise_text


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def get_nlp(model: str) -> Language:
    return load_nlp(model)


@st.cache_data(show_spinner="Reading the demo corpus…")
def demo_articles(data_dir: str) -> list[Article]:
    return corpus.load_folder(data_dir)


@st.cache_data(show_spinner=False, max_entries=2000)
def analyze_article(article: Article, model: str,
                    seconds_per_10k_chars: float = Settings().seconds_per_10k_chars,
                    ) -> ArticleAnalysis | pipeline.ArticleFailure:
    """One article through the pipeline (cached: an upload is analysed once), or why it
    failed (spaCy, the analysis, or its time budget passed)."""
    return next(pipeline.analyze_articles([article], get_nlp(model), 1, seconds_per_10k_chars))


@st.cache_data(show_spinner="Extracting events…", max_entries=20)
def event_table(articles: tuple[Article, ...], model: str, merge_window_days: int) -> pd.DataFrame:
    """The merged event table (timeline.table schema) of these articles."""
    analyses = [analyze_article(a, model) for a in articles]
    return pipeline.event_table(analyses, merge_window_days=merge_window_days)


@st.cache_resource(show_spinner="Bringing the demo event store up to date…")
def demo_store(db_path: str, data_dir: str, model: str, merge_window_days: int) -> str:
    """The store's path, with the demo corpus ingested: built on first start, and on
    later starts only articles that are new, changed, or analysed by an older version of
    the pipeline are re-analysed (the ingest is incremental; the model loads only then)."""
    options = IngestOptions(model=model, merge_window_days=merge_window_days, show_progress=False)
    with Store(db_path) as store:
        ingest([data_dir], store, options)
    return db_path


@st.cache_resource(show_spinner="Reading the event store…", max_entries=2)
def store_tables(db_path: str, version: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, articles) of the store, READ-ONLY (shared, see the module docstring);
    ``version`` (the file's mtime) renews the cache."""
    with Store(db_path, read_only=True) as store:
        arts = store.articles()
        return store.events(), pd.DataFrame(
            {"id": arts["article_id"], "title": arts["title"], "published": arts["published"]}
        )


def article_frame(articles: list[Article]) -> pd.DataFrame:
    """id, title, published (NaT when unknown) of these articles."""
    return pd.DataFrame(
        {
            "id": [a.id for a in articles],
            "title": [a.title for a in articles],
            "published": pd.to_datetime([a.published for a in articles]).astype("datetime64[s]"),
        }
    )


def demo_tables(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(events, articles, where they come from) of the demo corpus."""
    try:
        db = demo_store(settings.db_path, settings.data_dir, settings.model, settings.merge_window_days)
        events, arts = store_tables(db, Path(db).stat().st_mtime)
        return events, arts, f"event store {Path(db).name}"
    except StoreLocked:
        why = "the event store is being updated by another process; reload the page when it has finished"
    except (duckdb.Error, OSError) as exc:  # the page names no server path, PID or DuckDB message
        why = f"the event store could not be opened ({type(exc).__name__})"
    return demo_in_process(settings, why)


def demo_in_process(settings: Settings, why: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The demo corpus analysed in this process (no store), saying why."""
    demo = demo_articles(settings.data_dir)
    events = event_table(tuple(demo), settings.model, settings.merge_window_days)
    return events, article_frame(demo), f"demo corpus analysed in-process ({why})"


@st.cache_resource(show_spinner="Merging the added articles with the stored events…", max_entries=4)
def with_added(
    digest: str, added: tuple[Article, ...], model: str, merge_window_days: int, _events: pd.DataFrame
) -> pd.DataFrame:
    """The events (``digest``: their table_digest) merged with the added articles' events,
    READ-ONLY like store_tables: the cross-article merge of a large store takes seconds,
    once per set of added articles, not on every rerun."""
    analyses = [analyze_article(a, model) for a in added]
    rows = [row for a in analyses if isinstance(a, ArticleAnalysis) for row in a.rows()]
    both = pd.concat([_events, table.build_event_table(rows)], ignore_index=True)
    return merge.merge_events(table.coerce(both), window_days=merge_window_days)


def secrets() -> dict:
    """``.streamlit/secrets.toml`` as a dict ({} when there is none: Streamlit raises then)."""
    try:
        return dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets file, or an unreadable one: no secret settings
        return {}


def user_tables(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(events, articles, where they come from) of the user's own store, opened read-only:
    the app never writes the demo corpus (or anything) into it."""
    path = Path(settings.db_path)
    name = path.name
    if not path.is_file():
        why = (f"no event store named {name} was found: build it with `python -m timeline ingest FILES "
               f"--db {name}`")
    else:
        try:
            events, arts = store_tables(str(path), path.stat().st_mtime)
            return events, arts, f"event store {name}" + (" (read-only)" if settings.read_only else "")
        except StoreLocked:
            why = "the event store is being updated by another process; reload the page when it has finished"
        except (duckdb.Error, OSError) as exc:
            why = f"the event store could not be opened ({type(exc).__name__})"
    return table.empty_table(), article_frame([]), f"nothing to show: {why}"


def store_source(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The user's store when a setting names one, else the demo store (read-only mode: the
    demo store is read as it is, or the demo corpus analysed in-process, never written)."""
    if settings.user_store:
        return user_tables(settings)
    if settings.read_only:
        path = Path(settings.db_path)
        if path.is_file():
            try:
                events, arts = store_tables(str(path), path.stat().st_mtime)
                return events, arts, f"event store {path.name} (read-only)"
            except (StoreLocked, duckdb.Error, OSError):
                pass
        return demo_in_process(settings, "read-only")
    return demo_tables(settings)


def load_events(settings: Settings, added: list[Article]) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(events, articles, source) of the store plus the articles added in the session."""
    events, arts, where = store_source(settings)
    if not added:
        return events, arts, where
    both = with_added(table_digest(events), tuple(added), settings.model, settings.merge_window_days, events)
    return both, pd.concat([arts, article_frame(added)], ignore_index=True), where + " + added articles"


_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}
_DIGESTS_LOCK = threading.Lock()


def content_digest(df: pd.DataFrame) -> str:
    """A digest of every value of the table (its Arrow buffers): equal tables, equal digests."""
    arrow = pa.Table.from_pandas(df, preserve_index=False)
    h = hashlib.blake2b(digest_size=16)
    h.update(arrow.schema.to_string().encode())
    for column in arrow.columns:
        for chunk in column.chunks:
            h.update(f"{chunk.offset}:{len(chunk)}".encode())
            for buf in chunk.buffers():
                h.update(b"-" if buf is None else buf)
    return h.hexdigest()


def table_digest(df: pd.DataFrame) -> str:
    """``content_digest`` of this table object, computed on its first use only: the cheap
    cache key of whatever is derived from the table (the app gets the same table object
    on every rerun until the store or the added articles change)."""
    with _DIGESTS_LOCK:
        known = _DIGESTS.get(id(df))
    if known and known[0]() is df:
        return known[1]
    digest = content_digest(df)
    with _DIGESTS_LOCK:
        for key in [k for k, (ref, _) in _DIGESTS.items() if ref() is None]:
            del _DIGESTS[key]
        _DIGESTS[id(df)] = (weakref.ref(df), digest)
    return digest


@st.cache_data(show_spinner=False, max_entries=200)
def read_upload(name: str, data: bytes) -> Article | corpus.CorpusError:
    """An uploaded .txt/.html file -> Article (HTML: text, title and publication date from
    the page's metadata), or a CorpusError naming the file and the problem."""
    safe_name = PurePath(name).name or "upload.txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / safe_name
        path.write_bytes(data)
        items = list(corpus.iter_corpus([path]))
    if not items:
        return corpus.CorpusError(safe_name, "not a .txt or .html file")
    item = items[0]
    if isinstance(item, corpus.CorpusError):
        return corpus.CorpusError(safe_name, item.problem, item.line)
    return replace(item, path=safe_name)


def with_date(article: Article, published: date | None) -> Article:
    """The article with the publication date the user confirmed (or cleared)."""
    if published == article.published:
        return article
    return replace(article, published=published, published_origin="user" if published else "none")


def pasted_article(text: str, title: str, published: date | None, source: str = "", url: str = "") -> Article:
    """Pasted text as an Article (normalised as the corpus readers do: ``text_input``); its
    id is stable for the same text and date.  ``source``: the outlet the analyst names ("pasted"
    when none), ``url``: the article's web address (linked only where it is http(s))."""
    text, title = normalise_text(text)[0], normalise_text(title)[0]
    source, url = (" ".join(normalise_text(v)[0].split()) for v in (source, url))
    digest = hashlib.sha1(f"{published}|{text}".encode()).hexdigest()[:8]
    return Article(
        id=f"pasted-{digest}",
        text=text,
        title=title.strip() or f"Pasted text {digest}",
        source=source or "pasted",
        published=published,
        url=url,
        published_origin="user" if published else "none",
    )


def _pairs(ids: pd.Series, names: pd.Series) -> dict[str, str]:
    """id -> name over two parallel list columns (the last name seen for an id wins;
    a row whose lists differ in length pairs as ``zip`` does); empty ids left out."""
    ids, names = ids.tolist(), names.tolist()
    for row, (i, n) in enumerate(zip(ids, names, strict=True)):
        if len(i) != len(n):  # rare: trim the longer list, as zip does
            keep = min(len(i), len(n))
            ids[row], names[row] = list(i)[:keep], list(n)[:keep]
    out = dict(zip(chain.from_iterable(ids), chain.from_iterable(names), strict=True))
    out.pop("", None)
    out.pop(None, None)
    return out


def _by_count(names: dict[str, str], counts: pd.Series) -> dict[str, str]:
    """id -> "name (N)", the ids with the most events first (ties by name)."""
    order = sorted(names, key=lambda i: (-int(counts.get(i, 0)), names[i].lower()))
    return {i: f"{names[i]} ({int(counts.get(i, 0)):,})" for i in order}


def _event_counts(ids: pd.Series) -> pd.Series:
    """Events per id of a list column (an id counted once per event)."""
    return pd.Series(list(chain.from_iterable(set(row) for row in ids.tolist())), dtype=object).value_counts()


def facets(df: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Filter choices: id -> "name (events)", for actors, locations and sources (by title),
    the ones with the most events first, so the main actors of a story lead the list."""
    sources = dict(zip(df["article_id"].tolist(), df["title"].tolist(), strict=True))
    out = {
        "actor": _by_count(_pairs(df["actor_ids"], df["actors"]), _event_counts(df["actor_ids"])),
        "location": _by_count(_pairs(df["location_ids"], df["locations"]), _event_counts(df["location_ids"])),
        "source": _by_count({a: (t or a) for a, t in sources.items()}, df["article_id"].value_counts()),
    }
    for kind, column, label in (("actor", "actor_ids", "(no actor)"), ("location", "location_ids", "(no place)")):
        empty = int((df[column].map(len) == 0).sum()) if len(df) else 0
        if empty:  # an explicit choice: selecting actors never silently drops the events without one
            out[kind][NONE] = f"{label} ({empty:,})"
    return out
