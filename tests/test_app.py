"""The dashboard through streamlit.testing.v1.AppTest: keyed widgets driven, output checked.

Most tests feed the app the hand-built ``ui_table`` (the event extractor is being
rewritten); the tests marked "real pipeline" run the demo corpus and pasted text through
the spaCy model."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from timeline.table import build_event_table, empty_table
from timeline.ui import data as ui_data
from timeline.ui.render import NO_DATE_WARNING

APP = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 180  # the real spaCy model takes seconds on a shared machine


def _app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


def _serve(monkeypatch, events: pd.DataFrame) -> None:
    """The app's demo corpus becomes this hand-built table (no store, no NLP)."""
    st.cache_data.clear()
    arts = pd.DataFrame(
        {
            "id": ["ap-rewrite", "asumetech"],
            "title": ["", "Taliban rule out cooperation"],
            "published": pd.to_datetime(["2021-10-09"] * 2).astype("datetime64[s]"),
        }
    )
    monkeypatch.setattr(ui_data, "demo_tables", lambda settings: (events, arts, "test table"))


@pytest.fixture
def table_app(monkeypatch, ui_table):
    _serve(monkeypatch, ui_table)
    return ui_table


@pytest.fixture
def downloads(monkeypatch):
    """Every file the app hands to st.download_button: (file name, bytes).  The app passes
    a callable (the file is built when clicked, not on every rerun); calling it here gives
    exactly what a click would download."""
    seen: list[tuple[str | None, bytes]] = []
    original = MediaFileManager.add_deferred

    def record(self, fn, *args, **kwargs):
        data = fn()
        seen.append((kwargs.get("file_name"), data.encode("utf-8") if isinstance(data, str) else data))
        return original(self, fn, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def _shown(at: AppTest) -> int:
    return int(at.get("metric")[0].value)


def _csv_ids(downloads) -> list[str]:
    data = [d for name, d in downloads if name == "timeline-events.csv"][-1]
    return [r["event_id"] for r in csv.DictReader(io.StringIO(data.decode("utf-8")))]


def _paste(at: AppTest, text: str, published: date, **fields: str) -> AppTest:
    """Paste ``text`` with its publication date and the optional ``fields`` (widget key -> value), and add it."""
    at.text_area(key="paste_text").input(text)
    for key, value in fields.items():
        at.text_input(key=key).input(value)
    at.date_input(key="paste_date").set_value(published).run()
    return at.button(key="add_paste").click().run()


def test_app_opens_on_the_demo_corpus():  # real pipeline
    st.cache_data.clear()
    at = _app()
    assert not at.exception
    assert at.title[0].value == "News timeline"
    assert at.caption[0].value.startswith("2 article(s)")
    assert "source: event store timeline.duckdb" in at.caption[0].value or "in-process" in at.caption[0].value
    assert len(at.get("plotly_chart")) == 2  # timeline and map, even with no events yet
    assert at.download_button(key="download_csv").label == "Download CSV"


def test_app_paste_without_date_warns_and_keeps_relative_dates_unresolved():  # real pipeline
    st.cache_data.clear()
    at = _app()
    assert NO_DATE_WARNING not in [w.value for w in at.warning]
    at.text_area(key="paste_text").input("The Taliban met US officials in Doha yesterday.").run()
    assert NO_DATE_WARNING in [w.value for w in at.warning]
    at.button(key="add_paste").click().run()
    assert not at.exception
    assert at.caption[0].value.startswith("3 article(s)")
    assert any("no publication date" in c.value for c in at.caption)
    assert any(NO_DATE_WARNING in w.value and "Pasted text" in w.value for w in at.warning)  # page banner


def test_app_paste_form_is_emptied_for_the_next_article():  # real pipeline
    # pasting a story's articles one after another: the last title and outlet stayed in the form, and the
    # next article, pasted without retyping them, was added under the previous one's title and outlet
    st.cache_data.clear()
    at = _paste(_app(), "The Timis river burst its banks in Lugoj on Friday.", date(2024, 3, 16),
                paste_title="Floodwaters swamp Lugoj", paste_source="Danube Wire")
    assert not at.exception and len(at.session_state["added"]) == 1
    assert (at.text_area(key="paste_text").value, at.text_input(key="paste_title").value,
            at.text_input(key="paste_source").value) == ("", "", "")
    assert at.date_input(key="paste_date").value == date(2024, 3, 16)  # the story's dates go on
    second = _paste(at, "Two people drowned near Buzias, police said on Sunday.", date(2024, 3, 17)).session_state["added"][1]
    assert second.title.startswith("Pasted text ") and second.source == "pasted"


def test_app_paste_with_date_has_no_warning():  # real pipeline
    st.cache_data.clear()
    at = _app()
    at.text_area(key="paste_text").input("The Taliban met US officials in Doha yesterday.")
    at.date_input(key="paste_date").set_value(date(2021, 10, 9)).run()
    assert not any(NO_DATE_WARNING in w.value for w in at.warning)


def test_app_pasted_article_keeps_the_outlet_and_web_address_the_analyst_gives():  # real pipeline
    # every pasted article was 'pasted' in the provenance: five outlets over five days read alike
    st.cache_data.clear()
    at = _paste(_app(), "The Timis river burst its banks in Lugoj on Friday, officials said.", date(2024, 3, 16),
                paste_title="Floodwaters swamp Lugoj", paste_source="<b>Danube</b> Wire",
                paste_url="https://example.org/flood?a=1&b=2")
    assert not at.exception
    added = at.session_state["added"][0]
    at.multiselect(key="f_source").set_value([added.id]).run()
    provenance = next(m.value for m in at.markdown if 'class="tl-prov-title"' in m.value)
    assert "&lt;b&gt;Danube&lt;/b&gt; Wire · published 16 Mar 2024" in provenance
    assert 'href="https://example.org/flood?a=1&amp;b=2"' in provenance and "<b>Danube" not in provenance


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("f_actor", ["isis"], 3),
        ("f_location", ["name:afghanistan"], 2),
        ("f_source", ["ap-rewrite"], 2),
        ("f_text", "mosque", 1),
    ],
)
def test_app_filters_change_what_is_shown(table_app, key, value, shown):
    at = _app()
    assert _shown(at) == 5
    widget = at.text_input(key=key) if key == "f_text" else at.multiselect(key=key)
    widget.set_value(value).run()
    assert _shown(at) == shown
    assert len(at.dataframe[0].value) == shown


def test_app_metrics_tell_dated_from_one_sided_and_say_mentions_at_mention_level(monkeypatch, ui_table):
    one_sided = ui_table.iloc[[2]].assign(event_id="asumetech:60", cluster_id="asumetech:60", date_start=pd.NaT)
    _serve(monkeypatch, pd.concat([ui_table, one_sided], ignore_index=True))
    at = _app()
    metrics = {m.label: int(m.value) for m in at.get("metric")}
    assert metrics == {"Events shown": 6, "Dated": 4, "Undated": 1, "In 2+ articles": 2}
    assert at.get("metric")[1].delta == "1 one-sided"  # on or before / after a day: counted apart from the dated
    at.toggle(key="f_level").set_value(True).run()
    assert at.get("metric")[0].label == "Mentions shown"


def test_app_mentions_off_the_timeline_are_listed_as_such_not_counted_as_events(monkeypatch, ui_table):
    # "Show mentions off the timeline" counted every mention as an event ("Events shown 91" on the demo, of
    # 28 events) and the table had no 'Why off the timeline' column, which the checkbox's help promises
    said = ui_table.iloc[[0]].assign(event_id="asumetech:70", cluster_id="asumetech:70", on_timeline=False,
                                     timeline_note="a speech act: what was said is its own event",
                                     summary="officials said")
    _serve(monkeypatch, pd.concat([ui_table, said], ignore_index=True))
    at = _app()
    assert int(at.get("metric")[0].value) == 5 and len(at.dataframe[0].value) == 5
    assert "Why off the timeline" not in at.dataframe[0].value.columns  # nothing off the timeline listed
    at.checkbox(key="f_mentions").set_value(True).run()
    events = at.get("metric")[0]
    assert events.label == "Events shown" and int(events.value) == 5 and events.delta == "+1 mentions off the timeline"
    table = at.dataframe[0].value.set_index("Event")
    assert table.loc["officials said", "Why off the timeline"].startswith("a speech act")
    assert table.drop(index="officials said")["Why off the timeline"].eq("").all()
    assert "5 event(s) shown with the current filters and 1 mention(s) off the timeline" in at.caption[0].value


def test_app_date_range_keeps_overlapping_events(table_app):
    at = _app()
    at.date_input(key="f_from").set_value(date(2021, 10, 1))
    at.checkbox(key="f_undated").uncheck().run()
    assert sorted(at.dataframe[0].value["Event"]) == [
        "Suicide bombing of a Shia mosque in Kunduz",
        "Taliban and US officials hold talks in Doha",
    ]


def test_app_filters_are_written_to_the_url(table_app):
    at = _app()
    at.multiselect(key="f_actor").set_value(["isis", "taliban"])
    at.date_input(key="f_to").set_value(date(2021, 9, 1))
    at.selectbox(key="group_by").set_value("location").run()
    assert at.query_params == {"actor": ["isis", "taliban"], "to": "2021-09-01", "group": "location"}


def test_app_query_params_are_applied_on_open(table_app):
    at = _app({"location": "name:doha", "q": "talks", "group": "article"})
    assert at.multiselect(key="f_location").value == ["name:doha"]
    assert at.text_input(key="f_text").value == "talks"
    assert at.selectbox(key="group_by").value == "article"
    assert _shown(at) == 1
    assert at.dataframe[0].value["Event"].tolist() == ["Taliban and US officials hold talks in Doha"]


def test_app_selected_event_is_shared_by_the_url(table_app):
    # a copied link opened on the table's first event, whichever event the analyst was looking at
    at = _app({"actor": "isis"})
    first = at.selectbox(key="event").value
    isis = [e for e, ids in zip(table_app["event_id"], table_app["actor_ids"], strict=True) if "isis" in ids]
    picked = next(e for e in isis if e != first)
    at.selectbox(key="event").set_value(picked).run()
    chosen = at.selectbox(key="event").value
    assert chosen == picked
    assert at.query_params["event"] in ([chosen], chosen) and at.query_params["actor"] in (["isis"], "isis")
    summary = table_app.set_index("event_id").loc[chosen, "summary"]
    shared = _app({"actor": "isis", "event": chosen})  # the link, opened in another session
    assert not shared.exception and shared.selectbox(key="event").value == chosen
    assert any(summary in m.value and "tl-event" in m.value for m in shared.markdown)
    # the first event is what a link opens on anyway: the URL does not name it
    shared.selectbox(key="event").set_value(first).run()
    assert "event" not in shared.query_params


def test_app_selected_event_names_its_sources_by_title(table_app):
    # 'Sources (2): asumetech, ap-rewrite': the analyst read store ids where the articles have titles
    at = _app({"event": "asumetech:10"})
    assert at.selectbox(key="event").value == "asumetech:10"
    details = next(m.value for m in at.markdown if 'class="tl-event"' in m.value)
    sources = re.search(r"<th>Sources \(2\)</th><td>(.*?)</td>", details).group(1)
    titled = table_app.set_index("article_id")["title"].to_dict()
    assert titled["asumetech"] and titled["asumetech"] in sources  # a titled article by its title
    assert sources.endswith("ap-rewrite")  # the untitled one by its id


def test_app_unknown_id_in_url_stays_selected_and_matches_nothing(table_app):
    at = _app({"actor": "nobody"})
    assert not at.exception
    assert at.multiselect(key="f_actor").value == ["nobody"]
    assert _shown(at) == 0


def test_app_csv_download_holds_exactly_the_filtered_rows(table_app, downloads):
    at = _app({"actor": "us"})
    assert sorted(_csv_ids(downloads)) == ["ap-rewrite:30", "asumetech:20"]
    at.multiselect(key="f_actor").set_value([]).run()
    assert sorted(_csv_ids(downloads)) == sorted(table_app["event_id"])


def test_app_selected_event_shows_escaped_sentence_and_provenance(table_app):
    at = _app()
    at.selectbox(key="event").set_value("asumetech:10").run()
    panel = next(m.value for m in at.markdown if 'class="tl-event"' in m.value)
    assert '<mark class="tl-trigger" title="trigger">bombing</mark>' in panel
    assert '<mark class="tl-date" title="date">yesterday</mark>' in panel
    assert "counted from the publication date 9 Oct 2021" in panel
    assert "Sources (2)" in panel and "Taliban rule out cooperation with US on ISIS · ap-rewrite" in panel


def test_app_hostile_article_text_is_escaped(monkeypatch, ui_table):
    hostile = ui_table.copy()
    hostile.loc[0, "sentence"] = '<script>alert("x")</script> <img src=x onerror=alert(1)>'
    hostile.loc[0, "summary"] = "<b>bold</b>"
    _serve(monkeypatch, build_event_table(hostile.to_dict("records")))
    at = _app()
    at.selectbox(key="event").set_value(hostile.loc[0, "event_id"]).run()
    html_out = "".join(m.value for m in at.markdown)
    assert "<script>" not in html_out and "<img" not in html_out and "<b>bold" not in html_out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html_out


def test_app_handles_an_empty_table(monkeypatch, downloads):
    _serve(monkeypatch, empty_table())
    at = _app({"actor": "isis"})
    assert not at.exception
    assert any("No events were extracted" in i.value for i in at.info)
    assert _csv_ids(downloads) == []


def test_app_about_the_dates_panel(table_app):
    at = _app()
    legend = next(e for e in at.expander if e.label == "About the dates")
    text = " ".join(m.value for m in legend.markdown)
    assert "month-long bar" in text and "on or after" in text and "No publication date" in text


def test_app_undated_events_are_listed(table_app):
    at = _app()
    undated = next(e for e in at.expander if "undated event" in e.label)
    assert [t.value for t in undated.text] == ["• undated · Taliban vow to contain ISIS"]
    assert isinstance(at.dataframe[0].value, pd.DataFrame)


HTML_PAGE = b"""<html><head><title>Kunduz mosque bombing</title>
<meta property="article:published_time" content="2021-10-09T08:00:00Z"></head><body><article>
<h1>Kunduz mosque bombing</h1><p>A suicide bomber attacked a Shia mosque in Kunduz yesterday, killing
dozens of worshippers during Friday prayers, officials said. The Islamic State group claimed the attack.</p>
<p>The Taliban said they would hunt down those responsible for the bombing in northern Afghanistan.</p>
</article></body></html>"""


def test_app_upload_prefills_the_date_from_html_and_warns_for_text(table_app):
    at = _app()
    at.file_uploader(key="uploads").set_value(
        [("kunduz.html", HTML_PAGE, "text/html"), ("notes.txt", b"They met yesterday in Doha.", "text/plain")]
    ).run()
    assert not at.exception
    assert at.date_input(key="upload_date_kunduz.html").value == date(2021, 10, 9)
    assert at.date_input(key="upload_date_notes.txt").value is None
    assert "Date from the page's metadata." in [c.value for c in at.caption]
    assert any(w.value.startswith("notes\\.txt: No publication date") for w in at.warning)
    at.button(key="add_uploads").click().run()
    assert not at.exception
    assert at.caption[0].value.startswith("4 article(s)")


def test_app_upload_of_a_bad_file_names_it(table_app):
    at = _app()
    at.file_uploader(key="uploads").set_value([("blob.txt", b"\x00\x01binary", "text/plain")]).run()
    assert any("blob\\.txt" in e.value and "binary" in e.value for e in at.error)
    assert "add_uploads" not in [b.key for b in at.button]


# --- a large store: aggregated timeline, a page of the table, every row in the download ---


def _many(ui_table, n: int, undated: int = 0) -> pd.DataFrame:
    """``n`` dated events (one a day, cycling over 300 days; actors ISIS or Taliban by
    turns) plus ``undated`` undated ones, cloned from the Kunduz event."""
    base = ui_table.iloc[2].to_dict()
    assert base["event_id"] == "asumetech:10"
    rows = []
    for i in range(n + undated):
        day = pd.Timestamp("2021-01-01") + pd.Timedelta(days=i % 300) if i < n else pd.NaT
        actor = ("ISIS", "isis") if i % 2 else ("Taliban", "taliban")
        rows.append(
            base
            | {"event_id": f"asumetech:{100 + i}", "cluster_id": f"asumetech:{100 + i}", "sentence_index": 100 + i,
               "summary": f"Event number {i}"}
            | {"date_start": day, "date_end": day, "actors": [actor[0]], "actor_ids": [actor[1]]}
        )
    return build_event_table(rows)


def _figure(at: AppTest, index: int) -> dict:
    """The plotly spec of a chart, typed arrays ({dtype, bdata, shape}) decoded to lists."""
    import base64
    import json

    import numpy as np

    def decode(value):
        if isinstance(value, dict) and "bdata" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            shape = [int(s) for s in str(value.get("shape", len(array))).split(",")]
            return array.reshape(shape).tolist()
        if isinstance(value, dict):
            return {k: decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [decode(v) for v in value]
        return value

    return decode(json.loads(at.get("plotly_chart")[index].proto.spec))


def test_app_many_events_timeline_is_aggregated_and_counts_every_dated_event(monkeypatch, ui_table):
    from timeline.ui.charts import AGGREGATE_ABOVE

    n = AGGREGATE_ABOVE + 100
    _serve(monkeypatch, _many(ui_table, n, undated=3))
    at = _app({"group": "article"})
    (trace,) = _figure(at, 0)["data"]
    assert trace["type"] == "heatmap"
    assert sum(c for row in trace["z"] for c in row if c == c) == n  # NaN = empty cell; undated not counted
    assert any(c.value.startswith(f"Aggregated view: {n:,} dated events") for c in at.caption)
    at.multiselect(key="f_actor").set_value(["isis"]).run()  # half the events: one mark each
    traces = [t for t in _figure(at, 0)["data"] if t.get("meta") == "point"]
    assert {t["type"] for t in traces} == {"scatter"}
    assert sum(len(t["y"]) for t in traces) == n // 2
    assert not any(c.value.startswith("Aggregated view") for c in at.caption)


def test_app_table_shows_one_page_and_the_download_holds_every_filtered_row(monkeypatch, ui_table, downloads):
    from timeline.ui.render import PAGE_SIZE

    events = _many(ui_table, 2 * PAGE_SIZE + 234)
    _serve(monkeypatch, events)
    at = _app()
    assert len(at.dataframe[0].value) == PAGE_SIZE
    assert f"Showing events 1–{PAGE_SIZE} of {len(events):,}" in " ".join(c.value for c in at.caption)
    assert sorted(_csv_ids(downloads)) == sorted(events["event_id"])
    at.number_input(key="event_page").set_value(3).run()
    assert at.dataframe[0].value["Event"].tolist() == events["summary"].iloc[2 * PAGE_SIZE :].tolist()
    at.multiselect(key="f_actor").set_value(["isis"]).run()
    assert at.number_input(key="event_page").value == 1  # new filters, first page again
    assert len(at.dataframe[0].value) == PAGE_SIZE and _shown(at) == len(events) // 2
    isis = events[events["actor_ids"].map(lambda ids: "isis" in ids)]
    assert sorted(_csv_ids(downloads)) == sorted(isis["event_id"])


def test_app_event_picker_offers_the_page_and_shows_the_chosen_sentence(monkeypatch, ui_table):
    from timeline.ui.charts import date_label
    from timeline.ui.render import PAGE_SIZE

    events = _many(ui_table, PAGE_SIZE + 10)
    _serve(monkeypatch, events)
    at = _app()
    at.number_input(key="event_page").set_value(2).run()
    picker = at.selectbox(key="event")
    page = events.iloc[PAGE_SIZE:]
    assert picker.options == [
        f"{date_label(d, e, p)} · {s}"
        for d, e, p, s in zip(
            page["date_start"], page["date_end"], page["precision"], page["summary"], strict=True
        )
    ]
    target = events["event_id"].iloc[PAGE_SIZE + 3]
    picker.set_value(target).run()
    panel = next(m.value for m in at.markdown if 'class="tl-event"' in m.value)
    assert f"Event number {PAGE_SIZE + 3}" in panel and '<mark class="tl-trigger"' in panel


def test_app_clicked_timeline_mark_selects_its_event_on_its_page(monkeypatch, ui_table):
    # What the timeline's click callback leaves for the next run (a Plotly selection cannot
    # be driven through AppTest; charts.clicked_event is tested on the figure's own marks).
    from timeline.ui.event_panel import JUMP_KEY
    from timeline.ui.render import PAGE_SIZE

    events = _many(ui_table, PAGE_SIZE + 10)
    _serve(monkeypatch, events)
    at = _app()
    assert at.number_input(key="event_page").value == 1
    target = events["event_id"].iloc[PAGE_SIZE + 7]
    at.session_state[JUMP_KEY] = target
    at.run()
    assert at.number_input(key="event_page").value == 2
    assert at.selectbox(key="event").value == target
    panel = next(m.value for m in at.markdown if 'class="tl-event"' in m.value)
    assert f"Event number {PAGE_SIZE + 7}" in panel


def test_app_many_undated_events_are_listed_up_to_a_limit(monkeypatch, ui_table):
    _serve(monkeypatch, _many(ui_table, 5, undated=120))
    at = _app()
    undated = next(e for e in at.expander if "undated event" in e.label)
    assert undated.label.startswith("120 undated event(s)")
    assert len(undated.text) == 50
    assert undated.caption[0].value.startswith("… and 70 more")


def test_app_filter_choices_are_computed_once_per_table(monkeypatch, ui_table):
    calls = []
    original = ui_data.facets
    monkeypatch.setattr(ui_data, "facets", lambda df: calls.append(len(df)) or original(df))
    _serve(monkeypatch, ui_table)
    at = _app()
    at.multiselect(key="f_actor").set_value(["isis"]).run()
    at.text_input(key="f_text").set_value("mosque").run()
    assert calls == [len(ui_table)]
    assert at.multiselect(key="f_actor").options[:2] == ["ISIS (3)", "Taliban (2)"]  # most events first


def test_app_returning_to_a_view_reuses_its_figures(monkeypatch, ui_table):
    from timeline.ui import charts, maps

    built = []
    for module, name in ((charts, "timeline_figure"), (maps, "map_figure")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name,
                            lambda df, *a, _f=original, _n=name, **kw: built.append(_n) or _f(df, *a, **kw))
    _serve(monkeypatch, ui_table)
    at = _app()
    at.multiselect(key="f_actor").set_value(["isis"]).run()
    at.multiselect(key="f_actor").set_value([]).run()  # back to the first view: cached
    at.selectbox(key="group_by").set_value("location").run()  # a new grouping: a new timeline only
    assert built.count("timeline_figure") == 3 and built.count("map_figure") == 2


def test_app_pasted_article_past_its_time_budget_is_reported_not_added(monkeypatch, table_app):  # real pipeline
    """Issue 14: the paste path has the per-article time budget; an article past it is named
    (by its title, escaped; no server path) and not added, and the page goes on."""
    from timeline import pipeline

    monkeypatch.setattr(pipeline, "time_budget", lambda n, per=None: 0.0)
    at = _app()
    before = at.caption[0].value
    at.text_area(key="paste_text").input("Rebels attacked the town of Kunduz on Friday. " * 20)
    at.text_input(key="paste_title").input("<b>Long</b> report").run()
    at.button(key="add_paste").click().run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "not added, skipped\\: over its time budget" in error
    assert error.startswith("\\<b\\>Long\\</b\\> report")  # markdown-escaped: shown as text, not bold
    assert at.caption[0].value == before  # nothing added


def test_app_story_page_comes_back_from_the_url(monkeypatch, ui_table):
    # (d) a shared URL restores the view, the story view's position included
    _serve(monkeypatch, _many(ui_table, 180))
    at = _app({"story": "3"})
    assert not at.exception
    assert at.number_input(key="story_page").value == 3
    assert at.query_params["story"] == ["3"] or at.query_params["story"] == "3"
    at.number_input(key="story_page").set_value(2).run()
    assert at.query_params["story"] in (["2"], "2")
