"""ui_views.py: the cheap cache key of an event table (its digest, once per table object)."""

from __future__ import annotations

from timeline import ui_views


def test_ui_views_equal_tables_have_equal_digests_and_any_change_shows(ui_table):
    same = ui_table.copy()
    assert ui_views.table_digest(same) == ui_views.table_digest(ui_table)
    changed = ui_table.copy()
    changed.at[changed.index[0], "actors"] = ["Someone else"]  # a list cell
    assert ui_views.table_digest(changed) != ui_views.table_digest(ui_table)
    fewer = ui_table.iloc[1:]
    assert ui_views.table_digest(fewer) != ui_views.table_digest(ui_table)


def test_ui_views_digest_is_computed_once_per_table_object(monkeypatch, ui_table):
    calls = []
    original = ui_views.content_digest
    monkeypatch.setattr(ui_views, "content_digest", lambda df: calls.append(1) or original(df))
    table = ui_table.copy()
    first = ui_views.table_digest(table)
    assert [ui_views.table_digest(table) for _ in range(3)] == [first] * 3
    assert len(calls) == 1
