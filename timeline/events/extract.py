"""Article -> dated events: the events of one parsed article (issue 5).

``find_triggers`` (``triggers``) picks the event words; ``date_triggers`` (``relations``,
over ``dating``) dates them from the parse, tense and publication date; each becomes an
``Event`` with its summary (``summaries``), actors and places (``participants``) and the
offsets of its sentence, trigger and date expression.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from timeline.dates.furniture import furniture_ranges
from timeline.dates.tree import doc_ents, doc_text
from timeline.events.dating import in_headline
from timeline.events.event_anaphora import with_event_anaphora
from timeline.events.event_date import EventDate
from timeline.events.features import polarity_modality
from timeline.events.locality import article_locality, dateline, front_matter, place_events
from timeline.events.participants import event_arguments, event_places
from timeline.events.references import reading
from timeline.events.relations import date_triggers
from timeline.events.salience import mention_role, rank_events
from timeline.events.summaries import _clean_sentence, summarize
from timeline.events.triggers import find_triggers, ranges_between
from timeline.models import NO_BUDGET, Article, Budget, Event, Timex


def build_event(tok: Token, dated: EventDate, article: Article, sent_index: int, sent: Span,
                skip: list[tuple[int, int]] = (), ents: tuple[Span, ...] | None = None,
                actor_ents: tuple[Span, ...] | None = None, triggers: frozenset[int] = frozenset()) -> Event:
    text = article.text if article.text else doc_text(tok.doc)
    s_start, s_end = _clean_sentence(sent, list(skip), text)
    polarity, modality = polarity_modality(tok)
    future_only = dated.source == "publication" and dated.first is not None and article.published is not None \
        and dated.first > article.published
    source = "publication" if dated.story_bound else dated.source  # a bound the story gives: no date in the text
    event_class, note = mention_role(tok, polarity, modality, source, in_headline(tok), future_only)
    tx = dated.timex
    who, described = event_arguments(tok, ents if actor_ents is None else actor_ents, triggers)
    return Event(
        article_id=article.id, event_id=f"{article.id}:{tok.idx}", sentence_index=sent_index,
        sentence_start=s_start, sentence_end=s_end, sentence=text[s_start:s_end],
        trigger=tok.text, trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text), lemma=tok.lemma_.lower(),
        summary=summarize(tok, sent=sent), date_start=dated.first, date_end=dated.last, precision=dated.precision,
        date_source=dated.source, date_explanation=dated.explanation, date_text=tx.text if tx else "",
        date_char_start=tx.start if tx else None, date_char_end=tx.end if tx else None,
        date_value=tx.value if tx else "", event_time=dated.label, actors=tuple(a for a, _ in who),
        agent_ids=tuple(a.id for a, r in who if r == "agent"), descriptions=described,
        places=event_places(tok, sent, ents), published=article.published, polarity=polarity, modality=modality,
        event_class=event_class, on_timeline=not note, timeline_note=note)


def _actor_ents(doc: Doc, text: str, filed) -> tuple[Span, ...]:
    """The entities that may be actors: not those of the byline and dateline."""
    key = "timeline_extract_actor_ents"  # the extractor and actor_kinds ask for the same
    cached = doc.user_data.get(key)
    if cached is not None and cached[0] == (text, filed):
        return cached[1]
    front = front_matter(text, filed)
    ents = doc_ents(doc)
    found = tuple(e for e in ents if not any(a <= e.start_char < b for a, b in front)) if front else ents
    doc.user_data[key] = ((text, filed), found)
    return found


def _dateless(ents: tuple[Span, ...], timexes: Sequence[Timex]) -> tuple[Span, ...]:
    """The entities with the temporal expressions that NER glued to their end cut off ('Interstate
    75 late Saturday' -> 'Interstate 75'); an entity that starts with one is left as it is."""
    cut = []
    for e in ents:
        inside = next((tx for tx in timexes if e.start_char < tx.start < e.end_char), None)
        end = next((t.i for t in e if inside is not None and t.idx >= inside.start), e.end)
        if end == e.end:
            cut.append(e)
            continue
        while end > e.start and (e.doc[end - 1].is_punct or e.doc[end - 1].is_space):
            end -= 1
        if end > e.start:
            cut.append(Span(e.doc, e.start, end, label=e.label_))
    return tuple(cut)


def actor_kinds(doc: Doc, article: Article) -> tuple[str, ...]:
    """'noun:actor id:offset' for each noun the article uses for one of its named actors but
    persons ('Airbus, the aircraft maker': 'maker:airbus:0'; ``references.Reading.kinds``), the
    noun empty for one it names with no such noun, the offset where it first names the actor:
    for the store to resolve the descriptions that articles leave open (``events.kinds``); and
    'SIA:singapore-airlines:offset' for each acronym it defines for one ('Singapore Airlines
    (SIA)'), for the store to know the acronym in the articles that use it alone
    (``actors.name_variants``)."""
    text = article.text or doc_text(doc)
    read = reading(doc, _actor_ents(doc, text, dateline(text)))
    acronyms = {(doc[r.start].text, r.actor) for r in read.found.values() if r.kind in ("acronym", "short")
                and r.end == r.start + 1 and doc[r.start].text.isupper() and doc[r.start].text.isalpha()}
    return tuple(sorted([f"{noun}:{actor.id}:{read.first.get(actor.id, 0)}"
                         for actor, nouns in read.kinds.items() for noun in (nouns or ("",))]
                        + [f"{word}:{actor.id}:{read.first.get(actor.id, 0)}" for word, actor in acronyms]))


def extract_events(doc: Doc, article: Article, timexes: Sequence[Timex], budget: Budget = NO_BUDGET) -> list[Event]:
    """The article's events; ``budget`` is checked between the stages and the triggers."""
    text = article.text or doc_text(doc)
    filed = dateline(text)
    actor_ents = _actor_ents(doc, text, filed)
    triggers = find_triggers(doc, frozenset(reading(doc, actor_ents).found))
    budget.check()
    dated = date_triggers(doc, triggers, timexes, article.published)
    budget.check()
    sents = list(doc.sents)  # Token.sent re-walks the Doc on every call: look sentences up once
    sent_of = [0] * len(doc)
    for k, sent in enumerate(sents):
        sent_of[sent.start:sent.end] = [k] * (sent.end - sent.start)
    skip, ents = furniture_ranges(doc_text(doc)), _dateless(doc_ents(doc), timexes)
    starts, near = [a for a, _ in skip], {}  # boilerplate lines near each sentence, found once
    events = []
    trigger_ids = frozenset(t.i for t in triggers)
    for t in triggers:
        budget.check()
        k = sent_of[t.i]
        if k not in near:
            near[k] = ranges_between(skip, starts, sents[k].start_char, sents[k].end_char)
        events.append(build_event(t, dated[t.i], article, k, sents[k], near[k], ents, actor_ents, trigger_ids))
    events = with_event_anaphora(triggers, events, sent_of)
    headline = frozenset(e.sentence_index for t, e in zip(triggers, events, strict=True) if in_headline(t))
    ranked = rank_events(events, headline)
    nationalities = frozenset(e.text.lower() for e in ents if e.label_ == "NORP")
    return place_events(ranked, article_locality(text, nationalities, filed), headline)
