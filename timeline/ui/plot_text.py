"""Text that goes into figures: the one place where article-derived text (titles,
summaries, actor and place names, sentences, explanations) is made safe for Plotly, text
computed once per distinct value, corner notes and the message of an empty figure (pure;
no Streamlit).

Plotly renders a subset of HTML in every string it draws (tick text, hover templates and
their customdata, text labels, annotations, legend and trace names, titles): ``<a href>``
becomes a live link, ``<b>`` bold.  Every figure builder (charts, heatmap, maps) passes
article-derived text through ``plot_safe`` (or ``wrap_html``, which calls it) and never
escapes on its own; a test checks that no figure module imports ``html``.
"""

from __future__ import annotations

import html
import textwrap
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio


def plot_safe(value: object) -> str:
    """Article-derived text as Plotly shows it literally: ``<``, ``>``, ``&`` and quotes as
    entities, so no tag (``<a href>``, ``<b>``, ``<br>``) or entity of the input is rendered.
    Quotes are numeric entities: Plotly decodes those and only a few named ones (``&lt;``,
    ``&gt;``, ``&amp;``), so ``&quot;`` showed as itself ('&quot;We hear gunshots&quot;')."""
    return html.escape(str(value), quote=False).replace('"', "&#34;").replace("'", "&#39;")


def plot_safe_all(values) -> list[str]:
    """``plot_safe`` of every value (tick texts, trace names)."""
    return [plot_safe(v) for v in values]


def each_distinct(values: pd.Series, fn) -> np.ndarray:
    """``fn`` of every value, computed once per distinct value (texts repeat across lanes)."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    return np.array([fn(u) for u in uniques], dtype=object)[codes]


# The look of plotly's "plotly_white", its layout part only.  Setting the whole template on
# each figure deep-copies its defaults for every trace type, most of a figure's build time
# (profiled: about 8 ms of a 10 ms figure); its layout part alone costs a few hundred µs.
_THEME_KEYS = ("annotationdefaults", "autotypenumbers", "colorway", "font", "geo", "hoverlabel", "hovermode",
               "paper_bgcolor", "plot_bgcolor", "shapedefaults", "title", "xaxis", "yaxis")
THEME = go.layout.Template(layout={k: pio.templates["plotly_white"].layout[k] for k in _THEME_KEYS})


def new_figure(data=None) -> go.Figure:
    """An empty figure with the app's theme (``THEME``), its traces ``data``."""
    return go.Figure(data=data, layout=dict(template=THEME))


def note(fig: go.Figure, text: str, corner: str) -> None:
    """A small amber note at a corner of the plot ("top right": just above it; "bottom left": inside)."""
    vertical, horizontal = corner.split()
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=1 if horizontal == "right" else 0,
        y=1.0 if vertical == "top" else 0,
        yanchor="bottom",
        xanchor=horizontal,
        showarrow=False,
        font=dict(size=11, color="#8a5a00"),
    )


def empty_figure(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font=dict(size=15, color="#666666"),
    )
    fig.update_layout(height=220, xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig


def wrap_lines(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width)``, with a fast path for plain text: words of at most
    ``width`` characters separated by single spaces, no hyphen (where textwrap may also
    break), no other whitespace or unprintable character.  There textwrap fills lines greedily, and so does this."""
    words = text.split(" ")
    plain = (
        text.isprintable() and "-" not in text and "" not in words
    )  # "" : a leading, trailing or double space
    if not plain or max(map(len, words)) > width:
        return textwrap.wrap(text, width)
    lines, line = [], words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


@lru_cache(maxsize=1 << 16)  # an event's texts come back in the next view of the same events
def wrap_html(text: str, width: int = 70) -> str:
    """Article text as HTML-escaped lines of at most ``width`` characters for a hover."""
    return "<br>".join(plot_safe(line) for line in wrap_lines(str(text), width)) or "–"
