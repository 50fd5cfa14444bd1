"""Phase 1: find temporal expressions and give each an underspecified value.

Contract (used by the rest of the product):
- spaCy component ``timeline_timexes`` stores phase-1 mentions (underspecified values,
  no publication date needed) on ``doc._.timex_mentions``;
- ``resolve_doc(doc, published) -> list[Timex]`` resolves them (phase 2, pure).

Detection: the compiled rules of resources/en/patterns.yaml run over ``doc.text`` (a
rule with a ``gate`` only within a window around its gate words, found by one cheap
scan); the longest match wins (ties: the rule listed first); guards use the parse where there is
one ("may" as a modal verb, "fall" as a verb are not dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from timeline.dates.anchors import choose_anchor, not_a_scene, sets_story_time, tense_at
from timeline.dates.furniture import furniture_ranges
from timeline.dates.guards import GUARDS
from timeline.dates.named import with_its_year
from timeline.dates.reference import StoryTime, deictic, mostly_narrative, paragraph_starts, partner_anchor
from timeline.dates.resolve import evening, resolve, small_hours
from timeline.dates.resources import Rule, load_rules, load_tables
from timeline.dates.timex_rules import BUILDERS
from timeline.dates.tree import doc_text
from timeline.dates.unresolved import placeholder
from timeline.dates.values import Anchor, Resolution, TimeValue, fmt_day, interval
from timeline.models import NO_BUDGET, Budget, Timex

NEWS_DAYS = int(load_tables("en")["month_named_before"]["news_days"])

if not Doc.has_extension("timex_mentions"):
    Doc.set_extension("timex_mentions", default=None)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    rule: str
    value: TimeValue
    tense: str | None = None
    sets_story: bool = True  # a clause's time: it moves the story's reference time


def _span(rule: Rule, m) -> tuple[int, int]:
    for cond in rule.params.get("span_if", ()):
        got = m.group(cond["group"])
        if (got.lower() if got else None) in cond["in"]:
            return m.start(cond["span"]), m.end(cond["span"])
    for name in rule.params.get("span", ()):
        if m.group(name):
            return m.start(name), m.end(name)
    return m.start(), m.end()


GATE_WINDOW = 100  # characters around a gate word that a match can reach (no rule is longer)


def _segments(gate, text: str) -> list[tuple[int, int]]:
    """Merged windows around the gate words of a rule: the only places it can match."""
    out: list[list[int]] = []
    for g in gate.finditer(text):
        a, b = max(0, g.start() - GATE_WINDOW), g.end() + GATE_WINDOW
        if out and a <= out[-1][1]:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, min(b, len(text))) for a, b in out]


def candidates(text: str, rules: tuple[Rule, ...]) -> list[tuple[int, int, int, Rule, object]]:
    """Every match of every rule.  Gates are case-sensitive regexes run on the lower-cased
    text (much faster than case-insensitive ones); rules sharing a gate share its scan.  An
    ASCII text is scanned by the rules compiled with re.ASCII (``Rule.ascii_regex``)."""
    low = text.lower()
    gated = len(low) == len(text)  # lower() can change lengths (rare Unicode): scan all
    ascii = text.isascii()  # the rules compiled with re.ASCII find the same matches, faster
    segments: dict[str, list[tuple[int, int]]] = {}
    found = []
    for rule in rules:
        regex = rule.ascii_regex if ascii and rule.ascii_regex is not None else rule.regex
        if rule.gate is None or not gated:
            matches = regex.finditer(text)
        else:
            key = rule.gate.pattern
            if key not in segments:
                segments[key] = _segments(rule.gate, low)
            matches = (m for a, b in segments[key] for m in regex.finditer(text, a, b))
        for m in matches:
            start, end = _span(rule, m)
            if end > start:
                found.append((start, end, rule.priority, rule, m))
    return found


def select(found: list) -> list:
    """Non-overlapping matches: longest first, then the earlier rule, then leftmost."""
    used = bytearray(max((c[1] for c in found), default=0))  # linear, not pairwise
    chosen = []
    for item in sorted(found, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = item[0], item[1]
        if any(used[start:end]):
            continue
        used[start:end] = b"\x01" * (end - start)
        chosen.append(item)
    return sorted(chosen, key=lambda c: c[0])


def find_mentions(doc: Doc, lang: str = "en") -> list[Mention]:
    """Phase 1 over a Doc (a blank pipeline works; guards and tense then use text only)."""
    text = doc_text(doc)
    accepted = []
    for start, end, prio, rule, m in candidates(text, load_rules(lang)):
        guard = GUARDS.get(rule.guard) if rule.guard else None
        if guard is not None and not guard(doc, m):
            continue
        value = BUILDERS[rule.build](m.groupdict(), rule.params)
        if value is not None:
            accepted.append((start, end, prio, rule, value))
    mentions: list[Mention] = []
    for start, end, _, rule, value in select(accepted):
        last = mentions[-1] if mentions else None
        if last is not None and (joined := with_its_year(last.value, text[last.end:start], value)) is not None:
            mentions[-1] = Mention(last.start, end, text[last.start:end], last.rule, joined, last.tense, last.sets_story)
            continue  # "August of that year", "Christmas 1963": one expression
        tense = tense_at(doc, start, end, text) if value.kind == "named" or value.unit == "weekend" else None
        mentions.append(Mention(start, end, text[start:end], rule.name, value, tense, sets_story_time(doc, start, end)))
    return mentions


@Language.factory("timeline_timexes", requires=["token.pos", "token.dep"], assigns=["doc._.timex_mentions"])
def make_timex_component(nlp: Language, name: str):
    load_rules("en")  # compile once, at pipeline construction

    def component(doc: Doc) -> Doc:
        doc._.timex_mentions = find_mentions(doc)
        return doc

    return component


def _next_anchor(t: Timex) -> Anchor | None:
    """A resolved calendar date becomes the anchor of later anaphoric expressions."""
    if t.resolved and t.type == "DATE" and t.value.startswith("BC"):
        return Anchor(None, "previous", t.value, t.grain)  # a story before the common era: no day
    if not t.resolved or t.first is None or t.type not in ("DATE", "TIME") or t.value.endswith("_REF"):
        return None
    grain = "day" if t.grain == "time" else t.grain
    return Anchor(t.first if t.mod is None else t.first, "previous", t.value, grain)


_CLOCK_GAP = re.compile(r"[\s,]*(?:(?:" + "|".join(map(re.escape, load_tables("en")["day_clock_joiners"])) + r")\b)?[\s,]*", re.I)


def _bare_clock(value: TimeValue) -> bool:
    """'at about 5:45 p.m.': a clock time with no day of its own (on the day of the scene)."""
    return value.type == "TIME" and value.kind == "shift" and value.anaphoric and value.n == 0


_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def _day_named_after(doc: Doc, mentions: list[Mention], k: int, text: str, published: date | None) -> Anchor | None:
    """'It happened at around 11 p.m. in Blytheville, Arkansas, on August 8': a clock time with no
    day of its own takes the day named right after it in its clause (no verb between them)."""
    if k + 1 >= len(mentions) or published is None:
        return None
    m, n = mentions[k], mentions[k + 1]
    v = n.value
    if n.start - m.end > 80 or not (v.kind == "named" and (v.weekday and not v.month or v.month and v.day)
                                    or v.kind == "literal" and _DAY.match(v.value)):
        return None
    gap = doc.char_span(m.end, n.start, alignment_mode="contract")
    if gap is not None and any(t.pos_ in ("VERB", "AUX") or t.is_sent_start or t.text in (";", ".") for t in gap):
        return None
    r = resolve(v, choose_anchor(v, published, None), n.tense, n.text)
    return Anchor(r.first, "previous", r.value, "day") if r.grain == "day" and r.first is not None else None


def _overnights(doc: Doc, mentions: list[Mention], text: str) -> frozenset[int]:
    """Where the story tells what happened 'overnight' (not a plan: 'will stay overnight'): it is
    told the morning after, so a past evening clock time with no day is the evening before."""
    return frozenset(m.start for m in mentions if m.text.lower() == "overnight" and not _future(doc, m, text))


def _night_clock(value: TimeValue) -> TimeValue | None:
    """A clock time told the morning after, counted from the publication day: 'around 11:30
    p.m.' the evening before, '1 a.m.' that morning."""
    hour = value.suffix[1:3]
    return replace(value, n=-1 if int(hour) >= 12 else 0, anaphoric=False) if hour.isdigit() else None


def _future(doc: Doc, m: Mention, text: str) -> bool:
    """The mention is governed by a future tense (read from the parse when phase 1 did not need it)."""
    return (m.tense if m.tense is not None else tense_at(doc, m.start, m.end, text)) == "future"


def _literal_day(value: TimeValue) -> date | None:
    """The first day of an explicit calendar value ("1940", "1939-09-01"), else None."""
    _, first, _ = interval(value.value)
    return date.min if first is None and value.value.startswith("BC") else first


def _month_named(value: TimeValue, tense: str | None, named: dict[int, Timex], published: date | None) -> Timex | None:
    """The earlier expression that gave this month its year ("the May 2016 death ... just after 2
    a.m. on May 14"; "in December 2014 ... the Dec. 6 shooting"), for a bare month or month-day
    of the past (no future or present tense) that the text names again; None if there is none or
    it would put the date after the publication date."""
    if value.kind != "named" or not value.month or value.weekday or value.season or value.holiday \
            or value.direction or value.year_shift is not None or value.anaphoric or value.part:
        return None
    if (tense or "").rstrip("!") in ("future", "present") or (t := named.get(value.month)) is None:
        return None
    year = int(t.value[:4])
    if published is not None and date(year, value.month, min(value.day or 1, 28)) > published:
        return None
    return t


def _page_stamps(mentions: list[Mention], text: str) -> frozenset[int]:
    """The mentions inside page furniture ('Posted: Sunday, February 22, 2015 10:04 AM EST',
    '(Published Thursday, Mar 14, 2013)', a copyright line): the page's time, not the story's."""
    ranges = furniture_ranges(text)
    return frozenset(k for k, m in enumerate(mentions) if any(a <= m.start < b for a, b in ranges))


def _after(r: Resolution, published: date | None) -> bool:
    return published is not None and r.first is not None and r.first > published


def _not_after_publication(value: TimeValue, anchor: Anchor, earlier: list[Anchor],
                           published: date, text: str) -> Resolution:
    """'The next day, he fell asleep', 'died one week later', told in the past: counted from the
    last date mentioned, it would fall after the publication date, so that date (a plan, the
    dateline) is not the one it counts from.  The latest of the (up to three) dates mentioned
    before it that keeps it on or before the publication date is; else the date is left open."""
    for before in reversed(earlier):
        again = resolve(value, before, None, text)
        if before.day is not None and again.resolved and not _after(again, published):
            return again
    return Resolution(placeholder(value), "unknown", None, None, value.mod,
                      f"{text}: told in the past, but counted from the last date mentioned "
                      f"({anchor.value}) it would fall after the publication date; the date it "
                      f"counts from is not given", False)


def _recent(day: date | None, published: date | None) -> bool:
    """A day the news reading puts shortly before the publication date: the news time."""
    return day is not None and published is not None and 0 <= (published - day).days <= NEWS_DAYS


def resolve_doc(doc: Doc, published: date | None, budget: Budget = NO_BUDGET) -> list[Timex]:
    """Resolve the Doc's mentions against the publication date (phase 2); ``budget`` is
    checked between mentions."""
    mentions = doc._.timex_mentions
    if mentions is None:
        mentions = find_mentions(doc)
    out: list[Timex] = []
    told: list[Anchor] = []  # the dates mentioned, in text order: anaphora count from the last one
    scene: Anchor | None = None  # the last date mentioned that dates no saying, quotation or plan
    explicit = [d for m in mentions if m.value.kind == "literal" and m.value.type == "DATE"
                and (d := _literal_day(m.value)) is not None]
    n_deictic = sum(deictic(m.value) for m in mentions)
    text = doc_text(doc)
    story = StoryTime(published, paragraph_starts(text), mostly_narrative(explicit, n_deictic, published))
    overnights = _overnights(doc, mentions, text)
    morning_after = bool(overnights)
    months: dict[int, Timex] = {}  # month -> the last expression that named it with its year
    stamps = _page_stamps(mentions, text)
    told_by = -2  # the mention that last added to ``told``
    for k, m in enumerate(mentions):
        budget.check()
        derived = m.value.anaphoric or m.value.follow_grain
        anchor = story.anchor(m.start, m.value, m.tense)
        if k + 1 < len(mentions):  # "In April and June 1955": April takes the year of its partner
            anchor = partner_anchor(m.value, text[m.end:mentions[k + 1].start], mentions[k + 1].value) or anchor
        # 'will meet tomorrow ... at 10 a.m.': a planned clock time is on the plan's day
        future = _future(doc, m, text) if _bare_clock(m.value) else None
        after = _day_named_after(doc, mentions, k, text, published) if future is not None and anchor is None else None
        anchor = anchor or after
        if k in stamps and k - 1 in stamps and out and _bare_clock(m.value):
            anchor = _next_anchor(out[-1])  # 'Updated: Friday, August 21, 2015 8:04 AM': the stamp's day
        previous = told[-1] if told else None
        # 'Saturday night, after 10:30 p.m., police said': the day just before it, scene or not
        beside = told_by == k - 1 and _bare_clock(m.value) and _CLOCK_GAP.fullmatch(text[mentions[k - 1].end:m.start])
        anchor = anchor or choose_anchor(m.value, published, previous if beside or future is not False else (scene or previous))
        r = resolve(m.value, anchor, m.tense, m.text)
        if after is not None and r.first is not None:
            r = replace(r, explanation=f"{m.text} → {fmt_day(r.first)}: the day its clause names after it ({after.value})")
        if m.value.anaphoric and (m.value.n > 0 or _bare_clock(m.value)) and anchor.kind == "previous" and _after(r, published) \
                and k not in stamps and (tense_at(doc, m.start, m.end, text) or "").startswith("past"):
            r = _not_after_publication(m.value, anchor, told[-4:-1], published, m.text)
        if anchor.kind == "publication" and (said := _month_named(m.value, m.tense, months, published)) is not None \
                and said.value[:4] != r.value[:4] and not _recent(r.first, published):
            anchor = Anchor(date(int(said.value[:4]), 1, 1), "story", said.value[:4], "year")
            r = resolve(m.value, anchor, m.tense, m.text)
            when = fmt_day(r.first) if r.grain in ("day", "time") and r.first else f"{r.value} ({r.grain})"
            r = replace(r, explanation=f"{m.text} → {when}: the year the text gave this month before "
                                       f"('{said.text}'), not the one nearest the publication date")
        if morning_after and future is False and anchor.day in (published, published - timedelta(days=1)) \
                and (night := _night_clock(m.value)) is not None:
            anchor = Anchor(published, "publication", published.isoformat())  # recorded with the Timex as used
            r = resolve(night, anchor, m.tense, m.text)
            why = "an evening time with no day of its own is the evening before" if night.n else \
                "a morning time with no day of its own is that morning"
            r = replace(r, explanation=f"{r.explanation}; the story tells of the night ('overnight') the morning after: {why}")
        t = Timex(m.start, m.end, m.text, m.value.type, r.value, r.grain, r.first, r.last, r.mod,
                  anchor.day if anchor.kind in ("publication", "previous", "story") else None,
                  anchor.kind, m.rule, r.explanation, r.resolved)
        out.append(t)
        if k in stamps:
            continue  # 'Updated: Friday, August 21, 2015 8:04 AM EDT': the page's time, no time of the story
        if m.value.kind == "literal" and m.value.type == "DATE" and r.grain in ("month", "day") and r.first is not None \
                and r.value[:4].isdigit():
            months[r.first.month] = t
        moved = _next_anchor(t)
        if moved is not None and (not derived or _bare_clock(m.value) or (m.value.anaphoric and t.grain == "day")):
            told.append(moved)  # a clock time moves it too: 'an hour later' counts from it
            told_by = k
            # 'will remain in the hospital overnight' is no scene of the story either
            future = _future(doc, m, text) if future is None else future
            scene = scene if future or not_a_scene(doc, m.start, m.end) else moved
        if moved is not None and anchor.kind == "publication":
            story.move(None)  # "last week", "on Friday": the text is back at the news time
        elif moved is not None and m.sets_story and (not derived or story.reference is not None):
            story.move(moved)  # a date counted from a news date ("a year earlier") stays news
    return _night_before(out, published, overnights) if morning_after else out


def _night_before(out: list[Timex], published: date | None, overnights: frozenset[int]) -> list[Timex]:
    """'A man was hurt in an overnight shooting ... The incident happened around 11:30 p.m.
    Monday' (published Tuesday): 'overnight' is the night the story's clock time tells, the one
    that began the evening before, not the publication day's.  Without an evening time of that
    night, or when the story's times go on past midnight ('overnight shootings ... just after
    11:30 p.m. Friday ... 12:30 a.m. Saturday'), it stays the night that ends on the publication day."""
    if published is None:
        return out
    eve = published - timedelta(days=1)
    told = next((t for t in out if t.type == "TIME" and t.first == eve and evening(t.value)), None)
    if told is None or any(t.type == "TIME" and t.first == published and small_hours(t.value) for t in out):
        return out
    return [replace(t, value=f"{eve.isoformat()}TNI", first=eve, last=eve,
                    explanation=f"{t.text} → the night of {eve:%-d %b %Y}: the night the story's "
                                f"'{told.text}' tells, which began the evening before the publication date")
            if t.start in overnights and t.first == published and t.value.endswith("TNI") else t
            for t in out]

