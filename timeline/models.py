"""Frozen dataclasses that cross module boundaries (DESIGN.md principle 7).

The flow is Article -> (spaCy Doc) -> Timex (resolved temporal expression) ->
Event (dated event row).  Every value keeps its character offsets into the article text
so the UI can show and explain where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Precision of a date or interval, from finest to coarsest.  "unknown" = no date at all.
GRAINS = (
    "time",
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "unknown",
)

# How the anchor of a relative expression was chosen.
ANCHOR_KINDS = (
    "none",  # absolute expression ("August 30, 2021"), no anchor needed
    "publication",  # deictic: counted from the publication date ("yesterday")
    "previous",  # anaphoric: counted from the last date mentioned ("two days later")
    "story",  # narrative: the year/month of the time the text narrates ("in 1940 ... in April")
    "missing",  # relative, but the article has no publication date -> unresolved
)


@dataclass(frozen=True)
class Article:
    """One input article.  ``published`` is None when nobody knows it (never guessed)."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    published: date | None = None
    url: str = ""
    path: str = ""
    # Where the publication date came from: "metadata", "user", "html", "field" or "none".
    published_origin: str = "none"
    encoding: str = ""  # the file's encoding as read ("utf-8", "cp1252", "utf-16"); "" when not from a file
    cleaned: tuple[tuple[str, int], ...] = ()  # what reading normalised: (kind, count), store/text_input.py


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text and resolved (or not) to real days.

    ``first``/``last`` are the inclusive interval of days the expression covers; both
    None when it cannot be placed on the calendar (durations, sets, an unresolved
    relative expression).  ``value`` is the TIMEX3 value as TE3 gold writes it
    (``2021-10-08``, ``2021-08``, ``P20Y``, ``PAST_REF``, ``XXXX-WXX-1`` ...).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    grain: str  # one of GRAINS
    first: date | None = None
    last: date | None = None
    mod: str | None = None  # START | MID | END | APPROX | MORE_THAN | LESS_THAN | ...
    anchor: date | None = None
    anchor_kind: str = "none"  # one of ANCHOR_KINDS
    rule: str = ""  # name of the rule that found it
    explanation: str = ""  # one sentence for the UI
    resolved: bool = True  # False: relative expression with no anchor (reason in explanation)

    @property
    def is_dated(self) -> bool:
        return self.first is not None or self.last is not None


@dataclass(frozen=True)
class Place:
    """A canonical, geocoded place."""

    id: str  # stable id, e.g. "geonames:1135689" or "name:kunduz"
    name: str  # canonical display name
    lat: float | None = None
    lon: float | None = None
    country: str = ""  # ISO-3166 alpha-2 where known
    kind: str = ""  # city | country | region | ...


@dataclass(frozen=True)
class Actor:
    """A canonical actor: aliases merged (ISIS = Daesh = the Islamic State -> ``isis``)."""

    id: str
    name: str
    kind: str = ""  # PERSON | ORG | GPE | NORP | group


@dataclass(frozen=True)
class Event:
    """One event reported in one sentence of one article, with its date and provenance.

    Dates are an inclusive interval of days; an open side is None (unknown, never a
    made-up day).  ``precision`` says how fine the date really is, so a month is never
    drawn as a fake day.
    """

    article_id: str
    event_id: str  # "<article_id>:<trigger_start>"
    sentence_index: int
    sentence_start: int
    sentence_end: int
    sentence: str
    trigger: str
    trigger_start: int
    trigger_end: int
    lemma: str
    summary: str
    date_start: date | None
    date_end: date | None
    precision: str  # one of GRAINS
    date_source: str  # "timex" | "publication" | "context" | "none"
    date_explanation: str
    date_text: str = ""  # the governing temporal expression, if any
    date_char_start: int | None = None
    date_char_end: int | None = None
    date_value: str = ""  # TIMEX3 value of the governing expression, if any
    event_time: str = ""  # label in TimeBank-EventTime syntax (beforeYYYY-MM-DD, ...)
    actors: tuple[Actor, ...] = field(default_factory=tuple)
    agent_ids: tuple[str, ...] = field(default_factory=tuple)  # the actors who act: subject, 'by' agent, possessor
    descriptions: tuple[str, ...] = field(default_factory=tuple)  # 'agent:plane': an argument the article leaves open
    places: tuple[Place, ...] = field(default_factory=tuple)
    published: date | None = None
    polarity: str = "positive"  # positive | negative ("will not work", "no cooperation")
    modality: str = "asserted"  # asserted | future ("will") | possible (would, could, may, must ...)
    event_class: str = ""  # violence | casualties | diplomacy | decision | ... (resources/en/event_salience.yaml)
    on_timeline: bool = True  # a timeline event (events/salience.py), or a mention kept off the timeline
    timeline_note: str = ""  # why a mention is off the timeline ("" for a timeline event)
    salience: float = 0.0  # how much the event matters in its article, in [0, 1]
    rank: int = 0  # 1 = the article's lead event; off-timeline mentions after every timeline event


class OverBudget(RuntimeError):
    """An article's analysis took longer than its time budget (``Budget``)."""


class Budget:
    """The time an article's analysis may take, checked between its stages, temporal
    expressions and event triggers (``check``): past it, ``OverBudget`` is raised, caught by
    ``pipeline.analyze_articles``, and the article is reported and skipped.  No thread, no
    signal: the analysis stops itself at the next check.  ``seconds=None``: no limit."""

    def __init__(self, seconds: float | None):
        import time

        self._clock = time.perf_counter
        self.seconds = seconds
        self.start = self._clock()

    def check(self) -> None:
        if self.seconds is not None and self._clock() - self.start > self.seconds:
            raise OverBudget(f"over its time budget of {self.seconds:.1f} s")


NO_BUDGET = Budget(None)
