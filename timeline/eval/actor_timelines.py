"""``python -m timeline.eval actor-timelines DOCS.jsonl TARGETS.jsonl OUT.jsonl``: actor timelines.

The analyst view that filters the timeline by actor, measured as SemEval-2015 Task 4
("TimeLine"): for each (corpus, target) list the events the target takes part in, dated and in
timeline order, in the prediction format of ``../shared/eval/score_t4.py``.

Reads only ``doc_id``, ``corpus``, ``dct``, ``title`` and ``text`` of each document, and only
``corpus`` and ``target`` of each TARGETS line (a gold timelines file is accepted; its rows,
mentions and dates are never read).  Every document goes through the product's own per-article
function (``timeline.pipeline.analyze_doc`` with ``Article(published=dct)``); the events and
their dates are the product's.  What this module adds is the actor filter:

* **Where the target is named** (``target_mentions``): its full name or an actors.yaml alias,
  case-insensitive, with a plural ("A380s"), a possessive or one more capitalised word inside
  ("the Beatles' Apple Corps", "iTunes Music Store"); an acronym the corpus defines right
  after the name ("Singapore Airlines (SIA)"); and, in a document that names the target in full
  (or uses every word of its name), its short forms: a person's given name or surname
  ("Jobs"), and for other names the distinctive tail of the name ("787 Dreamliner",
  "Dreamliner", "A380", "Air Force"), never its leading modifier ("Boeing" of "Boeing 787").
  A short form counts only where the proper-name run around it holds nothing but words of the
  target ("Steve Wozniak" is not "Steve Jobs"), and a maker's name followed by a model number
  names the model ("Airbus A380" is not Airbus).
* **Where it is referred to** (``references``): he/she when the target is the last person
  named (another person counts as a clause subject); it/its/they/their when the target is the
  last company or product named in the same sentence, not a pleonastic "it" ("It is expected
  that"); and a definite description ("the plane", "the airline") whose noun the corpus uses to
  describe the target (apposition, "X is a Y", "aircraft manufacturer X") when the target is
  the last entity so described.
* **Not** the product's ``Event.actors``: they hold every entity of the trigger's argument
  subtree ("Louis Gallois, the Airbus chief executive, said" has Airbus), which costs more
  precision than it brings recall (``Options.product_actors``; README).
* **Which events it takes part in** (``argument_heads``): an event whose trigger has a mention
  among the heads of its arguments (subject, object, agent, possessor, a prepositional object,
  a modifier of an event noun), directly or through coordination/apposition; a verb with no
  subject of its own borrows the one of the verb it completes ("agreed to buy", "started by
  hinting"); a relative or participle clause has the noun it describes ("Airbus , which has
  out-sold", "Jobs , born in"); an event noun that is the object of a light verb takes that
  verb's subject ("Jobs made the decision").
* **Order**: by date (first day, then last day), then publication date and document, then
  position; events with the same interval share an order number.  Events whose date is open on
  a side ("before the publication day") or missing come last with order 0 (not placed).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from timeline.eval.actor_links import CorpusNames, linked_events, references
from timeline.eval.actor_names import Mention, Options, TargetName, target_mentions
from timeline.models import Article, Event

# ----------------------------------------------------------------------------- input


def read_docs(path: str) -> list[dict]:
    keep = ("doc_id", "corpus", "dct", "title", "text")
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append({k: rec.get(k) for k in keep} | {"doc_id": str(rec["doc_id"])})
    return out


def read_targets(path: str) -> list[tuple[str, str]]:
    """(corpus, target) pairs in file order; every other field of the line is ignored."""
    out: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                pair = (rec["corpus"], rec["target"])
                if pair not in out:
                    out.append(pair)
    return out


@dataclass(frozen=True)
class Adapted:
    """The text the pipeline reads and the way back to the source's offsets.

    The corpus writes one sentence per line, tokens joined by spaces ("Apple 's", "`` Darwin ''").
    The product reads a line break inside a paragraph as a space and a blank line as a paragraph
    end (``timeline_paragraphs``), and expects printed text.  Each line therefore becomes a
    paragraph of its own, and the token spacing is undone.  ``to_source[i]`` is the source offset
    of character ``i``."""

    text: str
    to_source: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_source[start], self.to_source[end - 1] + 1


def _paragraphs(text: str) -> Adapted:
    out: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(text):
        out.append(ch)
        back.append(i)
        if ch == "\n":
            out.append("\n")
            back.append(i)
    back.append(len(text))
    return Adapted("".join(out), tuple(back))


_GLUE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "%", "'s", "'S", "'", "n't", "'re", "'ve", "'ll",
                          "'d", "'m", "...", "''"})
_GLUE_AFTER = frozenset({"(", "[", "$", "``", "`"})
_QUOTES = {"``": '"', "''": '"', "`": "'"}


def adapt(text: str, detokenise: bool = True) -> Adapted:
    """Each line its own paragraph; with ``detokenise`` the corpus's token spacing is undone as
    a news site prints it ("Apple 's" -> "Apple's", "`` Darwin ''" -> '"Darwin"')."""
    if not detokenise:
        return _paragraphs(text)
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for line in text.split("\n"):
        if out:
            out.append("\n\n")
            back += [pos - 1, pos - 1]
        glue_next = True
        for m in re.finditer(r"[^ ]+", line):
            tok, start = m.group(), pos + m.start()
            shown = _QUOTES.get(tok, tok)
            if not glue_next and tok not in _GLUE_BEFORE:
                out.append(" ")
                back.append(start - 1)
            out.append(shown)
            back += [start + min(k, len(tok) - 1) for k in range(len(shown))]
            glue_next = tok in _GLUE_AFTER
        pos += len(line) + 1
    back.append(len(text))
    return Adapted("".join(out), tuple(back))


# ----------------------------------------------------------------------------- timeline


def anchor(ev: Event) -> tuple[date | None, date | None]:
    """The event's interval in Task 4's convention, which anchors an event the text gives no
    day for to the publication date: the product says "on or before" that day
    (``date_start`` open) and keeps the convention in its label (``event_time`` = the day)."""
    p = ev.published
    if ev.date_start is None and p is not None and ev.date_end == p and ev.event_time == p.isoformat():
        return p, p
    return ev.date_start, ev.date_end


def placed(ev: Event) -> bool:
    """An event goes on the timeline when both ends of its date are known; one known only as
    "before the publication day" or "since 2004" is listed but not placed (order 0), like an
    undated one."""
    start, end = anchor(ev)
    return start is not None and end is not None


def timeline_key(doc_rank: int, ev: Event) -> tuple:
    """Placed events first, by first day, then last day; then the others, by the day they are
    bounded by (undated last); ties by publication date / document, then position."""
    start, end = anchor(ev)
    first = start or end or date.max
    last = end or start or date.max
    return (not placed(ev), first, last, doc_rank, ev.trigger_start)


def number_timeline(events: list[tuple[Event, dict]]) -> list[dict]:
    """score_t4.py's ``order``: 1, 2, 3 ... along the sorted placed events, the same number for
    the same interval (simultaneous), 0 for events that are not placed."""
    out, n, prev = [], 0, None
    for ev, row in events:
        if not placed(ev):
            out.append(row | {"order": 0})
            continue
        interval = anchor(ev)
        if interval != prev:
            n += 1
        prev = interval
        out.append(row | {"order": n})
    return out


@dataclass
class AnalysedDoc:
    record: dict
    adapted: Adapted
    doc: Doc
    events: tuple[Event, ...]


def analyse(records: list[dict], nlp, batch_size: int = 16, detokenise: bool = True) -> Iterator[AnalysedDoc]:
    """The product's per-article analysis of each record (publication date = dct), on the text
    as a news site prints it (``adapt``)."""
    from timeline.pipeline import analyze_doc

    adapted = [adapt(r.get("text") or "", detokenise) for r in records]
    arts = [Article(id=r["doc_id"], text=a.text, title=r.get("title") or "",
                    published=date.fromisoformat(r["dct"][:10]) if r.get("dct") else None,
                    published_origin="field" if r.get("dct") else "none")
            for r, a in zip(records, adapted, strict=True)]
    pairs = ((a.text, (r, ad, a)) for r, ad, a in zip(records, adapted, arts, strict=True))
    for doc, (r, ad, art) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield AnalysedDoc(r, ad, doc, analyze_doc(doc, art).events)


def corpus_names(docs: list[AnalysedDoc], targets: Iterable[TargetName], options: Options = Options()) -> CorpusNames:
    cn = CorpusNames()
    targets = list(targets)
    for ad in docs:
        cn.add_doc(ad.doc, targets, options)
    return cn


def doc_mentions(ad: AnalysedDoc, target: TargetName, names: CorpusNames,
                 options: Options = Options()) -> list[Mention]:
    """The target's names and references in one analysed document."""
    person = names.is_person(target)
    mentions = target_mentions(ad.doc, target, person, frozenset(names.lower_words), options,
                               names.acronyms.get(target.name, ()))
    if mentions:
        mentions = sorted(mentions + references(ad.doc, mentions, person, names, names.nouns(target), options),
                          key=lambda m: m.start)
    return mentions


def timeline(target: TargetName, docs: list[AnalysedDoc], names: CorpusNames,
             options: Options = Options()) -> list[dict]:
    """The target's events in timeline order, in score_t4.py's prediction format."""
    order = sorted(docs, key=lambda d: (d.record.get("dct") or "", _num(d.record["doc_id"])))
    rank = {ad.record["doc_id"]: k for k, ad in enumerate(order)}
    found: list[tuple[tuple, Event, dict]] = []
    for ad in docs:
        mentions = doc_mentions(ad, target, names, options)
        actor_id = target.actor_id if options.product_actors else None
        for ev in linked_events(ad.doc, ad.events, mentions, actor_id, options.event_anaphora):
            start, end = ad.adapted.source_span(ev.trigger_start, ev.trigger_end)
            first, last = anchor(ev)
            found.append((timeline_key(rank[ad.record["doc_id"]], ev), ev, {
                "doc_id": ad.record["doc_id"], "start": start, "end": end,
                "date_start": first.isoformat() if first else None,
                "date_end": last.isoformat() if last else None,
            }))
    found.sort(key=lambda kv: kv[0])
    return number_timeline([(ev, row) for _, ev, row in found])


def _num(doc_id: str) -> tuple:
    return (0, int(doc_id), "") if doc_id.isdigit() else (1, 0, doc_id)


def predict_analysed(docs: list[AnalysedDoc], targets: list[tuple[str, str]],
                     options: Options = Options()) -> list[dict]:
    by_corpus: dict[str, list[AnalysedDoc]] = defaultdict(list)
    for ad in docs:
        by_corpus[ad.record.get("corpus") or ""].append(ad)
    names = {c: corpus_names(ds, [TargetName(t) for tc, t in targets if tc == c], options)
             for c, ds in by_corpus.items()}
    return [{"corpus": c, "target": t,
             "events": timeline(TargetName(t), by_corpus.get(c, []), names.get(c, CorpusNames()), options)}
            for c, t in targets]


def predict(records: list[dict], targets: list[tuple[str, str]], nlp, options: Options = Options()) -> list[dict]:
    return predict_analysed(list(analyse(records, nlp)), targets, options)


def run(docs_path: str, targets_path: str, output_path: str, model: str = "en_core_web_sm") -> int:
    from timeline.nlp import load_nlp

    preds = predict(read_docs(docs_path), read_targets(targets_path), load_nlp(model))
    with open(output_path, "w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    return 0
