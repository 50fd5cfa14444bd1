"""Event anaphora: a definite event noun that names no participant of its own ("the deal was
announced", "the takeover is unlikely to receive approval") is the event the article told
before under the same word ("Boeing signed a deal with Aeroflot"), and has its actors (issue
19: the analyst's actor filter lists every mention of the actor's events).

The antecedent is the nearest earlier event of the article, within ``WINDOW`` sentences, whose
word is the same (lemma or synonym class, ``triggers.synonym_classes``) or whose verb the noun
is made from ("delivered" -> "the delivery", "landed" -> "the landing"), and that has actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from timeline.events.triggers import synonym_classes
from timeline.models import Event

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
WINDOW = 4  # sentences back: a story's deal is still 'the deal' a few paragraphs on
_STEM = 4  # shortest verb lemma a noun may be made from ('land' -> 'landing')


def _definite(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)


def made_from(noun: str, verb: str) -> bool:
    """The noun lemma is made from the verb lemma ('delivery' / 'deliver', 'shooting' / 'shoot')."""
    return len(verb) >= _STEM and noun.startswith(verb) and noun != verb


def _same_event_word(noun: Token, before: Token) -> bool:
    a, b = noun.lemma_.lower(), before.lemma_.lower()
    if a == b:
        return True
    classes = synonym_classes()
    if a in classes and classes[a] == classes.get(b):
        return True
    return before.pos_ == "VERB" and made_from(a, b)


def with_event_anaphora(triggers: Sequence[Token], events: Sequence[Event], sent_of: Sequence[int]) -> list[Event]:
    """The events, each definite event noun with no actors given those of its antecedent."""
    out = list(events)
    for k, (tok, ev) in enumerate(zip(triggers, events, strict=True)):
        if ev.actors or not _definite(tok):
            continue
        for j in range(k - 1, -1, -1):
            before = triggers[j]
            if sent_of[tok.i] - sent_of[before.i] > WINDOW:
                break
            if out[j].actors and _same_event_word(tok, before):
                out[k] = replace(ev, actors=out[j].actors, descriptions=ev.descriptions or out[j].descriptions)
                break
    return out
