"""Stage 4, ui: what ``app.py`` calls.

``data`` (the one data-access module, with the Streamlit caches), ``views`` (cached filter
choices and figures), ``sidebar`` (filter widgets <-> URL), ``add_panel`` (upload/paste
articles), ``event_panel`` (the events table and the selected event), ``render`` (escaped
HTML and table cells) and the pure Plotly figures ``charts``, ``maps``, ``heatmap``,
``lanes``, with ``marks`` (where the timeline's marks and labels go) and ``mark_traces`` (how
they look) (these import no Streamlit).

May import every stage below it.  Nothing in ``timeline`` imports it but the CLI's app launcher.
"""
