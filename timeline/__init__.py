"""timeline: turn news articles into a dated, filterable table of events."""

__version__ = "0.1.0"
