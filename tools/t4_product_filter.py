"""Task 4 actor timelines through the dashboard's own actor filter (issue 19's measure).

    python tools/t4_product_filter.py ../shared/eval/t4_dev_docs.jsonl ../shared/eval/t4_dev_timelines.jsonl OUT.jsonl [--role agent]
    python ../shared/eval/score_t4.py ...  (see ../shared/eval/README.md)

For each (corpus, target): the target's name -> an actor id by the lookup the dashboard's
actor box uses (``entities.canonical_actor``), then the events whose ``actor_ids`` (or, with
``--role agent``, ``agent_ids``) hold it, in the adapter's timeline order.  No matching of
its own: this is what an analyst gets, the number that ``timeline/eval/actor_timelines.py``
(which still adds the eval-only name, short-form and reference matching) is to reach.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from timeline.eval.actor_timelines import (
        _num,
        analyse,
        anchor,
        number_timeline,
        read_docs,
        read_targets,
        timeline_key,
    )
    from timeline.events.entities import canonical_actor
    from timeline.nlp import load_nlp

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("docs")
    p.add_argument("targets")
    p.add_argument("out")
    p.add_argument("--role", choices=("any", "agent"), default="any")
    args = p.parse_args(argv)
    docs = list(analyse(read_docs(args.docs), load_nlp()))
    with open(args.out, "w", encoding="utf-8") as fh:
        for corpus, target in read_targets(args.targets):
            actor = canonical_actor(target)
            mine = sorted((d for d in docs if (d.record.get("corpus") or "") == corpus),
                          key=lambda d: (d.record.get("dct") or "", _num(d.record["doc_id"])))
            found = []
            for k, ad in enumerate(mine):
                for ev in ad.events:
                    ids = ev.agent_ids if args.role == "agent" else [a.id for a in ev.actors]
                    if actor is None or actor.id not in ids:
                        continue
                    start, end = ad.adapted.source_span(ev.trigger_start, ev.trigger_end)
                    first, last = anchor(ev)
                    found.append((timeline_key(k, ev), ev, {
                        "doc_id": ad.record["doc_id"], "start": start, "end": end,
                        "date_start": first.isoformat() if first else None,
                        "date_end": last.isoformat() if last else None}))
            found.sort(key=lambda kv: kv[0])
            events = number_timeline([(ev, row) for _, ev, row in found])
            fh.write(json.dumps({"corpus": corpus, "target": target, "events": events}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
