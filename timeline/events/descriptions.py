"""What a named actor is, in the text's own common nouns (issue 19): the nouns a product's name
modifies ("the A380 superjumbo"), its appositions and predicates ("Airbus, Europe's biggest
aircraft maker"), and the one noun that stands for a group of nouns of one kind (actors.yaml
``kind_synonyms``: "the jet" is described as a plane).  Read by ``references``."""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from timeline.events.resources import entries, word_set

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def kind_nouns(span: Span) -> list[Token]:
    """'the new A380 superjumbo airliner', 'its iPhone 4 handset': the common nouns a product's
    name modifies, up to the head of its noun phrase (last), when they say what it is, not what
    happens to it ('iPod sales', an event noun)."""
    if span.label_ != "PRODUCT":
        return []
    out, tok = [], span.root
    while tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i >= span.end and tok.head.is_alpha \
            and not tok.head.ent_type_:
        tok = tok.head
        out.append(tok)
    if out and out[-1].lemma_.lower() in word_set("event_triggers", "event_nouns"):
        return []
    return out


def describing_nouns(doc: Doc, span: Span) -> set[str]:
    """Common nouns the text uses to say what the named entity is: an apposition ("Airbus,
    Europe's biggest aircraft maker"), "X is a Y", a noun before the name ("aircraft maker
    Boeing"), the nouns a product's name modifies ("the A380 superjumbo": ``kind_nouns``)."""
    root = span.root
    cands: list[Token] = list(kind_nouns(span))
    if root.dep_ == "appos":
        cands.append(root.head)
    cands += [c for c in root.children if c.dep_ in ("appos", "compound")]
    if root.dep_ in _SUBJECTS and root.head.lemma_ == "be":
        cands += [c for c in root.head.children if c.dep_ == "attr"]
    return {kind_noun(c.lemma_.lower()) for c in cands if c.pos_ == "NOUN" and c.is_alpha and not c.ent_type_
            and not span.start <= c.i < span.end}


@functools.cache
def _kind_synonyms() -> dict[str, str]:
    """noun -> the noun of its group that stands for them all (actors.yaml ``kind_synonyms``:
    'jet' -> 'plane', 'firm' -> 'company')."""
    out: dict[str, str] = {}
    for entry in entries("actors", "kind_synonyms"):
        words = [str(w).lower() for w in entry["words"]]
        out.update((w, words[0]) for w in words)
    return out


def kind_noun(lemma: str) -> str:
    """The noun a description's head stands for: its group's first word, or itself."""
    return _kind_synonyms().get(lemma, lemma)
