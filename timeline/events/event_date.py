"""The date of an event, pure: types, labels and the decision from cues.

``Cues`` is what the text says about when an event happened (its tense and aspect, the
expression that governs it and the relation to it); ``decide(cues, published)`` turns cues
and the publication date into an ``EventDate``: an inclusive interval with open sides as
None (unknown stays unknown), the label in the TimeBank-EventTime syntax, a precision and a
one-sentence explanation.  ``relative_to_event`` places an event against another dated one.

Below ``tense``, ``features``, ``templates`` and ``dating``, which all share these types
(no spaCy here).  The cue words live in ``resources/en/event_dating.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date, timedelta

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
    relation: str = "within"  # within | begin | end | before | after | by (on or before) | posted (a post's day)
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
    story_bound: bool = False  # bounds the paragraph's story gives ('on or after 5 April 1992'), no date in the text


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    names = ("future_auxiliaries", "past_modals", "present_modals", "future_governors", "aspectual_governors",
             "reporting_lemmas", "state_lemmas", "ongoing_state_lemmas", "period_lemmas", "event_relation_words", "past_modifiers", "future_modifiers",
             "casualty_lemmas", "sequence_verbs", "birth_date_labels", "response_lemmas",
             "spatial_relation_words", "scene_nouns")
    lex = {n: word_set("event_dating", n) for n in names}
    for rel in entries("event_dating", "relations"):
        lex["rel:" + rel["relation"]] = frozenset(str(w).lower() for w in rel["words"])
    return lex


def relation_of(word: str) -> str | None:
    w = word.lower()
    for rel in ("begin", "end", "before", "by", "after", "within"):
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
        if tx.value.startswith("BC"):  # '480 BC': dated by the text, but on no day of the calendar (years 1-9999)
            return EventDate(None, None, tx.grain, "timex", UNKNOWN,
                             f"In {_describe(tx)}: before the common era, a year with no day on the "
                             "timeline's calendar (years 1-9999), so it is listed with the undated events.", tx)
    return _from_tense(cues, published)


def _from_timex(cues: Cues, tx: Timex, first, last, grain, published) -> EventDate:
    via = f" (shared with '{cues.inherited_from}')" if cues.inherited_from else ""
    src = "context" if cues.inherited_from else "timex"
    rel = cues.relation
    if (rel in ("before", "after") or rel == "by" and not cues.inherited_from) and cues.tense == "past" \
            and "T" in tx.value and first is not None and first == last:
        return EventDate(first, first, "day", src, _d(first),
                         f"{rel.capitalize()} {_describe(tx)}{via}: a past event told by the clock time it was "
                         "close to, so on that day.", tx)
    if rel == "before" and first is not None and "T" in tx.value:  # 'must leave before 4 p.m. Saturday'
        return EventDate(None, first, "unknown", src, f"before{_d(first + ONE)}",
                         f"Before {_describe(tx)}{via}: that day or earlier.", tx)
    if rel == "before" and first is not None:
        return EventDate(None, first - ONE, "unknown", src, f"before{_d(first)}",
                         f"Before {_describe(tx)}{via}.", tx)
    if rel == "posted" and last is not None:
        return EventDate(None, last, "unknown", src, f"before{_d(last + ONE)}",
                         f"On or before {_describe(tx)}: the day the post that tells it was published, "
                         "not the day it happened.", tx)
    if rel == "by" and last is not None:
        return EventDate(None, last, "unknown", src, f"before{_d(last + ONE)}",
                         f"On or before {_describe(tx)}{via}: that day or earlier.", tx)
    if rel == "after" and last is not None:
        return _after(last, tx, cues.tense, published, src, f"After {_describe(tx)}{via}")
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


def _after(last: date, tx: Timex | None, tense: str, published: date | None, src: str, why: str,
           same_day: bool = False) -> EventDate:
    """After a date that ends on ``last``: from the next day, or from that same day when the date
    is a time of day ('left four hours after its 9:45 a.m. departure').  A past event also ends
    by the publication day ('clerics attacked the rulers after Friday's attack'), and is that
    day when no other is left ('after Friday', published on Saturday)."""
    start = last if same_day or tx is not None and "T" in tx.value else last + ONE
    if tense == "past" and published is not None and start <= published:
        return EventDate(start, published, "day" if start == published else "unknown", src,
                         f"after{_d(start - ONE)}before{_d(published + ONE)}",
                         f"{why}, and past: on or before the publication date.", tx)
    return EventDate(start, None, "unknown", src, f"after{_d(start - ONE)}", f"{why}.", tx)


def relative_to_event(relation: str, anchor: EventDate, anchor_word: str, tense: str,
                      published: date | None) -> EventDate | None:
    """'attacks since its emergence in 2014', 'rising after the Kunduz attack', 'left before
    the talks': an event with no date of its own, related by a preposition to another event
    of the article that is dated, is placed against that event's interval.  None when the
    anchor's interval does not bound the relation."""
    first, last, tx = anchor.first, anchor.last, anchor.timex
    what = f"'{anchor_word}' ({_point(first, last, anchor.precision)})"
    if relation == "after" and last is not None:
        # past, after an event of the publication day: that day ('celebrated after the vote')
        same_day = tense == "past" and published is not None and last >= published
        return _after(last, tx, tense, published, "context", f"After {what}, an event the article dates", same_day)
    if relation == "response" and last is not None:  # 'was charged in the May 3 shooting': that day or later
        return _after(last, tx, "past", published, "context", f"A step of justice in {what}, so on or after it", True)
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
