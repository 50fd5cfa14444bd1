"""Article -> events: the per-article pure function that every path uses
(the app, the CLI ingest, the Dask partitions, the evaluation commands)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from timeline import table
from timeline.dates import timexes
from timeline.events import extract as events_mod
from timeline.events import merge
from timeline.models import Article, Event, Timex

_PACKAGE = Path(__file__).resolve().parent


# The code that decides what an article yields (text -> timexes -> events -> rows): the
# dates and events stages whole, and these top-level modules.  The dashboard, the store,
# the CLI and the evaluation commands are not in it: editing them must not make a large
# store re-analyse every article.
ANALYSIS_PACKAGES = ("dates", "events")
ANALYSIS_MODULES = ("models.py", "nlp.py", "table.py", "pipeline.py")


def analysis_files() -> list[Path]:
    """Every code and rule file that PIPELINE_VERSION covers, in a fixed order."""
    files = [_PACKAGE / name for name in ANALYSIS_MODULES if (_PACKAGE / name).exists()]
    for pkg in ANALYSIS_PACKAGES:
        files += sorted((_PACKAGE / pkg).rglob("*.py"))
    files += sorted(p for p in (_PACKAGE / "resources").rglob("*") if p.suffix in {".yaml", ".json", ".jsonl"})
    return files


def _pipeline_version() -> str:
    """Digest of the analysis code and of every rule file: what an article was analysed with.

    The event store keys articles by their content AND this digest, so upgrading the
    extractor or editing a rule file re-analyses stored articles on the next ingest
    instead of serving events of an older extractor.
    """
    digest = hashlib.sha256()
    for path in analysis_files():
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PIPELINE_VERSION = _pipeline_version()


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
