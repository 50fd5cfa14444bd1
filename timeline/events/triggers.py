"""What is an event: trigger words and what gives no event.

A trigger is a content verb or an event noun (``resources/en/event_triggers.yaml``);
auxiliaries, copulas, light verbs, verbs of saying that only introduce another event, an
undated infinitive that is the goal of another event, and site boilerplate ("- Advertisement
-", "Follow X on") give no event.  ``synonym_classes`` groups trigger lemmas for merging.
"""

from __future__ import annotations

import bisect
import functools

import numpy as np
from spacy.attrs import POS
from spacy.symbols import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from timeline.dates.furniture import furniture_ranges
from timeline.dates.tree import doc_text, sentence_starts, subtree, with_child
from timeline.events import entities
from timeline.events.event_date import lexicon
from timeline.events.resources import entries, word_set

_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "relcl", "acl", "csubj"})


@functools.lru_cache(maxsize=1)
def trigger_lexicon() -> dict[str, frozenset[str]]:
    names = ("non_event_verbs", "reporting_verbs", "event_nouns", "movement_verbs", "support_verbs",
             "emergency_call_markers", "emergency_call_verbs", "emergency_responders", "appearance_adjectives",
             "court_nouns", "visiting_verbs")
    return {n: word_set("event_triggers", n) for n in names}


def _has_auxiliary(doc: Doc) -> np.ndarray:
    """Which tokens an auxiliary depends on (``tree.with_child``), once per Doc."""
    key = "timeline_aux_heads"
    if key not in doc.user_data:
        doc.user_data[key] = with_child(doc, ("aux", "auxpass"))
    return doc.user_data[key]


def is_trigger(tok: Token) -> bool:
    lex = trigger_lexicon()
    lemma = tok.lemma_.lower()
    if not tok.is_alpha or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
        return False
    if tok.pos_ == "VERB":
        if tok.i > 1 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_ \
                and not tok.doc[tok.i - 2].whitespace_:
            return False  # the second half of a compound adjective: 'life-threatening', 'record-breaking'
        return tok.dep_ not in ("aux", "auxpass", "amod", "prep", "compound") and lemma not in lex["non_event_verbs"]
    if tok.pos_ == "NOUN":
        if _has_auxiliary(tok.doc)[tok.i]:  # 'was set to land': a verb the tagger missed
            return lemma not in lex["non_event_verbs"]
        return lemma in lex["event_nouns"] or tok.lower_ in lex["event_nouns"] or emergency_call(tok)
    if tok.pos_ == "ADJ":
        return court_appearance(tok)
    return False


def court_appearance(tok: Token) -> bool:
    """'He is due in court Wednesday': an adjective of appearance with a court after 'in' or
    'before' is the appearance, an event of its day (event_triggers.yaml)."""
    lex = trigger_lexicon()
    if tok.lemma_.lower() not in lex["appearance_adjectives"]:
        return False
    # 'due back in court'; the parser may hang the court on the copula ('is due back in court')
    near = [*tok.children, *(c for c in tok.head.children if c.i > tok.i and tok.dep_ == "acomp")]
    kids = [g for c in near for g in ((c, *c.children) if c.dep_ == "advmod" else (c,))]
    return any(p.dep_ == "prep" and p.lower_ in ("in", "before", "at") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in lex["court_nouns"] for o in p.children) for p in kids)


def emergency_call(tok: Token) -> bool:
    """'a 911 call', 'got a call from the hospital', 'the call for help came in': a call to the
    police or the emergency services, the first event of many local news stories; not 'a call
    for reform' or 'a close call'."""
    if tok.lemma_.lower() != "call" or tok.pos_ not in ("NOUN", "VERB"):
        return False
    lex = trigger_lexicon()
    if tok.pos_ == "VERB":  # 'Officers were called to the scene', 'a neighbor called 911'
        return any(c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() in lex["emergency_responders"]
                   for c in tok.children)
    if any(c.dep_ in ("compound", "nummod", "amod") and c.lower_ in lex["emergency_call_markers"] for c in tok.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lower_ in lex["emergency_call_markers"] for g in c.children)
           for c in tok.children):
        return True
    verb = tok.head.lemma_.lower()
    if verb == "come":  # 'the call came in', not 'calls for calm came from the clergy'
        return tok.dep_ == "nsubj" and any(c.lower_ == "in" and (c.dep_ == "prt" or c.dep_ == "prep" and not any(
            g.dep_ == "pobj" and not (g.like_num or g.ent_type_ in ("TIME", "DATE")) for g in c.children))
            for c in tok.head.children)  # 'came in around 8:15 p.m.': the parser may take 'in' for its preposition
    return verb in lex["emergency_call_verbs"] and tok.dep_ == "dobj"


def _in_ranges(tok: Token, ranges: list[tuple[int, int]], starts: list[int] | None = None) -> bool:
    """Whether the token starts inside one of the sorted, disjoint character ranges."""
    k = bisect.bisect_right(starts if starts is not None else [a for a, _ in ranges], tok.idx) - 1
    return k >= 0 and tok.idx < ranges[k][1]


def ranges_between(ranges: list[tuple[int, int]], starts: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """The sorted, disjoint ranges (their ``starts``) that overlap [lo, hi): a bisection, not a scan."""
    first = max(0, bisect.bisect_right(starts, lo) - 1)
    return [r for r in ranges[first:bisect.bisect_left(starts, hi)] if r[1] > lo]


# A sentence with more event words than this is degenerate ("attack attack attack ...", a
# pasted word list): news sentences hold a handful.  The work per event (its arguments,
# summary and date: each a walk of up to the whole sentence) is bounded per sentence: at most
# MAX_TRIGGERS_PER_SENTENCE events, and in a sentence longer than LONG_SENTENCE tokens (no
# news sentence is) proportionally fewer, so that a sentence costs at most about
# MAX_TRIGGERS_PER_SENTENCE walks of LONG_SENTENCE tokens: extraction is linear in its length.
MAX_TRIGGERS_PER_SENTENCE = 40
LONG_SENTENCE = 256


def trigger_budget(n_tokens: int) -> int:
    """How many event words of a sentence of ``n_tokens`` tokens become events (the first ones)."""
    if n_tokens <= LONG_SENTENCE:
        return MAX_TRIGGERS_PER_SENTENCE
    return max(1, MAX_TRIGGERS_PER_SENTENCE * LONG_SENTENCE // n_tokens)


def _capped(doc: Doc, cands: list[Token]) -> list[Token]:
    """The first ``trigger_budget`` candidates of each sentence."""
    starts = [*sentence_starts(doc), len(doc)]
    seen: dict[int, int] = {}
    out = []
    for t in cands:
        k = bisect.bisect_right(starts, t.i) - 1
        seen[k] = seen.get(k, 0) + 1
        if seen[k] <= trigger_budget(starts[k + 1] - starts[k]):
            out.append(t)
    return out


def find_triggers(doc: Doc, speakers: frozenset[int] = frozenset()) -> list[Token]:
    """The event words of the Doc.  ``speakers``: the tokens that refer to a named actor
    (``references``: 'he' for the person named before, 'the company' for the one so described),
    whose statements are events of their own like those of a name (``_only_introduces``)."""
    skip = furniture_ranges(doc_text(doc))
    starts = [a for a, _ in skip]
    pos = doc.to_array(POS)  # only verbs, nouns and a few adjectives can be triggers: no Token object for the other words
    words = (doc[i] for i in np.flatnonzero((pos == VERB) | (pos == NOUN) | (pos == ADJ)).tolist())
    cands = _capped(doc, [t for t in words if is_trigger(t) and not (skip and _in_ranges(t, skip, starts))])
    chosen = {t.i for t in cands}
    kept = [t for t in cands if not _only_introduces(t, chosen, speakers) and not _orders_events(t, chosen)
            and phase_of(t, chosen) is None]
    folded = {t.i for t in kept if _folded_infinitive(t, chosen)}
    return [t for t in kept if t.i not in folded]


def phase_of(tok: Token, chosen: set[int] | None = None) -> Token | None:
    """'The floodwaters began receding', 'troops started to withdraw', 'appears to be making
    headway': an aspectual or raising verb (event_dating.yaml ``aspectual_governors``) is a phase
    of its complement, one event with it: the complement (an event word, when ``chosen`` is
    given), else None."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon()["aspectual_governors"]:
        return None
    return next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.i > tok.i
                 and (chosen is None or c.i in chosen)), None)


def _orders_events(tok: Token, chosen: set[int]) -> bool:
    """'The talks follow two days of discussions': a verb of sequence between two events is
    their order, not an event of its own (the talks' summary says what it says)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon()["sequence_verbs"]:
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.i in chosen and subject.pos_ == "NOUN"


_INFINITIVE_DEPS = frozenset({"xcomp", "advcl", "acl", "conj"})


def _folded_infinitive(tok: Token, chosen: set[int]) -> bool:
    """'urged the US to release funds', 'rejected cooperation to stop extremist groups': an
    undated infinitive that completes another event (a goal, a request, an intention) has not
    happened; it is part of that event's summary, not a mark of its own on the timeline.  An
    infinitive with its own date ('officials to meet on Saturday') stays an event."""
    cur = tok
    for _ in range(4):
        if cur.pos_ == "NOUN" and cur.i != tok.i:
            return _goal_noun(cur, chosen)
        if cur.pos_ != "VERB" or cur.dep_ not in _INFINITIVE_DEPS or cur.head.i == cur.i:
            return False
        if cur.dep_ != "conj" and not (cur.tag_ == "VB" or any(c.lower_ == "to" for c in cur.children)):
            return False
        if cur.dep_ == "conj" and cur.tag_ != "VB":
            return False  # 'to contain ... and have taken a hard line': a finite conjunct is told, not aimed at
        if _has_own_date(tok):
            return False
        if cur.dep_ != "conj" and cur.head.i in chosen:
            return True
        cur = cur.head
    return False


def _has_own_date(tok: Token) -> bool:
    """A date among the trigger's own arguments, not in a verb conjoined to it ('to contain
    extremist groups and have taken a hard line ... since last August')."""
    for child in tok.children:
        if child.dep_ in _CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
            continue
        if any(t.ent_type_ in ("DATE", "TIME") for t in subtree(child)):
            return True
    return False


def _goal_noun(noun: Token, chosen: set[int]) -> bool:
    """'ruled out cooperation with the US to contain extremist groups', 'there would be no
    cooperation to stop ISIS': the infinitive is the goal of a noun that is itself an event,
    the object of one, or denied; it belongs to that event's summary."""
    if noun.i in chosen or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    return noun.dep_ in ("dobj", "pobj", "nsubjpass") and noun.head.i in chosen


def _speaker(tok: Token) -> Token | None:
    """The subject of a verb of saying, or, for one with none of its own that goes with another
    verb ('Jobs dismissed the reports, saying ...'), the subject of that verb."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ in ("advcl", "conj"):
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return subj


def _only_introduces(tok: Token, chosen: set[int], speakers: frozenset[int] = frozenset()) -> bool:
    """A verb of saying whose complement holds another event: the event is the news.  A
    statement by a named actor ('Shaheen told the AP that ...'), or by one the text refers to
    ('He said that ...', 'The company said ...', '..., saying that ...'), is an event of that actor."""
    if tok.lemma_.lower() not in trigger_lexicon()["reporting_verbs"]:
        return False
    speaker = _speaker(tok)
    if speaker is not None and (speaker.ent_type_ in entities.ACTOR_LABELS or speaker.i in speakers):
        return False
    for child in tok.children:
        if child.dep_ in ("ccomp", "parataxis", "xcomp", "dobj") and any(t.i in chosen for t in subtree(child)):
            return True
    return False


@functools.lru_cache(maxsize=1)
def synonym_classes() -> dict[str, str]:
    """Trigger lemma -> synonym class name ('bombing' -> 'attack')."""
    return {str(w).lower(): e["name"] for e in entries("event_triggers", "synonym_classes") for w in e["words"]}
