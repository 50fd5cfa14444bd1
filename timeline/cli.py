"""Command line: batch ingest into the event store, and export.

    python -m timeline ingest PATHS... --db FILE [--id-field doc_id --text-field text
        --date-field dct --title-field T --url-field U --source-field S] [--metadata articles.csv]
        [--published YYYY-MM-DD] [--n-process N] [--batch-size N] [--dask local|tcp://host:8786]
    python -m timeline export --db FILE --format csv|jsonl|parquet [--out FILE]
        [--actor ID ... --location ID ... --source ARTICLE_ID ... --from DAY --to DAY --q TEXT]
        [--level events|mentions] [--mentions]
    python -m timeline key-dates --db FILE [--top N] [--format csv|json] [--out FILE]
    python -m timeline corrections export --db FILE [--out FILE]
    python -m timeline corrections import --db FILE CORRECTIONS.csv

Exit status:
  0  everything went in (ingest) or was written (export);
  1  some input was rejected, each named on stderr with its reason; the rest went in;
  2  nothing done: a usage error, every input rejected, the store locked by another
     process ("the store FILE is being written by another process (PID n)"), or a failure
     (one line on stderr; TIMELINE_DEBUG=1 shows the traceback).
Limits: a file over 20 MB is refused; an article's analysis has a time budget of
5 s per 10,000 characters (at least 5 s); past it the article is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from timeline.settings import Settings, help_for
from timeline.store.corpus import SIDECAR_NAME, CorpusOptions
from timeline.store.filters import Filters, view


def _day(value: str) -> date:
    from timeline.store.published import PublishedDateError, parse_published

    try:
        day = parse_published(value)
    except PublishedDateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if day is None:
        raise argparse.ArgumentTypeError("an empty date (expected e.g. 2021-10-09)")
    return day


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {n}")
    return n


def _ingest_parser(sub) -> None:
    p = sub.add_parser("ingest", help="Read articles into the event store (incremental, resumable).",
                       epilog=__doc__[__doc__.index("Exit status:"):],
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", help="files (.txt .html .jsonl .csv) or folders")
    p.add_argument("--db", default=Settings().db_path, help=help_for("db_path") + " (default: %(default)s)")
    defaults = CorpusOptions()
    for name in ("id", "text", "date", "title", "url", "source"):
        p.add_argument(f"--{name}-field", default=getattr(defaults, f"{name}_field"),
                       help=f"JSONL/CSV field holding the article's {name}")
    p.add_argument("--metadata", help="sidecar CSV (columns file or id, title, publisher, published, url)")
    p.add_argument("--published", type=_day, help="publication date of every article (overrides metadata)")
    p.add_argument("--n-process", type=_positive, default=Settings().n_process, help=help_for("n_process"))
    p.add_argument("--batch-size", type=_positive, default=Settings().batch_size, help=help_for("batch_size"))
    p.add_argument("--chunk-size", type=_positive, default=32, help="articles per task and per transaction")
    p.add_argument("--dask", help="'local' (a LocalCluster of max(2, --n-process) workers) or a scheduler tcp://host:8786")
    p.add_argument("--parquet-dir", help="where Dask partitions are written (shared by remote workers)")
    p.add_argument("--model", default=Settings().model, help=help_for("model"))
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _export_parser(sub) -> None:
    p = sub.add_parser("export", help="Write the (filtered) event table: every column, article order.",
                       epilog=__doc__[__doc__.index("Exit status:"):],
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", default=Settings().db_path, help=help_for("db_path") + " (default: %(default)s)")
    p.add_argument("--format", choices=("csv", "jsonl", "parquet"), required=True)
    p.add_argument("--out", help="output file (default: standard output; required for parquet)")
    p.add_argument("--actor", action="append", default=[], help="actor id (any of; repeatable)")
    p.add_argument("--role", choices=("any", "agent"), default="any",
                   help="with --actor: 'agent' keeps the events the actor does, not those done to it (default any)")
    p.add_argument("--location", action="append", default=[], help="place id (any of; repeatable)")
    p.add_argument("--source", action="append", default=[], help="article id (any of; repeatable)")
    p.add_argument("--from", dest="date_from", type=_day, help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_day, help="last day (YYYY-MM-DD)")
    p.add_argument("--q", default="", help="text in the summary or sentence (case-insensitive)")
    p.add_argument("--no-undated", action="store_true", help="with --from/--to: drop undated events")
    p.add_argument("--level", choices=("events", "mentions"), default="events",
                   help="events: one row per merged event, its mentions' sources, actors and places united; "
                        "mentions: one row per mention (default: %(default)s)")
    p.add_argument("--mentions", action="store_true",
                   help="also export the mentions kept off the timeline (speech acts, stances, negated or "
                        "hypothetical events, fragments; see the timeline_note column)")


def _key_dates_parser(sub) -> None:
    p = sub.add_parser("key-dates", help="The collection's key dates: days ranked by their salient events and sources.",
                       epilog=__doc__[__doc__.index("Exit status:"):],
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", default=Settings().db_path, help=help_for("db_path") + " (default: %(default)s)")
    p.add_argument("--top", type=_positive, default=10, help="how many days (default: %(default)s)")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--out", help="output file (default: standard output)")


def _corrections_parser(sub) -> None:
    p = sub.add_parser("corrections", help="Move an analyst's corrections between stores as CSV.",
                       epilog=__doc__[__doc__.index("Exit status:"):],
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", required=True)
    out = actions.add_parser("export", help="write the store's corrections as CSV")
    out.add_argument("--out", help="output file (default: standard output)")
    into = actions.add_parser("import", help="add the corrections of a CSV (from `corrections export`)")
    into.add_argument("file", help="the corrections CSV")
    for q in (out, into):
        q.add_argument("--db", default=Settings().db_path, help=help_for("db_path") + " (default: %(default)s)")


def run_corrections(args) -> int:
    from timeline.store import corrections
    from timeline.store.database import Store

    if not Path(args.db).exists():
        print(f"error: no event store at {args.db} (run `python -m timeline ingest` first)", file=sys.stderr)
        return 2
    if args.action == "export":
        with Store(args.db, read_only=True) as store:
            data = corrections.to_csv(store.corrections())
        if args.out:
            Path(args.out).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
        return 0
    if not Path(args.file).is_file():
        print(f"error: corrections import needs a CSV file (got {args.file!r})", file=sys.stderr)
        return 2
    with Store(args.db) as store:
        added, problems = corrections.from_csv(Path(args.file).read_bytes(), store.con)
        orphans = store.orphan_corrections()
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    print(f"{added} correction(s) imported into {args.db}", file=sys.stderr)
    if len(orphans):
        print(f"warning: {len(orphans)} correction(s) name events this store does not hold "
              f"({', '.join(orphans['event_id'].head(5))}): kept, and applied if the event comes back", file=sys.stderr)
    return 0 if not problems else (1 if added else 2)


def run_key_dates(args) -> int:
    from timeline.store import export
    from timeline.store.database import Store
    from timeline.store.key_dates import key_dates

    if not Path(args.db).exists():
        print(f"error: no event store at {args.db} (run `python -m timeline ingest` first)", file=sys.stderr)
        return 2
    with Store(args.db, read_only=True) as store:
        days = key_dates(store.events(Filters(mentions=True)), args.top)
    days = days.assign(day=days["day"].astype(str), event_ids=days["event_ids"].map("; ".join))
    if args.format == "csv":
        data = export.safe_csv(days)
    else:
        data = (json.dumps(days.to_dict(orient="records"), ensure_ascii=False, indent=1) + "\n").encode()
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def run_ingest(args) -> int:
    from timeline.store.heap import reuse_freed_memory

    reuse_freed_memory()  # this process only ingests: freed memory is reused, not faulted in again
    from timeline.store.database import Store
    from timeline.store.ingest import IngestOptions, ingest

    corpus_options = CorpusOptions(
        id_field=args.id_field, text_field=args.text_field, date_field=args.date_field,
        title_field=args.title_field, url_field=args.url_field, source_field=args.source_field,
        metadata=args.metadata, published=args.published,
    )
    options = IngestOptions(model=args.model, batch_size=args.batch_size, n_process=args.n_process,
                            chunk_size=args.chunk_size, dask=args.dask, parquet_dir=args.parquet_dir,
                            show_progress=not args.quiet)
    with Store(args.db) as store:
        try:
            report = ingest(args.paths, store, options, corpus_options)
        except KeyboardInterrupt:
            n = store.counts()["articles"]
            print(f"\ninterrupted: the store holds {n} whole articles; run the same command again to "
                  "complete it", file=sys.stderr)
            return 130
        counts = store.counts()
        undated = _undated_articles(store.articles())
    p = report.progress
    print(f"{p.written} articles written, {p.skipped} unchanged, {p.errors} bad input; "
          f"store: {counts['articles']} articles, {counts['events']} events ({p.elapsed:.1f} s)", file=sys.stderr)
    if report.reading_summary():
        print(report.reading_summary(), file=sys.stderr)
    if undated:
        print(undated, file=sys.stderr)
    if p.errors:
        return 2 if not (p.written or p.skipped) else 1
    return 0


def _undated_articles(arts, shown: int = 5) -> str:
    """A warning naming the stored articles (``Store.articles()``) without a publication date
    ('' when none)."""
    missing = arts[arts["published"].isna()]
    if missing.empty:
        return ""
    names = ", ".join(missing["article_id"].astype(str).head(shown)) + (", ..." if len(missing) > shown else "")
    return (f"warning: {len(missing)} article(s) have no publication date ({names}): their relative dates "
            "('yesterday', 'on Friday') stay unresolved. Give one with --published DATE, --metadata FILE "
            f"(columns file or id, published), or an {SIDECAR_NAME} in their folder.")


def export_filters(args) -> Filters:
    return Filters(actors=tuple(args.actor), locations=tuple(args.location), sources=tuple(args.source),
                   date_from=args.date_from, date_to=args.date_to, text=args.q,
                   include_undated=not args.no_undated, mentions=args.mentions, level=args.level, role=args.role)


def run_export(args) -> int:
    from timeline.store import export
    from timeline.store.database import Store

    if not Path(args.db).exists():
        print(f"error: no event store at {args.db} (run `python -m timeline ingest` first)", file=sys.stderr)
        return 2
    with Store(args.db, read_only=True) as store:
        filters = export_filters(args)
        df = store.events(filters)
    if filters.level == "events":
        df = view(df, Filters(mentions=True))  # the rows are filtered already: to the event level, by rank
    if args.format == "parquet":
        if not args.out:
            print("error: --format parquet needs --out FILE", file=sys.stderr)
            return 2
        df.to_parquet(args.out, index=False)
        return 0
    if args.format == "csv":
        data = export.to_csv(df)
    else:  # jsonl: the JSON export's objects, one per line
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in json.loads(export.to_json(df))).encode()
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    _ingest_parser(sub)
    _export_parser(sub)
    _key_dates_parser(sub)
    _corrections_parser(sub)
    args = parser.parse_args(argv)
    from timeline.store.database import StoreLocked

    try:
        run = {"ingest": run_ingest, "export": run_export, "key-dates": run_key_dates,
               "corrections": run_corrections}[args.command]
        return run(args)
    except StoreLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # one line, not a traceback with server paths; exit 2: nothing (more) done
        if os.environ.get("TIMELINE_DEBUG"):
            raise
        print(f"error: {type(exc).__name__}: {str(exc)[:300]}", file=sys.stderr)
        return 2
