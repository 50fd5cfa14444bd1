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
    """Countries and continents are too coarse to tell events apart (most of a story is 'in Afghanistan')."""
    from timeline.events.entities import place_by_id

    place = place_by_id(place_id)
    return place is None or place.kind in ("country", "continent")


def _blocks(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (mention, kind, entity) with the mention's day interval as numbers."""
    classes = synonym_classes()
    start = df["date_start"].fillna(df["date_end"])
    end = df["date_end"].fillna(df["date_start"])
    coarse: dict[str, bool] = {}  # place id -> _country_level, asked once per place (not per mention)
    for places, names in zip(df["location_ids"], df["locations"], strict=True):
        for x in places:
            if x not in coarse:
                coarse[x] = _country_level(x, names)
    base = pd.DataFrame({
        "row": range(len(df)),
        "kind": [classes.get(lemma, lemma) for lemma in df["lemma"].tolist()],  # plain lists: no per-value boxing
        "start": start.to_numpy(), "end": end.to_numpy(),
        "entity": [list(a) + [x for x in p if not coarse[x]] + ([f"article:{art}"] if day else [])
                   for a, p, art, day in zip(df["actor_ids"], df["location_ids"], df["article_id"].tolist(),
                                             (start == end).to_numpy(), strict=True)],
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
    for kind, entity, row, start, end in zip(blocks["kind"].tolist(), blocks["entity"].tolist(), blocks["row"].tolist(),
                                              blocks["start"].tolist(), blocks["end"].tolist(), strict=True):
        key, art = (kind, entity), article[row]
        apart = art in chain and start > chain[art]  # the same article, another day
        if key == prev_key and start - prev_end <= window and not apart:
            uf.union(prev_row, row)
            prev_end = max(prev_end, end)
            chain[art] = max(chain.get(art, end), end)
        else:
            prev_end, chain = end, {art: end}
        prev_key, prev_row = key, row
    _article_anaphora(df, uf)
    roots = [uf.find(i) for i in range(len(df))]
    event_ids = df["event_id"].tolist()
    members: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        members.setdefault(r, []).append(i)
    cluster_of = {r: min(event_ids[i] for i in rows) for r, rows in members.items()}
    articles = df["article_id"].tolist()
    sources_of = {r: [articles[rows[0]]] if len(rows) == 1 else sorted({articles[i] for i in rows})
                  for r, rows in members.items()}
    df["cluster_id"] = pd.array([cluster_of[r] for r in roots], dtype="string")
    df["sources"] = pd.Series([list(sources_of[r]) for r in roots], dtype=object)
    df["n_sources"] = pd.array([len(sources_of[r]) for r in roots], dtype="int64")
    df["n_mentions"] = pd.array([len(members[r]) for r in roots], dtype="int64")
    return df


def _article_anaphora(df: pd.DataFrame, uf: _UnionFind) -> None:
    """'Teen dies in shooting ... The shooting happened about 8 p.m. Saturday': a mention the
    text gives no day for (on or before the publication day) is the one event of its kind
    that its article dates to a day, when the article dates exactly one such event and that
    day is not after the mention's last possible day."""
    classes = synonym_classes()
    kind = pd.Series([classes.get(lemma, lemma) for lemma in df["lemma"].tolist()], index=df.index)
    start, end = df["date_start"], df["date_end"]
    day = df["date_source"].isin(MERGE_DATE_SOURCES) & start.notna() & (start == end)
    open_ = (df["date_source"] == "publication") & start.isna() & end.notna()
    if not day.any() or not open_.any():
        return
    keys = pd.DataFrame({"article": df["article_id"], "kind": kind})
    dated = keys[day].assign(root=[uf.find(i) for i in df.index[day]], day=start[day])
    unique = dated.groupby(["article", "kind"]).agg(roots=("root", "nunique"), days=("day", "nunique"),
                                                     root=("root", "first"), day=("day", "first"))
    unique = unique[(unique["roots"] == 1) & (unique["days"] == 1)]
    if unique.empty:
        return
    targets = keys[open_].join(unique[["root", "day"]], on=["article", "kind"]).dropna(subset=["root"])
    for row, root, when in zip(targets.index, targets["root"], targets["day"], strict=True):
        if when <= end[row]:
            uf.union(int(root), int(row))


# --- the event level: one row per merged event ------------------------------------------
_UNION_COLUMNS = ("actors", "actor_ids", "agent_ids", "locations", "location_ids")
_TEXT_DATED = frozenset(MERGE_DATE_SOURCES)


def _representative_order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows ordered so that each cluster's first row stands for it: a timeline event before a
    mention, a corrected mention first, then the most salient, then the earliest article,
    sentence and word."""
    corrected = df["corrected"] if "corrected" in df else pd.Series(False, index=df.index)
    return df.assign(_c=corrected).sort_values(
        ["cluster_id", "on_timeline", "_c", "salience", "article_id", "sentence_index", "trigger_start"],
        ascending=[True, False, False, False, True, True, True], kind="stable").drop(columns="_c")


def _day(ts) -> str:
    return "open" if pd.isna(ts) else f"{ts:%d %b %Y}".lstrip("0")


def _reconcile(multi: pd.DataFrame, heads: pd.DataFrame) -> pd.DataFrame:
    """The heads (one per cluster, indexed by cluster id) with their date reconciled over the
    cluster's mentions dated by the text: the intersection of their intervals when they agree
    (the narrowest mention's precision), the head's own date with the readings listed in
    ``date_conflict`` when they do not.  A date an analyst corrected stands.  Vectorised."""
    dated = multi[multi["date_source"].isin(_TEXT_DATED)]
    if dated.empty:
        return heads
    by = dated.groupby("cluster_id", sort=False)
    agg = pd.DataFrame({"n": by.size(), "lo": by["date_start"].max(), "hi": by["date_end"].min()})
    undated = heads.index[~heads["date_source"].isin(_TEXT_DATED) & (heads["date_source"] != "corrected")]
    agg = agg[((agg["n"] >= 2) | agg.index.isin(undated))
              & agg.index.isin(heads.index[heads["date_source"] != "corrected"])]
    if agg.empty:
        return heads
    heads = heads.copy()
    agree = agg["lo"].isna() | agg["hi"].isna() | (agg["lo"] <= agg["hi"])
    both = agree & agg["lo"].notna() & agg["hi"].notna()
    moved = both & ((agg["lo"] != heads.loc[agg.index, "date_start"]) | (agg["hi"] != heads.loc[agg.index, "date_end"]))
    if moved.any():
        ids = agg.index[moved]
        width = (dated["date_end"] - dated["date_start"]).rename("w")
        narrow = dated.assign(w=width).sort_values("w", kind="stable").drop_duplicates("cluster_id")
        narrow = narrow.set_index("cluster_id")
        heads.loc[ids, "date_start"] = agg.loc[ids, "lo"].to_numpy()
        heads.loc[ids, "date_end"] = agg.loc[ids, "hi"].to_numpy()
        heads.loc[ids, "precision"] = narrow["precision"].reindex(ids).to_numpy()
        lent = ids[ids.isin(undated)]  # an undated head takes the day its mentions give
        if len(lent):
            heads.loc[lent, "date_source"] = narrow["date_source"].reindex(lent).to_numpy()
        heads.loc[ids, "date_explanation"] = [
            f"{e} Agreed by {n} mentions: {_day(a)} to {_day(b)}." if n >= 2 else
            f"Its article dates it in another mention: {_day(a)}" + (f" to {_day(b)}." if a != b else ".")
            for e, n, a, b in zip(heads.loc[ids, "date_explanation"], agg.loc[ids, "n"], agg.loc[ids, "lo"],
                                  agg.loc[ids, "hi"], strict=True)]
    conflicts = agg.index[~agree]
    if len(conflicts):
        members = dated[dated["cluster_id"].isin(conflicts)]
        reading = [f"{_day(a)}–{_day(b)}" if a != b else _day(a)
                   for a, b in zip(members["date_start"], members["date_end"], strict=True)]
        listed = (pd.DataFrame({"cluster_id": members["cluster_id"].to_numpy(), "r": reading}).drop_duplicates()
                  .groupby("cluster_id")["r"].agg(lambda r: "; ".join(sorted(r))))
        heads.loc[listed.index, "date_conflict"] = listed.to_numpy()
    return heads


def _united(multi: pd.DataFrame, column: str) -> pd.Series:
    """cluster id -> the union of a list column over its mentions, in order of appearance
    (the representative's first: ``multi`` is in representative order)."""
    flat = multi[["cluster_id", column]].explode(column).dropna()
    flat = flat.drop_duplicates()
    return flat.groupby("cluster_id", sort=False)[column].agg(list)


def event_level(df: pd.DataFrame) -> pd.DataFrame:
    """One row per merged event (cluster) of a mention table: the representative mention's row
    (a timeline event first, then the most salient) with the actors, places and sources of
    every mention united, ``n_mentions`` the number of its mentions, ``on_timeline`` if any
    mention is, and the date reconciled across the mentions dated by the text (a conflict
    keeps the representative's date and lists the readings in ``date_conflict``).
    Singleton clusters pass through untouched; the merged ones are handled column by column
    (no Python loop over clusters): 100,000 mentions take a fraction of a second."""
    if df.empty:
        return df
    sizes = df.groupby("cluster_id", sort=False)["cluster_id"].transform("size").to_numpy()
    single, multi = df[sizes == 1], df[sizes > 1]
    if multi.empty:
        return df.assign(n_mentions=1)
    multi = _representative_order(multi)
    heads = multi.drop_duplicates("cluster_id").set_index("cluster_id", drop=False)
    by = multi.groupby("cluster_id", sort=False)
    heads["n_mentions"] = by.size().reindex(heads.index).astype("int64")
    heads["on_timeline"] = by["on_timeline"].any().reindex(heads.index).astype(bool)
    heads["salience"] = by["salience"].max().reindex(heads.index)
    for col in _UNION_COLUMNS:
        united = _united(multi, col).reindex(heads.index)
        heads[col] = [v if isinstance(v, list) else [] for v in united]
    heads = _reconcile(multi, heads)
    merged = heads.reset_index(drop=True)[list(df.columns)].astype(df.dtypes.to_dict())
    out = pd.concat([single.assign(n_mentions=1), merged], ignore_index=True)
    return out.sort_values(["article_id", "sentence_index", "trigger_start"], kind="stable").reset_index(drop=True)
