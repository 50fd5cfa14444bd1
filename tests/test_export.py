"""export.py: CSV safe against formula injection (OWASP), and JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from timeline.models import Actor, Article, Event, Place
from timeline.store import export
from timeline.table import COLUMNS, build_event_table, event_row

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]
NUMERIC = {
    "n_sources",
    "sentence_index",
    "sentence_start",
    "sentence_end",
    "trigger_start",
    "trigger_end",
    "date_char_start",
    "date_char_end",
    "lat",
    "lon",
}


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _hostile_table(payload: str):
    """A hostile article, through the same event_row path the pipeline uses."""
    article = Article(
        id=payload, text=payload, title=payload, source=payload, url=payload, published=date(2021, 10, 9)
    )
    event = Event(
        article_id=article.id,
        event_id=f"{payload}:0",
        sentence_index=0,
        sentence_start=0,
        sentence_end=len(payload),
        sentence=payload,
        trigger=payload,
        trigger_start=0,
        trigger_end=1,
        lemma=payload,
        summary=payload,
        date_start=date(2021, 10, 8),
        date_end=date(2021, 10, 8),
        precision="day",
        date_source="timex",
        date_explanation=payload,
        date_text=payload,
        actors=(Actor(id=payload, name=payload),),
        places=(Place(id=payload, name=payload, lat=1.0, lon=-77.0),),
    )
    return build_event_table([event_row(event, article)])


@pytest.mark.parametrize("payload", HOSTILE)
def test_export_hostile_article_cannot_inject_a_formula(payload):
    (row,) = _rows(export.to_csv(_hostile_table(payload)))
    for column, cell in row.items():
        if column not in NUMERIC:
            assert not cell.startswith(export.FORMULA_PREFIXES), (column, cell)
    assert row["summary"] == "'" + payload  # neutralised, and nothing lost
    assert row["lon"] == "-77.0"  # a coordinate from the schema stays a number


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("Kunduz", "Kunduz"), ("", ""), ("a=b", "a=b"), ("@x", "'@x"), ("\rx", "'\rx")],
)
def test_export_neutralise_cell(value, expected):
    assert export.neutralise_cell(value) == expected


def test_export_csv_has_every_column_and_exactly_the_rows(ui_table):
    subset = ui_table[ui_table["article_id"] == "asumetech"]
    rows = _rows(export.to_csv(subset))
    assert list(rows[0]) == list(COLUMNS)
    assert [r["event_id"] for r in rows] == subset["event_id"].tolist()


def test_export_csv_joins_lists_and_writes_iso_days(ui_table):
    rows = {r["event_id"]: r for r in _rows(export.to_csv(ui_table))}
    doha, undated = rows["asumetech:20"], rows["asumetech:50"]
    assert doha["actors"] == "Taliban; United States"
    assert (doha["date_start"], doha["date_end"], doha["published"]) == (
        "2021-10-09",
        "2021-10-10",
        "2021-10-09",
    )
    assert (undated["date_start"], undated["date_end"], undated["lat"]) == ("", "", "")


def test_export_csv_of_empty_table_is_just_the_header(ui_table):
    assert export.to_csv(ui_table.iloc[:0]).decode().strip() == ",".join(COLUMNS)


def test_export_json_round_trip(ui_table):
    records = json.loads(export.to_json(ui_table))
    assert [r["event_id"] for r in records] == ui_table["event_id"].tolist()
    by_id = {r["event_id"]: r for r in records}
    assert by_id["asumetech:10"]["sources"] == ["asumetech", "ap-rewrite"]
    assert by_id["asumetech:10"]["date_start"] == "2021-10-08"
    assert by_id["asumetech:10"]["date_char_start"] == 62
    assert by_id["asumetech:50"]["date_start"] is None and by_id["asumetech:50"]["lat"] is None
    assert set(records[0]) == set(COLUMNS)
