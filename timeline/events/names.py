"""The names in an article that can act (``references`` reads them first): NER's entities of
the acting kinds, the brands NER leaves out ("iPhone", "iTunes Store"), a model number joined to
its maker ("Airbus A380" is the plane, not Airbus), a person's whole name when NER leaves a given
name out, without a title NER put in ("Coroner Darris Fowler"), and NER's leading small words and
adjectives left out ("first Airbus A380")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from timeline.dates.tree import doc_text
from timeline.events.resources import normalise_name, word_set

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT"})
_NOT_MODELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def _titles() -> frozenset[str]:
    return word_set("actors", "person_titles", "references")


def has_digit(w: str) -> bool:
    return any(ch.isdigit() for ch in w)


def namey(t: Token) -> bool:
    if t.is_space or t.is_punct or (t.is_stop and not has_digit(t.text)):
        return False
    return t.text[:1].isupper() or has_digit(t.text) or t.pos_ == "PROPN"


def _model_end(doc: Doc, end: int, name_keys: frozenset[str]) -> int:
    """'the Airbus A380', "Boeing's 777": the end of the name with the model number that follows
    it (the same end when none does)."""
    k = end + 1 if end < len(doc) and doc[end].text in ("'s", "'", "’s") else end
    if k >= len(doc):
        return end
    nxt = doc[k]
    if has_digit(nxt.text) and any(ch.isalpha() for ch in nxt.text + doc[end - 1].text) and namey(nxt) \
            and nxt.ent_type_ not in _NOT_MODELS and normalise_name(nxt.text) not in name_keys \
            and not any(doc[j].is_sent_start for j in range(end, k + 1)):
        k += 1
        while k < len(doc) and not doc[k - 1].whitespace_ and doc[k].text.isalnum():  # 'iPhone 3G': '3' 'G', one word
            k += 1
        while k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN" and doc[k].ent_type_ \
                not in ("GPE", "ORG", "NORP") and not doc[k].is_sent_start:  # 'Boeing 787 Dreamliner'
            k += 1
        return k
    return end


def _operator(e: Span) -> bool:
    """The name of a company that operates vehicles ('American Airlines'; 'Air France', two words
    led by such a word: actors.yaml ``operator_name_words``): a model number after it is the
    maker's model that it flies, no model of its own."""
    words = word_set("actors", "operator_name_words", "references")
    return e[-1].lower_ in words or len(e) == 2 and e[0].lower_ in words


_CAMEL = re.compile(r"(?<![\w-])[a-z][a-z0-9]*[A-Z]\w*")


def _camel(t: Token) -> bool:
    """'iPhone', 'iTunes', 'eBay': a brand written with a small first letter and a capital inside."""
    w = t.text
    return len(w) > 2 and w[0].islower() and any(ch.isupper() for ch in w[1:]) and w.isalnum()


def _whole_person(doc: Doc, e: Span) -> Span:
    """'Trevor [Andre Williams]', '[Olyvia] [Lynn Batson]': NER leaves a given name out of the
    person, or makes it an entity of its own; the capitalised proper nouns right before a person
    are part of the name, titles aside ('Deputy', 'Sheriff': actors.yaml ``person_titles``), and
    a title NER put in the name is left out ('Coroner Darris Fowler')."""
    k = e.start
    while k > 0 and doc[k - 1].tag_ == "NNP" and doc[k - 1].is_title and doc[k - 1].is_alpha \
            and doc[k - 1].lower_ not in _titles() and \
            (not doc[k - 1].ent_type_ or doc[k - 1].ent_iob_ == "B" and (k < 2 or doc[k - 2].ent_type_ == "")
             and doc[k - 1].ent_type_ != "PERSON"):
        k -= 1
    while e.end - k > 2 and doc[k].lower_.rstrip(".") in _titles():  # 'Coroner Darris Fowler'
        k += 1
    return e if k == e.start else Span(doc, k, e.end, label="PERSON")


def named(doc: Doc, ents: tuple[Span, ...]) -> list[tuple[int, int, str, str]]:
    """(start, end, text, label) of the names that can act, a model number joined to its maker,
    NER's leading small words and adjectives left out ('first Airbus A380', 'First Airbus A380'),
    and the brands NER leaves out ('iPhone'; with a capitalised word after it: 'iTunes Store')."""
    out = []
    covered = {i for e in ents for i in range(e.start, e.end)}
    found = list(ents)
    text = doc_text(doc)
    for m in _CAMEL.finditer(text):  # the text, not every Token: most articles have none
        t = doc.char_span(m.start(), m.end())
        if t is None or len(t) != 1 or t.start in covered or not _camel(t[0]):
            continue
        t = t[0]
        end = t.i + 1
        while end < len(doc) and end not in covered and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
            end += 1
        found.append(Span(doc, t.i, end, label="PRODUCT"))
        covered.update(range(t.i, end))
    for e in sorted(found, key=lambda x: x.start):
        if e.label_ not in NAME_LABELS:
            continue
        if e.label_ == "PERSON":
            e = _whole_person(doc, e)
        if e.label_ != "PERSON":
            k = e.start
            while k < e.end - 1 and doc[k].is_alpha and (doc[k].is_lower or doc[k].tag_ in ("JJ", "JJS", "DT", "RB")):
                k += 1
            if k > e.start and not doc[k - 1].whitespace_ and not doc[k].is_alpha:
                k = e.start  # 'pro-Russian' is one word: not '-Russian'
            e = Span(doc, k, e.end, label=e.label_) if k != e.start else e
        keys = frozenset(normalise_name(w) for w in e.text.split())
        end = _model_end(doc, e.end, keys) if e.label_ in ("ORG", "PRODUCT") and not _operator(e) else e.end
        if end != e.end:
            out.append((e.start, end, doc[e.start:end].text.replace(" 's ", " ").replace("'s ", " "), "PRODUCT"))
        else:
            out.append((e.start, e.end, e.text, e.label_))
    return out


_WORDISH = re.compile(r"[\w&]")
_SPACES = re.compile(r"\s+")


def name_matches(words: list[str], text: str):
    """(start, end) of each match, in order, that ``re.finditer`` of the regex
    ``(?<![\\w&])words[0]\\s+words[1]...(?:e?s)?(?![\\w&])`` (the words as literals: at least one, the
    words of a name; any run of spaces between them; a plural 's' allowed) gives in ``text``,
    without compiling a regex per name (re's compile costs more than the search, and an article's
    names are mostly new) and without the lookbehind (which stops re from scanning for the first
    word).  The spaces before a word are all of them (a word starts with no space), and the plural
    ending is tried as the regex tries it: 'es', 's', none."""
    first, pos = words[0], 0
    while (k := text.find(first, pos)) >= 0:
        end = _name_end(words, text, k + len(first))
        if end is None or k > 0 and _WORDISH.match(text, k - 1):
            pos = k + 1
            continue
        yield k, end
        pos = end


def _name_end(words: list[str], text: str, i: int) -> int | None:
    for w in words[1:]:
        m = _SPACES.match(text, i)
        if m is None or not text.startswith(w, m.end()):
            return None
        i = m.end() + len(w)
    for tail in ("es", "s", ""):
        if text.startswith(tail, i) and not _WORDISH.match(text, i + len(tail)):
            return i + len(tail)
    return None
