"""Where a target actor is named in a document: its full name or an alias, a plural,
possessive or gap inside the name, an acronym the text defines, and its short forms once the
document names it in full (a person's surname, the distinctive tail of a product's name).
``Options`` switches each mechanism (see ``actor_timelines``' docstring)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from timeline.events import entities
from timeline.events.resources import entries, normalise_name


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


# ----------------------------------------------------------------------------- target names

_WORD = re.compile(r"\S+")


def has_digit(w: str) -> bool:
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
            if not all(t[0].isupper() or has_digit(t) for t in tail):
                continue
            if len(tail) > 1 or _distinctive(tail[0], common):
                out.append(" ".join(tail))
        for t in w[1:-1]:
            if _distinctive(t, common) and has_digit(t):
                out.append(t)
        return tuple(dict.fromkeys(out))


def _distinctive(word: str, common: frozenset[str]) -> bool:
    if has_digit(word):
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
    if t.is_space or t.is_punct or (t.is_stop and not has_digit(t.text)):
        return False
    return t.text[:1].isupper() or has_digit(t.text) or t.pos_ == "PROPN"


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


def defined_acronyms(doc: Doc, spans: list[tuple[int, int]]) -> set[str]:
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
    return has_digit(nxt.text) and _namey(nxt) and normalise_name(nxt.text) not in target.keys \
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
    for acr in sorted(defined_acronyms(doc, full) | set(acronyms)):
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
