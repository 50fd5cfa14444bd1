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
    from timeline.corpus import load_folder

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
