"""Eval gates for narrative time: WikiWars dev (value F1 with no document type given) and,
where its file has been built, the GVA local-news dev split (floors in
tests/eval_floors_narrative.json)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "eval_floors_narrative.json").read_text())
GVA_DEV = Path(os.environ.get("TIMELINE_GVA_DEV", Path.home() / ".cache" / "timeline-eval" / "gva_dev.jsonl"))


@pytest.fixture(scope="module")
def wikiwars_scores(timex_f1):
    return timex_f1("wikiwars_dev.jsonl")


@pytest.mark.parametrize("metric", ["value", "relaxed", "strict"])
def test_eval_gate_narrative_wikiwars(wikiwars_scores, metric):
    floor = FLOORS["wikiwars"][metric] - FLOORS["epsilon"]
    assert wikiwars_scores[metric] >= floor, f"WikiWars {metric} F1 {wikiwars_scores[metric]:.2f} < {floor:.2f}"


@pytest.mark.slow
def test_eval_gate_narrative_gva(shared_eval, tmp_path):
    if not GVA_DEV.is_file():
        pytest.skip(f"GVA dev split not built at {GVA_DEV} (third-party news, never committed; "
                    "../shared/eval/build_gva_dev.py builds it from a fetched snapshot)")
    from timeline.eval.gva import run

    pred, view = tmp_path / "gva_mentions.jsonl", tmp_path / "gva.jsonl"
    assert run(str(GVA_DEV), str(pred), mentions=True) == 0
    # the default view: the same listing without the mentions kept off the timeline
    with pred.open() as src, view.open("w") as dst:
        for line in src:
            row = json.loads(line)
            dst.write(json.dumps(row | {"events": [e for e in row["events"] if e["on_timeline"]]}) + "\n")

    def scores(path):
        out = subprocess.run([sys.executable, str(shared_eval / "score_gva.py"), str(GVA_DEV), str(path), "--json"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    every, default = scores(pred), scores(view)
    for metric, floor in FLOORS["gva_mentions"].items():
        assert every[metric] >= floor - FLOORS["epsilon"], f"GVA (all mentions) {metric} {every[metric]:.2f} < {floor}"
    for metric, floor in FLOORS["gva"].items():
        assert default[metric] >= floor - FLOORS["epsilon"], f"GVA (default view) {metric} {default[metric]:.2f} < {floor}"
    assert default["events_per_article"] <= FLOORS["gva_max_events_per_article"]
