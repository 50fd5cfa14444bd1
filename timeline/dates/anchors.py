"""Which anchor each mention is counted from, and the tense that decides past/future.

* deictic expressions ("yesterday", "Friday", "next month") count from the publication
  date;
* anaphoric ones ("two days later", "that week", "the following year", "a year
  earlier") count from the last date mentioned before them (falling back to the
  publication date when there is none);
* the tense of the governing verb decides whether a bare "Friday" / "August" lies before
  or after the anchor.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token

from timeline.dates.guards import has
from timeline.dates.resources import load_tables
from timeline.dates.tree import doc_text, in_quotation, span_root
from timeline.dates.values import Anchor, TimeValue

FUTURE_AUX = {"will", "'ll", "shall", "wo", "going"}
MODALS = {"would", "could", "might", "may", "should", "can", "must", "'d"}
INTENT = load_tables("en")["intent_verbs"]
RAISING = frozenset(load_tables("en")["raising_verbs"])  # 'appears to be', 'is believed to have': no plan
CUES = load_tables("en")["tense_cues"]
_CUE = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in CUES), key=len, reverse=True))
                  + r")(?: at| on)? $", re.IGNORECASE)


def _plan(verb: Token) -> bool:
    return not any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass"))


def _intent(verb: Token, first: int) -> bool:
    """A plan verb governing a date that follows it ("planned a rally on Saturday", not "On
    Friday, the government planned ..."), or a to-infinitive under one ("planned to leave")."""
    if INTENT.get(verb.lemma_.lower()) == "direct":
        return _plan(verb) and first > verb.i
    if verb.dep_ in ("xcomp", "ccomp") and any(c.lower_ == "to" for c in verb.children):
        head = verb.head
        return head.lemma_.lower() in INTENT and _plan(head)
    return False


def verb_tense(verb: Token) -> str | None:
    """past | present | future | None for a verb and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if "to" in words:
        head = verb.head if verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.i != verb.i else None
        head_tense = verb_tense(head) if head is not None and head.pos_ in ("VERB", "AUX") else None
        if head is not None and head.lemma_.lower() in RAISING:
            # 'what appears to be a shooting Saturday': no plan; what seems so now tells no time
            return None if head_tense == "present" else head_tense
        return "past" if head_tense == "past" else "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and "had" in words:
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return None  # present perfect: no reliable side
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "amod"):
        return "past"  # "the record high set on Aug. 6"
    if words & {"would", "'d"} and not words & {"have", "'ve"} and verb.dep_ == "ccomp" \
            and verb.head.lemma_.lower() in SPEECH:
        return "future"  # 'said it would announce results on Monday': a 'will' reported in the past
    if words & MODALS:
        return None
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future" if verb.lower_ in ("meeting", "leaving", "coming", "going") else "present"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def tense_at(doc: Doc, start: int, end: int, text: str | None = None) -> str | None:
    """Tense of the verb governing the characters [start, end) (None if unknown)."""
    text = doc_text(doc) if text is None else text
    if text[end:end + 2] in ("'s", "’s"):
        return "past"  # "Friday's attack", "Wednesday's ruling": a date named by what happened
    if cue := _CUE.search(text[max(0, start - 20):start]):
        return CUES[cue.group(1).lower()]
    span = _parsed_span(doc, start, end)
    if span is None:
        return None
    tok = span_root(span)
    if _names_a_past_event(tok):
        return "past!"  # a shooting is not announced ahead: however far back
    since = False  # "fought since the coup in March": what an event runs since is past
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") and tok not in span:
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
        since = since or (tok.lower_ == "since" and tok.dep_ == "prep")
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if since:
        return "past"
    if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.lower_ in PAST_NOUNS:
        return "past!"  # 'suspected of shooting four women ... Jan. 7': the gerund names what happened
    # 'On Wednesday, officials say they were called': the calling's tense; 'said on Monday it would': the saying's
    tok = reported_clause(tok) or saying_of(tok, span.start) or tok
    if _intent(tok, span.start):
        return "future"
    tense = verb_tense(tok)
    if tense is None and tok.dep_ in ("xcomp", "ccomp", "conj", "advcl") and tok.head.i != tok.i:
        if tok.head.lemma_.lower() in RAISING:
            return None
        if tok.tag_ == "VB" and any(c.lower_ == "to" for c in tok.children):
            return "future"
        return verb_tense(tok.head) if tok.dep_ in ("xcomp", "conj") else None
    return tense


PAST_NOUNS = frozenset(load_tables("en")["past_event_nouns"])
SPEECH = frozenset(load_tables("en")["speech_verbs"])


def reported_clause(verb: Token, clock: bool = False, at: int | None = None) -> Token | None:
    """The clause a present-tense verb of saying reports ('On Wednesday evening, officials say
    they were called'): a date fronted before it dates what is said, not the saying, which is
    the news's own present (words.yaml ``speech_verbs``); None for any other verb.  A clock
    time does so in any tense ('police said around 9 p.m. Sunday they were called'): a
    saying is dated by its day, the scene it tells by the minute, also when told as a gerund
    ('At 6:45 p.m. Monday, police reported finding the victim').  So does a date at token
    ``at`` that the parser hung on a past saying but that comes inside or after the clause
    said ('Police said a 7-year-old shot the boy on Oct. 29': the shooting's day)."""
    if verb.lemma_.lower() not in SPEECH:
        return None
    if at is not None and verb.tag_ == "VBD":
        said = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if said is not None and verb.i < said.left_edge.i <= at and not any(
                t.text in (",", ";", "--", "—") for t in verb.doc[said.right_edge.i + 1:at]):
            return said
    if verb.tag_ not in (("VBP", "VBZ", "VBD") if clock else ("VBP", "VBZ")):
        return None
    return next((c for c in verb.children if c.pos_ in ("VERB", "AUX") and (
        c.dep_ == "ccomp" or clock and c.dep_ == "xcomp" and c.tag_ == "VBG")), None)


def saying_of(clause: Token, at: int) -> Token | None:
    """The past verb of saying whose day the word at ``at`` is, when the parser gave it to the
    clause said ('Nvidia said on Monday it would buy Mellanox': the saying's Monday): the word
    lies between the verb and the subject of ``clause``, its complement."""
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.tag_ != "VBD" or verb.lemma_.lower() not in SPEECH or not verb.i < at < clause.i:
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return verb if subject is not None and at < subject.left_edge.i else None


def not_a_scene(doc: Doc, start: int, end: int) -> bool:
    """Whether the date at the characters [start, end) dates a verb of saying ("the aunt said
    Sunday", words.yaml ``speech_verbs``) or is quoted ('"I saw him yesterday morning," he
    said'): the time the story is told, or the speaker's own time, not a scene of the story."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return False
    if in_quotation(span[0]):
        return True
    tok = span_root(span)
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") and tok not in span or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH


def _names_a_past_event(tok: Token) -> bool:
    """'the April 7 shooting', 'a shooting Monday night', 'the crash on Friday': the date is
    that of an event news reports after the fact (words.yaml ``past_event_nouns``)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("on", "at", "in") and head.head.i != head.i:
        head = head.head
    elif tok.dep_ not in ("compound", "nmod", "npadvmod", "amod", "nummod"):
        return False
    return head.i != tok.i and head.pos_ == "NOUN" and head.lemma_.lower() in PAST_NOUNS


def _parsed_span(doc: Doc, start: int, end: int):
    """The tokens of [start, end) when the Doc has a parse to read, else None."""
    if not has(doc, "DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


NOT_STORY_PREPS = frozenset({"since", "until", "till", "to", "through", "throughout"})


def sets_story_time(doc: Doc, start: int, end: int) -> bool:
    """Does the date at [start, end) say when a clause happens (and so move the story's
    reference time)?  Not a noun's modifier ("the August 1988 cease-fire", "the 1988 law", "the
    2021 runoff"),
    the start or end of a span ("since 1980", "dating to 1994"), or the time of a clause
    that describes a noun ("a program approved in 1987")."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return True
    root = span_root(span)
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
        return False
    if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ in ("det", "poss") and c.i < root.i for c in root.head.children):
        return False  # "the 2021 runoff" (not a parse of "In 1940 Germany turned west")
    if root.dep_ == "pobj" and root.head.lower_ in NOT_STORY_PREPS:
        return False
    verb = root
    for _ in range(4):  # the verb the date belongs to
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    # "agents charged in the Dec. 21, 1988, bombing", "a program approved in 1987": the date
    # describes a noun's past, not the time the story is at
    if verb.pos_ in ("VERB", "AUX") and verb.dep_ in ("acl", "relcl"):
        return False
    # 'the road would be exposed for a planned campaign in 1976', 'will hold elections in 2022':
    # what may or will happen, not the time the story is at
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return not (auxes & (MODALS | FUTURE_AUX))


def choose_anchor(value: TimeValue, published: date | None, previous: Anchor | None) -> Anchor:
    """The anchor of one mention (DESIGN principle 4: never the clock)."""
    relative = value.kind in ("shift", "named") or value.needs_anchor
    if not relative:
        return Anchor(published, "none")
    if value.anaphoric and previous is not None:
        return previous
    if value.follow_grain and previous is not None and previous.grain == "quarter":
        return previous
    if published is None:
        return Anchor(None, "missing")
    return Anchor(published, "publication", published.isoformat(), "day")
