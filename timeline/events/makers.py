"""The maker of a product named with its maker's name (issue 19): "the Airbus A380 was
delivered" is a delivery by Airbus too, when the article names Airbus as an organisation.

A product's name that holds a model number after other words ("Airbus A380", "Boeing 787
Dreamliner", "Apple iPhone 4") is made by the organisation those words name; what a maker does to
its product (actors.yaml ``maker_events``: delivered, built, renamed ...) has the maker as its
agent even where the sentence names only the product ("the plane is built with four engines",
"the Dreamliner was renamed").  A model of a product line ("iPhone 4") has no maker unless the
article names the line as an organisation, which a brand written with a small first letter is
not.
"""

from __future__ import annotations

import functools

from timeline.events.names import has_digit
from timeline.events.references import Reading
from timeline.events.resources import normalise_name, word_set
from timeline.models import Actor


@functools.cache
def maker_events() -> frozenset[str]:
    """Lemmas of what a maker does to its product (actors.yaml ``maker_events``)."""
    return word_set("actors", "maker_events", "references")


def _words(name: str) -> tuple[str, ...]:
    return tuple(k for w in name.split() if (k := normalise_name(w)))


def _runs_in(part: tuple[str, ...], words: tuple[str, ...]) -> bool:
    n = len(part)
    return 0 < n <= len(words) and any(words[i:i + n] == part for i in range(len(words) - n + 1))


def product_makers(read: Reading) -> dict[str, Actor]:
    """Product actor id -> its maker: the organisation the article names whose words stand
    before the product's model number in its name (the longest such name).  A brand written
    with a small first letter ('iPhone', which NER may call an organisation) is a product line
    (``names``), no maker."""
    actors = {r.actor.id: r.actor for r in read.found.values()}
    orgs = {a.id: _words(a.name) for a in actors.values() if a.kind == "ORG" and not a.name[:1].islower()}
    out: dict[str, Actor] = {}
    for aid, actor in actors.items():
        words = actor.name.split()
        k = next((i for i, w in enumerate(words) if i > 0 and has_digit(w)), None)
        if k is None:
            continue
        before = _words(" ".join(words[:k]))
        found = [o for o, w in orgs.items() if o != aid and _runs_in(w, before)]
        if found:
            out[aid] = actors[max(found, key=lambda o: len(orgs[o]))]
    return out
