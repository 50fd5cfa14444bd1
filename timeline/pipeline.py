"""Article -> events: the per-article pure function that every path uses
(the app, the CLI ingest, the Dask partitions, the evaluation commands)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from timeline import events as events_mod
from timeline import merge, table, timexes
from timeline.models import Article, Event, Timex


@dataclass(frozen=True)
class ArticleAnalysis:
    article: Article
    timexes: tuple[Timex, ...]
    events: tuple[Event, ...]

    def rows(self) -> list[dict]:
        return [table.event_row(e, self.article) for e in self.events]


def analyze_doc(doc: Doc, article: Article) -> ArticleAnalysis:
    """Resolve the Doc's temporal expressions against the article's publication date
    and extract its dated events."""
    found = tuple(timexes.resolve_doc(doc, article.published))
    evs = tuple(events_mod.extract_events(doc, article, found))
    return ArticleAnalysis(article, found, evs)


def analyze_articles(
    articles: Iterable[Article], nlp: Language, batch_size: int = 64
) -> Iterator[ArticleAnalysis]:
    """Stream articles through the pipeline (constant memory in corpus size)."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyze_doc(doc, article)


def event_table(analyses: Iterable[ArticleAnalysis], merge_window_days: int = 3) -> pd.DataFrame:
    """The merged, typed event table of a set of analysed articles."""
    rows = [row for a in analyses for row in a.rows()]
    return merge.merge_events(table.build_event_table(rows), window_days=merge_window_days)
