"""Who each word refers to (timeline/events/references.py) and the events an actor takes part in
(timeline/events/participants.py), on sentences written for these tests (issue 19): names, short
forms, acronyms, pronouns and descriptions, with no target given; each expectation is read from
the sentence."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.references import references
from timeline.models import Article


def refs(nlp, text):
    """(words, actor id, kind) of each reference, in text order."""
    doc = nlp(text)
    seen, out = set(), []
    for _, r in sorted(references(doc).items()):
        if (r.start, r.end) not in seen:
            seen.add((r.start, r.end))
            out.append((doc[r.start:r.end].text, r.actor.id, r.kind))
    return out


def of(nlp, text, actor_id):
    return [(w, k) for w, a, k in refs(nlp, text) if a == actor_id]


def actors_of(nlp, text, trigger):
    from timeline.pipeline import analyze_articles

    [analysis] = analyze_articles([Article(id="a", title="", text=text, published=date(2007, 7, 9))], nlp)
    ev = next(e for e in analysis.events if e.trigger == trigger)
    return {a.id for a in ev.actors}


# ----------------------------------------------------------------------------- names


def test_refs_surname_after_full_name_and_not_another_person(nlp):
    text = ("Steve Jobs unveiled the new phone on Monday. Steve Wozniak watched from the audience. "
            "Jobs said the device would ship in June.")
    found = of(nlp, text, "steve-jobs")
    assert ("Steve Jobs", "name") in found and ("Jobs", "short") in found
    assert not any(w.startswith("Steve Wozniak") or w == "Wozniak" for w, _ in found)


def test_refs_model_name_is_not_its_maker(nlp):
    # 'the Airbus A380' is a plane, 'A380' later is that plane; 'Airbus' alone is the company
    text = "The Airbus A380 landed in Sydney on Monday. Airbus said the A380 flew well."
    assert ("Airbus A380", "name") in of(nlp, text, "airbus-a380")
    assert ("A380", "short") in of(nlp, text, "airbus-a380")
    assert of(nlp, text, "airbus") == [("Airbus", "name")]


def test_refs_a_model_number_glued_to_its_letters_is_one_name(nlp):
    # the tokenizer splits '3G' into '3' and 'G': the model is 'iPhone 3G', not 'iPhone 3'
    text = "Apple said the iPhone 3G will be discontinued on Friday."
    assert ("iPhone 3G", "name") in of(nlp, text, "iphone-3g")
    assert of(nlp, text, "iphone-3") == []


def test_refs_a_model_number_after_an_airline_is_the_makers_model(nlp):
    # American Airlines flies a 777 that Boeing makes: the plane is no 'American Airlines 777', and
    # 'the 777' later is the Boeing 777 the article names
    text = ("An American Airlines 777 landed at Heathrow on Monday. The Boeing 777 is a family of airliners. "
            "The first flight of the 777 was in 1994.")
    assert of(nlp, text, "american-airlines-777") == []
    assert ("777", "short") in of(nlp, text, "boeing-777")
    assert "boeing-777" in actors_of(nlp, text, "flight")
    text = "An Air France A330 crashed into the Atlantic on Monday. Airbus said the Airbus A330 was safe."
    assert of(nlp, text, "air-france-a330") == []


def test_refs_product_tail_but_not_a_generic_word(nlp):
    text = ("Boeing delivered the first Boeing 787 Dreamliner to All Nippon Airways. The Dreamliner flew to Tokyo. "
            "Singapore Airlines ordered ten jets.")
    assert ("Dreamliner", "short") in of(nlp, text, "boeing-787-dreamliner")
    assert not any(w == "Airlines" for w, _, _ in refs(nlp, text) if w != "Singapore Airlines")


def test_refs_brand_names_that_ner_leaves_out(nlp):
    text = "Apple said the iPhone 4 would ship in June. The iTunes Store sold a billion songs."
    ids = {a for _, a, _ in refs(nlp, text)}
    assert "iphone-4" in ids and "itunes-store" in ids


def test_refs_acronym_defined_after_the_name(nlp):
    text = "The United States Air Force (USAF) chose a tanker on Friday. The USAF said the decision was final."
    found = of(nlp, text, "united-states-air-force")
    assert [w for w, k in found if k in ("acronym", "short")].count("USAF") == 2


def test_refs_legal_form_is_no_part_of_the_name(nlp):
    assert {a for _, a, _ in refs(nlp, "EADS N.V. reported a loss on Monday.")} == {"eads"}


# ----------------------------------------------------------------------------- anaphora


@pytest.mark.parametrize("text, pronouns", [
    # he/she: the person last named as a subject
    ("Steve Jobs opened the conference. He announced a new phone. Tim Cook spoke next. He praised the team.",
     [("He", "steve-jobs"), ("He", "tim-cook")]),
    # a person named in passing does not take 'he'
    ("Steve Jobs spoke at the conference. The crowd cheered for Bill Gates. He then announced a new phone.",
     [("He", "steve-jobs")]),
    # it: the thing of its sentence, never a pleonastic 'it'
    ("Ryanair said it made record profits. Boeing said it will deliver the jets in May. "
     "It is expected that prices will rise.", [("it", "ryanair"), ("it", "boeing")]),
    # its: the subject of its own clause, not the thing named last ('Shiites')
    ("ISIS has launched attacks on Shiites since its emergence in 2014.", [("its", "isis")]),
])
def test_refs_pronouns(nlp, text, pronouns):
    assert [(w, a) for w, a, k in refs(nlp, text) if k == "pronoun"] == pronouns


def test_refs_pronoun_subject_of_a_subordinate_clause_is_the_main_subject(nlp):
    # 'when it arrives': the plane that wears the colours, not the airline named last
    text = "The new Boeing 787 will wear the colours of Japan Airlines when it arrives in Tokyo next month."
    assert ("it", "pronoun") in of(nlp, text, "boeing-787")
    text = "Qantas will fly the Airbus A380 to London when it receives the plane in June."
    assert ("it", "pronoun") in of(nlp, text, "qantas")


def test_refs_description_learned_from_the_text_or_the_name(nlp):
    text = ("Airbus, Europe's biggest aircraft manufacturer, cut 10,000 jobs. The manufacturer said on Monday that "
            "sales fell. Singapore Airlines ordered jets. The airline will fly them in May.")
    assert [w for w, a, k in refs(nlp, text) if k == "description"] == ["manufacturer", "airline"]
    assert [a for w, a, k in refs(nlp, text) if k == "description"] == ["airbus", "singapore-airlines"]


def test_refs_description_learned_from_the_noun_a_product_name_modifies(nlp):
    # 'the new Acme X200 superjumbo airliner': the airliner is the X200, and so is 'the airliner' after it
    text = ("The new Acme X200 superjumbo airliner left Paris on Monday. The airliner landed in Rome. "
            "The massive airliner will fly to Oslo.")
    assert [(w, a) for w, a, k in refs(nlp, text) if k == "description"] == [("airliner", "acme-x200")] * 3


@pytest.mark.parametrize("text, word, actor", [
    # 'plane' and 'jet' name one kind of thing: the jet is the plane the article described
    ("The Airbus A380, the world's largest passenger plane, left Paris on Monday. As the jet was pushed back, "
     "a wing struck a hangar.", "jet", "airbus-a380"),
    ("Zephyr Motors, a Swedish carmaker, cut 2,000 jobs on Monday. The automaker said sales fell.", "automaker",
     "zephyr-motors"),
])
def test_refs_a_description_by_another_noun_for_the_same_kind(nlp, text, word, actor):
    assert (word, actor) in [(w, a) for w, a, k in refs(nlp, text) if k == "description"]


def test_refs_a_description_the_article_leaves_open_and_the_nouns_of_its_actors(nlp):
    from timeline.events.references import reading

    doc = nlp("Airbus, Europe's biggest aircraft maker, sold a Zephyr Z9 on Tuesday. The plane landed in Oslo.")
    read = reading(doc)
    assert list(read.open.values()) == ["plane"]  # no actor of the article is called a plane
    assert {a.id: set(n) for a, n in read.kinds.items()}["airbus"] == {"maker"}
    assert read.first["airbus"] == 0


# ----------------------------------------------------------------------------- events


def test_participants_are_the_heads_of_the_arguments(nlp):
    text = "Airbus unveiled the A380 on Tuesday. Boeing criticised the launch on Wednesday."
    assert actors_of(nlp, text, "unveiled") == {"airbus", "a380"}
    assert actors_of(nlp, text, "criticised") == {"boeing"}


def test_participants_not_inside_an_apposition(nlp):
    # Louis Gallois speaks; Airbus only describes him
    text = "Louis Gallois, the Airbus chief executive, resigned on Monday."
    assert actors_of(nlp, text, "resigned") == {"louis-gallois"}


def test_participants_through_pronouns_and_short_forms(nlp):
    text = "Steve Jobs opened the conference on Monday. Jobs unveiled the phone. He then thanked the engineers."
    assert "steve-jobs" in actors_of(nlp, text, "unveiled")
    assert "steve-jobs" in actors_of(nlp, text, "thanked")


def test_participants_of_a_passive_agent_and_a_relative_clause(nlp):
    assert "airbus" in actors_of(nlp, "The tanker was built by Airbus in 2007.", "built")
    text = "Airbus, which has sold more planes than Boeing since 2003, unveiled a new plane on Monday."
    assert "airbus" in actors_of(nlp, text, "sold")


def test_participants_none_without_the_actor(nlp):
    assert "airbus" not in actors_of(nlp, "Boeing delivered the first 717 jet to AirTran on Monday.", "delivered")


def test_refs_person_name_whole_and_without_its_title(nlp):
    # NER leaves 'Trevor' out of the name and keeps 'Coroner' in it
    text = ("Trevor Andre Williams, a 33-year-old man, was shot on Friday. "
            "Deputy Coroner Darris Fowler identified the victim on Saturday.")
    ids = {a for _, a, k in refs(nlp, text) if k == "name"}
    assert "trevor-andre-williams" in ids and "darris-fowler" in ids
    assert not {"andre-williams", "coroner-darris-fowler", "deputy-coroner-darris-fowler"} & ids


def test_participants_they_for_people_named_together(nlp):
    text = ("Marco Watson, 36, and Devin Thomas, 18, were already in the county jail when they were charged "
            "on Friday.")
    assert {"marco-watson", "devin-thomas"} <= actors_of(nlp, text, "charged")
    text = "Ryanair and Boeing said on Friday they signed the deal."
    assert {"ryanair", "boeing"} <= actors_of(nlp, text, "signed")


def test_participants_not_the_state_of_a_place_where(nlp):
    text = "The weekend meetings in the Qatari capital, Doha, are the first since August."
    assert "qatar" not in actors_of(nlp, text, "meetings")


@pytest.mark.parametrize("text, trigger, maker, present", [
    # a maker delivers, builds and renames the product named with its name
    ("Nokia said on Monday that the first Nokia N95 was delivered to stores.", "delivered", "nokia", True),
    ("The Nokia N95 was built in Finland, Nokia said on Monday.", "built", "nokia", True),
    # what happens to a product but is not done by its maker
    ("The Nokia N95 won an award in London on Tuesday. Nokia praised the staff.", "won", "nokia", False),
    # a model of a product line: the line is no organisation, so it makes nothing
    ("The iPhone sold well. Apple said the iPhone 4 was delivered to stores on Monday.", "delivered", "iphone",
     False),
])
def test_participants_the_maker_of_a_product_named_with_its_name(nlp, text, trigger, maker, present):
    assert (maker in actors_of(nlp, text, trigger)) is present


def test_participants_a_pronoun_subject_keeps_its_person_in_mind(nlp):
    # 'He talked' is still Steve Jobs, so the 'He' three sentences later is too
    text = ("Steve Jobs opened the show on Monday. He talked about the new phone. Sales were strong last year. "
            "The market grew fast. He said that Apple was ready.")
    assert "steve-jobs" in actors_of(nlp, text, "said")


@pytest.mark.parametrize("form, text", [
    ("Obama", "Obama, Obamas and Obamaes; not xObama, Obama_, Obama&Co or Obamass. Obama"),
    ("Singapore Airlines", "Singapore  Airlines, Singapore\u00a0Airlines' and Singapore\nAirliness; SingaporeAirlines"),
    ("es", "es eses ses s es&"),
    ("A380", "A380s A380es A380-800 &A380 (A380)"),
])
def test_name_matches_are_the_regex_ones(form, text):
    """A name's matches without a regex per name are the regex's (``names.name_matches``)."""
    import re

    from timeline.events.names import name_matches

    words = form.split()
    regex = re.compile(r"(?<![\w&])" + r"\s+".join(map(re.escape, words)) + r"(?:e?s)?(?![\w&])")
    assert list(name_matches(words, text)) == [m.span() for m in regex.finditer(text)]
