"""Who each word refers to: the actors of an article and every place it names or refers to them
(issue 19).  One pass per article, in text order, with no target given: the product's actor
filter, lanes and exports read ``Event.actors``, and these are the mentions behind them.

* **Names** (``name``): a named entity that can act (person, organisation, group, state,
  nationality, product), as ``entities.canonical_actor`` resolves it (actors.yaml aliases,
  legal suffixes).  A maker's name followed by a model number names the model ("Airbus A380",
  "Boeing's 777", "iPhone 4"), not the maker.
* **Short forms** (``short``), once the article names the actor in full: a person's surname or
  given name ("Jobs" -> Steve Jobs) when one full name of the article has it; for other names a
  distinctive tail that does not start with the name's first word (the maker, owner or place:
  "787 Dreamliner", "Dreamliner", "A380", "Air Force"), made of words the article never writes
  in lower case and that are not generic name words ("Airlines").  A short form counts only
  where the proper-name run around it holds nothing but words of that name ("Steve Wozniak" is
  not Steve Jobs).
* **Acronyms** (``acronym``) the article defines right after a name ("Singapore Airlines (SIA)").
* **Pronouns** (``pronoun``): he/she for the person last named (or so referred to) as a clause subject
  within three sentences; they/them/their for the actors named together as a subject in that sentence
  or the one before ("Ryanair and Boeing said they"), unless a thing is the subject of the pronoun's own
  sentence; it/its/they/their for the organisation, group or product last named in the same sentence.
* **Descriptions** (``description``): a definite noun phrase ("the airline", "the company")
  whose noun the article uses for a named actor (apposition "Airbus, the aircraft maker", "X is
  a Y", "aircraft maker Airbus", the nouns a product's name modifies: "the A380 superjumbo
  airliner", whose head noun refers to the product too), for the actor last so described.  One
  that no actor of the article is described by stays open (``reading``: ``Reading.open``, with
  the nouns of each actor, ``Reading.kinds``): the store resolves it across the articles of a
  collection (``events/kinds.py``: "the plane" where another article calls the A380 a plane).

Not actors: the byline and dateline (the caller leaves their entities out) and the words of
``actors.yaml``'s ``not_actors``.  Cited news sources and places that do not act are left out
where the event's arguments are read (``participants``).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

import numpy as np
from spacy.symbols import NOUN
from spacy.tokens import Doc, Span, Token

from timeline.dates.tree import among, doc_text, lower_words, token_offsets, with_child
from timeline.events import entities
from timeline.events.descriptions import describing_nouns, kind_noun, kind_nouns
from timeline.events.names import has_digit, name_matches, named, namey
from timeline.events.resources import normalise_name, word_set
from timeline.models import Actor

_THINGS = frozenset({"ORG", "PRODUCT", "NORP", "GPE"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_DEFINITE = frozenset({"the", "this", "that"})
_WORD = re.compile(r"\S+")
_KEY = "timeline_references"


@dataclass(frozen=True)
class Reference:
    """Tokens [start, end) of the Doc refer to ``actor``; ``kind`` says how (module doc) and
    ``label`` is the NER label of the name behind it."""

    start: int
    end: int
    actor: Actor
    kind: str
    label: str
    others: tuple[Actor, ...] = ()  # 'they' for several people: the others it stands for

    @property
    def actors(self) -> tuple[Actor, ...]:
        return (self.actor, *self.others)

    def span(self, doc: Doc) -> Span:
        return Span(doc, self.start, self.end, label=self.label)


@functools.cache
def _words(name: str) -> frozenset[str]:
    return word_set("actors", name, "references")


def member_nouns() -> frozenset[str]:
    """Nouns for the people who act for a group ('Taliban officials', 'ISIS fighters')."""
    return _words("member_nouns")


@dataclass
class _Name:
    text: str
    label: str
    actor: Actor

    @functools.cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(w for w in _WORD.findall(self.text) if w not in ("'s", "’s"))

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(normalise_name(w) for w in self.words)


def _short_forms(name: _Name, lower: frozenset[str]) -> list[str]:
    """Shorter forms that name the actor once the article names it in full (module doc)."""
    w = name.words
    if len(w) < 2:
        return []
    if name.label == "PERSON":
        return list(dict.fromkeys([w[-1], w[0]]))
    out = []
    for i in range(1, len(w)):
        tail = w[i:]
        if not all(t[:1].isupper() or has_digit(t) for t in tail):
            continue
        if len(tail) > 1 or _distinctive(tail[0], lower):
            out.append(" ".join(tail))
    out += [t for t in w[1:-1] if has_digit(t) and _distinctive(t, lower)]
    return list(dict.fromkeys(out))


def _distinctive(word: str, lower: frozenset[str]) -> bool:
    if has_digit(word):
        return len(word) >= 2 and any(ch.isalpha() for ch in word) or len(word) >= 3
    return word[:1].isupper() and word.lower() not in lower and word.lower() not in _words("generic_name_words")


def _spans(doc: Doc, text_of_doc: str, text: str) -> list[tuple[int, int]]:
    """Token spans where ``text`` stands as whole words in ``text_of_doc`` (the Doc's text, read
    once by the caller; case as written, a plural 's' allowed)."""
    out = []
    starts = ends = None
    for m_start, m_end in name_matches(_WORD.findall(text), text_of_doc):  # whole words, plural 's' allowed
        if starts is None:
            starts, ends = token_offsets(doc)
        # doc.char_span(m.start(), m.end(), alignment_mode="expand"), without a Span: every
        # character lies in one token (its text and trailing space), found by bisection
        a = bisect.bisect_right(starts, m_start) - 1
        b = bisect.bisect_right(starts, m_end - 1)
        if m_start == ends[a]:  # in the space after a token: the next one
            a += 1
        if b > a:
            out.append((a, b))
    return out


def _run_fits(doc: Doc, start: int, end: int, name: _Name) -> bool:
    """The proper-name run around tokens [start, end) holds only words of ``name``."""
    a, b = start, end
    while a > 0 and not doc[a].is_sent_start and namey(doc[a - 1]):
        a -= 1
    while b < len(doc) and not doc[b].is_sent_start and namey(doc[b]):
        b += 1
    for t in doc[a:b]:
        key = normalise_name(t.text)
        if key and key not in name.keys and not (key.endswith("s") and key[:-1] in name.keys):
            return False
    return True


def _pleonastic(tok: Token) -> bool:
    """'It is expected that ...', 'it emerged that ...': an "it" whose verb has a clause of its
    own as complement refers to that clause, not to a thing."""
    if tok.lower_ != "it" or tok.dep_ not in _SUBJECTS:
        return False
    kids = list(tok.head.children)
    return any(c.dep_ in ("ccomp", "csubj") or (c.dep_ == "xcomp" and c.pos_ == "ADJ") for c in kids) \
        or any(c.dep_ == "acomp" for c in kids) and any(c.dep_ in ("xcomp", "ccomp") for c in kids)


def _clause_subject(tok: Token, found: dict[int, Reference]) -> Reference | None:
    """'ISIS has launched attacks on Shiites since its emergence': a pronoun inside a clause
    whose subject is a thing named before it is that subject.  A pronoun that is itself the
    subject of a clause subordinate to another ('the A380 will wear the livery of Singapore
    Airlines when it arrives') is that clause's subject."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            subj = next((c for c in anc.children if c.dep_ in _SUBJECTS and c.i < tok.i), None)
            if subj is None and tok.dep_ in _SUBJECTS and tok.head == anc and anc.dep_ == "advcl":
                return _clause_subject(anc, found)
            ref = found.get(subj.i) if subj is not None else None
            return ref if ref is not None and ref.label in _THINGS else None
    return None


def _definite_head(tok: Token) -> bool:
    """'the plane', 'the new aircraft': a common noun with a definite determiner and no name."""
    if tok.pos_ != "NOUN" or tok.tag_ not in ("NN", "NNS") or tok.ent_type_:
        return False
    kids = list(tok.children)
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in kids) and \
        not any(c.dep_ in ("compound", "poss", "nmod") and (c.pos_ == "PROPN" or c.ent_type_) for c in kids)


@dataclass(frozen=True)
class Reading:
    """What ``references`` reads in an article: the references, the definite descriptions it
    leaves open (token index -> head noun: no actor of the article is so described) and the
    nouns the article uses for each of its named actors but persons ('Airbus, the aircraft
    maker': maker; none for some).
    The store resolves the open ones across the articles of a collection (``events.kinds``)."""

    found: dict[int, Reference]
    open: dict[int, str]
    kinds: dict[Actor, frozenset[str]]
    first: dict[str, int]  # actor id -> the character offset where the article first names it


def references(doc: Doc, ents: tuple[Span, ...] | None = None) -> dict[int, Reference]:
    """Token index -> the Reference it belongs to, for every token that names or refers to an
    actor (module doc).  ``ents``: the entities that may be actors (default ``doc.ents``).
    Cached on the Doc per entity set."""
    return reading(doc, ents).found


def reading(doc: Doc, ents: tuple[Span, ...] | None = None) -> Reading:
    """``references`` with the descriptions left open and the nouns of each actor (``Reading``)."""
    cache = doc.user_data.get(_KEY)
    if cache is not None and ents is not None and cache[2] is ents:  # the caller's same tuple again
        return cache[1]
    given = ents
    ents = tuple(doc.ents) if ents is None else tuple(ents)
    key = tuple((e.start, e.end) for e in ents)
    if cache is not None and cache[0] == key:
        if isinstance(given, tuple):
            doc.user_data[_KEY] = (key, cache[1], given)
        return cache[1]
    found = _references(doc, ents)
    doc.user_data[_KEY] = (key, found, given if isinstance(given, tuple) else None)
    return found


def _references(doc: Doc, ents: tuple[Span, ...]) -> Reading:
    refs: dict[tuple[int, int], Reference] = {}
    full: dict[str, _Name] = {}  # actor id -> the article's longest name of it
    for start, end, text, label in named(doc, ents):
        actor = entities.canonical_actor(text, label)
        if actor is None:
            continue
        refs[(start, end)] = Reference(start, end, actor, "name", label)
        name = _Name(text, label, actor)
        if len(name.words) > len(full.get(actor.id, _Name("", "", actor)).words):
            full[actor.id] = name
    lower = lower_words(doc)
    # a short form or acronym -> the one full name of the article it stands for
    forms: dict[str, set[str]] = {}
    for aid, name in full.items():
        for form in _short_forms(name, lower):
            forms.setdefault(form, set()).add(aid)
    for (_, end), ref in list(refs.items()):
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            word = doc[end + 1].text
            if word.isupper() and word.isalpha() and 2 <= len(word) <= 8 and ref.actor.id in full:
                forms.setdefault(word, set()).add(ref.actor.id)
    covered = {i for a, b in refs for i in range(a, b)}
    for (start, end), ref in list(refs.items()):  # NER's own short names ('Jobs', 'SIA')
        target = forms.get(doc[start:end].text)
        if target and len(target) == 1 and next(iter(target)) != ref.actor.id:
            aid = next(iter(target))
            if len(full[aid].words) > len(doc[start:end].text.split()):
                refs[(start, end)] = Reference(start, end, full[aid].actor, "short", full[aid].label)
    text_of_doc = doc_text(doc)
    for form, aids in forms.items():
        if len(aids) != 1:
            continue
        name = full[next(iter(aids))]
        kind = "acronym" if form.isupper() and form.isalpha() and len(form.split()) == 1 and form not in name.words \
            else "short"
        for a, b in _spans(doc, text_of_doc, form):
            if covered.intersection(range(a, b)):
                continue
            if kind == "acronym" or _run_fits(doc, a, b, name):
                refs[(a, b)] = Reference(a, b, name.actor, kind, name.label)
                covered.update(range(a, b))
    for ref in list(refs.values()):  # 'the A380 superjumbo airliner' is the A380
        heads = kind_nouns(ref.span(doc)) if ref.label == "PRODUCT" else []  # no Span for the others
        if heads and heads[-1].i not in covered:
            k = heads[-1].i
            refs[(k, k + 1)] = Reference(k, k + 1, ref.actor, "description", ref.label)
            covered.add(k)
    return _with_anaphora(doc, refs)


def _with_anaphora(doc: Doc, refs: dict[tuple[int, int], Reference]) -> Reading:
    """The names, with the pronouns and definite descriptions that refer back to them."""
    nouns: dict[str, Reference] = {}  # describing noun -> the name it describes (the last one read wins)
    described: dict[str, set[str]] = {}
    generic = _words("generic_name_words")
    for (a, b), ref in refs.items():
        if ref.kind == "name" and ref.label != "PERSON":
            mine = described.setdefault(ref.actor.id, set())
            mine.update(describing_nouns(doc, ref.span(doc)))
            for t in doc[a:b]:  # 'Singapore Airlines' is 'the airline', 'Ford Motor Company' 'the company'
                low = t.lower_  # the name's own word and its singular ('Airlines': 'the airline')
                mine.update(kind_noun(w) for w in (low, low[:-1] if low.endswith("s") else "") if w in generic)
    starts = {a: ref for (a, _), ref in refs.items()}
    persons, neuter, plural = _words("person_pronouns"), _words("neuter_pronouns"), _words("plural_pronouns")
    out: dict[int, Reference] = {}
    left_open: dict[int, str] = {}
    last_person: tuple[Reference, int] | None = None  # the person, the sentence count when named
    last_thing: tuple[Reference, int, bool] | None = None  # the thing, the sentence naming it, as a subject
    last_group: tuple[tuple[Actor, ...], int] | None = None  # actors named together as a subject
    refs_at = {k: ref for (a, b), ref in refs.items() for k in range(a, b)}
    sent_of = np.cumsum(doc.to_array("SENT_START") == 1).tolist()  # 1-based from the first sentence
    base = sent_of[0] if sent_of else 0
    end_of_refs = -1
    for i in _visited(doc, starts):  # names, pronouns and nouns: no Token object for other words
        if i < end_of_refs:
            continue
        tok = doc[i]
        sents = sent_of[i] - base
        ref = starts.get(i)
        if ref is not None:
            out.update((k, ref) for k in range(ref.start, ref.end))
            root = doc[ref.start:ref.end].root
            group = [r.actor for c in root.conjuncts if (r := refs_at.get(c.i)) is not None and r.actor != ref.actor]
            if root.dep_ in _SUBJECTS and group and root.i < min(c.i for c in root.conjuncts):
                last_group = ((ref.actor, *group), sents)  # 'Marco Watson, 36, and Devin Thomas, 18, were ...'
            if ref.label == "PERSON":
                if root.dep_ in _SUBJECTS or last_person is None or last_person[0].actor == ref.actor:
                    last_person = (ref, sents)
            elif ref.label in _THINGS:
                last_thing = (ref, sents, root.dep_ in _SUBJECTS)
                nouns.update((n, ref) for n in described.get(ref.actor.id, ()))
            end_of_refs = ref.end
            continue
        low = tok.lower_
        if tok.tag_ in ("PRP", "PRP$") and tok.dep_ != "expl":
            if low in persons and last_person is not None and sents - last_person[1] <= 3:
                p = last_person[0]
                out[i] = Reference(i, i + 1, p.actor, "pronoun", p.label)
                last_person = (p, sents) if tok.dep_ in _SUBJECTS else last_person  # 'He talked ...': still him
            elif low in plural and last_group is not None and sents - last_group[1] <= 1 and (
                    last_thing is None or last_thing[1] != sents or not last_thing[2]):
                first, *rest = last_group[0]  # 'they': the actors named together as a subject
                out[i] = Reference(i, i + 1, first, "pronoun", "GROUP", tuple(rest))
            elif (low in neuter or low in plural) and last_thing is not None and last_thing[1] == sents \
                    and not _pleonastic(tok):
                t = _clause_subject(tok, out) or last_thing[0]
                out[i] = Reference(i, i + 1, t.actor, "pronoun", t.label)
        elif _definite_head(tok):
            kind = kind_noun(tok.lemma_.lower())
            holder = nouns.get(kind)
            if holder is None:
                left_open[i] = kind
                continue
            out[i] = Reference(i, i + 1, holder.actor, "description", holder.label)
            last_thing = (holder, sents, tok.dep_ in _SUBJECTS)
    actors = {ref.actor.id: ref.actor for ref in refs.values() if ref.kind == "name"}
    first: dict[str, int] = {}
    for (a, _), ref in sorted(refs.items()):
        first.setdefault(ref.actor.id, doc[a].idx)
    return Reading(out, left_open, {actors[a]: frozenset(n) for a, n in described.items()}, first)


def _visited(doc: Doc, starts: dict[int, Reference]) -> list[int]:
    """The tokens ``_with_anaphora`` reads, in order: where a name starts, personal and
    possessive pronouns, common nouns with a definite determiner (the only ones
    ``_definite_head`` takes), from the Doc's arrays."""
    tags, pos = doc.to_array("TAG"), doc.to_array("POS")
    strings = doc.vocab.strings
    prp = among(tags, np.array([strings.add("PRP"), strings.add("PRP$")], dtype=tags.dtype))
    wanted = prp | (pos == NOUN) & with_child(doc, "det", _DEFINITE)
    return sorted(set(np.flatnonzero(wanted).tolist()) | set(starts))
