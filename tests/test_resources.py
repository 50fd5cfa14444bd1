"""Every rule file loads, rule and table names are unique, and every rule's examples
yield their expected value (DESIGN principle 2)."""

from __future__ import annotations

import gc
import re
import statistics
import time
from datetime import date

import pytest
import spacy
import yaml

from timeline.dates.resolve import resolve
from timeline.dates.resources import RESOURCES, example_anchor, load_rules, load_tables
from timeline.dates.timexes import find_mentions
from timeline.dates.values import Anchor

BLANK = spacy.blank("en")
ANCHOR = date.fromisoformat(example_anchor())
EXAMPLES = [(r.name, ex) for r in load_rules() for ex in r.examples]


def test_resources_rule_names_unique_and_documented():
    raw = yaml.safe_load((RESOURCES / "en" / "patterns.yaml").read_text())["rules"]
    names = [r["name"] for r in raw]
    assert len(names) == len(set(names))
    for r in raw:
        assert r["purpose"].strip() and r["examples"], r["name"]
        assert not re.search(r"\((?!\?)", r["pattern"]), f"{r['name']}: unnamed capturing group"


def test_resources_tables_load_lowercase():
    tables = load_tables()
    assert tables["months"]["sept"] == 9 and tables["weekdays"]["friday"] == 5
    assert all(k == k.lower() for t in tables.values() for k in t)


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[f"{n}:{e['text']}" for n, e in EXAMPLES])
def test_resources_rule_examples(rule, example):
    doc = BLANK(example["text"])
    mentions = find_mentions(doc)
    assert mentions, f"{rule}: nothing found in {example['text']!r}"
    ours = [m for m in mentions if m.rule == rule]  # a member of a range ('7' in 'April 6-7') is not the longest
    assert ours, f"{rule}: its example {example['text']!r} is taken by {[m.rule for m in mentions]}"
    m = max(ours, key=lambda m: m.end - m.start)
    r = resolve(m.value, Anchor(ANCHOR, "publication", ANCHOR.isoformat()), example.get("tense"), m.text)
    assert r.value == example["value"]


HOSTILE = ["1" * 400, "August " * 60, "12/" * 130, "-" * 400, "Friday, " * 50,
           "the past " * 50, "a a a " * 70, "1990s " * 60, "twenty-" * 60, "10:" * 130]


def _costs(small: str, big: str, repeats: int = 5) -> tuple[float, float]:
    """Best-of-N times of the small and the big input, measured alternately so that load
    on the (shared) machine hits both alike."""
    docs = BLANK(small), BLANK(big)
    best = [float("inf"), float("inf")]
    gc.collect()
    gc.disable()  # as timeit does: a collection landing in one run is not the code's cost
    try:
        for _ in range(repeats):
            for k, doc in enumerate(docs):
                t0 = time.process_time()  # CPU time: other jobs on the machine don't count
                find_mentions(doc)
                best[k] = min(best[k], time.process_time() - t0)
    finally:
        gc.enable()
    return best[0], best[1]


@pytest.mark.parametrize("unit", HOSTILE, ids=range(len(HOSTILE)))
def test_resources_regexes_linear_on_hostile_input(unit):
    # 2,000 -> 20,000 characters: large enough for milliseconds of CPU, small enough to
    # stay in cache; linear code costs ~10x for 10x the input, a quadratic one ~100x.
    small = unit * max(1, 2_000 // len(unit))
    # The median of three rounds, so one round disturbed by the machine does not decide.
    ratio = statistics.median(t_big / max(t_small, 1e-5) for t_small, t_big in
                              (_costs(small, small * 10) for _ in range(3)))
    assert ratio <= 15, f"10x input cost {ratio:.1f}x time"


GATED = [(r.name, ex["text"]) for r in load_rules() if r.gate is not None for ex in r.examples]


@pytest.mark.parametrize("rule,text", GATED, ids=[f"{n}:{t}" for n, t in GATED])
def test_resources_gate_hits_every_example(rule, text):
    gate = {r.name: r.gate for r in load_rules()}[rule]
    assert gate.search(text.lower()), f"{rule}: gate misses its own example {text!r}"


def test_resources_gates_change_no_output():
    """Gates are a speed-up only: the same candidates with every gate removed."""
    from dataclasses import replace

    from timeline.dates.timexes import candidates

    rules = load_rules()
    ungated = tuple(replace(r, gate=None) for r in rules)
    text = " ".join(f"{ex['text']} filler words here." for r in rules for ex in r.examples) * 2
    text += " At 10:35 a.m. Friday, 5 p.m. EST Nov. 9, about a week ago, in the mid-1990s, since 1949."

    def spans(rs):
        return sorted((s, e, r.name) for s, e, _, r, _ in candidates(text, rs))

    assert spans(rules) == spans(ungated)


def test_resources_every_match_holds_its_gate():
    """The invariant the gates rely on, checked on real news text: every match of a rule,
    found without the gate, contains a hit of the gate (demo data, and TBAQ if present)."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "data").glob("*.txt"))]
    tbaq = root.parent / "shared" / "eval" / "tbaq.jsonl"
    if tbaq.is_file():
        texts += [json.loads(line)["text"] for line in tbaq.open(encoding="utf-8") if line.strip()]
    misses = [(r.name, m.group(0)) for r in load_rules() if r.gate is not None
              for t in texts for m in r.regex.finditer(t) if not r.gate.search(m.group(0).lower())]
    assert misses == []


def test_resources_ascii_rules_find_what_the_rules_find():
    """On an ASCII text the rules compiled with re.ASCII (``Rule.ascii_regex``, used for such
    texts) find the same matches, groups included: the examples of every rule, in several cases."""
    rules = load_rules()
    text = " ".join(f"{ex['text']}, {ex['text'].upper()}; {ex['text'].title()} ok." for r in rules
                    for ex in r.examples if ex["text"].isascii())
    assert text.isascii() and all(r.ascii_regex is not None for r in rules)
    for r in rules:
        assert [(m.span(), m.groupdict()) for m in r.ascii_regex.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in r.regex.finditer(text)], r.name
