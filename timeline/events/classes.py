"""Event classes (issue 16): which class of event a trigger names ("violence", "casualties",
"diplomacy" ... of ``resources/en/event_salience.yaml``) and its weight, read from the word, its
sense (part of speech, object, modifiers: ``senses``), its particle, a support verb's object, its
complement ("found dead") and its doer ("a fire destroyed": a disaster).  ``salience`` decides
from the class, and the rest of the parse, what is a timeline event and how much it matters.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from timeline.dates.tree import per_token
from timeline.events.features import polarity_modality
from timeline.events.resources import entries, load, word_set
from timeline.events.triggers import emergency_call, trigger_lexicon


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    classes = {}
    for entry in entries("event_salience", "classes"):
        for word in entry["words"]:
            classes.setdefault(str(word).lower(), (entry["name"], float(entry["weight"])))
    names = ("speech_acts", "always_speech", "stance", "stance_nouns", "states", "preventing_verbs", "topic_verbs",
             "media_modifiers", "incident_classes", "follow_up_classes", "charge_prepositions", "death_complements", "fighting_verbs",
             "people_nouns", "onset_verbs", "relating_verbs", "scheduling_verbs", "nature_nouns")
    lex = {n: word_set("event_salience", n) for n in names}
    lex["person_words"] = (word_set("event_salience", "person_nouns") | word_set("actors", "member_nouns", "references")
                           | word_set("actors", "person_titles", "references")
                           | word_set("actors", "person_pronouns", "references") | {"i", "me", "we", "us"})
    weights = {e["name"]: float(e["weight"]) for e in entries("event_salience", "classes")}
    weights["speech"] = weights["speech_with_content"]
    weights[""] = float(load("event_salience")["default_weight"])  # a sense of no class ('she fell')
    senses = {str(e["name"]).lower(): e for e in entries("event_salience", "senses")}
    return {"classes": classes, "weights": weights, "default": float(load("event_salience")["default_weight"]),
            "senses": senses, **lex}


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or tok.lower_ in lexicon()["person_words"] \
        or tok.lemma_.lower() in lexicon()["person_words"]


def _sense(tok: Token, lex: dict) -> str | None:
    """The class of a word whose sense its part of speech or object decides (``senses``):
    'fired tear gas' is violence, 'fired his minister' a change of office, 'opened fire' gunfire."""
    sense = lex["senses"].get(tok.lemma_.lower())
    if sense is None:
        return None
    if tok.pos_ == "VERB":
        kids = list(tok.children)
        done_to = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
        aimed = any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon") and not any(  # 'soldiers were fired on'
            g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in kids)  # (not 'fired on Monday')
        if sense.get("person_object") and done_to and _is_person(done_to[0]) and not aimed:
            return sense["person_object"]
        if sense.get("into") and any(c.dep_ == "prep" and c.lower_ == "into" for c in kids):
            return sense["into"]  # 'slammed into a minivan': a crash
        if "person_subject" in sense and any(c.dep_ == "nsubj" and (_is_person(c) or c.lemma_.lower() in lex["people_nouns"])
                                             for c in kids):
            return sense["person_subject"]  # 'she fell to the floor': no fall of a market
        if "nature_subject" in sense and any(c.dep_ == "nsubj" and c.lemma_.lower() in lex["nature_nouns"] for c in kids):
            return sense["nature_subject"]  # 'the river rose': a flood, no market
        return sense.get("verb")
    object_of = sense.get("object_of")
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "on" else tok.head  # 'set tires on fire'
    if object_of and tok.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in object_of["verbs"]:
        return object_of["class"]
    modified = sense.get("modified_by")
    if modified and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in modified["words"] for c in tok.children):
        return modified["class"]  # 'sniper fire', the headline's 'police fire tear gas'
    return sense.get("noun") if tok.pos_ == "NOUN" else None


PARTICLES = frozenset({"away", "out", "off", "up", "down", "over", "back"})


@per_token
def trigger_key(tok: Token) -> str:
    """The trigger's lemma with its particle ('ruled out' -> 'rule_out')."""
    lemma = tok.lemma_.lower()
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.i == tok.i + 1
                and c.lower_ in PARTICLES), "")  # 'passed away' (the parser's advmod)
    return f"{lemma}_{prt}" if prt else lemma


@per_token
def event_class(tok: Token) -> tuple[str, float]:
    """The trigger's class and its weight; a support verb takes its object's ('launched attacks')."""
    lex = lexicon()
    if tok.lemma_.lower() in trigger_lexicon()["support_verbs"]:
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in lex["classes"]:
            return lex["classes"][obj.lemma_.lower()]
    if emergency_call(tok):
        return lex["classes"]["respond"]  # the call to the police: how the incident is reported
    on = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]
    for word in (tok, *(c for c in tok.children if c.dep_ == "dobj"), *on):  # 'opened [fire]', 'set tires on [fire]'
        if (sense := _sense(word, lex)) is not None:
            return sense, lex["weights"][sense]
    if tok.pos_ == "NOUN" and any(c.dep_ == "compound" and c.lower_ in lex["media_modifiers"] for c in tok.children):
        return "speech", lex["weights"]["speech"]  # 'a news conference': an occasion of the news itself
    if tok.pos_ == "VERB" and any(c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in lex["death_complements"]
                                  for c in tok.children):
        return lex["classes"]["die"]  # 'was found dead', 'was pronounced dead at the scene'
    if (subject := subject_event(tok)) is not None:
        return event_class(subject)  # 'the war erupted': a war; 'an airstrike hit a hospital'
    found = _own_class(tok, lex)
    if tok.pos_ == "VERB" and found[0] not in ("casualties", "disaster") and _hazard_subject(tok, lex):
        return "disaster", lex["weights"]["disaster"]  # 'an earthquake struck', 'a landslide buried the road'
    return found


def _own_class(tok: Token, lex: dict) -> tuple[str, float]:
    return next((lex["classes"][k] for k in (trigger_key(tok), tok.lemma_.lower(), tok.lower_) if k in lex["classes"]),
                ("", lex["default"]))


def subject_event(tok: Token) -> Token | None:
    """The event noun a verb tells of, or None: the subject of a verb of onset ('the war
    erupted', 'fighting broke out') or of a verb of no class of its own ('a Russian airstrike hit
    a maternity hospital'): one event, of the noun's class ('the volcano erupted' stays a
    disaster, so does a hazard's doing)."""
    lex = lexicon()
    if tok.pos_ != "VERB" or tok.lemma_.lower() in lex["relating_verbs"]:
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if subject is None or subject.lemma_.lower() not in lex["classes"] \
            or event_class(subject)[0] in ("economy", "disaster", ""):  # 'A storm hit the coast': the noun's sense
        return None
    onset = trigger_key(tok) in lex["onset_verbs"] or tok.lemma_.lower() in lex["onset_verbs"]
    if not (onset or not _own_class(tok, lex)[0]):
        return None
    # 'may have led', 'did not confirm': no event the noun could be told by
    return subject if polarity_modality(tok) == ("positive", "asserted") else None


def _hazard_subject(tok: Token, lex: dict) -> bool:
    """Its doer is a natural hazard or an accident ('a fire destroyed the church', 'the storm hit
    the coast', 'was damaged by the flood'), or one is what it fights ('crews battled the
    blaze'): what it did is that disaster's."""
    doers = [c for c in tok.children if c.dep_ == "nsubj" or c.dep_ == "dobj" and tok.lemma_.lower() in lex["fighting_verbs"]]
    doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(d.pos_ == "NOUN" and (_sense(d, lex) or lex["classes"].get(d.lemma_.lower(), ("",))[0]) == "disaster"
               for d in doers)
