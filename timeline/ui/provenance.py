"""The provenance of the selected event: every article that reports it, and in each the
sentences that mention it, with how each mention was dated (DESIGN.md principle 12: an event
is backed by its mentions).  An analyst checks a merged event here: which outlets said what,
on which publication date, and whether they agree on the date ('Friday' in one, 'yesterday'
in the other: the same 8 Oct).

Built from escaped pieces (article text is untrusted, DESIGN.md §5); no streamlit here.
"""

from __future__ import annotations

import html

import pandas as pd

from timeline.ui.charts import date_label
from timeline.ui.render import highlight, mark_spans
from timeline.ui.story import safe_url

SENTENCES_SHOWN = 4  # per article; the rest are counted
UNKNOWN_SOURCES = ("", "unknown")

PROVENANCE_CSS = """<style>
.tl-prov-head {font-weight:600;margin:.2rem 0 .3rem}
.tl-prov-article {border-top:1px solid rgba(127,140,160,.35);padding-top:.45rem;margin-top:.5rem}
.tl-prov-title {font-weight:600;font-size:.95rem}
.tl-prov-meta, .tl-prov-when, .tl-prov-more {font-size:.82rem;opacity:.8}
.tl-prov .tl-sentence {font-size:.92rem;margin:.25rem 0 .1rem;padding:.4rem .6rem}
.tl-prov-off {color:#b35900}
</style>"""


def event_mentions(table: pd.DataFrame, row) -> pd.DataFrame:
    """The mentions of ``row``'s event in ``table`` (every mention, on the timeline or off it):
    the rows of its cluster, by article (the selected row's first, then by publication date)
    and by place in the text."""
    if table.empty or "cluster_id" not in table:
        return table
    rows = table[table["cluster_id"] == row["cluster_id"]]
    if rows.empty:
        rows = table[table["event_id"] == row["event_id"]]
    first = (rows["article_id"] != row["article_id"]).astype(int)
    return rows.assign(_first=first).sort_values(
        ["_first", "published", "article_id", "sentence_start", "trigger_start"], kind="stable",
        na_position="last").drop(columns="_first")


def _article_head(rows: pd.DataFrame) -> str:
    r = rows.iloc[0]
    title = html.escape(str(r["title"] or r["article_id"]))
    href = safe_url(r["url"] or "")
    if href:
        title = f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    source = str(r["source"] or "")
    published = r["published"]
    meta = [html.escape(source)] if source.lower() not in UNKNOWN_SOURCES else []
    meta.append(f"published {published.day} {published:%b %Y}" if not pd.isna(published) else
                "no publication date: relative dates unresolved")
    n = len(rows)
    meta.append(f"{n} mention{'s' if n != 1 else ''}")
    return (f'<div class="tl-prov-title">{title}</div>'
            f'<div class="tl-prov-meta">{" · ".join(meta)}</div>')


def _best(rows: pd.DataFrame, selected: str) -> pd.Series:
    """The mention of one sentence whose date stands for it: the selected event's own, else the
    first on the timeline dated by an expression of the text, else the first on the timeline."""
    on = rows["on_timeline"].astype(bool) if "on_timeline" in rows else pd.Series(True, index=rows.index)
    key = pd.DataFrame({"other": rows["event_id"] != selected, "off": ~on,
                        "undated": rows["date_text"].fillna("") == ""}, index=rows.index)
    return rows.loc[key.sort_values(["other", "off", "undated"], kind="stable").index[0]]


def _when(rows: pd.DataFrame, selected: str) -> str:
    """How the mentions of one sentence are dated (``_best``'s date and its explanation); a
    sentence whose mentions are all kept off the timeline says why."""
    r = _best(rows, selected)
    when = date_label(r["date_start"], r["date_end"], r["precision"])
    why = str(r["date_explanation"] or "")
    line = html.escape(f"{when} — {why}" if why else when)
    off = rows[~rows["on_timeline"].astype(bool)] if "on_timeline" in rows else rows.iloc[:0]
    if len(off) == len(rows) and str(r.get("timeline_note") or ""):  # all off: the best one's reason
        line += f' <span class="tl-prov-off">· off the timeline: {html.escape(str(r["timeline_note"]))}</span>'
    return f'<div class="tl-prov-when">{line}</div>'


def _sentences(rows: pd.DataFrame, selected: str) -> str:
    """Each sentence of one article that mentions the event once, its triggers and dates marked."""
    out = []
    groups = list(rows.groupby("sentence_start", sort=True))
    for _, group in groups[:SENTENCES_SHOWN]:
        spans = [span for _, r in group.iterrows() for span in mark_spans(r)]
        out.append(highlight(group.iloc[0]["sentence"], spans) + _when(group, selected))
    if len(groups) > SENTENCES_SHOWN:
        more = len(groups) - SENTENCES_SHOWN
        out.append(f'<div class="tl-prov-more">… and {more} more sentence{"s" if more != 1 else ""} in this '
                   "article (One row per mention lists them all)</div>")
    return "".join(out)


def provenance_html(mentions: pd.DataFrame, selected: str = "") -> str:
    """The provenance of one event (``event_mentions``; ``selected``: the id of the row picked):
    per article, its title (linked where it has an http(s) URL), outlet, publication date and
    number of mentions, then each sentence that mentions it, marked, and how it was dated."""
    if mentions.empty:
        return ""
    articles = list(mentions.groupby("article_id", sort=False))
    n = len(articles)
    head = (f'<div class="tl-prov-head">Reported by {n} article{"s" if n != 1 else ""}, in '
            f'{len(mentions)} mention{"s" if len(mentions) != 1 else ""}</div>')
    body = "".join(f'<div class="tl-prov-article">{_article_head(rows)}{_sentences(rows, selected)}</div>'
                   for _, rows in articles)
    return f'<div class="tl-prov">{head}{body}</div>'.replace("\n", " ")  # a blank line would end the HTML block
