"""Event dating from the parse: the interval of days on which each event happened.

``attach_timexes`` (``events/attach.py``) links each trigger to the temporal expression that
governs it with the relation between them;
``dating_cues`` reads a trigger's ``Cues`` (that expression, tense and aspect, reporting,
state, headline); ``date_events`` decides each trigger's ``EventDate`` with the pure rules
of ``event_date`` refined by the learned template table (``features`` + ``templates``).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from timeline.dates.timex_rules import number
from timeline.dates.tree import doc_text, subtree
from timeline.events.attach import attach_timexes, join_conjoined
from timeline.events.event_date import Cues, EventDate, decide, lexicon, relation_of
from timeline.events.features import event_features
from timeline.events.salience import answered_by, names_an_incident
from timeline.events.templates import choose, refine
from timeline.events.tense import tense_aspect
from timeline.events.triggers import trigger_lexicon
from timeline.models import Timex

_ONE_DAY = frozenset({"day", "time"})  # a date or a time of day names one day
_INHERIT_DEPS = frozenset({"conj", "relcl", "acl", "xcomp", "advcl", "pcomp", "dobj", "nsubj", "nsubjpass", "acomp",
                           "pobj", "appos", "compound", "attr", "oprd", "npadvmod"})


def dating_cues(tok: Token, attached: dict[int, tuple[Timex, str]], triggers: set[int]) -> Cues:
    lex = lexicon()
    lemma = tok.lemma_.lower()
    tense, aspect = tense_aspect(tok)
    noun = tok.pos_ in ("NOUN", "PROPN")
    head = _governing_event(tok, triggers)
    if (noun or tense == "none") and head is not None and head.i != tok.i:
        tense2, aspect2 = tense_aspect(head)
        if tense == "none":
            tense, aspect = tense2, aspect2
    timex, relation, via = None, "within", ""
    if tok.i in attached:
        timex, relation = attached[tok.i]
    elif noun and (found := _clause_timex(tok, attached)) is not None:
        (timex, relation), via = attached[found.i], found.text  # 'a shooting that left a man dead Thursday'
    elif head is not None and head.i in attached and not _is_reporting(head):
        timex, relation = attached[head.i]
        via = head.text
        if relation == "within" and (timex.end <= tok.left_edge.idx and _follows_from(tok, head)
                                     or _done_to(tok, triggers) and head.pos_ != "AUX"
                                     and (timex.end <= tok.left_edge.idx or _passive(tok))):
            earlier = _days_earlier(tok, timex) if _follows_from(tok, head) else None
            if earlier is not None:
                timex = earlier  # 'arrested Thursday ..., a day after he shot his friend': Wednesday
            else:
                relation = "by"  # 'hunting a suspect on Monday after he shot two officers': the shooting came first
        elif relation == "within" and _names_the_case(tok, head):
            relation = "by"  # 'a homicide investigation on Wednesday': the homicide came first
    elif noun and (answer := _response_to(tok, attached)) is not None:
        (timex, relation), via = attached[answer.i], answer.text  # 'responded to a shooting at 7 p.m. Tuesday'
    elif (occasion := _dated_occasion(tok, attached)) is not None:
        (timex, relation), via = attached[occasion.i], occasion.text  # 'In a July 16 press conference, Jobs said'
    elif (scene := _scene_of_when(tok, attached)) is not None:
        (timex, relation), via = attached[scene.i], scene.text
    elif not noun and (when := _when_clause(tok, attached)) is not None:
        (timex, relation), via = attached[when.i], when.text
    elif not noun and lemma in lex["aspectual_governors"]:
        # 'began to fall apart in mid-1996': the phase verb happens when its complement does
        comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i in attached), None)
        if comp is not None:
            (timex, relation), via = attached[comp.i], comp.text
    if timex is not None and timex.value == "PRESENT_REF" and relation == "within" \
            and _before_now(tok, tense, aspect, noun and bool(via) and names_an_incident(tok)):
        timex, relation, via = None, "within", ""  # '18 people were shot ... now': the count is now, not the shootings
    return Cues(tense=tense, aspect=aspect, reporting=reports(tok),
                state=lemma in lex["state_lemmas"] or tok.pos_ == "ADJ", timex=timex, relation=relation,
                inherited_from=via,
                period=lemma in lex["period_lemmas"] and not noun and _measures_quantity(tok),
                headline=in_headline(tok))


def _before_now(tok: Token, tense: str, aspect: str, inherited_noun: bool) -> bool:
    """'now' or 'currently' tells the present state, not the day of a past event: a past or
    perfect verb ('were shot', 'has suffered'), a participle that describes a participant ('a
    man wounded in Austin is now ...'), an incident noun under a present verb ('the shooting is now
    under review').  'held up until now' keeps it: there 'now' ends the event."""
    return tense == "past" or aspect == "perfect" or inherited_noun \
        or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "amod"))


def in_headline(tok: Token) -> bool:
    """The token is in the article's headline: a first line of its own, of at most 20 words,
    that does not end with a full stop, with more text after it."""
    return tok.idx < _headline_end(tok.doc)


def _headline_end(doc: Doc) -> int:
    """Character offset where the headline ends (0: no headline).  Computed once per Doc:
    ``Doc.text`` re-joins every token, far too slow to read per trigger."""
    key = "timeline_headline_end"
    if key not in doc.user_data:
        text = doc_text(doc)
        start = len(text) - len(text.lstrip())
        end = text.find("\n", start)
        line = text[start:end].strip() if end >= 0 else ""
        ok = end >= 0 and bool(text[end:].strip()) and 0 < len(line.split()) <= 20 and not line.endswith((".", "!"))
        doc.user_data[key] = end if ok else 0
    return doc.user_data[key]


_QUANTITY_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _measures_quantity(tok: Token) -> bool:
    """'added 358,000 jobs', 'rose 4 cents', 'remained at 4.7 percent': a number among the
    verb's own arguments (not in a clause it embeds) makes it a measured change."""
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "ccomp", "advcl", "relcl", "conj", "xcomp"):
            continue
        if any(t.ent_type_ in _QUANTITY_ENTS or t.like_num for t in subtree(child)):
            return True
    return False


def _clause_timex(tok: Token, attached: dict[int, tuple[Timex, str]]) -> Token | None:
    """'a bombing that killed 46 ... yesterday': an event noun takes the day of the relative
    clause that describes it."""
    stack = [(c, 0) for c in tok.children if c.dep_ in ("relcl", "acl")]
    while stack:
        cur, depth = stack.pop(0)
        if _dated_day(cur, attached):
            return cur
        if depth < 2:
            stack.extend((c, depth + 1) for c in cur.children if c.dep_ in ("conj", "advcl"))
    return None


def _response_to(tok: Token, attached: dict[int, tuple[Timex, str]]) -> Token | None:
    """'Officers responded to a shooting at 7 p.m. Tuesday', 'got a call for a shooting around
    7 p.m.': the incident an emergency response answers (event_dating.yaml ``response_lemmas``)
    happened on the day of the response, dated within a day; the response, or the verb whose
    object the call is."""
    answer = answered_by(tok)
    if answer is None:
        return None
    for cand in (answer, answer.head) if answer.pos_ == "NOUN" and answer.dep_ == "dobj" else (answer,):
        if _dated_day(cand, attached):
            return cand
    return None


def _when_clause(tok: Token, attached: dict[int, tuple[Timex, str]]) -> Token | None:
    """'will wear the livery of Singapore Airlines when it arrives on November 11': an event
    with a 'when' clause dated within a day happens then; so does the first of two coordinated
    clauses the clause ends ('Two people were killed and three were injured when a driver
    slammed into a minivan late Saturday')."""
    kids = list(tok.children)
    ends = [g for c in kids if c.dep_ == "conj" and c.tag_ == tok.tag_ for g in c.children if g.i > c.i]
    # the clause's verb, or the participle its copula takes ('when her sister was pistol-whipped ... Sunday')
    dated = (d for c in (*kids, *ends) if _when(c)
             for d in (c, *(g for g in c.children if g.dep_ in ("acomp", "xcomp") and c.pos_ == "AUX")))
    return next((d for d in dated if _dated_day(d, attached)), None)


def _when(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(w.lower_ == "when" and w.dep_ in ("advmod", "mark") for w in clause.children)


def _dated_day(tok: Token, attached: dict[int, tuple[Timex, str]]) -> bool:
    return tok.i in attached and attached[tok.i][1] == "within" and attached[tok.i][0].grain in _ONE_DAY


def _scene_of_when(tok: Token, attached: dict[int, tuple[Timex, str]]) -> Token | None:
    """'Early Saturday morning, she was in the back seat when they got into a crash': what
    happens in a 'when' clause happens at the time of the clause it hangs on, dated within a
    day (a scene: 'was home', 'were on their way'), not a saying."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "conj", "advcl", "xcomp") \
                and not (cur.dep_ == "ccomp" and _is_reporting(cur.head)):  # 'when Jarmon said a car crashed into her'
            return None
        if _when(cur):
            scene = cur.head
            if _is_reporting(scene):  # 'he was home Saturday, when the shooting occurred, police said'
                scene = next((c for c in scene.children if c.dep_ == "ccomp" and c.i < cur.i), scene)
            return scene if _dated_day(scene, attached) and not _is_reporting(scene) else None
        cur = cur.head
    return None


def _dated_occasion(tok: Token, attached: dict[int, tuple[Timex, str]]) -> Token | None:
    """'In a July 16 press conference, Jobs said ...', 'at Tuesday's hearing, he testified': the
    event took place in or at an occasion the text dates to a day, and shares that day.  Not
    an incident: 'charged in the Friday bombing' names what the charge is about."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "during"):
            for g in c.children:
                if g.dep_ == "pobj" and _dated_day(g, attached) and not names_an_incident(g):
                    return g
    return None


def _done_to(tok: Token, triggers: set[int]) -> bool:
    """'On Monday, authorities identified the two victims killed during the spree' ('who were
    killed'): a past participle or past relative clause that describes a participant (a noun
    that is no event) tells what was done or happened to it before, not then; under a copula
    it names the event itself ('was one of four teenagers gunned down that night')."""
    return tok.dep_ in ("acl", "relcl") and tok.tag_ in ("VBN", "VBD") and tok.head.i not in triggers \
        and tok.head.pos_ in ("NOUN", "PROPN", "PRON")


def _passive(tok: Token) -> bool:
    """'who was shot': a passive clause (what was done to its participant)."""
    return any(c.dep_ == "auxpass" for c in tok.children)


def _follows_from(tok: Token, head: Token) -> bool:
    """The trigger is what its governing event came after ('arrested Saturday after he shot
    ...'): a clause of ``head`` led by an 'after' word.  Called only when the date comes before
    that clause ('is dead after he was shot, early Saturday morning' dates the shooting)."""
    return tok.dep_ == "advcl" and tok.head.i == head.i and any(
        c.dep_ == "mark" and relation_of(c.lower_) == "after" for c in tok.children)


def _names_the_case(tok: Token, head: Token) -> bool:
    """'a double homicide investigation on Wednesday', 'the shooting trial': an incident that
    names the case another event noun is about (its compound) happened before it."""
    return tok.dep_ == "compound" and tok.head.i == head.i and head.pos_ == "NOUN" \
        and names_an_incident(tok) and not names_an_incident(head)


_DAYS_IN = {"day": 1, "week": 7}


def _days_earlier(tok: Token, timex: Timex) -> Timex | None:
    """'a day after he shot', 'two weeks after she was hired': the clause's event is that many
    days before the one-day date of the event it is subordinate to, as a date of its own."""
    if timex.first is None or timex.first != timex.last:
        return None
    for c in tok.children:
        unit = _DAYS_IN.get(c.lemma_.lower())
        if c.dep_ == "npadvmod" and unit is not None:
            if any(d.dep_ == "det" and d.lower_ in ("a", "an", "one") for d in c.children):
                n = 1
            else:
                n = next((number(d.text) for d in c.children if d.dep_ == "nummod"), None)
            if isinstance(n, int) and 0 < n <= 60:
                day = timex.first - timedelta(days=n * unit)
                return replace(timex, value=day.isoformat(), grain="day", first=day, last=day,
                               text=f"{f'a {c.lemma_}' if n == 1 else f'{n} {c.text}'} before {timex.text}")
    return None


def _is_reporting(tok: Token) -> bool:
    return tok.lemma_.lower() in lexicon()["reporting_lemmas"]


def reports(tok: Token) -> bool:
    """A verb of reporting that reports: not one whose object is an event it performs
    ('Austria-Hungary declared war on Serbia', 'announced a ceasefire'), which happens when
    its clause does, not on the publication day as the news of the day."""
    return _is_reporting(tok) and tok.pos_ not in ("NOUN", "PROPN") and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in trigger_lexicon()["event_nouns"] for c in tok.children)


def _governing_event(tok: Token, triggers: set[int]) -> Token | None:
    """The nearest trigger above this one whose time it shares (relative clause, conjunct,
    argument, participle), or None."""
    cur, steps = tok, 0
    while steps < 3:
        if cur.dep_ not in _INHERIT_DEPS and not _in_the_scene(cur) or cur.head.i == cur.i:
            return None
        steps += cur.dep_ != "prep"
        cur = cur.head
        if cur.i in triggers or cur.pos_ == "VERB" or cur.pos_ == "AUX" and cur.dep_ == "ROOT":
            return cur  # 'is dead after he was shot, early Saturday morning': the copula's clause time
    return None


def _in_the_scene(prep: Token) -> bool:
    """A preposition that puts what it governs in its clause's scene, at its time: the group a
    subject is one of ('was one of four teenagers gunned down', 'among those shot') or the
    company a copula's scene holds ('was out in the yard with his brother shooting birds');
    not a relation in time ('after the shooting') nor a charge ('charged with murder')."""
    if prep.dep_ != "prep":
        return False
    word = prep.lower_
    if word == "among" or word == "of" and prep.head.pos_ == "NUM":
        return True
    if word == "into" and prep.head.lemma_.lower() in ("get", "go", "end", "turn"):
        return True  # 'got into an argument around 4 p.m. Friday': the light verb's time is the argument's
    return word == "with" and prep.head.pos_ == "AUX" and any(c.dep_ == "pcomp" for c in prep.children)


def trigger_features(doc: Doc, tokens: list[Token], timexes, published: date | None) -> dict:
    """Token index -> (Cues, event_features.Features) for each trigger."""

    triggers = {t.i for t in tokens}
    attached = attach_timexes(doc, timexes, triggers)
    ordered = sorted(join_conjoined(doc, timexes), key=lambda t: t.start)
    out = {}
    for t in tokens:
        cues = dating_cues(t, attached, triggers)
        out[t.i] = (cues, event_features(t, cues, ordered, published))
    return out


def date_events(doc: Doc, tokens: list[Token], timexes, published: date | None) -> dict[int, EventDate]:
    """Date each trigger token of a Doc: token index -> EventDate.  The learned template
    table (``event_templates``) decides; the rules of ``decide`` are its fallback."""

    feats = trigger_features(doc, tokens, timexes, published)
    # 'by': on or before the governing event's time, a reading the learned table has not seen
    return {i: refine(decide(cues, published), f) if cues.relation == "by" else
            choose(f, functools.partial(decide, cues, published)) for i, (cues, f) in feats.items()}
