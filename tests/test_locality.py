"""Where the story happens when the sentences do not say: datelines, the jurisdiction of
the authority cited, a city resolved by its state (timeline/events/locality.py, issue 16).
The texts are written for these tests; what each should give is read from its wording."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events import entities
from timeline.events.locality import article_locality, authorities, dateline
from timeline.events.resources import ResourceError, _check_entry
from timeline.models import Article


@pytest.mark.parametrize("text, name, state", [
    ("KANSAS CITY, Mo. (AP) — Police say three people were arrested.", "Kansas City", "MO"),
    ("KANSAS CITY, Kan. — Police say three people were arrested.", "Kansas City", "KS"),
    ("SPRINGFIELD, Ill. – A man was shot on Friday.", "Springfield", "IL"),
    ("SPRINGFIELD, Mass. – A man was shot on Friday.", "Springfield", "MA"),
    ("GREENWOOD, S.C. -- Two men were hurt.", "Greenwood", "SC"),
    ("GREENWOOD, South Carolina — Two men were hurt.", "Greenwood", "SC"),
])
def test_dateline_city_is_resolved_by_its_state(text, name, state):
    found = dateline(text)
    assert found is not None and found.source == "dateline"
    assert found.place.name == name and found.place.country == "US" and found.place.lat is not None
    same_name = entities.geocode_in(name, "US", state)
    assert found.place.id == same_name.id


def test_springfields_of_two_states_are_two_places():
    il, ma = dateline("SPRINGFIELD, Ill. – A man was shot."), dateline("SPRINGFIELD, Mass. – A man was shot.")
    assert il.place.id != ma.place.id and il.place.lon < ma.place.lon  # Illinois lies west of Massachusetts


@pytest.mark.parametrize("text, name", [
    ("ISLAMABAD – The Taliban on Saturday rejected cooperation.", "Islamabad"),
    ("KABUL, Afghanistan (AP) — The Taliban said on Friday.", "Kabul"),
    ("BOSTON (CBS) — Residents were frightened.", "Boston"),
    ("Having trouble viewing the video?\n\nIUKA – A boy is recovering from a gunshot wound.", "Iuka"),
    ("Killingly (AP) — State police say a teenager has died.", "Killingly"),
    ("WINSTON-SALEM, N.C. — A man was shot.", "Winston-Salem"),
    # a wire's dateline with its filing day
    ("SEOUL, Dec 14 (AP) — South Korea's parliament voted on Saturday.", "Seoul"),
    ("KHARTOUM, March 21 (Reuters) - Sudan's army said on Friday.", "Khartoum"),
    ("PORTLAND, Maine, Dec. 4 (AP) — A man was shot.", "Portland"),
])
def test_datelines_as_news_writes_them(text, name):
    found = dateline(text)
    assert found is not None and found.place.name == name


@pytest.mark.parametrize("text", [
    "UPDATE - Police say a suspect is in custody.",
    "BREAKING NEWS — A man was shot.",
    "The Taliban on Saturday rejected cooperation with the United States.",
    "US - based firms said on Friday they would leave.",
    "Police said a man was shot in the leg.\n\nHe is in stable condition.",
])
def test_no_dateline(text):
    assert dateline(text) is None


@pytest.mark.parametrize("text, name, source", [
    ("Hopewell Police are investigating a drive-by shooting.", "Hopewell", "police"),
    ("The Baton Rouge Police Department is looking for a woman.", "Baton Rouge", "police"),
    ("Savannah-Chatham Metropolitan Police Department is investigating.", "Savannah-Chatham", "police"),
    ("Officer Ann Lee, a Chicago Police spokeswoman, said.", "Chicago", "police"),
    ("Kansas City Police Department officers arrived.", "Kansas City", "police"),
    ("Geneva County Sheriff Tony Helms confirmed the death.", "Geneva County", "county"),
    ("The Yakima County sheriff's office says four were shot.", "Yakima County", "county"),
])
def test_authority_names_its_jurisdiction(text, name, source):
    found = authorities(text)
    assert [(f.place.name, f.source) for f in found] == [(name, source)]


@pytest.mark.parametrize("text", [
    "Capitol Police said the building was closed.",
    "University Police were called to the dorm.",
    "Michigan State Police are investigating.",
    "He lives on Matthews Avenue. Police said he was hit twice.",
    "No police officers were hurt.",
    "On Tuesday Police said the suspect fled.",
    "the Afghan police said",
])
def test_institutions_and_prose_are_no_jurisdiction(text):
    assert authorities(text, frozenset({"afghan"})) == []


def test_locality_prefers_the_dateline_then_city_police_then_county():
    assert article_locality("HOPEWELL, Va. — Richmond Police said.").place.name == "Hopewell"
    text = "The Dillon County Sheriff said. Latta Police and Latta Police again. Mullins Police too."
    assert article_locality(text).place.name == "Latta"
    assert article_locality("The Dillon County Sheriff said two were shot.").place.name == "Dillon County"
    assert article_locality("Two people were shot on Friday.") is None


def test_a_neighbourhood_dateline_lies_within_the_city_whose_police_the_text_cites():
    found = article_locality("SOUTH SHORE — Chicago Police have video of a shooting at a laundromat.")
    assert [p.name for p in found.places] == ["South Shore", "Chicago"]


def _events(nlp, text: str, published=date(2017, 6, 12)):
    from timeline.pipeline import analyze_articles

    [analysis] = analyze_articles([Article(id="a", title="", text=text, published=published)], nlp)
    return analysis.events


def test_local_news_events_happen_in_the_dateline_city(nlp):
    text = ("HOPEWELL, Va. — Four people were injured in a drive-by shooting on Saturday night.\n\n"
            "Police said a car pulled up and someone fired several shots. Officers arrested a man on Sunday.")
    events = _events(nlp, text)
    shooting = next(e for e in events if e.trigger == "shooting")
    arrest = next(e for e in events if e.trigger == "arrested")
    assert shooting.places[0].name == "Hopewell" and shooting.places[0].country == "US"
    assert arrest.places[0].name == "Hopewell"  # no other city in the article: all of it happens there


def test_world_news_gives_the_dateline_to_the_lead_only(nlp):
    text = ("ISLAMABAD – The Taliban on Saturday rejected cooperation with the United States.\n\n"
            "A suicide bombing in Kunduz killed 46 people on Friday.\n\n"
            "The group's spokesman said the talks would go on. Officials met in Doha on Thursday.\n\n"
            "Analysts warned that attacks would continue.")
    events = _events(nlp, text, date(2021, 10, 9))
    rejected = next(e for e in events if e.trigger == "rejected")
    bombing = next(e for e in events if e.trigger == "bombing")
    warned = next(e for e in events if e.trigger == "warned")
    assert rejected.places[0].name == "Islamabad"
    assert [p.name for p in bombing.places][:1] == ["Kunduz"]  # a place of its own stays its place
    assert all(p.name != "Islamabad" for p in warned.places)  # far from the lead, other cities named


def test_a_word_yaml_reads_as_a_boolean_is_refused():
    with pytest.raises(ResourceError, match="boolean"):
        _check_entry("x.yaml", "lexicons", {"name": "n", "purpose": "p", "examples": [], "words": ["in", True]}, set())


def test_a_city_in_a_sentence_is_the_one_of_the_state_written_after_it(nlp):
    text = "Two men were shot in Greenwood, S.C., on Friday. A man was arrested in Springfield, Illinois, on Saturday."
    events = _events(nlp, text, date(2020, 1, 5))
    shot = next(e for e in events if e.trigger == "shot")
    arrested = next(e for e in events if e.trigger == "arrested")
    assert shot.places[0].id == entities.geocode_in("Greenwood", "US", "SC").id
    assert shot.places[0].id != entities.geocode("Greenwood").id  # the most populous Greenwood is in Indiana
    assert "South Carolina" in [p.name for p in shot.places]  # 'S.C.' is the state, not an unknown name
    assert arrested.places[0].id == entities.geocode_in("Springfield", "US", "IL").id


def test_dotted_state_abbreviations_are_states_and_bare_words_are_not():
    assert entities.geocode("N.C.").name == "North Carolina"
    assert entities.geocode("IN") is None and entities.geocode("OR") is None


def test_byline_dateline_and_cited_agencies_are_no_actors(nlp):
    text = ("By Kathy Gannon and Munir Ahmed\n\nNAIROBI, Kenya (AP) — Gunmen attacked a bus on Friday, police said.\n\n"
            "A spokesman told The Associated Press that fighters attacked the base. "
            "According to the Chicago Tribune, two men were arrested on Saturday. Reuters laid off 500 workers on Monday.")
    events = _events(nlp, text, date(2021, 10, 9))
    names = {n for e in events for n in (a.name for a in e.actors)}
    assert not names & {"Kathy Gannon", "Munir Ahmed", "Nairobi", "Kenya", "AP", "Associated Press",
                        "The Associated Press", "Chicago Tribune"}
    laid = next(e for e in events if e.trigger == "laid")
    assert [a.name for a in laid.actors] == ["Reuters"]  # an agency that acts is an actor


@pytest.mark.parametrize("name, source", [
    ("The Associated Press", True), ("Reuters", True), ("Chicago Tribune", True), ("WDIV News", True),
    ("WNCT", True), ("KDKA-TV", True), ("Airbus", False), ("Taliban", False), ("News", False),
    ("Boeing", False), ("Kansas City Star", True),
])
def test_news_sources_by_name(name, source):
    assert entities.is_news_source(name) is source


def test_the_dateline_is_where_the_news_of_the_day_happened_not_the_background(nlp):
    text = ("ISLAMABAD – The Taliban on Saturday rejected cooperation with the United States ahead of talks, "
            "the first since the US withdrew from the country in August.\n\n"
            "A suicide bombing in Kunduz killed 46 people on Friday.")
    events = _events(nlp, text, date(2021, 10, 9))
    rejected = next(e for e in events if e.trigger == "rejected")
    withdrew = next(e for e in events if e.trigger == "withdrew")
    assert rejected.places[0].name == "Islamabad"
    assert all(p.name != "Islamabad" for p in withdrew.places)  # August: background, not Islamabad news
