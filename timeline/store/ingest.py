"""Batch ingest: a corpus stream -> the DuckDB event store, incrementally, with progress.

    report = ingest(["corpus/"], Store("data/timeline.duckdb"), IngestOptions(n_process=2))

The corpus is streamed (``corpus.iter_corpus``) in chunks of ``chunk_size`` articles, so
memory stays flat in corpus size.  Articles already stored with the same content hash are
skipped; every other chunk is analysed by ``pipeline.analyze_articles`` (``nlp.pipe`` +
``pipeline.analyze_doc``, the per-article pure function) into rows, never Docs, and
written in one transaction per chunk.  Where the chunks run:

- in this process (``n_process=1``);
- in a ``ProcessPoolExecutor`` of ``n_process`` workers, each loading the pipeline once;
- on Dask (``dask="local"`` starts a ``distributed.LocalCluster``, ``dask="tcp://host:8786"``
  uses a running scheduler): each partition is written as Parquet (``parquet_dir``, which
  remote workers must share) that the store then loads.

At most ``2 × workers`` chunks are in flight.  Bad input is reported (``CorpusError``
naming the file and line), and so is an article the pipeline could not analyse (spaCy, the
analysis or its time budget: ``pipeline.ArticleFailure``, by id with the reason); the rest
goes in.  The report counts the encodings read and what normalisation changed.  Progress: a tqdm bar (articles/s, ETA)
and/or ``progress(Progress)`` after every chunk, for the app.  Killed at any point, the
store holds whole articles only; running the same command again completes it.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent import futures as cf
from dataclasses import dataclass, field, replace
from pathlib import Path

from timeline.models import Article
from timeline.settings import Settings
from timeline.store.corpus import CorpusError, CorpusOptions, expand_paths, iter_corpus
from timeline.store.corrections import published_overrides
from timeline.store.database import TABLES, Batch, Store, make_batch
from timeline.store.heap import MMAP_THRESHOLD, TRIM_THRESHOLD, LongLived, release_freed_memory, warm_frozen
from timeline.store.text_input import clean_article


@dataclass(frozen=True)
class IngestOptions:
    model: str = Settings().model
    batch_size: int = Settings().batch_size
    n_process: int = Settings().n_process
    chunk_size: int = 32  # articles per task / transaction
    dask: str | None = None  # None | "local" | "tcp://host:port"
    parquet_dir: str | None = None  # Dask partitions; default: "<db>.parts" beside the store
    merge_window_days: int = Settings().merge_window_days
    seconds_per_10k_chars: float = Settings().seconds_per_10k_chars  # per-article time budget
    show_progress: bool = True  # tqdm bar on stderr


@dataclass(frozen=True)
class Progress:
    """Where an ingest is; ``total`` is counted up front (None when unknown)."""

    done: int  # articles read (written, skipped or failed)
    total: int | None
    written: int
    skipped: int  # unchanged since the last ingest
    errors: int
    events: int
    words: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed else 0.0


@dataclass(frozen=True)
class IngestReport:
    progress: Progress
    errors: tuple[str, ...] = field(default_factory=tuple)  # one clear message per bad input
    encodings: dict[str, int] = field(default_factory=dict)  # articles read per file encoding
    cleaned: dict[str, int] = field(default_factory=dict)  # characters normalised on read, per kind
    cleaned_articles: int = 0  # articles with any of them

    def reading_summary(self) -> str:
        """One line: the encodings read and what normalisation changed ('' when nothing to say)."""
        parts = []
        if set(self.encodings) - {"utf-8"}:
            parts.append("encodings: " + ", ".join(f"{e} {n}" for e, n in sorted(self.encodings.items())))
        if self.cleaned:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.cleaned.items()))
            parts.append(f"normalised in {self.cleaned_articles} article(s): {kinds}")
        return "; ".join(parts)


def count_articles(paths: Iterable[str | Path]) -> int:
    """A quick count for the progress bar (lines of JSONL, rows of CSV, one per other file)."""
    n = 0
    for path, _ in expand_paths(paths):
        try:
            if path.suffix.lower() == ".jsonl":
                with path.open("rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            elif path.suffix.lower() == ".csv":
                import csv

                with path.open(newline="", encoding="utf-8", errors="replace") as fh:
                    n += max(0, sum(1 for _ in csv.reader(fh)) - 1)
            else:
                n += 1
        except (OSError, Exception):  # noqa: B014  (a bad file is counted as one error later)
            n += 1
    return n


def analyze_chunk(articles: list[Article], model: str, batch_size: int,
                  seconds_per_10k_chars: float | None = None) -> Batch:
    """Worker task: articles -> rows of the three store tables (the pipeline loads once per
    process).  An article that fails (spaCy, the analysis, its time budget) is reported in
    ``Batch.errors`` by id with its reason, not stored; the rest of the chunk is."""
    from timeline.nlp import load_nlp
    from timeline.pipeline import ArticleFailure, analyze_articles

    analyses, errors = [], []
    for result in analyze_articles(articles, load_nlp(model), batch_size, seconds_per_10k_chars):
        if isinstance(result, ArticleFailure):
            errors.append(result.message())
        else:
            analyses.append(result)
    return make_batch(analyses, errors)


@dataclass(frozen=True)
class Partition:
    """A Dask partition written as Parquet: one file per store table, and its bad articles."""

    paths: dict[str, str]
    n_articles: int
    n_events: int
    errors: tuple[str, ...]


def analyze_partition(articles: list[Article], model: str, batch_size: int, out: str,
                      seconds_per_10k_chars: float | None = None) -> Partition:
    """Dask task: one partition -> Parquet files ``<out>.<table>.parquet`` that the store loads."""
    import pyarrow.parquet as pq

    batch = analyze_chunk(articles, model, batch_size, seconds_per_10k_chars)
    paths = {name: f"{out}.{name}.parquet" for name in TABLES}
    for name, path in paths.items():
        pq.write_table(getattr(batch, name), path)
    return Partition(paths, batch.articles.num_rows, batch.events.num_rows, batch.errors)


def _warm(model: str, between: Callable[[], object] = lambda: None) -> None:
    """Worker (and one-process ingest) start-up: the pipeline, ``between()``, and the gazetteer
    index (built on first use otherwise, inside the first chunk's time)."""
    from timeline.events import entities
    from timeline.nlp import load_nlp

    load_nlp(model)
    between()
    entities.geocode("London")


def _chunks(items: Iterator[Article | CorpusError], size: int, on_error, on_read=None) -> Iterator[list[Article]]:
    chunk: dict[str, Article] = {}
    for item in items:
        if isinstance(item, CorpusError):
            on_error(str(item))
            continue
        item = clean_article(item)  # articles passed in directly are normalised too (a no-op when read)
        if not item.text.strip():
            on_error(f"{item.path or '<input>'}: article '{item.id}': no text")
            continue
        if on_read is not None:
            on_read(item)
        if item.id in chunk:
            on_error(f"{item.path}: duplicate article id '{item.id}' (the later record is kept)")
        chunk[item.id] = item
        if len(chunk) >= size:
            yield list(chunk.values())
            chunk = {}
    if chunk:
        yield list(chunk.values())


class _Run:
    """Book-keeping of one ingest: counters, tqdm bar, callback."""

    def __init__(self, total: int | None, show: bool, callback: Callable[[Progress], None] | None):
        from tqdm import tqdm

        self.start = time.perf_counter()
        self.counts = {"done": 0, "written": 0, "skipped": 0, "errors": 0, "events": 0, "words": 0}
        self.messages: list[str] = []
        self.encodings: dict[str, int] = {}  # articles read per encoding (files only)
        self.cleaned: dict[str, int] = {}  # characters normalised on read, per kind
        self.cleaned_articles = 0
        self.callback = callback
        self.bar = tqdm(total=total, unit="art", desc="ingest", disable=not show, smoothing=0.1)
        self.total = total

    def error(self, message: str) -> None:
        self.counts["errors"] += 1
        self.counts["done"] += 1
        if len(self.messages) < 1000:
            self.messages.append(message)
        self.bar.write(f"error: {message}", file=sys.stderr)
        self._tick(1)

    def read(self, article: Article) -> None:
        if article.encoding:
            self.encodings[article.encoding] = self.encodings.get(article.encoding, 0) + 1
        if article.cleaned:
            self.cleaned_articles += 1
            for kind, n in article.cleaned:
                self.cleaned[kind] = self.cleaned.get(kind, 0) + n

    def skipped(self, n: int) -> None:
        self.counts["skipped"] += n
        self.counts["done"] += n
        self._tick(n)

    def written(self, n_articles: int, n_events: int, errors: tuple[str, ...], words: int) -> None:
        for message in errors:
            self.error(message)
        self.counts["written"] += n_articles
        self.counts["done"] += n_articles
        self.counts["events"] += n_events
        self.counts["words"] += words
        self._tick(n_articles)

    def batch(self, batch: Batch, words: int) -> None:
        self.written(batch.articles.num_rows, batch.events.num_rows, batch.errors, words)

    def progress(self) -> Progress:
        return Progress(total=self.total, elapsed=time.perf_counter() - self.start, **self.counts)

    def _tick(self, n: int) -> None:
        p = self.progress()
        self.bar.set_postfix(events=p.events, skipped=p.skipped, errors=p.errors,
                             words_s=f"{p.words / p.elapsed:.0f}" if p.elapsed else "0", refresh=False)
        self.bar.update(n)
        if self.callback:
            self.callback(p)

    def close(self) -> IngestReport:
        self.bar.close()
        return IngestReport(self.progress(), tuple(self.messages), dict(self.encodings), dict(self.cleaned),
                            self.cleaned_articles)


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def _pending_chunks(source, store: Store, options: IngestOptions, run: _Run) -> Iterator[list[Article]]:
    """Chunks of the articles that are new or changed (unchanged ones are counted as skipped).
    An analyst's corrected publication date (``corrections.published_overrides``) replaces the
    one read, so the article's relative expressions are resolved again from it."""
    published = published_overrides(store.corrections())
    for chunk in _chunks(source, options.chunk_size, run.error, run.read):
        chunk = [replace(a, published=published[a.id], published_origin="corrected") if a.id in published else a
                 for a in chunk]
        same = store.unchanged(chunk)
        if same:
            run.skipped(len(same))
        todo = [a for a in chunk if a.id not in same]
        if todo:
            yield todo


def _run_pool(chunks, submit, wait_first, finish, in_flight: int) -> None:
    """Keep ``in_flight`` tasks running; hand each result to ``finish`` as it completes."""
    pending: dict = {}
    for chunk in chunks:
        pending[submit(chunk)] = chunk
        while len(pending) >= in_flight:
            for fut in wait_first(list(pending)):
                finish(fut.result(), pending.pop(fut))
    while pending:
        for fut in wait_first(list(pending)):
            finish(fut.result(), pending.pop(fut))


def _process_pool(chunks, store: Store, options: IngestOptions, run: _Run) -> None:
    ctx = multiprocessing.get_context("forkserver")
    # The fork server imports the package (spaCy, pandas, DuckDB...) once and forks the
    # workers from it: they start with the imports done instead of repeating them each.
    ctx.set_forkserver_preload(["timeline.pipeline", "timeline.store.database"])
    with cf.ProcessPoolExecutor(options.n_process, mp_context=ctx, initializer=warm_frozen,
                                initargs=(_warm, options.model)) as pool:
        def wait_first(fs):
            return cf.wait(fs, return_when=cf.FIRST_COMPLETED).done

        def finish(batch: Batch, chunk):
            store.write_batch(batch)
            run.batch(batch, _words(chunk))

        try:
            _run_pool(chunks, lambda c: pool.submit(analyze_chunk, c, options.model, options.batch_size,
                                                     options.seconds_per_10k_chars),
                      wait_first, finish, 2 * options.n_process)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _dask_client(address: str, n_workers: int):
    from distributed import Client, LocalCluster

    if address == "local":
        import dask

        # Our tasks are long pure-Python work: the worker's statistical profiler (a stack walk every
        # 10 ms, holding the GIL) and glibc trimming at 64 KiB (Dask's MALLOC_TRIM_THRESHOLD_) slow
        # them down: freed memory is kept (heap.reuse_freed_memory).  A remote cluster keeps its config.
        env = "distributed.nanny.pre-spawn-environ.MALLOC_"
        with dask.config.set({"distributed.worker.profile.enabled": False, f"{env}TRIM_THRESHOLD_": str(TRIM_THRESHOLD),
                              f"{env}MMAP_THRESHOLD_": str(MMAP_THRESHOLD)}):
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(address), None


def _dask(chunks, store: Store, options: IngestOptions, run: _Run, client=None) -> None:
    """Partitions on a Dask cluster, each written as Parquet, then loaded by the store."""
    import distributed

    parts = Path(options.parquet_dir or f"{store.path}.parts")
    parts.mkdir(parents=True, exist_ok=True)
    for stale in parts.glob("*.parquet"):  # left by an interrupted run: not loaded, redone
        stale.unlink()
    own, cluster = (None, None) if client else _dask_client(options.dask or "local", max(2, options.n_process))
    client = client or own
    client.run(_warm, options.model)  # every worker loads the model now, side by side
    token = uuid.uuid4().hex[:8]
    counter = iter(range(1 << 62))

    def submit(chunk):
        out = str(parts / f"part-{token}-{next(counter):06d}")
        return client.submit(analyze_partition, chunk, options.model, options.batch_size, out,
                             options.seconds_per_10k_chars, pure=False)

    def finish(part: Partition, chunk):
        store.load_parquet(part.paths)
        run.written(part.n_articles, part.n_events, part.errors, _words(chunk))
        for p in part.paths.values():
            Path(p).unlink(missing_ok=True)

    def wait_first(fs):
        return distributed.wait(fs, return_when="FIRST_COMPLETED").done

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    try:
        _run_pool(chunks, submit, wait_first, finish, 2 * workers)
    finally:
        if own is not None:
            own.close()
            cluster and cluster.close()


def ingest(
    source: Iterable[str | Path] | Iterable[Article | CorpusError],
    store: Store,
    options: IngestOptions | None = None,
    corpus_options: CorpusOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    client=None,
) -> IngestReport:
    """Ingest paths (files, folders) or an iterable of Articles into the store.

    ``client``: an existing ``distributed.Client`` to use (implies the Dask path)."""
    options = options or IngestOptions()
    if not isinstance(source, Iterator):
        source = list(source)
    if isinstance(source, list) and all(isinstance(s, str | Path) for s in source):
        total, items = count_articles(source), iter_corpus(source, corpus_options)
    else:
        total, items = (len(source) if isinstance(source, list) else None), iter(source)
    run, heap = _Run(total, options.show_progress, progress), LongLived()
    try:
        chunks = _pending_chunks(items, store, options, run)
        if options.dask or client is not None:
            _dask(chunks, store, options, run, client)
        elif options.n_process > 1:
            _process_pool(chunks, store, options, run)
        else:
            for chunk in heap.after_start(chunks, lambda: _warm(options.model, heap.freeze)):
                batch = analyze_chunk(chunk, options.model, options.batch_size, options.seconds_per_10k_chars)
                store.write_batch(batch)
                run.batch(batch, _words(chunk))
        release_freed_memory()  # the cross-article pass's peak on what the analysis leaves free
        if store.clusters_stale():
            store.recompute_clusters(options.merge_window_days)
    finally:
        heap.release()
        report = run.close()
    return report
