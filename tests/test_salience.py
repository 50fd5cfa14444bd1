"""Timeline events vs mentions, salience and rank (timeline/events/salience.py, issue 16).

Every expectation is read from the sentence by hand: is it something that happened, stated as
fact, that an analyst would put on a timeline?  Published 9 Oct 2021 throughout.
"""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.extract import extract_events
from timeline.models import Article

P = date(2021, 10, 9)


def events_of(nlp, text, published=P):
    from timeline.dates.timexes import resolve_doc

    doc = nlp(text)
    return extract_events(doc, Article("t", text, published=published), resolve_doc(doc, published))


def one(nlp, text, trigger):
    return next(e for e in events_of(nlp, text) if e.trigger == trigger)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Gunmen attacked a police convoy in Kunduz on Friday.", "attacked"),
    ("A suicide bomber killed 46 worshippers at a mosque on Friday.", "killed"),
    ("Senior Taliban officials and US representatives will meet in Doha on Saturday.", "meet"),
    ("US forces withdrew from Afghanistan in August.", "withdrew"),
    ("Police arrested two suspects late Tuesday.", "arrested"),
    ("The Taliban rejected cooperation with the United States.", "rejected"),
    # a stated refusal: what is reported is the refusal, on its day
    ("We will not work with the United States to contain ISIS, the spokesman said.", "work"),
    # the incident a dated emergency call was for: the day of the call, though nothing else of its own
    ("Police say they got a call for a shooting around 7 p.m. Friday at a home in Killingly.", "shooting"),
    # the emergency call itself: how a local incident starts, dated by the clause it shares
    ("Police got a 911 call Friday morning from the victim's husband.", "call"),
    ("The call for help came in around 5 p.m. Friday.", "call"),
    ("The call came in around 8:15 p.m. Friday.", "call"),
    ("The call came in around 8:15 p.m. Police say a boy was shot.", "call"),
])
def test_salience_timeline_events(nlp, text, trigger):
    ev = one(nlp, text, trigger)
    assert ev.on_timeline and ev.timeline_note == "", (ev.trigger, ev.timeline_note)


@pytest.mark.parametrize(("text", "trigger", "why"), [
    ("We need water and food, she said.", "said", "speech act"),
    ("The official spoke on condition of anonymity.", "spoke", "speech act"),
    ("The Taliban have indicated flexibility on the evacuation.", "indicated", "stance"),
    ("It is seen as a terrorist group.", "seen", "stance"),
    ("Officials were not authorized to speak about the meetings.", "authorized", "negated"),
    ("The Taliban would work with the US if asked.", "work", "hypothetical"),
    ("The group could attack American targets.", "attack", "hypothetical"),
    ("The officials want to strike a deal.", "strike", "future"),
    ("ISIS has launched frequent attacks on the country's Shiites.", "attacks", "part of the event"),
    ("Historians still study past wars.", "wars", "events in general"),
    # the same bare incident noun dated only by the clause it shares, with no call: a fragment
    ("Police said they found the gun near the shooting on Friday.", "shooting", "nothing of its own"),
    ("China's concerns about terrorism will increase.", "increase", "future"),
])
def test_salience_mentions_kept_off_the_timeline(nlp, text, trigger, why):
    ev = one(nlp, text, trigger)
    assert not ev.on_timeline and why in ev.timeline_note, (ev.trigger, ev.timeline_note)


@pytest.mark.parametrize("text", ["The mayor issued a call for reform on Monday.", "It was a close call on Monday.",
                                  "Many calls for calm came from the clergy."])
def test_salience_a_call_that_is_no_emergency_call_is_no_event(nlp, text):
    assert "call" not in {e.trigger.lower() for e in events_of(nlp, text)}
    assert "calls" not in {e.trigger.lower() for e in events_of(nlp, text)}


def test_salience_support_verb_takes_its_objects_class(nlp):
    ev = one(nlp, "ISIS has launched frequent attacks on the country's Shiites.", "launched")
    assert ev.on_timeline and ev.event_class == "violence"


@pytest.mark.parametrize(("text", "trigger", "cls"), [
    ("Police fired tear gas at protesters on Friday.", "fired", "violence"),  # to fire is to shoot
    ("Shots were fired at 2 a.m. Saturday.", "fired", "violence"),
    ("Gunmen opened fire on the crowd on Friday.", "opened", "violence"),  # opened fire: gunfire, not a blaze
    ("On Tuesday he fired his interior minister.", "fired", "politics"),  # dismissed: a change of office
    ("The coach was fired on Monday.", "fired", "politics"),
    ("Two soldiers were fired upon near the border on Monday.", "fired", "violence"),  # shot at, not dismissed
    ("A fire destroyed the warehouse on Friday.", "fire", "disaster"),  # a fire is a blaze
    ("Gunmen stormed the camp on Tuesday.", "stormed", "violence"),  # to storm a place is an assault
    ("A storm hit the coast on Saturday.", "storm", "disaster"),  # a storm is weather
    ("A driver slammed into a minivan late Saturday.", "slammed", "disaster"),  # a crash
    ("The opposition slammed the decision on Monday.", "slammed", "speech_with_content"),  # criticised it
    ("Protesters set fire to a police station on Friday.", "set", "violence"),  # arson
])
def test_salience_class_of_a_word_with_two_senses(nlp, text, trigger, cls):
    assert one(nlp, text, trigger).event_class == cls


@pytest.mark.parametrize(("text", "trigger", "cls"), [
    # the doer is a natural hazard or an accident: what it did is that disaster, whatever the verb
    ("A fire destroyed the church on Friday.", "destroyed", "disaster"),  # not an attack
    ("A storm hit the coast on Saturday.", "hit", "disaster"),
    ("A landslide buried the road on Friday.", "buried", "disaster"),
    ("The house was damaged by the flood on Friday.", "damaged", "disaster"),
    ("The earthquake killed 12 people on Friday.", "killed", "casualties"),  # the deaths stay deaths
    ("Gunmen destroyed the church on Friday.", "destroyed", "violence"),  # people who destroy attack
    # a complement that says someone is dead tells a death
    ("A man was found dead in his home on Sunday.", "found", "casualties"),
    ("The driver was pronounced dead at the scene on Sunday.", "pronounced", "casualties"),
    ("Police found a gun in his car on Sunday.", "found", ""),  # finding a thing is no death
    # burning and looting by people is violence
    ("Fighters burned shelters and looted a market on Tuesday.", "burned", "violence"),
    ("Fighters burned shelters and looted a market on Tuesday.", "looted", "violence"),
])
def test_salience_class_from_the_doer_and_the_complement(nlp, text, trigger, cls):
    ev = one(nlp, text, trigger)
    assert ev.event_class == cls
    assert ev.on_timeline or cls == ""


def test_salience_a_death_complement_is_in_the_summary(nlp):
    assert one(nlp, "The driver was pronounced dead at the scene.", "pronounced").summary == \
        "The driver was pronounced dead at the scene"


def test_salience_a_speakers_own_announced_plan_is_the_event(nlp):
    said = one(nlp, "Nvidia Corp said on Monday it would buy Israeli chip designer Mellanox for $6.9 billion.", "said")
    assert said.on_timeline and said.event_class == "economy"
    assert said.summary.startswith("Nvidia Corp said:") and "buy Israeli chip designer" in said.summary
    # a plan said of another is a report, and a feeling is no plan: the saying stays off the timeline
    for text in ("The company said the regulator would block the deal.", "The mayor said she was shocked."):
        assert not any(e.trigger == "said" and e.on_timeline for e in events_of(nlp, text)), text


def test_salience_lead_event_ranks_first(nlp):
    text = ("Taliban rejected cooperation with the US on Saturday.\n\n"
            "The spokesman said the group was ready. Officials discussed the evacuation of foreign nationals. "
            "Families returned to their homes last month.")
    events = events_of(nlp, text)
    lead = min(events, key=lambda e: e.rank)
    assert lead.trigger == "rejected" and lead.rank == 1
    assert sorted(e.rank for e in events) == list(range(1, len(events) + 1))
    # every timeline event ranks before every mention kept off it
    on = [e.rank for e in events if e.on_timeline]
    off = [e.rank for e in events if not e.on_timeline]
    assert on and off and max(on) < min(off)
    assert all(0.0 <= e.salience <= 1.0 for e in events)


def test_salience_violence_outranks_a_statement_at_equal_position(nlp):
    events = events_of(nlp, "Residents praised the mayor on Friday. Gunmen killed three people on Friday.")
    by = {e.trigger: e for e in events}
    assert by["killed"].salience > by["praised"].salience


def test_salience_an_undated_event_is_not_drawn_as_a_day(nlp):
    # no day in the text: on or before the publication day, never a fake day
    ev = one(nlp, "Pakistan sent a letter to the new rulers.", "sent")
    assert (ev.date_start, ev.date_end, ev.precision) == (None, P, "unknown"), ev.date_explanation
    # the label keeps the annotation convention (EventTime: the publication day)
    assert ev.event_time == "2021-10-09"
    # of no class analysts list and with no date: a minor event, off the timeline
    assert not ev.on_timeline and "minor" in ev.timeline_note
    # a reporting verb is the news of the day and stays on it
    said = one(nlp, "We need water and food, she said.", "said")
    assert (said.date_start, said.date_end) == (P, P)


def test_salience_a_headline_in_the_present_tense(nlp):
    # 'Airbus launches A350': an announcement, the news of the day
    launch = one(nlp, "Airbus launches new jet in Paris\n\nThe plane maker showed the model to buyers.", "launches")
    assert (launch.date_start, launch.date_end) == (P, P)
    # 'Teen dies in shooting': a death reported after the fact; the body, not the headline, gives its day
    dies = one(nlp, "Teen dies in accidental shooting\n\nA boy was shot by a friend at a home.", "dies")
    assert (dies.date_start, dies.date_end, dies.precision) == (None, P, "unknown"), dies.date_explanation


def test_salience_an_incident_told_as_such_ranks_as_the_incident(nlp):
    # local news tells the incident by the police response: it outranks the arrest that followed
    text = ("Officers responded to a home in the 900 block of Elm Street on Saturday night.\n\n"
            "A man was arrested on Monday, police said.")
    by = {e.trigger: e for e in events_of(nlp, text, published=date(2021, 10, 12))}
    assert by["responded"].event_class == "incident" and by["responded"].on_timeline
    assert by["responded"].rank < by["arrested"].rank


def test_salience_a_news_conference_is_no_meeting(nlp):
    events = events_of(nlp, "Police held a news conference on Monday. A man was shot on Sunday night.",
                       published=date(2021, 10, 12))
    by = {e.trigger: e for e in events}
    assert by["conference"].event_class == "speech"
    assert by["shot"].rank < by["conference"].rank


def test_a_date_of_birth_dates_no_other_event(nlp):
    text = "The suspect has been identified as Martin Rockwell (DOB: 02/14/1977), and was arrested."
    arrested = next(e for e in events_of(nlp, text) if e.trigger == "arrested")
    assert arrested.date_start is None or arrested.date_start.year == 2021


def test_salience_the_incident_leads_the_charge_that_follows_it(nlp):
    # the charge is the headline, but it is told because of Saturday's shooting: the shooting leads
    text = ("Taunton man charged in fatal shooting\n\n"
            "Lorenze DaVeiga, 19, was charged by Taunton police with murder on Monday, District Attorney "
            "Thomas Quinn said. DaVeiga lived on Lowell Street. He had moved to Taunton in 2014. The victim was "
            "a father of two. His family lives on Weir Street. His mother works at a bakery. His sister studies "
            "at Bristol Community College. His brother plays football. The victim was shot on Weir Street on Saturday.")
    by = {e.trigger: e for e in events_of(nlp, text, published=date(2021, 10, 12))}
    assert by["charged"].date_start == date(2021, 10, 11)  # the date after the crime dates the charge
    assert by["shot"].rank == 1 and by["shot"].date_start == date(2021, 10, 9)
    assert by["charged"].rank == 2


def test_salience_the_violence_a_later_death_followed_leads(nlp):
    evs = events_of(nlp, "A 14-year-old died at 9:30 a.m. Tuesday after being shot by a friend on Monday night.",
                    date(2016, 12, 21))
    lead = min(evs, key=lambda e: e.rank)
    assert (lead.trigger, lead.date_start) == ("shot", date(2016, 12, 19)), [(e.trigger, e.rank) for e in evs]


def test_salience_a_decision_keeps_the_lead_over_an_earlier_attack(nlp):
    # a refusal is news of its own, not a follow-up of the bombing the day before (only justice follows)
    text = ("The Taliban refused on Saturday to work with the United States in Doha, spokesman Suhail Shaheen "
            "said. The group runs the country. Its leaders live in Kandahar. Its fighters guard the capital. "
            "Its ministers meet weekly. Its envoy lives in Qatar. Its schools are closed. "
            "A bombing in Kunduz on Friday killed dozens.")
    by = {e.trigger: e for e in events_of(nlp, text)}
    assert by["refused"].rank == 1 and by["bombing"].rank == 2 and by["bombing"].date_start < by["refused"].date_start


def test_salience_the_crime_a_charge_names_is_part_of_the_charge(nlp):
    # 'murder' is what he was charged with, not a murder on the day of the charge
    events = events_of(nlp, "A man was charged with murder on Monday.", published=date(2021, 10, 12))
    murder = next(e for e in events if e.trigger == "murder")
    assert not murder.on_timeline and "charged" in murder.timeline_note
    # with a day of its own, the crime is an event of its own
    shooting = next(e for e in events_of(nlp, "A man was sentenced on Monday for the April 7 shooting.")
                    if e.trigger == "shooting")
    assert shooting.on_timeline and shooting.date_start == date(2021, 4, 7)


def test_salience_a_date_before_officials_say_dates_what_they_say(nlp):
    # the present 'say' is the news's own time; 'Wednesday evening' is when they were called
    text = "Around 6:30 p.m. on Wednesday evening, officials say they were called to a home on Monroe Street."
    called = next(e for e in events_of(nlp, text, published=date(2021, 10, 7)) if e.trigger == "called")
    assert (called.date_start, called.date_end) == (date(2021, 10, 6), date(2021, 10, 6)), called.date_explanation


@pytest.mark.parametrize("text, word, day", [
    ("Authorities were hunting the suspect on Monday after he shot two officers.", "shot", date(2021, 10, 4)),
    ("A man was arrested Saturday afternoon after deputies found three people dead.", "found", date(2021, 10, 9)),
])
def test_salience_what_a_dated_event_came_after_is_on_or_before_its_day(nlp, text, word, day):
    # 'X on Monday after Y': Y came first, on Monday or before, not a day of its own
    ev = next(e for e in events_of(nlp, text, published=date(2021, 10, 9)) if e.trigger == word)
    assert (ev.date_start, ev.date_end) == (None, day), ev.date_explanation


@pytest.mark.parametrize("text, word, day", [
    # a participle or past relative clause that describes a participant: done to it before
    ("Around 10:45 a.m. Monday, authorities identified the victims who were killed in the spree.", "killed",
     date(2021, 10, 4)),
    ("On Monday police arrested the man who fired the shots.", "fired", date(2021, 10, 4)),
])
def test_salience_what_was_done_to_a_participant_is_on_or_before_the_day(nlp, text, word, day):
    ev = next(e for e in events_of(nlp, text, published=date(2021, 10, 9)) if e.trigger == word)
    assert (ev.date_start, ev.date_end) == (None, day), ev.date_explanation


def test_salience_an_event_at_a_dated_occasion_takes_its_day(nlp):
    said = next(e for e in events_of(nlp, "In a July 16 press conference, Jobs said that buyers would get a free case.",
                                     published=date(2021, 10, 9)) if e.trigger == "said")
    assert (said.date_start, said.date_end) == (date(2021, 7, 16), date(2021, 7, 16)), said.date_explanation


def test_salience_after_a_time_of_day_can_be_that_same_day(nlp):
    # 'four hours after its 9:45 a.m. departure', past, published that day: that day, not the next
    left = next(e for e in events_of(nlp, "The plane left four hours after its scheduled 9:45 a.m. departure.",
                                     published=date(2021, 10, 9)) if e.trigger == "left")
    assert (left.date_start, left.date_end) == (date(2021, 10, 9), date(2021, 10, 9)), left.date_explanation


def test_salience_violent_crime_nouns_are_events_and_a_particle_makes_another_verb(nlp):
    evs = {e.trigger: e for e in events_of(nlp, "Police gave no motive for Sunday night's gunfire. Four teens "
                                                "showed up at the hospital at 7:30 p.m. Sunday with a wounded friend.",
                                           published=date(2021, 10, 9))}
    assert evs["gunfire"].on_timeline and evs["gunfire"].date_start == date(2021, 10, 3)
    assert evs["showed"].on_timeline  # 'show up' is arriving, not 'show' as a stance


def test_salience_a_date_of_a_copula_clause_dates_its_events(nlp):
    # 'is dead after he was shot, early Saturday morning': the date belongs to the clause of 'is'
    shot = next(e for e in events_of(nlp, "A teen is dead after he was shot, early Saturday morning.",
                                     published=date(2021, 10, 9)) if e.trigger == "shot")
    assert (shot.date_start, shot.date_end) == (date(2021, 10, 9), date(2021, 10, 9)), shot.date_explanation


def test_salience_an_incident_dated_by_its_relative_clause_takes_that_day(nlp):
    # the shooting is what left a man dead Thursday evening; 'now' is when it is under review
    text = ("A officer-involved shooting that left a man dead in Selma Thursday evening is now under review "
            "by the State Bureau of Investigation.")
    shooting = next(e for e in events_of(nlp, text, published=date(2016, 7, 8)) if e.trigger == "shooting")
    assert (shooting.date_start, shooting.date_end) == (date(2016, 7, 7), date(2016, 7, 7)), shooting.date_explanation


def test_salience_the_incident_an_investigation_is_about_came_before_it(nlp):
    # 'a double homicide investigation on Wednesday': the homicide is on or before Wednesday
    text = "Detectives interviewed Jesse Dobbs in connection to a double homicide investigation on Wednesday."
    homicide = next(e for e in events_of(nlp, text, published=date(2016, 11, 9)) if e.trigger == "homicide")
    assert (homicide.date_start, homicide.date_end) == (None, date(2016, 11, 9)), homicide.date_explanation


@pytest.mark.parametrize("text, word", [
    ("That brings to 18 the number of people now shot in family disputes this year.", "shot"),
    ("A total of seven people were shot at Shawnee Park, police say now.", "shot"),
    ("A man wounded in North Austin is now in critical condition.", "wounded"),
    ("The shooting is now under investigation.", "shooting"),
])
def test_salience_now_tells_the_present_state_not_the_day_of_a_past_event(nlp, text, word):
    # 'now' is when the count or the state holds; the shootings are not dated by it
    ev = next(e for e in events_of(nlp, text, published=date(2016, 11, 25)) if e.trigger == word)
    assert "now" not in ev.date_explanation.lower() and not (ev.date_start == ev.date_end == date(2016, 11, 25)), \
        ev.date_explanation


def test_salience_until_now_still_ends_a_past_event(nlp):
    held = next(e for e in events_of(nlp, "Some say female pilots were held up until now by the lack of opportunities.",
                                     published=date(1998, 3, 4)) if e.trigger == "held")
    assert held.date_end == date(1998, 3, 4) and held.date_start is None, held.date_explanation


def test_salience_a_sentence_final_pm_is_the_time_of_its_event(nlp):
    # the parser takes the last 'p.m.' for the full stop, hung on 'said'; the time is still when
    # the shots were fired, and a bare clock time in the news is the publication day's
    text = ("Police said a male approached the restaurant and fired shots around 3:30 p.m. When officers "
            "responded they found two males.")
    fired = next(e for e in events_of(nlp, text, published=date(2017, 3, 30)) if e.trigger == "fired")
    assert (fired.date_start, fired.date_end) == (date(2017, 3, 30), date(2017, 3, 30)), fired.date_explanation



@pytest.mark.parametrize("text, word, start, end", [
    # 'arrested Thursday, a day after he shot': the shooting is Wednesday, not merely on or before Thursday
    ("A man was arrested Thursday on a manslaughter charge, a day after he accidentally shot his friend.", "shot",
     date(2017, 2, 22), date(2017, 2, 22)),
    ("He died on Friday, two days after he was shot by a neighbor.", "shot", date(2017, 2, 22), date(2017, 2, 22)),
    # a past event told by the clock time it was close to is on that day ('happened before 4 p.m.
    # Saturday' is Saturday afternoon, as police write it); a deadline to come is still a bound
    ("The incident happened before 4 p.m. Saturday at the hotel.", "happened", date(2017, 2, 18), date(2017, 2, 18)),
    ("Officers arrived after 11 p.m. Saturday, police said.", "arrived", date(2017, 2, 18), date(2017, 2, 18)),
    ("The protesters must leave the square before 4 p.m. Saturday.", "leave", None, date(2017, 2, 25)),
])
def test_salience_an_offset_from_a_dated_event_or_time_of_day(nlp, text, word, start, end):
    found = {e.trigger: e for e in events_of(nlp, text, published=date(2017, 2, 24))}
    assert (found[word].date_start, found[word].date_end) == (start, end), found[word].date_explanation


@pytest.mark.parametrize("text, word, day", [
    # a clock time with no day of its own and the day the text names: the named day
    ("It happened at around 11 p.m. in Blytheville, Arkansas, on August 8.", "happened", date(2015, 8, 8)),
    # an approximate offset and the exact date: the exact date
    ("Matt Anderson, 15, died nearly 6 months ago, on March 1, killed by a gunshot wound.", "died", date(2015, 3, 1)),
])
def test_salience_of_two_dates_of_an_event_the_one_that_names_its_day_wins(nlp, text, word, day):
    found = {e.trigger: e for e in events_of(nlp, text, published=date(2015, 8, 20))}
    assert (found[word].date_start, found[word].date_end) == (day, day), found[word].date_explanation


@pytest.mark.parametrize(("text", "trigger", "cls"), [
    ("Kenya protests: police fire tear gas as demonstrators mark anniversary\nPolice fired tear gas on Wednesday.",
     "fire", "violence"),  # a headline's verb the tagger calls a noun: 'police fire' is shooting, no blaze
    ("Soldiers came under sniper fire on Tuesday.", "fire", "violence"),
    ("Protesters set tires on fire on Wednesday.", "set", "violence"),  # arson
    ("Fire crews battled the blaze on Monday.", "battled", "disaster"),  # what they fought is the disaster
    ("Rebels fought the army on Monday.", "fought", "violence"),
    ("He was booked into the county jail on Sunday.", "booked", "justice"),  # booked into a jail: an arrest's step
    ("She booked a flight on Sunday.", "booked", ""),  # booking a flight is no event of a class
    ("The suspect will be arraigned on Friday.", "arraigned", "justice"),
])
def test_salience_class_of_fire_by_its_modifiers_and_what_is_fought(nlp, text, trigger, cls):
    assert one(nlp, text, trigger).event_class == cls


def test_salience_a_word_in_another_sense_refers_back_to_no_event(nlp):
    evs = {e.trigger: e for e in events_of(nlp, "Soldiers came under sniper fire. The officer was fired on Monday.")}
    assert evs["fire"].date_start is None  # the dismissal's Monday is not the shooting's
    assert evs["fired"].date_start == date(2021, 10, 4)


@pytest.mark.parametrize("text, word, day", [
    # a 'when' clause set off before 'police said' hangs on the saying, but tells the scene's time
    ("Phillips was home with his seven children Saturday afternoon, watching TV and playing in his bedroom, "
     "when the shooting occurred, Philadelphia police said.", "occurred", date(2016, 4, 16)),
    # a light verb's date is its event's ('got into an argument'), and 'during the argument' is then
    ("James Graham got into an argument with his nephew outside a home around 4 p.m. Friday.\n\n"
     "During the argument, Graham pulled out a gun and fired a shot, hitting his nephew.", "argument", date(2016, 4, 15)),
    ("James Graham got into an argument with his nephew outside a home around 4 p.m. Friday.\n\n"
     "During the argument, Graham pulled out a gun and fired a shot, hitting his nephew.", "fired", date(2016, 4, 15)),
])
def test_salience_an_event_in_the_scene_of_a_dated_clause_takes_its_day(nlp, text, word, day):
    found = {e.trigger: e for e in events_of(nlp, text, published=date(2016, 4, 18))}
    assert (found[word].date_start, found[word].date_end) == (day, day), found[word].date_explanation


@pytest.mark.parametrize(("text", "trigger", "cls"), [
    ("The teen was rushed to the hospital where he passed away over the weekend.", "passed", "casualties"),
    ("The bill passed the Senate on Monday.", "passed", "decision"),
    ("After a single gunshot, the girl fell to the floor with a wound to her head.", "fell", ""),
    ("Shares fell 5 percent on Monday.", "fell", "economy"),
    ("The Timis river fell below the alert level on Tuesday.", "fell", "disaster"),  # waters: a flood's, no market's
    ("The water rose quickly on Friday.", "rose", "disaster"),
    ("Shares fell 5 percent on Friday.", "fell", "economy"),
])
def test_salience_class_of_a_phrasal_verb_and_of_a_person_or_water_that_falls(nlp, text, trigger, cls):
    assert one(nlp, text, trigger).event_class == cls


def test_salience_a_teaser_told_again_by_the_story_takes_the_story_s_day(nlp):
    # a photo caption before the dateline has only a clock time; the story tells the same
    # shooting at the same clock time on Wednesday night: the caption's telling is Wednesday too
    text = ("Someone in an SUV opened fire about 9:10 p.m. Four men were wounded. View Full Caption\n\n"
            "CHICAGO — Four men were shot in a South Shore drive-by Wednesday night.\n\n"
            "The victims were walking on South Phillips Avenue when someone inside a passing SUV opened fire "
            "about 9:10 p.m., police said.")
    first, second = [e for e in events_of(nlp, text, published=date(2014, 5, 1)) if e.trigger == "opened"]
    assert (first.date_start, first.date_end) == (date(2014, 4, 30), date(2014, 4, 30)), first.date_explanation
    assert "told again" in first.date_explanation
    # a clock time that no later telling dates stays counted from the publication date
    [alone] = [e for e in events_of(nlp, "Someone opened fire about 9:10 p.m. near the school.",
                                    published=date(2014, 5, 1)) if e.trigger == "opened"]
    assert (alone.date_start, alone.date_end) == (date(2014, 5, 1), date(2014, 5, 1))


def test_salience_an_embedded_post_s_signature_day_is_when_it_was_posted(nlp):
    # '— Megan Brilley (@meganbrilley) November 5, 2016' signs a tweet: the shooting it tells
    # happened on or before that day; the story dates it to Friday night
    text = ("A 2-year-old is in critical condition after being accidentally shot at a pizza shop "
            "— Megan Brilley (@meganbrilley) November 5, 2016\n\n"
            "KANSAS CITY, Kan. – On Friday night a 2-year-old boy was critically hurt in a shooting.")
    evs = {e.trigger: e for e in events_of(nlp, text, published=date(2016, 11, 5))}
    assert (evs["shot"].date_start, evs["shot"].date_end) == (None, date(2016, 11, 5)), evs["shot"].date_explanation
    assert "post" in evs["shot"].date_explanation
    assert (evs["hurt"].date_start, evs["hurt"].date_end) == (date(2016, 11, 4), date(2016, 11, 4))
    # the same date with no handle before it dates the event
    plain = {e.trigger: e for e in events_of(nlp, "A boy was shot at a pizza shop on November 4, 2016.",
                                             published=date(2016, 11, 5))}
    assert (plain["shot"].date_start, plain["shot"].date_end) == (date(2016, 11, 4), date(2016, 11, 4))


@pytest.mark.parametrize(("text", "trigger", "cls"), [
    ("The war erupted in April 2023 over plans to merge the forces.", "erupted", "violence"),  # a war's start
    ("Fighting broke out on Sunday near the border.", "broke", "violence"),
    ("The volcano erupted on Sunday.", "erupted", "disaster"),  # no event noun as its subject: the eruption
    ("The army said it had recaptured the presidential palace.", "recaptured", "violence"),
])
def test_salience_class_of_an_onset_verb_is_its_event_s(nlp, text, trigger, cls):
    assert one(nlp, text, trigger).event_class == cls


def test_salience_a_wire_dateline_s_filing_day_dates_no_event(nlp):
    # 'SEOUL, Dec 15 (AP) —' is the day the story was filed: the vote is the Saturday the text names
    evs = {e.trigger: e for e in events_of(
        nlp, "SEOUL, Dec 15 (AP) — South Korea's parliament voted on Saturday to impeach President Yoon.",
        published=date(2024, 12, 15))}
    assert (evs["voted"].date_start, evs["voted"].date_end) == (date(2024, 12, 14), date(2024, 12, 14))
    assert "SEOUL" not in {a.name for a in evs["voted"].actors}  # the dateline is no actor
    evs = {e.trigger: e for e in events_of(
        nlp, "SEOUL, Dec 15 (AP) — South Korea's parliament impeached President Yoon.", published=date(2024, 12, 15))}
    assert (evs["impeached"].date_start, evs["impeached"].date_end) == (None, date(2024, 12, 15))


def test_salience_after_an_event_of_the_publication_day_is_that_day(nlp):
    # 'celebrated after the vote' (the tagger's VBN for a finite past), the vote on the publication
    # day: the celebration is that day, not 'after' it (it is told in the past)
    text = "Parliament voted on Saturday to impeach Yoon. Tens of thousands of people celebrated outside the " \
           "Assembly after the vote."
    evs = {e.trigger: e for e in events_of(nlp, text, published=date(2024, 12, 14))}
    assert (evs["celebrated"].date_start, evs["celebrated"].date_end) == (date(2024, 12, 14), date(2024, 12, 14))
    # told two days later: from the day after the vote to the publication day
    evs = {e.trigger: e for e in events_of(nlp, text, published=date(2024, 12, 16))}
    assert (evs["celebrated"].date_start, evs["celebrated"].date_end) == (date(2024, 12, 15), date(2024, 12, 16))


def days(nlp, text, published):
    """Trigger -> (first day, last day) of the events of ``text``."""
    return {e.trigger: (e.date_start, e.date_end) for e in events_of(nlp, text, published=published)}


def test_salience_a_crime_dated_after_its_charge_phrase_and_a_coordinated_copula_s_day(nlp):
    # 'charged Monday with murder in the shooting death ... over the weekend': Monday is the
    # charge's, the weekend the death's
    found = days(nlp, "A 24-year-old man was charged Monday with murder in the shooting death of a man outside a "
                      "downtown bar over the weekend, police said.", date(2025, 6, 3))
    assert found["charged"] == (date(2025, 6, 2), date(2025, 6, 2))
    assert found["death"] == (date(2025, 5, 31), date(2025, 6, 1))
    # '... and is due in court Wednesday': the court day is not the day he is held, a state that
    # holds on the publication day
    held = days(nlp, "He is being held in the county jail on a $1 million bond and is due in court Wednesday.",
                date(2025, 6, 3))["held"]
    assert date(2025, 6, 4) not in held and held[1] == date(2025, 6, 3)
    # 'died a few hours later' after a shooting at 2 a.m. Sunday: that Sunday, not after the publication date
    found = days(nlp, "Hill was shot shortly after 2 a.m. Sunday. He was taken to the hospital, where he died a few "
                      "hours later.", date(2025, 6, 3))
    assert found["died"] == (date(2025, 6, 1), date(2025, 6, 1))


def test_salience_killed_and_wounded_in_a_dated_shooting_share_its_day(nlp):
    # the parser hangs both clauses on 'said': the killing is the same incident's, on Saturday
    found = days(nlp, "A 19-year-old man was killed and two other people were wounded in a shooting outside a "
                      "nightclub late Saturday, police said.", date(2025, 4, 14))
    assert found["killed"] == (date(2025, 4, 12), date(2025, 4, 12))
    # an arrest and a charge are not one incident's harm: the arrest keeps no date of the charge
    assert days(nlp, "Police arrested a man and charged him with assault in 2019.",
                date(2025, 4, 14))["arrested"][0] is None


def test_salience_a_facility_where_it_happened_is_no_actor(nlp):
    text = "The man was pronounced dead at Miami Valley Hospital on Sunday, police said."
    [ev] = [e for e in events_of(nlp, text, published=date(2025, 4, 14)) if e.trigger == "pronounced"]
    assert "Miami Valley Hospital" not in {a.name for a in ev.actors}


def test_salience_a_count_of_events_is_no_event(nlp):
    text = "Hill died at the hospital on Sunday. It was the city's 12th homicide this year."
    evs = {e.trigger: e for e in events_of(nlp, text, published=date(2025, 6, 3))}
    assert evs["died"].on_timeline
    assert not evs["homicide"].on_timeline and "count" in evs["homicide"].timeline_note


def test_salience_a_past_vote_to_do_what_a_past_date_dates_was_then(nlp):
    text = ("Yoon declared martial law on the night of Dec. 3. Lawmakers voted unanimously to lift the order about "
            "two hours later. The party agreed to hold talks next week.")
    evs = {e.trigger: e for e in events_of(nlp, text, published=date(2024, 12, 14))}
    assert (evs["voted"].date_start, evs["voted"].date_end) == (date(2024, 12, 3), date(2024, 12, 3))
    assert evs["agreed"].date_start is None  # next week's talks do not date the agreement


def test_salience_half_a_compound_adjective_is_no_event_and_a_long_subject_keeps_its_verb(nlp):
    text = "A 22-year-old woman and a 17-year-old were treated for injuries that were not life-threatening."
    evs = {e.trigger: e for e in events_of(nlp, text, published=date(2025, 4, 14))}
    assert "threatening" not in evs  # 'life-threatening' is an adjective
    assert "were treated" in evs["treated"].summary  # the summary holds its verb after a long subject


def test_salience_a_date_hung_on_a_past_saying_after_the_clause_said_dates_that_clause(nlp):
    # the parser gives 'on Sunday', at the end of what police said, to 'said': it is the death's day
    found = days(nlp, "Phoenix police said Jason Acosta-Ramos, 18, died after a person in a vehicle fired into a "
                      "crowd outside the party in the area of 12400 N. 25th Ave. on Sunday.", date(2013, 7, 30))
    assert found["died"] == (date(2013, 7, 28), date(2013, 7, 28))
    # a date between the saying and what is said is the saying's: the closing is still to come
    found = days(nlp, "The mayor said on Monday that the city would close the pool.", date(2013, 7, 30))
    assert found["close"] == (date(2013, 7, 31), None)


def test_salience_a_gerund_placed_in_time_is_an_event_not_a_topic(nlp):
    # 'shot after fighting back': the fight happened; and the shooting is on the day of the 'when'
    # clause it hangs on, dated through the participle its copula takes
    text = ("Ramsey County prosecutors say 16-year-old Samantha Burnette was fatally shot after fighting back when her sister "
            "was pistol-whipped in an alley Sunday.")
    found = {e.trigger: e for e in events_of(nlp, text, published=date(2016, 9, 28))}
    assert "gerund" not in found["fighting"].timeline_note
    assert (found["shot"].date_start, found["shot"].date_end) == (date(2016, 9, 25), date(2016, 9, 25))


def test_salience_a_passive_relative_clause_of_a_participant_is_on_or_before_its_clause_s_day(nlp):
    # 'the boy who was shot ... was discharged Thursday': Thursday is the discharge's; the shooting
    # came before it, on that day or earlier
    found = days(nlp, "The hospital confirmed the nine-year-old boy who was shot in the chest was discharged "
                      "Thursday evening.", date(2016, 8, 5))
    assert found["discharged"] == (date(2016, 8, 4), date(2016, 8, 4))
    assert found["shot"] == (None, date(2016, 8, 4))
    # an active relative clause goes on in the clause's scene: the officers responded that night
    found = days(nlp, "The officers who responded found the victim at 3 a.m. Sunday.", date(2016, 8, 5))
    assert found["responded"] == (date(2016, 7, 31), date(2016, 7, 31))


def test_salience_a_scheduled_event_noun_is_the_event_not_its_schedule(nlp):
    # 'A hearing was set for June 12': the hearing is what happens on June 12; 'set' is its schedule
    text = ("Smith was charged Monday with murder. His arraignment is scheduled for Friday. "
            "A hearing was set for June 12. Police set up a perimeter on Sunday.")
    found = [e for e in events_of(nlp, text, published=date(2025, 6, 3))]
    on = {e.trigger: e for e in found if e.on_timeline}
    assert (on["arraignment"].event_class, on["arraignment"].date_start) == ("justice", date(2025, 6, 6))
    assert (on["hearing"].date_start, on["hearing"].date_end) == (date(2025, 6, 12), date(2025, 6, 12))
    schedules = [e for e in found if e.trigger in ("scheduled", "set") and e.sentence.startswith(("His", "A hearing"))]
    assert len(schedules) == 2 and not any(e.on_timeline for e in schedules)
    # 'set up a perimeter' schedules nothing: it stays an event
    assert any(e.trigger == "set" and e.on_timeline and e.date_start == date(2025, 6, 1) for e in found)


def test_salience_a_court_appearance_is_an_event_of_its_day_ranked_after_what_happened(nlp):
    # 'is due in court Wednesday': the appearance is a (future) justice event of Wednesday
    text = ("Police say a man shot his neighbor on Saturday. He was charged Monday with assault. "
            "He is due in court Wednesday. His brother is due back in court on June 12.")
    found = {(e.trigger, e.date_start): e for e in events_of(nlp, text, published=date(2025, 6, 3))}
    due = found[("due", date(2025, 6, 4))]
    assert (due.event_class, due.on_timeline, due.modality) == ("justice", True, "future")
    assert due.summary.startswith("He is due in court")
    assert found[("due", date(2025, 6, 12))].summary.startswith("His brother is due back in court")
    # what is still to come ranks after the shooting and the charge
    assert due.rank > found[("shot", date(2025, 5, 31))].rank
    assert due.rank > found[("charged", date(2025, 6, 2))].rank
    # 'due' with no court is no event ('The report is due in March')
    assert not any(e.trigger == "due" for e in events_of(nlp, "The report is due in March.", published=date(2025, 6, 3)))


def test_salience_a_date_after_than_is_a_comparison_not_the_event_s_day(nlp):
    # 'rose faster than in 2005': 2005 is the standard compared with; the rise is the news's
    found = days(nlp, "'The water rose faster than in 2005,' said the county prefect.", date(2024, 3, 16))
    assert found["rose"] == (None, date(2024, 3, 16))
    found = days(nlp, "Sales rose more than 5 percent in 2005.", date(2024, 3, 16))
    assert found["rose"] == (date(2005, 1, 1), date(2005, 12, 31))


@pytest.mark.parametrize("text, trigger, summary", [
    # a phase verb and its complement are one event, on the timeline, told whole
    ("The floodwaters began receding on Monday.", "receding", "The floodwaters began receding"),
    ("Rebels continued to shell the city on Sunday.", "shell", "Rebels continued to shell the city"),
    ("An unknown subject in a car began shooting at them on Saturday.", "shooting", "began shooting at them"),
])
def test_salience_a_phase_verb_and_its_complement_are_one_event(nlp, text, trigger, summary):
    found = events_of(nlp, text, published=date(2024, 3, 19))
    assert not any(e.trigger in ("began", "continued") for e in found)
    ev = next(e for e in found if e.trigger == trigger)
    assert ev.on_timeline and summary in ev.summary, (ev.summary, ev.timeline_note)
