"""Leave-one-document-out cross-validation of the event-dating template tree.

    python tools/cv_event_templates.py [--split train] [--min-leaf 15] [--max-depth 3] [--min-gain 3]

The tree of ``tools/learn_event_templates.py`` is scored on the documents it learned from,
so its train-split label accuracy is optimistic.  This grows one tree per held-out document
of the split (on the others) and prints, beside the in-sample figure, the out-of-sample
label accuracy and the oracle (an event counts when any template gives its gold label),
i.e. how much is the learner and how much the features and templates, and the rules alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learn_event_templates import EVAL, grow, realised, realised_tree, training_rows  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=EVAL / "event_times_dev.jsonl")
    ap.add_argument("--split", default="train")
    ap.add_argument("--min-leaf", type=int, default=15)
    ap.add_argument("--max-depth", type=int, default=3)
    ap.add_argument("--min-gain", type=float, default=3.0)
    args = ap.parse_args()
    docs: list[str] = []
    rows = training_rows(args.gold, args.split, 0.0, docs)
    n = len(rows)
    in_sample = realised_tree(rows, grow(rows, 0, args))
    held_out = 0.0
    for doc in sorted(set(docs)):
        train = [r for r, d in zip(rows, docs, strict=True) if d != doc]
        test = [r for r, d in zip(rows, docs, strict=True) if d == doc]
        held_out += realised_tree(test, grow(train, 0, args))
    oracle = sum(1 for _, sc in rows if any(v == 1.0 for v in sc.values()))
    print(f"{args.split}: {n} events in {len(set(docs))} documents (label accuracy of the chosen template)\n")
    print("| estimate | label_acc |\n| --- | ---: |")
    print(f"| the hand-written rules alone (template 'rule') | {100 * realised(rows, ['rule']) / n:.1f} |")
    print(f"| in-sample (tree grown on all) | {100 * in_sample / n:.1f} |")
    print(f"| leave-one-document-out | {100 * held_out / n:.1f} |")
    print(f"| oracle: best template per event | {100 * oracle / n:.1f} |")


if __name__ == "__main__":
    main()
