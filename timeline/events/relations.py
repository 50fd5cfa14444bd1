"""Events dated by other events of the article: a definite mention that refers back to a
dated event of the same kind ("the talks"), and an event related by since / after / before /
until / during, a verb of sequence or a relative clause to a dated one.  ``date_triggers``
is the one dating entry point the product and the evaluation share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from spacy.tokens import Doc, Token

from timeline.dates.unresolved import RANGE, datable
from timeline.events.classes import event_class
from timeline.events.classes import lexicon as classes_lexicon
from timeline.events.dating import date_events
from timeline.events.discourse import place_by_discourse
from timeline.events.event_date import EventDate, lexicon, relation_of, relative_to_event
from timeline.events.headline import date_headline
from timeline.events.tense import tense_aspect
from timeline.events.triggers import synonym_classes, trigger_lexicon
from timeline.models import Timex


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss", "compound") and c.lower_ not in ("a", "an", "some", "several", "many")
               for c in tok.children)


_RECALL_DEPS = frozenset({"advcl", "relcl", "pcomp", "acl"})
_ANCHOR_GRAINS = frozenset({"day", "month"})


_QUANTIFIERS = frozenset({"all", "both", "several", "many", "some", "any", "no", "few", "numerous", "multiple"})


def _counted(tok: Token) -> bool:
    """'all three attacks', 'several bombings': a plural that counts several events."""
    return tok.tag_ == "NNS" and any(
        (c.dep_ in ("nummod", "predet", "det", "amod") and c.lower_ in _QUANTIFIERS)
        or (c.dep_ == "nummod" and c.like_num)  # 'three attacks'; not an ordinal ('the first talks')
        for c in tok.children)


def _refers_back(tok: Token) -> bool:
    """A mention that recalls a known event rather than telling a new one: a definite event
    noun ('the talks', 'his capture', 'Iraq's invasion') or a past verb in a subordinate
    clause ('when he was kidnapped', 'after being captured')."""
    if tok.lemma_.lower() in trigger_lexicon()["reporting_verbs"]:
        return False  # 'which it said': a new statement, not the one dated earlier
    if tok.pos_ == "NOUN":
        return _definite(tok) and not _counted(tok)
    return tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN") and tok.dep_ in _RECALL_DEPS


def resolve_anaphora(triggers: list[Token], dated: dict[int, EventDate]) -> dict[int, EventDate]:
    """'the talks', 'the Kunduz attack', 'when he was kidnapped': a mention that recalls an
    event and has no date of its own takes the date of the article's event of the same kind
    (lemma or synonym class) that a temporal expression dates."""
    classes = synonym_classes()
    anchors: dict[str, tuple[Token, EventDate]] = {}
    for t in triggers:  # the most precise dated mention of each kind: a day before a month
        lemma = t.lemma_.lower()
        cls, ed = classes.get(lemma, lemma), dated[t.i]
        if (ed.source == "timex" or ed.source == "context" and ed.timex is not None) and ed.first is not None and ed.last is not None and (ed.precision in _ANCHOR_GRAINS or ed.first == ed.last):
            if cls not in anchors or (ed.last - ed.first) < (anchors[cls][1].last - anchors[cls][1].first):
                anchors[cls] = (t, ed)
    out = dict(dated)
    for t in triggers:
        lemma = t.lemma_.lower()
        cls, ed = classes.get(lemma, lemma), dated[t.i]
        if cls in anchors and ed.source == "publication" and anchors[cls][0].i != t.i and _refers_back(t) \
                and _same_sense(t, anchors[cls][0]):
            src, a = anchors[cls]
            out[t.i] = replace(a, source="context",
                               explanation=f"'{t.text}' refers back to '{src.text}', dated by '{a.timex.text}'.")
    return _told_again(triggers, out)


def _clock(ed: EventDate) -> str:
    tx = ed.timex
    return tx.value[10:] if tx is not None and tx.type == "TIME" and len(tx.value) > 10 and tx.value[10] == "T" else ""


def _told_again(triggers: list[Token], dated: dict[int, EventDate]) -> dict[int, EventDate]:
    """A teaser or photo caption before the story ('Someone in an SUV opened fire about 9:10
    p.m.') has its clock time counted from the publication date; the story tells the same event
    again at the same clock time on the day it names ('... Wednesday night ... opened fire about
    9:10 p.m.'): the first telling takes that day."""
    out = dict(dated)
    for i, t in enumerate(triggers):
        ed = dated[t.i]
        clock = _clock(ed)
        if not clock or ed.source != "timex" or ed.timex.anchor_kind != "publication":
            continue
        lemma = t.lemma_.lower()
        later = next((u for u in triggers[i + 1:] if u.lemma_.lower() == lemma and _clock(dated[u.i]) == clock
                      and dated[u.i].first is not None and dated[u.i].first != ed.first), None)
        if later is not None:
            a = dated[later.i]
            why = (f"'{t.text}' at {ed.timex.text} is told again later in the article, on {a.first:%-d %b %Y} "
                   f"('{a.timex.text}'): the same event that day.")
            for u in triggers:  # and what shared the teaser's clock time ('opened fire')
                if dated[u.i].timex is ed.timex and dated[u.i].first == ed.first:
                    out[u.i] = replace(a, source="context", explanation=why)
    return out


def _shared(ed: EventDate, by: Token) -> EventDate:
    """``ed``, the date of the event ``by``, given to another event that shares its time."""
    return replace(ed, source="context", explanation=ed.explanation[:-1] + f" (shared with '{by.text}').")


def _coordinated(tok: Token, ids: set[int]) -> Token | None:
    """The clause coordinated after this one: its conjunct, or (as the parser often hangs both
    on the verb of saying) the next clause of the same kind under the same head after an 'and'
    ('X was killed and two others were wounded ..., police said')."""
    conj = next((c for c in tok.children if c.dep_ == "conj" and c.i in ids), None)
    if conj is not None or tok.dep_ not in ("ccomp", "conj") or tok.head.i == tok.i:
        return conj
    nxt = next((c for c in tok.head.children if c.i > tok.i and c.dep_ == tok.dep_), None)
    if nxt is None or nxt.i not in ids:
        return None
    joined = any(c.dep_ == "cc" and c.lower_ == "and" and tok.i < c.i < nxt.i for c in (*tok.children, *tok.head.children))
    return nxt if joined else None


def _harm(tok: Token) -> bool:
    """An attack or a casualty: the acts of one violent incident ('killed and wounded')."""
    return event_class(tok)[0] in ("violence", "casualties")


def _same_sense(a: Token, b: Token) -> bool:
    """One word in two senses is two kinds of event ('sniper fire' is no 'was fired' from a job)."""
    ca, cb = event_class(a)[0], event_class(b)[0]
    return not ca or not cb or ca == cb or a.lemma_.lower() != b.lemma_.lower()


ONE_DAY = timedelta(days=1)
_SHARE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "conj", "xcomp"})


def _crime_of(tok: Token, triggers: set[int]) -> Token | None:
    """'was charged with murder in the May 3 shooting', 'arrested in connection with Friday's
    shooting': the violent event a past justice event names by a charge preposition (through
    'murder in', 'connection with'), or None."""
    if event_class(tok)[0] != "justice" or tense_aspect(tok) not in (("past", "simple"), ("present", "perfect")):
        return None
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in classes_lexicon()["charge_prepositions"]]
    crime = None
    for _ in range(3):  # the innermost crime named: 'murder in the May 3 shooting' is the shooting
        nouns = [g for p in preps for g in p.children if g.dep_ == "pobj"]
        crime = next((g for g in nouns if g.i in triggers and _harm(g) and g.pos_ == "NOUN"), crime)
        preps = [c for g in nouns for c in g.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "with", "for")]
    return crime


def _related_event(tok: Token, triggers: set[int]) -> tuple[Token, str] | None:
    """'launched attacks since its emergence', 'rising after the Kunduz attack', 'rose after
    he was arrested': (the other event, relation) named by a preposition or a subordinating
    marker of this trigger."""
    words = lexicon()["event_relation_words"]
    if tok.lemma_.lower() in lexicon()["casualty_lemmas"]:
        words = words | {"in", "at"}  # 'killed in the attack': harm happens in the event that causes it
    if tok.lemma_.lower() in lexicon()["future_governors"]:
        return None  # 'promised to hold a vote after the election': the phrase dates the promised event
    if (crime := _crime_of(tok, triggers)) is not None:
        return crime, "response"
    for c in tok.children:
        if c.lower_ == "since" and _superlative_before(tok, c):
            continue  # 'the first talks since America withdrew': the phrase counts talks, not dates them
        if c.dep_ == "prep" and c.lower_ in words:
            for g in c.children:
                if g.i in triggers and (g.dep_ == "pobj" or (g.dep_ == "pcomp" and g.tag_ in ("VBD", "VBN"))):
                    return g, relation_of(c.lower_) or "within"
        if c.dep_ == "prep" and c.lower_ == "in" and (occasion := _occasion_of(tok, c, triggers)) is not None:
            return occasion, "within"
        if c.dep_ == "advcl" and c.i in triggers:
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in words), None)
            if mark is not None and not (mark.lower_ == "since" and _superlative_before(tok, mark)):
                return c, relation_of(mark.lower_) or "within"
    return None


_OCCASION_CLASSES = frozenset({"violence", "casualties", "disaster", "politics", "incident"})


def _occasion_of(tok: Token, prep: Token, triggers: set[int]) -> Token | None:
    """'seized power in a 2020 coup', 'was elected in the 2019 election', 'was destroyed in the
    fire': the event an act of a class analysts list happens in (an incident or a change of power),
    or None; not what a justice event names ('arrested in the shooting': the arrest came after it)."""
    if event_class(tok)[0] in ("", "justice"):
        return None  # 'awaiting trial in the June 28 abduction': no act of its own in it
    return next((g for g in prep.children if g.dep_ == "pobj" and g.i in triggers and g.pos_ == "NOUN"
                 and event_class(g)[0] in _OCCASION_CLASSES), None)


def _modifier_side(tok: Token) -> tuple[str, str] | None:
    """'past wars', 'recent attacks' -> ('past', word); 'the upcoming elections' -> ('future',
    word): an adjective of an event noun that places it before or after publication."""
    if tok.pos_ != "NOUN":
        return None
    lex = lexicon()
    for c in tok.children:
        if c.dep_ == "amod" and c.i < tok.i:
            if c.lower_ in lex["past_modifiers"]:
                return "past", c.text
            if c.lower_ in lex["future_modifiers"]:
                return "future", c.text
    return None


_SEQUENCE_UNITS = {"day": 1, "week": 7}


def _sequenced_by(tok: Token, ids: set[int]) -> tuple[Token, str, int | None] | None:
    """'the talks follow / come after two days of discussions': (the subject event, 'before' or
    'after' it, the length in days given by 'N days of') for an event noun that a verb of
    sequence orders against its subject."""
    from timeline.dates.timex_rules import number

    cur, days = tok, None
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _SEQUENCE_UNITS:
        unit = tok.head.head
        n = next((number(c.text) for c in unit.children if c.dep_ == "nummod"), None)
        days = n * _SEQUENCE_UNITS[unit.lemma_.lower()] if isinstance(n, int) and 0 < n <= 366 else None
        cur = unit
    if cur.dep_ == "dobj":
        verb, marker = cur.head, None
    elif cur.dep_ == "pobj" and cur.head.lower_ in ("after", "before"):
        verb, marker = cur.head.head, cur.head.lower_
    else:
        return None
    lemma = verb.lemma_.lower()
    if lemma not in lexicon()["sequence_verbs"]:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i in ids), None)
    if subject is None:
        return None
    later = marker == "after" or (marker is None and lemma in ("follow", "succeed", "cap", "top"))
    earlier = marker == "before" or (marker is None and lemma == "precede")
    if later == earlier:
        return None
    return subject, "before" if later else "after", days  # the object is before a later subject


def _superlative_before(tok: Token, marker: Token) -> bool:
    """'the first direct talks since ...', 'the deadliest attack since 2001': an ordinal or a
    superlative between the trigger and 'since' makes the phrase a count, not a start."""
    lo, hi = sorted((tok.i, marker.i))
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "last", "only") for t in tok.doc[lo:hi])


def _subject_relative_of_dated_event(tok: Token, dated: dict[int, EventDate], ids: set[int]) -> Token | None:
    """'a suicide bombing that killed 46 people ... yesterday': a past verb of a relative
    clause whose subject is the event noun it describes happens with that event; so does a
    past verb whose subject is a dated event noun ('The attack killed 46 worshippers', 'The
    shooting left him in critical condition'), a statement excepted ('the report said')."""
    head = tok.head
    if tok.tag_ != "VBD":
        return None
    if tok.dep_ != "relcl" or not any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in tok.children):
        head = next((c for c in tok.children if c.dep_ == "nsubj"), tok)
        if tok.lemma_.lower() in lexicon()["reporting_lemmas"]:
            return None
    if head.i not in ids or head.pos_ != "NOUN":
        return None
    ed = dated[head.i]
    ok = ed.source in ("timex", "context") and ed.first is not None and ed.first == ed.last
    return head if ok else None


def _sequenced_date(tok: Token, seq: tuple[Token, str, int | None], anchor: EventDate) -> EventDate | None:
    """The date of an event that a dated one follows or precedes, for ``relate_to_events``."""
    other, side, days = seq
    span = "" if anchor.first is None else (str(anchor.first) if anchor.first == anchor.last or anchor.last is None
                                            else f"{anchor.first} to {anchor.last}")
    what = f"'{other.text}' ({span})"
    if side == "before" and anchor.first is not None:
        end = anchor.first - ONE_DAY
        if days:
            first = end - timedelta(days=days - 1)
            return EventDate(first, end, "day", "context", f"beginPoint={first}endPoint={end}",
                             f"The {days} days just before {what}, which follow them.", anchor.timex)
        return EventDate(None, end, "unknown", "context", f"before{anchor.first}", f"Before {what}, which follow it.",
                         anchor.timex)
    if side == "after" and anchor.last is not None:
        start = anchor.last + ONE_DAY
        if days:
            last = start + timedelta(days=days - 1)
            return EventDate(start, last, "day", "context", f"beginPoint={start}endPoint={last}",
                             f"The {days} days just after {what}, which precede them.", anchor.timex)
        return EventDate(start, None, "unknown", "context", f"after{anchor.last}", f"After {what}, which precede it.",
                         anchor.timex)
    return None


def relate_to_events(triggers: list[Token], dated: dict[int, EventDate], published) -> dict[int, EventDate]:
    """An event dated only by its tense that a preposition or marker relates to a dated event
    of the article ("since its emergence in 2014") is placed against that event; its object,
    subject or conjunct with no date of its own shares the result ("launched attacks")."""
    ids, out = {t.i for t in triggers}, dict(dated)
    for t in triggers:
        if dated[t.i].source != "publication":
            continue
        new = None
        noun = _subject_relative_of_dated_event(t, out, ids)
        side = _modifier_side(t)
        seq = _sequenced_by(t, ids) if t.pos_ == "NOUN" else None
        if seq is not None and out[seq[0].i].source in ("timex", "context") and out[seq[0].i].first is not None:
            new = _sequenced_date(t, seq, out[seq[0].i])
        elif side is not None and published is not None:
            mod = side[1]
            new = (EventDate(None, published - ONE_DAY, "unknown", "context", f"before{published.isoformat()}",
                             f"'{mod} {t.text}': before the publication date.")
                   if side[0] == "past" else
                   EventDate(published + ONE_DAY, None, "unknown", "context", f"after{published.isoformat()}",
                             f"'{mod} {t.text}': after the publication date."))
        elif noun is not None:
            tx = out[noun.i].timex
            by = f", dated by '{tx.text}' ({tx.value})." if tx is not None else "."
            new = replace(out[noun.i], source="context",
                          explanation=f"Happened with '{noun.text}', the event its clause describes{by}")
        elif (found := _related_event(t, ids)) is not None:
            other, relation = found
            anchor = out[other.i]
            if anchor.source in ("timex", "context") and anchor.first is not None and anchor.last is not None:
                new = relative_to_event(relation, anchor, other.text, tense_aspect(t)[0], published)
        if new is not None:
            out[t.i] = new
            for c in t.children:  # not a conjunct in another tense ('happened ..., and police are no longer looking')
                if c.i in ids and c.dep_ in _SHARE_DEPS and out[c.i].source == "publication" \
                        and (c.dep_ != "conj" or tense_aspect(c)[0] == tense_aspect(t)[0]):
                    out[c.i] = replace(new, explanation=new.explanation[:-1] + f" (shared with '{t.text}').")
    for t in triggers:  # 'a bombing on Friday that killed 46 and injured dozens': a conjunct shares
        head = t.head  # the time of a verb that itself took its date from its clause or noun
        if (t.dep_ == "conj" and head.i in ids and out[t.i].source == "publication" and t.tag_ == head.tag_ == "VBD"
                and out[head.i].source == "context" and t.lemma_.lower() not in lexicon()["reporting_lemmas"]):
            ed = out[head.i]
            out[t.i] = replace(ed, explanation=ed.explanation[:-1] + f" (shared with '{head.text}').")
    for t in triggers:  # 'a man was killed and two others were wounded in a shooting late Saturday'
        conj = _coordinated(t, ids)
        if conj is not None and out[t.i].source == "publication" and _harm(t) and _harm(conj) \
                and t.tag_ in ("VBD", "VBN") and conj.tag_ in ("VBD", "VBN") \
                and out[conj.i].source in ("timex", "context") and out[conj.i].first is not None \
                and out[conj.i].first == out[conj.i].last:
            out[t.i] = _shared(out[conj.i], conj)
    future = lexicon()["future_governors"]
    for t in triggers:  # 'lawmakers voted to lift the order about two hours later': the vote was then too
        goal = next((c for c in t.children if c.dep_ == "xcomp" and c.i in ids and c.i > t.i), None)
        if goal is not None and out[t.i].source == "publication" and t.pos_ == "VERB" and t.tag_ == "VBD" \
                and t.lemma_.lower() not in future and out[goal.i].source == "timex" and published is not None \
                and out[goal.i].first is not None and out[goal.i].first == out[goal.i].last < published:
            out[t.i] = _shared(out[goal.i], goal)
    support = trigger_lexicon()["support_verbs"]
    for t in triggers:  # 'concluded negotiations ... on Friday', the parser giving Friday to the negotiations:
        obj = next((c for c in t.children if c.dep_ == "dobj" and c.i in ids), None)  # a support verb's event is its object's
        if obj is not None and t.lemma_.lower() in support and out[t.i].source == "publication" \
                and out[obj.i].source == "timex":
            out[t.i] = _shared(out[obj.i], obj)
    return out


def date_triggers(doc: Doc, triggers: list[Token], timexes: Sequence[Timex], published) -> dict[int, EventDate]:
    """Token index -> EventDate: the parse, tense and rules (``event_dates``), then mentions
    that refer back to a dated event of the article, then events related by a preposition to
    a dated one, then undated events by their discourse (``discourse``).  The product and the
    evaluation both date events with this function."""
    usable = [t for t in timexes if datable(t.first) and datable(t.last)]  # unresolved.py: a year's margin
    p = published if datable(published) else None  # year 1 or 9999: no day before or after to count
    dated = relate_to_events(triggers, resolve_anaphora(triggers, date_events(doc, triggers, usable, p)), p)
    if p is None and published is not None:
        why = f"The publication date {published} is too near the edge of the calendar to count from ({RANGE})."
        dated = {i: replace(ed, explanation=why) if ed.source == "none" else ed for i, ed in dated.items()}
    return date_headline(triggers, place_by_discourse(triggers, dated, p), p)
