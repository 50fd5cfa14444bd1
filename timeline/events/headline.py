"""The headline's events, dated by the body that tells them.

A headline names the article's lead event without its day ("Two dead, three hurt in
wrong-way crash on I-75", "Gunmen storm displacement camp"); the first sentences of the body
tell the same event with its day ("Two people were killed ... when a wrong-way driver slammed
into a minivan late Saturday").  An undated headline event takes the day of the first event of
the same kind that the opening of the body dates by the text: the same word or the verb its
noun is made from ("shooting" / "shot"); else a word of the same harm ("hurt" / "injured",
``event_salience.yaml injury_words, death_words``); else a synonym (``event_triggers.yaml
synonym_classes``: "storm" / "attacked"); else an event of the same class ("crash" / "slammed
into", "seal trade deal" / "concluded negotiations"), a saying never.  So the headline's event is not an undated
row beside the lead: it is on the lead's day, and where its word is the lead's or a synonym
the merge (``events/merge.py``) makes them one event.

Not placed: a headline event when the opening of the body dates no event of its kind (it stays
"on or before" the publication date), and any event of the body.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Token

from timeline.dates.tree import sentence_index
from timeline.events.classes import event_class
from timeline.events.dating import in_headline
from timeline.events.event_anaphora import made_from
from timeline.events.event_date import EventDate
from timeline.events.resources import word_set
from timeline.events.triggers import synonym_classes

OPENING_SENTENCES = 3  # the body's sentences that tell the lead event
NEWS_DAYS = 7  # a date of the body's event spans fewer days than this: the news, not a background period
_NO_CLASS = frozenset({"", "speech", "speech_with_content"})  # a saying tells no event of its own


def _same_word(head: Token, body: Token) -> bool:
    a, b = head.lemma_.lower(), body.lemma_.lower()
    return a == b or made_from(a, b) or made_from(b, a)  # 'shooting' / 'shot'


def _synonym(head: Token, body: Token) -> bool:
    classes = synonym_classes()
    a = head.lemma_.lower()
    return a in classes and classes[a] == classes.get(body.lemma_.lower())


def _same_hurt(head: Token, body: Token) -> bool:
    """Both say someone was hurt ('hurt' / 'injured'), or both that someone died ('dead' / 'killed')."""
    a, b = head.lemma_.lower(), body.lemma_.lower()
    return any(a in words and b in words for words in _harm_words())


@functools.lru_cache(maxsize=1)
def _harm_words() -> tuple[frozenset[str], frozenset[str]]:
    return word_set("event_salience", "injury_words"), word_set("event_salience", "death_words")


def _same_class(head: Token, body: Token) -> bool:
    cls = event_class(head)[0]
    return cls not in _NO_CLASS and cls == event_class(body)[0]


def _told_by_text(ed: EventDate, published: date | None) -> bool:
    """Dated by the text (its own expression or its discourse) to a few days, on or before the
    publication date: the news ('late Saturday', 'on Tuesday and Wednesday'), not 'this year'."""
    return ed.source in ("timex", "context") and not ed.story_bound and ed.first is not None \
        and ed.last is not None and (ed.last - ed.first).days < NEWS_DAYS \
        and (published is None or ed.last <= published)


def date_headline(triggers: Sequence[Token], dated: dict[int, EventDate], published: date | None) -> dict[int, EventDate]:
    """``dated`` with each undated headline event given the day of the body's first event of its kind."""
    heads = [t for t in triggers if in_headline(t) and dated[t.i].source == "publication"]
    if not heads:
        return dated
    body = [t for t in triggers if not in_headline(t)]
    if not body:
        return dated
    last = sentence_index(body[0]) + OPENING_SENTENCES - 1
    opening = [t for t in body if sentence_index(t) <= last and _told_by_text(dated[t.i], published)]
    out = dict(dated)
    for tok in heads:
        told = next((b for match in (_same_word, _same_hurt, _synonym, _same_class) for b in opening if match(tok, b)), None)
        if told is None:
            continue
        ed = dated[told.i]
        said = f"'{ed.timex.text}'" if ed.timex is not None else "its date"
        out[tok.i] = replace(ed, source="context", explanation=(
            f"The headline's '{tok.text}': the article tells it below, '{told.text}' ({said})."))
    return out
