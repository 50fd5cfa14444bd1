"""Canonical actors and offline geocoding (timeline/events/entities.py, resources actors/places)."""

from __future__ import annotations

import pytest

from timeline.events import entities
from timeline.events.resources import EVENT_RESOURCES, entries, load


@pytest.mark.parametrize("name, expected", [
    ("ISIS", "isis"), ("Daesh", "isis"), ("the Islamic State", "isis"), ("IS", "isis"), ("ISIL", "isis"),
    ("Taliban", "taliban"), ("the Taliban", "taliban"),
    ("United States", "usa"), ("the United States", "usa"), ("US", "usa"), ("U.S.", "usa"),
    ("America", "usa"), ("Washington", "usa"),
])
def test_entities_actor_aliases_merge(name, expected):
    assert entities.canonical_actor(name, "ORG").id == expected


def test_entities_unknown_actor_gets_stable_slug():
    a = entities.canonical_actor("Wendy Sherman", "PERSON")
    assert a.id == "wendy-sherman" and a.name == "Wendy Sherman" and a.kind == "PERSON"


def test_entities_title_fragment_is_not_an_actor():
    assert entities.canonical_actor("State", "ORG") is None


@pytest.mark.parametrize("name, country, kind, lat, lon", [
    ("Kunduz", "AF", "city", 36.7, 68.9), ("Doha", "QA", "city", 25.3, 51.5),
    ("Islamabad", "PK", "city", 33.7, 73.0), ("Kabul", "AF", "city", 34.5, 69.2),
    ("Afghanistan", "AF", "country", None, None), ("Pakistan", "PK", "country", None, None),
    ("Qatar", "QA", "country", None, None), ("eastern Afghanistan", "AF", "region", 34.4, 70.4),
    ("Qatar’s", "QA", "country", None, None),
    # English news drops the accents GeoNames writes ('Timişoara', 'São Paulo', 'Zürich')
    ("Timisoara", "RO", "city", 45.75, 21.23), ("Sao Paulo", "BR", "city", -23.5, -46.6),
    ("Zurich", "CH", "city", 47.4, 8.55), ("Timişoara", "RO", "city", 45.75, 21.23),
])
def test_entities_geocode_offline(name, country, kind, lat, lon):
    place = entities.geocode(name)
    assert place is not None and place.country == country and place.kind == kind
    assert place.lat is not None and place.lon is not None
    if lat is not None:
        assert place.lat == pytest.approx(lat, abs=0.2) and place.lon == pytest.approx(lon, abs=0.2)


def test_entities_unknown_place_is_kept_without_coordinates():
    place = entities.canonical_place("Nowhereville Junction")
    assert place.id.startswith("name:") and place.lat is None


@pytest.mark.parametrize("concept", EVENT_RESOURCES)
def test_entities_resources_load_with_names_purposes_examples(concept):
    data = load(concept)
    assert data["purpose"]


@pytest.mark.parametrize("entry", entries("actors"), ids=lambda e: e["name"])
def test_entities_actor_examples_resolve_to_their_entry(entry):
    for example in entry["examples"]:
        assert entities.canonical_actor(example).id == entry["name"]


@pytest.mark.parametrize("entry", entries("places", "aliases") + entries("places", "regions"), ids=lambda e: e["name"])
def test_entities_place_examples_geocode(entry):
    for example in entry["examples"]:
        assert entities.geocode(example) is not None
