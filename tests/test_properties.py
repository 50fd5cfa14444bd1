"""Property-based tests (hypothesis) of every entry point of hostile input (issue 14): the
corpus readers, the tagger and the resolver, the per-article pipeline, the store writer, the
exports and every figure builder.  Whatever the input: no exception escapes, what is read is
clean text, what is stored reads back, what is drawn or exported is escaped.

Example counts are modest for CI (the whole file runs in well under a minute);
``benchmarks/fuzz.py --n 100000`` runs the same entry points on many more inputs.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date

import pandas as pd
from conftest import figure_strings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dates.resolve import resolve
from timeline.dates.values import Anchor, TimeValue
from timeline.models import Article
from timeline.store import export
from timeline.store.corpus import CorpusError, iter_corpus
from timeline.store.text_input import normalise_text
from timeline.table import build_event_table
from timeline.ui import charts, heatmap, maps

SCALE = float(os.environ.get("TIMELINE_PROPERTY_SCALE", "1"))  # e.g. 20 for a longer local run
QUICK = settings(max_examples=int(40 * SCALE), deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=int(15 * SCALE), deadline=None, suppress_health_check=list(HealthCheck))

MONTHS = ["January", "Feb.", "march", "May", "Sept", "December", "Q3", "fall", "Friday", "yesterday", "AD",
          "BC", "century", "decade", "year", "weeks", "ago", "later", "earlier", "next", "last", "this"]
SEPARATORS = [" ", ", ", "-", "/", ".", "\n", "\n\n", "\u00a0", "–", "'", "s"]
NEWSY = st.lists(st.one_of(st.sampled_from(MONTHS), st.sampled_from(SEPARATORS),
                           st.integers(-5, 100_000).map(str), st.text(max_size=6),
                           st.sampled_from(["attack", "met", "said", "talks", "Kunduz", "the", "on", "in", "ISIS"])),
                 max_size=40).map("".join)
ANY_DAY = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
HOSTILE = st.one_of(st.text(max_size=40), st.sampled_from([
    '<a href="https://evil.example/login">Session expired</a>', "<script>alert(1)</script>", "=1+1",
    "@SUM(A1)", "-2+3", "%{customdata[0]}", "&lt;b&gt;", "\ud800", "\x00\x07", "<br>", "\u202e evil"]))


def _clean(text: str) -> bool:
    text.encode("utf-8")  # no lone surrogate
    return normalise_text(text)[1] == {}  # nothing left to normalise


# --- corpus readers ---------------------------------------------------------------------

@QUICK
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".html"]))
def test_properties_readers_on_random_bytes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"f{suffix}"
    path.write_bytes(data)
    for item in iter_corpus([path]):
        assert isinstance(item, Article | CorpusError)
        if isinstance(item, Article):
            assert _clean(item.text) and _clean(item.title) and _clean(item.id)


@QUICK
@given(text=st.text(min_size=1, max_size=200).filter(str.strip),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"]))
def test_properties_text_files_in_any_encoding_read_back(tmp_path_factory, text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # not representable in that encoding (and lone surrogates never are)
    path = tmp_path_factory.mktemp("enc") / "f.txt"
    path.write_bytes(data)
    (item,) = iter_corpus([path])
    if isinstance(item, CorpusError):  # only when what is left is no text, or looks binary
        assert "empty" in item.problem or "binary" in item.problem or "not text" in item.problem
        return
    assert _clean(item.text)
    if encoding.startswith("utf") and normalise_text(text)[0].strip():
        assert item.text == normalise_text(text.lstrip("\ufeff") if encoding != "utf-8" else text)[0]


@QUICK
@given(records=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url"]),
                    st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans(), ANY_DAY.map(str))),
    st.text(max_size=30)), max_size=6))
def test_properties_malformed_jsonl_and_csv(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("records")
    lines = [json.dumps(r) if isinstance(r, dict) else r for r in records]
    (folder / "a.jsonl").write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8",
                                    errors="surrogatepass")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "text", "published"])
    for r in records:
        writer.writerow([r.get("id"), r.get("text"), r.get("published")] if isinstance(r, dict) else [r])
    (folder / "b.csv").write_bytes(buf.getvalue().encode("utf-8", "surrogatepass"))
    for item in iter_corpus([folder]):
        assert isinstance(item, Article | CorpusError)
        if isinstance(item, Article):
            assert _clean(item.text) and item.text.strip()


# --- the tagger and the resolver -----------------------------------------------------------

@QUICK
@given(text=NEWSY, published=st.one_of(st.none(), ANY_DAY))
def test_properties_tagger_on_newsy_noise(nlp, text, published):
    from timeline.dates.timexes import resolve_doc

    text = normalise_text(text)[0]
    for t in resolve_doc(nlp(text), published):
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert t.explanation
        assert (t.first is None) == (t.last is None) or t.first is None or t.last is None
        if t.first is not None and t.last is not None:
            assert date(1, 1, 1) <= t.first <= t.last <= date(9999, 12, 31)


@QUICK
@given(kind=st.sampled_from(["shift", "named", "literal"]),
       unit=st.sampled_from(["day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade",
                             "century", "fortnight", "night"]),
       n=st.integers(-20_000, 20_000), month=st.integers(0, 12), day=st.integers(0, 31),
       weekday=st.integers(0, 7), value=st.text(alphabet="0123456789-WQHXSPUFAIT", max_size=12),
       direction=st.sampled_from(["", "last", "this", "next"]), anchor=st.one_of(st.none(), ANY_DAY),
       tense=st.sampled_from([None, "past", "present", "future", "past!"]),
       mod=st.sampled_from([None, "START", "MID", "END", "BEFORE"]))
def test_properties_resolver_any_value_any_anchor(kind, unit, n, month, day, weekday, value, direction, anchor,
                                                  tense, mod):
    v = TimeValue("DATE", kind, value, unit=unit if kind == "shift" else "", n=n, month=month,
                  day=day if month else 0, weekday=weekday if not month else 0, direction=direction, mod=mod)
    r = resolve(v, Anchor(anchor, "publication" if anchor else "missing"), tense, "it")
    assert r.explanation
    if r.first is not None:
        assert r.last is not None and date(1, 1, 1) <= r.first <= r.last <= date(9999, 12, 31)


# --- the per-article pipeline ---------------------------------------------------------------

@SLOW
@given(text=st.one_of(NEWSY, st.text(max_size=300)), published=st.one_of(st.none(), ANY_DAY))
def test_properties_pipeline_never_raises_and_keeps_offsets(nlp, text, published):
    from timeline.pipeline import ArticleAnalysis, analyze_articles

    article = Article(id="p", text=normalise_text(text)[0] or ".", published=published)
    (result,) = analyze_articles([article], nlp)
    assert isinstance(result, ArticleAnalysis), result
    for e in result.events:
        assert article.text[e.trigger_start:e.trigger_end] == e.trigger
        assert e.date_start is None or e.date_end is None or e.date_start <= e.date_end


# --- store writer, exports, figures: hostile strings in every text column ----------------------

def _rows(texts: list[str], days: list[date | None]) -> list[dict]:
    rows = []
    for i, (text, day) in enumerate(zip(texts, days, strict=False)):
        when = pd.Timestamp(day) if day else pd.NaT
        rows.append({
            "event_id": f"e{i}", "cluster_id": f"e{i}", "article_id": text[:8] or f"a{i}", "title": text,
            "source": text, "published": when, "sentence_index": i, "sentence": text, "summary": text,
            "trigger": text[:5] or "x", "date_start": when, "date_end": when, "precision": "day",
            "date_source": "timex", "date_explanation": text, "actors": [text], "actor_ids": [text.lower()],
            "locations": [text], "location_ids": [text], "lat": 10.0 + i, "lon": 20.0, "sources": [text],
            "n_sources": 1, "sentence_start": 0, "sentence_end": len(text), "trigger_start": 0, "trigger_end": 1,
        })
    return rows


TABLES = st.lists(st.tuples(HOSTILE, st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1)))),
                  min_size=1, max_size=8).map(lambda pairs: build_event_table(
                      _rows([normalise_text(t)[0] for t, _ in pairs], [d for _, d in pairs])))


@QUICK
@given(df=TABLES)
def test_properties_exports_neutralise_every_cell(df):
    rows = list(csv.reader(io.StringIO(export.to_csv(df).decode("utf-8"))))
    assert len(rows) == len(df) + 1
    for row in rows[1:]:
        assert not any(cell.startswith(export.FORMULA_PREFIXES) for cell in row)
    assert len(json.loads(export.to_json(df))) == len(df)


@QUICK
@given(df=TABLES, group_by=st.sampled_from(["actor", "location", "article"]))
def test_properties_every_figure_builder_escapes(df, group_by):
    figures = [charts.timeline_figure(df, group_by=group_by), heatmap.heatmap_figure(df, group_by),
               maps.map_figure(df), charts.timeline_figure(df, group_by=group_by, aggregate_above=0)]
    for fig in figures:
        for s in figure_strings(fig.to_plotly_json()):
            assert "<a" not in s and "<script" not in s and "<br>x" not in s


@SLOW
@given(texts=st.lists(HOSTILE.map(lambda t: normalise_text(t)[0]), min_size=1, max_size=5))
def test_properties_store_writer_round_trip(tmp_path_factory, texts):
    from timeline.pipeline import ArticleAnalysis
    from timeline.store.database import Store, make_batch

    analyses = [ArticleAnalysis(Article(id=f"{t}-{i}", text=t or ".", title=t, source=t, url=t), (), ())
                for i, t in enumerate(texts)]
    with Store(tmp_path_factory.mktemp("db") / "s.duckdb") as store:
        store.write_batch(make_batch(analyses))
        store.recompute_clusters(3)
        arts = store.articles()
    assert sorted(arts["article_id"]) == sorted(f"{t}-{i}" for i, t in enumerate(texts))
    assert sorted(arts["title"]) == sorted(texts)




def test_no_identity_comparison_of_spacy_tokens():
    """spaCy makes a new Token object at each access (``doc[i]``, ``tok.head``), so ``tok.head
    is tok`` is never true, not even at the root: tokens are compared by their index."""
    import re
    from pathlib import Path

    pattern = re.compile(r"\b(?:head|tok|cur|verb|nxt|root)(?:\.head)? is (?!(?:not )?(?:None|True|False)\b)")
    src = Path(__file__).resolve().parent.parent / "timeline"
    found = [f"{p.name}:{n}: {line.strip()}" for p in sorted(src.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not found, found
