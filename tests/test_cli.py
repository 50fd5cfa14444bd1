import csv
import io
import json
from datetime import date

import pandas as pd
import pytest

from timeline.cli import main
from timeline.models import Actor, Article, Event
from timeline.pipeline import ArticleAnalysis
from timeline.store.database import Store, make_batch
from timeline.store.filters import Filters
from timeline.table import COLUMNS

ARGS = ["--id-field", "doc_id", "--text-field", "body", "--date-field", "dct", "--title-field", "headline", "--quiet"]


def _read(path, fmt) -> pd.DataFrame:
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.DataFrame([json.loads(line) for line in path.read_text().splitlines()], columns=list(COLUMNS))


@pytest.fixture()
def db(tmp_path, tiny_jsonl):
    path = tmp_path / "cli.duckdb"
    assert main(["ingest", str(tiny_jsonl), "--db", str(path), *ARGS]) == 0
    return path


def test_cli_export_default_is_one_row_per_timeline_event(tmp_path, db):
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(out)]) == 0
    df = _read(out, "csv")
    with Store(db, read_only=True) as store:
        stored = store.events()
    on = stored[stored["on_timeline"]]
    assert 0 < len(df) < len(stored)
    assert sorted(df["cluster_id"]) == sorted(set(on["cluster_id"]))  # one row per event, none off the timeline
    merged = on.groupby("cluster_id").size()
    assert df.set_index("cluster_id")["n_mentions"].astype(int).to_dict() == merged.to_dict()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_cli_export_every_column_in_article_order_with_ids(tmp_path, db, fmt):
    out = tmp_path / f"events.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out), "--level", "mentions",
                 "--mentions"]) == 0
    df = _read(out, fmt)
    with Store(db, read_only=True) as store:
        stored = store.events()
    assert list(df.columns) == list(COLUMNS)
    assert len(df) == len(stored) > 0
    key = list(zip(df["article_id"], df["sentence_index"].astype(int), df["trigger_start"].astype(int), strict=True))
    assert key == sorted(key)
    assert df["event_id"].tolist() == stored["event_id"].tolist()
    assert set(df["article_id"]) <= {f"tiny-{i}" for i in range(6)}  # the --id-field values, on every row
    assert all(e.startswith(f"{a}:") for a, e in zip(df["article_id"], df["event_id"], strict=True))


def test_cli_export_filters_like_the_store(tmp_path, db):
    with Store(db, read_only=True) as store:
        all_events = store.events()
        actor = next(a for ids in all_events["actor_ids"] for a in ids) if any(all_events["actor_ids"].map(len)) else "x"
        expected = store.events(Filters(actors=(actor,), sources=("tiny-0", "tiny-1", "tiny-2"),
                                        date_from=date(2021, 1, 1), text="the"))
    out = tmp_path / "f.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(out), "--actor", actor,
                 "--source", "tiny-0", "--source", "tiny-1", "--source", "tiny-2", "--from", "2021-01-01",
                 "--q", "the"]) == 0
    assert _read(out, "jsonl")["event_id"].tolist() == expected["event_id"].tolist()


def test_cli_csv_export_neutralises_formulas(tmp_path):
    path = tmp_path / "hostile.duckdb"
    article = Article(id="evil", text="=cmd|' /C calc'!A0 attacked", title="=HYPERLINK(\"http://x\")")
    event = Event(article_id="evil", event_id="evil:0", sentence_index=0, sentence_start=0, sentence_end=27,
                  sentence="=cmd|' /C calc'!A0 attacked", trigger="attacked", trigger_start=19, trigger_end=27,
                  lemma="attack", summary="+SUM(A1:A9)", date_start=None, date_end=None, precision="unknown",
                  date_source="none", date_explanation="-no date", actors=(Actor("@x", "@evil"),))
    with Store(path) as store:
        store.write_batch(make_batch([ArticleAnalysis(article, (), (event,))]))
    out = tmp_path / "e.csv"
    assert main(["export", "--db", str(path), "--format", "csv", "--out", str(out)]) == 0
    (row,) = list(csv.DictReader(io.StringIO(out.read_text())))
    for col in ("title", "sentence", "summary", "date_explanation", "actors", "actor_ids"):
        assert row[col][0] == "'", (col, row[col])


def test_cli_ingest_bad_input_names_the_file_and_exits_1(tmp_path, tiny_jsonl, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "b", "body": "x", "dct": "February 30, 2021"}\n')
    path = tmp_path / "b.duckdb"
    assert main(["ingest", str(bad), str(tiny_jsonl), "--db", str(path), *ARGS]) == 1
    err = capsys.readouterr().err
    assert f"{bad}, line 1" in err and "February 30, 2021" in err
    with Store(path, read_only=True) as store:
        assert len(store.articles()) == 6


def test_cli_published_overrides_every_date(tmp_path, tiny_jsonl):
    path = tmp_path / "p.duckdb"
    assert main(["ingest", str(tiny_jsonl), "--db", str(path), *ARGS, "--published", "2020-02-29"]) == 0
    with Store(path, read_only=True) as store:
        arts = store.articles()
    assert set(arts["published"]) == {pd.Timestamp("2020-02-29")} and set(arts["published_origin"]) == {"user"}


@pytest.mark.parametrize("argv", [["ingest", "x", "--published", "2021-02-30"], ["ingest", "x", "--n-process", "0"],
                                  ["export", "--format", "xml"]])
def test_cli_usage_errors(argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_cli_export_without_store(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv"]) == 2
    assert "no event store" in capsys.readouterr().err


def test_cli_files_named_one_by_one_use_the_sidecar_beside_them(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Rebels attacked the town on Friday.")
    (folder / "b.txt").write_text("Police arrested two men yesterday.")
    (folder / "articles.csv").write_text("file,title,published\na.txt,Attack,2021-10-09\nb.txt,Arrests,"
                                        "\"Sat, 09 Oct 2021 14:03:00 GMT\"\n")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(folder / "a.txt"), str(folder / "b.txt"), "--db", str(db), "--quiet"]) == 0
    with Store(db, read_only=True) as store:
        arts = store.articles().set_index("article_id")
    assert arts["published"].dt.date.tolist() == [date(2021, 10, 9), date(2021, 10, 9)]
    assert "no publication date" not in capsys.readouterr().err


def test_cli_names_articles_without_a_publication_date_and_how_to_give_one(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("Rebels attacked the town yesterday.")
    assert main(["ingest", str(tmp_path / "x.txt"), "--db", str(tmp_path / "s.duckdb"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "1 article(s) have no publication date (x)" in err
    assert "--published" in err and "--metadata" in err and "articles.csv" in err


@pytest.mark.parametrize(("given", "expected"), [("Sat, 09 Oct 2021 14:03:00 GMT", date(2021, 10, 9)),
                                                 ("9 octobre 2021", date(2021, 10, 9))])
def test_cli_published_in_any_format(tmp_path, given, expected):
    (tmp_path / "x.txt").write_text("Rebels attacked the town yesterday.")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(tmp_path / "x.txt"), "--db", str(db), "--published", given, "--quiet"]) == 0
    with Store(db, read_only=True) as store:
        assert store.articles()["published"].dt.date.tolist() == [expected]


def test_cli_published_relative_to_the_clock_is_refused(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("Rebels attacked the town.")
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(tmp_path / "x.txt"), "--db", str(tmp_path / "s.duckdb"), "--published", "yesterday"])
    assert exit_.value.code == 2 and "relative to the day it was written" in capsys.readouterr().err


def test_cli_help_shows_the_db_default(capsys):
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert "(default: " in out and "timeline.duckdb)" in out
