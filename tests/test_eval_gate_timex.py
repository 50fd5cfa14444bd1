"""Quality gate: TE3 Task A on the shared TBAQ dev data must stay above the floors in
tests/eval_floors_timex.json (runs by default; needs ../shared/eval)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "eval_floors_timex.json").read_text())


@pytest.fixture(scope="module")
def tbaq_scores(timex_f1):
    return timex_f1("tbaq.jsonl")


@pytest.mark.parametrize("metric", ["strict", "relaxed", "value", "type"])
def test_eval_gate_timex_tbaq(tbaq_scores, metric):
    floor = FLOORS[metric] - FLOORS["epsilon"]
    assert tbaq_scores[metric] >= floor, f"{metric} F1 {tbaq_scores[metric]:.2f} < floor {floor:.2f}"
