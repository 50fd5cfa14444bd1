"""The actor filter of the Task 4 evaluation on small hand-made texts
(timeline/eval/actor_timelines.py): where a target is named or referred to, which events it
takes part in, and the order of its timeline."""

from __future__ import annotations

import json
from datetime import date

from timeline.eval import actor_timelines as at
from timeline.models import Event


def analysed(nlp, texts, dcts=None, corpus="c"):
    records = [{"doc_id": str(k + 1), "corpus": corpus, "dct": (dcts or {}).get(k, "2007-07-09"),
                "title": "", "text": t} for k, t in enumerate(texts)]
    return list(at.analyse(records, nlp))


def mentions(nlp, text, target, others=(), options=None):
    """(text, kind) of each mention of ``target`` in ``text``; ``others``: more documents of
    the same corpus (what the corpus says about names)."""
    options = options or at.Options()
    docs = analysed(nlp, [text, *others])
    name = at.TargetName(target)
    names = at.corpus_names(docs, [name], options)
    doc = docs[0].doc
    return [(doc[m.start:m.end].text, m.kind) for m in at.doc_mentions(docs[0], name, names, options)]


def linked_triggers(nlp, text, target, others=(), options=None):
    options = options or at.Options()
    docs = analysed(nlp, [text, *others])
    name = at.TargetName(target)
    names = at.corpus_names(docs, [name], options)
    ms = at.doc_mentions(docs[0], name, names, options)
    return [ev.trigger for ev in at.linked_events(docs[0].doc, docs[0].events, ms)]


# ----------------------------------------------------------------------------- names


def test_actor_surname_after_full_name_and_not_another_person(nlp):
    text = ("Steve Jobs unveiled the new phone on Monday.\nSteve Wozniak watched from the audience.\n"
            "Jobs said the device would ship in June.")
    found = mentions(nlp, text, "Steve Jobs")
    assert ("Steve Jobs", "full") in found and ("Jobs", "short") in found
    assert not any(t.startswith("Steve Wozniak") or t == "Wozniak" for t, _ in found)


def test_actor_product_short_forms_but_not_the_maker(nlp):
    text = ("Boeing unveiled its new 787 Dreamliner in Everett.\n"
            "The 787 is built mainly of carbon-fiber composites.\nThe Dreamliner will enter service in 2008.\n"
            "Boeing expects strong sales.")
    found = mentions(nlp, text, "Boeing 787 Dreamliner")
    texts = [t for t, _ in found]
    assert "787 Dreamliner" in texts and "787" in texts and "Dreamliner" in texts
    assert "Boeing" not in texts  # the maker is another entity


def test_actor_short_forms_need_the_name_in_the_document(nlp):
    # "A380" alone in a document that never names the Airbus A380 (nor Airbus) is not licensed.
    assert mentions(nlp, "The A380 landed in Sydney.", "Airbus A380") == []
    found = mentions(nlp, "Airbus showed the A380 in Toulouse. The A380 then flew to Sydney.", "Airbus A380")
    assert [t for t, _ in found] == ["A380", "A380"]  # every word of the name is in the document


def test_actor_full_name_is_case_insensitive_plural_and_gapped(nlp):
    text = "The Beatles ' Apple Corps sued Apple Computer over the iTunes Music Store ."
    assert [t for t, _ in mentions(nlp, text, "Beatles Apple Corps")] == ["Beatles' Apple Corps"]
    assert [t for t, _ in mentions(nlp, text, "iTunes store")] == ["iTunes Music Store"]
    assert [t for t, _ in mentions(nlp, "Two more A380s were delivered .", "airbus a380")] == []
    assert [t for t, _ in mentions(nlp, "Two Airbus A380s were delivered .", "airbus a380")] == ["Airbus A380s"]


def test_actor_common_word_tail_is_not_a_short_form(nlp):
    # "Airlines" is written in lower case in the corpus: not a name of Singapore Airlines alone.
    text = "Singapore Airlines ordered ten jets.\nChina Eastern Airlines ordered five."
    found = mentions(nlp, text, "Singapore Airlines", others=["Many airlines ordered jets ."])
    assert [t for t, _ in found] == ["Singapore Airlines"]


def test_actor_maker_name_inside_a_model_name_is_the_model(nlp):
    # "the Airbus A380" is a plane; "Airbus" alone is the company.
    text = "The Airbus A380 landed in Sydney .\nAirbus said the flight went well ."
    assert [t for t, _ in mentions(nlp, text, "Airbus")] == ["Airbus"]
    assert [t for t, _ in mentions(nlp, text, "Airbus A380")] == ["Airbus A380"]


def test_actor_acronym_defined_after_the_name(nlp):
    text = ("The United States Air Force ( USAF ) chose a tanker .\nThe USAF said the decision was final .")
    found = mentions(nlp, text, "United States Air Force")
    assert ("USAF", "acronym") in found and found.count(("USAF", "acronym")) == 2


def test_actor_alias_from_actors_yaml(nlp):
    found = mentions(nlp, "U.S. officials met Taliban envoys in Doha .", "United States")
    assert [t for t, _ in found] == ["U.S."]


# ----------------------------------------------------------------------------- references


def test_actor_pronoun_refers_to_the_last_person_named(nlp):
    text = "Steve Jobs opened the conference .\nHe announced a new phone .\nTim Cook spoke next .\nHe praised the team ."
    found = mentions(nlp, text, "Steve Jobs")
    assert [t for t, k in found if k == "pronoun"] == ["He"]  # the second 'He' is Tim Cook


def test_actor_person_named_in_passing_does_not_take_the_pronoun(nlp):
    text = "Steve Jobs spoke at the conference .\nThe crowd cheered for Bill Gates .\nHe then announced a new phone ."
    assert [t for t, k in mentions(nlp, text, "Steve Jobs") if k == "pronoun"] == ["He"]


def test_actor_it_refers_to_the_last_company_named(nlp):
    text = "Ryanair said it made record profits .\nBoeing said it will deliver the jets in May ."
    found = mentions(nlp, text, "Ryanair")
    assert [t for t, k in found if k == "pronoun"] == ["it"]  # the second 'it' is Boeing


def test_actor_definite_description_learned_from_the_text(nlp):
    text = ("Ryanair is Europe 's largest low-cost airline .\nThe airline ordered ten jets yesterday .\n"
            "The plane will fly in May .")
    found = mentions(nlp, text, "Ryanair")
    assert ("airline", "description") in found
    assert not any(t == "plane" for t, _ in found)


def test_actor_description_refers_to_the_last_entity_it_describes(nlp):
    text = ("Airbus is Europe 's biggest aircraft manufacturer .\nThe manufacturer cut 10,000 jobs .\n"
            "Boeing , an American manufacturer , hired staff .\nThe manufacturer grew .")
    found = mentions(nlp, text, "Airbus")
    assert [(t, k) for t, k in found if k == "description"] == [("manufacturer", "description")]
    assert [t for t, k in mentions(nlp, text, "Boeing") if k == "description"] == ["manufacturer"]


def test_actor_it_needs_the_thing_in_its_sentence_and_is_not_pleonastic(nlp):
    text = ("Ryanair announced that it would buy five jets .\nIt is expected that prices will rise .\n"
            "It will fly them from Dublin .")
    assert [t for t, k in mentions(nlp, text, "Ryanair") if k == "pronoun"] == ["it"]


# ----------------------------------------------------------------------------- events


def test_actor_events_where_the_target_is_an_argument(nlp):
    text = "Airbus unveiled the A380 on Tuesday .\nBoeing criticised the launch ."
    assert linked_triggers(nlp, text, "Airbus") == ["unveiled"]
    assert linked_triggers(nlp, text, "Boeing") == ["criticised"]


def test_actor_events_of_an_object_and_of_a_passive_agent(nlp):
    text = "Northrop Grumman defeated Boeing for the contract .\nThe tanker was built by Airbus ."
    assert "defeated" in linked_triggers(nlp, text, "Boeing")
    assert "built" in linked_triggers(nlp, text, "Airbus")


def test_actor_infinitive_and_by_clause_share_the_subject(nlp):
    text = "Jobs started the keynote by unveiling the iPhone 4 on Monday .\nSteve Jobs is Apple 's chief ."
    assert "unveiling" in linked_triggers(nlp, text, "Steve Jobs")


def test_actor_relative_clause_event_of_the_target(nlp):
    text = "Airbus, which has sold more planes than Boeing since 2003, unveiled a new plane."
    found = linked_triggers(nlp, text, "Airbus")
    assert "unveiled" in found and "sold" in found


def test_actor_no_event_without_the_target(nlp):
    assert linked_triggers(nlp, "Boeing delivered the first 717 jet to AirTran .", "Airbus") == []


# ----------------------------------------------------------------------------- timeline


def _event(day_start, day_end, offset, article="1"):
    return Event(article_id=article, event_id=f"{article}:{offset}", sentence_index=0, sentence_start=0,
                 sentence_end=10, sentence="", trigger="x", trigger_start=offset, trigger_end=offset + 1,
                 lemma="x", summary="", date_start=day_start, date_end=day_end, precision="day",
                 date_source="timex", date_explanation="")


def test_actor_timeline_order_placed_by_date_open_and_undated_last():
    d = date
    evs = [_event(None, None, 5), _event(d(2007, 3, 1), d(2007, 3, 1), 9), _event(None, d(2007, 2, 1), 1),
           _event(d(2005, 1, 1), d(2005, 12, 31), 7), _event(d(2007, 3, 1), d(2007, 3, 1), 3)]
    ranked = sorted(evs, key=lambda e: at.timeline_key(0, e))
    rows = at.number_timeline([(e, {"start": e.trigger_start}) for e in ranked])
    assert [(r["start"], r["order"]) for r in rows] == [(7, 1), (3, 2), (9, 2), (1, 0), (5, 0)]


def test_actor_adapted_text_is_printed_text_with_offsets_back_to_the_source():
    src = "Airbus launches A380\nJanuary 18 , 2005\nAirbus 's `` superjumbo '' ( A380 ) was unveiled ."
    ad = at.adapt(src)
    assert ad.text == 'Airbus launches A380\n\nJanuary 18, 2005\n\nAirbus\'s "superjumbo" (A380) was unveiled.'
    for word in ("unveiled", "superjumbo", "A380", "Airbus"):
        i = ad.text.rindex(word)
        a, b = ad.source_span(i, i + len(word))
        assert src[a:b] == word
    assert at.adapt(src, detokenise=False).text.replace("\n\n", "\n") == src


def test_actor_targets_file_reads_only_corpus_and_target(tmp_path):
    path = tmp_path / "targets.jsonl"
    rows = [{"corpus": "c1", "target": "Airbus", "rows": "never read"}, {"corpus": "c1", "target": "Airbus"},
            {"corpus": "c2", "target": "Steve Jobs"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert at.read_targets(str(path)) == [("c1", "Airbus"), ("c2", "Steve Jobs")]


def test_actor_timeline_end_to_end(nlp, tmp_path):
    docs = [{"doc_id": "2", "corpus": "c", "dct": "2007-07-09", "title": "",
             "text": "Boeing unveils 787\nJuly 9 , 2007\nBoeing unveiled the 787 Dreamliner yesterday ."},
            {"doc_id": "1", "corpus": "c", "dct": "2005-01-29", "title": "",
             "text": "Chinese airlines buy 787s\nJanuary 29 , 2005\nChina agreed to buy 60 Boeing 787 Dreamliner "
                     "aircraft on Friday ."}]
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    (tmp_path / "targets.jsonl").write_text(json.dumps({"corpus": "c", "target": "Boeing"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert at.run(str(tmp_path / "docs.jsonl"), str(tmp_path / "targets.jsonl"), str(out)) == 0
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["corpus"] == "c" and line["target"] == "Boeing"
    by_doc = {d["doc_id"]: d["text"] for d in docs}
    words = [(e["doc_id"], by_doc[e["doc_id"]][e["start"]:e["end"]]) for e in line["events"]]
    assert ("2", "unveiled") in words
    placed = [e for e in line["events"] if e["order"] > 0]
    assert placed and all(a["date_start"] <= b["date_start"] for a, b in zip(placed, placed[1:], strict=False))
    unveiled = next(e for e in line["events"] if by_doc[e["doc_id"]][e["start"]:e["end"]] == "unveiled")
    assert unveiled["date_start"] == unveiled["date_end"] == "2007-07-08"  # yesterday
