"""What is a timeline event, and how much it matters (issue 16).

A *mention* is every event word the extractor finds.  A *timeline event* is a mention an
analyst would list: something that happened (or is scheduled, with a date of its own),
stated as fact.  ``mention_role`` reads the parse around a trigger and says which class of
event it is and, for a mention that is not a timeline event, why not (``timeline_note``):

- a speech act that only introduces another event ("Shaheen said: ...", "she said");
- a stance, mental state or state ("have indicated flexibility", "is seen as", "the biggest
  threat"), or a generic statement (present simple, no date of its own);
- negated ("were not authorized to speak"), except a stated refusal ("will not work with
  the US": the refusal is the event, on the publication day);
- hypothetical ("would work", "could attack") or future with no date of its own;
- a minor event: of no class analysts list (``event_salience.yaml``) and with no date in the
  text ("spent several weeks in a tent", "sent a letter");
- a fragment: an undated infinitive goal ("to strike American targets"), a participle that
  only describes its clause's main event ("offering prayers"), an event noun with nothing
  of its own (a bare "claim", "evacuation"), or the object of a support verb whose event
  it is ("launched [attacks]").

``rank_events`` then scores each of an article's events (``salience`` in [0, 1]) from general
signals: the event's class (``resources/en/event_salience.yaml``), its position (headline and
lead first), a date of its own, named participants and repetition of its kind in the
article; and numbers them (``rank`` 1 = the lead event: what the article reports).
Off-timeline mentions rank after every timeline event.  Pure over the parse: no store, no UI.
"""

from __future__ import annotations

from spacy.tokens import Token

from timeline.events.classes import event_class, subject_event, trigger_key
from timeline.events.classes import lexicon as _lexicon
from timeline.events.event_date import lexicon as dating_lexicon
from timeline.events.event_date import relation_of
from timeline.events.features import polarity_modality
from timeline.events.tense import tense_aspect
from timeline.events.triggers import emergency_call, is_trigger, phase_of, trigger_lexicon
from timeline.models import Event

_CLAUSES = frozenset({"ccomp", "parataxis", "xcomp"})
_DESCRIPTIVE = frozenset({"advcl", "acl", "xcomp", "amod", "npadvmod"})
_GERUND_DEPS = frozenset({"pobj", "pcomp", "conj", "dobj"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "amod", "prep", "agent",
                            "nummod", "acl", "relcl", "appos", "nmod"})


def _has_clause(tok: Token) -> bool:
    """It takes a clause or a quotation of its own ('said [that ...]', 'told AP: ...')."""
    if any(c.dep_ in _CLAUSES for c in tok.children):
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    after = tok.doc[tok.i + 2] if tok.i + 2 < len(tok.doc) else None
    return any(t is not None and t.text in (":", "“", '"') for t in (nxt, after))


def _states_a_plan(tok: Token) -> bool:
    """'Khrushchev announced that the missiles would be dismantled', 'the ministry confirmed it
    will close the border': what is said is a plan or a possibility, off the timeline, so the
    announcement is the event."""
    return any(c.dep_ == "ccomp" and polarity_modality(c)[1] != "asserted" for c in tok.children)


def _own_plan(tok: Token) -> str:
    """The class of the plan a speaker states as its own ('Nvidia said it would buy Mellanox':
    economy; 'his lawyers said they would appeal'), '' for none ('police said the man would be
    charged' is a report on another): the statement is the event an analyst lists."""
    speaker = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    for c in tok.children if speaker is not None else ():
        doer = next((g for g in c.children if g.dep_ == "nsubj"), None) if c.dep_ == "ccomp" else None
        if doer is not None and polarity_modality(c)[1] != "asserted" and (
                doer.lower_ in ("it", "they", "we", "he", "she") or doer.lemma_ == speaker.lemma_):
            return event_class(c)[0]
    return ""


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in tok.children)


def _governor(tok: Token) -> Token | None:
    """The verb an event noun is the object of, through a conjunction and a preposition
    ('include reining in ... and the evacuation', 'focused on the withdrawal')."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
        cur = cur.head
    if cur.dep_ in ("dobj", "prep", "attr", "xcomp", "pcomp") and cur.head.pos_ in ("VERB", "AUX"):
        return cur.head
    return None


def _named_by_copula(tok: Token) -> bool:
    """'was one of four teenagers gunned down that night': a participle whose clause has no
    event verb, only a copula, is that clause's event, not a description of another."""
    if tok.dep_ != "acl":
        return False
    cur = tok.head
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    return cur.pos_ == "AUX"


def _in_sequence(tok: Token) -> bool:
    """A gerund placed in time against another event ('was shot after fighting back', 'left before
    dawn after cleaning the house'): something that happened, not a topic.  'by' tells the manner
    ('by shooting'); a state placed after it ('was nervous after fighting between ...') is no
    event to place it against."""
    head = tok.head
    return tok.dep_ in ("pcomp", "pobj") and head.lower_ != "by" and relation_of(head.lower_) in ("before", "after") \
        and head.head.pos_ == "VERB"


def scheduled_event(verb: Token) -> Token | None:
    """The event noun a scheduling verb puts on the calendar ('A hearing was set for June 12':
    'hearing'), its passive subject of an event class; or None."""
    if verb.pos_ != "VERB" or not {verb.lemma_.lower(), verb.lower_} & _lexicon()["scheduling_verbs"]:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN" and event_class(c)[0]), None)


def _fragment(tok: Token, own_date: bool) -> str:
    """Why the mention is a fragment of another event, or ''."""
    if (scheduled := scheduled_event(tok)) is not None:
        return f"the schedule of '{scheduled.text}', the event listed for that day"
    if tok.dep_ == "nsubjpass" and (sched := scheduled_event(tok.head)) is not None and sched.i == tok.i:
        return ""  # 'A hearing was set for June 12': the hearing is the event of June 12
    if own_date or tok.pos_ == "ADJ":  # an adjective trigger ('due in court') has its copula's arguments
        return ""
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ == "xcomp" and (phase := phase_of(tok.head)) is not None and phase.i == tok.i:
            return ""  # 'began shooting at them', 'continued to shell the city': the event its phase verb tells
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if infinitive:
            return "an undated goal or intention ('to ...'), not something that happened"
        bare = not any(c.dep_ in ("aux", "auxpass") for c in tok.children) and not _has_subject(tok)
        if tok.tag_ in ("VBG", "VBN") and bare and tok.dep_ in _DESCRIPTIVE and event_class(tok)[0] != "casualties":
            return "a participle describing its clause's main event"
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "while" for c in tok.children):
            return "a circumstance ('while ...') of its clause's main event"
        if tok.tag_ == "VBG" and bare and tok.dep_ in _GERUND_DEPS and not _in_sequence(tok):
            return "a gerund naming a topic ('issues such as evacuating ...'), not something that happened"
        return ""
    governor = _governor(tok)
    if governor is not None and governor.lemma_.lower() in _lexicon()["preventing_verbs"]:
        return f"kept from happening ('{governor.text} ...'): not something that happened"
    if governor is not None and governor.lemma_.lower() in _lexicon()["topic_verbs"]:
        return f"a topic ('{governor.text} ...'), not something that happened"
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in trigger_lexicon()["support_verbs"]:
        return f"part of the event of '{tok.head.text}'"
    if tok.dep_ == "nsubj" and is_trigger(tok.head) and (told := subject_event(tok.head)) is not None and told.i == tok.i:
        return f"the event '{tok.head.text}' tells: one event with it"
    if not any(c.dep_ in _ARGUMENT_DEPS for c in tok.children):
        return "an event noun with nothing of its own (no participant, place or date)"
    if tok.tag_ == "NNS" and all(c.dep_ in ("amod", "det") for c in tok.children) and \
            not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children):
        return "a plural event noun with no participant or place: events in general ('past wars'), not one event"
    return ""


def names_an_incident(tok: Token) -> bool:
    """The event is of a class of harm (``incident_classes``: violence, casualties, incident, disaster)."""
    return event_class(tok)[0] in _lexicon()["incident_classes"]


def answered_by(tok: Token) -> Token | None:
    """The emergency response an incident noun is the object of ('responded to a shooting',
    'got a call for a shooting': event_dating.yaml ``response_lemmas``), or None."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or not names_an_incident(tok):
        return None
    answer = tok.head.head
    return answer if answer.lemma_.lower() in dating_lexicon()["response_lemmas"] else None


def charging_verb(tok: Token) -> Token | None:
    """The justice verb whose crime the event noun names ('charged with murder': 'charged'),
    or None; not for a crime with its own day before it ('for the April 7 shooting')."""
    prep = tok.head
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or prep.lower_ not in _lexicon()["charge_prepositions"]:
        return None
    verb = prep.head
    if verb.i == prep.i or event_class(verb)[0] != "justice" or any(t.ent_type_ in ("DATE", "TIME") for t in tok.lefts):
        return None
    return None if prep.lower_ == "in" and _dated_after_its_phrase(tok) else verb


def _dated_after_its_phrase(tok: Token) -> bool:
    """'charged in the shooting of a woman outside a bar early Sunday': the day the parse hangs
    on the incident noun after what the noun's phrase says of it is the incident's."""
    rights = list(tok.rights)
    return any(c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") and any(
        r.dep_ in ("prep", "acl", "relcl") and r.i < c.i for r in rights) for c in rights)


def _charge(tok: Token) -> str:
    """Why an event noun is the crime a justice event names ('charged with murder'), or ''."""
    verb = charging_verb(tok)
    return "" if verb is None else f"the crime that '{verb.text}' names, not an event of its own"


def mention_role(tok: Token, polarity: str, modality: str, date_source: str, headline: bool = False,
                 future_only: bool = False) -> tuple[str, str]:
    """(event class, timeline_note) of a trigger: the note is '' for a timeline event and
    otherwise says in a few words why the mention stays off the timeline.  ``future_only``:
    its dating puts it after the publication date ('to avert economic collapse')."""
    lex = _lexicon()
    cls, _ = event_class(tok)
    key, lemma = trigger_key(tok), tok.lemma_.lower()
    own_date = date_source == "timex"
    tense, aspect = tense_aspect(tok) if tok.pos_ in ("VERB", "AUX") else ("none", "simple")
    if polarity == "negative":
        if modality == "future" and tok.pos_ == "VERB" and _has_subject(tok):
            return "decision", ""  # 'We will not work with the United States': a refusal, stated on its day
        return cls, "negated: the text says it did not or will not happen"
    if modality == "possible":
        return cls, "hypothetical ('would', 'could', 'may'): not stated as fact"
    if tok.pos_ in ("VERB", "AUX"):
        if lemma in lex["always_speech"] and (plan := _own_plan(tok)):
            return plan, ""  # 'Nvidia said it would buy Mellanox': the announced plan
        if lemma in lex["always_speech"] or (lemma in lex["speech_acts"] and _has_clause(tok) and not _states_a_plan(tok)):
            return "speech", "a speech act: what was said is its own event"
        objects = [c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"]
        # a particle makes another verb: 'showed up at the hospital' is no stance ('show' alone may be)
        if (key in lex["stance"] and not cls) or any(o in lex["stance_nouns"] for o in objects):
            return cls, "a stance or mental state, not something that happened"
        if lemma in lex["states"] and not own_date:
            return cls, "a state, not an event"
        if modality == "future" and not own_date:
            return cls, "future, with no date of its own"
        if tense == "present" and aspect == "simple" and not own_date and not headline and tok.dep_ != "relcl":
            return cls, "a generic statement (present tense, no date of its own)"
    elif lemma in lex["stance_nouns"] or tok.lower_ in lex["stance_nouns"]:
        return cls, "a stance or mental state, not something that happened"
    elif tok.dep_ == "attr" and any(c.ent_type_ == "ORDINAL" for c in tok.children):
        return cls, "a count of events ('the city's 12th homicide this year'), not an event of its own"
    elif modality == "future" and not own_date:
        return cls, "future, with no date of its own"
    if future_only and not own_date:
        return cls, "future, with no date of its own"
    # 'got a call for a shooting around 7 p.m. Tuesday': the incident, and the call, have the day of its clause
    fragment = _charge(tok) or _fragment(tok, own_date or date_source == "context" and (
        answered_by(tok) is not None or emergency_call(tok) or _named_by_copula(tok)))
    if not fragment and not cls and date_source not in ("timex", "context"):
        return cls, "a minor event: of no class an analyst lists, with no date in the text"
    return cls, fragment


# Weights of the salience signals (they sum to 1; the class weight multiplies the sum).
POSITION_WEIGHT, DATE_WEIGHT, ACTOR_WEIGHT, REPEAT_WEIGHT, DAY_WEIGHT = 0.45, 0.15, 0.15, 0.1, 0.15
OFF_TIMELINE_FACTOR = 0.3
FUTURE_FACTOR = 0.6  # what is still to come ('is due in court Feb. 7', 'will meet') ranks after what happened


def _position(sentence_index: int, headline: bool) -> float:
    if headline or sentence_index == 0:
        return 1.0
    return max(0.2, 1.0 / (1.0 + 0.12 * sentence_index))


def _day_support(events: list[Event]) -> dict:
    """Day -> share of the article's text-dated timeline events on that day (the best day 1.0):
    the day the story is about gathers the events that tell it."""
    count: dict = {}
    for ev in events:
        if ev.on_timeline and ev.date_source in ("timex", "context") and ev.date_start and ev.date_start == ev.date_end:
            count[ev.date_start] = count.get(ev.date_start, 0) + 1
    top = max(count.values(), default=0)
    return {day: n / top for day, n in count.items()}


def _date_signal(ev: Event) -> float:
    """1 for a date of its own sentence ('were killed ... when a driver slammed into a minivan late
    Saturday' too), 0.5 for one the discourse gives it, 0 for none."""
    if ev.date_source == "timex" or (ev.date_source == "context" and ev.date_char_start is not None
                                     and ev.sentence_start <= ev.date_char_start < ev.sentence_end):
        return 1.0
    return 0.5 if ev.date_source == "context" else 0.0


def rank_events(events: list[Event], headline_sentences: frozenset[int] = frozenset()) -> list[Event]:
    """The article's events with ``salience`` and ``rank`` set (text order kept)."""
    lex = _lexicon()
    kinds: dict[str, int] = {}
    for ev in events:
        if ev.on_timeline:
            kinds[ev.event_class or ev.lemma] = kinds.get(ev.event_class or ev.lemma, 0) + 1
    support = _day_support(events)
    scored = []
    for ev in events:
        weight = lex["weights"].get(ev.event_class, lex["default"])
        named = {a.id for a in ev.actors}
        day = support.get(ev.date_start, 0.0) if ev.date_start and ev.date_start == ev.date_end else 0.0
        score = (POSITION_WEIGHT * _position(ev.sentence_index, ev.sentence_index in headline_sentences)
                 + DATE_WEIGHT * _date_signal(ev)
                 + ACTOR_WEIGHT * min(1.0, len(named) / 2)
                 + REPEAT_WEIGHT * min(1.0, (kinds.get(ev.event_class or ev.lemma, 1) - 1) / 3)
                 + DAY_WEIGHT * day)
        score *= weight
        if ev.modality == "future":
            score *= FUTURE_FACTOR
        if not ev.on_timeline:
            score *= OFF_TIMELINE_FACTOR
        scored.append(round(score, 4))
    order = sorted(range(len(events)), key=lambda i: (not events[i].on_timeline, -scored[i],
                                                      events[i].sentence_index, events[i].trigger_start))
    order = _incident_first(events, order, lex["incident_classes"], lex["follow_up_classes"])
    rank = {i: r + 1 for r, i in enumerate(order)}
    return [_ranked(ev, scored[i], rank[i]) for i, ev in enumerate(events)]


def _ranked(ev: Event, salience: float, rank: int) -> Event:
    """``replace(ev, salience=salience, rank=rank)`` without re-running the dataclass's
    ``__init__`` over its 38 fields (a third of the time: it runs for every event)."""
    new = object.__new__(Event)  # what copy.copy does for a dataclass, without its reduce protocol
    new.__dict__.update(ev.__dict__, salience=salience, rank=rank)
    return new


def _incident_first(events: list[Event], order: list[int], harm: frozenset[str], follow_up: frozenset[str]) -> list[int]:
    """``order`` with the incident first when the first event dated to one day is a follow-up
    (an arrest, a charge: ``follow_up_classes``) and an incident (``incident_classes``) is
    dated to an earlier day: the charge is told because of it (event_salience.yaml).  So too
    a death after the violence its sentence dates to an earlier day ('died Tuesday after being
    shot Monday night'): the shooting is the incident."""
    def day(i: int):
        ev = events[i]
        return ev.date_start if ev.on_timeline and ev.date_start and ev.date_start == ev.date_end else None

    dated = [i for i in order if day(i) is not None]
    if dated and events[dated[0]].event_class == "casualties":
        first = events[dated[0]]
        cause = next((i for i in dated if events[i].event_class == "violence" and day(i) < day(dated[0])
                      and events[i].sentence_index == first.sentence_index), None)
        return order if cause is None else [cause, *(i for i in order if i != cause)]
    if not dated or events[dated[0]].event_class not in follow_up:
        return order
    lead = next((i for i in dated if events[i].event_class in harm and day(i) < day(dated[0])), None)
    return order if lead is None else [lead, *(i for i in order if i != lead)]
