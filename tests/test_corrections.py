"""Corrections that persist (timeline/store/corrections.py, the Store, the CLI; issue 18)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from timeline.cli import main
from timeline.store import corrections as corr
from timeline.store import export
from timeline.store.corrections import Correction, CorrectionError
from timeline.store.database import Store

ARGS = ["--id-field", "doc_id", "--text-field", "body", "--date-field", "dct", "--title-field", "headline", "--quiet"]


@pytest.fixture()
def db(tmp_path, tiny_jsonl):
    path = tmp_path / "c.duckdb"
    assert main(["ingest", str(tiny_jsonl), "--db", str(path), *ARGS]) == 0
    return path


def _event(store, lemma=None):
    df = store.events()
    return df[df["lemma"] == lemma].iloc[0] if lemma else df.iloc[0]


def test_corrections_date_is_applied_noted_and_exported(db):
    with Store(db) as store:
        ev = _event(store)
        original = {"start": str(ev["date_start"].date()) if pd.notna(ev["date_start"]) else None}
        cid = store.add_correction(Correction(ev["article_id"], ev["event_id"], "date",
                                              {"start": "2021-10-01", "end": "2021-10-01", "precision": "day"},
                                              original=original, trigger=ev["trigger"], who="Ana", reason="checked"))
        got = store.events().set_index("event_id").loc[ev["event_id"]]
        assert (got["date_start"], got["date_end"], got["precision"]) == (pd.Timestamp("2021-10-01"),) * 2 + ("day",)
        assert got["corrected"] and "corrected by Ana" in got["correction_note"]
        assert got["date_source"] == "corrected"
        rows = list(csv.DictReader(io.StringIO(export.to_csv(store.events()).decode())))
        assert {r["corrected"] for r in rows if r["event_id"] == ev["event_id"]} == {"True"}
        assert store.undo_correction(cid)
        back = store.events().set_index("event_id").loc[ev["event_id"]]
        assert not back["corrected"]
        assert back["date_start"] == ev["date_start"] or (pd.isna(back["date_start"]) and pd.isna(ev["date_start"]))


def test_corrections_survive_reingest_under_a_new_pipeline_version(db, tiny_jsonl, monkeypatch):
    with Store(db) as store:
        ev = _event(store)
        store.add_correction(Correction(ev["article_id"], ev["event_id"], "summary", "Rebels storm Kunduz",
                                        original=ev["summary"], trigger=ev["trigger"]))
    import timeline.store.batch as batch  # where the content hash is made

    monkeypatch.setattr(batch, "PIPELINE_VERSION", "a-new-version")
    assert main(["ingest", str(tiny_jsonl), "--db", str(db), *ARGS]) == 0
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] > 0
        got = store.events().set_index("event_id").loc[ev["event_id"]]
        assert got["summary"] == "Rebels storm Kunduz" and got["corrected"]
        assert store.orphan_corrections().empty


def test_corrections_hide_merge_actors_and_orphans(db):
    with Store(db) as store:
        df = store.events()
        a, b = df.iloc[0], df.iloc[-1]
        store.add_correction(Correction(a["article_id"], a["event_id"], "hidden", True, original=False))
        store.add_correction(Correction(b["article_id"], b["event_id"], "cluster", a["cluster_id"]))
        store.add_correction(Correction(b["article_id"], b["event_id"], "actors", ["Daesh"], original=list(b["actors"])))
        store.add_correction(Correction("gone", "gone:12", "summary", "x", trigger="attack"))
        got = store.events().set_index("event_id")
        assert not got.loc[a["event_id"], "on_timeline"] and "hidden" in got.loc[a["event_id"], "timeline_note"]
        assert got.loc[b["event_id"], "cluster_id"] == a["cluster_id"]
        assert set(got.loc[b["event_id"], "sources"]) == {a["article_id"], b["article_id"]}
        assert list(got.loc[b["event_id"], "actor_ids"]) == ["isis"]  # the alias table: Daesh is ISIS
        assert store.orphan_corrections()["event_id"].tolist() == ["gone:12"]


def test_corrections_refuse_what_cannot_be_stored(db):
    with Store(db) as store:
        for field, value in (("date", {"start": "2021-10-09", "end": "2021-10-01"}), ("date", {}),
                             ("summary", "  "), ("colour", "red"), ("published", "")):
            with pytest.raises(CorrectionError):
                store.add_correction(Correction("a", "a:1", field, value))
        assert store.corrections().empty


def test_corrections_csv_round_trip_into_a_fresh_store(db, tmp_path, tiny_jsonl):
    with Store(db) as store:
        ev = _event(store)
        store.add_correction(Correction(ev["article_id"], ev["event_id"], "locations", ["Kunduz"], trigger=ev["trigger"]))
    out = tmp_path / "corrections.csv"
    assert main(["corrections", "export", "--db", str(db), "--out", str(out)]) == 0
    fresh = tmp_path / "fresh.duckdb"
    assert main(["ingest", str(tiny_jsonl), "--db", str(fresh), *ARGS]) == 0
    assert main(["corrections", "import", "--db", str(fresh), str(out)]) == 0
    with Store(fresh, read_only=True) as store:
        got = store.events().set_index("event_id").loc[ev["event_id"]]
        assert list(got["locations"]) == ["Kunduz"] and got["corrected"]
    bad = tmp_path / "bad.csv"
    bad.write_text("article_id,event_id,field,value\na,a:1,date,\"{\"\"start\"\": \"\"2021-10-09\"\", \"\"end\"\": \"\"2021-10-01\"\"}\"\n")
    assert main(["corrections", "import", "--db", str(fresh), str(bad)]) == 2


def test_corrections_publication_date_reresolves_on_the_next_ingest(tmp_path):
    from timeline.cli import main as cli

    text = tmp_path / "a.txt"
    text.write_text("Rebels attacked Kunduz yesterday.", encoding="utf-8")
    path = tmp_path / "p.duckdb"
    assert cli(["ingest", str(text), "--db", str(path), "--published", "2021-10-09", "--quiet"]) == 0
    with Store(path) as store:
        before = store.events()
        attack = before[before["lemma"] == "attack"].iloc[0]
        assert attack["date_start"] == pd.Timestamp("2021-10-08")
        store.add_correction(Correction(attack["article_id"], "", "published", "2022-03-02"))
    assert cli(["ingest", str(text), "--db", str(path), "--published", "2021-10-09", "--quiet"]) == 0
    with Store(path, read_only=True) as store:
        after = store.events()
        assert after[after["lemma"] == "attack"].iloc[0]["date_start"] == pd.Timestamp("2022-03-01")
        assert store.articles().iloc[0]["published_origin"] == "corrected"


def test_corrections_live_takes_the_newest_per_field():
    rows = pd.DataFrame([
        {"id": 1, "event_id": "a:1", "field": "summary", "value": '"one"', "undone": False},
        {"id": 2, "event_id": "a:1", "field": "summary", "value": '"two"', "undone": False},
        {"id": 3, "event_id": "a:1", "field": "summary", "value": '"three"', "undone": True},
    ])
    assert corr.live(rows)["value"].tolist() == ['"two"']
