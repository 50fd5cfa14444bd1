"""One actor across articles (issue 19): name variants that the articles of a collection use
for one actor become one actor id with one canonical name.

Within an article, a surname already stands for the full name the article gives
(``references``: "Shaheen" is "Suhail Shaheen").  An article that only
says "Shaheen" leaves a one-word actor; across the collection it is the actor whose full
name ends with that word, when exactly one does ("Shaheen" -> "Suhail Shaheen"; with "Mark
Short" and "Megan Short" both named, "Short" stays as it is).  Actors of ``actors.yaml``
(ISIS, the United States) keep their ids.  A company's legal suffix is no part of its name
("Apple Inc." is "Apple": ``entities.canonical_actor``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from spacy.lang.en.lex_attrs import like_num

from timeline.events.entities import canonical_actor, geocode, known_actor_ids
from timeline.events.kinds import resolve_descriptions
from timeline.events.makers import with_collection_makers


def _key(name: str) -> tuple[str, ...]:
    return tuple(w.strip(".,'’").lower() for w in str(name).split())


def _singular(words: tuple[str, ...]) -> tuple[str, ...] | None:
    last = words[-1] if words else ""
    if len(last) > 3 and last.endswith("es") and last[-3] in "sxz" or last.endswith("ches") or last.endswith("shes"):
        return (*words[:-1], last[:-2])  # 'iPod Touches'
    if len(last) > 2 and last.endswith("s") and not last.endswith("ss"):
        return (*words[:-1], last[:-1])  # 'iPhones', 'Boeing 787 Dreamliners'
    return None


def _core(names: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The names that do not end with another of them ('Airbus A380', not 'First Airbus A380')."""
    return {n for n in names if not any(o != n and n[-len(o):] == o for o in names)}


def _counted(key: tuple[str, ...]) -> bool:
    """A name led by a number word ('First Airbus A380', 'Two Boeing 747s')."""
    return len(key) >= 2 and like_num(key[0]) and not any(ch.isdigit() for ch in key[0])


def _model_token(word: str) -> bool:
    return len(word) >= 3 and any(ch.isdigit() for ch in word) and not word.isdigit() or len(word) == 3 and word.isdigit()


def _fullest_model_name(key: tuple[str, ...], by_key: dict, counts: dict) -> tuple[str, ...] | None:
    """The name of a model ('787', 'A380') that holds every word of ``key`` and most others: the
    fullest name of the collection with that model token named more than once ('Boeing 787
    Dreamliner'; not a headline's one-off 'First Airbus A380')."""
    models = [w for w in key if _model_token(w)]
    if not models:
        return None
    group = [k for k in by_key if models[0] in k and set(key) <= set(k) and counts.get(by_key[k][0], 0) >= 2
             and not _counted(k)]
    if not group:
        return None
    return max(group, key=lambda k: (len(k), counts.get(by_key[k][0], 0)))


def _lettered_model(key: tuple[str, ...], by_key: dict) -> tuple[str, ...] | None:
    """The one name of the collection that is ``key`` with a letter prefix on its model number
    ('airbus 380' -> 'airbus a380', 'boeing 747' -> 'boeing b747'), the maker's words the same."""
    k = next((j for j, w in enumerate(key) if w.isdigit() and len(w) >= 3), None)
    if k is None or len(key) < 2:
        return None
    found = [o for o in by_key if len(o) == len(key) and o[:k] == key[:k] and o[k + 1:] == key[k + 1:]
             and (w := o[k].replace("-", "")).endswith(key[k]) and 1 <= len(w) - len(key[k]) <= 2
             and w[:len(w) - len(key[k])].isalpha()]
    return found[0] if len(found) == 1 else None


def name_variants(actor_ids: pd.Series, actors: pd.Series, acronyms: Mapping[str, set[str]] | None = None
                  ) -> dict[str, tuple[str, str]]:
    """id of an actor named by a variant -> (id, name) of the actor it stands for, when exactly
    one actor of the collection fits: a shorter name that ends one longer name ('Shaheen' ->
    'Suhail Shaheen', '787 Dreamliner' -> 'Boeing 787 Dreamliner'; a place is no short form: 'Texas'
    is not 'West Texas'), a plural of an actor's name ('iPhones' ->
    'iPhone'), a model's names ('Boeing 787', '787' -> 'Boeing 787 Dreamliner': the fullest name
    with that model number named more than once), an acronym that articles define for one actor
    (``acronyms``: 'SIA' -> 'Singapore Airlines', from 'Singapore Airlines (SIA)') or else the
    initials of one name ('USAF' -> 'United States Air Force'), a name led by another name of a known actor ('U.S. Air Force'
    -> 'United States Air Force'), a name led by a number word that the rest names at least as
    often ('First Airbus A380' -> 'Airbus A380'), a model number written without its letters
    ('Airbus 380' -> 'Airbus A380', when one name of the collection has them), a name with one inner
    word left out ('iTunes Store' -> 'iTunes Music Store', when one name of the collection has it).  Actors of actors.yaml keep their ids; the ids to leave alone are not listed."""
    ids = actor_ids.explode()
    names = actors.explode()
    pairs = pd.DataFrame({"id": ids.to_numpy(), "name": names.to_numpy()}).dropna().drop_duplicates("id")
    if len(pairs) < 2:
        return {}
    known = known_actor_ids()
    counts = ids.value_counts().to_dict()
    by_key: dict[tuple[str, ...], tuple[str, str]] = {}
    for aid, name in zip(pairs["id"], pairs["name"], strict=True):
        by_key.setdefault(_key(name), (str(aid), str(name)))
    tails: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for key in by_key:
        for k in range(1 if not _counted(key) else len(key), len(key)):  # 'First Airbus A380' is no longer name
            tails.setdefault(key[k:], set()).add(key)
    out: dict[str, tuple[str, str]] = {}
    for key, (aid, name) in by_key.items():
        if aid in known or not name[:1].isupper() and not any(ch.isupper() for ch in name):
            continue
        target = None
        single = _singular(key) if not name.endswith("S") else None  # 'iPhone 3GS' is a model, no plural of '3G'
        if single is not None and single in by_key:
            target = single
        elif len(_core(tails.get(key, set()))) == 1 and len("".join(key)) > 2 and geocode(name) is None:  # 'Texas' is no
            # short form of 'West Texas'; a name of several words goes to a longer one only when that one is
            # named as often ('Airbus A380' does not become the headline's 'First Airbus A380')
            longer = next(iter(_core(tails[key])))
            if len(key) == 1 or counts.get(by_key[longer][0], 0) >= counts.get(aid, 0):
                target = longer
        if target is not None and by_key[target][0] != aid:
            out[aid] = by_key[target]
    initials: dict[str, set[tuple[str, ...]]] = {}
    for key in by_key:
        content = [w for w in key if w not in ("and", "of", "the", "for", "&")]
        if len(content) >= 2:
            initials.setdefault("".join(w[0] for w in content), set()).add(key)
    named_as = dict(by_key.values())
    for key, (aid, name) in by_key.items():  # 'USAF', 'EADS': the one name of the collection with those initials
        if aid in out or aid in known or len(key) != 1 or not name.isupper() or not 2 <= len(name) <= 6:
            continue
        full = initials.get(key[0], set())
        defined = {i for i in (acronyms or {}).get(name, ()) if i in named_as and i != aid}
        if len(defined) == 1:  # 'SIA': the actor an article defines it for ('Singapore Airlines (SIA)')
            out[aid] = (next(iter(defined)), named_as[next(iter(defined))])
        elif len(full) == 1:
            out[aid] = by_key[next(iter(full))]
    for key, (aid, _) in by_key.items():  # 'U.S. Air Force' -> 'United States Air Force'
        if aid in out or len(key) < 2:
            continue
        lead = canonical_actor(key[0])
        if lead is not None and lead.id in known:
            spelled = _key(lead.name) + key[1:]
            if spelled != key and spelled in by_key:
                out[aid] = by_key[spelled]
    for key, (aid, _) in by_key.items():  # a headline's 'First Airbus A380': the name it counts ('Airbus A380')
        if aid in out or aid in known or not _counted(key):
            continue
        if key[1:] in by_key and counts.get(by_key[key[1:]][0], 0) >= counts.get(aid, 0):
            out[aid] = by_key[key[1:]]
    inner: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for key in by_key:  # 'iTunes Store' -> 'iTunes Music Store': the name with one inner word left out
        for k in range(1, len(key) - 1):
            inner.setdefault(key[:k] + key[k + 1:], set()).add(key)
    for key, (aid, name) in by_key.items():
        if aid not in out and aid not in known and len(inner.get(key, ())) == 1 and geocode(name) is None:
            out[aid] = by_key[next(iter(inner[key]))]
    for key, (aid, _) in by_key.items():  # 'Airbus 380' -> 'Airbus A380': the model number without its letters
        if aid not in out and aid not in known:
            lettered = _lettered_model(key, by_key)
            if lettered is not None:
                out[aid] = by_key[lettered]
    for key, (aid, _) in by_key.items():  # one model, one actor: 'Boeing 787', '787' -> 'Boeing 787 Dreamliner'
        if aid in out or aid in known:
            continue
        fullest = _fullest_model_name(key, by_key, counts)
        if fullest is not None and by_key[fullest][0] != aid:
            out[aid] = by_key[fullest]
    for aid in list(out):  # 'Boeing 787 Dreamliners' -> 'Boeing 787 Dreamliner' -> ...
        seen = {aid}
        while out[aid][0] in out and out[aid][0] not in seen:
            seen.add(out[aid][0])
            out[aid] = out[out[aid][0]]
    return out


def unify(df: pd.DataFrame, variants: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The rows with ``actor_ids``, ``actors`` and ``agent_ids`` rewritten by ``variants`` (an
    actor named twice in a row after the rewrite is listed once)."""
    if not variants or df.empty:
        return df
    out = df.copy()
    touched = out["actor_ids"].map(lambda ids: any(i in variants for i in ids)).to_numpy(dtype=bool)
    if not touched.any():
        return out
    new_ids, new_names = [], []
    for ids, names in zip(out.loc[touched, "actor_ids"], out.loc[touched, "actors"], strict=True):
        seen, i_out, n_out = set(), [], []
        for i, n in zip(ids, names, strict=False):
            i, n = variants.get(i, (i, n))
            if i not in seen:
                seen.add(i)
                i_out.append(i)
                n_out.append(n)
        new_ids.append(i_out)
        new_names.append(n_out)
    out.loc[touched, "actor_ids"] = pd.Series(new_ids, index=out.index[touched], dtype=object)
    out.loc[touched, "actors"] = pd.Series(new_names, index=out.index[touched], dtype=object)
    if "agent_ids" in out:
        out.loc[touched, "agent_ids"] = pd.Series(
            [list(dict.fromkeys(variants.get(a, (a, ""))[0] for a in ags)) for ags in out.loc[touched, "agent_ids"]],
            index=out.index[touched], dtype=object)
    return out


def unified_rows(rows: pd.DataFrame, article_kinds: Mapping[str, Iterable[str]] | None = None
                 ) -> tuple[pd.DataFrame, dict[str, str]]:
    """The rows (``event_id``, ``actor_ids``, ``actors``, ``agent_ids``; with ``article_kinds``
    also ``article_id``, ``trigger_start``, ``descriptions``) of a collection that ``name_variants``
    changes, or whose open descriptions resolve across it (``kinds.resolve_descriptions``, from
    each article's 'noun:actor id' list), or that get a product's maker (with ``lemma``:
    ``makers.with_collection_makers``), rewritten (empty when nothing changes), and each
    variant's name -> the id it now stands for (so that looking up 'EADS' still finds its actor)."""
    acronyms: dict[str, set[str]] = {}
    for items in (article_kinds or {}).values():  # 'SIA:singapore-airlines:0': an acronym an article defines
        for item in items if items is not None else ():
            word, _, rest = str(item).partition(":")
            aid = rest.rpartition(":")[0]
            if word.isupper() and word.isalpha() and aid:
                acronyms.setdefault(word, set()).add(aid)
    variants = name_variants(rows["actor_ids"], rows["actors"], acronyms) if not rows.empty else {}
    new = unify(rows, variants)
    if article_kinds:
        new = resolve_descriptions(new, article_kinds, variants)
    new = with_collection_makers(new)
    changed = [list(a) != list(b) for a, b in zip(rows["actor_ids"], new["actor_ids"], strict=True)]
    aliases = {}
    for ids, names in zip(rows["actor_ids"], rows["actors"], strict=True):
        for i, n in zip(ids, names, strict=False):
            if i in variants:
                aliases[str(n)] = variants[i][0]
    return new[changed].reset_index(drop=True), aliases
