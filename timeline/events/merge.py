"""Cross-article event merging: the same event told by several articles -> one cluster.

Every mention row is kept; mentions of one event share ``cluster_id`` and carry the
cluster's ``n_sources`` (distinct articles) and ``sources``.  Two mentions are linked when

* their triggers are of one kind (same lemma or the same synonym class of
  ``event_triggers.yaml``: "bombing" ~ "attack", "talks" ~ "meet"),
* they share an actor or a place finer than a country, or both come from one article and
  are dated to one single day ("the suicide bombing on Friday" ... "Friday's attack" ...
  "the deadliest attack": one attack, told three times),
* both are dated by the text (not merely by the publication day), and
* their date intervals lie within ``window_days`` of each other (undated mentions never merge),
* and, when both come from one article, their intervals overlap: an article that dates two
  attacks on different days tells two attacks ("the bombing on Friday"; "clerics attacked the
  rulers after Friday's attack", on Saturday).

Blocking keeps it fast: mentions are grouped by (kind, actor-or-place id), sorted by date,
and each is compared with its predecessor only (single linkage along the time axis), so the
cost is O(n log n) in the number of (mention, entity) pairs.  Union-find joins the links.
"""

from __future__ import annotations

import pandas as pd

from timeline.events.triggers import synonym_classes


class _UnionFind:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# Only mentions dated by the text (their own expression, or one they refer back to) merge:
# a date that is just the publication day says too little to call two mentions one event.
MERGE_DATE_SOURCES = ("timex", "context")


def _country_level(place_id: str, names) -> bool:
    """Countries are too coarse to tell events apart (most of a story is 'in Afghanistan')."""
    from timeline.events.entities import place_by_id

    place = place_by_id(place_id)
    return place is None or place.kind == "country"


def _blocks(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (mention, kind, entity) with the mention's day interval as numbers."""
    classes = synonym_classes()
    start = df["date_start"].fillna(df["date_end"])
    end = df["date_end"].fillna(df["date_start"])
    base = pd.DataFrame({
        "row": range(len(df)),
        "kind": [classes.get(lemma, lemma) for lemma in df["lemma"]],
        "start": start.to_numpy(), "end": end.to_numpy(),
        "entity": [list(a) + [x for x in p if not _country_level(x, c)] + ([f"article:{art}"] if day else [])
                   for a, p, c, art, day in zip(df["actor_ids"], df["location_ids"], df["locations"],
                                                df["article_id"], (start == end).to_numpy(), strict=True)],
    })
    dated = df["date_source"].isin(MERGE_DATE_SOURCES).to_numpy()
    base = base[base["start"].notna().to_numpy() & dated].explode("entity")
    return base[base["entity"].notna()]


def merge_events(df: pd.DataFrame, window_days: int = 3) -> pd.DataFrame:
    """Set ``cluster_id``, ``n_sources`` and ``sources`` on the event table (rows kept)."""
    if df.empty:  # the columns are still set: a store whose articles have no events merges too
        return df.assign(cluster_id=pd.array([], dtype="string"), n_sources=pd.array([], dtype="int64"),
                         sources=pd.Series([], dtype=object, index=df.index),
                         n_mentions=pd.array([], dtype="int64"))
    df = df.reset_index(drop=True).copy()
    uf = _UnionFind(range(len(df)))
    window = pd.Timedelta(days=window_days)
    blocks = _blocks(df).sort_values(["kind", "entity", "start", "end"], kind="stable")
    article = df["article_id"].to_numpy()
    prev_key, prev_row, prev_end = None, None, None
    chain: dict = {}  # article -> last day of its mentions in the current chain
    for kind, entity, row, start, end in zip(blocks["kind"], blocks["entity"], blocks["row"],
                                              blocks["start"], blocks["end"], strict=True):
        key, art = (kind, entity), article[row]
        apart = art in chain and start > chain[art]  # the same article, another day
        if key == prev_key and start - prev_end <= window and not apart:
            uf.union(prev_row, row)
            prev_end = max(prev_end, end)
            chain[art] = max(chain.get(art, end), end)
        else:
            prev_end, chain = end, {art: end}
        prev_key, prev_row = key, row
    roots = [uf.find(i) for i in range(len(df))]
    event_ids = df["event_id"].tolist()
    members: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        members.setdefault(r, []).append(i)
    cluster_of = {r: min(event_ids[i] for i in rows) for r, rows in members.items()}
    articles = df["article_id"].tolist()
    sources_of = {r: sorted({articles[i] for i in rows}) for r, rows in members.items()}
    df["cluster_id"] = pd.array([cluster_of[r] for r in roots], dtype="string")
    df["sources"] = pd.Series([list(sources_of[r]) for r in roots], dtype=object)
    df["n_sources"] = pd.array([len(sources_of[r]) for r in roots], dtype="int64")
    df["n_mentions"] = pd.array([len(members[r]) for r in roots], dtype="int64")
    return df


# --- the event level: one row per merged event ------------------------------------------
_UNION_COLUMNS = ("actors", "actor_ids", "locations", "location_ids")
_TEXT_DATED = frozenset(MERGE_DATE_SOURCES)


def _representative_order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows ordered so that each cluster's first row stands for it: a timeline event before a
    mention, a corrected mention first, then the most salient, then the earliest article,
    sentence and word."""
    corrected = df["corrected"] if "corrected" in df else pd.Series(False, index=df.index)
    return df.assign(_c=corrected).sort_values(
        ["cluster_id", "on_timeline", "_c", "salience", "article_id", "sentence_index", "trigger_start"],
        ascending=[True, False, False, False, True, True, True], kind="stable").drop(columns="_c")


def _union(lists) -> list[str]:
    out: dict[str, None] = {}
    for values in lists:
        for v in values:
            out.setdefault(v, None)
    return list(out)


def _day(ts) -> str:
    return "open" if pd.isna(ts) else f"{ts:%d %b %Y}".lstrip("0")


def _reconcile(members: pd.DataFrame) -> dict:
    """The cluster's date from its text-dated mentions: the intersection of their intervals
    when they agree, the representative's reading with the others listed when they do not."""
    head = members.iloc[0]
    if head["date_source"] == "corrected":  # an analyst's date stands
        return {}
    dated = members[members["date_source"].isin(_TEXT_DATED)]
    if len(dated) < 2:
        return {}
    start, end = dated["date_start"].max(), dated["date_end"].min()
    if pd.isna(start) or pd.isna(end) or start <= end:
        narrow = dated.assign(width=(dated["date_end"] - dated["date_start"])).sort_values("width", kind="stable")
        precision = narrow["precision"].iloc[0]
        if pd.notna(start) and pd.notna(end) and (start, end) != (head["date_start"], head["date_end"]):
            return {"date_start": start, "date_end": end, "precision": precision,
                    "date_explanation": f"{head['date_explanation']} Agreed by {len(dated)} mentions: "
                                        f"{_day(start)} to {_day(end)}."}
        return {}
    readings = sorted({f"{_day(s)}–{_day(e)}" if s != e else _day(s)
                       for s, e in zip(dated["date_start"], dated["date_end"], strict=True)})
    return {"date_conflict": "; ".join(readings)}


def event_level(df: pd.DataFrame) -> pd.DataFrame:
    """One row per merged event (cluster) of a mention table: the representative mention's row
    (a timeline event first, then the most salient) with the actors, places and sources of
    every mention united, ``n_mentions`` the number of its mentions, ``on_timeline`` if any
    mention is, and the date reconciled across the mentions dated by the text (a conflict
    keeps the representative's date and lists the readings in ``date_conflict``).
    Singleton clusters pass through untouched, so the cost is in the merged ones only."""
    if df.empty:
        return df
    sizes = df.groupby("cluster_id", sort=False)["cluster_id"].transform("size")
    single, multi = df[sizes.to_numpy() == 1], df[sizes.to_numpy() > 1]
    if multi.empty:
        return df.assign(n_mentions=1)
    rows = []
    for _, members in _representative_order(multi).groupby("cluster_id", sort=False):
        row = members.iloc[0].to_dict()
        for col in _UNION_COLUMNS:
            row[col] = _union(members[col])
        row["n_mentions"] = len(members)
        row["on_timeline"] = bool(members["on_timeline"].any())
        row["salience"] = float(members["salience"].max())
        row.update(_reconcile(members))
        rows.append(row)
    merged = pd.DataFrame(rows, columns=df.columns)
    out = pd.concat([single.assign(n_mentions=1), merged.astype(df.dtypes.to_dict())], ignore_index=True)
    return out.sort_values(["article_id", "sentence_index", "trigger_start"], kind="stable").reset_index(drop=True)
