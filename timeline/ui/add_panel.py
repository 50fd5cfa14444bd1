"""The "Add articles" panel: upload .txt/.html files or paste text, each with a
publication date (prefilled from the page's metadata where there is one, and a plain
warning where there is none).  Added articles live in ``st.session_state["added"]``: private
to the browser session until "Save to the store" writes them (not offered in read-only
mode); then every session and every shared URL sees them."""

from __future__ import annotations

import streamlit as st

from timeline.models import Article
from timeline.pipeline import ArticleFailure
from timeline.settings import Settings
from timeline.store import corpus
from timeline.ui import data as ui_data
from timeline.ui.render import NO_DATE_WARNING, md_escape
from timeline.ui.sidebar import MAX_DAY, MIN_DAY

ORIGINS = {
    "html": "from the page's metadata",
    "metadata": "from the metadata",
    "field": "from the record",
    "user": "set by you",
}


def added_articles() -> list[Article]:
    return st.session_state.setdefault("added", [])


def _add(articles: list[Article], settings: Settings) -> bool:
    """Analyse the articles with visible progress, then keep them for this session; whether
    every one was added."""
    known = {a.id for a in added_articles()}
    new = [a for a in articles if a.id not in known]
    done, failed = [], []
    with st.status(f"Analysing {len(new)} article(s)…", expanded=True) as status:
        bar = st.progress(0.0)
        for i, article in enumerate(new, start=1):
            st.text(article.title or article.id)
            result = ui_data.analyze_article(article, settings.model, settings.seconds_per_10k_chars)
            (failed if isinstance(result, ArticleFailure) else done).append(result)
            bar.progress(i / len(new), text=f"{i} of {len(new)} analysed")
        status.update(label=f"Added {len(done)} article(s)", state="error" if failed else "complete",
                      expanded=False)
    for failure in failed:  # named by title or id, never by a server path
        st.error(md_escape(f"{failure.article.title or failure.article.id}: not added, {failure.reason}"),
                 icon=":material/error:")
    added_articles().extend(a.article for a in done)
    return not failed


def _date_field(label: str, key: str, article: Article | None = None):
    """A publication-date input; prefilled from metadata when the article has a date."""
    if key not in st.session_state:
        st.session_state[key] = article.published if article else None
    return st.date_input(label, key=key, min_value=MIN_DAY, max_value=MAX_DAY, format="YYYY-MM-DD")


PASTE_FIELDS = ("paste_text", "paste_title", "paste_source", "paste_url")  # emptied once their article is added


def paste_panel(settings: Settings) -> None:
    if st.session_state.pop("_paste_added", False):  # the last paste was added: a fresh form for the next
        st.session_state.update(dict.fromkeys(PASTE_FIELDS, ""))  # (the date stays: the story's next day)
    text = st.text_area(
        "Article text", key="paste_text", height=140, placeholder="Paste the text of a news article…"
    )
    title = st.text_input("Title (optional)", key="paste_title")
    source = st.text_input("Outlet (optional)", key="paste_source", placeholder="e.g. Reuters",
                           help="Who published it: named in the provenance of its events (else 'pasted').")
    url = st.text_input("Web address (optional)", key="paste_url", placeholder="https://…")
    published = _date_field("Publication date", "paste_date")
    if text.strip() and not published:
        st.warning(NO_DATE_WARNING, icon=":material/warning:")
    if st.button("Add pasted text", key="add_paste", disabled=not text.strip(), type="primary"):
        if _add([ui_data.pasted_article(text, title, published, source, url)], settings):
            st.session_state["_paste_added"] = True
            st.rerun()


def upload_panel(settings: Settings) -> None:
    files = (
        st.file_uploader(
            "Upload .txt or .html files",
            type=["txt", "html", "htm"],
            accept_multiple_files=True,
            key="uploads",
        )
        or []
    )
    ready: list[Article] = []
    for f in files:
        item = ui_data.read_upload(f.name, f.getvalue())
        if isinstance(item, corpus.CorpusError):
            st.error(md_escape(str(item)), icon=":material/error:")
            continue
        published = _date_field(f"Publication date of {f.name}", f"upload_date_{f.name}", item)
        if published and published == item.published:
            st.caption(f"Date {ORIGINS.get(item.published_origin, 'from the file')}.")
        elif not published:
            st.warning(f"{md_escape(f.name)}: {NO_DATE_WARNING}", icon=":material/warning:")
        ready.append(ui_data.with_date(item, published))
    if ready and st.button(f"Analyse {len(ready)} file(s)", key="add_uploads", type="primary"):
        _add(ready, settings)


def add_articles_panel(settings: Settings) -> None:
    with st.expander("Add articles", expanded=False, icon=":material/note_add:"):
        upload, paste = st.tabs(["Upload files", "Paste text"])
        with upload:
            upload_panel(settings)
        with paste:
            paste_panel(settings)
        for a in added_articles():
            note = "" if a.published else " · :material/warning: no publication date"
            st.caption(f"Added (this session only): {md_escape(a.title or a.id)}{note}")
        if added_articles():
            if settings.read_only:
                st.caption("Read-only deployment: added articles stay in this session and are not saved.")
            elif st.button("Save to the store", key="save_added", icon=":material/save:",
                           help="Write the added articles into the event store: they survive a reload and can "
                                "be shared by URL."):
                _save(settings)


def _save(settings: Settings) -> None:
    """Write the session's added articles into the event store, then forget them (the store
    holds them now)."""
    from timeline.pipeline import ArticleAnalysis
    from timeline.store.database import Store, StoreLocked, make_batch

    analyses = [ui_data.analyze_article(a, settings.model, settings.seconds_per_10k_chars) for a in added_articles()]
    ok = [a for a in analyses if isinstance(a, ArticleAnalysis)]
    try:
        with Store(settings.db_path) as store:
            store.write_batch(make_batch(ok))
            store.recompute_clusters(settings.merge_window_days)
    except StoreLocked:
        st.error("The event store is being written by another process: try again when it has finished.")
        return
    st.session_state["added"] = []
    st.success(f"Saved {len(ok)} article(s) to the store.")
    st.rerun()
