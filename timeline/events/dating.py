"""Event dating: the interval of days on which an event happened (issue 5).

Two steps, like the timex tagger:

1. ``dating_cues(token, attached, published)`` reads the parse around an event trigger:
   the temporal expression that governs it (through prepositions, possessives or the
   clause it heads) and the relation that links them (``in`` / ``since`` / ``before`` /
   ``after`` / ``until``), its tense and aspect, whether it reports speech or is a state.
2. ``decide(cues, published)`` is pure: cues + publication date -> ``EventDate``, an
   inclusive interval with open sides as None (unknown stays unknown), the label in the
   TimeBank-EventTime syntax, a precision and a one-sentence explanation.

The cue words live in ``resources/en/event_dating.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from timeline.events.resources import entries, word_set
from timeline.models import Timex

ONE = timedelta(days=1)
UNKNOWN = "xxxx-xx-xx"
REF_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


@dataclass(frozen=True)
class Cues:
    """What the text says about when an event happened (pure data, no spaCy)."""

    tense: str  # past | present | future | none
    aspect: str = "simple"  # simple | progressive | perfect
    reporting: bool = False
    state: bool = False
    timex: Timex | None = None
    relation: str = "within"  # within | begin | end | before | after
    inherited_from: str = ""  # trigger whose timex this event shares ("" = its own)
    period: bool = False  # a change or level measured over a period ('rose in January')
    headline: bool = False  # in the article's headline ('Airbus launches A350'): news of the day


@dataclass(frozen=True)
class EventDate:
    first: date | None
    last: date | None
    precision: str
    source: str  # timex | publication | context | none
    label: str  # TimeBank-EventTime syntax
    explanation: str
    timex: Timex | None = None
    includes_published: bool = False  # an ongoing state: the interval contains the publication day


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    names = ("future_auxiliaries", "future_governors", "aspectual_governors", "reporting_lemmas", "state_lemmas",
             "period_lemmas", "event_relation_words", "past_modifiers", "future_modifiers",
             "casualty_lemmas", "sequence_verbs")
    lex = {n: word_set("event_dating", n) for n in names}
    for rel in entries("event_dating", "relations"):
        lex["rel:" + rel["relation"]] = frozenset(str(w).lower() for w in rel["words"])
    return lex


def relation_of(word: str) -> str | None:
    w = word.lower()
    for rel in ("begin", "end", "before", "after", "within"):
        if w in lexicon()["rel:" + rel]:
            return rel
    return None


# ---------------------------------------------------------------- labels (pure)

def _d(day: date) -> str:
    return day.isoformat()


def range_label(first: date, last: date, grain: str) -> str:
    """'Some day within [first, last]' in the corpus syntax (its month and year conventions)."""
    if first == last:
        return _d(first)
    whole_month = first.day == 1 and (last + ONE).day == 1 and first.month == last.month
    if grain == "month" and whole_month:  # the corpus writes a month as after YYYY-MM-01 before YYYY-MM-28
        return f"after{first.replace(day=1)}before{first.replace(day=28)}"
    if grain == "year" and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return f"after{first.year:04d}-01-01before{first.year:04d}-12-31"
    return f"after{_d(first - ONE)}before{_d(last + ONE)}"


def _point(first: date | None, last: date | None, grain: str) -> str:
    if first is None and last is None:
        return UNKNOWN
    if first is None:
        return f"before{_d(last + ONE)}"
    if last is None:
        return f"after{_d(first - ONE)}"
    return range_label(first, last, grain)


def multi_label(begin: str, end: str) -> str:
    return f"beginPoint={begin}endPoint={end}"


# ---------------------------------------------------------------- decision (pure)

def timex_interval(tx: Timex, published: date | None) -> tuple[date | None, date | None, str]:
    """Interval and grain of a governing expression; REF values relative to publication."""
    if tx.value == "PRESENT_REF" and published:
        return published, published, "day"
    if tx.value == "PAST_REF" and published:
        return None, published - ONE, "unknown"
    if tx.value == "FUTURE_REF" and published:
        return published + ONE, None, "unknown"
    return tx.first, tx.last, tx.grain


def _describe(tx: Timex) -> str:
    return f"'{tx.text}' ({tx.value})"


def decide(cues: Cues, published: date | None) -> EventDate:
    """Cues + publication date -> the event's interval, label and explanation."""
    tx = cues.timex
    if tx is not None:
        first, last, grain = timex_interval(tx, published)
        if first is not None or last is not None:
            return _from_timex(cues, tx, first, last, grain, published)
    return _from_tense(cues, published)


def _from_timex(cues: Cues, tx: Timex, first, last, grain, published) -> EventDate:
    via = f" (shared with '{cues.inherited_from}')" if cues.inherited_from else ""
    src = "context" if cues.inherited_from else "timex"
    rel = cues.relation
    if rel == "before" and first is not None:
        return EventDate(None, first - ONE, "unknown", src, f"before{_d(first)}",
                         f"Before {_describe(tx)}{via}.", tx)
    if rel == "after" and last is not None:
        bounded = _past_after(cues.tense, last, published)
        if bounded is not None:
            return EventDate(last + ONE, bounded, "unknown", src, f"after{_d(last)}before{_d(bounded + ONE)}",
                             f"After {_describe(tx)}{via}, and past: on or before the publication date.", tx)
        return EventDate(last + ONE, None, "unknown", src, f"after{_d(last)}",
                         f"After {_describe(tx)}{via}.", tx)
    if rel == "begin":
        end = "after" + _d(published) if published and cues.tense in ("present", "none") else UNKNOWN
        end_day = None
        label = multi_label(_point(first, last, grain), end)
        return EventDate(first, end_day, grain, src, label,
                         f"Began at {_describe(tx)}{via} and is still going on.", tx,
                         includes_published=published is not None and end != UNKNOWN)
    if rel == "end" and last is not None:
        return EventDate(None, last, grain, src, multi_label(UNKNOWN, _point(first, last, grain)),
                         f"Went on until {_describe(tx)}{via}.", tx)
    if tx.rule == "conjoined" and first != last:
        return EventDate(first, last, "day", src, multi_label(_d(first), _d(last)),
                         f"Over the days {_describe(tx)}{via}.", tx)
    if cues.period and rel == "within" and grain in _PERIOD_GRAINS and first is not None and last is not None:
        return EventDate(first, last, grain, src, multi_label(_d(first), _d(last)),
                         f"A change measured over {_describe(tx)}{via}: it spans the whole period.", tx)
    if first is None or last is None:  # PAST_REF / FUTURE_REF: a bound, not a range
        label = f"before{_d(last + ONE)}" if first is None else f"after{_d(first - ONE)}"
        return EventDate(first, last, "unknown", src, label, f"Dated by {_describe(tx)}{via}.", tx)
    return EventDate(first, last, grain, src, range_label(first, last, grain),
                     f"Dated by {_describe(tx)}{via}.", tx)


_PERIOD_GRAINS = frozenset({"week", "month", "quarter", "season", "year"})


def _past_after(tense: str, last: date, published: date | None) -> date | None:
    """A past event after a day before publication also ends by the publication day
    ('clerics attacked the rulers after Friday's attack'): that day, or None (open)."""
    if tense == "past" and published is not None and last < published:
        return published
    return None


def relative_to_event(relation: str, anchor: EventDate, anchor_word: str, tense: str,
                      published: date | None) -> EventDate | None:
    """'attacks since its emergence in 2014', 'rising after the Kunduz attack', 'left before
    the talks': an event with no date of its own, related by a preposition to another event
    of the article that is dated, is placed against that event's interval.  None when the
    anchor's interval does not bound the relation."""
    first, last, tx = anchor.first, anchor.last, anchor.timex
    what = f"'{anchor_word}' ({_point(first, last, anchor.precision)})"
    if relation == "after" and last is not None:
        bounded = _past_after(tense, last, published)
        if bounded is not None:
            return EventDate(last + ONE, bounded, "unknown", "context", f"after{_d(last)}before{_d(bounded + ONE)}",
                             f"After {what}, an event the article dates, and past: on or before the publication "
                             "date.", tx)
        return EventDate(last + ONE, None, "unknown", "context", f"after{_d(last)}",
                         f"After {what}, an event the article dates.", tx)
    if relation == "before" and first is not None:
        return EventDate(None, first - ONE, "unknown", "context", f"before{_d(first)}",
                         f"Before {what}, an event the article dates.", tx)
    if relation == "begin" and first is not None:
        ongoing = published is not None and tense in ("present", "none")
        end = "after" + _d(published) if ongoing else UNKNOWN
        label = multi_label(_point(first, last, anchor.precision), end)
        tail = " and is still going on" if ongoing else ""
        return EventDate(first, None, anchor.precision, "context", label,
                         f"Began with {what}, an event the article dates{tail}.", tx, includes_published=ongoing)
    if relation == "end" and last is not None:
        return EventDate(None, last, anchor.precision, "context", multi_label(UNKNOWN, _point(first, last,
                         anchor.precision)), f"Went on until {what}, an event the article dates.", tx)
    if relation == "within" and first is not None and last is not None:
        return replace(anchor, source="context", explanation=f"During {what}, an event the article dates.")
    return None


def _from_tense(cues: Cues, published: date | None) -> EventDate:
    if published is None:
        return EventDate(None, None, "unknown", "none", "",
                         "No date in the text and no publication date to count from.")
    p = published
    if cues.reporting and cues.tense in ("past", "present", "none"):
        return EventDate(p, p, "day", "publication", _d(p),
                         "A reporting verb with no date of its own: news reports speech on the publication day.")
    if cues.tense == "future":
        return EventDate(p + ONE, None, "unknown", "publication", f"after{_d(p)}",
                         "Future or intended, with no date: after the publication date.")
    if cues.headline and cues.tense == "present" and cues.aspect == "simple" and not cues.state:
        return EventDate(p, p, "day", "publication", _d(p),
                         "A headline in the present tense reports the news of the publication day.")
    if cues.tense == "present" and cues.aspect != "perfect" and not cues.state:
        return EventDate(None, None, "unknown", "publication", multi_label(f"before{_d(p)}", f"after{_d(p)}"),
                         "A present state or ongoing action: it includes the publication day.",
                         includes_published=True)
    if cues.aspect == "perfect" and cues.tense == "past":
        return EventDate(None, p - ONE, "unknown", "publication", f"before{_d(p)}",
                         "Past perfect with no date: before the publication date.")
    return EventDate(p, p, "day", "publication", _d(p),
                     "No date in the sentence: news reports it as happening on the publication day.")


# ---------------------------------------------------------------- reading the parse

_PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "'d"})
_BE_AUX = frozenset({"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_PRESENT_AUX = frozenset({"is", "are", "am", "has", "have", "does", "do", "'s", "'re", "'m", "'ve"})
_INHERIT_DEPS = frozenset({"conj", "relcl", "acl", "xcomp", "advcl", "pcomp", "dobj", "nsubj", "nsubjpass",
                           "pobj", "appos", "compound", "attr", "oprd", "npadvmod"})


def tense_aspect(tok: Token, depth: int = 0) -> tuple[str, str]:
    """(tense, aspect) of a verb or noun trigger from its tag and auxiliaries."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in auxes]
    future = lexicon()["future_auxiliaries"]
    aspect = "simple"
    if tok.tag_ == "VBN" and any(w in _PERFECT_AUX for w in words) and "been" not in words[-1:]:
        aspect = "perfect"
    elif tok.tag_ == "VBN" and any(w in _PERFECT_AUX for w in words):
        aspect = "perfect"
    elif tok.tag_ == "VBG" and any(w in _BE_AUX for w in words):
        aspect = "progressive"
    if any(w in future for w in words):
        return "future", aspect
    if any(w in _PAST_AUX for w in words):
        return "past", aspect
    if any(w in _PRESENT_AUX for w in words):
        return "present", aspect
    if "to" in words or tok.tag_ == "TO":
        return _infinitive_tense(tok, depth), aspect
    if tok.tag_ == "VBD":
        return "past", aspect
    if tok.tag_ in ("VBZ", "VBP"):
        return "present", aspect
    return "none", aspect


def _infinitive_tense(tok: Token, depth: int = 0) -> str:
    """'plans to visit' -> future; 'wanted to go' (a past governor) -> past."""
    head = tok.head
    if head.lower_ in ("about", "going"):
        return "future"
    if head is tok or head.dep_ == "aux" or depth >= 3 or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return "future"
    ht, _ = tense_aspect(head, depth + 1)
    if head.lemma_.lower() in lexicon()["aspectual_governors"] and ht in ("past", "present"):
        return ht  # 'continues to maintain', 'appeared to accept': the governor's own time
    if ht == "past" and head.lemma_.lower() not in lexicon()["future_governors"]:
        return "past"  # 'tried to impress', 'helped to organise': as past as its governor
    return "future" if ht in ("future", "present", "none", "past") else ht


def _timex_root(doc: Doc, tx: Timex) -> Token | None:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def _path_relation(tokens: list[Token]) -> str:
    """The relation named by the first preposition/marker on the path timex -> event."""
    for t in tokens:
        if t.dep_ in ("prep", "mark", "advmod", "case") or t.pos_ in ("ADP", "SCONJ"):
            rel = relation_of(t.lower_)
            if rel:
                return rel
    return "within"


def join_conjoined(doc: Doc, timexes) -> list[Timex]:
    """'on Saturday and Sunday': two conjoined dated expressions -> one multi-day span."""
    timexes = sorted(timexes, key=lambda t: t.start)
    out: list[Timex] = []
    for tx in timexes:
        prev = out[-1] if out else None
        root = _timex_root(doc, tx)
        if (prev is not None and root is not None and root.dep_ == "conj" and prev.start <= root.head.idx < prev.end
                and prev.first and tx.first and prev.last and tx.last and prev.grain == tx.grain == "day"):
            out[-1] = Timex(prev.start, tx.end, doc.text[prev.start:tx.end], "DATE", f"{prev.value}/{tx.value}",
                            "day", min(prev.first, tx.first), max(prev.last, tx.last), None, prev.anchor,
                            prev.anchor_kind, "conjoined", f"{prev.text} and {tx.text}: a span of days.")
            continue
        out.append(tx)
    return out


def attach_timexes(doc: Doc, timexes, triggers: set[int], max_steps: int = 6) -> dict[int, tuple[Timex, str]]:
    """Event token index -> (governing Timex, relation): each timex goes up the parse to the
    nearest trigger (or verb) that governs it."""
    attached: dict[int, tuple[Timex, str, int]] = {}
    for tx in join_conjoined(doc, timexes):
        if tx.type not in ("DATE", "TIME") and tx.first is None and tx.last is None:
            continue
        root = _timex_root(doc, tx)
        if root is None:
            continue
        path: list[Token] = [root]
        cur = root
        for step in range(max_steps):
            if cur.head is cur:
                break
            cur = cur.head
            if cur.i in triggers:
                prev = attached.get(cur.i)
                if prev is None or step < prev[2]:
                    attached[cur.i] = (tx, _path_relation(path), step)
                break
            if cur.pos_ in ("VERB",) and cur.dep_ not in ("amod", "acl"):
                # The expression dates a clause that is not an event itself ('In June, the
                # leadership had a falling out, and Pol Pot was arrested'): recorded on its
                # verb, so the events that share that clause's time inherit it.
                if cur.i not in attached or step < attached[cur.i][2]:
                    attached[cur.i] = (tx, _path_relation(path), step)
                break
            path.append(cur)
    return {i: (tx, rel) for i, (tx, rel, _) in attached.items()}


def dating_cues(tok: Token, attached: dict[int, tuple[Timex, str]], triggers: set[int]) -> Cues:
    lex = lexicon()
    lemma = tok.lemma_.lower()
    tense, aspect = tense_aspect(tok)
    noun = tok.pos_ in ("NOUN", "PROPN")
    head = _governing_event(tok, triggers)
    if (noun or tense == "none") and head is not None and head.i != tok.i:
        tense2, aspect2 = tense_aspect(head)
        if tense == "none":
            tense, aspect = tense2, aspect2
    timex, relation, via = None, "within", ""
    if tok.i in attached:
        timex, relation = attached[tok.i]
    elif head is not None and head.i in attached and not _is_reporting(head):
        timex, relation = attached[head.i]
        via = head.text
    elif noun:
        found = _clause_timex(tok, attached)
        if found is not None:
            (timex, relation), via = attached[found.i], found.text
    elif lemma in lex["aspectual_governors"]:
        # 'began to fall apart in mid-1996': the phase verb happens when its complement does
        comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i in attached), None)
        if comp is not None:
            (timex, relation), via = attached[comp.i], comp.text
    return Cues(tense=tense, aspect=aspect, reporting=lemma in lex["reporting_lemmas"] and not noun,
                state=lemma in lex["state_lemmas"] or tok.pos_ == "ADJ", timex=timex, relation=relation,
                inherited_from=via,
                period=lemma in lex["period_lemmas"] and not noun and _measures_quantity(tok),
                headline=in_headline(tok))


def in_headline(tok: Token) -> bool:
    """The token is in the article's headline: a first line of its own, of at most 20 words,
    that does not end with a full stop, with more text after it."""
    return tok.idx < _headline_end(tok.doc)


def _headline_end(doc: Doc) -> int:
    """Character offset where the headline ends (0: no headline).  Computed once per Doc:
    ``Doc.text`` re-joins every token, far too slow to read per trigger."""
    key = "timeline_headline_end"
    if key not in doc.user_data:
        text = doc.text
        start = len(text) - len(text.lstrip())
        end = text.find("\n", start)
        line = text[start:end].strip() if end >= 0 else ""
        ok = end >= 0 and bool(text[end:].strip()) and 0 < len(line.split()) <= 20 and not line.endswith((".", "!"))
        doc.user_data[key] = end if ok else 0
    return doc.user_data[key]


_QUANTITY_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _measures_quantity(tok: Token) -> bool:
    """'added 358,000 jobs', 'rose 4 cents', 'remained at 4.7 percent': a number among the
    verb's own arguments (not in a clause it embeds) makes it a measured change."""
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "ccomp", "advcl", "relcl", "conj", "xcomp"):
            continue
        if any(t.ent_type_ in _QUANTITY_ENTS or t.like_num for t in child.subtree):
            return True
    return False


def _clause_timex(tok: Token, attached: dict[int, tuple[Timex, str]]) -> Token | None:
    """'a bombing that killed 46 ... yesterday': an event noun takes the day of the relative
    clause that describes it."""
    stack = [(c, 0) for c in tok.children if c.dep_ in ("relcl", "acl")]
    while stack:
        cur, depth = stack.pop(0)
        if cur.i in attached and attached[cur.i][0].grain == "day" and attached[cur.i][1] == "within":
            return cur
        if depth < 2:
            stack.extend((c, depth + 1) for c in cur.children if c.dep_ in ("conj", "advcl"))
    return None


def _is_reporting(tok: Token) -> bool:
    return tok.lemma_.lower() in lexicon()["reporting_lemmas"]


def _governing_event(tok: Token, triggers: set[int]) -> Token | None:
    """The nearest trigger above this one whose time it shares (relative clause, conjunct,
    argument, participle), or None."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _INHERIT_DEPS or cur.head is cur:
            return None
        cur = cur.head
        if cur.i in triggers or cur.pos_ == "VERB":
            return cur
    return None


def trigger_features(doc: Doc, tokens: list[Token], timexes, published: date | None) -> dict:
    """Token index -> (Cues, event_features.Features) for each trigger."""
    from timeline.events.features import event_features

    triggers = {t.i for t in tokens}
    attached = attach_timexes(doc, timexes, triggers)
    ordered = sorted(join_conjoined(doc, timexes), key=lambda t: t.start)
    out = {}
    for t in tokens:
        cues = dating_cues(t, attached, triggers)
        out[t.i] = (cues, event_features(t, cues, ordered, published))
    return out


def date_events(doc: Doc, tokens: list[Token], timexes, published: date | None) -> dict[int, EventDate]:
    """Date each trigger token of a Doc: token index -> EventDate.  The learned template
    table (``event_templates``) decides; the rules of ``decide`` are its fallback."""
    from timeline.events.templates import choose

    feats = trigger_features(doc, tokens, timexes, published)
    return {i: choose(f, functools.partial(decide, cues, published)) for i, (cues, f) in feats.items()}
