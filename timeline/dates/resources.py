"""Loader for the rule files in ``timeline/resources/<lang>/*.yaml`` (rules are data).

``load_tables(lang)`` gives the normalisation tables (keys lower-cased), and
``load_rules(lang)`` the detection rules with their patterns compiled (macros expanded,
case-insensitive).  Both are cached: the files are read once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import yaml

from timeline.settings import RESOURCE_ROOT

# libyaml's parser where PyYAML has it (the same safe constructor, ten times faster to read the rules)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

RESOURCES = RESOURCE_ROOT
_MACRO = re.compile(r"\{([A-Z][A-Z0-9]*)\}")


class ResourceError(ValueError):
    """A rule file is malformed (names the file and the rule)."""


@dataclass(frozen=True)
class Rule:
    name: str
    purpose: str
    pattern: str  # expanded source
    regex: re.Pattern
    build: str
    params: dict = field(default_factory=dict)
    guard: str = ""
    examples: tuple = ()
    priority: int = 0  # position in the file: earlier wins ties
    gate: re.Pattern | None = None  # a word every match contains: the rule runs only near one
    # ``regex`` compiled with re.ASCII: on an ASCII text the same matches (\w, \b, \d, \s and case
    # folding differ only on other characters), found faster (no Unicode case folding per character)
    ascii_regex: re.Pattern | None = None


def _read(lang: str, name: str) -> dict:
    path = RESOURCES / lang / name
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=SAFE_LOADER)
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping at top level")
    return data


@functools.lru_cache(maxsize=4)
def load_tables(lang: str = "en") -> dict[str, dict]:
    """All normalisation tables of a language, by table name (keys lower-cased)."""
    tables: dict[str, dict] = {}
    for path in sorted((RESOURCES / lang).glob("*.yaml")):
        if path.name == "patterns.yaml":
            continue
        for table in _read(lang, path.name).get("tables", []):
            for key in ("name", "purpose", "entries"):
                if key not in table:
                    raise ResourceError(f"{path}: table without {key!r}: {table.get('name')}")
            if table["name"] in tables:
                raise ResourceError(f"{path}: duplicate table name {table['name']!r}")
            tables[table["name"]] = {str(k).lower(): v for k, v in table["entries"].items()}
    return tables


@functools.lru_cache(maxsize=4)
def load_macros(lang: str = "en") -> dict[str, str]:
    macros = dict(_read(lang, "words.yaml").get("macros", {}))
    return {name: expand(src, macros) for name, src in macros.items()}


def expand(source: str, macros: dict[str, str], depth: int = 0) -> str:
    """Replace {MACRO} by its (non-capturing) source, recursively."""
    if depth > 5:
        raise ResourceError(f"macro recursion too deep in {source[:60]!r}")

    def sub(m: re.Match) -> str:
        if m.group(1) not in macros:
            raise ResourceError(f"unknown macro {{{m.group(1)}}} in {source[:60]!r}")
        return "(?:" + expand(macros[m.group(1)], macros, depth + 1) + ")"

    return _MACRO.sub(sub, source)


@functools.lru_cache(maxsize=4)
def load_rules(lang: str = "en") -> tuple[Rule, ...]:
    """The detection rules, compiled, in file order."""
    data = _read(lang, "patterns.yaml")
    macros = load_macros(lang)
    rules = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("rules", [])):
        name = raw.get("name", f"#{i}")
        for key in ("name", "purpose", "pattern", "build", "examples"):
            if key not in raw:
                raise ResourceError(f"patterns.yaml: rule {name!r} has no {key!r}")
        if name in seen:
            raise ResourceError(f"patterns.yaml: duplicate rule name {name!r}")
        seen.add(name)
        source = expand(raw["pattern"], macros)
        try:
            regex = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise ResourceError(f"patterns.yaml: rule {name!r}: {exc}") from exc
        gate = None
        if raw.get("gate"):
            try:
                gate = re.compile(expand(raw["gate"], macros))  # run on the lower-cased text
            except re.error as exc:
                raise ResourceError(f"patterns.yaml: rule {name!r} gate: {exc}") from exc
        try:
            ascii_regex = re.compile(source, re.IGNORECASE | re.ASCII)
        except re.error:  # a pattern asking for Unicode itself: ``regex`` for every text
            ascii_regex = None
        rules.append(Rule(name, raw["purpose"], source, regex, raw["build"],
                          dict(raw.get("params") or {}), raw.get("guard", ""),
                          tuple(raw["examples"]), i, gate, ascii_regex))
    return tuple(rules)


def example_anchor(lang: str = "en") -> str:
    return str(_read(lang, "patterns.yaml")["example_anchor"])
