"""ui_render.py: the event panel's HTML is built from escaped pieces."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline import ui_render


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
    assert facts["Sources (2)"] == "asumetech, ap-rewrite"


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
