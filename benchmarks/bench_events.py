"""Throughput of the per-article work: spaCy alone, + timex tagger, + events (extraction,
dating, actors, places), and the cross-article merge.  Prints a table; never asserts.

    python benchmarks/bench_events.py [--docs N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline import table  # noqa: E402
from timeline.dates import timexes  # noqa: E402
from timeline.events import (
    entities,  # noqa: E402
    merge,  # noqa: E402
    references,  # noqa: E402
)
from timeline.events import extract as events  # noqa: E402
from timeline.models import Article  # noqa: E402
from timeline.nlp import load_nlp  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "event_times_dev.jsonl"
DATA = Path(__file__).resolve().parents[1] / "data"


def corpus(n: int) -> list[Article]:
    arts = []
    if EVAL.exists():
        for line in EVAL.read_text().splitlines():
            r = json.loads(line)
            arts.append(Article(r["doc_id"], r["text"], published=date.fromisoformat(r["dct"])))
    for p in sorted(DATA.glob("*.txt")):
        arts.append(Article(p.stem, p.read_text(), published=date(2021, 10, 9)))
    return (arts * (n // len(arts) + 1))[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=60)
    n = ap.parse_args().docs
    nlp = load_nlp()
    arts = corpus(n)
    t0 = time.perf_counter()
    entities.warm_up()  # one-off: the GeoNames index (~1 s), not a per-document cost
    t_warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in arts], batch_size=16))
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = [timexes.resolve_doc(d, a.published) for d, a in zip(docs, arts, strict=True)]
    t_tagger = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:  # actor resolution alone (issue 19): names, short forms, pronouns, descriptions
        references.references(d)
    t_refs = time.perf_counter() - t0
    for d in docs:
        d.user_data.pop("timeline_references", None)  # the events stage below computes them again
    t0 = time.perf_counter()
    evs = [events.extract_events(d, a, f) for d, a, f in zip(docs, arts, found, strict=True)]
    t_events = time.perf_counter() - t0
    rows = [table.event_row(e, a) for a, es in zip(arts, evs, strict=True) for e in es]
    df = table.build_event_table(rows)
    t0 = time.perf_counter()
    merge.merge_events(df)
    t_merge = time.perf_counter() - t0
    n_ev = len(rows)
    print(f"{n} docs, {n_ev} events")
    print("| stage | seconds | docs/s (cumulative) |")
    print("| --- | ---: | ---: |")
    print(f"| (one-off gazetteer load) | {t_warm:.2f} | |")
    print(f"| spaCy | {t_spacy:.2f} | {n / t_spacy:.1f} |")
    print(f"| + timex tagger | {t_tagger:.2f} | {n / (t_spacy + t_tagger):.1f} |")
    print(f"| + events | {t_events:.2f} | {n / (t_spacy + t_tagger + t_events):.1f} |")
    print(f"| of which actor resolution (references) | {t_refs:.2f} | "
          f"{100 * t_refs / (t_spacy + t_tagger + t_events):.1f} % of the per-article work |")
    print(f"| merge ({n_ev} events) | {t_merge:.2f} | {n_ev / max(t_merge, 1e-9):.0f} events/s |")
    big = table.build_event_table(rows * max(1, 100_000 // max(n_ev, 1)))
    big["event_id"] = [f"{i}" for i in range(len(big))]
    t0 = time.perf_counter()
    merge.merge_events(big)
    print(f"| merge ({len(big)} events) | {time.perf_counter() - t0:.2f} | |")


if __name__ == "__main__":
    main()
