"""HTML and text for the dashboard's event panel, built from ESCAPED pieces.

Article text is untrusted (DESIGN.md §5): every piece of it goes through ``html.escape``
before it is wrapped in our own tags, so the app may render the result as HTML.
No streamlit here: these are pure functions, tested on their own.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from timeline.ui.charts import date_label
from timeline.ui.lanes import first_known_day

NO_DATE_WARNING = (
    "No publication date. Relative dates such as “yesterday”, “on Friday” or “last week” "
    "cannot be placed on the calendar without one: they stay unresolved (shown as undated). "
    "Set the date if you know it."
)

DATES_LEGEND = """\
**Precision.** Every date keeps its grain. A day is a dot; an interval or a coarser date
is a bar covering all the days it may mean: *August 2021* is a month-long bar, *2014* a
year-long bar, never a made-up day.

**Open sides.** ▶ *on or after* a day (the end is unknown), ◀ *on or before* a day (the
start is unknown). The triangle stands on the edge of that day, not inside it (◀ at the end
of the day, ▶ at its start), with a band that fades out into the unknown side: it is no
event of that day, and no interval either.

**Undated.** Events with no date at all are not drawn; they are listed under the chart. So
are states and actions going on at publication with no known start or end ("ongoing at
publication").

**No publication date.** Relative expressions (“yesterday”, “last August”) are counted
from the article's publication date. An article without one keeps them unresolved,
and the app says so instead of guessing from today's date.
"""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~:$])")


def md_escape(text: str) -> str:
    """Untrusted text made inert inside Streamlit markdown (no links, emphasis, icons)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def mark_spans(row) -> list[tuple[int, int, str]]:
    """(start, end, kind) spans relative to the sentence: the date expression and the trigger."""
    base = int(row["sentence_start"])
    spans = []
    if not pd.isna(row["date_char_start"]) and not pd.isna(row["date_char_end"]):
        spans.append((int(row["date_char_start"]) - base, int(row["date_char_end"]) - base, "date"))
    if row["trigger_end"] > row["trigger_start"]:
        spans.append((int(row["trigger_start"]) - base, int(row["trigger_end"]) - base, "trigger"))
    return spans


def _kept(spans: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """The spans inside the sentence, in order, without overlaps: never nest or cut a mark."""
    spans = sorted({(max(s, 0), min(e, length), k) for s, e, k in spans if e > 0 and s < length})
    kept, last_end = [], 0
    for s, e, k in spans:
        if s >= last_end and e > s:
            kept.append((s, e, k))
            last_end = e
    return kept


def highlight(sentence: str, spans: list[tuple[int, int, str]]) -> str:
    """``sentence`` as escaped HTML with ``spans`` (``mark_spans`` of one mention or several of
    the same sentence) marked: the triggers and the date expressions."""
    text = str(sentence).replace("\n", " ")
    out, pos = [], 0
    for s, e, kind in _kept(spans, len(text)):
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark class="tl-{kind}" title="{kind}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return '<div class="tl-sentence">' + "".join(out) + "</div>"


def highlight_sentence(row) -> str:
    """The source sentence as HTML with the trigger and the date expression marked."""
    return highlight(row["sentence"], mark_spans(row))


def _day(ts) -> str:
    return "none" if pd.isna(ts) else f"{ts.day} {ts:%b %Y}"


def event_facts(row, titles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(label, plain text) pairs describing the event's date and provenance; ``titles``: article
    id -> title, to name the sources by title (an id where the article has none)."""
    published = row["published"]
    pub = _day(published) if not pd.isna(published) else "none: relative dates stay unresolved"
    sources = list(row["sources"]) or [row["article_id"]]
    corrected = [("Corrected", row["correction_note"] or "yes")] if row.get("corrected") else []
    return corrected + [
        (
            "When",
            f"{date_label(row['date_start'], row['date_end'], row['precision'])} "
            f"(precision: {row['precision']})",
        ),
        ("How dated", row["date_explanation"] or "–"),
        ("Date expression", row["date_text"] or "–"),
        ("Published", pub),
        ("Actors", ", ".join(row["actors"]) or "–"),
        ("Places", ", ".join(row["locations"]) or "–"),
        ("Article", row["title"] or row["article_id"]),
        (f"Sources ({int(row['n_sources'])})", " · ".join((titles or {}).get(a) or a for a in sources)),
    ]


def event_details_html(row, titles: dict[str, str] | None = None) -> str:
    """The selected event: summary, highlighted sentence and facts (``event_facts``), all escaped."""
    facts = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in event_facts(row, titles)
    )
    title = html.escape(str(row["summary"] or row["trigger"]))
    return (
        f'<div class="tl-event"><div class="tl-summary">{title}</div>{highlight_sentence(row)}'
        f'<table class="tl-facts">{facts}</table></div>'
    )


CSS = """<style>
.tl-sentence {background:rgba(127,140,160,.12);color:inherit;border-left:4px solid #1f5fa8;padding:.6rem .8rem;margin:.4rem 0;
  line-height:1.6;border-radius:4px}
.tl-sentence mark.tl-trigger {background:#ffe08a;color:#1a1a1a;padding:0 .15rem;border-radius:3px;font-weight:600}
.tl-sentence mark.tl-date {background:#bfe3c8;color:#1a1a1a;padding:0 .15rem;border-radius:3px}
.tl-summary {font-weight:600;font-size:1.05rem}
.tl-facts {font-size:.9rem;border-collapse:collapse;width:100%}
.tl-facts th {text-align:left;opacity:.7;font-weight:500;padding:.15rem .6rem .15rem 0;white-space:nowrap;
  vertical-align:top;border:none}
.tl-facts td {padding:.15rem 0;border:none}
/* chart_width.py: the chart drawn before its width is known stays hidden (the rerun draws it sized); should no
   width come, it shows 20 s after its plot is drawn (a first run on a busy server can take more than 8 s) */
.st-key-timeline_unsized {visibility:hidden}
.st-key-timeline_unsized:has(.js-plotly-plot) {animation:tl-reveal 0s 20s forwards}
@keyframes tl-reveal {to {visibility:visible}}
@media (max-width: 1200px) {  /* a narrow page: the chart, not the page's 5rem margins, gets the width */
  [data-testid="stMainBlockContainer"] {padding-left:1.5rem;padding-right:1.5rem}
}
</style>"""


TABLE_COLUMNS = {
    "when": "When",
    "first_day": "From",  # the start, or an 'on or before' bound: a date the table sorts by ('When' sorts as text)
    "precision": "Precision",
    "summary": "Event",
    "actors": "Actors",
    "locations": "Places",
    "source_title": "Article",
    "n_sources": "Sources",
}
PAGE_SIZE = 500  # table rows sent to the browser per rerun; the downloads hold every filtered row


def page_count(n_rows: int, size: int = PAGE_SIZE) -> int:
    """How many pages ``n_rows`` fill (at least one, maybe empty)."""
    return max(1, -(-n_rows // size))


def page_bounds(n_rows: int, page: int, size: int = PAGE_SIZE) -> tuple[int, int]:
    """[first, stop) row positions of 1-based ``page``, clamped to the pages there are."""
    page = min(max(page, 1), page_count(n_rows, size))
    return (page - 1) * size, min(page * size, n_rows)


def page_caption(first: int, stop: int, total: int) -> str:
    """What the table shows of the filtered events, and where to get them all."""
    return (
        f"Showing events {first + 1:,}–{stop:,} of {total:,} ({PAGE_SIZE:,} per page; pick another "
        f"page above). The CSV and JSON downloads hold all {total:,}."
    )


def bc_label(value: str) -> str:
    """A TIMEX value before the common era as a reader writes it: 'BC0480' -> '480 BC',
    'BC0480-04' -> '480 BC (04)'; no day of the calendar (years 1-9999) holds it."""
    year, _, rest = value[2:].partition("-")
    named = f"{int(year)} BC" if year.isdigit() else value
    return f"{named} ({rest}), before year 1" if rest else f"{named}, before year 1"


def when_labels(rows: pd.DataFrame) -> list[str]:
    """``date_label`` of each row (a page of events, not the whole table).  A state or action
    going on at publication ("the issues include ...", "threats are rising"), known to have
    begun before it and to go on after it, says so instead of "undated"."""
    labels = [
        date_label(s, e, p)
        for s, e, p in zip(rows["date_start"], rows["date_end"], rows["precision"], strict=True)
    ]
    if "date_value" in rows:  # '480 BC': a year before the calendar's first, dated by the text, drawn nowhere
        labels = [bc_label(v) if label == "undated" and str(v).startswith("BC") else label
                  for label, v in zip(labels, rows["date_value"], strict=True)]
    if "event_time" not in rows or "published" not in rows:
        return labels
    for k, (label, et, pub) in enumerate(zip(labels, rows["event_time"], rows["published"], strict=True)):
        if label == "undated" and not pd.isna(pub) and isinstance(et, str):
            day = pd.Timestamp(pub).date().isoformat()
            if et == f"beginPoint=before{day}endPoint=after{day}":
                labels[k] = f"ongoing at publication ({date_label(pub, pub)})"
    return labels


OFF_COLUMN = "Why off the timeline"


def off_timeline(rows: pd.DataFrame) -> pd.Series:
    """Whether each row is a mention kept off the timeline (listed with "Show mentions off the
    timeline"), not an event."""
    if "on_timeline" not in rows:
        return pd.Series(False, index=rows.index)
    return ~rows["on_timeline"].fillna(True).astype(bool)


def event_listing(rows: pd.DataFrame, when: list[str]) -> pd.DataFrame:
    """The events table: one line per event with readable dates, actors, places, article; when
    the rows hold mentions off the timeline, a column says why each is no event ('' for events)."""
    title = rows["title"].astype(object)
    off = off_timeline(rows)
    why = ({OFF_COLUMN: rows["timeline_note"].fillna("").where(off, "")}
           if off.any() and "timeline_note" in rows else {})
    return pd.DataFrame(
        {
            "when": when,
            "first_day": first_known_day(rows),
            "precision": rows["precision"],
            "summary": rows["summary"],
            **why,
            "actors": rows["actors"].map(", ".join),
            "locations": rows["locations"].map(", ".join),
            "source_title": title.where(title.notna() & (title != ""), rows["article_id"]),
            "n_sources": rows["n_sources"],
        }
    ).rename(columns=TABLE_COLUMNS)


def event_option_labels(rows: pd.DataFrame, when: list[str]) -> dict[str, str]:
    """event id -> one line for the event picker: its date and summary (or trigger)."""
    summary = rows["summary"].astype(object)
    text = summary.where(summary.notna() & (summary != ""), rows["trigger"].astype(object))
    return {i: f"{w} · {t}" for i, w, t in zip(rows["event_id"], when, text, strict=True)}
