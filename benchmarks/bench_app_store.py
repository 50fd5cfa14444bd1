"""Event store speed for the app: first load and filter changes on >= 100,000 events.

    python benchmarks/bench_app_store.py [--events 100000] [--db .bench/app_store.duckdb]

Synthetic rows in the event-table schema are inserted directly (no text parsing); then a
fresh read-only Store is opened and timed: the first load (open + all events + facets)
and ``events(filters)`` for several filter changes.  Prints a table; asserts nothing.
Targets: first load <= 3 s, each filter change <= 0.5 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.store.database import ARTICLE_COLUMNS, EVENT_COLUMNS, TIMEX_COLUMNS, Batch, Store, arrow_schema  # noqa: E402
from timeline.store.filters import Filters  # noqa: E402

WORDS = "army attack talks meet bombing police protest election flood aid strike ceasefire court vote".split()


def synthetic_batch(n_events: int, per_article: int = 50, seed: int = 0) -> Batch:
    rng = np.random.default_rng(seed)
    n_articles = max(1, n_events // per_article)
    art = np.arange(n_events) // per_article
    article_ids = np.array([f"art-{i:06d}" for i in range(n_articles)])
    start = rng.integers(0, 3 * 365, n_events)
    span = rng.choice([0, 0, 0, 6, 30, 364], n_events)
    undated = rng.random(n_events) < 0.1
    base = np.datetime64("2019-01-01")
    ds = np.where(undated, np.datetime64("NaT"), base + start.astype("timedelta64[D]"))
    de = np.where(undated, np.datetime64("NaT"), base + (start + span).astype("timedelta64[D]"))
    actors = [[f"actor-{a}" for a in rng.choice(200, rng.integers(0, 4), replace=False)] for _ in range(n_events)]
    places = [[f"place-{p}" for p in rng.choice(300, rng.integers(0, 3), replace=False)] for _ in range(n_events)]
    sentences = [" ".join(rng.choice(WORDS, 12)) for _ in range(n_events)]
    sidx = np.arange(n_events) % per_article
    cols = {
        "event_id": [f"{article_ids[a]}:{s * 100}" for a, s in zip(art, sidx, strict=True)],
        "n_sources": np.ones(n_events, dtype="int64"), "article_id": article_ids[art],
        "title": [f"Title {a}" for a in art], "source": ["Wire"] * n_events, "url": [""] * n_events,
        "published": np.full(n_events, np.datetime64("2021-10-09")), "sentence_index": sidx,
        "sentence_start": sidx * 100, "sentence_end": sidx * 100 + 90, "sentence": sentences,
        "trigger": ["attack"] * n_events, "trigger_start": sidx * 100 + 5, "trigger_end": sidx * 100 + 11,
        "lemma": ["attack"] * n_events, "summary": sentences, "date_start": ds, "date_end": de,
        "precision": ["day"] * n_events, "date_source": ["timex"] * n_events, "date_text": [""] * n_events,
        "date_char_start": [None] * n_events, "date_char_end": [None] * n_events, "date_value": [""] * n_events,
        "date_explanation": ["synthetic"] * n_events, "event_time": [""] * n_events,
        "polarity": ["positive"] * n_events, "modality": ["asserted"] * n_events,
        "actors": actors, "actor_ids": actors, "agent_ids": [a[:1] for a in actors], "descriptions": [[]] * n_events,
        "locations": places, "location_ids": places,
        "lat": rng.uniform(-60, 60, n_events), "lon": rng.uniform(-180, 180, n_events),
    }
    on = rng.random(n_events) < 0.6  # about as many mentions stay off the timeline as in news
    cols.update({
        "n_mentions": np.ones(n_events, dtype="int64"), "date_conflict": [""] * n_events,
        "event_class": ["violence"] * n_events, "on_timeline": on,
        "timeline_note": ["" if o else "a speech act: what was said is its own event" for o in on],
        "salience": rng.random(n_events).round(4), "rank": sidx + 1,
        "corrected": np.zeros(n_events, dtype=bool), "correction_note": [""] * n_events,
    })
    cols["cluster_id"] = list(cols["event_id"])
    merged = np.flatnonzero(rng.random(n_events) < 0.1)  # a tenth of the mentions are told again elsewhere
    for i in merged[merged >= per_article]:
        cols["cluster_id"][i] = cols["cluster_id"][i - per_article]
    cols["sources"] = [[a] for a in cols["article_id"]]
    events = pa.Table.from_pydict({n: cols[n] for n, _ in EVENT_COLUMNS}, schema=arrow_schema(EVENT_COLUMNS))
    arts = {n: [None] * n_articles for n, _ in ARTICLE_COLUMNS}
    arts.update(article_id=article_ids.tolist(), hash=article_ids.tolist(), n_events=[per_article] * n_articles,
                title=[f"Title {i}" for i in range(n_articles)])
    articles = pa.Table.from_pydict(arts, schema=arrow_schema(ARTICLE_COLUMNS))
    return Batch(articles, arrow_schema(TIMEX_COLUMNS).empty_table(), events)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default=".bench/app_store.duckdb")
    args = parser.parse_args()
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)
    build, _ = timed(lambda: _build(db, args.events))
    rows = [("build store (synthetic, incl. generation)", build, args.events)]
    t0 = time.perf_counter()
    store = Store(db, read_only=True)
    df = store.events()
    facets = store.facets()
    rows.append(("first load: open + events() + facets()", time.perf_counter() - t0, len(df)))
    changes = [
        ("actor", Filters(actors=(facets.actors[0].id,))),
        ("+ second actor", Filters(actors=(facets.actors[0].id, facets.actors[1].id))),
        ("location", Filters(locations=(facets.locations[0].id,))),
        ("sources (10 articles)", Filters(sources=tuple(s.id for s in facets.sources[:10]))),
        ("date range (one year)", Filters(date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))),
        ("date range, no undated", Filters(date_from=date(2020, 6, 1), date_to=date(2020, 6, 30),
                                           include_undated=False)),
        ("text 'ceasefire'", Filters(text="ceasefire")),
        ("actor + date + text", Filters(actors=(facets.actors[0].id,), date_from=date(2020, 1, 1), text="vote")),
        ("back to no filter", Filters()),
    ]
    for name, f in changes:
        seconds, out = timed(lambda f=f: store.events(f))
        rows.append((f"filter change: {name}", seconds, len(out)))
    store.close()
    print(f"\nEvent store, {args.events:,} events ({db})\n")
    print(f"| {'step':<46} | {'seconds':>8} | {'rows':>8} |\n| {'-' * 46} | {'-' * 8} | {'-' * 8} |")
    for name, seconds, n in rows:
        print(f"| {name:<46} | {seconds:>8.3f} | {n:>8,} |")


def _build(db: Path, n_events: int) -> None:
    with Store(db) as store:
        store.write_batch(synthetic_batch(n_events))


if __name__ == "__main__":
    main()
