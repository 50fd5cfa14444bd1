"""Stage 2, events: what happened, when, who and where, from a parsed article.

``extract`` (the per-article entry) over ``triggers`` (what is an event), ``summaries``,
``participants`` (actors and places from the parse) and the dating: ``dating`` (the governing
expression, tense and aspect, the learned template table of ``features`` + ``templates``, all
sharing the pure ``event_date`` and ``tense``), ``relations`` (events dated by other events)
and ``discourse`` (undated events placed by the narration they belong to); ``entities``
(canonical actors and places, offline geocoding), ``merge`` (one event told by several
articles -> one cluster) and ``resources`` (the loader of the event rule files).

May import: ``timeline.dates``, ``timeline.models``, ``timeline.settings``, spaCy.
Never: store, ui, eval, pipeline.
"""
