import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.events import merge
from timeline.models import Actor, Article, Event, Place, Timex
from timeline.pipeline import ArticleAnalysis
from timeline.store import database as store_mod
from timeline.store.database import Store, content_hash, make_batch
from timeline.store.filters import Filters, apply_filters
from timeline.table import build_event_table, coerce

ROOT = Path(__file__).resolve().parents[1]

SPECS = {  # article id -> [(trigger_start, date_start, date_end, actor ids, place ids, summary)]
    "a1": [(3, date(2021, 10, 8), date(2021, 10, 8), ["isis"], ["kunduz"], "Suicide BOMBING at mosque"),
           (40, date(2021, 10, 9), date(2021, 10, 10), ["taliban", "usa"], ["doha"], "=talks in Doha")],
    "a2": [(5, date(2021, 8, 21), date(2021, 8, 31), ["usa"], ["afghanistan"], "troops withdrew"),
           (17, None, None, ["taliban"], [], "undated claim"),
           (29, None, date(2021, 10, 8), ["isis"], [], "before publication")],
    "a3": [],
}


def _analysis(article_id: str, text: str = "", specs=None) -> ArticleAnalysis:
    article = Article(id=article_id, text=text or f"text of {article_id}", title=f"Title {article_id}",
                      source="Wire", published=date(2021, 10, 9), url=f"https://e.org/{article_id}",
                      published_origin="metadata")
    events = tuple(
        Event(article_id=article_id, event_id=f"{article_id}:{start}", sentence_index=i, sentence_start=start,
              sentence_end=start + 10, sentence=summary, trigger="t", trigger_start=start, trigger_end=start + 1,
              lemma="t", summary=summary, date_start=ds, date_end=de, precision="day" if ds else "unknown",
              date_source="timex" if ds else "none", date_explanation="because", date_char_start=start if ds else None,
              date_char_end=start + 2 if ds else None,
              actors=tuple(Actor(a, a.title()) for a in actors),
              places=tuple(Place(p, p.title(), lat=1.0 * i, lon=-2.0) for p in places), published=article.published)
        for i, (start, ds, de, actors, places, summary) in enumerate(SPECS[article_id] if specs is None else specs)
    )
    timexes = (Timex(0, 9, "yesterday", "DATE", "2021-10-08", "day", date(2021, 10, 8), date(2021, 10, 8),
                     anchor=date(2021, 10, 9), anchor_kind="publication", rule="yesterday"),)
    return ArticleAnalysis(article, timexes, events)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.write_batch(make_batch(_analysis(a) for a in SPECS))
        yield s


def _expected_table() -> pd.DataFrame:
    return build_event_table(row for a in SPECS for row in _analysis(a).rows())


def test_store_events_round_trip_exact_schema(store):
    got = store.events()
    pd.testing.assert_frame_equal(got, _expected_table())
    pd.testing.assert_frame_equal(got, coerce(got))  # dtypes are exactly the schema's


def test_store_counts_and_articles(store):
    assert store.counts() == {"articles": 3, "timexes": 3, "events": 5}
    arts = store.articles()
    assert arts["article_id"].tolist() == ["a1", "a2", "a3"]
    assert arts["n_events"].tolist() == [2, 3, 0]
    assert arts["hash"].tolist() == [content_hash(_analysis(a).article) for a in SPECS]
    assert store.timexes("a2")["text"].tolist() == ["yesterday"]


def test_store_rewriting_the_same_batch_changes_nothing(store):
    before = (store.events(), store.articles(), store.timexes())
    store.write_batch(make_batch(_analysis(a) for a in SPECS))
    for old, new in zip(before, (store.events(), store.articles(), store.timexes()), strict=True):
        pd.testing.assert_frame_equal(old, new)
    assert store.unchanged([_analysis(a).article for a in SPECS]) == {"a1", "a2", "a3"}


def test_store_changed_article_replaces_its_rows(store):
    changed = _analysis("a2", text="new text", specs=[(7, date(2021, 9, 1), date(2021, 9, 1), [], [], "new")])
    assert store.unchanged([changed.article]) == set()
    assert len(store.events(Filters(sources=("a2",)))) == 3  # decoded and cached before the write
    store.write_batch(make_batch([changed]))
    df = store.events()
    assert df.loc[df.article_id == "a2", "event_id"].tolist() == ["a2:7"]
    assert df.loc[df.article_id == "a1", "event_id"].tolist() == ["a1:3", "a1:40"]  # others untouched
    assert store.articles().set_index("article_id").loc["a2", "hash"] == content_hash(changed.article)
    assert store.counts()["timexes"] == 3


def test_store_failed_replacement_keeps_old_rows(store, monkeypatch):
    before = store.events()
    real_insert = Store._insert

    def insert_then_fail(self, table, rows):
        real_insert(self, table, rows)
        if table == "events":
            raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        store.write_batch(make_batch([_analysis("a1", text="changed", specs=[])]))
    monkeypatch.undo()
    pd.testing.assert_frame_equal(store.events(), before)  # one transaction: nothing half-replaced


FILTERS = [
    Filters(),
    Filters(actors=("isis",)),
    Filters(actors=("isis", "usa")),
    Filters(locations=("doha",)),
    Filters(sources=("a2",)),
    Filters(sources=("a1", "nope")),
    Filters(date_from=date(2021, 10, 9)),
    Filters(date_from=date(2021, 10, 9), include_undated=False),
    Filters(date_to=date(2021, 8, 25), include_undated=False),
    Filters(date_from=date(2021, 8, 1), date_to=date(2021, 8, 31)),
    Filters(include_undated=False),
    Filters(text="bombing"),
    Filters(text="DOHA"),
    Filters(text="=talks"),
    Filters(text="it's 100%_"),
    Filters(actors=("usa",), date_to=date(2021, 9, 30), text="troops"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f.to_query_params()))
def test_store_sql_filters_equal_apply_filters(store, filters):
    expected = apply_filters(_expected_table(), filters).reset_index(drop=True)
    pd.testing.assert_frame_equal(store.events(filters), expected)


def test_store_facets(store):
    f = store.facets()
    assert [(c.id, c.label, c.count) for c in f.actors] == [
        ("isis", "Isis", 2), ("taliban", "Taliban", 2), ("usa", "Usa", 2)]
    assert {c.id: c.count for c in f.locations} == {"afghanistan": 1, "doha": 1, "kunduz": 1}
    assert [(c.id, c.label, c.count) for c in f.sources] == [
        ("a2", "Title a2", 3), ("a1", "Title a1", 2), ("a3", "Title a3", 0)]
    assert (f.date_min, f.date_max, f.n_events) == (date(2021, 8, 21), date(2021, 10, 10), 5)


def test_store_recompute_clusters_stores_merge_result(store, monkeypatch):
    def fake_merge(df, window_days=3):
        assert window_days == 5
        df = df.copy()
        df["cluster_id"] = "c-" + df["article_id"]
        df["n_sources"] = 7
        df["sources"] = [["x", "y"]] * len(df)
        df["n_mentions"] = 3
        return df

    monkeypatch.setattr(merge, "merge_events", fake_merge)
    assert store.clusters_stale()
    store.recompute_clusters(window_days=5)
    df = store.events()
    assert df["cluster_id"].tolist() == ["c-a1", "c-a1", "c-a2", "c-a2", "c-a2"]
    assert set(df["n_sources"]) == {7} and all(s == ["x", "y"] for s in df["sources"])
    assert set(df["n_mentions"]) == {3}
    assert not store.clusters_stale()


def test_store_read_only_reader_sees_written_store(tmp_path):
    path = tmp_path / "ro.duckdb"
    with Store(path) as s:
        s.write_batch(make_batch([_analysis("a1")]))
    with Store(path, read_only=True) as ro:
        assert ro.events()["event_id"].tolist() == ["a1:3", "a1:40"]


def test_store_content_hash_covers_text_and_metadata():
    a = _analysis("a1").article
    assert content_hash(a) == content_hash(replace(a, path="/elsewhere"))
    for change in ({"text": "x"}, {"title": "x"}, {"published": date(2020, 1, 1)}, {"url": "x"}, {"source": "x"}):
        assert content_hash(replace(a, **change)) != content_hash(a)


def test_store_module_docstring_documents_api():
    for name in ("events(", "facets(", "articles(", "read_only"):
        assert name in store_mod.__doc__


def test_store_articles_analysed_by_another_pipeline_version_count_as_changed(store, monkeypatch):
    articles = [_analysis(a).article for a in SPECS]
    assert store.unchanged(articles) == {"a1", "a2", "a3"}
    import timeline.store.batch as batch  # where the content hash is made

    monkeypatch.setattr(batch, "PIPELINE_VERSION", "an-upgraded-extractor")
    assert store.unchanged(articles) == set()


def test_pipeline_version_changes_with_a_rule_file(tmp_path, monkeypatch):
    from timeline import pipeline

    package = tmp_path / "timeline"
    (package / "resources").mkdir(parents=True)
    (package / "code.py").write_text("x = 1\n")
    rules = package / "resources" / "rules.yaml"
    rules.write_text("- name: a\n")
    monkeypatch.setattr(pipeline, "_PACKAGE", package)
    first = pipeline._pipeline_version()
    rules.write_text("- name: b\n")
    assert pipeline._pipeline_version() != first


def test_pipeline_version_follows_analysis_code_not_the_dashboard(tmp_path, monkeypatch):
    from timeline import pipeline

    package = tmp_path / "timeline"
    for sub in ("resources", "events", "ui", "store"):
        (package / sub).mkdir(parents=True)
    (package / "events" / "extract.py").write_text("x = 1\n")
    (package / "ui" / "render.py").write_text("y = 1\n")
    (package / "store" / "database.py").write_text("z = 1\n")
    monkeypatch.setattr(pipeline, "_PACKAGE", package)
    first = pipeline._pipeline_version()
    (package / "ui" / "render.py").write_text("y = 2\n")  # a dashboard edit: stored articles stay valid
    (package / "store" / "database.py").write_text("z = 2\n")  # a store edit, likewise
    assert pipeline._pipeline_version() == first
    (package / "events" / "extract.py").write_text("x = 2\n")  # an extractor edit: they are re-analysed
    assert pipeline._pipeline_version() != first


def test_pipeline_version_covers_every_module_the_analysis_runs():
    code = ("import sys\nfrom datetime import date\nfrom timeline import pipeline\nfrom timeline.nlp import load_nlp\n"
            "from timeline.models import Article\n"
            "a = Article('t', 'ISIS claimed the bombing on Friday.', published=date(2021, 10, 9))\n"
            "pipeline.event_table(pipeline.analyze_articles([a], load_nlp()))\n"
            "print(' '.join(m for m in sys.modules if m.startswith('timeline.')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    from timeline import pipeline

    assert "timeline.events.extract" in out and "timeline.events.templates" in out
    covered = {p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".") for p in pipeline.analysis_files()}
    covered = {m.removesuffix(".__init__") for m in covered}
    assert set(out) - covered <= {"timeline.settings"}


def test_store_only_article_without_events_still_merges(tmp_path):
    """Issue 14, reproduction 9: a store whose only article has no events failed every later
    ingest with KeyError: 'cluster_id' (the merge of an empty event table set no columns)."""
    with Store(tmp_path / "t.duckdb") as s:
        s.write_batch(make_batch([_analysis("a3")]))  # SPECS["a3"]: no events
        s.recompute_clusters(3)
        assert not s.clusters_stale()
        s.write_batch(make_batch([_analysis("a1")]))
        s.recompute_clusters(3)
        assert s.counts() == {"articles": 2, "timexes": 2, "events": 2}
        assert s.events()["cluster_id"].tolist() == ["a1:3", "a1:40"]
    empty = merge.merge_events(build_event_table([]))
    assert {"cluster_id", "n_sources", "sources"} <= set(empty.columns) and empty.empty


def test_store_of_an_older_version_gains_the_new_columns(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write_batch(make_batch([_analysis("a1")]))
    con = duckdb.connect(str(path))  # as a version before polarity and modality wrote it
    con.execute("ALTER TABLE events DROP COLUMN polarity")
    con.execute("ALTER TABLE events DROP COLUMN modality")
    con.close()
    with Store(path, read_only=True) as store:  # read-only (the app): missing columns read as empty
        events = store.events()
    assert len(events) and set(events["polarity"]) == {""}
    with Store(path) as store:  # writable: the columns are added (at the end of the table) ...
        cols = {r[0] for r in store.con.execute("DESCRIBE events").fetchall()}
        store.write_batch(make_batch([_analysis("a1"), _analysis("a2")]))  # ... and rows go in by name
        assert set(store.events()["polarity"]) == {"positive"}
    assert {"polarity", "modality"} <= cols
