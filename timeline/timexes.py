"""Phase 1: find temporal expressions (INTERIM SKELETON - replaced by the tagger work).

Contract:
- spaCy component ``timeline_timexes`` stores phase-1 mentions (underspecified values,
  no publication date needed) on ``doc._.timex_mentions``;
- ``resolve_doc(doc, published) -> list[Timex]`` resolves them (phase 2, pure).
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from timeline.models import Timex

if not Doc.has_extension("timex_mentions"):
    Doc.set_extension("timex_mentions", default=None)


@Language.factory("timeline_timexes", requires=["token.pos", "token.dep"], assigns=["doc._.timex_mentions"])
def make_timex_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.timex_mentions = []
        return doc

    return component


def resolve_doc(doc: Doc, published: date | None) -> list[Timex]:
    return []
