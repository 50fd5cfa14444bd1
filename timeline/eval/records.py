"""Reading the evaluation files: one JSON document per line, run through the product's
spaCy pipeline in batches, with the publication date of each (``dct``) as a date."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc

from timeline.nlp import load_nlp


def dct(raw) -> date | None:
    """The document's publication date, or None (never a guess)."""
    try:
        return date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def parsed_records(input_path: str, model: str = "en_core_web_sm", batch_size: int = 32) -> Iterator[tuple[Doc, dict]]:
    """(Doc, record) for each line of ``input_path``, in file order."""
    nlp = load_nlp(model)
    with open(input_path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    yield from nlp.pipe(((r.get("text") or "", r) for r in rows), as_tuples=True, batch_size=batch_size)
