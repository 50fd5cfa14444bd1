"""The default view of the demo corpus against the events an analyst lists from it
(tests/corpus/demo_events_golden.yaml, written by hand from the texts; issue 16)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from timeline.store.filters import Filters, view

GOLDEN = yaml.safe_load((Path(__file__).parent / "corpus" / "demo_events_golden.yaml").read_text(encoding="utf-8"))
FLOORS = json.loads((Path(__file__).parent / "eval_floors_demo.json").read_text())["demo_golden"]
JUNK = ("Took stance", "she said", "It is seen as a terrorist group", "China's concerns about terrorism",
        "to work", "evacuation")  # rows the issue found in the table: none may be a timeline event


def _matches(row, event) -> bool:
    if not re.search(event["match"], row["summary"]):
        return False
    lo, hi = pd.Timestamp(event["from"]), pd.Timestamp(event["to"])
    start, end = row["date_start"], row["date_end"]
    return (pd.isna(start) or start <= hi) and (pd.isna(end) or end >= lo)


@pytest.fixture(scope="module")
def default_view(demo_table):
    return view(demo_table, Filters())


@pytest.fixture(scope="module")
def scores(default_view):
    rows = [r for _, r in default_view.iterrows()]
    matched_rows = sum(any(_matches(r, e) for e in GOLDEN["events"]) for r in rows)
    found = [e["id"] for e in GOLDEN["events"] if any(_matches(r, e) for r in rows)]
    return {"precision": matched_rows / len(rows), "recall": len(found) / len(GOLDEN["events"]), "found": found,
            "rows": len(rows)}


def test_demo_golden_recall(scores):
    missing = {e["id"] for e in GOLDEN["events"]} - set(scores["found"])
    assert scores["recall"] >= FLOORS["recall"], f"recall {scores['recall']:.2f}, missing {sorted(missing)}"


def test_demo_golden_precision(scores, capsys):
    with capsys.disabled():
        print(f"\ndemo default view: {scores['rows']} rows, precision {scores['precision']:.2f}, "
              f"recall {scores['recall']:.2f}")
    assert scores["precision"] >= FLOORS["precision"], f"precision {scores['precision']:.2f} of {scores['rows']} rows"


def test_demo_golden_no_junk_rows(default_view):
    for junk in JUNK:
        hits = default_view[default_view["summary"].str.fullmatch(re.escape(junk), case=False)
                            | default_view["summary"].str.startswith(junk)]
        assert hits.empty, f"{junk!r} is on the timeline: {hits['summary'].tolist()}"


def test_demo_golden_one_bombing_with_both_sources(default_view):
    bombing = [r for _, r in default_view.iterrows() if _matches(r, GOLDEN["events"][2])
               and r["date_start"] == pd.Timestamp("2021-10-08") and r["date_end"] == pd.Timestamp("2021-10-08")]
    assert len(bombing) == 1 and bombing[0]["n_sources"] == 2, [r["summary"] for r in bombing]


def test_demo_golden_lead_events(demo_table):
    # both articles report the Taliban's refusal first (headline and lead paragraph)
    lead = demo_table[demo_table["rank"] == 1].set_index("article_id")["summary"]
    refusal = GOLDEN["events"][0]["match"]
    assert set(lead.index) == {"ap-rewrite-taliban-isis", "asumetech-taliban-isis"}
    assert all(re.search(refusal, s) for s in lead), lead.tolist()
