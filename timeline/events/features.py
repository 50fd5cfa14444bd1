"""General linguistic features of an event trigger, for choosing its dating template.

``event_features`` reads the spaCy parse around a trigger and the product's own resolved
temporal expressions (never gold data) and returns a small dict of categorical features:
part of speech, tense, aspect, modality, negation, reporting verb or its complement,
quotation, stative lemma, the governing expression's relation and position relative to
the publication date, and the same for the sentence's and the text's last expression.
``timeline.events.templates`` maps these features to a label template with a decision
tree learned on the training split (``tools/learn_event_templates.py``) and stored as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from timeline.dates.tree import in_quotation, per_token, sentence_chars
from timeline.events.event_date import Cues, decide, lexicon, timex_interval
from timeline.events.tense import tense_aspect
from timeline.models import Timex

_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca", "'d"})
_WILL = frozenset({"will", "'ll", "shall", "wo"})
_CLIMB = frozenset({"ccomp", "parataxis", "conj", "xcomp", "advcl"})
_DEPS = {"ROOT": "root", "ccomp": "ccomp", "xcomp": "xcomp", "advcl": "advcl", "relcl": "relcl", "acl": "relcl",
         "conj": "conj", "pobj": "pobj", "dobj": "obj", "nsubj": "subj", "nsubjpass": "subj", "pcomp": "pobj",
         "compound": "compound", "amod": "mod", "parataxis": "ccomp"}


@dataclass(frozen=True)
class Slots:
    """The temporal expressions a template may be instantiated with."""

    governing: Timex | None = None  # G: reached through the parse (own, head's, relative clause)
    sentence: Timex | None = None  # S: the nearest dated expression of the sentence, if not G
    last: Timex | None = None  # L: the last dated expression before the sentence
    published: date | None = None
    rule: object = None  # the hand-written rules' EventDate (event_dates.decide), template "rule"


@dataclass(frozen=True)
class Features:
    values: dict = field(default_factory=dict)
    slots: Slots = Slots()


def timex_class(tx: Timex | None, published: date | None) -> str:
    """Where an expression lies relative to the publication date."""
    if tx is None:
        return "none"
    if tx.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return tx.value.lower()
    first, last, _ = timex_interval(tx, published)
    if first is None or last is None or published is None:
        return "undated"
    if first == last:
        return "dct" if first == published else ("past_day" if first < published else "future_day")
    if last < published:
        return "past_range"
    return "future_range" if first > published else "cur_range"


def _dated(tx: Timex) -> bool:
    return tx.first is not None or tx.last is not None or tx.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


@per_token
def modality(tok: Token) -> tuple[str, bool]:
    kids = list(tok.children)
    words = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    neg = any(c.dep_ == "neg" for c in kids)
    if words & _WILL:
        return "will", neg
    if words & _MODALS:
        return "modal", neg
    return "none", neg


@per_token
def polarity_modality(tok: Token) -> tuple[str, str]:
    """(positive | negative, asserted | future | possible) of a trigger: 'will not work' is a
    negative future, 'no cooperation' a negative noun, 'could attack' possible.  An event noun
    that is the object of a verb takes that verb's ('did not hold talks', 'will hold talks')."""
    modal, neg = modality(tok)
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and modal == "none":
        modal, neg = modality(tok.head)  # 'is not due in court': the copula's
        if modal == "none" and tok.head.tag_ in ("VBZ", "VBP"):
            modal = "will"  # 'is due in court Wednesday': an appearance still to come
    if tok.pos_ in ("NOUN", "PROPN"):
        neg = neg or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and head.i != tok.i and head.pos_ in ("VERB", "AUX"):
            head_modal, head_neg = modality(head)
            neg = neg or head_neg
            modal = modal if modal != "none" else head_modal
    return ("negative" if neg else "positive"), {"will": "future", "modal": "possible"}.get(modal, "asserted")


def reporting_head(tok: Token) -> Token | None:
    """The reporting verb whose complement this event is ('said [the talks] failed')."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.lemma_.lower() in lexicon()["reporting_lemmas"]:
            return cur
    return None


@per_token
def verb_form(tok: Token) -> str:
    """finite | infinitive | gerund | participle | noun | adj | other."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if tok.pos_ == "ADJ":
        return "adj"
    kids = list(tok.children)
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in kids):
        return "infinitive"
    if any(c.dep_ in ("aux", "auxpass") for c in kids) or tok.tag_ in ("VBD", "VBZ", "VBP"):
        return "finite"
    return {"VBG": "gerund", "VBN": "participle", "VB": "infinitive"}.get(tok.tag_, "other")


@per_token
def head_tense(tok: Token) -> str:
    """Tense of the nearest finite verb above a non-finite event or noun (the sentence's root:
    itself; the learned table, event_templates.json, was built so; a "root" value with a
    relearned table was measured and not kept, README "Relearning with a real root")."""
    cur = tok
    for _ in range(4):
        cur = cur.head  # (the root: its own head, itself)
        if cur.pos_ in ("VERB", "AUX") and verb_form(cur) == "finite":
            return tense_aspect(cur)[0]
    return "none"


def _pos(tok: Token) -> str:
    return tok.pos_ if tok.pos_ in ("VERB", "NOUN", "ADJ", "AUX") else ("NOUN" if tok.pos_ == "PROPN" else "OTHER")


def event_features(tok: Token, cues: Cues, timexes: list[Timex], published: date | None) -> Features:
    """Categorical features of one trigger (timexes sorted by offset)."""

    lex = lexicon()
    start_char, end_char = sentence_chars(tok)
    in_sent = [t for t in timexes if start_char <= t.start < end_char and _dated(t) and t is not cues.timex]
    near = min(in_sent, key=lambda t: abs(t.start - tok.idx), default=None)
    before = [t for t in timexes if t.end <= start_char and _dated(t) and t.first is not None]
    last = before[-1] if before else None
    modal, neg = modality(tok)
    rep = reporting_head(tok)
    rep_tense = tense_aspect(rep)[0] if rep is not None else "no"
    lemma = tok.lemma_.lower()
    values = {
        "pos": _pos(tok), "tense": cues.tense, "aspect": cues.aspect, "modal": modal, "neg": str(neg),
        "reporting": str(lemma in lex["reporting_lemmas"]), "under_report": rep_tense,
        "quote": str(in_quotation(tok)), "state": str(lemma in lex["state_lemmas"]),
        "dep": _DEPS.get(tok.dep_, "other"), "rel": cues.relation if cues.timex is not None else "none",
        "g": timex_class(cues.timex, published), "g_via": "own" if not cues.inherited_from else "inherited",
        "s": timex_class(near, published), "l": timex_class(last, published),
        "form": verb_form(tok), "head_tense": head_tense(tok),
        "ongoing_state": str(lemma in lex["ongoing_state_lemmas"]),  # read by templates.refine, not the tree
    }
    rule = decide(cues, published)
    values["rule"] = rule_kind(rule, published)
    return Features(values, Slots(cues.timex, near, last, published, rule))


def rule_kind(ed, published: date | None) -> str:
    """The shape of the hand-written rules' answer (a feature: the tree refines the rules)."""
    if published is None or not ed.label:
        return "none"
    p = published.isoformat()
    if ed.label.startswith("beginPoint"):
        return "ongoing" if ed.label == f"beginPoint=before{p}endPoint=after{p}" else "multi_" + ed.source
    if ed.label in (p, f"before{p}", f"after{p}"):
        return ed.label.replace(p, "") or "dct"
    return "timex_" + ("point" if ed.first is not None and ed.first == ed.last else "range")
