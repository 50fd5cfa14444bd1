"""Tense and aspect of an event trigger, read from its tag and auxiliaries."""

from __future__ import annotations

from spacy.tokens import Token

from timeline.dates.tree import per_token
from timeline.events.event_date import lexicon

_PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "'d"})
_BE_AUX = frozenset({"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_PRESENT_AUX = frozenset({"is", "are", "am", "has", "have", "does", "do", "'s", "'re", "'m", "'ve"})


@per_token
def tense_aspect(tok: Token, depth: int = 0) -> tuple[str, str]:
    """(tense, aspect) of a verb or noun trigger from its tag and auxiliaries."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in auxes]
    future = lexicon()["future_auxiliaries"]
    aspect = "simple"
    if tok.tag_ == "VBN" and any(w in _PERFECT_AUX for w in words) and "been" not in words[-1:]:
        aspect = "perfect"
    elif tok.tag_ == "VBN" and any(w in _PERFECT_AUX for w in words):
        aspect = "perfect"
    elif tok.tag_ == "VBG" and any(w in _BE_AUX for w in words):
        aspect = "progressive"
    if aspect != "simple" and any(w in lexicon()["past_modals"] for w in words) and any(
            w in ("have", "'ve") for w in words):
        return "past", aspect  # 'may have come', 'could have been trying': a possible past
    if any(w in future for w in words):
        return "future", aspect
    if any(w in lexicon()["present_modals"] for w in words):
        return "present", aspect  # "can't find buyers": an ability now, not a future
    if any(w in _PAST_AUX for w in words):
        return "past", aspect
    if any(w in _PRESENT_AUX for w in words):
        return "present", aspect
    if "to" in words or tok.tag_ == "TO":
        return _infinitive_tense(tok, depth), aspect
    if tok.tag_ == "VBD":
        return "past", aspect
    if tok.tag_ == "VBN" and tok.dep_ == "ROOT" and not auxes and any(c.dep_ == "nsubj" for c in tok.children):
        return "past", aspect  # 'Thousands of people celebrated ...': the tagger's VBN for a finite past
    if tok.tag_ in ("VBZ", "VBP"):
        return "present", aspect
    return "none", aspect


def _infinitive_tense(tok: Token, depth: int = 0) -> str:
    """'plans to visit' -> future; 'wanted to go' (a past governor) -> past."""
    head = tok.head
    if head.lower_ in ("about", "going"):
        return "future"
    if head.i == tok.i or head.dep_ == "aux" or depth >= 3 or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return "future"
    ht, _ = tense_aspect(head, depth + 1)
    if head.lemma_.lower() in lexicon()["aspectual_governors"] and ht in ("past", "present"):
        return ht  # 'continues to maintain', 'appeared to accept': the governor's own time
    if ht == "past" and head.lemma_.lower() not in lexicon()["future_governors"]:
        return "past"  # 'tried to impress', 'helped to organise': as past as its governor
    return "future" if ht in ("future", "present", "none", "past") else ht
