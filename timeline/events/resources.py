"""Loader for the events resources (``timeline/resources/en/{actors,places,
event_triggers,event_dating}.yaml``).

Every entry carries a ``name``, a ``purpose`` and ``examples`` (DESIGN.md principle 2);
the loader checks that and normalises case once, so the engines never lower-case again.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import yaml

from timeline.dates.resources import SAFE_LOADER
from timeline.settings import RESOURCE_ROOT

RESOURCE_DIR = RESOURCE_ROOT / "en"
EVENT_RESOURCES = ("actors", "places", "event_triggers", "event_dating")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_SPACES = re.compile(r"\s+")


class ResourceError(ValueError):
    pass


@functools.lru_cache(maxsize=1 << 18)  # GeoNames' 30,000 cities are keyed three times; names recur
def normalise_name(text: str) -> str:
    """Canonical matching key of a name: lower case, no leading 'the', no possessive,
    no dots, single spaces, no accents ("The U.S.'s" -> "us"; "Timişoara" and the
    "Timisoara" of English news -> "timisoara")."""
    key = text.translate(_APOSTROPHES).strip().lower()
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    key = _POSSESSIVE.sub("", key).replace(".", "")
    key = _SPACES.sub(" ", key).strip(" -,")
    if key.startswith("the "):
        key = key[4:]
    return key


@functools.cache
def load(concept: str, language: str = "en") -> dict:
    """One resource file as a dict, validated (names unique, purpose and examples given)."""
    path = RESOURCE_DIR.parent / language / f"{concept}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=SAFE_LOADER)
    if not isinstance(data, dict) or "purpose" not in data:
        raise ResourceError(f"{path.name}: needs a top-level 'purpose'")
    seen: set[str] = set()
    for section, entries in data.items():
        if not isinstance(entries, list):
            continue
        for entry in entries:
            _check_entry(path.name, section, entry, seen)
    return data


def _check_entry(filename: str, section: str, entry: dict, seen: set[str]) -> None:
    missing = [k for k in ("name", "purpose", "examples") if k not in entry]
    if missing:
        raise ResourceError(f"{filename}:{section}: entry {entry.get('name', entry)!r} lacks {missing}")
    words = entry.get("words")
    if isinstance(words, list) and not all(isinstance(w, str | int) and not isinstance(w, bool) for w in words):
        raise ResourceError(f"{filename}:{section}: entry {entry['name']!r}: a word YAML read as a boolean "
                            "(quote on, off, yes, no)")
    if entry["name"] in seen:
        raise ResourceError(f"{filename}: duplicate name {entry['name']!r}")
    seen.add(entry["name"])


def entries(concept: str, section: str = "entries") -> list[dict]:
    return list(load(concept).get(section, []))


def word_set(concept: str, name: str, section: str = "lexicons") -> frozenset[str]:
    """The ``words`` of the named lexicon entry, lower-cased."""
    for entry in entries(concept, section):
        if entry["name"] == name:
            return frozenset(str(w).lower() for w in entry["words"])
    raise KeyError(f"{concept}.yaml has no {section} entry {name!r}")
