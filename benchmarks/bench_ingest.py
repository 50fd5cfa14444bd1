"""Ingest throughput and memory: bare spaCy vs the whole ingest, 1 and 2 processes, Dask.

    python benchmarks/bench_ingest.py --n 5000 [--small 1000] [--out .bench] [--memory-only]

Builds a corpus of ``--n`` articles from ../shared/eval/tbaq.jsonl (texts repeated, each
made unique by an id line so that hashing does not skip them), then runs, each in its own
subprocess, in one go on the same machine:

- the bare spaCy pass (``spacy.load`` + ``nlp.pipe``, batch 64, no project components);
- ``python -m timeline ingest`` with 1 process, 2 processes and ``--dask local`` (2 workers),
  each into a fresh store;
- the 1-process ingest of ``--small`` articles, for memory flatness.

Wall time includes start-up (imports, model loads, cluster start).  Peak RSS is sampled
every 0.2 s over the process and all its children.  Prints a table; asserts nothing.
Targets: ingest >= 75 % of bare spaCy; 2 workers >= 1.7x one; peak RSS flat within 20 %.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
TBAQ = ROOT.parent / "shared" / "eval" / "tbaq.jsonl"

BARE = """
import json, sys, spacy
from timeline.nlp import _candidates
for name in _candidates("en_core_web_sm"):
    try:
        nlp = spacy.load(name)
        break
    except (OSError, ImportError):
        pass
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
n = sum(1 for _ in nlp.pipe(texts, batch_size=64))
print(n)
"""


def build_corpus(n: int, path: Path) -> int:
    """n unique articles from the TBAQ texts; returns the number of words."""
    docs = [json.loads(line) for line in TBAQ.open(encoding="utf-8")]
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            d = docs[i % len(docs)]
            text = f"{d['text']}\n\nArticle {i} of the benchmark corpus."
            words += len(text.split())
            fh.write(json.dumps({"doc_id": f"bench-{i:06d}", "text": text, "dct": d["dct"]}) + "\n")
    return words


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the command and all its children."""
    start = time.perf_counter()
    log = tempfile.TemporaryFile("w+")  # not a pipe: a full pipe would block the child's error messages
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, text=True)
    parent, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(_rss(p) for p in procs))
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    log.seek(0)
    errors = sum(1 for line in log if line.startswith("error:"))
    if proc.returncode not in (0, 1):
        log.seek(0)
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {log.read()[-2000:]}")
    if errors:
        print(f"  ({errors} articles reported as bad input or failed analysis)", file=sys.stderr)
    return seconds, peak / 1e6


def _rss(p: psutil.Process) -> int:
    try:
        return p.memory_info().rss
    except psutil.Error:
        return 0


def ingest_cmd(corpus: Path, db: Path, *extra: str) -> list[str]:
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)
    return [sys.executable, "-m", "timeline", "ingest", str(corpus), "--db", str(db), "--id-field", "doc_id",
            "--date-field", "dct", "--quiet", *extra]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles in the corpus")
    parser.add_argument("--small", type=int, default=None, help="articles of the memory comparison (n/5)")
    parser.add_argument("--out", default=str(ROOT / ".bench"))
    parser.add_argument("--memory-only", action="store_true",
                        help="only the two 1-process ingests (n and small articles): the memory comparison")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    small = args.small or max(1, args.n // 5)
    corpus, small_corpus = out / f"corpus-{args.n}.jsonl", out / f"corpus-{small}.jsonl"
    words = build_corpus(args.n, corpus)
    small_words = build_corpus(small, small_corpus)
    runs = [
        ("bare spaCy pass (1 process)", args.n, words, [sys.executable, "-c", BARE, str(corpus)]),
        ("ingest, 1 process", args.n, words, ingest_cmd(corpus, out / "b1.duckdb")),
        ("ingest, 2 processes", args.n, words, ingest_cmd(corpus, out / "b2.duckdb", "--n-process", "2")),
        ("ingest, --dask local (2 workers)", args.n, words, ingest_cmd(corpus, out / "bd.duckdb", "--dask", "local")),
        (f"ingest, 1 process, {small} articles", small, small_words, ingest_cmd(small_corpus, out / "bs.duckdb")),
    ]
    if args.memory_only:
        runs = [runs[1], runs[4]]
    results = []
    for name, n, w, cmd in runs:
        seconds, peak = run(cmd)
        results.append((name, n, w, seconds, peak))
        print(f"{name}: {seconds:.1f} s, peak {peak:.0f} MB", file=sys.stderr, flush=True)
    if args.memory_only:
        (_, n, _, _, peak), (_, n_small, _, _, peak_small) = results
        print(f"\nPeak RSS, 1 process: {peak:.0f} MB for {n:,} articles vs {peak_small:.0f} MB for "
              f"{n_small:,} ({peak / peak_small - 1:+.0%})")
        return
    bare_rate = results[0][1] / results[0][3]
    one_rate = results[1][1] / results[1][3]
    print(f"\nIngest benchmark: {args.n:,} articles, {words:,} words (TBAQ texts, made unique)\n")
    print("| run | articles | seconds | articles/s | words/s | vs bare spaCy | vs 1 process | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, n, w, seconds, peak in results:
        rate = n / seconds
        print(f"| {name} | {n:,} | {seconds:.1f} | {rate:.1f} | {w / seconds:,.0f} | {rate / bare_rate:.0%} "
              f"| {rate / one_rate:.2f}x | {peak:.0f} |")
    print(f"\nPeak RSS, 1 process: {results[1][4]:.0f} MB for {args.n:,} articles vs {results[4][4]:.0f} MB for "
          f"{small:,} ({results[1][4] / results[4][4] - 1:+.0%})")


if __name__ == "__main__":
    main()
