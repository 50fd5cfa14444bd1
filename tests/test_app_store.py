"""The app's store setting (issue 18): TIMELINE_DB / secrets.toml / `-- --db FILE` open that
store read-only and never write the demo corpus into it; TIMELINE_READ_ONLY=1 writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from timeline.settings import DATA_DIR, Settings, app_settings
from timeline.ui import data as ui_data

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.mark.parametrize(("argv", "env", "secrets", "db", "user", "read_only"), [
    ([], {}, {}, Settings().db_path, False, False),
    (["--db", "/x/a.duckdb"], {"TIMELINE_DB": "/y/b.duckdb"}, {"TIMELINE_DB": "/z/c.duckdb"}, "/x/a.duckdb", True, False),
    ([], {"TIMELINE_DB": "/y/b.duckdb"}, {"TIMELINE_DB": "/z/c.duckdb"}, "/y/b.duckdb", True, False),
    ([], {}, {"TIMELINE_DB": "/z/c.duckdb"}, "/z/c.duckdb", True, False),
    ([], {"TIMELINE_READ_ONLY": "1"}, {}, Settings().db_path, False, True),
    ([], {"TIMELINE_DB": "/y/b.duckdb", "TIMELINE_READ_ONLY": "true"}, {}, "/y/b.duckdb", True, True),
    ([], {}, {"TIMELINE_READ_ONLY": True}, Settings().db_path, False, True),
    (["--db"], {}, {}, Settings().db_path, False, False),  # a flag with no file: the demo store
])
def test_app_store_setting_precedence(argv, env, secrets, db, user, read_only):
    s = app_settings(argv, env, secrets)
    assert (s.db_path, s.user_store, s.read_only) == (db, user, read_only)


@pytest.fixture()
def own_store(tmp_path, nlp):
    from timeline.store.corpus import CorpusOptions
    from timeline.store.database import Store
    from timeline.store.ingest import IngestOptions, ingest

    (tmp_path / "mine.txt").write_text("Flooding closed the Kosi bridge on Tuesday, officials said.")
    path = tmp_path / "mine.duckdb"
    with Store(path) as store:
        ingest([tmp_path / "mine.txt"], store, IngestOptions(show_progress=False), CorpusOptions(published=date(2024, 7, 3)))
    return path


def _run(monkeypatch, env: dict) -> AppTest:
    st.cache_data.clear()
    st.cache_resource.clear()
    for k, v in env.items():
        monkeypatch.setenv(k, v)

    def no_demo(*a, **k):
        raise AssertionError("the demo corpus was ingested")

    monkeypatch.setattr(ui_data, "demo_store", no_demo)
    return AppTest.from_file(APP, default_timeout=180).run()


def test_app_store_opens_timeline_db_and_never_writes_the_demo_corpus(monkeypatch, own_store):
    before = own_store.stat().st_mtime_ns
    at = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    assert not at.exception
    caption = at.caption[0].value
    assert "source: event store mine.duckdb" in caption and "1 article(s)" in caption
    assert own_store.stat().st_mtime_ns == before


def test_app_store_missing_file_says_how_to_build_it(monkeypatch, tmp_path):
    at = _run(monkeypatch, {"TIMELINE_DB": str(tmp_path / "none.duckdb")})
    assert not at.exception
    assert "no event store named none.duckdb" in at.caption[0].value
    assert str(tmp_path) not in at.caption[0].value  # no server path on the page


def test_app_store_read_only_writes_nothing(monkeypatch, own_store):
    demo_db = Path(Settings().db_path)
    before = demo_db.stat().st_mtime_ns if demo_db.exists() else None
    at = _run(monkeypatch, {"TIMELINE_READ_ONLY": "1"})
    assert not at.exception
    assert "(read-only)" in at.caption[0].value
    assert (demo_db.stat().st_mtime_ns if demo_db.exists() else None) == before
    assert DATA_DIR.is_dir()


def _selected(at: AppTest) -> str:
    return at.selectbox(key="event").value


def test_app_correction_is_stored_shown_and_undone(monkeypatch, own_store):
    from timeline.store.database import Store

    at = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    event_id = _selected(at)
    k = f"fix_{event_id}"
    at.text_input(key=f"{k}_summary").input("Floods shut the Kosi bridge")
    at.text_input(key=f"{k}_who").input("Ana")
    at.button(key=f"FormSubmitter:correct-{event_id}-Save correction").click().run()
    assert not at.exception
    with Store(own_store, read_only=True) as store:
        fixes = store.corrections()
        got = store.events().set_index("event_id").loc[event_id]
    assert fixes["field"].tolist() == ["summary"] and fixes["who"].tolist() == ["Ana"]
    assert got["summary"] == "Floods shut the Kosi bridge" and got["corrected"]
    # a new session (a reload) sees it, marked as corrected with the original
    again = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    details = " ".join(m.value for m in again.markdown)
    assert "Floods shut the Kosi bridge" in details and "corrected by Ana" in details
    again.button(key=f"undo-{int(fixes['id'].iloc[0])}").click().run()
    with Store(own_store, read_only=True) as store:
        assert not store.events().set_index("event_id").loc[event_id]["corrected"]


def test_app_read_only_offers_no_corrections(monkeypatch, own_store):
    at = _run(monkeypatch, {"TIMELINE_DB": str(own_store), "TIMELINE_READ_ONLY": "1"})
    assert not at.exception
    assert any("read-only deployment" in c.value for c in at.caption)
    assert not [b for b in at.button if str(b.key).startswith("FormSubmitter:correct-")]


def test_app_added_articles_are_private_until_saved(monkeypatch, own_store):
    from timeline.store.database import Store

    one = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    one.text_area(key="paste_text").input("Rebels attacked the town of Kunduz on Friday.")
    one.date_input(key="paste_date").set_value(date(2021, 10, 9)).run()
    one.button(key="add_paste").click().run()
    assert not one.exception and one.caption[0].value.startswith("2 article(s)")
    other = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})  # another browser session
    assert other.caption[0].value.startswith("1 article(s)")
    one.button(key="save_added").click().run()
    assert not one.exception
    with Store(own_store, read_only=True) as store:
        assert store.counts()["articles"] == 2
    reloaded = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    assert reloaded.caption[0].value.startswith("2 article(s)")


def test_app_read_only_does_not_offer_to_save(monkeypatch, own_store):
    at = _run(monkeypatch, {"TIMELINE_DB": str(own_store), "TIMELINE_READ_ONLY": "1"})
    at.text_area(key="paste_text").input("Rebels attacked the town of Kunduz on Friday.")
    at.date_input(key="paste_date").set_value(date(2021, 10, 9)).run()
    at.button(key="add_paste").click().run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "save_added"]


def test_app_publication_date_fix_reresolves_the_article(monkeypatch, own_store):
    from timeline.store.database import Store

    at = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    with Store(own_store, read_only=True) as store:
        before = store.events()
        article = before["article_id"].iloc[0]
    closed = before[before["lemma"] == "close"].iloc[0]
    assert closed["date_start"] == pd.Timestamp("2024-07-02")  # 'on Tuesday' before Wed 3 Jul 2024
    at.date_input(key=f"fix_published_{article}").set_value(date(2024, 7, 10))
    at.button(key=f"FormSubmitter:published-{article}-Save the publication date").click().run()
    assert not at.exception
    with Store(own_store, read_only=True) as store:
        after = store.events()
        assert store.articles().iloc[0]["published"] == pd.Timestamp("2024-07-10")
    assert after[after["lemma"] == "close"].iloc[0]["date_start"] == pd.Timestamp("2024-07-09")


def test_app_says_when_corrections_name_missing_events(monkeypatch, own_store):
    from timeline.store.corrections import Correction
    from timeline.store.database import Store

    with Store(own_store) as store:
        store.add_correction(Correction("gone", "gone:3", "summary", "x", trigger="attack"))
    at = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    assert any(w.value.startswith("1 correction(s) name events this store no longer holds") for w in at.warning)


def test_app_publication_date_of_a_pasted_article_is_not_offered_in_vain(monkeypatch, own_store):
    # a pasted article saved to the store has no file: its publication-date form saved a correction that
    # no ingest would ever apply, and 'on Friday' stayed counted from the old date, silently
    from timeline.store.database import Store

    at = _run(monkeypatch, {"TIMELINE_DB": str(own_store)})
    at.text_area(key="paste_text").input("Rebels attacked the town of Kunduz on Friday.")
    at.date_input(key="paste_date").set_value(date(2021, 10, 9)).run()
    at.button(key="add_paste").click().run()
    at.button(key="save_added").click().run()
    with Store(own_store, read_only=True) as store:
        events = store.events()
    pasted = events.query("lemma == 'attack'").iloc[0]
    ingested = events[~events["article_id"].str.startswith("pasted-")]["event_id"].iloc[0]
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["event"] = pasted["event_id"]
    at.run()
    assert at.selectbox(key="event").value == pasted["event_id"]
    assert not [d for d in at.date_input if d.key == f"fix_published_{pasted['article_id']}"]
    assert any("store keeps no file of it" in c.value for c in at.caption)
    # an article ingested from its file keeps the form
    at.selectbox(key="event").set_value(ingested).run()
    assert [d for d in at.date_input if d.key.startswith("fix_published_")]
