"""What happened, in words: an event's summary (subject + verb + object or first phrase,
clipped at clause boundaries, no dangling function words) and its clean source sentence.
"""

from __future__ import annotations

import re
from itertools import islice

from spacy.tokens import Span, Token

from timeline.dates.tree import subtree
from timeline.events.classes import PARTICLES
from timeline.events.event_date import lexicon
from timeline.events.features import polarity_modality
from timeline.events.triggers import is_trigger, phase_of, trigger_lexicon

_SUMMARY_STOP = frozenset({",", ";", ":", "—", "–", "(", "“", "”", '"'})


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
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp":  # 'Jones is due back in court': the copula's clause
        return _summary_of(head, max_tokens, sent, ("acomp", "advmod"))
    said = _summary_of(tok, max_tokens, sent)
    plan = next((c for c in tok.children if c.dep_ == "ccomp" and polarity_modality(c)[1] != "asserted"), None)
    if tok.lemma_.lower() in trigger_lexicon()["reporting_verbs"] or plan is not None:
        # 'Shaheen said: there would be no cooperation', 'Khrushchev announced: the missiles would be dismantled'
        content = next((c for c in tok.children if c.dep_ in ("ccomp", "parataxis")), None)
        if content is not None:
            words = [t for t in subtree(content) if not t.is_space and not t.is_punct and t.lower_ != "that"
                     or t.text in ("-", "’", "'")]
            told = _uncut(words[:max_tokens], content.i)
            return said + ": " + detokenize(told) + (" …" if len(words) > len(told) else "")
    return said


def _summary_of(tok: Token, max_tokens: int, sent: Span | None, extra: tuple[str, ...] = ()) -> str:
    keep: set[int] = {tok.i}
    kids = list(tok.children)  # read once: spaCy makes new Token objects on every walk
    for child in kids:
        if child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "dobj", "oprd", "acomp", "compound",
                          "amod", "poss", *extra):  # 'acomp': 'the protests turned deadly'
            keep.update(_clipped(child))
        elif _particle(child, tok.i):
            keep.add(child.i)  # 'was sworn in three days later': a particle the parser read as a preposition
        elif child.dep_ == "advmod" and child.i == tok.i + 1 and child.lower_ in PARTICLES:
            keep.add(child.i)  # 'passed away' (the parser's advmod for the particle)
    keep.update(_borrowed_subject(tok))
    head = tok.head
    if tok.dep_ == "xcomp" and head.i < tok.i and (phase := phase_of(head)) is not None and phase.i == tok.i:
        # 'The floodwaters began receding': the phase verb, with its auxiliaries, is part of the event
        keep.add(head.i)
        keep.update(c.i for c in head.children if c.dep_ in ("aux", "auxpass", "neg"))
    first_pp = next((c for c in kids if c.dep_ in ("prep", "agent") and c.i > tok.i), None)
    if first_pp is not None:
        keep.update(_clipped(first_pp))
    goal = next((c for c in kids if c.dep_ in ("xcomp", "advcl") and c.i > tok.i and c.tag_ == "VB"), None)
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if goal is None and obj is not None:  # 'ruled out cooperation with the US to contain extremist groups'
        goal = next((c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VB" and c.i > obj.i), None)
    if goal is not None:  # the folded infinitive ('urged the US to release funds')
        keep.update(_clipped(goal))
    sent = tok.sent if sent is None else sent
    body_start = _dateline_end(sent)
    doc = tok.doc  # the kept tokens in text order, not a scan of the whole sentence per event
    toks = [doc[i] for i in sorted(i for i in keep if max(sent.start, body_start) <= i < sent.end)]
    words = [t for t in toks if not t.is_space]
    at = next((n for n, t in enumerate(words) if t.i == tok.i), 0)  # a long subject never cuts the verb off
    return detokenize(_uncut(words[:max(max_tokens, at + 4)], tok.i))


def _uncut(toks: list[Token], keep: int) -> list[Token]:
    """A cut phrase does not end on 'in', 'the' or 'and', nor on a modifier whose noun was cut
    ('concluded negotiations on a free' -> 'concluded negotiations'), nor on the hyphen of a
    compound word ('struck the minivan head-' -> 'head-on'); the word at ``keep`` stays."""
    if toks and toks[-1].text in _DASHES and not toks[-1].whitespace_ and toks[-1].i + 1 < len(toks[-1].doc):
        toks = [*toks, toks[-1].doc[toks[-1].i + 1]]  # the word the hyphen joins
    last = toks[-1].i if toks else -1
    while len(toks) > 1 and toks[-1].i != keep and not _hyphenated(toks) and not _particle(toks[-1], keep) and (toks[-1].pos_ in _DANGLING or (
            toks[-1].dep_ in _LEFT_MODIFIERS and toks[-1].head.i > last)):
        toks = toks[:-1]
    return toks


def _particle(tok: Token, verb: int) -> bool:
    """A preposition with no object right after the verb: its particle ('was sworn in')."""
    return tok.dep_ in ("prep", "prt") and tok.i == verb + 1 and not any(True for _ in tok.children)


def _hyphenated(toks: list[Token]) -> bool:
    """The last word ends a hyphenated one ('head-on'): it is no dangling word."""
    return len(toks) > 1 and toks[-2].text in _DASHES and not toks[-2].whitespace_ and toks[-2].i + 1 == toks[-1].i


_LEFT_MODIFIERS = frozenset({"amod", "compound", "det", "nummod", "poss", "nmod", "quantmod"})
_SPACE_BEFORE_CLITIC = re.compile(r" (?=['’]s\b|[.,;:!?])")  # compiled once: re.sub looks its cache up per call


def detokenize(toks: list[Token]) -> str:
    """Tokens as the text wrote them: neighbours keep the article's own spacing ("20-year",
    "Taliban-ruled", "U.S.'s"); a gap where words were left out is one space."""
    out = []
    for k, t in enumerate(toks):
        out.append(t.text)
        if k + 1 < len(toks):
            nxt = toks[k + 1]
            out.append((t.whitespace_ and " ") if nxt.i == t.i + 1 else " ")
    return _SPACE_BEFORE_CLITIC.sub("", "".join(out)).strip()


_DASHES = frozenset({"-", "–", "—", "--"})
_DANGLING = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART"})


def _dateline_end(sent: Span) -> int:
    """Index of the first token after a news dateline ("ISLAMABAD –", "KABUL, Afghanistan
    (AP) —"): an upper-case place at the start of the sentence, closed by a dash within
    eight tokens.  The sentence start when there is none.  Found once per sentence (every
    event of the sentence asks)."""
    found = sent.doc.user_data.setdefault("timeline_summaries_dateline_end", {})
    key = (sent.start, sent.end)
    if key not in found:
        found[key] = _find_dateline_end(sent)
    return found[key]


def _find_dateline_end(sent: Span) -> int:
    words = list(islice((t for t in sent if not t.is_space), 9))  # the first nine words only
    if not words or not (words[0].is_upper and len(words[0].text) > 1):
        return sent.start
    for t in words[1:9]:
        if t.text in _DASHES:
            return t.i + 1
    return sent.start


def _borrowed_subject(tok: Token) -> set[int]:
    """'waited to leave for Kunduz', 'met and agreed to release': a verb with no subject of
    its own takes the subject of the verb it completes or is conjoined with; one that completes
    a verb with an object takes the object ('urged the US to release funds': the US releases)."""
    cur = tok
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            if cur.i == tok.i:
                return set()
            # 'He was arrested and sentenced': a conjoined verb with no auxiliary of its own shares
            # the first one's ('He was sentenced', not 'He sentenced')
            # ('has been under arrest and denies wrongdoing': a finite verb has no auxiliary to share)
            shared = ("nsubj", "nsubjpass", "aux", "auxpass") if tok.dep_ == "conj" and tok.tag_ in ("VB", "VBN", "VBG") \
                and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) else ("nsubj", "nsubjpass")
            return {i for c in cur.children if c.dep_ in shared for i in _clipped(c)}
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return set()
        if cur.dep_ == "xcomp":  # 'drove Afghans fleeing attacks', 'urged the US to release': the object does it
            obj = [c for c in cur.head.children if c.dep_ == "dobj"]
            if obj:
                return {i for c in obj for i in _clipped(c)}
        cur = cur.head
    return set()


def _clipped(tok: Token) -> set[int]:
    """A child's subtree up to the first punctuation or embedded clause."""
    out = set()
    for t in subtree(tok):
        if t.text in _SUMMARY_STOP or (t.i != tok.i and t.dep_ in ("relcl", "acl", "advcl", "ccomp")):
            if t.i > tok.i:
                out.difference_update(x.i for x in subtree(t))  # not the clause's 'to' or 'who'
                break
            continue
        out.add(t.i)
    return out
