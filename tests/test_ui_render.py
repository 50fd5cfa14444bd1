"""ui_render.py: the event panel's HTML is built from escaped pieces."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.ui import render as ui_render


def _row(ui_table, **changes):
    row = ui_table.set_index("event_id", drop=False).loc["asumetech:10"].copy()
    for k, v in changes.items():
        row[k] = v
    return row


def test_ui_render_marks_trigger_and_date(ui_table):
    out = ui_render.highlight_sentence(_row(ui_table))
    assert out == (
        '<div class="tl-sentence">A suicide <mark class="tl-trigger" title="trigger">bombing</mark> at a Shia '
        'mosque in Kunduz killed 46 people <mark class="tl-date" title="date">yesterday</mark>.</div>'
    )


@pytest.mark.parametrize(
    ("sentence", "unsafe"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('"><img src=x onerror=alert(1)>', "<img"),
        ("a\n\n<style>*{display:none}</style>", "<style>"),
    ],
)
def test_ui_render_escapes_untrusted_text(ui_table, sentence, unsafe):
    row = _row(
        ui_table,
        sentence=sentence,
        trigger_start=0,
        trigger_end=3,
        date_char_start=pd.NA,
        summary=sentence,
        actors=[sentence],
        date_explanation=sentence,
    )
    out = ui_render.event_details_html(row)
    assert unsafe not in out
    assert "\n\n" not in ui_render.highlight_sentence(row)  # a blank line would end the HTML block


def test_ui_render_offsets_outside_the_sentence_are_ignored(ui_table):
    row = _row(ui_table, trigger_start=500, trigger_end=507, date_char_start=-20, date_char_end=-10)
    assert "<mark" not in ui_render.highlight_sentence(row)


def test_ui_render_overlapping_marks_never_nest(ui_table):
    row = _row(ui_table, date_char_start=0, date_char_end=20)  # covers the trigger too
    out = ui_render.highlight_sentence(row)
    assert out.count("<mark") == 1 and "tl-date" in out


def test_ui_render_facts_say_when_there_is_no_publication_date(ui_table):
    facts = dict(ui_render.event_facts(_row(ui_table, published=pd.NaT)))
    assert facts["Published"] == "none: relative dates stay unresolved"
    assert facts["When"] == "8 Oct 2021 (precision: day)"
    assert facts["Sources (2)"] == "asumetech · ap-rewrite"  # no titles known: the ids
    named = dict(ui_render.event_facts(_row(ui_table), {"asumetech": "Taliban rule out <b>cooperation</b>"}))
    assert named["Sources (2)"] == "Taliban rule out <b>cooperation</b> · ap-rewrite"  # an untitled one: its id
    assert "&lt;b&gt;cooperation&lt;/b&gt; · ap-rewrite" in ui_render.event_details_html(
        _row(ui_table), {"asumetech": "Taliban rule out <b>cooperation</b>"})


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("[click](javascript:alert(1))", "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"),
        ("**bold** :material/home:", "\\*\\*bold\\*\\* \\:material/home\\:"),
        ("Kunduz", "Kunduz"),
    ],
)
def test_ui_render_md_escape_makes_markdown_inert(text, escaped):
    assert ui_render.md_escape(text) == escaped


@pytest.mark.parametrize(
    ("n_rows", "page", "bounds", "pages"),
    [
        (0, 1, (0, 0), 1),
        (5, 1, (0, 5), 1),
        (500, 1, (0, 500), 1),
        (501, 2, (500, 501), 2),
        (100_000, 200, (99_500, 100_000), 200),
        (1_234, 9, (1_000, 1_234), 3),  # past the last page: the last page
        (1_234, 0, (0, 500), 3),
    ],
)
def test_ui_render_page_bounds(n_rows, page, bounds, pages):
    assert ui_render.PAGE_SIZE == 500
    assert ui_render.page_bounds(n_rows, page) == bounds
    assert ui_render.page_count(n_rows) == pages


def test_ui_render_page_caption_says_the_downloads_hold_all():
    caption = ui_render.page_caption(500, 1_000, 100_000)
    assert caption.startswith("Showing events 501–1,000 of 100,000")
    assert "downloads hold all 100,000" in caption


def test_ui_render_event_listing_and_picker_labels(ui_table):
    rows = ui_table.iloc[:3]
    when = ui_render.when_labels(rows)
    listing = ui_render.event_listing(rows, when)
    assert list(listing.columns) == list(ui_render.TABLE_COLUMNS.values())
    assert listing["When"].tolist() == when
    # 'From' is a date, so that sorting by it is chronological ('14 Mar' does not sort before '9 Mar')
    first = rows["date_start"].fillna(rows["date_end"])
    assert listing["From"].equals(first.rename("From")) and pd.api.types.is_datetime64_any_dtype(listing["From"])
    assert listing["Article"].tolist()[0] == "ap-rewrite"  # untitled: the article id
    labels = ui_render.event_option_labels(rows, when)
    assert labels["asumetech:10"] == "8 Oct 2021 · Suicide bombing of a Shia mosque in Kunduz"


def test_ui_render_when_says_ongoing_at_publication_not_undated():
    rows = pd.DataFrame({
        "date_start": [pd.NaT, pd.NaT, pd.Timestamp("2021-10-08")],
        "date_end": [pd.NaT, pd.NaT, pd.Timestamp("2021-10-08")],
        "precision": ["unknown", "unknown", "day"],
        # "the issues include reining in extremist groups": began before, goes on after 9 Oct
        "event_time": ["beginPoint=before2021-10-09endPoint=after2021-10-09", "", "2021-10-08"],
        "published": [pd.Timestamp("2021-10-09")] * 3,
    })
    assert ui_render.when_labels(rows) == ["ongoing at publication (9 Oct 2021)", "undated", "8 Oct 2021"]


def test_ui_render_when_label_of_a_year_before_the_common_era(ui_table):
    rows = ui_table.iloc[[0, 4]].assign(date_start=pd.NaT, date_end=pd.NaT, precision="year",
                                        date_value=["BC0480", ""])
    assert ui_render.when_labels(rows) == ["480 BC, before year 1", "undated"]


@pytest.mark.parametrize(("value", "width"), [
    (920, 920), ("920", 920), (920.0, 920), (None, None), ("", None), ("wide", None), (0, None), (-40, None),
    ("99999", None),  # a cookie edited by hand
])
def test_ui_render_chart_width_accepts_only_a_plausible_width(value, width):
    from timeline.ui.chart_width import valid_width

    assert valid_width(value) == width


def test_ui_render_the_chart_is_hidden_until_its_width_is_known():
    # the first run draws the chart for an unknown width: the stylesheet hides it (the rerun with the
    # measured width draws it in another container), and shows it anyway should no width come
    from timeline.ui.chart_width import SIZED_KEY, UNSIZED_KEY, area_key

    assert area_key(None) == UNSIZED_KEY and area_key(920) == SIZED_KEY
    assert f".st-key-{UNSIZED_KEY} {{visibility:hidden}}" in ui_render.CSS
    assert f".st-key-{UNSIZED_KEY}:has(.js-plotly-plot) {{animation:tl-reveal" in ui_render.CSS
    assert f".st-key-{SIZED_KEY}" not in ui_render.CSS
