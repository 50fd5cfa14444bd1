"""How the timeline's marks look: the trace specs (plain dicts; the figure validates them all
at once) of one lane's marks of one shape, and the legend's samples (pure; no Streamlit).

A mention the extractor keeps off the timeline (a speech act, a stance, a hypothetical or
future event, a fragment: shown only with "Show mentions off the timeline") is drawn hollow
(an open symbol, a hatched outline bar), so that it never reads as an event that happened.
"""

from __future__ import annotations

import numpy as np

from timeline.ui.marks import BAR_THICKNESS, MARK_PX
from timeline.ui.plot_text import plot_safe

SYMBOLS = {"point": "circle", "open_end": "triangle-right", "open_start": "triangle-left"}
SHAPE_LEGEND = {
    "point": "a day",
    "bar": "a span of days (week, month, year…)",
    "open_end": "on or after",
    "open_start": "on or before",
}
OFF_LEGEND = "hollow: a mention off the timeline"
HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]} <i>(precision: %{customdata[2]})</i>"
    "<br>%{customdata[3]}<br>%{customdata[5]}<extra>%{customdata[4]}</extra>"
)


def trace(marks: dict[str, np.ndarray], at: np.ndarray, lane: str, shape: str, colour: str,
          off: bool = False) -> dict:
    """One lane's marks of one shape (``at``: their positions in ``marks``: y, hover, base,
    width, x), as a trace spec; ``off``: mentions off the timeline, drawn hollow."""
    common = dict(y=marks["y"][at], name=plot_safe(lane), showlegend=False, meta=shape,
                  customdata=marks["hover"][at], hovertemplate=HOVER)
    if shape == "bar":
        fill = (dict(color="rgba(0,0,0,0)", line=dict(color=colour, width=1.5),
                     pattern=dict(shape="/", fgcolor=colour, size=6, solidity=0.25))
                if off else dict(color=colour, opacity=0.8, line=dict(color=colour, width=1)))
        return dict(type="bar", base=marks["base"][at], x=marks["width"][at], orientation="h",
                    width=BAR_THICKNESS, marker=fill, **common)
    marker = (dict(color=colour, size=MARK_PX[shape], symbol=SYMBOLS[shape] + "-open", line=dict(color=colour, width=2))
              if off else dict(color=colour, size=MARK_PX[shape], symbol=SYMBOLS[shape],
                               line=dict(color="white", width=1)))
    return dict(type="scatter", x=marks["x"][at], mode="markers", marker=marker, **common)


def shape_legend(with_off: bool = False) -> list[dict]:
    """Legend entries that explain the marks (not the lanes, which the y axis names); with
    ``with_off``, one for the hollow marks of mentions off the timeline."""
    common = dict(x=[None], y=[None], meta="legend", hoverinfo="skip")
    entries = [
        dict(type="bar", name=label, marker=dict(color="#888888"), orientation="h", **common)
        if shape == "bar"
        else dict(type="scatter", name=label, mode="markers",
                  marker=dict(color="#888888", size=11, symbol=SYMBOLS[shape]), **common)
        for shape, label in SHAPE_LEGEND.items()
    ]
    if with_off:
        entries.append(dict(type="scatter", name=OFF_LEGEND, mode="markers",
                            marker=dict(color="#888888", size=11, symbol="circle-open", line=dict(width=2)),
                            **common))
    return entries
