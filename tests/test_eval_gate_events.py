"""Eval gate: event dating on ../shared/eval/event_times_dev.jsonl must not fall below the
floors in tests/eval_floors_events.json (one spaCy pass over 27 documents, ~10 s).

Uses the product's own tagger and ``timeline.eval.event_times`` (never the gold timexes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = Path(__file__).with_name("eval_floors_events.json")


@pytest.fixture(scope="module")
def event_scores(shared_eval, tmp_path_factory):
    from timeline.eval.event_times import run

    gold = shared_eval / "event_times_dev.jsonl"
    pred = tmp_path_factory.mktemp("event_times") / "pred.jsonl"
    assert run(str(gold), str(pred)) == 0
    scorer = shared_eval / "score_event_times.py"
    out = {}
    for split in ("all", "dev"):
        args = [sys.executable, str(scorer), str(gold), str(pred), "--json"]
        if split != "all":
            args += ["--split", split]
        res = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
        out[split] = {k: 100 * v for k, v in res["overall"].items() if isinstance(v, float)}
    return out


@pytest.mark.parametrize("split", ["all", "dev"])
def test_eval_gate_events_floors(event_scores, split):
    floors = json.loads(FLOORS.read_text())
    eps = floors["epsilon"]
    for metric, floor in floors[split].items():
        got = event_scores[split][metric]
        assert got >= floor - eps, f"{split} {metric} {got:.2f} < floor {floor}"
