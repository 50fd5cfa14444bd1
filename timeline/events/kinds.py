"""One description across articles (issue 19): a definite description that its article leaves
open ("the plane", in an article that never says what its actors are) is the actor of that
article that the collection describes with that noun ("The Airbus A380, the world's largest
passenger plane", "the A380 superjumbo" in other articles).

Each article lists its named actors (persons aside) with the nouns it uses for them and where it
first names them (``extract.actor_kinds``: 'noun:actor id:offset'; the nouns from appositions,
"X is a Y", a noun before a name, the nouns a product's name modifies and a name's own generic
word), and, per event, the descriptions among its arguments that it leaves open
(``Event.descriptions``: 'role:noun').  Over the collection, after the actors' name variants are
united (``actors.name_variants``), a noun describes every actor some article uses it for.  An open
description is the one actor that the article names before the event and that the noun
describes; with none, or two ("the plane" after the A380 and the 747), nothing is guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd


def _kind(item: str) -> tuple[str, str, int]:
    """'plane:airbus-a380:120' -> ('plane', 'airbus-a380', 120)."""
    noun, _, rest = str(item).partition(":")
    aid, _, offset = rest.rpartition(":")
    return noun, aid, int(offset) if offset.isdigit() else 0


def kind_lexicon(article_kinds: Iterable[Iterable[str] | None], variants: Mapping[str, tuple[str, str]]
                 ) -> dict[str, set[str]]:
    """noun -> the ids (name variants united) of the actors some article describes with it."""
    out: dict[str, set[str]] = defaultdict(set)
    for items in article_kinds:
        for noun, aid, _ in map(_kind, items if items is not None else ()):
            if noun and aid:
                out[noun].add(variants.get(aid, (aid, ""))[0])
    return dict(out)


def resolve_descriptions(rows: pd.DataFrame, article_kinds: Mapping[str, Iterable[str] | None],
                         variants: Mapping[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """The rows (``article_id``, ``trigger_start``, ``actor_ids``, ``actors``, ``agent_ids``,
    ``descriptions``; name variants already united by ``variants``) with the actor that each open
    description stands for added, as an agent when it is the event's (module doc)."""
    variants = variants or {}
    if rows.empty or "descriptions" not in rows:
        return rows
    todo = [k for k, d in enumerate(rows["descriptions"]) if d is not None and len(d) > 0]
    if not todo:
        return rows
    lexicon = kind_lexicon(article_kinds.values(), variants)
    named: dict[str, dict[str, int]] = defaultdict(dict)  # article -> actor id -> first offset
    for art, items in article_kinds.items():
        for _, aid, offset in map(_kind, items if items is not None else ()):
            aid = variants.get(aid, (aid, ""))[0]
            named[art][aid] = min(offset, named[art].get(aid, offset))
    names = {aid: name for ids, nms in zip(rows["actor_ids"], rows["actors"], strict=True)
             for aid, name in zip(ids, nms, strict=False)}
    out = rows.copy()
    cols = {c: out[c].tolist() for c in ("actor_ids", "actors", "agent_ids")}  # plain lists: no row objects
    articles, starts, descriptions = rows["article_id"].tolist(), rows["trigger_start"].tolist(), rows["descriptions"].tolist()
    for k in todo:
        ids, nms, agents = list(cols["actor_ids"][k]), list(cols["actors"][k]), list(cols["agent_ids"][k])
        mine, here = named.get(articles[k], {}), int(starts[k])
        for item in descriptions[k]:
            role, _, noun = str(item).partition(":")
            fits = {a for a in lexicon.get(noun, ()) if a in names and mine.get(a, here + 1) <= here}
            if len(fits) != 1:
                continue
            actor = fits.pop()
            if actor not in ids:
                ids.append(actor)
                nms.append(names[actor])
            if role == "agent" and actor not in agents:
                agents.append(actor)
        cols["actor_ids"][k], cols["actors"][k], cols["agent_ids"][k] = ids, nms, agents
    for c, values in cols.items():
        out[c] = pd.Series(values, index=out.index, dtype=object)
    return out
