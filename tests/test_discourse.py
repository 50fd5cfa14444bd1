"""Undated events placed by their discourse (timeline/events/discourse.py) and clock times
with 'just after' / 'shortly before' (timeline/events/dating.py), on hand-checked sentences."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.extract import extract_events
from timeline.models import Article


def dated(nlp, text, published):
    from timeline.dates.timexes import resolve_doc

    doc = nlp(text)
    return {e.trigger: e for e in extract_events(doc, Article("t", text, published=published), resolve_doc(doc, published))}


def test_discourse_the_next_sentence_about_the_victim_happened_that_day(nlp):
    evs = dated(nlp, "A 4-year-old boy was shot Monday night in Kansas City.\n\nHe was struck in the head.",
                date(2021, 10, 13))
    assert (evs["shot"].date_start, evs["shot"].date_end) == (date(2021, 10, 11),) * 2
    struck = evs["struck"]
    assert (struck.date_start, struck.date_end) == (date(2021, 10, 11),) * 2
    assert struck.date_source == "context" and "tells more of 'shot'" in struck.date_explanation


def test_discourse_what_police_said_of_the_victim_happened_that_day_not_the_saying(nlp):
    evs = dated(nlp, "A man was shot Saturday night on Elm Street. Police said he was hit in the leg.",
                date(2021, 10, 11))
    assert (evs["hit"].date_start, evs["hit"].date_end) == (date(2021, 10, 9),) * 2
    evs = dated(nlp, "A man was shot Saturday night on Elm Street. Mayor Jane Smith said she was shocked.",
                date(2021, 10, 11))
    assert evs["said"].date_start == date(2021, 10, 11)  # a named speaker's statement: the news of the day


def test_discourse_a_sentence_further_on_is_not_placed(nlp):
    evs = dated(nlp, "A man was shot Saturday night on Elm Street. Officers arrived at the scene. "
                     "Later the mayor visited the family.", date(2021, 10, 12))
    assert evs["shot"].date_start == date(2021, 10, 9)
    assert evs["visited"].date_source != "context"


@pytest.mark.parametrize(("text", "trigger", "published", "day"), [
    # words inside a clock time are its value, not a relation
    ("The shooting happened just after 9:30 p.m. Thursday.", "happened", date(2015, 8, 7), date(2015, 8, 6)),
    ("Officers responded shortly before 8 p.m. Thursday.", "responded", date(2015, 8, 7), date(2015, 8, 6)),
    # 'by' of the passive agent, whose phrase the parser let swallow the day
    ("A 10-year-old boy was shot by a 5-year-old Sunday afternoon.", "shot", date(2015, 2, 23), date(2015, 2, 22)),
    # 'to' of the place the police went to, not 'until'
    ("Police were called to Pro Source Vapes, near Loop 101, around 8 p.m. on Thursday.", "called",
     date(2015, 2, 23), date(2015, 2, 19)),
])
def test_dating_words_that_bound_no_time_leave_the_event_on_the_day(nlp, text, trigger, published, day):
    ev = dated(nlp, text, published)[trigger]
    assert (ev.date_start, ev.date_end) == (day, day), ev.date_explanation


@pytest.mark.parametrize(("text", "trigger", "published", "day"), [
    # a possessive expression dates the event noun it modifies, wherever the parser hangs it
    ("Police have no information about a suspect in Saturday's early morning shooting in the Baker neighborhood.",
     "shooting", date(2015, 11, 9), date(2015, 11, 7)),
    # the expression right after an event noun is its time, not the time of the noun it is part of
    ("A police statement says the circumstances of the shooting around 6:45 p.m. Sunday are under investigation.",
     "shooting", date(2016, 4, 11), date(2016, 4, 10)),
    # 'at about 5:45 p.m.' has no day of its own: the day the clause names is the day
    ("The incident occurred at about 5:45 p.m. in the 200 block of Wilson Road on Saturday.", "occurred",
     date(2016, 11, 13), date(2016, 11, 12)),
    # a clock time on a verb of saying dates the scene it reports, also as a gerund
    ("At 6:45 p.m. Monday, police reported finding the teen victim still alive in a bedroom.", "finding",
     date(2014, 6, 17), date(2014, 6, 16)),
    # under a copula, the participle names the event itself, at the copula's time
    ("On the night of March 13, 2013, David Garcia was one of four teenagers gunned down at Libby Lake Park.",
     "gunned", date(2015, 3, 14), date(2013, 3, 13)),
    ("On Saturday, David Garcia was among those killed at the park.", "killed", date(2015, 3, 16), date(2015, 3, 14)),
    # the day before the comma ends the clause told, not the telling the parser gave it to
    ("A Clark County teen was accidentally shot in the chest Saturday, the sheriff's office announced in a release.",
     "shot", date(2015, 9, 14), date(2015, 9, 12)),
    # the company a dated scene holds is in that scene
    ("Last Tuesday, Caleb was out in the yard with his brother shooting birds with a BB gun.", "shooting",
     date(2016, 6, 13), date(2016, 6, 7)),
])
def test_dating_an_expression_reaches_the_event_it_dates_through_the_parse(nlp, text, trigger, published, day):
    ev = dated(nlp, text, published)[trigger]
    assert (ev.date_start, ev.date_end) == (day, day), ev.date_explanation
    assert ev.on_timeline, ev.timeline_note


def test_dating_a_relation_in_time_or_a_charge_is_not_the_scene(nlp):
    evs = dated(nlp, "On Sunday, he was at the hospital after the shooting.", date(2016, 6, 13))
    assert evs["shooting"].date_start != date(2016, 6, 12), evs["shooting"].date_explanation
    evs = dated(nlp, "On Monday, he was charged with murder.", date(2016, 6, 15))
    assert evs["murder"].date_start != date(2016, 6, 13), evs["murder"].date_explanation
    # a day opening its own sentence is not the end of the sentence before
    evs = dated(nlp, "Officers found a man crying in the hallway. Friday night, police released the names of the dead.",
                date(2016, 11, 27))
    assert evs["found"].date_start != date(2016, 11, 25) and evs["released"].date_start == date(2016, 11, 25)


@pytest.mark.parametrize(("text", "trigger", "last"), [
    # 'by Friday' is on or before Friday: the hand-over may be on Friday itself
    ("The suspect will be handed over by Friday.", "handed", date(2015, 2, 27)),
    ("The road will stay closed to traffic through Friday.", "stay", date(2015, 2, 27)),
])
def test_dating_the_same_words_with_the_day_as_their_object_still_bound_it(nlp, text, trigger, last):
    ev = dated(nlp, text, date(2015, 2, 23))[trigger]
    assert ev.date_end == last and ev.date_start != last, ev.date_explanation


def test_dating_by_a_day_is_that_day_or_earlier(nlp):
    # what was done 'by 1 March' may have been done on 1 March: the bound includes the day
    evs = dated(nlp, "Russian forces began their assault on 24 February 2022. By 1 March, the city was encircled.",
                date(2024, 5, 10))
    assert (evs["encircled"].date_start, evs["encircled"].date_end) == (None, date(2022, 3, 1))
    # a past event told by the clock time it was done by is on that day
    ev = dated(nlp, "Someone called 911 on Friday morning, and by 10:40 a.m., police swarmed the building.",
               date(2014, 10, 25))["swarmed"]
    assert (ev.date_start, ev.date_end) == (date(2014, 10, 24),) * 2, ev.date_explanation


@pytest.mark.parametrize(("text", "anchor", "trigger"), [
    ("Police Chief Tom Reed suspended two officers on Monday. Reed also ordered an investigation into the raid.",
     "suspended", "ordered"),
    ("The unemployment rate for men declined to 3.8 percent last month. The rate for women rose 0.4 percent.",
     "declined", "rose"),
    ("Jorge Smith was kidnapped from his store on Tuesday. His kidnappers demanded a ransom of $1 million.",
     "kidnapped", "demanded"),
    ("A man was shot on Elm Street on Saturday night. The shooter fled on foot.", "shot", "fled"),
])
def test_discourse_the_same_participant_goes_on_at_the_time_of_its_dated_event(nlp, text, anchor, trigger):
    evs = dated(nlp, text, date(2021, 10, 14))
    first, then = evs[anchor], evs[trigger]
    assert first.date_source == "timex"
    assert (then.date_start, then.date_end) == (first.date_start, first.date_end), then.date_explanation
    assert then.date_source == "context" and "same participant" in then.date_explanation


def test_discourse_another_participant_is_not_placed(nlp):
    evs = dated(nlp, "Police Chief Tom Reed suspended two officers on Monday. The mayor ordered an investigation.",
                date(2021, 10, 14))
    assert evs["ordered"].date_source != "context"


def test_dating_an_offset_from_what_a_than_clause_names_dates_nothing(nlp):
    evs = dated(nlp, "The new ferry arrives on March 3, two weeks later than originally planned.", date(2021, 2, 20))
    assert (evs["arrives"].date_start, evs["arrives"].date_end) == (date(2021, 3, 3),) * 2


def test_dating_an_event_with_a_dated_when_clause_happens_then(nlp):
    evs = dated(nlp, "The ferry will fly the flag of Norway when it docks in Oslo on March 3.", date(2021, 2, 20))
    assert (evs["fly"].date_start, evs["fly"].date_end) == (date(2021, 3, 3),) * 2


def test_dating_a_when_clause_that_ends_two_coordinated_clauses_dates_both(nlp):
    evs = dated(nlp, "Two people were killed and three others were injured when a driver slammed into a minivan "
                     "late Saturday, the patrol said Monday.", date(2026, 3, 9))
    for word in ("killed", "injured", "slammed"):
        assert (evs[word].date_start, evs[word].date_end) == (date(2026, 3, 7),) * 2, word
    # a verb of another form is no clause the 'when' clause ends: 'resigned' is not dated by it
    evs = dated(nlp, "The mayor resigned and two people were killed when a driver slammed into a minivan "
                     "late Saturday.", date(2026, 3, 9))
    assert evs["killed"].date_start == date(2026, 3, 7)
    assert evs["resigned"].date_start is None, evs["resigned"].date_explanation


def test_discourse_what_happened_at_the_scene_happened_with_the_incident(nlp):
    evs = dated(nlp, "A car struck a minivan on the highway late Saturday. The driver of the car died at the scene.",
                date(2026, 3, 9))
    died = evs["died"]
    assert (died.date_start, died.date_end) == (date(2026, 3, 7),) * 2
    assert "tells more of 'struck'" in died.date_explanation
    evs = dated(nlp, "A car struck a minivan on the highway late Saturday. The driver of the car died in 2019.",
                date(2026, 3, 9))
    assert evs["died"].date_start.year == 2019  # its own date wins
    evs = dated(nlp, "A car struck a minivan on the highway late Saturday. The driver of the car died at home.",
                date(2026, 3, 9))
    assert evs["died"].date_start is None  # no scene: the text gives no day


@pytest.mark.parametrize(("text", "trigger"), [
    # the dated scene is a copula; the crash is the object of a verb in its 'when' clause
    ("Early Saturday morning, De'Maree was in the back seat of her mom's car when they got into a crash.", "crash"),
    # the dated copula is itself said ('told authorities'): its clause keeps the date, not the saying
    ("The girl's mother told authorities they were on their way home around 2 a.m. Saturday when their car "
     "collided with another car.", "collided"),
    # the 'when' clause is a saying: what is said in it happens in the scene
    ("She was asleep in the back seat around 1 a.m. Saturday when her mother said a white Pontiac crashed "
     "into the car.", "crashed"),
])
def test_dating_what_happens_in_a_when_clause_of_a_dated_scene_happens_then(nlp, text, trigger):
    ev = dated(nlp, text, date(2017, 2, 27))[trigger]
    assert (ev.date_start, ev.date_end) == (date(2017, 2, 25),) * 2, ev.date_explanation


def test_dating_a_when_clause_of_a_dated_saying_is_not_placed_on_its_day(nlp):
    # what the sheriff told is when the fire started, not that it started on the day he told it
    ev = dated(nlp, "The sheriff told reporters on Saturday when the fire started.", date(2017, 2, 27))["started"]
    assert ev.date_start != date(2017, 2, 25), ev.date_explanation



def _all_dated(nlp, text, published):
    from timeline.dates.timexes import resolve_doc

    doc = nlp(text)
    return [(e.trigger, e) for e in extract_events(doc, Article("t", text, published=published),
                                                    resolve_doc(doc, published))]


def test_discourse_what_the_speaker_of_a_dated_occasion_did_there_happened_that_day(nlp):
    # Published Saturday 17 July 2010: Jobs spoke yesterday, Friday 16 July; what he also said and
    # showed there has no date of its own and happened at that occasion, not on the publication day.
    text = ("Steve Jobs said yesterday that Apple will give owners a free case. Owners can return the phone. "
            "Jobs also said that the problem was small. He showed videos of other phones.")
    evs = _all_dated(nlp, text, date(2010, 7, 17))
    friday = (date(2010, 7, 16),) * 2
    first, also = [e for t, e in evs if t == "said"]
    showed = next(e for t, e in evs if t == "showed")
    assert (first.date_start, first.date_end) == friday and first.date_source == "timex"
    for ev in (also, showed):
        assert (ev.date_start, ev.date_end) == friday, ev.date_explanation
        assert ev.date_source == "context" and "occasion" in ev.date_explanation


def test_discourse_a_participle_of_the_speaker_at_the_occasion_happened_that_day(nlp):
    # Jobs unveiled the phone yesterday (7 June 2010); introducing it and hinting at the leak are
    # what he did at that keynote, as the verb they depend on ('started') says
    text = ("Yesterday, at the developers conference, Steve Jobs unveiled the new phone. "
            "While introducing the phone, Jobs started by hinting at the leak.")
    evs = dict(_all_dated(nlp, text, date(2010, 6, 8)))
    for trigger in ("started", "introducing", "hinting"):
        ev = evs[trigger]
        assert (ev.date_start, ev.date_end) == (date(2010, 6, 7),) * 2, (trigger, ev.date_explanation)


@pytest.mark.parametrize("text", [
    # another person's statement is the news of the publication day
    "Steve Jobs said yesterday that Apple will give owners a free case. Tim Cook said that sales rose.",
    # the article then dates the speaker's own events today: his next statement is not yesterday's
    "President Bush said yesterday that the embargo may widen. Bush today denounced the invasion. "
    "Bush said that the troops will stay.",
    # a day long before publication is the background, not the news occasion
    "Steve Jobs unveiled the iPhone on January 9, 2007. Jobs said that the phone was a leap.",
])
def test_discourse_a_statement_off_the_occasion_stays_on_the_publication_day(nlp, text):
    evs = _all_dated(nlp, text, date(2010, 7, 17))
    last_said = [e for t, e in evs if t == "said"][-1]
    assert last_said.date_source != "context", last_said.date_explanation
    assert last_said.date_end == date(2010, 7, 17)


def test_dating_a_clock_time_after_a_past_saying_dates_what_is_said(nlp):
    # a saying is dated by its day, the scene it tells by the minute: the call came Sunday at 9 p.m.
    evs = dated(nlp, "A 13-year-old boy was hospitalized. Police said around 9 p.m. Sunday they were called to "
                     "West 45th Street, where they found the teen.", date(2017, 3, 20))
    assert (evs["called"].date_start, evs["called"].date_end) == (date(2017, 3, 19),) * 2, evs["called"].date_explanation
    # a part of the day is no clock time: 'reported last night that' dates the report, not what it says
    evs = dated(nlp, "CBS News first reported last night that the tomb may contain the remains of a pilot.",
                date(1998, 1, 20))
    assert evs["reported"].date_start == date(1998, 1, 19)
    assert evs["contain"].date_start != date(1998, 1, 19)


@pytest.mark.parametrize(("text", "day"), [
    ("Officers responded to a shooting at 7 p.m. Tuesday.", date(2014, 8, 5)),
    ("Police say they got a call for a shooting around 7 p.m. Tuesday at a home in Killingly.", date(2014, 8, 5)),
])
def test_dating_the_incident_an_emergency_response_answers_happened_that_day(nlp, text, day):
    ev = dated(nlp, text, date(2014, 8, 6))["shooting"]
    assert (ev.date_start, ev.date_end) == (day, day), ev.date_explanation


def test_dating_an_incident_a_charge_or_arrest_is_in_is_not_given_its_day(nlp):
    ev = dated(nlp, "He was arrested in a shooting on Monday.", date(2014, 8, 6))["shooting"]
    assert ev.date_start != date(2014, 8, 4)  # the shooting came before the arrest, on a day not told


def test_dating_a_day_after_the_phrase_of_the_incident_a_charge_is_in_is_the_incidents(nlp):
    text = ("A 24-year-old man has been charged with attempted murder in the shooting of a woman outside a "
            "downtown bar early Sunday, police said.")
    evs = dated(nlp, text, date(2023, 3, 7))
    assert (evs["shooting"].date_start, evs["shooting"].date_end) == (date(2023, 3, 5),) * 2
    assert evs["shooting"].on_timeline
    charged = evs["charged"]  # charged by the publication day, on a day not told
    assert (charged.date_start, charged.date_end) == (None, date(2023, 3, 7))
    assert "done by then" in charged.date_explanation


def test_discourse_the_narration_goes_on_from_sentence_to_sentence(nlp):
    text = ("Officers were called to the 400 block of East Third Street around 2:15 a.m. Sunday. "
            "They found a 31-year-old woman with a gunshot wound to the leg. "
            "She was taken to Miami Valley Hospital.")
    evs = dated(nlp, text, date(2023, 3, 7))
    for trigger in ("called", "found", "taken"):
        assert (evs[trigger].date_start, evs[trigger].date_end) == (date(2023, 3, 5),) * 2, trigger
    assert evs["called"].event_class == "incident"  # the call to the police tells the incident


def test_discourse_a_partner_of_the_dated_event_goes_on_at_its_time(nlp):
    text = ("Thousands of protesters clashed with riot police in central Lima on Wednesday night. "
            "Police fired tear gas at demonstrators who tried to reach the Congress building.")
    evs = dated(nlp, text, date(2022, 12, 1))
    assert (evs["fired"].date_start, evs["fired"].date_end) == (date(2022, 11, 30),) * 2
    assert "same participant" in evs["fired"].date_explanation


def test_discourse_an_undated_past_event_goes_on_with_the_story_of_its_paragraph(nlp):
    text = ("The siege of Sarajevo began on 5 April 1992, when Bosnian Serb forces blockaded the city. "
            "During the first weeks, snipers killed dozens of civilians.\n\n"
            "The talks failed.")
    evs = dated(nlp, text, date(2021, 6, 1))
    killed = evs["killed"]  # after the siege began, by the publication day: not 'on or before 2021'
    assert (killed.date_start, killed.date_end) == (date(1992, 4, 5), date(2021, 6, 1))
    assert killed.date_source == "context" and "5 April 1992" in killed.date_explanation
    assert evs["failed"].date_start is None  # another paragraph: the story ends with its paragraph


def test_discourse_a_year_that_names_a_thing_tells_no_story(nlp):
    evs = dated(nlp, "The new deal replaces the 1991 agreement between the two companies. The companies "
                     "defined new rules.", date(2007, 2, 6))
    assert evs["agreement"].date_start == date(1991, 1, 1)
    assert evs["defined"].date_start is None  # on or before the publication day, as any undated past


def test_dating_an_events_own_date_outranks_an_earlier_expression(nlp):
    text = ("Talks resumed in 2023 after Lula returned to power.\n\n"
            "Von der Leyen will travel to Brazil next week to meet Lula, an EU spokesperson said.")
    travel = dated(nlp, text, date(2024, 12, 7))["travel"]  # next week, not 'began in 2023'
    assert (travel.date_start, travel.date_end) == (date(2024, 12, 9), date(2024, 12, 15)), travel.date_explanation


@pytest.mark.parametrize(("text", "trigger", "first", "last"), [
    ("The junta, which seized power in a 2020 coup, relies on drones.", "seized", date(2020, 1, 1), date(2020, 12, 31)),
    ("The house was destroyed in Friday's fire.", "destroyed", date(2024, 3, 15), date(2024, 3, 15)),
    ("He was elected in the 2019 election.", "elected", date(2019, 1, 1), date(2019, 12, 31)),
])
def test_dating_an_act_in_an_incident_or_a_change_of_power_happens_within_it(nlp, text, trigger, first, last):
    ev = dated(nlp, text, date(2024, 3, 20))[trigger]
    assert (ev.date_start, ev.date_end) == (first, last), ev.date_explanation


def test_discourse_a_violent_headline_in_the_present_tense_tells_what_happened(nlp):
    evs = dated(nlp, "Drone strike kills 5 in northern Mali\n\nThe army denied it.", date(2024, 3, 20))
    kills = evs["kills"]
    assert (kills.date_start, kills.date_end) == (None, date(2024, 3, 20))
    assert "headline" in kills.date_explanation and "holds" not in kills.date_explanation


def test_discourse_a_future_said_in_the_story_comes_after_the_saying_not_the_publication(nlp):
    evs = dated(nlp, "On 28 October 1962, Khrushchev announced that the Soviet missiles would be dismantled.",
                date(2024, 5, 1))
    gone = evs["dismantled"]
    assert (gone.date_start, gone.date_end) == (date(1962, 10, 28), None), gone.date_explanation
    assert "on or after 'announced'" in gone.date_explanation
    # a future said in the news time keeps the tense rule: after the publication date
    evs = dated(nlp, "The ministry said on Monday that it will close the border.", date(2024, 5, 1))
    assert evs["close"].date_start == date(2024, 5, 2)


def test_discourse_an_announcement_of_a_plan_is_the_event(nlp):
    evs = dated(nlp, "On 28 October 1962, Khrushchev announced that the Soviet missiles would be dismantled.",
                date(2024, 5, 1))
    announced = evs["announced"]
    assert announced.on_timeline and announced.event_class == "decision"
    assert announced.summary.startswith("Khrushchev announced: the Soviet missiles would be")
    assert not evs["dismantled"].on_timeline  # the plan itself is not stated as done
    # what was announced as done is the event: the announcement stays a speech act
    evs = dated(nlp, "On Monday the ministry announced that the border was closed.", date(2024, 5, 1))
    assert not evs["announced"].on_timeline and evs["closed"].on_timeline


def test_dating_a_day_right_after_a_verb_of_saying_is_the_sayings(nlp):
    # the parser gives 'on Monday' to 'buy'; it lies before the subject of what was said
    evs = dated(nlp, "Nvidia Corp said on Monday it would buy Israeli chip designer Mellanox Technologies.",
                date(2019, 3, 12))
    assert (evs["said"].date_start, evs["said"].date_end) == (date(2019, 3, 11),) * 2
    assert evs["buy"].date_start != date(2019, 3, 11) and evs["buy"].date_end is None  # still to come
    # a day inside what was said is its own: 'it would buy Mellanox on March 11'
    evs = dated(nlp, "Nvidia Corp said it would buy Mellanox on March 11.", date(2019, 3, 8))
    assert evs["buy"].date_start == date(2019, 3, 11)
    assert evs["said"].date_start != date(2019, 3, 11)


def test_dating_a_verb_of_reporting_that_performs_an_event_is_no_news_of_the_day(nlp):
    # 'declared war' is no report of the news: it happens when its story does, not on the publication day
    evs = dated(nlp, "On 28 July 1914 the war began. Austria-Hungary declared war on Serbia.", date(2024, 5, 1))
    declared = evs["declared"]
    assert declared.date_start == date(1914, 7, 28) and "goes on with the story" in declared.date_explanation
    # a report stays the news of the publication day
    evs = dated(nlp, "On 28 July 1914 the war began. The ministry declared that it was ready.", date(2024, 5, 1))
    assert (evs["declared"].date_start, evs["declared"].date_end) == (date(2024, 5, 1),) * 2


def test_discourse_a_saying_s_day_does_not_go_on_with_the_narration(nlp):
    # 'said at a news conference on Sunday' is when it was told: 'They found ...' goes on from
    # the call at 11:40 p.m. on the Saturday of the shooting
    text = ("A 19-year-old man was killed in a shooting outside a Dayton nightclub late Saturday, police said.\n\n"
            "Officers were called to Wayne Avenue at about 11:40 p.m. after reports of gunfire, Lt. Karen Hodges "
            "said at a news conference on Sunday. They found three people with gunshot wounds in the parking lot.")
    evs = dated(nlp, text, date(2025, 4, 14))
    assert (evs["found"].date_start, evs["found"].date_end) == (date(2025, 4, 12), date(2025, 4, 12)), \
        evs["found"].date_explanation
