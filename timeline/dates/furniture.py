"""Page furniture: the parts of a web page that are no text of the story (resources/en/furniture.yaml).

Whole lines ("- Advertisement -", "Follow X on", "Copyright 2017 WTOC") and time stamps inside a
line ("Shooting Posted: Monday, March 31, 2014 3:13 PM EDT", "(Published Thursday, Mar 14,
2013)").  A date inside furniture moves no story time (``timexes.resolve_doc``); the event layer
draws no event from it."""

from __future__ import annotations

import functools
import re

from timeline.dates.resources import _read


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, list[str]]:
    return {e["name"]: e["words"] for e in _read("en", "furniture.yaml")["furniture"]}


@functools.lru_cache(maxsize=1)
def _lines() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _patterns()["lines"])  # not lower-cased: \S != \s


@functools.lru_cache(maxsize=1)
def _spans() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _patterns()["spans"]), re.IGNORECASE)


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of page furniture: whole lines and time stamps within a line."""
    return list(_furniture_ranges(text))


@functools.lru_cache(maxsize=4)  # the resolver, the trigger finder and the extractor read the same text
def _furniture_ranges(text: str) -> tuple[tuple[int, int], ...]:
    out, pos = [], 0
    spans, lines = _spans(), _lines()
    for line in text.splitlines(keepends=True):
        bare = line.strip()  # once per line, not once per pattern
        if any(p.search(bare) for p in lines):
            out.append((pos, pos + len(line)))
        else:
            out.extend((pos + m.start(), pos + m.end()) for m in spans.finditer(line))
        pos += len(line)
    return tuple(out)
