"""Evaluation commands, ``python -m timeline.eval timexes|event-times|actor-timelines``:
adapters from the product's output to the formats of the scorers in ``../shared/eval``.

They read documents, run the product's own per-article pipeline and write predictions;
they never read gold fields.  May import every stage but ui; nothing imports them.
"""
