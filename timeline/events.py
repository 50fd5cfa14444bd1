"""Event extraction and dating (INTERIM SKELETON - replaced by the events work)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from timeline.models import Article, Event, Timex


def extract_events(doc: Doc, article: Article, timexes: Sequence[Timex]) -> list[Event]:
    return []
