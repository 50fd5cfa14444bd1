"""'A 17-year-old shot a man', '8-year-old shot, killed after accident', 'a 7-year-old fatally
shot Ty-Ryne Hoskins': the small English
model reads a past verb right after an age used as a noun ('17-year-old') as a noun that the
age modifies ('shot', NN, with 'old' as its adjective), so the sentence tells no event.  Local
news leads and headlines are full of them.  Run right after the parser, ``repair_age_subjects``
makes such a word the verb it is: the age is its subject; with an object after it ('a man',
'himself', 'his brother', 'and killed ...') a past tense (VBD), else a passive participle (VBN:
'shot in leg').  A word is a past verb form when it ends in '-ed' or the lemmatizer's table of
irregular verb forms has it ('shot', 'hit', 'stole'); the attribute ruler and lemmatizer that
run after the repair give it its part of speech, tense and lemma ('shoot').
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Doc, Token

from timeline.dates.tree import doc_text

_AGE_THEN_WORD = re.compile(r"\byear-old[^\S\n]+[a-z]", re.IGNORECASE)
_OBJECT_TAGS = frozenset({"DT", "PRP", "PRP$", "NNP", "NNPS", "CD"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP"})


def _age(tok: Token) -> bool:
    """'old' closing an age written with hyphens ('17-year-old', 'three-year-old')."""
    doc = tok.doc
    return (tok.lower_ == "old" and tok.i >= 3 and doc[tok.i - 1].text == "-"
            and doc[tok.i - 2].lower_ in ("year", "years") and doc[tok.i - 3].text == "-")


def _past_form(word: Token, irregular: Collection[str]) -> bool:
    w = word.lower_
    return (w.endswith("ed") and len(w) > 4) or w in irregular


def _active(verb: Token, irregular: Collection[str]) -> bool:
    """An object follows ('shot a man', 'shot himself'), or a second verb ('shot and killed')."""
    doc = verb.doc
    if verb.i + 1 >= len(doc):
        return False
    nxt = doc[verb.i + 1]
    if nxt.tag_ in _OBJECT_TAGS:
        return True
    return nxt.lower_ == "and" and verb.i + 2 < len(doc) and _past_form(doc[verb.i + 2], irregular)


def _give_the_age_its_modifiers(age: Token, holder: Token) -> None:
    """'A' of 'A 17-year-old' (and a possessive or adjective before the age), which the parse
    hung on the word it misread the age as modifying, is the age's."""
    for c in list(holder.children):
        if c.i < age.i - 3 and c.dep_ in ("det", "poss", "amod", "compound", "nummod"):
            c.head = age


def _modifier_of_the_object(age: Token, irregular: Collection[str]) -> None:
    """'Police said a 7-year-old fatally shot Ty-Ryne Hoskins, 3, ...' parsed as one noun phrase,
    the age and the past verb both modifying the name after them: the verb heads its clause, the
    name is its object, the age its subject."""
    doc, k = age.doc, age.i + 1
    while k < len(doc) and doc[k].tag_ == "RB":
        k += 1
    if k >= len(doc):
        return
    verb, obj = doc[k], age.head
    if not (verb.dep_ == "amod" and verb.head.i == obj.i > verb.i and _past_form(verb, irregular)
            and obj.tag_ in ("NNP", "NNPS", "PRP") and age.dep_ == "amod"):
        return
    new = any(c.lower_ in ("a", "an") for c in obj.children if c.i < age.i)
    if k == age.i + 1 and not new:
        return  # 'the 19-year-old injured Smith': an adjective, unless an adverb or 'a' makes it an act
    if obj.head.i == obj.i:
        verb.head, verb.dep_ = verb, "ROOT"
    else:
        verb.dep_ = "ccomp" if obj.dep_ == "dobj" and obj.head.tag_.startswith("VB") else obj.dep_
        verb.head = obj.head
    _give_the_age_its_modifiers(age, obj)
    for adverb in doc[age.i + 1:verb.i]:
        adverb.head, adverb.dep_ = verb, "advmod"
    obj.head, obj.dep_ = verb, "dobj"
    age.head, age.dep_ = verb, "nsubj"
    verb.tag_ = "VBD"


def repair_age_subjects(doc: Doc, irregular: Collection[str]) -> Doc:
    """The Doc, with each past verb misread as a noun after an age made a verb (module doc)."""
    if not _AGE_THEN_WORD.search(doc_text(doc)):  # the text joined once for the whole pipeline
        return doc
    for tok in doc:
        if not _age(tok) or tok.i + 1 >= len(doc):
            continue
        if tok.head.i > tok.i + 1 and tok.dep_ == "amod":
            _modifier_of_the_object(tok, irregular)
            continue
        verb = doc[tok.i + 1]
        if verb.tag_ not in _NOUN_TAGS or tok.head.i != verb.i or not _past_form(verb, irregular) \
                or verb.is_sent_start:
            continue
        active = _active(verb, irregular)
        _give_the_age_its_modifiers(tok, verb)
        for c in verb.children:  # 'a man' is the verb's object
            if c.i > verb.i and c.dep_ == "appos" and active:
                c.dep_ = "dobj"
        if verb.dep_ == "dobj" and verb.head.tag_.startswith("VB"):
            verb.dep_ = "ccomp"  # 'Police say a 10-year-old shot ...': what they say, no object of theirs
        if active and doc[verb.i + 1].lower_ == "and":  # '... shot and killed': the age did both
            conj = doc[verb.i + 2]
            if conj.dep_ == "conj" and conj.head.i == verb.head.i != verb.i:
                conj.head = verb
                doc[verb.i + 1].head = verb
        tok.head = verb
        tok.dep_ = "nsubj" if active else "nsubjpass"
        verb.tag_ = "VBD" if active else "VBN"
    return doc
