"""ui_data.py: the demo event store built on first start, read back in the table schema,
the in-process fallback, and session articles merged with the stored events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from timeline.settings import Settings
from timeline.table import COLUMNS
from timeline.ui import data as ui_data

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory):
    """A fresh store in a temporary folder, built from the demo corpus on first use."""
    return Settings(db_path=str(tmp_path_factory.mktemp("store") / "demo.duckdb"), data_dir=str(DATA))


def test_ui_data_builds_the_demo_store_when_missing_and_reads_it(demo_settings):
    events, arts, where = ui_data.demo_tables(demo_settings)
    assert where == "event store demo.duckdb"
    assert list(events.columns) == list(COLUMNS)
    assert set(events["article_id"]) <= set(arts["id"])
    assert len(arts) == 2
    assert (arts["published"] == pd.Timestamp("2021-10-09")).all()
    again, _, _ = ui_data.demo_tables(demo_settings)
    assert again is events  # the same read-only frame on every rerun, not a fresh copy to unpickle


def test_ui_data_added_articles_join_the_stored_events(demo_settings):
    pasted = ui_data.pasted_article("Taliban and US officials met in Doha on 9 October 2021.", "", None)
    events, arts, where = ui_data.load_events(demo_settings, [pasted])
    assert where.endswith("+ added articles")
    assert arts["id"].tolist()[-1] == pasted.id and pd.isna(arts["published"].iloc[-1])
    stored, _, _ = ui_data.demo_tables(demo_settings)
    assert len(events) >= len(stored)
    assert list(events.columns) == list(COLUMNS)
    again, _, _ = ui_data.load_events(demo_settings, [pasted])
    assert again is events  # merged once per set of added articles, not on every rerun


def test_ui_data_falls_back_to_in_process_when_the_store_fails(monkeypatch, demo_settings):
    def broken(*args):
        raise duckdb.IOException('IO Error: Could not read "/srv/secret/demo.duckdb"')

    monkeypatch.setattr(ui_data, "demo_store", broken)
    events, arts, where = ui_data.demo_tables(demo_settings)
    assert where == "demo corpus analysed in-process (the event store could not be opened (IOException))"
    assert list(events.columns) == list(COLUMNS) and len(arts) == 2


def test_ui_data_store_locked_by_an_ingest_gives_a_plain_message(tmp_path, locked_store):
    """Issue 14, reproduction 7 (the app): started during an ingest, the page caption showed
    DuckDB's lock error with file paths and a PID; now a plain message, and the demo corpus."""
    settings = Settings(db_path=str(locked_store), data_dir=str(DATA))
    events, arts, where = ui_data.demo_tables(settings)
    assert where == ("demo corpus analysed in-process (the event store is being updated by another process; "
                     "reload the page when it has finished)")
    assert str(tmp_path) not in where and "PID" not in where
    assert len(arts) == 2 and len(events)


@pytest.mark.parametrize(("published", "origin"), [(date(2021, 10, 9), "user"), (None, "none")])
def test_ui_data_pasted_article_keeps_the_users_date(published, origin):
    article = ui_data.pasted_article("Some text.", "  ", published)
    assert (article.published, article.published_origin, article.source) == (published, origin, "pasted")
    assert article.title.startswith("Pasted text ")


@pytest.mark.parametrize(("source", "url", "expected"), [
    ("  Danube\u00a0Wire \n", " https://example.org/a ", ("Danube Wire", "https://example.org/a")),
    ("", "", ("pasted", "")),
])
def test_ui_data_pasted_article_keeps_the_outlet_and_address(source, url, expected):
    article = ui_data.pasted_article("Some text.", "", None, source, url)
    assert (article.source, article.url) == expected
    assert article.id == ui_data.pasted_article("Some text.", "", None).id  # the same text and date: one article


def test_ui_data_pasted_article_id_depends_on_text_and_date():
    ids = {ui_data.pasted_article(t, "", d).id for t in ("a", "b") for d in (None, date(2021, 10, 9))}
    assert len(ids) == 4


def test_ui_data_read_upload_names_a_bad_file():
    err = ui_data.read_upload("../../etc/evil.txt", b"")
    assert str(err).startswith("evil.txt: empty")


def test_ui_data_facets_name_each_id_once_most_events_first_with_counts(ui_table):
    df = ui_table.set_index("event_id", drop=False)
    df.at["ap-rewrite:30", "actors"] = ["U.S."]  # id "us"; a later row calls it "United States": that wins
    df.at["ap-rewrite:40", "actors"], df.at["ap-rewrite:40", "actor_ids"] = (
        ["Nobody", "extra"],
        [""],
    )  # empty id
    got = ui_data.facets(df)
    # two events each (row 40 lost its only id): ties in name order
    assert list(got["actor"].items()) == [("isis", "ISIS (2)"), ("taliban", "Taliban (2)"), ("us", "United States (2)")]
    assert list(got["location"].items()) == [("name:afghanistan", "Afghanistan (2)"), ("name:doha", "Doha (1)"),
                                             ("name:kunduz", "Kunduz (1)"), ("(none)", "(no place) (1)")]  # explicit, last
    assert list(got["source"].items()) == [("asumetech", "Taliban rule out cooperation with US on ISIS (3)"),
                                           ("ap-rewrite", "ap-rewrite (2)")]


def test_ui_data_equal_tables_have_equal_digests_and_any_change_shows(ui_table):
    same = ui_table.copy()
    assert ui_data.table_digest(same) == ui_data.table_digest(ui_table)
    changed = ui_table.copy()
    changed.at[changed.index[0], "actors"] = ["Someone else"]  # a list cell
    assert ui_data.table_digest(changed) != ui_data.table_digest(ui_table)
    assert ui_data.table_digest(ui_table.iloc[1:]) != ui_data.table_digest(ui_table)


def test_ui_data_digest_is_computed_once_per_table_object(monkeypatch, ui_table):
    calls = []
    original = ui_data.content_digest
    monkeypatch.setattr(ui_data, "content_digest", lambda df: calls.append(1) or original(df))
    table = ui_table.copy()
    first = ui_data.table_digest(table)
    assert [ui_data.table_digest(table) for _ in range(3)] == [first] * 3
    assert len(calls) == 1
