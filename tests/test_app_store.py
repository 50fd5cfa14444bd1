"""The app's store setting (issue 18): TIMELINE_DB / secrets.toml / `-- --db FILE` open that
store read-only and never write the demo corpus into it; TIMELINE_READ_ONLY=1 writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
