"""Stage 1, dates: temporal expressions found in the text and resolved to real dates.

``timexes`` (the spaCy component ``timeline_timexes``: rules from ``resources/en/patterns.yaml``
run over the text, ``guards`` drop verbs and titles), ``timex_rules`` (a match -> an
underspecified ``TimeValue``), ``anchors`` (which date it counts from, which tense decides
its side), ``reference`` (narrative time: the story's reference time, passage by passage),
``resolve`` (pure: value + anchor + tense -> TIMEX3 value, grain, day interval, explanation)
with ``values`` (the types and calendar arithmetic), ``named`` (which year or week a month,
weekday, season or holiday means) and ``unresolved`` (no anchor, or outside years 1-9999),
``resources`` (the loader of the tagger's rule files) and ``tree`` (linear-time walks of the
parse, shared with the events stage).

May import: ``timeline.models``, ``timeline.settings``, spaCy and the standard library.
Never: events, store, ui, eval (an import-linter contract in pyproject.toml).
"""
