"""``python -m timeline.eval actor-timelines DOCS.jsonl TARGETS.jsonl OUT.jsonl``: actor timelines.

The analyst view that filters the timeline by actor, measured as SemEval-2015 Task 4
("TimeLine"): for each (corpus, target) list the events the target takes part in, dated and in
timeline order, in the prediction format of ``../shared/eval/score_t4.py``.

Reads only ``doc_id``, ``corpus``, ``dct``, ``title`` and ``text`` of each document, and only
``corpus`` and ``target`` of each TARGETS line (a gold timelines file is accepted; its rows,
mentions and dates are never read).  Every document goes through the product's own per-article
function (``timeline.pipeline.analyze_doc`` with ``Article(published=dct)``); the events and
their dates are the product's.  What this module adds is the actor filter:

* **Where the target is named** (``target_mentions``): its full name or an actors.yaml alias,
  case-insensitive, with a plural ("A380s"), a possessive or one more capitalised word inside
  ("the Beatles' Apple Corps", "iTunes Music Store"); an acronym the corpus defines right
  after the name ("Singapore Airlines (SIA)"); and, in a document that names the target in full
  (or uses every word of its name), its short forms: a person's given name or surname
  ("Jobs"), and for other names the distinctive tail of the name ("787 Dreamliner",
  "Dreamliner", "A380", "Air Force"), never its leading modifier ("Boeing" of "Boeing 787").
  A short form counts only where the proper-name run around it holds nothing but words of the
  target ("Steve Wozniak" is not "Steve Jobs"), and a maker's name followed by a model number
  names the model ("Airbus A380" is not Airbus).
* **Where it is referred to** (``references``): he/she when the target is the last person
  named (another person counts as a clause subject); it/its/they/their when the target is the
  last company or product named in the same sentence, not a pleonastic "it" ("It is expected
  that"); and a definite description ("the plane", "the airline") whose noun the corpus uses to
  describe the target (apposition, "X is a Y", "aircraft manufacturer X") when the target is
  the last entity so described.
* **Not** the product's ``Event.actors``: they hold every entity of the trigger's argument
  subtree ("Louis Gallois, the Airbus chief executive, said" has Airbus), which costs more
  precision than it brings recall (``Options.product_actors``; README).
* **Which events it takes part in** (``argument_heads``): an event whose trigger has a mention
  among the heads of its arguments (subject, object, agent, possessor, a prepositional object,
  a modifier of an event noun), directly or through coordination/apposition; a verb with no
  subject of its own borrows the one of the verb it completes ("agreed to buy", "started by
  hinting"); a relative or participle clause has the noun it describes ("Airbus , which has
  out-sold", "Jobs , born in"); an event noun that is the object of a light verb takes that
  verb's subject ("Jobs made the decision").
* **Order**: by date (first day, then last day), then publication date and document, then
  position; events with the same interval share an order number.  Events whose date is open on
  a side ("before the publication day") or missing come last with order 0 (not placed).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from timeline.events import entities
from timeline.events.resources import entries, normalise_name
from timeline.models import Article, Event


@dataclass(frozen=True)
class Options:
    """Switches of the actor filter (all on by default; the eval record in the README says
    what each one gains on the dev data)."""

    gaps: bool = True  # a possessive / one capitalised word inside the full name
    short_forms: bool = True  # surname, tail of a product name, once the document names it
    pronouns: bool = True  # he/she, it/its
    plural_pronouns: bool = True  # they/their for a company or product
    descriptions: bool = True  # "the plane", "the company"
    event_anaphora: bool = False  # "the deal" shares the participants of the last deal
    model_names: bool = True  # "Airbus A380" does not name Airbus
    product_actors: bool = False  # also the product's Event.actors (entities of the whole subtree)


# ----------------------------------------------------------------------------- input


def read_docs(path: str) -> list[dict]:
    keep = ("doc_id", "corpus", "dct", "title", "text")
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append({k: rec.get(k) for k in keep} | {"doc_id": str(rec["doc_id"])})
    return out


def read_targets(path: str) -> list[tuple[str, str]]:
    """(corpus, target) pairs in file order; every other field of the line is ignored."""
    out: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                pair = (rec["corpus"], rec["target"])
                if pair not in out:
                    out.append(pair)
    return out


@dataclass(frozen=True)
class Adapted:
    """The text the pipeline reads and the way back to the source's offsets.

    The corpus writes one sentence per line, tokens joined by spaces ("Apple 's", "`` Darwin ''").
    The product reads a line break inside a paragraph as a space and a blank line as a paragraph
    end (``timeline_paragraphs``), and expects printed text.  Each line therefore becomes a
    paragraph of its own, and the token spacing is undone.  ``to_source[i]`` is the source offset
    of character ``i``."""

    text: str
    to_source: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_source[start], self.to_source[end - 1] + 1


def _paragraphs(text: str) -> Adapted:
    out: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(text):
        out.append(ch)
        back.append(i)
        if ch == "\n":
            out.append("\n")
            back.append(i)
    back.append(len(text))
    return Adapted("".join(out), tuple(back))


_GLUE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "%", "'s", "'S", "'", "n't", "'re", "'ve", "'ll",
                          "'d", "'m", "...", "''"})
_GLUE_AFTER = frozenset({"(", "[", "$", "``", "`"})
_QUOTES = {"``": '"', "''": '"', "`": "'"}


def adapt(text: str, detokenise: bool = True) -> Adapted:
    """Each line its own paragraph; with ``detokenise`` the corpus's token spacing is undone as
    a news site prints it ("Apple 's" -> "Apple's", "`` Darwin ''" -> '"Darwin"')."""
    if not detokenise:
        return _paragraphs(text)
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for line in text.split("\n"):
        if out:
            out.append("\n\n")
            back += [pos - 1, pos - 1]
        glue_next = True
        for m in re.finditer(r"[^ ]+", line):
            tok, start = m.group(), pos + m.start()
            shown = _QUOTES.get(tok, tok)
            if not glue_next and tok not in _GLUE_BEFORE:
                out.append(" ")
                back.append(start - 1)
            out.append(shown)
            back += [start + min(k, len(tok) - 1) for k in range(len(shown))]
            glue_next = tok in _GLUE_AFTER
        pos += len(line) + 1
    back.append(len(text))
    return Adapted("".join(out), tuple(back))


# ----------------------------------------------------------------------------- target names

_WORD = re.compile(r"\S+")


def _has_digit(w: str) -> bool:
    return any(ch.isdigit() for ch in w)


@dataclass(frozen=True)
class TargetName:
    """A target's name and the forms under which a text may name it."""

    name: str

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(_WORD.findall(self.name))

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(normalise_name(w) for w in self.words)

    @cached_property
    def aliases(self) -> tuple[str, ...]:
        """The name and the aliases actors.yaml gives its canonical actor."""
        out = [self.name]
        actor_id = self.actor_id
        for entry in entries("actors"):
            if entry["name"] == actor_id:
                out += [entry["display"], *entry["aliases"]]
        return tuple(dict.fromkeys(out))

    @cached_property
    def actor_id(self) -> str | None:
        actor = entities.canonical_actor(self.name)
        return actor.id if actor is not None else None

    def short_forms(self, person: bool, common: frozenset[str]) -> tuple[str, ...]:
        """Shorter forms that name the target once its full name is known in the text.

        A person: the surname and the given name.  Anything else: a tail of the name that does
        not start with its first word (the first word is a modifier: the maker, owner or place,
        "Boeing 787", "Singapore Airlines", "iTunes store"), made of capitalised words or words
        with digits, and, alone, a word with digits ("A380", "787", "3G"; not a bare "4") or a
        capitalised word that the corpus never writes in lower case ("Dreamliner", not "Airlines").
        """
        w = self.words
        if len(w) < 2:
            return ()
        if person:
            return tuple(dict.fromkeys([w[-1], w[0]]))
        out = []
        for i in range(1, len(w)):
            tail = w[i:]
            if not all(t[0].isupper() or _has_digit(t) for t in tail):
                continue
            if len(tail) > 1 or _distinctive(tail[0], common):
                out.append(" ".join(tail))
        for t in w[1:-1]:
            if _distinctive(t, common) and _has_digit(t):
                out.append(t)
        return tuple(dict.fromkeys(out))


def _distinctive(word: str, common: frozenset[str]) -> bool:
    if _has_digit(word):
        return len(word) >= 2
    return word[0].isupper() and word.lower() not in common


_JOIN = r"(?:\s*(?:'s?|’s?))?(?:\s+[A-Z][\w.-]*)?\s+"


def name_regex(name: str, case_insensitive: bool, gaps: bool = False) -> re.Pattern:
    """A name as a whole-word pattern with an optional plural ("A380s").  With ``gaps`` a
    possessive and one capitalised word may stand between two of its words ("the Beatles '
    Apple Corps", "iTunes Music Store" for "iTunes store")."""
    words = [re.escape(w) for w in _WORD.findall(name)]
    body = (_JOIN if gaps else r"\s+").join(words)
    flags = re.IGNORECASE if case_insensitive else 0
    return re.compile(r"(?<![\w&])" + body + r"(?:e?s)?(?![\w&])", flags)


# ----------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    start: int  # token indices in the Doc, [start, end)
    end: int
    kind: str  # full | alias | acronym | short | pronoun | description


def _namey(t: Token) -> bool:
    if t.is_space or t.is_punct or (t.is_stop and not _has_digit(t.text)):
        return False
    return t.text[:1].isupper() or _has_digit(t.text) or t.pos_ == "PROPN"


def _name_run(doc: Doc, start: int, end: int) -> list[Token]:
    """The proper-name run around tokens [start, end) within its sentence: neighbours that are
    capitalised content words or carry digits ("Steve [Jobs]" -> "Steve Jobs")."""
    sent = doc[start].sent
    a, b = start, end
    while a > sent.start and _namey(doc[a - 1]):
        a -= 1
    while b < sent.end and _namey(doc[b]):
        b += 1
    return list(doc[a:b])


def _run_fits(run: list[Token], target: TargetName) -> bool:
    for t in run:
        key = normalise_name(t.text)
        if key not in target.keys and not (key.endswith("s") and key[:-1] in target.keys):
            return False
    return True


def _spans(doc: Doc, pattern: re.Pattern) -> list[tuple[int, int]]:
    out = []
    for m in pattern.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return out


def _acronyms(doc: Doc, spans: list[tuple[int, int]]) -> set[str]:
    """'Singapore Airlines ( SIA )': an all-capital word in brackets right after the name."""
    out = set()
    for _, end in spans:
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            word = doc[end + 1].text
            if word.isupper() and 2 <= len(word) <= 8 and word.isalpha():
                out.add(word)
    return out


_NOT_MODELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})


def _names_a_model(doc: Doc, span: tuple[int, int], target: TargetName) -> bool:
    """'the Airbus A380', 'Boeing's 777' are planes, not their maker: the name is followed,
    in its proper-name run, by a model number that is not part of the target's name."""
    end = span[1]
    if end < len(doc) and doc[end].text in ("'s", "'"):
        end += 1
    if end >= len(doc):
        return False
    nxt = doc[end]
    return _has_digit(nxt.text) and _namey(nxt) and normalise_name(nxt.text) not in target.keys \
        and nxt.ent_type_ not in _NOT_MODELS


def full_name_spans(doc: Doc, target: TargetName, options: Options = Options()) -> list[tuple[str, tuple[int, int]]]:
    """(kind, token span) of each full name ("full") or actors.yaml alias ("alias") of the target."""
    out = []
    for k, alias in enumerate(target.aliases):
        for span in _spans(doc, name_regex(alias, True, gaps=options.gaps)):
            if not (options.model_names and _names_a_model(doc, span, target)):
                out.append(("full" if k == 0 else "alias", span))
    return out


def _uses_every_word(doc: Doc, target: TargetName) -> bool:
    words = {t.text for t in doc}
    return all(w in words for w in target.words)


def target_mentions(doc: Doc, target: TargetName, person: bool, common: frozenset[str],
                    options: Options = Options(), acronyms: Iterable[str] = ()) -> list[Mention]:
    """Every place in the Doc where the target is named (token spans, in text order).
    ``acronyms``: the target's acronyms defined elsewhere in the corpus."""
    found: dict[tuple[int, int], str] = {}
    full: list[tuple[int, int]] = []
    for kind, span in full_name_spans(doc, target, options):
        full.append(span)
        found.setdefault(span, kind)
    for acr in sorted(_acronyms(doc, full) | set(acronyms)):
        for span in _spans(doc, name_regex(acr, False)):
            full.append(span)
            found.setdefault(span, "acronym")
    if options.short_forms and (full or _uses_every_word(doc, target)):
        for form in target.short_forms(person, common):
            for a, b in _spans(doc, name_regex(form, False)):
                if any(x <= a < y or x < b <= y for x, y in found):
                    continue
                if _run_fits(_name_run(doc, a, b), target):
                    found[(a, b)] = "short"
    return [Mention(a, b, kind) for (a, b), kind in sorted(found.items())]


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
        if t.i not in covered and _has_digit(t.text) and any(ch.isalpha() for ch in t.text) \
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
            self.acronyms[target.name] |= _acronyms(doc, spans)
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


# ----------------------------------------------------------------------------- timeline


def placed(ev: Event) -> bool:
    """An event goes on the timeline when both ends of its date are known; one known only as
    "before the publication day" or "since 2004" is listed but not placed (order 0), like an
    undated one."""
    return ev.date_start is not None and ev.date_end is not None


def timeline_key(doc_rank: int, ev: Event) -> tuple:
    """Placed events first, by first day, then last day; then the others, by the day they are
    bounded by (undated last); ties by publication date / document, then position."""
    first = ev.date_start or ev.date_end or date.max
    last = ev.date_end or ev.date_start or date.max
    return (not placed(ev), first, last, doc_rank, ev.trigger_start)


def number_timeline(events: list[tuple[Event, dict]]) -> list[dict]:
    """score_t4.py's ``order``: 1, 2, 3 ... along the sorted placed events, the same number for
    the same interval (simultaneous), 0 for events that are not placed."""
    out, n, prev = [], 0, None
    for ev, row in events:
        if not placed(ev):
            out.append(row | {"order": 0})
            continue
        interval = (ev.date_start, ev.date_end)
        if interval != prev:
            n += 1
        prev = interval
        out.append(row | {"order": n})
    return out


@dataclass
class AnalysedDoc:
    record: dict
    adapted: Adapted
    doc: Doc
    events: tuple[Event, ...]


def analyse(records: list[dict], nlp, batch_size: int = 16, detokenise: bool = True) -> Iterator[AnalysedDoc]:
    """The product's per-article analysis of each record (publication date = dct), on the text
    as a news site prints it (``adapt``)."""
    from timeline.pipeline import analyze_doc

    adapted = [adapt(r.get("text") or "", detokenise) for r in records]
    arts = [Article(id=r["doc_id"], text=a.text, title=r.get("title") or "",
                    published=date.fromisoformat(r["dct"][:10]) if r.get("dct") else None,
                    published_origin="field" if r.get("dct") else "none")
            for r, a in zip(records, adapted, strict=True)]
    pairs = ((a.text, (r, ad, a)) for r, ad, a in zip(records, adapted, arts, strict=True))
    for doc, (r, ad, art) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield AnalysedDoc(r, ad, doc, analyze_doc(doc, art).events)


def corpus_names(docs: list[AnalysedDoc], targets: Iterable[TargetName], options: Options = Options()) -> CorpusNames:
    cn = CorpusNames()
    targets = list(targets)
    for ad in docs:
        cn.add_doc(ad.doc, targets, options)
    return cn


def doc_mentions(ad: AnalysedDoc, target: TargetName, names: CorpusNames,
                 options: Options = Options()) -> list[Mention]:
    """The target's names and references in one analysed document."""
    person = names.is_person(target)
    mentions = target_mentions(ad.doc, target, person, frozenset(names.lower_words), options,
                               names.acronyms.get(target.name, ()))
    if mentions:
        mentions = sorted(mentions + references(ad.doc, mentions, person, names, names.nouns(target), options),
                          key=lambda m: m.start)
    return mentions


def timeline(target: TargetName, docs: list[AnalysedDoc], names: CorpusNames,
             options: Options = Options()) -> list[dict]:
    """The target's events in timeline order, in score_t4.py's prediction format."""
    order = sorted(docs, key=lambda d: (d.record.get("dct") or "", _num(d.record["doc_id"])))
    rank = {ad.record["doc_id"]: k for k, ad in enumerate(order)}
    found: list[tuple[tuple, Event, dict]] = []
    for ad in docs:
        mentions = doc_mentions(ad, target, names, options)
        actor_id = target.actor_id if options.product_actors else None
        for ev in linked_events(ad.doc, ad.events, mentions, actor_id, options.event_anaphora):
            start, end = ad.adapted.source_span(ev.trigger_start, ev.trigger_end)
            found.append((timeline_key(rank[ad.record["doc_id"]], ev), ev, {
                "doc_id": ad.record["doc_id"], "start": start, "end": end,
                "date_start": ev.date_start.isoformat() if ev.date_start else None,
                "date_end": ev.date_end.isoformat() if ev.date_end else None,
            }))
    found.sort(key=lambda kv: kv[0])
    return number_timeline([(ev, row) for _, ev, row in found])


def _num(doc_id: str) -> tuple:
    return (0, int(doc_id), "") if doc_id.isdigit() else (1, 0, doc_id)


def predict_analysed(docs: list[AnalysedDoc], targets: list[tuple[str, str]],
                     options: Options = Options()) -> list[dict]:
    by_corpus: dict[str, list[AnalysedDoc]] = defaultdict(list)
    for ad in docs:
        by_corpus[ad.record.get("corpus") or ""].append(ad)
    names = {c: corpus_names(ds, [TargetName(t) for tc, t in targets if tc == c], options)
             for c, ds in by_corpus.items()}
    return [{"corpus": c, "target": t,
             "events": timeline(TargetName(t), by_corpus.get(c, []), names.get(c, CorpusNames()), options)}
            for c, t in targets]


def predict(records: list[dict], targets: list[tuple[str, str]], nlp, options: Options = Options()) -> list[dict]:
    return predict_analysed(list(analyse(records, nlp)), targets, options)


def run(docs_path: str, targets_path: str, output_path: str, model: str = "en_core_web_sm") -> int:
    from timeline.nlp import load_nlp

    preds = predict(read_docs(docs_path), read_targets(targets_path), load_nlp(model))
    with open(output_path, "w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    return 0
