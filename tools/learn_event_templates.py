"""Learn the event-dating template table (timeline/resources/en/event_templates.json).

    python tools/learn_event_templates.py [--gold ../shared/eval/event_times_dev.jsonl]
        [--min-leaf 8] [--max-depth 6] [--out timeline/resources/en/event_templates.json]

Training only: reads the **train** split of TimeBank-EventTime with its gold labels, runs
the product's own parse, tagger and feature extractor, and scores every template of
``timeline.events.templates.TEMPLATES`` on every event (1 if its label is the gold label,
``--partial`` if its interval only lies inside the gold interval).  A greedy multiway
decision tree over the categorical features then maximises the summed score; a split must
gain ``--min-gain`` and every child keeps ``--min-leaf`` events (smaller value groups fall
back to the parent's ranking).  Each node stores its template ranking, so the product uses
the first template whose slots exist.  The dev split is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"

FEATURES = ("rule", "g", "rel", "tense", "aspect", "pos", "modal", "reporting", "under_report", "quote", "state", "dep",
            "s", "l", "neg", "form", "head_tense", "g_via")


PARTIAL = 0.0


def training_rows(gold: Path, split: str = "train", partial: float = 0.0,
                  doc_ids: list[str] | None = None) -> list[tuple[dict, dict[str, float]]]:
    """(features, template -> score) per gold event of the split; ``doc_ids`` (if given)
    receives each row's document id, for cross-validation by document."""
    sys.path.insert(0, str(EVAL))
    from score_event_times import anchor_interval, inside  # noqa: PLC0415
    from timeml_to_jsonl import parse_event_time  # noqa: PLC0415

    from timeline.dates import timexes  # noqa: PLC0415
    from timeline.eval.event_times import event_token  # noqa: PLC0415
    from timeline.events import dating as event_dates  # noqa: PLC0415
    from timeline.events.templates import _TENSE_ONLY, TEMPLATES, instantiate  # noqa: PLC0415
    from timeline.nlp import load_nlp  # noqa: PLC0415

    recs = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    recs = [r for r in recs if r.get("split") == split]
    nlp = load_nlp()
    rows = []
    for rec, doc in zip(recs, nlp.pipe([r["text"] for r in recs], batch_size=8), strict=True):
        published = date.fromisoformat(rec["dct"])
        found = list(timexes.resolve_doc(doc, published))
        pairs = [(ev, event_token(doc, ev["start"], ev["end"])) for ev in rec["events"]]
        toks = [t for _, t in pairs if t is not None]
        feats = event_dates.trigger_features(doc, toks, found, published)
        for ev, tok in pairs:
            if tok is None or ev["event_time"] == "n/a":
                continue
            gold_iv = anchor_interval(parse_event_time(ev["event_time"]))
            scores = {}
            slots = feats[tok.i][1].slots
            for name in TEMPLATES:
                if slots.governing is not None and name in _TENSE_ONLY:
                    continue  # as the product: the text's own date outranks a guess from tense
                got = instantiate(name, slots)
                if got is None:
                    continue
                scores[name] = 0.0
                if got.label == ev["event_time"]:
                    scores[name] = 1.0
                elif gold_iv is not None:
                    iv = anchor_interval(parse_event_time(got.label))
                    if iv is not None and (iv[0] or iv[1]) and inside(iv, gold_iv):
                        scores[name] = partial
            rows.append((feats[tok.i][1].values, scores))
            if doc_ids is not None:
                doc_ids.append(rec["doc_id"])
    return rows




def totals(rows) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for _, sc in rows:
        for k, v in sc.items():
            out[k] += v
    return out


def ranking(rows) -> list[str]:
    tot = totals(rows)
    return [k for k, _ in sorted(tot.items(), key=lambda kv: (-kv[1], kv[0]))][:8] or ["DCT"]


def realised(rows, rank: list[str]) -> float:
    """Score of a ranked list: each event takes the first template it can instantiate
    (templates it cannot instantiate have no entry)."""
    total = 0.0
    for _, sc in rows:
        for k in rank:
            if k in sc:
                total += sc[k]
                break
    return total


def grow(rows, depth: int, args) -> dict:
    """Binary splits 'feature == value' (a multiway split fragments small data)."""
    rank = ranking(rows)
    node = {"n": len(rows), "rank": rank}
    base = realised(rows, rank)
    if depth >= args.max_depth or len(rows) < 2 * args.min_leaf:
        return node
    best = None
    for f in FEATURES:
        for v in sorted({r[0].get(f, "") for r in rows}):
            yes = [r for r in rows if r[0].get(f, "") == v]
            if len(yes) < args.min_leaf or len(rows) - len(yes) < args.min_leaf:
                continue
            no = [r for r in rows if r[0].get(f, "") != v]
            score = realised(yes, ranking(yes)) + realised(no, ranking(no))
            if best is None or score > best[0]:
                best = (score, f, v, yes, no)
    if best is None or best[0] - base < args.min_gain:
        return node
    _, f, v, yes, no = best
    node.update(split=f, value=v, yes=grow(yes, depth + 1, args), no=grow(no, depth + 1, args))
    return node


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=EVAL / "event_times_dev.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "timeline" / "resources" / "en" / "event_templates.json")
    ap.add_argument("--min-leaf", type=int, default=15)
    ap.add_argument("--max-depth", type=int, default=3)
    ap.add_argument("--min-gain", type=float, default=3.0)
    ap.add_argument("--partial", type=float, default=PARTIAL)
    args = ap.parse_args()
    rows = training_rows(args.gold, partial=args.partial)
    tree = grow(rows, 0, args)
    doc = {"_comment": ("Event-dating template tree, learned on the TimeBank-EventTime train split only by "
                        "tools/learn_event_templates.py (product tagger + parse; never the dev split). "
                        f"min_leaf={args.min_leaf} max_depth={args.max_depth} min_gain={args.min_gain} "
                        f"partial={args.partial}; {len(rows)} training events."),
           "features": list(FEATURES), "tree": tree}
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} events; train score {realised_tree(rows, tree):.1f}; wrote {args.out}")


def realised_tree(rows, tree) -> float:
    from timeline.events.templates import rank  # noqa: PLC0415

    return sum(next((sc[k] for k in rank(tree, v) if k in sc), 0.0) for v, sc in rows)


if __name__ == "__main__":
    main()
