"""Shared fixtures: the demo corpus, the spaCy pipeline (loaded once), paths to the
shared evaluation data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEMO_PUBLISHED = date(2021, 10, 9)


@pytest.fixture(scope="session")
def nlp():
    from timeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def demo_articles():
    from timeline.store.corpus import load_folder

    return load_folder(DATA)


@pytest.fixture(scope="session")
def demo_analyses(nlp, demo_articles):
    from timeline.pipeline import analyze_articles

    return {a.article.id: a for a in analyze_articles(demo_articles, nlp)}


@pytest.fixture(scope="session")
def demo_table(demo_analyses):
    from timeline.pipeline import event_table

    return event_table(demo_analyses.values())


@pytest.fixture(scope="session")
def shared_eval():
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_EVAL}")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def shared_script(shared_eval):
    """Import a stdlib script of ../shared/eval (a scorer) as a module: shared_script("score_t4")."""
    import importlib.util

    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, shared_eval / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


def _ui_row(event_id: str, summary: str, start, end, precision: str, **extra) -> dict:
    """One hand-built event row of the demo story (timeline.table schema)."""
    article_id = extra.pop("article_id", "asumetech")
    row = {
        "event_id": f"{article_id}:{event_id}",
        "cluster_id": f"{article_id}:{event_id}",
        "article_id": article_id,
        "title": "Taliban rule out cooperation with US on ISIS",
        "source": "AsumeTech",
        "published": DEMO_PUBLISHED,
        "sentence_index": int(event_id),
        "summary": summary,
        "date_start": start,
        "date_end": end,
        "precision": precision,
        "date_source": "timex" if start or end else "none",
        "date_explanation": f"Dated by the expression in the sentence ({precision}).",
    }
    row.update(extra)
    row.setdefault("sentence", summary + ".")
    row.setdefault("trigger", summary.split()[1])
    for key, default in (("sentence_start", 0), ("sentence_end", len(row["sentence"])),
                         ("trigger_start", 0), ("trigger_end", 0)):
        row.setdefault(key, default)
    row.setdefault("sources", [article_id])
    row.setdefault("n_sources", len(row["sources"]))
    return row


@pytest.fixture
def ui_table():
    """Five realistic events of the demo story, built by hand (no NLP): a day, an
    interval, a month-grain range, a year, an undated one; two articles, geocoded places."""
    from timeline.table import build_event_table

    kunduz = "A suicide bombing at a Shia mosque in Kunduz killed 46 people yesterday."
    doha = "Taliban and US officials met in Doha on Saturday and Sunday."
    rows = [
        _ui_row("10", "Suicide bombing of a Shia mosque in Kunduz", date(2021, 10, 8), date(2021, 10, 8),
                "day", sentence=kunduz, trigger="bombing", trigger_start=kunduz.index("bombing"),
                trigger_end=kunduz.index("bombing") + 7,
                sentence_start=0, sentence_end=len(kunduz), date_text="yesterday",
                date_char_start=len(kunduz) - 10, date_char_end=len(kunduz) - 1,
                actors=["ISIS"], actor_ids=["isis"], locations=["Kunduz"], location_ids=["name:kunduz"],
                lat=36.73, lon=68.86, sources=["asumetech", "ap-rewrite"],
                date_explanation="yesterday -> 8 Oct 2021, counted from the publication date 9 Oct 2021"),
        _ui_row("20", "Taliban and US officials hold talks in Doha", date(2021, 10, 9), date(2021, 10, 10),
                "day", sentence=doha, trigger="met", trigger_start=doha.index("met"), trigger_end=doha.index("met") + 3, sentence_end=len(doha),
                actors=["Taliban", "United States"], actor_ids=["taliban", "us"],
                locations=["Doha"], location_ids=["name:doha"], lat=25.29, lon=51.53),
        _ui_row("30", "US forces withdraw from Afghanistan", date(2021, 8, 21), date(2021, 8, 31), "month",
                actors=["United States"], actor_ids=["us"], locations=["Afghanistan"],
                location_ids=["name:afghanistan"], lat=33.0, lon=65.0, article_id="ap-rewrite",
                title="", source="unknown"),
        _ui_row("40", "ISIS emerges in Afghanistan", date(2014, 1, 1), date(2014, 12, 31), "year",
                actors=["ISIS"], actor_ids=["isis"], locations=["Afghanistan"], location_ids=["name:afghanistan"],
                lat=33.0, lon=65.0, article_id="ap-rewrite", title="", source="unknown"),
        _ui_row("50", "Taliban vow to contain ISIS", None, None, "unknown", actors=["Taliban", "ISIS"],
                actor_ids=["taliban", "isis"], date_explanation="No temporal expression governs this event."),
    ]
    return build_event_table(rows)


TINY_TEXTS = (
    "On Monday, the army attacked the town of Kunduz. Officials met in Doha yesterday to discuss the attack.",
    "The Taliban said on Saturday they would not cooperate with the United States. Talks begin next week.",
    "Protesters gathered in Kabul on 3 October 2021. Police arrested twelve people two days later.",
    "The company announced record profits in 2020. Its chief executive resigned last month.",
    "A bomb exploded near the embassy on Friday. No group has claimed the bombing.",
    "Floods destroyed hundreds of homes in August. The government promised aid yesterday.",
)


@pytest.fixture()
def tiny_jsonl(tmp_path):
    """Six short synthetic articles as JSONL with non-default field names (doc_id, body, dct)."""
    import json

    path = tmp_path / "tiny.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(TINY_TEXTS):
            record = {"doc_id": f"tiny-{i}", "body": text, "dct": f"2021-10-{i + 4:02d}", "headline": f"Story {i}"}
            fh.write(json.dumps(record) + "\n")
    return path


@pytest.fixture()
def tiny_options():
    """CorpusOptions matching ``tiny_jsonl``'s field names."""
    from timeline.store.corpus import CorpusOptions

    return CorpusOptions(id_field="doc_id", text_field="body", date_field="dct", title_field="headline")


@pytest.fixture(scope="session")
def blank():
    """A blank English pipeline (tokenizer only) for rule-level tests."""
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="session")
def timex_f1(shared_eval, shared_script, tmp_path_factory):
    """F1 (percent) of the product's tagger on a gold file of ../shared/eval, by metric:
    timex_f1("tbaq.jsonl") -> {"strict": .., "relaxed": .., "value": .., "type": ..}."""
    from timeline.eval.timexes import run

    scorer = shared_script("score_timex")

    def score(name: str) -> dict[str, float]:
        gold = shared_eval / name
        out = tmp_path_factory.mktemp("timex") / "pred.jsonl"
        assert run(str(gold), str(out)) == 0
        res = scorer.score(scorer.load_jsonl(str(gold)), scorer.load_jsonl(str(out)))
        return {k: 100 * res[k]["f1"] for k in ("strict", "relaxed", "value", "type")}

    return score


@pytest.fixture()
def locked_store(tmp_path):
    """A store file another process is writing (it holds DuckDB's lock until the test ends)."""
    import subprocess
    import sys

    path = tmp_path / "locked.duckdb"
    code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); c.execute('CREATE TABLE t (x INT)'); "
            "print('locked', flush=True); time.sleep(120)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield path
    finally:
        proc.kill()
        proc.wait()


def figure_strings(obj) -> list[str]:
    """Every string in a figure's JSON (data, layout, annotations, customdata ...)."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in figure_strings(v)]
    if hasattr(obj, "tolist"):
        obj = obj.tolist()
    if isinstance(obj, list | tuple):
        return [s for v in obj for s in figure_strings(v)]
    return []
