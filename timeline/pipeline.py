"""Article -> events: the per-article pure function that every path uses
(the app, the CLI ingest, the Dask partitions, the evaluation commands).

``analyze_articles`` is where hostile input is contained, one article at a time: texts
over ``CHUNK_CHARS`` are parsed in paragraph-aligned pieces joined into one Doc (offsets
kept); a batch that spaCy fails is parsed again article by article; the analysis of each
article runs under its time budget (``settings.time_budget``, checked between stages,
expressions and triggers: ``models.Budget``).  An article that fails for any of these
reasons comes back as an ``ArticleFailure`` (id and reason) in its place; the rest goes on.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from timeline import table
from timeline.dates import timexes, tree
from timeline.events import extract as events_mod
from timeline.events import merge
from timeline.models import NO_BUDGET, Article, Budget, Event, OverBudget, Timex
from timeline.settings import time_budget

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
    actor_kinds: tuple[str, ...] = ()  # 'noun:actor id': the nouns it uses for its actors (extract.actor_kinds)

    def rows(self) -> list[dict]:
        return [table.event_row(e, self.article) for e in self.events]


def analyze_doc(doc: Doc, article: Article, budget: Budget = NO_BUDGET) -> ArticleAnalysis:
    """Resolve the Doc's temporal expressions against the article's publication date
    and extract its dated events (``OverBudget`` past ``budget``)."""
    found = tuple(timexes.resolve_doc(doc, article.published, budget))
    budget.check()
    evs = tuple(events_mod.extract_events(doc, article, found, budget))
    return ArticleAnalysis(article, found, evs, events_mod.actor_kinds(doc, article))


@dataclass(frozen=True)
class ArticleFailure:
    """An article the pipeline could not analyse, and why (it is reported, not stored)."""

    article: Article
    reason: str

    def message(self) -> str:
        return f"{self.article.path or '<input>'}: article '{self.article.id}': {self.reason}"


CHUNK_CHARS = 100_000  # a longer text is parsed in paragraph-aligned pieces of at most this


def split_text(text: str, size: int | None = None) -> list[str]:
    """Consecutive pieces of ``text`` (joined, they are the text: offsets are kept) of at most
    ``size`` characters, cut at a blank line, else a line break, a sentence end, a space,
    in the second half of the piece; a hard cut only when the text has none of these."""
    size = size or CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start + size // 2:start + size]
        cut = next((window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", ". ", " ") if sep in window), len(window))
        pieces.append(text[start:start + size // 2 + cut])
        start += size // 2 + cut
    return [*pieces, text[start:]]


def _parse(nlp: Language, article: Article, batch_size: int) -> Doc:
    """One article's Doc: pieces of a long text are parsed apart and joined into one Doc."""
    pieces = split_text(article.text)
    if len(pieces) == 1:
        return nlp(article.text)
    with warnings.catch_warnings():  # W101/W102: the pieces' caches and mentions are not merged (found again)
        warnings.simplefilter("ignore", UserWarning)
        doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=batch_size)), ensure_whitespace=False)
    doc._.timex_mentions = None  # found again on the whole text (the pieces' offsets start at 0)
    return doc


def _docs(nlp: Language, articles: list[Article], batch_size: int) -> Iterator[tuple[Doc | Exception, Article]]:
    """(Doc, article) in order, batched through ``nlp.pipe``; when a batch fails (spaCy
    raises for the whole batch) its articles are parsed one by one, so one bad article
    fails alone, with its reason."""
    normal = [a for a in articles if len(a.text) <= CHUNK_CHARS]
    try:
        docs = dict(zip((id(a) for a in normal), nlp.pipe((a.text for a in normal), batch_size=batch_size),
                        strict=True))
    except Exception:  # noqa: BLE001  (retried one by one below)
        docs = {}
    for article in articles:
        doc = docs.pop(id(article), None)
        if doc is None:
            try:
                doc = _parse(nlp, article, batch_size)
            except Exception as exc:  # noqa: BLE001  (the article fails, the batch goes on)
                doc = exc
        yield doc, article


def analyze_articles(
    articles: Iterable[Article], nlp: Language, batch_size: int = 64, seconds_per_10k_chars: float | None = None,
) -> Iterator[ArticleAnalysis | ArticleFailure]:
    """Stream articles through the pipeline, ``batch_size`` at a time (constant memory in
    corpus size).  Every failure is one article's: an exception of spaCy or of the analysis,
    or its time budget (``settings.time_budget``) passed; it comes back as an
    ``ArticleFailure`` with the reason, in the article's place, and the rest goes on."""
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)
    stream = iter(articles)
    while batch := list(islice(stream, batch_size)):
        for doc, art in _docs(nlp, batch, batch_size):
            yield _analysed(doc, art, seconds_per_10k_chars)


def _analysed(doc: Doc | Exception, article: Article, seconds_per_10k_chars: float | None):
    if isinstance(doc, Exception):
        return ArticleFailure(article, f"could not be parsed ({_why(doc)})")
    try:
        return analyze_doc(doc, article, Budget(time_budget(len(article.text), seconds_per_10k_chars)))
    except OverBudget as exc:
        return ArticleFailure(article, f"skipped: {exc} ({len(article.text):,} characters)")
    except Exception as exc:  # noqa: BLE001  (a bug on one article must not stop the batch)
        return ArticleFailure(article, f"analysis failed ({_why(exc)})")
    finally:
        tree.release(doc)  # the Doc is done with: freed now, not by the cyclic collector


def _why(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def event_table(analyses: Iterable[ArticleAnalysis], merge_window_days: int = 3) -> pd.DataFrame:
    """The merged, typed event table of a set of analysed articles."""
    rows = [row for a in analyses if isinstance(a, ArticleAnalysis) for row in a.rows()]
    return merge.merge_events(table.build_event_table(rows), window_days=merge_window_days)
