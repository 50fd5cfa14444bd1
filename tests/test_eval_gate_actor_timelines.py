"""Eval gate: actor timelines (SemEval-2015 Task 4) on ../shared/eval/t4_dev_docs.jsonl must not
fall below the floors in tests/eval_floors_actor_timelines.json (one spaCy pass over 60 documents,
~10 s; skipped when ../shared is absent).

Runs ``timeline.eval.actor_timelines`` (the product's pipeline and events, our actor filter) with
the dev timelines file as TARGETS (only its corpus/target fields are read) and scores with
``score_t4.py``, overall and per corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "eval_floors_actor_timelines.json").read_text())
METRICS = {"men_F1": "mention_f1", "men_P": "mention_p", "men_R": "mention_r", "dateS": "date_acc_strict",
           "evdF": "event_date_f1",
           "taF": "ta_ours_f1", "taoF": "ta_order_ours_f1"}


@pytest.fixture(scope="module")
def t4_scores(shared_eval, shared_script, tmp_path_factory):
    from timeline.eval.actor_timelines import run

    docs = shared_eval / "t4_dev_docs.jsonl"
    gold = shared_eval / "t4_dev_timelines.jsonl"
    out = tmp_path_factory.mktemp("t4") / "pred.jsonl"
    assert run(str(docs), str(gold), str(out)) == 0
    scorer = shared_script("score_t4")
    gold_tl = scorer.load_gold(str(gold))
    preds, warnings = scorer.load_pred(str(out), gold_tl, scorer.load_docs(str(docs)))
    assert not warnings and len(preds) == len(gold_tl)
    res, _ = scorer.evaluate(gold_tl, preds)
    scores = {"overall": res["overall"], **res["by_corpus"]}
    return {split: {name: 100 * m[key] for name, key in METRICS.items()} for split, m in scores.items()}


@pytest.mark.parametrize("split", ["overall", "trial", "corpus_1"])
def test_eval_gate_actor_timelines_floors(t4_scores, split):
    eps = FLOORS["epsilon"]
    for metric, floor in FLOORS[split].items():
        got = t4_scores[split][metric]
        assert got >= floor - eps, f"{split} {metric} {got:.2f} < floor {floor}"
