"""A past verb right after an age used as a noun ('A 17-year-old shot a man') is a verb with
the age as its subject, not a noun the age modifies (events/age_subjects.py, run after the parser)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates.timexes import resolve_doc
from timeline.events.extract import extract_events
from timeline.models import Article


def _word(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize("text, verb, tag, subject_dep", [
    ("A 17-year-old shot a man in the leg Saturday night.", "shot", "VBD", "nsubj"),
    ("The 16-year-old shot himself in the hand.", "shot", "VBD", "nsubj"),
    ("10-year-old shot in leg on Indianapolis north side", "shot", "VBN", "nsubjpass"),  # a headline, passive
])
def test_age_subjects_a_past_verb_after_an_age_is_a_verb(nlp, text, verb, tag, subject_dep):
    doc = nlp(text)
    v, old = _word(doc, verb), _word(doc, "old")
    assert (v.tag_, v.pos_, v.lemma_) == (tag, "VERB", "shoot")
    assert old.head.i == v.i and old.dep_ == subject_dep
    if doc[0].tag_ == "DT":
        assert doc[0].head.i == old.i  # 'A' / 'The' is the age's, not the verb's


def test_age_subjects_what_police_say_a_child_did_is_their_statement_and_both_verbs_are_the_childs(nlp):
    doc = nlp("Police say a 10-year-old shot and killed an 11-year-old inside a home Thursday.")
    shot, killed = _word(doc, "shot"), _word(doc, "killed")
    assert shot.dep_ == "ccomp" and shot.head.text == "say"
    assert killed.head.i == shot.i


def test_age_subjects_an_age_and_a_verb_read_as_modifiers_of_a_name_are_a_clause(nlp):
    # parsed as one noun phrase, 'a 7-year-old fatally shot Ty-Ryne Hoskins' is what police said
    doc = nlp("Police said a 7-year-old fatally shot Ty-Ryne Hoskins, 3, of Toledo on Oct. 29.")
    shot, old, name = _word(doc, "shot"), _word(doc, "old"), _word(doc, "Hoskins")
    assert (shot.tag_, shot.dep_, shot.head.text) == ("VBD", "ccomp", "said")
    assert (old.dep_, old.head.i) == ("nsubj", shot.i) and (name.dep_, name.head.i) == ("dobj", shot.i)
    assert _word(doc, "a").head.i == old.i


@pytest.mark.parametrize("text", [
    "A 15-year-old boy shot his friend.",  # a noun after the age: the parser had it right
    "Police identified the 19-year-old injured Smith as a suspect.",  # 'the injured Smith': an adjective
    "The 32-year-old estranged wife was not identified.",  # no verb form after the age
])
def test_age_subjects_leaves_other_ages_alone(nlp, text):
    doc = nlp(text)
    old = _word(doc, "old")
    assert old.dep_ == "amod"


def test_age_subjects_the_shooting_is_an_event_on_its_day(nlp):
    text = "A 17-year-old shot a man in the leg Friday night on Elm Street."
    art = Article("a", text, title="", published=date(2021, 10, 9))
    doc = nlp(text)
    evs = extract_events(doc, art, resolve_doc(doc, art.published))
    shot = next(e for e in evs if e.lemma == "shoot")
    assert (shot.date_start, shot.date_end) == (date(2021, 10, 8), date(2021, 10, 8)), shot.date_explanation
