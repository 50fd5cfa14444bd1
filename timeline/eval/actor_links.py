"""References to a target and the events it takes part in: pronouns and definite
descriptions that refer back to it (``references``), and the events whose arguments hold one
of its mentions (``argument_heads``, ``linked_events``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from timeline.eval.actor_names import (
    Mention,
    Options,
    TargetName,
    defined_acronyms,
    full_name_spans,
    has_digit,
)
from timeline.events.resources import normalise_name
from timeline.models import Event

# ----------------------------------------------------------------------------- references

_PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_NEUTER = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_THING_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "NORP", "GPE"})
_DEFINITE = frozenset({"the", "this", "that"})


def describing_nouns(root: Token, span: Span | None = None) -> set[str]:
    """Common nouns the text uses to say what the entity at ``root`` is: an apposition
    ("Airbus , Europe 's biggest aircraft manufacturer"; "the 787 , Boeing 's newest aircraft"),
    "X is a Y" ("Ryanair is the world 's most profitable airline"), and a noun before the
    name ("aircraft manufacturer Boeing", "the airline Ryanair")."""
    out: set[str] = set()
    cands: list[Token] = []
    if root.dep_ == "appos":
        cands.append(root.head)
    cands += [c for c in root.children if c.dep_ in ("appos", "compound") and c.i != root.i]
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        cands += [c for c in root.head.children if c.dep_ == "attr"]
    inside = range(span.start, span.end) if span is not None else range(root.i, root.i + 1)
    for c in cands:
        if c.pos_ == "NOUN" and c.is_alpha and c.ent_type_ == "" and c.i not in inside:
            out.add(c.lemma_.lower())
    return out


def _entity_spans(doc: Doc) -> list[Span]:
    """Named entities, and the nominals NER leaves out that carry digits ("the 787")."""
    spans = [e for e in doc.ents if e.label_ == "PERSON" or e.label_ in _THING_LABELS]
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    for t in doc:
        if t.i not in covered and has_digit(t.text) and any(ch.isalpha() for ch in t.text) \
                and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"):
            spans.append(doc[t.i:t.i + 1])
    return sorted(spans, key=lambda s: s.start)


@dataclass
class CorpusNames:
    """What the corpus says about its names: the words it writes in lower case, the NER label
    of each target's full-name mentions (a PERSON gets given name / surname and he/she), and
    the nouns that describe each target and each other named entity."""

    lower_words: set[str] = field(default_factory=set)
    labels: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    target_nouns: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    entity_nouns: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    acronyms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_doc(self, doc: Doc, targets: Iterable[TargetName], options: Options = Options()) -> None:
        self.lower_words.update(t.text for t in doc if t.text.isalpha() and t.text.islower())
        for e in _entity_spans(doc):
            self.entity_nouns[normalise_name(e.text)] |= describing_nouns(e.root, e)
        for target in targets:
            spans = [span for _, span in full_name_spans(doc, target, options)]
            self.acronyms[target.name] |= defined_acronyms(doc, spans)
            for a, b in spans:
                root = doc[a:b].root
                self.labels[target.name][root.ent_type_] += 1
                self.target_nouns[target.name].update(describing_nouns(root, doc[a:b]))

    def is_person(self, target: TargetName) -> bool:
        """NER calls two thirds of the full-name mentions PERSON."""
        counts = self.labels.get(target.name)
        return bool(counts) and counts["PERSON"] * 3 >= 2 * sum(counts.values())

    def nouns(self, target: TargetName) -> frozenset[str]:
        return frozenset(self.target_nouns.get(target.name, ()))


def _definite_head(tok: Token) -> bool:
    """'the plane', 'the new aircraft': a common noun with a definite determiner and no name."""
    if tok.pos_ != "NOUN" or tok.tag_ not in ("NN", "NNS") or tok.ent_type_:
        return False
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in kids):
        return False
    return not any(c.dep_ in ("compound", "poss", "nmod") and (c.pos_ == "PROPN" or c.ent_type_) for c in kids)


def _pleonastic(tok: Token) -> bool:
    """'It is expected that ...', 'it emerged that ...', 'it has taken so long to ...': an "it"
    whose verb has a clause of its own as complement refers to that clause, not to a thing."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ in ("ccomp", "csubj") or (c.dep_ == "xcomp" and c.pos_ == "ADJ") for c in tok.head.children) \
        or any(c.dep_ == "acomp" for c in tok.head.children) and any(c.dep_ in ("xcomp", "ccomp") for c in tok.head.children)


def references(doc: Doc, mentions: list[Mention], person: bool, names: CorpusNames,
               target_nouns: frozenset[str], options: Options = Options()) -> list[Mention]:
    """Pronouns and definite descriptions that refer to the target.

    The text is read in order, keeping the last person named (another person counts as the
    subject of a clause: "Tim Cook spoke", not "Mac" misread as a name), the last thing (company,
    product, place) named, and for each describing noun the last entity it describes.  A pronoun refers to
    the last person (he/she) or thing (it/its, they/their; only within the sentence that names
    the thing, and not a pleonastic "it"); "the plane" to the last entity that "plane"
    describes.  The target's own mentions count as names of their kind."""
    own = {m.start: m for m in mentions}
    ents = {e.start: e for e in _entity_spans(doc)}
    last_person: bool | None = None  # True: the target, False: someone else
    last_thing: bool | None = None
    thing_sent = -1  # the sentence of the last thing named
    sent_of = {t.i: k for k, sent in enumerate(doc.sents) for t in sent}
    last_by_noun: dict[str, bool] = {}
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        if i in own:
            if person:
                last_person = True
            else:
                last_thing, thing_sent = True, sent_of[i]
                last_by_noun.update((n, True) for n in target_nouns)
            i = own[i].end
            continue
        if i in ents:
            e = ents[i]
            if e.label_ == "PERSON":
                if e.root.dep_ in ("nsubj", "nsubjpass"):  # a person named in passing does not take 'he'
                    last_person = False
            else:
                last_thing, thing_sent = False, sent_of[i]
                last_by_noun.update((n, False) for n in names.entity_nouns.get(normalise_name(e.text), ()))
            i = e.end
            continue
        tok = doc[i]
        low = tok.lower_
        if tok.tag_ in ("PRP", "PRP$") and tok.dep_ != "expl":
            if options.pronouns and person and low in _PERSONAL and last_person:
                out.append(Mention(i, i + 1, "pronoun"))
            elif options.pronouns and not person and last_thing and (
                    low in _NEUTER or (options.plural_pronouns and low in _PLURAL)) \
                    and thing_sent == sent_of[i] and not _pleonastic(tok):
                out.append(Mention(i, i + 1, "pronoun"))
        elif options.descriptions and _definite_head(tok):
            lemma = tok.lemma_.lower()
            if lemma in last_by_noun:
                if last_by_noun[lemma]:
                    out.append(Mention(i, i + 1, "description"))
                if not person:
                    last_thing, thing_sent = last_by_noun[lemma], sent_of[i]
        i += 1
    return out


# ----------------------------------------------------------------------------- linking

_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "poss", "nmod", "npadvmod", "appos"})
_NOUN_MODS = frozenset({"compound", "poss", "nmod", "amod"})
_EXPAND = frozenset({"conj", "appos"})


def _expand(heads: Iterable[Token]) -> set[int]:
    out: set[int] = set()
    stack = list(heads)
    while stack:
        t = stack.pop()
        if t.i in out:
            continue
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ in _EXPAND)
    return out


def _controller(tok: Token) -> Token | None:
    """The verb whose subject a subjectless verb shares: the one it completes or is conjoined
    with ("agreed to buy", "met and agreed"), or the one whose preposition it follows ("started
    by hinting", "unveiled the device by walking")."""
    if tok.dep_ in ("xcomp", "conj", "advcl"):
        return tok.head
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return tok.head.head
    return None


def argument_heads(tok: Token, event_tokens: set[int] | None = None) -> set[int]:
    """Token indices of the heads of the trigger's participant phrases (see module doc).
    ``event_tokens``: the Doc's event triggers; an event noun that is the object of a verb which
    is no event itself (a light verb: "made the decision", "has plans") takes that verb's
    subject.  (The object of an event verb is not its subject's event: "Boeing criticised the
    launch".)"""
    heads: list[Token] = []
    for c in tok.children:
        if c.dep_ in _CORE:
            heads.append(c)
        elif c.dep_ in ("prep", "agent"):
            heads.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in _NOUN_MODS and tok.pos_ == "NOUN":
            heads.append(c)
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        heads.append(tok.head)  # 'Airbus , which has out-sold', 'iPods sold in France', 'Jobs , born in'
    if tok.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        cur = tok
        for _ in range(3):
            nxt = _controller(cur)
            if nxt is None or nxt is cur:
                break
            cur = nxt
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                heads.extend(subj)
                break
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "attr", "nsubjpass", "pobj") and tok.head is not tok:
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        if verb.pos_ in ("VERB", "AUX") and event_tokens is not None and verb.i not in event_tokens:
            heads.extend(c for c in verb.children if c.dep_ == "nsubj")  # 'Jobs made the decision'
    out = _expand(heads)
    out.discard(tok.i)
    return out


def _event_token(doc: Doc, ev: Event) -> Token | None:
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _definite_event_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)


def linked_events(doc: Doc, events: Iterable[Event], mentions: list[Mention],
                  actor_id: str | None = None, event_anaphora: bool = True) -> list[Event]:
    """The events among ``events`` that the target (named or referred to at ``mentions``) takes
    part in; with ``actor_id``, also those whose product actors include it.  With
    ``event_anaphora`` a definite event noun ("the deal") is the event of the same kind
    mentioned last before it (same lemma or synonym class), so it has that one's participants."""
    from timeline.events.triggers import synonym_classes

    classes = synonym_classes()
    mention_tokens: set[int] = set()
    for m in mentions:
        mention_tokens.update(range(m.start, m.end))
    out = []
    last_of_kind: dict[str, bool] = {}
    events = sorted(events, key=lambda e: e.trigger_start)
    toks = [_event_token(doc, ev) for ev in events]
    event_tokens = {t.i for t in toks if t is not None}
    for ev, tok in zip(events, toks, strict=True):
        linked = actor_id is not None and any(a.id == actor_id for a in ev.actors)
        if tok is not None and tok.i not in mention_tokens:
            linked = linked or not mention_tokens.isdisjoint(argument_heads(tok, event_tokens))
        kind = classes.get(ev.lemma, ev.lemma)
        if not linked and event_anaphora and tok is not None and _definite_event_noun(tok):
            linked = last_of_kind.get(kind, False)
        last_of_kind[kind] = linked
        if linked:
            out.append(ev)
    return out
