"""Stage 2, events: what happened, when, who and where, from a parsed article.

``extract`` (triggers, summaries, actors and places of one article), ``dating`` and its
parts (the interval of days of each event: the governing expression, tense and aspect,
related events, the learned template table of ``features`` + ``templates``), ``entities``
(canonical actors and places, offline geocoding), ``merge`` (one event told by several
articles -> one cluster) and ``resources`` (the loader of the event rule files).

May import: ``timeline.dates``, ``timeline.models``, ``timeline.settings``, spaCy.
Never: store, ui, eval, pipeline.
"""
