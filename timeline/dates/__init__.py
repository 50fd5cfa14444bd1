"""Stage 1, dates: temporal expressions found in the text and resolved to real dates.

``timexes`` (the spaCy component ``timeline_timexes``: rules from ``resources/en/patterns.yaml``
run over the text, ``guards`` drop verbs and titles), ``timex_rules`` (a match -> an
underspecified ``TimeValue``), ``anchors`` (which date it counts from, which tense decides
its side), ``resolve`` (pure: value + anchor + tense -> TIMEX3 value, grain, day interval,
explanation), ``unresolved`` (what cannot be placed on the calendar: no anchor, a year outside
1..9999), ``tree`` (subtree and span root in linear time, shared with events) and
``resources`` (the loader of the tagger's rule files).

May import: ``timeline.models``, ``timeline.settings``, spaCy and the standard library.
Never: events, store, ui, eval (an import-linter contract in pyproject.toml).
"""
