"""Narrative time: the reference time of the story at each temporal expression.

A pure pass over an article's expressions in text order (DESIGN.md principle 13).  The
publication date starts the story's reference time (Reichenbach's R); every explicitly
dated expression moves it ("in 1940", "on 10 May 1940", "September 1939").  An
underspecified calendar expression -- a bare month or month-day, a season, a holiday,
"the end of the month", "that year" -- then counts:

* from the **publication date** while the reference time is close to it (news: "in
  August", said in October 2021, is August 2021);
* from the **reference time** once the text narrates a time away from the publication date
  (a background paragraph "ISIS emerged in 2014. In June it seized ..." or a history: June
  2014; "April" after "in 1940" is April 1940), or when the article has no publication date.

No document type is given by the user: the decision is made passage by passage from the
distance between the text's explicit dates and the publication date (``narrative.yaml``),
so a news story with a background paragraph gets both parts right.  Weekdays ("on
Friday") and deictic shifts ("yesterday", "last year") stay with the publication date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from timeline.dates.resources import load_tables
from timeline.dates.values import Anchor, TimeValue

GAP_DAYS = int(load_tables("en")["story_time"]["gap_days"])
NARRATIVE = {k: float(v) for k, v in load_tables("en")["narrative_text"].items()}


def follows_story(value: TimeValue, narrative: bool = False) -> bool:
    """Expressions whose year (or month) the story's reference time supplies: a bare month,
    month-day, season or holiday; in a text that narrates the past throughout, also "the end
    of the month", "later in the year", "this year" (the year the story is at)."""
    if value.kind == "named":
        if value.weekday and not value.month:
            return False  # "on Friday": deictic in news and rare in narration
        return not value.direction and value.year_shift is None and not value.part
    if value.kind == "shift" and _in_the_unit(value):
        return True  # 'by the end of the month', 'later in the year': the month the story is at
    if value.kind == "shift" and narrative:
        return value.n == 0 and value.unit in ("month", "year", "season") and not value.year
    return False


def _in_the_unit(value: TimeValue) -> bool:
    """A position in 'the' month or year ('the end of the month', 'later in the year'), not in
    'this' one: the unit the text is talking about, the story's when it narrates another time."""
    return value.n == 0 and value.mod is not None and not value.direction and not value.year \
        and value.unit in ("month", "year")


def narrates_another_time(reference: Anchor, published: date | None) -> bool:
    """The reference time lies far enough from the publication date: a story of its own."""
    if reference.day is None:
        return reference.value.startswith("BC")  # before the common era: far from any publication
    if published is None:
        return True
    return _far(reference.day, published)


def far_past(day: date, published: date | None) -> bool:
    """A day of a story told far from the publication date (or of a text with none)."""
    return published is None or _far(day, published)


def story_anchor(value: TimeValue, tense: str | None, published: date | None,
                 reference: Anchor | None, narrative: bool = False) -> Anchor | None:
    """The reference time as the anchor of ``value``, or None to keep the news reading."""
    if reference is None or value.anaphoric or not follows_story(value, narrative):
        return None
    if not narrative and (tense or "").rstrip("!") in ("future", "present"):
        return None  # "will join NATO on March 12": the news time, not a narrated past
    # a text that narrates the past throughout: "the attack would have to wait; it will come
    # in May" is a future within the story, in the story's year (not the publication's)
    if not narrates_another_time(reference, published):
        return None
    if not narrative and _back_to_the_news(value, reference, published):
        return None
    return Anchor(reference.day, "story", reference.value, reference.grain)


def _back_to_the_news(value: TimeValue, reference: Anchor, published: date | None) -> bool:
    """A news story's background paragraph ('The war erupted in April 2023 ... In January, the
    army broke the siege'): a bare month that would go back before the story's month, in its
    year, while the latest such month before the publication date is recent, is that recent
    month.  A narration goes forward; a report comes back to the news."""
    if published is None or reference.day is None or not value.month or value.season:
        return False
    if value.month >= reference.day.month:
        return False  # forward in the story's year: 'In April 2023 ... In June'
    year = published.year if value.month <= published.month else published.year - 1
    return not _far(date(year, value.month, 1), published)


_JOIN = re.compile(r"\s*(?:" + "|".join(re.escape(k) for k in sorted(load_tables("en")["range_connectives"], key=len, reverse=True))
                   + r")\s*")
_DATED = re.compile(r"^(?:BC)?\d{4}-")  # a value finer than a year: "1955-06", "1943-SU", "BC0480-09"


def partner_anchor(value: TimeValue, gap: str, partner: TimeValue) -> Anchor | None:
    """A month, day or season joined to a dated expression takes its year ("In April and
    June 1955": April 1955; "August/September 1956"; "the spring and early summer of
    1943"; "6-7 February 1920"): ``gap`` is the text between them (words.yaml
    ``range_connectives``); None when they are not so joined."""
    if value.kind != "named" or value.weekday or not (value.month or value.season) or value.anaphoric \
            or value.direction or value.year_shift is not None:
        return None
    if partner.kind != "literal" or partner.type != "DATE" or not _DATED.match(partner.value) or not _JOIN.fullmatch(gap):
        return None
    if partner.value.startswith("BC"):
        return Anchor(None, "story", partner.value[:6], "year")
    return Anchor(date(int(partner.value[:4]), 1, 1), "story", partner.value[:4], "year")


_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where a paragraph starts (after a blank line)."""
    return [m.end() for m in _PARAGRAPH.finditer(text)]


@dataclass
class StoryTime:
    """The story's reference time while reading an article's expressions in text order.

    Within a paragraph the reference time is the last date a clause happens at.  A new
    paragraph returns to the publication date (news: the background paragraph ends), unless
    most of the text's explicit dates lie far from the publication date (a history or a
    report: its time goes on across paragraphs)."""

    published: date | None
    paragraphs: list[int] = field(default_factory=list)
    persistent: bool = False
    reference: Anchor | None = None
    _para: int = 0

    def anchor(self, start: int, value: TimeValue, tense: str | None) -> Anchor | None:
        para = bisect.bisect_right(self.paragraphs, start)
        if para != self._para:
            self._para = para
            if not self.persistent:
                self.reference = None
        return story_anchor(value, tense, self.published, self.reference, self.persistent)

    def move(self, anchor: Anchor | None) -> None:
        """A dated clause moves the reference time; None (a date counted from the
        publication date) brings a news story back to the news time."""
        if anchor is not None or not self.persistent:
            self.reference = anchor


def _far(day: date, published: date) -> bool:
    """Far in the past of the publication date (a story told of the future is a plan, and a
    "year" far ahead is more often a number: "the index closed at 2082")."""
    return (published - day).days > GAP_DAYS and day.year != published.year


def deictic(value: TimeValue) -> bool:
    """An expression that counts from the publication date in any text: news evidence."""
    if value.kind == "shift":
        return not value.anaphoric and value.type in ("DATE", "TIME") and not _in_the_unit(value)
    if value.kind == "named":
        return bool(value.weekday and not value.month)
    return value.value == "PRESENT_REF"


def mostly_narrative(explicit: list[date], n_deictic: int, published: date | None) -> bool:
    """The text narrates the past: many of its explicit dates lie far from the publication
    date, and few of its expressions lie near it (or it has no publication date)."""
    if published is None:
        return True
    far = sum(_far(d, published) for d in explicit)
    near = len(explicit) - far + n_deictic
    if near == 0:  # nothing at all counts from the publication date: the text's time is its own
        return far >= NARRATIVE["min_far_alone"]
    return far >= NARRATIVE["min_far"] and far >= NARRATIVE["far_per_near"] * near
