"""The maker of a product named with its maker's name (issue 19): "the Airbus A380 was
delivered" is a delivery by Airbus too, when the article names Airbus as an organisation.

A product's name that holds a model number after other words ("Airbus A380", "Boeing 787
Dreamliner", "Apple iPhone 4") is made by the organisation those words name; what a maker does to
its product (actors.yaml ``maker_events``: delivered, built, renamed ...) has the maker as its
agent even where the sentence names only the product ("the plane is built with four engines",
"the Dreamliner was renamed").  A model of a product line ("iPhone 4") has no maker unless the
article names the line as an organisation, which a brand written with a small first letter is
not.  Across a collection (``with_collection_makers``) the same holds for the products the store
learns of there ("the plane", which another article calls the A380).
"""

from __future__ import annotations

import functools

import pandas as pd

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


def _before_model(name: str) -> list[str] | None:
    """The words of a product's name before its model number ('Boeing 787 Dreamliner' ->
    ['Boeing']), None when no word after the first holds a digit."""
    words = str(name).split()
    k = next((i for i, w in enumerate(words) if i > 0 and has_digit(w)), None)
    return None if k is None else words[:k]


def product_makers(read: Reading) -> dict[str, Actor]:
    """Product actor id -> its maker: the organisation the article names whose words stand
    before the product's model number in its name (the longest such name).  A brand written
    with a small first letter ('iPhone', which NER may call an organisation) is a product line
    (``names``), no maker."""
    actors = {r.actor.id: r.actor for r in read.found.values()}
    orgs = {a.id: _words(a.name) for a in actors.values() if a.kind == "ORG" and not a.name[:1].islower()}
    out: dict[str, Actor] = {}
    for aid, actor in actors.items():
        lead = _before_model(actor.name)
        if lead is None:
            continue
        before = _words(" ".join(lead))
        found = [o for o, w in orgs.items() if o != aid and _runs_in(w, before)]
        if found:
            out[aid] = actors[max(found, key=lambda o: len(orgs[o]))]
    return out


def _maker_name(name: str) -> str | None:
    """'Airbus A380' -> 'airbus', 'Boeing 787 Dreamliner' -> 'boeing': the words before the
    model number, normalised; none for a brand written with a small first letter ('iPhone 4')."""
    lead = _before_model(name)
    return None if lead is None or lead[0][:1].islower() else normalise_name(" ".join(lead))


def with_collection_makers(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows (``lemma``, ``actor_ids``, ``actors``, ``agent_ids``) of a collection, each maker
    event ('delivered', ``maker_events``) of a product named with its maker's name given that
    maker as an agent, when the collection has an actor of that name: what the store learns
    across articles ('the plane', resolved to the A380 by ``kinds``) gets the maker too."""
    if rows.empty or "lemma" not in rows:
        return rows
    cues = maker_events()
    todo = [k for k, lemma in enumerate(rows["lemma"].tolist()) if str(lemma).lower() in cues]
    if not todo:
        return rows
    by_name = {normalise_name(str(n)): (i, n) for ids, nms in zip(rows["actor_ids"], rows["actors"], strict=True)
               for i, n in zip(ids, nms, strict=False)}
    out = rows.copy()
    cols = [out.columns.get_loc(c) for c in ("actor_ids", "actors", "agent_ids")]
    for k in todo:
        ids, nms, agents = (list(out.iat[k, c]) for c in cols)
        for name in list(nms):
            maker = by_name.get(_maker_name(name) or "")
            if maker is not None and maker[0] not in ids:
                ids.append(maker[0])
                nms.append(maker[1])
                agents.append(maker[0])
        for c, value in zip(cols, (ids, nms, agents), strict=True):
            out.iat[k, c] = value
    return out
