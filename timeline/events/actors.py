"""One actor across articles (issue 19): name variants that the articles of a collection use
for one actor become one actor id with one canonical name.

Within an article, a surname already stands for the full name the article gives
(``participants._full_person_names``: "Shaheen" is "Suhail Shaheen").  An article that only
says "Shaheen" leaves a one-word actor; across the collection it is the actor whose full
name ends with that word, when exactly one does ("Shaheen" -> "Suhail Shaheen"; with "Mark
Short" and "Megan Short" both named, "Short" stays as it is).  Actors of ``actors.yaml``
(ISIS, the United States) keep their ids.  A company's legal suffix is no part of its name
("Apple Inc." is "Apple": ``entities.canonical_actor``).
"""

from __future__ import annotations

import pandas as pd

from timeline.events.entities import known_actor_ids


def name_variants(actor_ids: pd.Series, actors: pd.Series) -> dict[str, tuple[str, str]]:
    """id of a one-word actor -> (id, name) of the one multi-word actor of the collection whose
    name ends with that word; the ids to leave alone are not listed."""
    ids = actor_ids.explode()
    names = actors.explode()
    pairs = pd.DataFrame({"id": ids.to_numpy(), "name": names.to_numpy()}).dropna().drop_duplicates("id")
    if pairs.empty:
        return {}
    words = pairs["name"].astype(str).str.split()
    known = known_actor_ids()
    single = pairs[(words.str.len() == 1).to_numpy() & ~pairs["id"].isin(known).to_numpy()]
    multi = pairs[(words.str.len() >= 2).to_numpy()]
    if single.empty or multi.empty:
        return {}
    last = multi["name"].astype(str).str.split().str[-1].str.lower().str.strip(".,'’")
    by_last = multi.assign(last=last.to_numpy()).groupby("last")
    out = {}
    for sid, sname in zip(single["id"], single["name"], strict=True):
        key = str(sname).lower().strip(".,'’")
        if key not in by_last.groups:
            continue
        group = by_last.get_group(key)
        if len(group) == 1 and len(key) > 2 and str(sname)[:1].isupper():
            out[sid] = (str(group["id"].iloc[0]), str(group["name"].iloc[0]))
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


def unified_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows (``event_id``, ``actor_ids``, ``actors``, ``agent_ids``) of a collection that
    ``name_variants`` changes, rewritten; empty when nothing changes."""
    variants = name_variants(rows["actor_ids"], rows["actors"]) if not rows.empty else {}
    if not variants:
        return rows.iloc[0:0]
    new = unify(rows, variants)
    changed = [list(a) != list(b) for a, b in zip(rows["actor_ids"], new["actor_ids"], strict=True)]
    return new[changed].reset_index(drop=True)
