"""Where the dashboard's events come from: the one module to change when the app moves
from the in-process pipeline to the DuckDB event store (timeline/store.py).

Now: articles (demo folder + what the user added) -> spaCy -> pipeline.event_table.
Caching follows DESIGN.md principle 9: the spaCy pipeline is a ``cache_resource`` keyed
by model name; everything that returns data is a ``cache_data`` keyed by its inputs and
uses only its parameters.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePath

import pandas as pd
import streamlit as st
from spacy.language import Language

from timeline import corpus, pipeline
from timeline.models import Article
from timeline.nlp import load_nlp
from timeline.pipeline import ArticleAnalysis


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def get_nlp(model: str) -> Language:
    return load_nlp(model)


@st.cache_data(show_spinner="Reading the demo corpus…")
def demo_articles(data_dir: str) -> list[Article]:
    return corpus.load_folder(data_dir)


@st.cache_data(show_spinner=False, max_entries=2000)
def analyze_article(article: Article, model: str) -> ArticleAnalysis:
    """One article through the pipeline (cached: an upload is analysed once)."""
    return next(pipeline.analyze_articles([article], get_nlp(model)))


@st.cache_data(show_spinner="Extracting events…", max_entries=20)
def event_table(articles: tuple[Article, ...], model: str, merge_window_days: int) -> pd.DataFrame:
    """The merged event table (timeline.table schema) of these articles."""
    analyses = [analyze_article(a, model) for a in articles]
    return pipeline.event_table(analyses, merge_window_days=merge_window_days)


@st.cache_data(show_spinner=False, max_entries=200)
def read_upload(name: str, data: bytes) -> Article | corpus.CorpusError:
    """An uploaded .txt/.html file -> Article (HTML: text, title and publication date from
    the page's metadata), or a CorpusError naming the file and the problem."""
    safe_name = PurePath(name).name or "upload.txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / safe_name
        path.write_bytes(data)
        items = list(corpus.iter_corpus([path]))
    if not items:
        return corpus.CorpusError(safe_name, "not a .txt or .html file")
    item = items[0]
    if isinstance(item, corpus.CorpusError):
        return corpus.CorpusError(safe_name, item.problem, item.line)
    return replace(item, path=safe_name)


def with_date(article: Article, published: date | None) -> Article:
    """The article with the publication date the user confirmed (or cleared)."""
    if published == article.published:
        return article
    return replace(article, published=published, published_origin="user" if published else "none")


def pasted_article(text: str, title: str, published: date | None) -> Article:
    """Pasted text as an Article; its id is stable for the same text and date."""
    digest = hashlib.sha1(f"{published}|{text}".encode()).hexdigest()[:8]
    return Article(
        id=f"pasted-{digest}",
        text=text,
        title=title.strip() or f"Pasted text {digest}",
        source="pasted",
        published=published,
        published_origin="user" if published else "none",
    )


def facets(df: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Filter choices: id -> display name, for actors, locations and sources."""

    def pairs(id_col: str, name_col: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for ids, names in zip(df[id_col], df[name_col], strict=True):
            out.update({i: n for i, n in zip(ids, names, strict=False) if i})
        return dict(sorted(out.items(), key=lambda kv: kv[1].lower()))

    sources = {a: (t or a) for a, t in zip(df["article_id"], df["title"], strict=True)}
    return {
        "actor": pairs("actor_ids", "actors"),
        "location": pairs("location_ids", "locations"),
        "source": dict(sorted(sources.items(), key=lambda kv: kv[1].lower())),
    }
