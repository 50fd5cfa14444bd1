"""Where an article's story happens when its sentences do not say: the dateline, or the
jurisdiction of the local authority it cites (issue 16, "places where it happened").

News names the place of its lead once, in the dateline ("KANSAS CITY, Mo. (AP) —") or
through the authority that handles it ("Hopewell Police are investigating a drive-by
shooting"), and then tells what happened without repeating it.  ``article_locality`` finds
that place (the dateline first; else the city whose police, then the county whose
sheriff, the article cites most); ``place_events`` gives it to the events that have no
city of their own: the lead events always, every event when the article names no other
city (local news).  A city is resolved through the state or country written after it
("Greenwood, S.C." is the one in South Carolina).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from timeline.events import entities
from timeline.events.resources import entries, normalise_name, word_set
from timeline.models import Event, Place


@dataclass(frozen=True)
class Locality:
    place: Place
    source: str  # "dateline" | "police" | "county"
    text: str  # as written ("KANSAS CITY, Mo.", "Hopewell Police")
    start: int  # character offsets in the article text (a dateline's end: after its dash)
    end: int
    within: Place | None = None  # the city of a neighbourhood dateline ('SOUTH SHORE — Chicago Police')

    @property
    def places(self) -> tuple[Place, ...]:
        return (self.place,) if self.within is None else (self.place, self.within)


def _words(name: str) -> frozenset[str]:
    return word_set("places", name, "locality")


_DASH = r"(?:--|[-–—])"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# An upper-case place at the start of a line, an optional ", State" or ", Country", an optional
# "(AGENCY)", then a dash: "KANSAS CITY, Mo. - ", "PINETOWN, N.C. (WNCT) – ", "ROY — ", "BOSTON (CBS) — ".
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'’]*(?:[ -][A-Z][A-Z.'’]*){0,3})"
    r"(?:,[ \t]*(?P<region>(?!" + _MONTH + r"[ \t]+\d)[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){0,2}))?"
    r"(?:,[ \t]*" + _MONTH + r"[ \t]+\d{1,2})?"  # the wire's filing day: 'SEOUL, Dec 14 (AP) —'
    r"[ \t]*(?:\((?P<agency>[^()\n]{1,40})\)[ \t]*)?" + _DASH + r"[ \t]+(?=\S)",
    re.MULTILINE)
# 'Killingly (AP) —': a dateline in mixed case, known by the agency after it.
_AGENCY_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,3})"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){0,2}))?"
    r"[ \t]*\((?P<agency>[A-Z][A-Za-z0-9 .&/-]{0,30})\)[ \t]*" + _DASH + r"[ \t]+(?=\S)",
    re.MULTILINE)
_DATELINE_SCAN = 600  # characters: boilerplate lines may come before the dateline


def dateline(text: str) -> Locality | None:
    """The dateline's place, resolved by its state or country when one follows; None when
    the text opens without one (an upper-case banner such as "UPDATE -" is no dateline)."""
    head = text[:_DATELINE_SCAN]
    matches = sorted([*_DATELINE.finditer(head), *_AGENCY_DATELINE.finditer(head)], key=lambda m: m.start())
    for m in matches:
        city = m.group("city").strip(" .-")
        if len(city.replace(" ", "")) < 3 or normalise_name(city) in _words("dateline_banners"):
            continue
        if text[m.end():m.end() + 1].islower():
            continue  # 'US - based' is prose, not a dateline
        place = _resolve(_title(city), m.group("region"))
        return Locality(place, "dateline", m.group(0).strip(" \t-–—:"), m.start("city"), m.end())
    return None


_BYLINE = re.compile(r"^[ \t]*By[ \t]+[A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|and|de|van|von)){0,5}"
                     r"(?:,[ \t]*[A-Z][\w .'’-]{0,40})?[ \t]*$", re.MULTILINE)


def front_matter(text: str, found: Locality | None) -> list[tuple[int, int]]:
    """Character ranges of the byline ('By Kathy Gannon, Associated Press') and of the
    dateline ``found`` in the text ('KABUL, Afghanistan (AP) —'): who wrote the text and
    where it was filed, whose names are no participants of its events."""
    head = text[:_DATELINE_SCAN]
    out = [(m.start(), m.end()) for m in _BYLINE.finditer(head)]
    if found is not None:
        out.append((found.start, found.end))
    return sorted(out)


def _title(upper: str) -> str:
    """'KANSAS CITY' -> 'Kansas City', "O'FALLON" -> "O'Fallon", 'WINSTON-SALEM' -> 'Winston-Salem'."""
    return re.sub(r"[A-Za-z]+", lambda w: w.group(0)[:1].upper() + w.group(0)[1:].lower(), upper)


def _resolve(name: str, region: str | None) -> Place:
    """A city name as a Place, through the state or country written after it when there is one."""
    where = entities.region_of(region) if region else None
    if where is not None:
        found = entities.geocode_in(name, *where)
        if found is not None:
            return found
        if where[1] and normalise_name(name).endswith(" county"):
            county = entities.us_county(name, where[1])
            if county is not None:
                return county
        known = entities.geocode_exact(name)
        if known is not None and known.country == where[0] and known.kind != "city":
            return known  # a region or country of that name ('NEW YORK, N.Y.' is still found above)
        return Place(f"name:{entities.slug(name)}-{where[1] or where[0]}".lower(), name, None, None, where[0], "city")
    known = entities.geocode_exact(name)
    return known if known is not None else Place(f"name:{entities.slug(name)}", name, None, None, "", "city")


# A capitalised word of a place name (no full stop: 'Matthews Avenue. Police' spans two
# sentences), or an abbreviation that names places ('St. Louis', 'Ft. Myers').
_NAME_WORD = r"(?:(?:St|Ft|Mt|Pt)\.|[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*)"


@functools.lru_cache(maxsize=1)
def _authority() -> re.Pattern:
    """'<Place> [County] <head word>', the head words as places.yaml ``authority_words`` writes
    them ('Hopewell Police', "the Yakima County sheriff's office"; 'Fire' only capitalised)."""
    [entry] = [e for e in entries("places", "locality") if e["name"] == "authority_words"]
    heads = sorted((str(w) for w in entry["words"]), key=len, reverse=True)
    head = "|".join(re.escape(w).replace("'", "['’]") for w in heads)
    return re.compile(rf"\b(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}?)(?P<county>[ \t]+(?:County|Parish))?"
                      rf"[ \t]+(?P<head>{head})\b")


def authorities(text: str, nationalities: frozenset[str] = frozenset()) -> list[Locality]:
    """The places of the local authorities the text cites, in text order: 'Hopewell Police'
    -> Hopewell (a city), 'Geneva County Sheriff' -> Geneva County; institutions ('Capitol
    Police', 'University Police', 'State Police') and nationalities ('Afghan Police', from
    ``nationalities``, the lower-cased NORP entities of the text) are none."""
    out = []
    qualifiers, refused = _words("authority_qualifiers"), _words("not_jurisdictions")
    for m in _authority().finditer(text):
        words = m.group("name").split()
        while words and words[-1].lower() in qualifiers:
            words.pop()
        while words and words[0].lower() in refused:
            words.pop(0)  # 'The Hopewell Police', 'said Hopewell Police'
        if not words or any(w.lower().strip(".") in refused for w in words):
            continue
        name = " ".join(words)
        if name.lower() in nationalities or name.lower() in qualifiers or name.lower() in ("city", "county"):
            continue
        if m.group("county"):
            county = entities.us_county(f"{name} County")
            place = county or Place(f"name:{entities.slug(name)}-county", f"{name} {m.group('county').strip()}",
                                    None, None, "", "county")
            out.append(Locality(place, "county", m.group(0), m.start("name"), m.end("head")))
            continue
        known = entities.geocode_exact(name)
        if known is not None and known.kind == "country":
            continue  # 'Lebanon Police' as a national force is no locality
        out.append(Locality(known or Place(f"name:{entities.slug(name)}", name, None, None, "", "city"),
                            "police", m.group(0), m.start("name"), m.end("head")))
    return out


def article_locality(text: str, nationalities: frozenset[str] = frozenset(),
                     found: Locality | None = None) -> Locality | None:
    """The article's locality: its dateline (``found``, when the caller has it: ``dateline``);
    else the city whose police it cites most (the first such on a tie); else the county
    whose sheriff it cites most.  A dateline place that is part of the city whose police the
    article cites lies within it ('SOUTH SHORE — Chicago Police have ...')."""
    found = dateline(text) if found is None else found
    cited = authorities(text, nationalities)
    police = _most_cited([c for c in cited if c.source == "police"])
    if found is not None:
        if police is not None and _inside(found.place, police.place):
            return replace(found, within=police.place)
        return found
    return police or _most_cited([c for c in cited if c.source == "county"])


NEIGHBOURHOOD_KM = 30.0


def _inside(part: Place, city: Place) -> bool:
    """Whether a dateline place is a part of the city whose police the article cites: an
    unknown name with no state written after it, or a place within ``NEIGHBOURHOOD_KM``."""
    if city.lat is None or city.lon is None or part.id == city.id or part.kind not in ("city", ""):
        return False
    if part.lat is None or part.lon is None:
        return not part.country
    dy = (part.lat - city.lat) * 111.0
    dx = (part.lon - city.lon) * 111.0 * math.cos(math.radians(city.lat))
    return math.hypot(dx, dy) <= NEIGHBOURHOOD_KM


def _most_cited(cited: list[Locality]) -> Locality | None:
    """The place cited most often, the first such on a tie."""
    if not cited:
        return None
    counts = Counter(c.place.id for c in cited)
    top = max(counts.values())
    return next(c for c in cited if counts[c.place.id] == top)


_SPECIFIC = frozenset({"city", "county"})
LEAD_SENTENCES = 2  # the lead: the headline and the first two sentences of the body


NEWS_DAYS = 7  # a dateline tells where the news of these last days was reported


def _of_the_day(ev: Event) -> bool:
    """Whether the event is the news the dateline reports: dated within ``NEWS_DAYS`` of the
    publication, or not dated before it ('since the US withdrew in August' is background: it
    did not happen in Islamabad)."""
    if ev.published is None:
        return True
    first = ev.date_start or ev.date_end
    return first is None or (ev.published - first).days <= NEWS_DAYS


def place_events(events: list[Event], locality: Locality | None, headline: frozenset[int]) -> list[Event]:
    """The events with the article's locality added where they name no city or county of
    their own: every event when no event of the article names another city (local news);
    else the lead events (the headline, the first body sentences, rank 1) that are the news
    of the day, not background dated long before."""
    if locality is None or not events:
        return events
    added = locality.places
    cities = {p.id for ev in events for p in ev.places if p.kind in _SPECIFIC} - {p.id for p in added}
    body = sorted({ev.sentence_index for ev in events if ev.sentence_index not in headline
                   and ev.trigger_start >= locality.start})
    lead = set(headline) | set(body[:LEAD_SENTENCES])
    out = []
    for ev in events:
        own = any(p.kind in _SPECIFIC for p in ev.places)
        if not own and (not cities or ((ev.sentence_index in lead or ev.rank == 1) and _of_the_day(ev))):
            ids = {p.id for p in ev.places}
            ev = replace(ev, places=(*[p for p in added if p.id not in ids], *ev.places))
        out.append(ev)
    return out
