"""How honestly the product dates the events of local news that have no date of their own.

    python -m timeline.eval gva gva_dev.jsonl PRED.jsonl
    python tools/score_gva_undated.py gva_dev.jsonl PRED.jsonl

Over the events whose date does not come from an expression of their own sentence
(``source`` != "timex" in the predictions), on the GVA dev split (README, "Narrative time"):

* on_incident_day: a single day, and it is the incident's gold day;
* open: not a single day (an interval, a side left open, or no date): not drawn as a day;
* wrong_day: a single day that is not the incident day (most often the publication day).

``articles_honest`` is the share of articles none of whose such events is a wrong day
(events of another day can be right: a press conference, an arrest; the measure is strict).
"""

from __future__ import annotations

import argparse
import json


def score(gold_path: str, pred_path: str) -> dict[str, float]:
    gold = {}
    with open(gold_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                gold[row["doc_id"]] = row["gold"]["date"]
    counts = {"on_incident_day": 0, "open": 0, "wrong_day": 0}
    honest = articles = 0
    with open(pred_path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            day = gold.get(row["doc_id"])
            if day is None:
                continue
            articles += 1
            wrong = 0
            for ev in row["events"]:
                if ev.get("source") == "timex":
                    continue
                if ev["start"] is None or ev["start"] != ev["end"]:
                    counts["open"] += 1
                elif ev["start"] == day:
                    counts["on_incident_day"] += 1
                else:
                    counts["wrong_day"] += 1
                    wrong += 1
            honest += wrong == 0
    total = sum(counts.values()) or 1
    out = {k: 100 * v / total for k, v in counts.items()}
    out["undated_events"] = float(total)
    out["articles_honest"] = 100 * honest / max(articles, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    args = ap.parse_args()
    for k, v in score(args.gold, args.pred).items():
        print(f"{k:18} {v:8.2f}")


if __name__ == "__main__":
    main()
