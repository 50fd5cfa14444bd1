"""Who and where: the actors and places of an event, read from its arguments in the parse.

Actors are those that the heads of the trigger's arguments name or refer to (``references``:
names, short forms, acronyms, pronouns, descriptions), each with its role; places are the named
places of its sentence, located by ``entities`` (offline gazetteer), most specific first.
"""

from __future__ import annotations

import functools
from itertools import islice

from spacy.tokens import Doc, Span, Token

from timeline.dates.tree import span_root, subtree
from timeline.events import entities
from timeline.events.makers import maker_events, product_makers
from timeline.events.references import Reference, member_nouns, reading
from timeline.events.resources import word_set
from timeline.events.triggers import trigger_lexicon
from timeline.models import Actor, Place

_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "relcl", "acl", "csubj"})
_PLACE_ORDER = {"city": 0, "county": 1, "region": 1, "country": 2, "": 3}


def _argument_tokens(tok: Token, conjoined: bool = True) -> list[Token]:
    """The trigger's own argument subtree (not the clauses it embeds); not ``conjoined``: without
    the verbs coordinated with it ('was shot in Dayton and taken to a hospital in Kettering')."""
    out = []
    for child in tok.children:
        if child.dep_ in _CLAUSE_DEPS or not conjoined and child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            continue
        out.extend(subtree(child))
    return out


def _ents_in(tokens: list[Token], labels: frozenset[str], ents: tuple[Span, ...] | None = None) -> list[Span]:
    """The named entities of the given labels that the tokens touch, in text order."""
    if not tokens:
        return []
    ents = tokens[0].doc.ents if ents is None else ents
    bounds, covering = _bounds(tokens[0].doc, ents)
    touched = sorted({k for t in tokens for k in covering.get(t.i, ())})
    return [ents[k] for k in touched if bounds[k][2] in labels]


def _bounds(doc: Doc, ents) -> tuple[list[tuple[int, int, str]], dict[int, list[int]]]:
    """(start, end, label) of each entity and token index -> the entities (their positions in
    ``ents``) covering it, read once per entity tuple (every event reads them)."""
    cached = doc.user_data.get("timeline_participants_bounds")
    if cached is not None and cached[0] is ents:
        return cached[1]
    ents = tuple(ents)
    bounds = [(e.start, e.end, e.label_) for e in ents]
    covering: dict[int, list[int]] = {}
    for k, (start, end, _) in enumerate(bounds):
        for i in range(start, end):
            covering.setdefault(i, []).append(k)
    doc.user_data["timeline_participants_bounds"] = (ents, (bounds, covering))
    return bounds, covering


_DESTINATION = frozenset({"for", "to", "toward", "towards"})
_LOCATIVE = frozenset({"in", "at", "near", "across", "throughout", "inside", "outside", "around", "into", "within"})
_ONLY_PLACES = frozenset({"near", "outside", "across", "throughout"})  # what follows is a place, whatever NER says


_FACILITY_PREPS = _LOCATIVE | _DESTINATION | {"from"}


@functools.lru_cache(maxsize=1)
def _facility_words() -> frozenset[str]:
    return word_set("places", "facility_words", "locality")


def _is_location(span: Span) -> bool:
    """A place named as where something happened ("in Kunduz") is a location, not an actor."""
    cur = span_root(span)
    if cur.dep_ == "pobj" and cur.head.lower_ in _DESTINATION and cur.head.head.lemma_.lower() in \
            trigger_lexicon()["movement_verbs"] and (span.label_ in ("GPE", "LOC", "FAC") or entities.geocode(span.text)):
        return True  # 'leave for Kunduz': a destination, even when NER calls it an ORG
    if cur.dep_ == "dobj" and cur.head.lemma_.lower() in trigger_lexicon()["visiting_verbs"] \
            and span.label_ in ("GPE", "LOC", "FAC", "ORG") and (_is_city_not_acting(span) or _a_country(span)):
        return True  # 'Dobre visited Lugoj' (NER: an ORG), 'visited China': the place gone to
    if span_root(span).dep_ == "compound" and _is_city_not_acting(span):
        return True  # 'the Kunduz attack': a city modifying an event noun, whatever NER says
    if cur.dep_ == "pobj" and cur.head.lower_ in _FACILITY_PREPS and span[-1].lower_ in _facility_words():
        return True  # 'pronounced dead at Miami Valley Hospital': where, not who
    if cur.dep_ == "pobj" and cur.head.lower_ in _ONLY_PLACES and span.label_ in ("PERSON", "ORG", "NORP") \
            and entities.normalise_name(span.text) not in entities.known_actor_names():
        return True  # 'drowned near Buzias' (NER: a person): only a place is near
    if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE and span.label_ in ("ORG", "PERSON") \
            and _is_city_not_acting(span):
        return True  # 'was shot in Dayton' (NER: an ORG): a city that something happened in
    if span.label_ not in ("GPE", "LOC", "FAC"):
        return False
    if _is_city_not_acting(span):
        return True
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE:
            return True
        if cur.dep_ not in ("appos", "compound", "poss") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _a_country(span: Span) -> bool:
    place = entities.geocode(span.text)
    return place is not None and place.kind == "country"


def _is_city_not_acting(span: Span) -> bool:
    """A city that is not the subject ("the Kunduz attack", "the city of Kunduz") is where
    something happened; a city named as a metonym for a government ("Washington") is an
    actor alias in actors.yaml and stays an actor."""
    if span_root(span).dep_ in ("nsubj", "nsubjpass"):
        return False
    if entities.normalise_name(span.text) in entities.known_actor_names():
        return False
    place = entities.geocode(span.text)
    return place is not None and place.kind == "city"


def _cited_source(span: Span) -> bool:
    """A news agency or outlet cited as the source of the text ('told The Associated Press',
    'according to Reuters', 'in an interview with CNN', 'the Chicago Tribune reported'), not a
    participant of the event."""
    if not entities.is_news_source(span.text):
        return False
    root = span_root(span)
    head = root.head
    if root.dep_ in ("dobj", "dative") and head.lemma_.lower() in ("tell", "say", "confirm", "explain"):
        return True
    if root.dep_ == "pobj" and head.lower_ in ("to", "with", "by") and \
            (head.head.lower_ in ("according", "interview", "told", "said", "reported", "spoke", "talked")
             or head.head.lemma_.lower() in ("speak", "talk", "tell", "confirm", "report")):
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in trigger_lexicon()["reporting_verbs"]:
        return True
    return root.dep_ == "appos" or (span.start > 0 and span.doc[span.start - 1].text == "(")  # 'KABUL (AP)'


_AGENT_DEPS = frozenset({"nsubj", "csubj", "poss"})
_PATIENT_DEPS = frozenset({"nsubjpass", "dobj", "dative", "attr", "oprd"})


def event_actors(tok: Token, ents: tuple[Span, ...] | None = None) -> tuple[Actor, ...]:
    return tuple(a for a, _ in event_participants(tok, ents))


_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "poss", "nmod", "npadvmod", "appos"})
_NOUN_MODS = frozenset({"compound", "poss", "nmod", "amod"})
_EXPAND = frozenset({"conj", "appos"})


def _controller(tok: Token) -> Token | None:
    """The verb whose subject a subjectless verb shares: the one it completes or is conjoined
    with ("agreed to buy", "met and agreed"), or the one whose preposition it follows ("started
    by hinting")."""
    if tok.dep_ in ("xcomp", "conj", "advcl"):
        return tok.head
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return tok.head.head
    return None


def argument_heads(tok: Token, triggers: frozenset[int] = frozenset()) -> dict[int, str]:
    """Token index -> role ("agent", "patient", "other") of the heads of the trigger's participant
    phrases: its subject, objects, a 'by' agent, a prepositional object, the possessor and the
    modifiers of an event noun, and their conjuncts and appositions.  A verb with no subject of
    its own borrows one: the object of the verb it completes when it has one ('urged the US to
    release', 'drove Afghans fleeing attacks': object control), else that verb's subject
    ('agreed to buy', 'met and agreed').  A relative or participle clause has the noun it
    describes ('Airbus, which has out-sold'; 'iPods sold in France').  An event noun that is
    the object of a verb which is no event of its own (``triggers``: 'made the decision',
    'launched attacks') takes that verb's subject."""
    heads: dict[int, str] = {}

    def put(i: int, part: str) -> None:
        if i != tok.i and (i not in heads or part == "agent"):
            heads[i] = part

    def add(t: Token, part: str) -> None:
        for i in _expand(t):
            put(i, part)
            if (i == t.i or t.doc[i].dep_ == "conj") and not (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE):
                _group_of(t.doc[i], part, put)  # 'in the Qatari capital' is where, not who

    kids = list(tok.children)  # read once: spaCy makes new Token objects on every walk
    for c in kids:
        if c.dep_ in _CORE:
            add(c, "agent" if c.dep_ in _AGENT_DEPS else "patient" if c.dep_ in _PATIENT_DEPS else "other")
        elif c.dep_ in ("prep", "agent"):
            by = c.lower_ == "by" or c.dep_ == "agent"
            against = c.lower_ in ("on", "against", "of") and tok.pos_ == "NOUN"
            for g in c.children:
                if g.dep_ == "pobj":
                    add(g, "agent" if by else "patient" if against else "other")
        elif c.dep_ in _NOUN_MODS and tok.pos_ == "NOUN":
            add(c, "agent" if c.dep_ == "poss" else "other")
        elif c.dep_ == "acl" and c.tag_ == "VBN" and tok.pos_ == "NOUN":
            _parties(c, add)  # 'a deal begun between Aeroflot and Boeing', 'the attack carried out by ISIS'
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        subject = tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in kids)
        add(tok.head, "agent" if subject else "patient" if tok.tag_ == "VBN" else "other")
    if tok.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in kids):
        cur = tok
        for _ in range(3):
            nxt = _controller(cur)
            if nxt is None or nxt.i == cur.i:
                break
            if cur.dep_ == "xcomp":
                obj = [c for c in nxt.children if c.dep_ == "dobj"]
                if obj:
                    for o in obj:
                        add(o, "agent")
                    break
            cur = nxt
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                for c in subj:
                    add(c, "agent" if c.dep_ == "nsubj" else "patient")
                break
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "attr", "nsubjpass", "pobj") and tok.head.i != tok.i:
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        if verb.pos_ in ("VERB", "AUX") and (verb.i not in triggers or verb.lemma_.lower() in
                                              trigger_lexicon()["support_verbs"]) and \
                verb.lemma_.lower() not in trigger_lexicon()["reporting_verbs"]:
            for c in verb.children:
                if c.dep_ == "nsubj":
                    add(c, "agent")  # 'Jobs made the decision', 'ISIS launched attacks'
    return heads


_BETWEEN = frozenset({"between", "among", "amongst"})


def _parties(participle: Token, add) -> None:
    """The parties an event noun names through the participle that describes it: its 'by'
    agent ('the attack carried out by ISIS') and those it is 'between' ('a deal begun between
    Aeroflot and Boeing', 'an agreement reached between the two companies')."""
    for c in participle.children:
        if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in _BETWEEN:
            for g in c.children:
                if g.dep_ == "pobj":
                    add(g, "agent" if c.dep_ == "agent" else "other")


def _group_of(t: Token, part: str, put) -> None:
    """One level into an argument phrase, the state, nationality or group it speaks for: 'the US
    envoy', 'Afghan funds', 'cooperation with the US', 'Taliban officials' (a member noun:
    ``references.member_nouns``); not a company's product or numbers ('Airbus orders'), not
    inside an apposition ('Louis Gallois, the Airbus chief executive, said' is no Airbus event)."""
    members = t.lemma_.lower() in member_nouns()
    for c in t.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod") and (c.ent_type_ in ("NORP", "GPE") or members and c.ent_type_):
            put(c.i, part if part == "agent" else "other")
        elif c.dep_ == "prep" and t.dep_ in ("dobj", "nsubjpass") and t.pos_ == "NOUN":
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("NORP", "GPE"):
                    put(g.i, "other")


def _expand(head: Token) -> list[int]:
    out: list[int] = []
    stack = [head]
    seen: set[int] = set()
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append(t.i)
        stack.extend(c for c in t.children if c.dep_ in _EXPAND)
    return out


def _acts(ref: Reference, doc: Doc) -> bool:
    """A name that is no place where something happened ('in Kunduz') and no news source cited
    ('told The Associated Press'); a pronoun or description acts as what it refers to."""
    if ref.kind not in ("name", "short", "acronym"):
        return True
    span = ref.span(doc)
    return not _is_location(span) and not _cited_source(span)


def event_participants(tok: Token, ents: tuple[Span, ...] | None = None,
                       triggers: frozenset[int] = frozenset()) -> tuple[tuple[Actor, str], ...]:
    """The event's actors, each with its role (an actor named twice keeps its first role, an
    agent role winning): the actors that the heads of its arguments (``argument_heads``) name or
    refer to (``references``: names, short forms, acronyms, pronouns, descriptions), less places
    where something happened and news sources cited."""
    return event_arguments(tok, ents, triggers)[0]


def event_arguments(tok: Token, ents: tuple[Span, ...] | None = None, triggers: frozenset[int] = frozenset()
                    ) -> tuple[tuple[tuple[Actor, str], ...], tuple[str, ...]]:
    """``event_participants``, and the definite descriptions among the heads of its arguments
    that the article leaves open ('role:noun', 'agent:plane': ``references.Reading.open``), for
    the store to resolve across the collection."""
    doc = tok.doc
    read = reading(doc, ents)
    refs = read.found
    actors: dict[str, tuple[Actor, str]] = {}
    heads = argument_heads(tok, triggers)
    described = tuple(dict.fromkeys(f"{heads[i]}:{read.open[i]}" for i in sorted(heads) if i in read.open))
    for i, part in sorted(heads.items()):
        ref = refs.get(i)
        if ref is None or ref.start <= tok.i < ref.end or not _acts(ref, doc):
            continue
        for actor in ref.actors:
            if actor.id not in actors or (part == "agent" and actors[actor.id][1] != "agent"):
                actors[actor.id] = (actors.get(actor.id, (actor, ""))[0], part)
    if tok.lemma_.lower() in maker_events():  # 'the Airbus A380 was delivered': by Airbus
        makers = product_makers(read)
        for actor, _ in list(actors.values()):
            maker = makers.get(actor.id)
            if maker is not None and maker.id not in actors:
                actors[maker.id] = (maker, "agent")
    if not actors and tok.pos_ == "NOUN":  # 'Kugelman said the attack ...': the speaker is not its agent
        verb = next((a for a in islice(tok.ancestors, 50) if a.pos_ == "VERB" and a.dep_ != "prep"), None)
        if verb is not None and verb.lemma_.lower() not in trigger_lexicon()["reporting_verbs"]:
            for c in verb.children:  # 'the Taliban ... after the attack': the clause's subject
                ref = refs.get(c.i) if c.dep_ in ("nsubj", "nsubjpass") else None
                if ref is not None and _acts(ref, doc):
                    for actor in ref.actors:
                        actors.setdefault(actor.id, (actor, "agent"))
    return tuple(actors.values()), described


def event_places(tok: Token, sent: Span | None = None, ents: tuple[Span, ...] | None = None) -> tuple[Place, ...]:
    sent = tok.sent if sent is None else sent
    ents = tok.doc.ents if ents is None else ents
    args = _argument_tokens(tok, conjoined=False)
    own = [e for e in _ents_in(args, entities.PLACE_LABELS, ents) if not _acting_country(e)]
    own += [e for e in _ents_in(args, frozenset({"ORG", "PERSON", "NORP"}), ents) if _is_location(e)]
    rest = [e for e in _sentence_places(tok.doc, ents, sent.start, sent.end) if e not in own and _where_any(e)]
    places: dict[str, Place] = {}
    for span in [*own, *rest]:
        place = _in_region(span) or entities.canonical_place(_with_direction(span))
        places.setdefault(place.id, place)
    return tuple(sorted(places.values(), key=lambda p: _PLACE_ORDER.get(p.kind, 3)))


def _acting_country(span: Span) -> bool:
    """A country that is the subject of a verb acts: who, not where ('Russia declared')."""
    return span_root(span).dep_ == "nsubj" and _a_country(span)


def _where_any(span: Span) -> bool:
    """A place of the sentence that may be where any of its events happened: not a nationality
    NER calls a place ('Ukrainian officials'), a country that acts, or where someone went ('fled to India')."""
    root = span_root(span)
    return not (len(span) == 1 and root.tag_ == "JJ" or _acting_country(span)
                or root.dep_ == "pobj" and root.head.lower_ in _DESTINATION
                and root.head.head.lemma_.lower() in trigger_lexicon()["movement_verbs"])


def _sentence_places(doc: Doc, ents, lo: int, hi: int) -> list[Span]:
    """The place entities that start in the sentence [lo, hi), in text order, once per sentence."""
    bounds = _bounds(doc, ents)[0]
    memo = doc.user_data.setdefault("timeline_participants_places", {})
    key = (id(ents), lo, hi)
    got = memo.get(key)
    if got is None or got[0] is not ents:
        got = memo[key] = (ents, [e for e, (start, _, label) in zip(ents, bounds, strict=True)
                                  if lo <= start < hi and label in entities.PLACE_LABELS])
    return got[1]


def _in_region(span: Span) -> Place | None:
    """'Greenwood, S.C.', 'Springfield, Illinois': the city of the state or country written
    after it, when GeoNames has one there."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    for width in (3, 2, 1):  # 'W. Va.', 'New Mexico', 'Mo.'
        if span.end + 1 + width > len(doc):
            continue
        region = doc[span.end + 1:span.end + 1 + width]
        where = entities.region_of(region.text) if region[0].is_title or region[0].is_upper else None
        if where is not None:
            return entities.geocode_in(span.text, *where)
    return None


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
