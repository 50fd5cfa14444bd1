"""Which temporal expression governs which event: ``attach_timexes`` links each trigger to the
expression that dates it, going up the parse from the expression (through prepositions,
possessives or the clause it heads), with the relation between them ('after', 'within' ...)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from timeline.dates.anchors import SPEECH, reported_clause
from timeline.dates.tree import doc_text, span_root
from timeline.events.classes import event_class
from timeline.events.classes import lexicon as classes_lexicon
from timeline.events.event_date import lexicon, relation_of
from timeline.events.locality import dateline
from timeline.events.salience import charging_verb
from timeline.models import Timex


def _timex_span(doc: Doc, tx: Timex):
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span


def _timex_root(doc: Doc, tx: Timex, span=None) -> Token | None:
    """The expression's head in the parse.  A sentence-final 'p.m.' the parser took for the
    full stop ('fired shots around 3:30 p.m.', 'p.m.' punct of 'said') is not it: another word
    of the expression that hangs outside it is ('around', on 'fired')."""
    span = span if span is not None else _timex_span(doc, tx)
    if span is None:
        return None
    root = span_root(span)
    if root.dep_ == "punct":
        other = next((t for t in span if t.i != root.i and not span.start <= t.head.i < span.end), None)
        return root if other is None else other
    return root


def _path_relation(tokens: list[Token], tx: Timex | None = None) -> str:
    """The relation named by the first preposition/marker on the path timex -> event.  Words
    inside the expression are part of its value ("just after 9:30 p.m. Thursday" is that
    evening, "the day after Friday" is Saturday), not a relation to it."""
    spatial = lexicon()["spatial_relation_words"]
    for k, t in enumerate(tokens):
        if tx is not None and tx.start <= t.idx < tx.end:
            continue
        if t.dep_ == "agent" or t.lower_ in spatial and k and tx is not None and not tx.start <= tokens[k - 1].idx < tx.end:
            continue  # 'shot by a 5-year-old Sunday', 'called to the bar, around 8 p.m.': a place or agent, no bound
        if t.dep_ in ("prep", "mark", "advmod", "case") or t.pos_ in ("ADP", "SCONJ"):
            rel = relation_of(t.lower_)
            if rel:
                return rel
    return "within"


def join_conjoined(doc: Doc, timexes) -> list[Timex]:
    """'on Saturday and Sunday': two conjoined dated expressions -> one multi-day span."""
    timexes = sorted(timexes, key=lambda t: t.start)
    out: list[Timex] = []
    for tx in timexes:
        prev = out[-1] if out else None
        root = _timex_root(doc, tx)
        if (prev is not None and root is not None and root.dep_ == "conj" and prev.start <= root.head.idx < prev.end
                and prev.first and tx.first and prev.last and tx.last and prev.grain == tx.grain == "day"):
            out[-1] = Timex(prev.start, tx.end, doc_text(doc)[prev.start:tx.end], "DATE", f"{prev.value}/{tx.value}",
                            "day", min(prev.first, tx.first), max(prev.last, tx.last), None, prev.anchor,
                            prev.anchor_kind, "conjoined", f"{prev.text} and {tx.text}: a span of days.")
            continue
        out.append(tx)
    return out


# the signature of an embedded social-media post: its author's handle, then the day it was posted
_POSTED = re.compile(r"\(@\w{1,30}\)\s*$")


def _crime_dated_after(verb: Token, root: Token, triggers: set[int]) -> Token | None:
    """'was charged Monday with murder in the shooting death of a man outside a bar over the
    weekend': a justice verb with a day of its own before its charge, and a second date after
    the charge's phrase; the second is the crime's (the innermost incident the charge is in)."""
    if root.head.i != verb.i and root.head.head.i != verb.i or event_class(verb)[0] != "justice":
        return None
    if not any(c.ent_type_ in ("DATE", "TIME") and c.i < root.i and c.dep_ in ("npadvmod", "prep") for c in verb.children):
        return None
    charge = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in classes_lexicon()["charge_prepositions"]
                   and c.i < root.i), None)
    noun = next((g for g in charge.children if g.dep_ == "pobj"), None) if charge is not None else None
    while noun is not None:
        inner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "for", "of") and c.i < root.i
                      for g in c.children if g.dep_ == "pobj" and g.i in triggers), None)
        if inner is None:
            break
        noun = inner
    return noun if noun is not None and noun.i in triggers and noun.i != verb.i else None


def _birth_date(text: str, start: int) -> bool:
    """'(DOB: 02/14/1977)': the date at ``start`` follows a label of a date of birth
    (event_dating.yaml ``birth_date_labels``)."""
    before = re.sub(r"[\s:,(-]+$", "", text[max(0, start - 20):start]).lower()
    return any(before.endswith(label) and (len(before) == len(label) or not before[-len(label) - 1].isalnum())
               for label in lexicon()["birth_date_labels"])


def _than_offset(root: Token) -> bool:
    """'arrives on November 11, three days later than originally planned': an offset measured
    from what a 'than' clause names (the plan), not from the story's time, dates no event."""
    return root.lower_ in ("later", "earlier", "sooner") and any(c.lower_ == "than" for c in root.children)


def _compared(root: Token) -> bool:
    """'The water rose faster than in 2005', 'sales were higher than last year': a date after
    'than' is the standard of a comparison, not when the event happened."""
    cur = root
    for _ in range(3):
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
        if cur.lower_ == "than":
            return True
    return False


_NOUN_PHRASE_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "ADV"})


def _possessed_event(doc: Doc, span, triggers: set[int]) -> Token | None:
    """"Saturday's early morning shooting": the event noun a possessive expression (ending in
    "'s") modifies, read off the words, since the parser often hangs the possessive on a
    modifier ('morning') and the noun elsewhere."""
    if span.end >= len(doc) or doc[span.end].tag_ != "POS":
        return None
    for tok in doc[span.end + 1:min(len(doc), span.end + 5)]:
        if tok.i in triggers and tok.pos_ == "NOUN":
            return tok
        if tok.pos_ not in _NOUN_PHRASE_POS:
            return None
    return None


def _adjacent_event(doc: Doc, span, root: Token, triggers: set[int]) -> Token | None:
    """The event noun an expression (its tokens ``span``) is said of when the parse hangs it
    elsewhere: the one it possesses ("Saturday's shooting"), or the one right before it inside
    a noun phrase the parser gave it to ('the circumstances of the shooting around 6:45 p.m.
    Sunday': the shooting's time, not the circumstances')."""
    owned = _possessed_event(doc, span, triggers)
    if owned is not None:
        return owned
    before = doc[span.start - 1] if span.start else None
    if before is None or before.i not in triggers or before.pos_ != "NOUN":
        return None
    head = root.head
    while head.pos_ == "ADP" and head.head.i != head.i and not span.start <= head.i < span.end:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head.i not in triggers and head.i != before.i \
            and any(a.i == head.i for a in before.ancestors):
        return before
    return None


def _object_phrase_verb(noun: Token, root: Token, triggers: set[int]) -> Token | None:
    """The event verb whose object, itself an event, has a phrase that ends in the event noun a
    date that follows it hangs on ('concluded negotiations on a free trade agreement on Friday':
    the parser gives Friday to the agreement, and the negotiations were concluded that day too),
    or None."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or root.i < noun.i or noun.head.dep_ != "prep":
        return None
    obj = noun.head.head
    verb = obj.head
    if obj.dep_ != "dobj" or obj.i not in triggers or verb.pos_ != "VERB" or verb.i not in triggers:
        return None  # 'told oil companies of a cutback in September': the cutback's time, not the telling's
    return verb


def _told_clause(root: Token) -> Token | None:
    """The clause an expression ends when the parser gave it to the verb of saying after the
    comma ('A teen was shot in the chest Saturday, the sheriff's office announced': the
    shooting's day, not the announcement's): that clause's verb, or None."""
    verb = root.head
    if root.dep_ not in ("npadvmod", "prep") or verb.i <= root.i or verb.lemma_.lower() not in SPEECH:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    comma = next((t for t in root.doc[root.i + 1:verb.i] if t.text == ","), None)
    if subject is None or comma is None or not comma.i < subject.left_edge.i:
        return None
    first = root.doc[root.left_edge.i]
    told = root.doc[first.i - 1] if first.i and not first.is_sent_start else None  # the clause the expression ends
    while told is not None and told.pos_ not in ("VERB", "AUX") and told.head.i != told.i:
        told = told.head
    return told if told is not None and told.pos_ in ("VERB", "AUX") and told.i < root.i and told.i != verb.i else None


def _saying_day(root: Token, tx: Timex) -> Token | None:
    """The past verb of saying a day right after it belongs to, when the parser gave the day to
    the clause said ('Nvidia said on Monday it would buy Mellanox': the saying's Monday, not the
    buying's): the day lies between the verb and the subject of its clause.  Not a clock time
    ('says at about 5:30 Friday morning, they got a call': the call's) nor a present 'says'."""
    if tx.grain != "day" or _CLOCK_VALUE.search(tx.value):
        return None
    cur = root.head
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    verb = cur.head
    if cur.dep_ != "ccomp" or verb.tag_ != "VBD" or verb.lemma_.lower() not in SPEECH or not verb.i < root.i < cur.i:
        return None
    subject = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return verb if subject is not None and root.i < subject.left_edge.i else None


def attach_timexes(doc: Doc, timexes, triggers: set[int], max_steps: int = 6) -> dict[int, tuple[Timex, str]]:
    """Event token index -> (governing Timex, relation): each timex goes up the parse to the
    nearest trigger (or verb) that governs it."""
    attached: dict[int, tuple[Timex, str, int]] = {}
    text = doc_text(doc)
    filed = dateline(text)
    for tx in join_conjoined(doc, timexes):
        if tx.type not in ("DATE", "TIME") and tx.first is None and tx.last is None:
            continue
        if _birth_date(text, tx.start):
            continue  # '(DOB: 02/14/1977), was arrested': a date of birth dates no other event
        if filed is not None and filed.start <= tx.start < filed.end:
            continue  # 'SEOUL, Dec 14 (AP) —': the day the story was filed, not when its events happened
        posted = _POSTED.search(text, max(0, tx.start - 40), tx.start) is not None  # '— Jane Doe (@jdoe) November 5, 2016'
        span = _timex_span(doc, tx)
        root = _timex_root(doc, tx, span)
        if root is None or _than_offset(root) or _compared(root):
            continue
        # 'Saturday's shooting'; 'was shot in the chest Saturday, the sheriff's office announced'
        near = _adjacent_event(doc, span, root, triggers)
        near = _told_clause(root) if near is None else near
        near = _saying_day(root, tx) if near is None else near
        if near is not None:
            _keep(attached, near.i, tx, "posted" if posted else "within", 0)
            continue
        path: list[Token] = [root]
        cur = root
        for step in range(max_steps):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.i in triggers or cur.pos_ == "VERB":
                cur = reported_clause(cur, _CLOCK_VALUE.search(tx.value) is not None, root.i) or charging_verb(cur) or cur  # 'charged with murder on Monday'
            relation = "posted" if posted else _path_relation(path, tx)
            if cur.i in triggers and (crime := _crime_dated_after(cur, root, triggers)) is not None:
                _keep(attached, crime.i, tx, "within", step)  # 'charged Monday with murder in the death ... over the weekend'
                break
            if cur.i in triggers:
                _keep(attached, cur.i, tx, relation, step)
                if (verb := _object_phrase_verb(cur, root, triggers)) is not None:
                    _keep(attached, verb.i, tx, relation, step + 3)
                break
            if (cur.pos_ == "VERB" or cur.pos_ == "AUX" and (cur.dep_ in ("ROOT", "conj") or any(c.dep_ == "nsubj" for c in cur.children))) \
                    and cur.dep_ not in ("amod", "acl"):  # '... and is due in court Wednesday': a clause of its own
                # The expression dates a clause that is not an event itself ('In June, the
                # leadership had a falling out, and Pol Pot was arrested'): recorded on its
                # verb, so the events that share that clause's time inherit it.
                if cur.i not in attached or step < attached[cur.i][2]:
                    attached[cur.i] = (tx, relation, step)
                break
            path.append(cur)
    return {i: (tx, rel) for i, (tx, rel, _) in attached.items()}


def _keep(attached: dict[int, tuple[Timex, str, int]], i: int, tx: Timex, relation: str, step: int) -> None:
    """``tx`` governs the word at ``i`` unless an expression that governs it better is there."""
    prev = attached.get(i)
    if prev is None or _closer(tx, step, prev[0], prev[2]):
        attached[i] = (tx, relation, step)


_CLOCK_VALUE = re.compile(r"T\d\d:\d\d")  # a time of day by the clock, not a part of the day (TMO, TNI)
_BARE_CLOCK = re.compile(r"(?:(?:just |shortly |a little |right |sometime )?(?:after|before) |around |about |approximately |at |near ){0,2}"
                         r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)?|noon|midnight)", re.IGNORECASE)


def _explicitness(tx: Timex) -> int:
    """0: a day the text names ('on August 8', 'at 8:30 p.m. Saturday'); 1: another expression: a
    clock time with no day of its own ('around 11 p.m.', its day taken from the context), an
    approximate or a coarser one ('nearly 6 months ago')."""
    if tx.grain == "day" and tx.first is not None and tx.first == tx.last and tx.mod is None:
        return 0
    return 0 if tx.grain == "time" and not _BARE_CLOCK.fullmatch(tx.text.strip()) else 1


def _closer(tx: Timex, step: int, prev: Timex, prev_step: int) -> bool:
    """Whether ``tx`` (``step`` words up the parse) governs an event better than ``prev``: the
    nearer one, and of two about as near ('It happened at around 11 p.m. in Blytheville, on
    August 8', 'died nearly 6 months ago, on March 1') the one that names its day."""
    if abs(step - prev_step) <= 1 and _explicitness(tx) != _explicitness(prev):
        return _explicitness(tx) < _explicitness(prev)
    return step < prev_step
