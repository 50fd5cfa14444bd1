"""Fuzz every entry point of hostile input with random inputs and print a table: entry
point, inputs, exceptions, the slowest input and its time (issue 14).

    python benchmarks/fuzz.py --n 100000            # every entry point, 100,000 inputs each
    python benchmarks/fuzz.py --n 2000 --only read resolver --seed 7

Entry points: ``read`` (random bytes in .txt/.jsonl/.csv files through the corpus readers),
``resolver`` (random values, anchors and tenses through ``dates.resolve``), ``tagger``
(random newsy text through spaCy + the timex tagger + resolution), ``pipeline`` (the same
through ``pipeline.analyze_articles``, the per-article function with its isolation and time
budget: an ``ArticleFailure`` is counted apart, not as an exception), ``store`` (hostile
articles written to a DuckDB store and read back), ``export`` (CSV/JSON of hostile event
tables) and ``figures`` (the timeline, heatmap and map of hostile tables; a hostile string
drawn unescaped counts as an exception).  The tests (tests/test_properties.py) run the same
entry points on a few hundred inputs with hypothesis; this runs many more, locally.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ["January", "Feb.", "march", "May", "Sept", "December", "Q3", "fall", "Friday", "yesterday", "AD", "BC",
         "century", "decade", "year", "weeks", "ago", "later", "earlier", "next", "last", "this", "attack", "met",
         "said", "talks", "Kunduz", "the", "on", "in", "ISIS", "before", "since", "until", "1st", "the 1990s",
         "9999", "0000", "10021", "-44", "1 Jan", "2021-10-09", "Monday", "tomorrow", "two days later"]
SEPS = [" ", ", ", "-", "/", ".", "\n", "\n\n", "\u00a0", "–", "'s", "\r\n", "\x00", "\ud800", "\u200b", "\t"]
HOSTILE = ['<a href="https://evil.example/login">Session expired</a>', "<script>alert(1)</script>", "=1+1",
           "@SUM(A1)", "-2+3", "%{customdata[0]}", "&lt;b&gt;", "<br>", "\u202e", "<img src=x onerror=alert(1)>"]
ENCODINGS = ["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "utf-16-le"]


@dataclass
class Tally:
    name: str
    inputs: int = 0
    exceptions: int = 0
    failures: int = 0  # articles reported and skipped (pipeline only)
    slowest: float = 0.0
    slowest_input: str = ""
    first_error: str = ""
    elapsed: float = 0.0
    examples: list[str] = field(default_factory=list)

    def record(self, seconds: float, shown: object) -> None:
        self.inputs += 1
        if seconds > self.slowest:
            self.slowest, self.slowest_input = seconds, _short(shown)

    def error(self, shown: object) -> None:
        self.exceptions += 1
        if not self.first_error:
            self.first_error = f"{_short(shown)}: {traceback.format_exc(limit=-2).strip().splitlines()[-1]}"


def _short(value: object, width: int = 44) -> str:
    text = repr(value)
    return text if len(text) <= width else f"{text[:width - 12]}…({len(text):,} ch)"


def newsy(rng: random.Random, max_parts: int = 40) -> str:
    parts = []
    for _ in range(rng.randint(0, max_parts)):
        k = rng.random()
        if k < 0.45:
            parts.append(rng.choice(WORDS))
        elif k < 0.75:
            parts.append(rng.choice(SEPS))
        elif k < 0.9:
            parts.append(str(rng.randint(-5, 100_000)))
        else:
            parts.append("".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 4))))
    if rng.random() < 0.02:  # now and then a long degenerate sentence
        parts.append(rng.choice(["attack ", "Feb. ", "said ", "the ", "(", "Kabul, "]) * rng.randint(100, 2000))
    return "".join(parts)


def random_bytes(rng: random.Random) -> bytes:
    k = rng.random()
    if k < 0.3:
        return rng.randbytes(rng.randint(0, 600))
    text = newsy(rng)
    if k < 0.6:
        return text.encode(rng.choice(ENCODINGS), errors="ignore")
    day = rng.choice(["2021-10-09", "0001-01-01", "x", ""])
    record = f'{{"id": "{rng.choice(WORDS)}", "text": "{text.replace(chr(34), chr(39))}", "published": "{day}"}}'
    return (record + "\n" + text).encode(rng.choice(ENCODINGS), errors="ignore")


def any_day(rng: random.Random) -> date:
    return date(1, 1, 1) + timedelta(days=rng.randint(0, 3_652_058))


def run_read(n: int, rng: random.Random, tally: Tally) -> None:
    from timeline.models import Article
    from timeline.store.corpus import CorpusError, iter_corpus

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            data = random_bytes(rng)
            path = Path(tmp) / f"f{i % 4}{rng.choice(['.txt', '.jsonl', '.csv'])}"
            path.write_bytes(data)
            start = time.perf_counter()
            try:
                for item in iter_corpus([path]):
                    if isinstance(item, Article):
                        item.text.encode("utf-8")
                    elif not isinstance(item, CorpusError):
                        raise TypeError(item)
            except Exception:  # noqa: BLE001
                tally.error(data)
            tally.record(time.perf_counter() - start, data)
            path.unlink()


def run_resolver(n: int, rng: random.Random, tally: Tally) -> None:
    from timeline.dates.resolve import Anchor, TimeValue, resolve

    units = ["day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century", "night"]
    for _ in range(n):
        kind = rng.choice(["shift", "named", "literal"])
        month = rng.randint(0, 12)
        v = TimeValue("DATE", kind, rng.choice(["", "2021", "0000", "10021", "199", "20", "2021-Q3", "-0044",
                                                 "2021-W53", "PRESENT_REF", "XXXX"]),
                      unit=rng.choice(units) if kind == "shift" else "", n=rng.randint(-20_000, 20_000),
                      month=month, day=rng.randint(0, 31) if month else 0,
                      weekday=0 if month else rng.randint(0, 7), direction=rng.choice(["", "last", "this", "next"]),
                      mod=rng.choice([None, "START", "MID", "END"]), season=rng.choice(["", "", "WI", "SU"]))
        anchor = Anchor(any_day(rng) if rng.random() < 0.9 else None, "publication")
        start = time.perf_counter()
        try:
            r = resolve(v, anchor, rng.choice([None, "past", "future", "present"]), "it")
            if r.first is not None and not (date.min <= r.first <= r.last <= date.max):
                raise ValueError(r)
        except Exception:  # noqa: BLE001
            tally.error((v, anchor))
        tally.record(time.perf_counter() - start, (v.kind, v.unit, v.n, v.value, anchor.day))


def _texts(n: int, rng: random.Random) -> Iterator[str]:
    from timeline.store.text_input import normalise_text

    for _ in range(n):
        yield normalise_text(newsy(rng))[0] or "."


def run_tagger(n: int, rng: random.Random, tally: Tally) -> None:
    from timeline.dates.timexes import resolve_doc
    from timeline.nlp import load_nlp

    nlp = load_nlp()
    texts = list(_texts(n, rng))
    for text in texts:  # one at a time: the time of each input is what is measured
        published = any_day(rng) if rng.random() < 0.8 else None
        start = time.perf_counter()
        try:
            for t in resolve_doc(nlp(text), published):
                if text[t.start:t.end] != t.text:
                    raise ValueError(t)
        except Exception:  # noqa: BLE001
            tally.error(text)
        tally.record(time.perf_counter() - start, text)


def run_pipeline(n: int, rng: random.Random, tally: Tally) -> None:
    from timeline.models import Article
    from timeline.nlp import load_nlp
    from timeline.pipeline import ArticleFailure, analyze_articles

    nlp = load_nlp()
    for i, text in enumerate(_texts(n, rng)):
        article = Article(id=f"f{i}", text=text, published=any_day(rng) if rng.random() < 0.8 else None)
        start = time.perf_counter()
        try:
            (result,) = analyze_articles([article], nlp)
            if isinstance(result, ArticleFailure):
                tally.failures += 1
        except Exception:  # noqa: BLE001
            tally.error(text)
        tally.record(time.perf_counter() - start, text)


def _hostile(rng: random.Random) -> str:
    from timeline.store.text_input import normalise_text

    return normalise_text(rng.choice(HOSTILE) + newsy(rng, 6) if rng.random() < 0.7 else newsy(rng, 6))[0]


def _table(rng: random.Random):
    import pandas as pd

    from timeline.table import build_event_table

    rows = []
    for i in range(rng.randint(1, 4)):
        text = _hostile(rng)
        when = pd.Timestamp(date(1900, 1, 1) + timedelta(days=rng.randint(0, 73_000))) if rng.random() < 0.8 \
            else pd.NaT
        rows.append({"event_id": f"e{i}", "cluster_id": f"e{i}", "article_id": f"a{i}", "title": text,
                     "source": text, "published": when, "sentence_index": i, "sentence": text, "summary": text,
                     "trigger": "x", "date_start": when, "date_end": when, "precision": "day",
                     "date_source": "timex", "date_explanation": text, "actors": [text],
                     "actor_ids": [text.lower()], "locations": [text], "location_ids": [text],
                     "lat": 10.0 + i, "lon": 20.0, "sources": [f"a{i}"], "n_sources": 1, "sentence_start": 0,
                     "sentence_end": len(text), "trigger_start": 0, "trigger_end": 1})
    return build_event_table(rows)


def run_store(n: int, rng: random.Random, tally: Tally) -> None:
    from timeline.models import Article
    from timeline.pipeline import ArticleAnalysis
    from timeline.store.database import Store, make_batch

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "fuzz.duckdb") as store:
        done = 0
        while done < n:
            size = min(100, n - done)
            texts = [_hostile(rng) or "." for _ in range(size)]
            analyses = [ArticleAnalysis(Article(id=f"{done + k}:{t[:20]}", text=t, title=t, source=t, url=t), (), ())
                        for k, t in enumerate(texts)]
            start = time.perf_counter()
            try:
                store.write_batch(make_batch(analyses))
                if store.counts()["articles"] != done + size:
                    raise ValueError("articles lost")
            except Exception:  # noqa: BLE001
                tally.error(texts)
            seconds = (time.perf_counter() - start) / size
            for t in texts:
                tally.record(seconds, t)
            done += size
        store.recompute_clusters(3)


def run_export(n: int, rng: random.Random, tally: Tally) -> None:
    import csv
    import io

    from timeline.store import export

    for _ in range(n):
        df = _table(rng)
        start = time.perf_counter()
        try:
            for row in list(csv.reader(io.StringIO(export.to_csv(df).decode("utf-8"))))[1:]:
                if any(cell.startswith(export.FORMULA_PREFIXES) for cell in row):
                    raise ValueError(f"formula left in {row}")
            export.to_json(df)
        except Exception:  # noqa: BLE001
            tally.error(df["title"].tolist())
        tally.record(time.perf_counter() - start, df["title"].tolist())


def _strings(obj) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif hasattr(obj, "tolist") or isinstance(obj, list | tuple):
        for v in obj.tolist() if hasattr(obj, "tolist") else obj:
            yield from _strings(v)


def run_figures(n: int, rng: random.Random, tally: Tally) -> None:
    from timeline.ui import charts, heatmap, maps

    for _ in range(n):
        df = _table(rng)
        group_by = rng.choice(["actor", "location", "article"])
        start = time.perf_counter()
        try:
            for fig in (charts.timeline_figure(df, group_by=group_by), heatmap.heatmap_figure(df, group_by),
                        maps.map_figure(df)):
                for s in _strings(fig.to_plotly_json()):
                    if "<a" in s or "<script" in s or "<img" in s:
                        raise ValueError(f"unescaped: {s[:60]}")
        except Exception:  # noqa: BLE001
            tally.error(df["title"].tolist())
        tally.record(time.perf_counter() - start, df["title"].tolist())


ENTRY_POINTS: dict[str, Callable[[int, random.Random, Tally], None]] = {
    "read": run_read, "resolver": run_resolver, "tagger": run_tagger, "pipeline": run_pipeline,
    "store": run_store, "export": run_export, "figures": run_figures,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="inputs per entry point (default 100,000)")
    parser.add_argument("--only", nargs="+", choices=sorted(ENTRY_POINTS), help="these entry points only")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    tallies = []
    for name in args.only or ENTRY_POINTS:
        tally = Tally(name)
        start = time.perf_counter()
        ENTRY_POINTS[name](args.n, random.Random(f"{args.seed}:{name}"), tally)
        tally.elapsed = time.perf_counter() - start
        tallies.append(tally)
        print(f"{name}: {tally.inputs:,} inputs, {tally.exceptions} exceptions ({tally.elapsed:.0f} s)",
              file=sys.stderr, flush=True)
    print("| entry point | inputs | exceptions | failures reported | slowest input | its time | total |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: |")
    for t in tallies:
        slowest = t.slowest_input.replace("|", "\\|")
        print(f"| {t.name} | {t.inputs:,} | {t.exceptions} | {t.failures} | `{slowest}` | {t.slowest * 1000:.1f} ms "
              f"| {t.elapsed:.0f} s |")
    for t in tallies:
        if t.first_error:
            print(f"\nfirst exception in {t.name}: {t.first_error}")
    return 1 if any(t.exceptions for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
