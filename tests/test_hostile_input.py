"""Issue 14: hostile and broken input, end to end.  Each reproduction of the issue is a
test here (the figure escaping is tests/test_plot_text.py, the empty merge
tests/test_store.py::test_store_only_article_without_events_still_merges)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.models import Article
from timeline.pipeline import analyze_articles

PUB = date(2021, 10, 9)


def _analyse(nlp, *texts: str, published: date | None = PUB):
    articles = [Article(id=f"a{i}", text=t, published=published) for i, t in enumerate(texts)]
    return list(analyze_articles(articles, nlp))


# --- reproduction 4: years outside the calendar ------------------------------------------

def test_hostile_year_before_the_first_century_is_no_exception(nlp):
    (a,) = _analyse(nlp, "Rome was founded before the 1st century.")
    assert [e.trigger for e in a.events] == ["founded"]


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 12, 31), date(9999, 1, 1), date(9999, 12, 31)])
def test_hostile_publication_date_in_year_1_or_9999(nlp, published):
    text = ("Rebels attacked the town on Friday, a year after the war. Talks resumed yesterday and will "
            "continue next year, tomorrow, in the next century and two days later.")
    (a,) = _analyse(nlp, text, published=published)
    assert a.events
    if published in (date(1, 1, 1), date(9999, 12, 31)):  # 'yesterday' / 'tomorrow' leave the calendar
        assert any("out of range" in t.explanation for t in a.timexes)
    for e in a.events:
        assert e.date_start is None or date(1, 1, 1) < e.date_start
        assert e.date_explanation
    assert any("edge of the calendar" in e.date_explanation for e in a.events)


def test_hostile_far_years_are_out_of_range_with_a_reason(nlp):
    (a,) = _analyse(nlp, "The empire fell 9,000 years later, in the year 10021, and in year 0.",
                    published=date(9990, 1, 1))
    assert a.events


# --- reproductions 3, 6, 8: text on read, into the store ----------------------------------

def test_hostile_lone_surrogate_in_jsonl_does_not_lose_the_batch(tmp_path, capsys):
    """Reproduction 3: one lone surrogate raised UnicodeEncodeError in the tokenizer and 0 of 4
    articles were stored; now 4 go in and the summary counts what was normalised."""
    import json

    from timeline.cli import main
    from timeline.store.database import Store

    path = tmp_path / "in.jsonl"
    texts = ["Talks \ud800 resumed on Friday.", "Rebels attacked Kunduz on Friday.",
             "Officials met in Doha yesterday.", "Police arrested twelve people on Monday.\x00"]
    path.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "published": "2021-10-09"}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    db = tmp_path / "t.duckdb"
    assert main(["ingest", str(path), "--db", str(db), "--quiet"]) == 0
    assert "normalised in 2 article(s): 1 control characters, 1 lone surrogates" in capsys.readouterr().err
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 4
        assert "\ufffd" in store.events(None).query("article_id == 's0'")["sentence"].iloc[0]


def test_hostile_non_utf8_sidecar_and_encodings_in_the_summary(tmp_path, capsys):
    """Reproductions 6 and 8 through the CLI: a Windows-1252 articles.csv in a folder, a
    UTF-16 file with a BOM and a Latin-1 file all go in; the summary names the encodings."""
    from timeline.cli import main

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes("Rebels attacked the town on Friday, said Müller.".encode("utf-16"))
    (folder / "b.txt").write_bytes("The café was bombed on Friday.".encode("latin-1"))
    (folder / "articles.csv").write_bytes("file,title,published\na.txt,Müller,2021-10-09\nb.txt,Café,2021-10-09\n"
                                          .encode("cp1252"))
    assert main(["ingest", str(folder), "--db", str(tmp_path / "t.duckdb"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "2 articles written" in err and "encodings: cp1252 1, utf-16 1" in err
