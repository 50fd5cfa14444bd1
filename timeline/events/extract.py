"""Article -> dated events: triggers, summaries, actors and places (issue 5).

A trigger is a content verb or an event noun (``resources/en/event_triggers.yaml``);
auxiliaries, copulas, light verbs, verbs of saying that only introduce another event, and
site boilerplate ("- Advertisement -", "Follow X on") give no event.  Each event is dated by
``timeline.events.dating`` from the parse, tense and publication date; its actors are the
named entities among its arguments, its places the named places of its sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from spacy.tokens import Doc, Span, Token

from timeline.events import entities
from timeline.events.dating import (
    EventDate,
    date_events,
    lexicon,
    relation_of,
    relative_to_event,
    tense_aspect,
)
from timeline.events.resources import entries, word_set
from timeline.models import Actor, Article, Event, Place, Timex

_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "agent", "pobj", "prep", "poss", "compound",
                       "nmod", "amod", "attr", "appos", "conj", "cc", "det", "nummod", "prt", "npadvmod"})
_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "relcl", "acl", "csubj"})
_SUMMARY_STOP = frozenset({",", ";", ":", "—", "–", "(", "“", "”", '"'})
_PLACE_ORDER = {"city": 0, "region": 1, "country": 2, "": 3}


@functools.lru_cache(maxsize=1)
def _lex() -> dict[str, frozenset[str]]:
    names = ("non_event_verbs", "reporting_verbs", "event_nouns", "boilerplate_lines", "movement_verbs", "support_verbs")
    return {n: word_set("event_triggers", n) for n in names}


@functools.lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern, ...]:
    entry = next(e for e in entries("event_triggers", "lexicons") if e["name"] == "boilerplate_lines")
    return tuple(re.compile(p, re.IGNORECASE) for p in entry["words"])  # not lower-cased: \S != \s


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of site-furniture lines ("- Advertisement -", "Follow X on")."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if any(p.search(line.strip()) for p in _boilerplate()):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def is_trigger(tok: Token) -> bool:
    lex = _lex()
    lemma = tok.lemma_.lower()
    if not tok.is_alpha or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
        return False
    if tok.pos_ == "VERB":
        return tok.dep_ not in ("aux", "auxpass", "amod", "prep", "compound") and lemma not in lex["non_event_verbs"]
    if tok.pos_ == "NOUN":
        return lemma in lex["event_nouns"] or tok.lower_ in lex["event_nouns"]
    return False


def _in_ranges(tok: Token, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in ranges)


def find_triggers(doc: Doc) -> list[Token]:
    skip = boilerplate_ranges(doc.text)
    cands = [t for t in doc if is_trigger(t) and not _in_ranges(t, skip)]
    chosen = {t.i for t in cands}
    kept = [t for t in cands if not _only_introduces(t, chosen) and not _orders_events(t, chosen)]
    folded = {t.i for t in kept if _folded_infinitive(t, chosen)}
    return [t for t in kept if t.i not in folded]


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
        if cur.pos_ == "NOUN" and cur is not tok:
            return _goal_noun(cur, chosen)
        if cur.pos_ != "VERB" or cur.dep_ not in _INFINITIVE_DEPS or cur.head is cur:
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
        if any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            return True
    return False


def _goal_noun(noun: Token, chosen: set[int]) -> bool:
    """'ruled out cooperation with the US to contain extremist groups', 'there would be no
    cooperation to stop ISIS': the infinitive is the goal of a noun that is itself an event,
    the object of one, or denied; it belongs to that event's summary."""
    if noun.i in chosen or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    return noun.dep_ in ("dobj", "pobj", "nsubjpass") and noun.head.i in chosen


def _only_introduces(tok: Token, chosen: set[int]) -> bool:
    """A verb of saying whose complement holds another event: the event is the news.  A
    statement by a named actor ('Shaheen told the AP that ...') is an event of that actor."""
    if tok.lemma_.lower() not in _lex()["reporting_verbs"]:
        return False
    if any(c.dep_ == "nsubj" and c.ent_type_ in entities.ACTOR_LABELS for c in tok.children):
        return False
    for child in tok.children:
        if child.dep_ in ("ccomp", "parataxis", "xcomp", "dobj") and any(t.i in chosen for t in child.subtree):
            return True
    return False


def _argument_tokens(tok: Token) -> list[Token]:
    """The trigger's own argument subtree (not the clauses it embeds)."""
    out = []
    for child in tok.children:
        if child.dep_ in _CLAUSE_DEPS:
            continue
        out.extend(child.subtree)
    return out


def _ents_in(tokens: list[Token], labels: frozenset[str], ents: tuple[Span, ...] | None = None) -> list[Span]:
    """The named entities of the given labels that the tokens touch, in text order."""
    if not tokens:
        return []
    idx = {t.i for t in tokens}
    ents = tokens[0].doc.ents if ents is None else ents
    return [e for e in ents if e.label_ in labels and not idx.isdisjoint(range(e.start, e.end))]


_DESTINATION = frozenset({"for", "to", "toward", "towards"})
_LOCATIVE = frozenset({"in", "at", "near", "across", "throughout", "inside", "outside", "around", "into", "within"})


def _is_location(span: Span) -> bool:
    """A place named as where something happened ("in Kunduz") is a location, not an actor."""
    cur = span.root
    if cur.dep_ == "pobj" and cur.head.lower_ in _DESTINATION and cur.head.head.lemma_.lower() in \
            _lex()["movement_verbs"] and (span.label_ in ("GPE", "LOC", "FAC") or entities.geocode(span.text)):
        return True  # 'leave for Kunduz': a destination, even when NER calls it an ORG
    if span.root.dep_ == "compound" and _is_city_not_acting(span):
        return True  # 'the Kunduz attack': a city modifying an event noun, whatever NER says
    if span.label_ not in ("GPE", "LOC", "FAC"):
        return False
    if _is_city_not_acting(span):
        return True
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE:
            return True
        if cur.dep_ not in ("appos", "compound", "poss") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _is_city_not_acting(span: Span) -> bool:
    """A city that is not the subject ("the Kunduz attack", "the city of Kunduz") is where
    something happened; a city named as a metonym for a government ("Washington") is an
    actor alias in actors.yaml and stays an actor."""
    if span.root.dep_ in ("nsubj", "nsubjpass"):
        return False
    if entities.normalise_name(span.text) in entities.known_actor_names():
        return False
    place = entities.geocode(span.text)
    return place is not None and place.kind == "city"


def _participant_tokens(tok: Token) -> list[Token]:
    """The trigger's argument phrases, without the clauses nested at any depth inside them
    ('responsibility for attacks [that killed Shia Muslims]': the victims of the nested
    killing are not participants of the claim)."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(c for c in cur.children if c.dep_ not in _CLAUSE_DEPS)
    return out


_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})


def _full_person_names(doc: Doc, ents: tuple[Span, ...]) -> dict[str, str]:
    """Surname (or given name) -> the full name it stands for in this article ('Jobs' ->
    'Steve Jobs'), when exactly one full name ends (or starts) with it.  Cached on the Doc."""
    key = "timeline_full_names"
    if key not in doc.user_data:
        found: dict[str, set[str]] = {}
        for e in ents:
            words = e.text.split()
            if e.label_ == "PERSON" and len(words) >= 2:
                for part in (words[-1], words[0]):
                    found.setdefault(part.lower(), set()).add(e.text)
        doc.user_data[key] = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
    return doc.user_data[key]


def _pronoun_person(tok: Token, ents: tuple[Span, ...]) -> list[Span]:
    """'He announced': the person named last before the pronoun, within three sentences."""
    sents_back = 0
    best = None
    for e in ents:
        if e.label_ == "PERSON" and e.end <= tok.i:
            best = e
    if best is None:
        return []
    for t in tok.doc[best.end:tok.i]:
        sents_back += t.is_sent_start
    return [best] if sents_back <= 3 else []


def event_actors(tok: Token, ents: tuple[Span, ...] | None = None) -> tuple[Actor, ...]:
    ents = tok.doc.ents if ents is None else ents
    args = _participant_tokens(tok)
    if tok.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) \
            and tok.dep_ in ("xcomp", "conj") and tok.head is not tok:
        args += [t for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    spans = _ents_in(args, entities.ACTOR_LABELS, ents)
    for t in args:
        if t.dep_ in ("nsubj", "nsubjpass", "agent", "pobj") and t.lower_ in _PERSONAL_PRONOUNS and t.pos_ == "PRON":
            spans += _pronoun_person(t, ents)
    # 'ISIS has launched attacks since its emergence': 'its' / 'their' is the clause's subject
    owned = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children)
    supported = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _lex()["support_verbs"]  # 'ISIS launched attacks'
    if tok.pos_ == "NOUN" and (owned or supported or not [s for s in spans if not _is_location(s)]):
        verb = next((a for a in tok.ancestors if a.pos_ == "VERB" and a.dep_ != "prep"), None)
        if verb is not None:
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            spans = _ents_in([t for s in subj for t in s.subtree], entities.ACTOR_LABELS, ents) + spans  # agent first
    actors: dict[str, Actor] = {}
    full_names = _full_person_names(tok.doc, ents)
    for span in spans:
        if _is_location(span):
            continue
        text = full_names.get(span.text.lower(), span.text) if span.label_ == "PERSON" else span.text
        actor = entities.canonical_actor(text, span.label_)
        if actor is not None:
            actors.setdefault(actor.id, actor)
    return tuple(actors.values())


def event_places(tok: Token, sent: Span | None = None, ents: tuple[Span, ...] | None = None) -> tuple[Place, ...]:
    sent = tok.sent if sent is None else sent
    ents = tok.doc.ents if ents is None else ents
    own = _ents_in(_argument_tokens(tok), entities.PLACE_LABELS, ents)
    own += [e for e in _ents_in(_argument_tokens(tok), frozenset({"ORG"}), ents) if _is_location(e)]
    rest = [e for e in ents if sent.start <= e.start < sent.end and e.label_ in entities.PLACE_LABELS and e not in own]
    places: dict[str, Place] = {}
    for span in [*own, *rest]:
        place = entities.canonical_place(_with_direction(span))
        places.setdefault(place.id, place)
    return tuple(sorted(places.values(), key=lambda p: _PLACE_ORDER.get(p.kind, 3)))


_DIRECTIONS = frozenset({"eastern", "western", "northern", "southern", "central", "northeastern", "northwestern",
                         "southeastern", "southwestern"})


def _with_direction(span: Span) -> str:
    """'eastern Afghanistan': NER leaves the direction out; the gazetteer may know the region."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _DIRECTIONS:
        region = f"{before.lower_} {span.text}"
        if entities.geocode(region) is not None and entities.geocode(region) != entities.geocode(span.text):
            return region
    return span.text


def _clean_sentence(sent: Span, skip: list[tuple[int, int]], text: str) -> tuple[int, int]:
    """Sentence offsets without boilerplate lines the parser glued to it ("- Advertisement -")."""
    start, end = sent.start_char, sent.end_char
    for a, b in sorted(skip):
        if a <= start < b:
            start = b
        if a < end <= b or (start < a < end and b >= end):
            end = min(end, a)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def summarize(tok: Token, max_tokens: int = 14, sent: Span | None = None) -> str:
    """Who did what: subject + auxiliaries + trigger + particle + first object/complement.
    An event noun that is the subject of a verb that is no event itself says what the clause
    says of it ('the talks come after two days of discussions', 'the talks are not a prelude
    to recognition')."""
    head = tok.head
    if (tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX")
            and (not is_trigger(head) or head.lemma_.lower() in lexicon()["sequence_verbs"])):
        return _summary_of(head, max_tokens, sent, ("attr", "acomp"))
    said = _summary_of(tok, max_tokens, sent)
    if tok.lemma_.lower() in _lex()["reporting_verbs"]:  # 'Shaheen said: there would be no cooperation'
        content = next((c for c in tok.children if c.dep_ in ("ccomp", "parataxis")), None)
        if content is not None:
            words = [t.text for t in content.subtree if not t.is_space and not t.is_punct and t.lower_ != "that"
                     or t.text in ("-", "’", "'")]
            return said + ": " + re.sub(r" (?=['’]s\b|[.,;:!?])", "", " ".join(words[:max_tokens]))
    return said


def _summary_of(tok: Token, max_tokens: int, sent: Span | None, extra: tuple[str, ...] = ()) -> str:
    keep: set[int] = {tok.i}
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "dobj", "compound", "amod", "poss",
                          *extra):
            keep.update(_clipped(child))
    keep.update(_borrowed_subject(tok))
    first_pp = next((c for c in tok.children if c.dep_ in ("prep", "agent") and c.i > tok.i), None)
    if first_pp is not None:
        keep.update(_clipped(first_pp))
    goal = next((c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.i > tok.i and c.tag_ == "VB"), None)
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if goal is None and obj is not None:  # 'ruled out cooperation with the US to contain extremist groups'
        goal = next((c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VB" and c.i > obj.i), None)
    if goal is not None:  # the folded infinitive ('urged the US to release funds')
        keep.update(_clipped(goal))
    sent = tok.sent if sent is None else sent
    body_start = _dateline_end(sent)
    toks = [t for t in sent if t.i in keep and not t.is_space and t.i >= body_start][:max_tokens]
    while len(toks) > 1 and toks[-1].pos_ in _DANGLING and toks[-1].i != tok.i:
        toks.pop()  # a cut phrase does not end on 'in', 'the' or 'and'
    text = " ".join(t.text for t in toks)
    return re.sub(r" (?=['’]s\b|[.,;:!?])", "", text)


_DASHES = frozenset({"-", "–", "—", "--"})
_DANGLING = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART"})


def _dateline_end(sent: Span) -> int:
    """Index of the first token after a news dateline ("ISLAMABAD –", "KABUL, Afghanistan
    (AP) —"): an upper-case place at the start of the sentence, closed by a dash within
    eight tokens.  The sentence start when there is none."""
    words = [t for t in sent if not t.is_space]
    if not words or not (words[0].is_upper and len(words[0].text) > 1):
        return sent.start
    for t in words[1:9]:
        if t.text in _DASHES:
            return t.i + 1
    return sent.start


def _borrowed_subject(tok: Token) -> set[int]:
    """'waited to leave for Kunduz', 'met and agreed to release': a verb with no subject of
    its own takes the subject of the verb it completes or is conjoined with."""
    cur = tok
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            if cur is tok:
                return set()
            return {i for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") for i in _clipped(c)}
        if cur.dep_ not in ("xcomp", "conj") or cur.head is cur:
            return set()
        cur = cur.head
    return set()


def _clipped(tok: Token) -> set[int]:
    """A child's subtree up to the first punctuation or embedded clause."""
    out = set()
    for t in tok.subtree:
        if t.text in _SUMMARY_STOP or (t is not tok and t.dep_ in ("relcl", "acl", "advcl", "ccomp")):
            if t.i > tok.i:
                out.difference_update(x.i for x in t.subtree)  # not the clause's 'to' or 'who'
                break
            continue
        out.add(t.i)
    return out


def build_event(tok: Token, dated: EventDate, article: Article, sent_index: int, sent: Span,
                skip: list[tuple[int, int]] = (), ents: tuple[Span, ...] | None = None) -> Event:
    text = article.text if article.text else tok.doc.text  # Doc.text re-joins every token: read it once
    s_start, s_end = _clean_sentence(sent, list(skip), text)
    tx = dated.timex
    return Event(
        article_id=article.id, event_id=f"{article.id}:{tok.idx}", sentence_index=sent_index,
        sentence_start=s_start, sentence_end=s_end, sentence=text[s_start:s_end],
        trigger=tok.text, trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text), lemma=tok.lemma_.lower(),
        summary=summarize(tok, sent=sent), date_start=dated.first, date_end=dated.last, precision=dated.precision,
        date_source=dated.source, date_explanation=dated.explanation, date_text=tx.text if tx else "",
        date_char_start=tx.start if tx else None, date_char_end=tx.end if tx else None,
        date_value=tx.value if tx else "", event_time=dated.label, actors=event_actors(tok, ents),
        places=event_places(tok, sent, ents), published=article.published)


@functools.lru_cache(maxsize=1)
def synonym_classes() -> dict[str, str]:
    """Trigger lemma -> synonym class name ('bombing' -> 'attack')."""
    return {str(w).lower(): e["name"] for e in entries("event_triggers", "synonym_classes") for w in e["words"]}


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
    if tok.lemma_.lower() in _lex()["reporting_verbs"]:
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
        if ed.source == "timex" and ed.first is not None and ed.last is not None and ed.precision in _ANCHOR_GRAINS:
            if cls not in anchors or (ed.last - ed.first) < (anchors[cls][1].last - anchors[cls][1].first):
                anchors[cls] = (t, ed)
    out = dict(dated)
    for t in triggers:
        lemma = t.lemma_.lower()
        cls, ed = classes.get(lemma, lemma), dated[t.i]
        if cls in anchors and ed.source == "publication" and anchors[cls][0].i != t.i and _refers_back(t):
            src, a = anchors[cls]
            out[t.i] = replace(a, source="context",
                               explanation=f"'{t.text}' refers back to '{src.text}', dated by '{a.timex.text}'.")
    return out


ONE_DAY = timedelta(days=1)
_SHARE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "conj", "xcomp"})


def _related_event(tok: Token, triggers: set[int]) -> tuple[Token, str] | None:
    """'launched attacks since its emergence', 'rising after the Kunduz attack', 'rose after
    he was arrested': (the other event, relation) named by a preposition or a subordinating
    marker of this trigger."""
    words = lexicon()["event_relation_words"]
    if tok.lemma_.lower() in lexicon()["casualty_lemmas"]:
        words = words | {"in", "at"}  # 'killed in the attack': harm happens in the event that causes it
    if tok.lemma_.lower() in lexicon()["future_governors"]:
        return None  # 'promised to hold a vote after the election': the phrase dates the promised event
    for c in tok.children:
        if c.lower_ == "since" and _superlative_before(tok, c):
            continue  # 'the first talks since America withdrew': the phrase counts talks, not dates them
        if c.dep_ == "prep" and c.lower_ in words:
            for g in c.children:
                if g.i in triggers and (g.dep_ == "pobj" or (g.dep_ == "pcomp" and g.tag_ in ("VBD", "VBN"))):
                    return g, relation_of(c.lower_) or "within"
        if c.dep_ == "advcl" and c.i in triggers:
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in words), None)
            if mark is not None and not (mark.lower_ == "since" and _superlative_before(tok, mark)):
                return c, relation_of(mark.lower_) or "within"
    return None


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
        days = n * _SEQUENCE_UNITS[unit.lemma_.lower()] if isinstance(n, int) else None
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
    clause whose subject is the event noun it describes happens with that event."""
    head = tok.head
    if tok.dep_ != "relcl" or tok.tag_ != "VBD" or head.i not in ids or head.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in tok.children):
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
            for c in t.children:
                if c.i in ids and c.dep_ in _SHARE_DEPS and out[c.i].source == "publication":
                    out[c.i] = replace(new, explanation=new.explanation[:-1] + f" (shared with '{t.text}').")
    for t in triggers:  # 'a bombing on Friday that killed 46 and injured dozens': a conjunct shares
        head = t.head  # the time of a verb that itself took its date from its clause or noun
        if (t.dep_ == "conj" and head.i in ids and out[t.i].source == "publication" and t.tag_ == head.tag_ == "VBD"
                and out[head.i].source == "context" and t.lemma_.lower() not in lexicon()["reporting_lemmas"]):
            ed = out[head.i]
            out[t.i] = replace(ed, explanation=ed.explanation[:-1] + f" (shared with '{head.text}').")
    return out


def date_triggers(doc: Doc, triggers: list[Token], timexes: Sequence[Timex], published) -> dict[int, EventDate]:
    """Token index -> EventDate: the parse, tense and rules (``event_dates``), then mentions
    that refer back to a dated event of the article, then events related by a preposition to
    a dated one.  The product and the evaluation both date events with this function."""
    dated = resolve_anaphora(triggers, date_events(doc, triggers, list(timexes), published))
    return relate_to_events(triggers, dated, published)


def extract_events(doc: Doc, article: Article, timexes: Sequence[Timex]) -> list[Event]:
    triggers = find_triggers(doc)
    dated = date_triggers(doc, triggers, timexes, article.published)
    sents = list(doc.sents)  # Token.sent re-walks the Doc on every call: look sentences up once
    sent_of = [0] * len(doc)
    for k, sent in enumerate(sents):
        sent_of[sent.start:sent.end] = [k] * (sent.end - sent.start)
    skip, ents = boilerplate_ranges(doc.text), tuple(doc.ents)
    return [build_event(t, dated[t.i], article, sent_of[t.i], sents[sent_of[t.i]], skip, ents) for t in triggers]
