"""What narrative time costs: the reference-time pass and the parse reading it needs, against
the spaCy pass, on the dev texts (TBAQ + WikiWars dev).  One run; the machine is shared, so
only the ratios of this run mean anything.

    python benchmarks/bench_narrative.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"

from timeline.dates import anchors, reference, timexes  # noqa: E402
from timeline.nlp import load_nlp  # noqa: E402


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = [json.loads(line) for name in ("tbaq.jsonl", "wikiwars_dev.jsonl") for line in open(EVAL / name)]
    nlp = load_nlp()
    t = time.perf_counter()
    docs = list(nlp.pipe([r["text"] for r in rows], batch_size=32))
    spacy_s = time.perf_counter() - t
    days = [date.fromisoformat(r["dct"]) for r in rows]

    def find():
        for d in docs:
            timexes.find_mentions(d)

    def resolve():
        for d, p in zip(docs, days, strict=True):
            timexes.resolve_doc(d, p)

    with_find, with_resolve = _best(find, args.repeat), _best(resolve, args.repeat)
    story_time, anchor = anchors.sets_story_time, reference.StoryTime.anchor
    timexes.sets_story_time = lambda *a: True
    reference.StoryTime.anchor = lambda self, *a: None
    try:
        bare_find, bare_resolve = _best(find, args.repeat), _best(resolve, args.repeat)
    finally:
        timexes.sets_story_time, reference.StoryTime.anchor = story_time, anchor
    extra = (with_find - bare_find) + (with_resolve - bare_resolve)
    print(f"{len(rows)} documents (TBAQ + WikiWars dev), best of {args.repeat}\n")
    print("| step | seconds |\n| --- | ---: |")
    print(f"| spaCy pass (en_core_web_sm) | {spacy_s:.2f} |")
    print(f"| find mentions, with / without the story-time parse reading | {with_find:.3f} / {bare_find:.3f} |")
    print(f"| resolve, with / without the reference-time pass | {with_resolve:.3f} / {bare_resolve:.3f} |")
    print(f"\nnarrative time costs {extra:+.3f} s = {100 * extra / spacy_s:+.2f} % of the spaCy pass (budget 5 %)")


if __name__ == "__main__":
    main()
