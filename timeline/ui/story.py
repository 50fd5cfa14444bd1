"""The story view: the filtered events in chronological order, as cards grouped by when they
happened (issue 17), in the manner of a newsroom timeline or TimelineJS.

``story_order`` sorts the events: by the first day they may have happened (an "on or before"
event by its last day), a day before a coarser date that starts on it, a closed date before
"on or before" and "on or after" the same day, then within one date the lead events first (``rank``, then ``salience``); undated events last.  Each event
falls under a heading at its grain: a day ("Fri 8 Oct 2021"), a span of days, a month
("Aug 2021"), a year ("2014"), "On or before 9 Oct 2021", "Undated".  ``story_page`` cuts one
page of cards (100,000 events stay fast: only a page is turned into HTML); ``story_html``
draws them from escaped pieces (article text is untrusted, DESIGN.md §5), each card with its
date and precision, summary, actors, place and its sources by title, linked where the article
has an http(s) URL.  No streamlit here: pure functions, tested on their own.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from timeline.ui.charts import date_label
from timeline.ui.plot_dates import GREGORIAN

STORY_PAGE_SIZE = 50


def story_order(view: pd.DataFrame) -> pd.DataFrame:
    """The rows in story order (a copy; the index is kept)."""
    start, end = view["date_start"], view["date_end"]
    anchor = start.fillna(end)
    width = (end - start).dt.days.fillna(10**6)  # open sides sort after every closed date of the day
    lead = view["rank"] if "rank" in view else pd.Series(0, index=view.index)
    salience = view["salience"] if "salience" in view else pd.Series(0.0, index=view.index)
    kind = np.where(start.isna(), 1, np.where(end.isna(), 2, 0))  # a closed date, on or before, on or after
    keys = pd.DataFrame({"undated": anchor.isna(), "anchor": anchor, "kind": kind, "width": width, "rank": lead,
                         "salience": -salience}, index=view.index)
    order = keys.sort_values(["undated", "anchor", "kind", "width", "rank", "salience"], kind="stable").index
    return view.loc[order]


def heading(start, end, precision: str) -> str:
    """The heading an event falls under: its date at its grain."""
    if pd.isna(start) and pd.isna(end):
        return "Undated"
    if pd.isna(start):
        return f"On or before {_day(end)}"
    if pd.isna(end):
        label = date_label(start, end, precision)
        return label[:1].upper() + label[1:]
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return f"{_weekday(start)}{_day(start)}"
    return date_label(start, end, precision)


def _weekday(ts) -> str:
    """'Sat ' for a day of the Gregorian calendar; '' before it: a date of 1492 is a Julian
    date, and the weekday of the proleptic Gregorian day of that name is another day's."""
    ts = pd.Timestamp(ts)
    return f"{ts:%a} " if ts >= GREGORIAN else ""


def _day(ts) -> str:
    ts = pd.Timestamp(ts)
    return f"{ts.day} {ts:%b %Y}"


@dataclass(frozen=True)
class Section:
    heading: str
    rows: pd.DataFrame


def story_page(view: pd.DataFrame, page: int, size: int = STORY_PAGE_SIZE) -> tuple[list[Section], int]:
    """The sections of 1-based ``page`` of the story (a heading may go on over two pages) and
    the number of pages.  Only the page's rows are ordered in full: the sort is on keys."""
    pages = max(1, -(-len(view) // size))
    page = min(max(page, 1), pages)
    rows = story_order(view).iloc[(page - 1) * size: page * size]
    heads = [heading(s, e, p) for s, e, p in zip(rows["date_start"], rows["date_end"], rows["precision"], strict=True)]
    sections, start = [], 0
    for k in range(1, len(heads) + 1):
        if k == len(heads) or heads[k] != heads[start]:
            sections.append(Section(heads[start], rows.iloc[start:k]))
            start = k
    return sections, pages


def safe_url(url: str) -> str:
    """``url`` when it is an http(s) address with a host (safe in an href), else ''."""
    try:
        parsed = urlparse(str(url))
    except ValueError:
        return ""
    return str(url) if parsed.scheme in ("http", "https") and parsed.netloc else ""


def _source_links(row, articles: dict[str, tuple[str, str]]) -> str:
    out = []
    for article_id in list(row["sources"]) or [row["article_id"]]:
        title, url = articles.get(article_id, (article_id, ""))
        name = html.escape(title or article_id)
        href = safe_url(url)
        out.append(f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener noreferrer">{name}</a>'
                   if href else name)
    return " · ".join(out)


def article_titles(table: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """article id -> (title, url) from an event table's rows."""
    firsts = table.drop_duplicates("article_id")
    return {a: (t or "", u or "") for a, t, u in zip(firsts["article_id"], firsts["title"], firsts["url"], strict=True)}


def card_html(row, articles: dict[str, tuple[str, str]], lead: bool = False) -> str:
    """One event card: date with precision, summary, who, where, sources; all escaped."""
    when = date_label(row["date_start"], row["date_end"], row["precision"])
    grain = "" if row["precision"] in ("day", "time", "unknown", "") else f" · {row['precision']}"
    who = ", ".join(row["actors"])
    where = ", ".join(row["locations"])
    facts = "".join(f'<span class="tl-card-{k}">{html.escape(label)}: {html.escape(v)}</span>'
                    for k, label, v in (("who", "Who", who), ("where", "Where", where)) if v)
    note = f' <span class="tl-card-conflict">dates differ: {html.escape(row["date_conflict"])}</span>' \
        if row.get("date_conflict") else ""
    if row.get("corrected"):  # the original on hover
        note += (f' <span class="tl-card-corrected" title="{html.escape(str(row["correction_note"]), quote=True)}">'
                 "corrected</span>")
    n = int(row["n_sources"])
    return (f'<div class="tl-card{" tl-card-lead" if lead else ""}">'
            f'<div class="tl-card-when">{html.escape(when)}{html.escape(grain)}{note}</div>'
            f'<div class="tl-card-what">{html.escape(str(row["summary"] or row["trigger"]))}</div>'
            f'<div class="tl-card-facts">{facts}</div>'
            f'<div class="tl-card-sources">{"Sources" if n > 1 else "Source"} ({n}): {_source_links(row, articles)}</div>'
            f"</div>")


def story_html(sections: list[Section], articles: dict[str, tuple[str, str]]) -> str:
    """The page's sections as HTML: a heading per date, the lead event of each date marked."""
    out = ['<div class="tl-story">']
    for section in sections:
        out.append(f'<div class="tl-story-day">{html.escape(section.heading)}</div>')
        for k, (_, row) in enumerate(section.rows.iterrows()):
            out.append(card_html(row, articles, lead=k == 0 and len(section.rows) > 1))
    out.append("</div>")
    return "".join(out)


def key_dates_html(days: pd.DataFrame) -> str:
    """The collection's key dates (``store.key_dates``) as a short escaped list."""
    if days.empty:
        return ""
    items = "".join(
        f'<li><b>{html.escape(f"{_weekday(d)}{_day(d)}")}</b> — {html.escape(str(lead))} '
        f'<span class="tl-card-n">({int(n)} event{"s" if n != 1 else ""}, {int(s)} source{"s" if s != 1 else ""})</span></li>'
        for d, lead, n, s in zip(days["day"], days["lead"], days["events"], days["sources"], strict=True))
    return f'<div class="tl-keydates"><div class="tl-story-day">Key dates</div><ol>{items}</ol></div>'


STORY_CSS = """<style>
.tl-story-day {font-weight:700;font-size:1.05rem;margin:1.1rem 0 .35rem;border-bottom:1px solid rgba(127,140,160,.35)}
.tl-card {border-left:4px solid rgba(127,140,160,.45);padding:.35rem .7rem;margin:.35rem 0;border-radius:4px;
  background:rgba(127,140,160,.07)}
.tl-card-lead {border-left-color:#1f5fa8}
.tl-card-when {font-size:.82rem;opacity:.75}
.tl-card-what {font-weight:600;margin:.1rem 0}
.tl-card-facts span {font-size:.85rem;margin-right:1rem}
.tl-card-sources {font-size:.82rem;opacity:.85}
.tl-card-conflict {color:#b35900;margin-left:.5rem}
.tl-card-corrected {border:1px solid #2e933c;color:#2e933c;border-radius:3px;padding:0 .3rem;margin-left:.5rem;cursor:help}
.tl-keydates ol {margin:.2rem 0 .6rem 1.2rem;padding:0}
.tl-card-n {opacity:.7;font-size:.85rem}
</style>"""


def position_of(view: pd.DataFrame, event_id: str, size: int = STORY_PAGE_SIZE) -> int | None:
    """The story page holding ``event_id`` (for a link to one event), or None."""
    order = story_order(view)["event_id"].to_numpy()
    at = np.flatnonzero(order == event_id)
    return int(at[0]) // size + 1 if len(at) else None
