"""Stage 3, store: articles in, event tables out.

``corpus`` (readers of .txt/.html/.jsonl/.csv and metadata sidecars, with clear errors for
bad input), ``text_input`` (encodings and text normalisation on read), ``published``
(publication dates in any format, dateparser, never the clock), ``ingest`` (in-process,
process pool or Dask), ``database`` (the embedded DuckDB event store), ``filters`` (the one
definition of a view's filters: pandas and SQL) and ``export`` (CSV safe against formula
injection, JSONL, Parquet).

May import: ``timeline.pipeline``, ``timeline.nlp``, ``timeline.table``, the events and
dates stages, models and settings.  Never: ui, eval.
"""
