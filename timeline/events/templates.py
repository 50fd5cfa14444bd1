"""Dating templates and the learned table that picks one per event.

A template is a label shape with slots: ``DCT`` (the publication day), ``before_dct``,
``G`` (the governing expression), ``since_G`` (began at it, still going on), ...  It is
instantiated with the publication date and the expressions of ``event_features.Slots``
into an ``EventDate``: an inclusive interval (open side = None), the label in the
TimeBank-EventTime syntax, and a one-sentence explanation.

Which template an event gets is decided by a small decision tree over the features of
``timeline.events.features``, stored as data in ``resources/en/event_templates.json`` and
learned on the training split only by ``tools/learn_event_templates.py``.  At each leaf
the templates are ranked; the first one whose slots exist is used.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from timeline.events.event_date import UNKNOWN, EventDate, multi_label, range_label, timex_interval
from timeline.events.features import Features, Slots
from timeline.models import Timex

ONE = timedelta(days=1)
TABLE_PATH = "event_templates.json"


def _d(day: date) -> str:
    return day.isoformat()


def _say(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _tx(slots: Slots, key: str) -> Timex | None:
    return {"G": slots.governing, "S": slots.sentence, "L": slots.last}[key]


def _span(tx: Timex | None, p: date) -> tuple[date | None, date | None, str] | None:
    if tx is None:
        return None
    first, last, grain = timex_interval(tx, p)
    return None if first is None and last is None else (first, last, grain)


def _point(first: date | None, last: date | None, grain: str) -> str:
    if first is None:
        return f"before{_d(last + ONE)}"
    if last is None:
        return f"after{_d(first - ONE)}"
    return range_label(first, last, grain)


Result = tuple[date | None, date | None, str, str, bool]  # first, last, label, explanation, includes DCT


def _fixed(name: str, p: date) -> Result | None:
    dp, nx, pv = _d(p), p + ONE, p - ONE
    when = _say(p)
    return {
        "DCT": (p, p, dp, f"no date of its own: the publication day {when}", False),
        "before_dct": (None, pv, f"before{dp}", f"past, with no date of its own: before the publication date {when}",
                       False),
        "after_dct": (nx, None, f"after{dp}", f"future or intended, with no date: after the publication date {when}",
                      False),
        "ongoing": (None, None, multi_label(f"before{dp}", f"after{dp}"),
                    f"a state or ongoing action that includes the publication day {when}", True),
        "future_span": (nx, None, multi_label(f"after{dp}", f"after{dp}"),
                        f"a future process lasting several days, after the publication date {when}", False),
        "past_span": (None, pv, multi_label(f"before{dp}", f"before{dp}"),
                      f"a past process lasting several days, over before the publication date {when}", False),
        "from_dct": (p, None, multi_label(dp, f"after{dp}"),
                     f"begins on the publication day {when} and goes on after it", True),
        "until_dct": (None, p, multi_label(f"before{dp}", dp),
                      f"went on until the publication day {when}", True),
    }.get(name)


def _with_timex(name: str, tx: Timex, p: date) -> Result | None:
    span = _span(tx, p)
    if span is None:
        return None
    first, last, grain = span
    dp, what = _d(p), f"'{tx.text}' ({tx.value})"
    if name == "at":
        if first is None or last is None:
            return (first, last, _point(first, last, grain), f"dated by {what}", False)
        return (first, last, range_label(first, last, grain), f"dated by {what}", False)
    if name == "before" and first is not None:
        return (None, first - ONE, f"before{_d(first)}", f"before {what}", False)
    if name == "after" and last is not None:
        return (last + ONE, None, f"after{_d(last)}", f"after {what}", False)
    if name == "since" and (first is None or first <= p):
        return (first, None, multi_label(_point(first, last, grain), f"after{dp}"),
                f"began at {what} and is still going on", True)
    if name == "span" and first is not None and last is not None and first != last:
        return (first, last, multi_label(_d(first), _d(last)), f"went on over {what}", False)
    if name == "after_until_dct" and last is not None and last + ONE < p:  # at least one day between
        return (last + ONE, p - ONE, f"after{_d(last)}before{dp}",
                f"after {what} and before the publication day {_say(p)}", False)
    if name == "began_after_ongoing" and last is not None and last < p:
        return (last + ONE, None, multi_label(f"after{_d(last)}before{dp}", f"after{dp}"),
                f"began after {what} and is still going on", True)
    return None


def instantiate(template: str, slots: Slots) -> EventDate | None:
    """One template with the event's slots -> EventDate, or None when a slot is missing."""
    p = slots.published
    if template == "rule":
        return slots.rule
    if p is None:
        return None
    if "_" in template and template.split("_", 1)[0] in ("G", "S", "L"):
        key, name = template.split("_", 1)
        tx = _tx(slots, key)
        res = _with_timex(name, tx, p) if tx is not None else None
        source = "timex" if key == "G" else "context"
    else:
        tx, res, source = None, _fixed(template, p), "publication"
    if res is None:
        return None
    first, last, label, why, incl = res
    precision = "day" if first is not None and first == last else (tx.grain if tx is not None and first and last
                                                                    else "unknown")
    return EventDate(first, last, precision, source, label, why[0].upper() + why[1:] + ".", tx, incl)


@functools.lru_cache(maxsize=1)
def table() -> dict:
    from timeline.events.resources import RESOURCE_DIR

    return json.loads((RESOURCE_DIR / TABLE_PATH).read_text(encoding="utf-8"))


def rank(node: dict, values: dict) -> list[str]:
    """Walk the tree (binary tests 'feature == value'): the ranked templates of the leaf."""
    while "split" in node:
        node = node["yes"] if str(values.get(node["split"], "")) == node["value"] else node["no"]
    return node["rank"]


def choose(features: Features, fallback: Callable[[], EventDate], tree: dict | None = None) -> EventDate:
    """The first instantiable template of the leaf, else the rule-based fallback."""
    tree = table()["tree"] if tree is None else tree
    own_date = features.slots.governing is not None
    for template in rank(tree, features.values):
        if own_date and (template in _TENSE_ONLY or template[:2] in ("S_", "L_")):
            continue  # the text's own date outranks a guess from tense or another expression ('will meet on
            # Saturday'; 'will travel to Brazil next week' after 'Talks resumed in 2023')
        got = instantiate(template, features.slots)
        if got is not None:
            return refine(got, features)
    return refine(fallback(), features)


def _ongoing(p: date, why: str) -> EventDate:
    return EventDate(None, None, "unknown", "publication", multi_label(f"before{_d(p)}", f"after{_d(p)}"), why,
                     includes_published=True)


def refine(ed: EventDate, features: Features) -> EventDate:
    """Readings of tense and modality the learned table cannot express, over its choice."""
    v, p = features.values, features.slots.published
    if p is None:
        return ed
    if v.get("tense") == "present" and v.get("modal") == "modal" and v.get("aspect") == "simple" \
            and ed.source == "publication":
        return EventDate(p, p, "day", "publication", _d(p), f"What can or cannot be done ('can', 'cannot'), with no "
                         f"date: an assessment made on the publication day {_say(p)}, not a future event.")
    if v.get("tense") == "present" and v.get("aspect") != "perfect" and v.get("ongoing_state") == "True" \
            and ed.source == "publication" and ed.first == p == ed.last:
        return _ongoing(p, f"A state in the present tense ('owns', 'lives', 'has'), with no date: it held before the "
                        f"publication day {_say(p)} and goes on after it.")
    if v.get("g") == "present_ref" and v.get("tense") == "present" and (
            v.get("aspect") == "progressive" or v.get("state") == "True"):
        return replace(_ongoing(p, f"A state or ongoing action dated by '{ed.timex.text if ed.timex else 'now'}': it "
                                f"includes the publication day {_say(p)} and goes on."), source=ed.source, timex=ed.timex)
    if v.get("tense") == "past" and ed.source in ("timex", "context") and ed.first is not None \
            and ed.last is not None and ed.first < p <= ed.last:
        return replace(ed, last=p - ONE, label=range_label(ed.first, p - ONE, "day"), precision="unknown",
                       explanation=ed.explanation.rstrip(".") + f"; told in the past tense, so before the "
                       f"publication day {_say(p)}, the part of the period already gone.")
    return ed


TEMPLATES = ("rule", "DCT", "before_dct", "after_dct", "ongoing", "future_span", "past_span", "from_dct", "until_dct",
             *(f"{k}_{n}" for k in ("G", "S", "L")
               for n in ("at", "before", "after", "since", "span", "after_until_dct", "began_after_ongoing")))
UNKNOWN_LABEL = UNKNOWN
_TENSE_ONLY = frozenset(TEMPLATES[1:9])  # DCT .. until_dct: the publication date alone
