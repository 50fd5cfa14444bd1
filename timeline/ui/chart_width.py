"""The timeline's width on the page, measured in the browser, so that the figure's labels take
the room the plot has (``charts.timeline_figure(width_px=...)``): a server-side figure cannot
know it, and a label sized for a narrow page reads 'The Taliban rejected c…' on a wide one.

A Streamlit component (``st.components.v2``) of a few lines of our own JavaScript, no HTML and
no data from articles: it watches its own width (that of the column the chart fills) and reports
it, rounded down to ``STEP`` pixels, whenever that step changes (a resized window, the sidebar
opened or closed); the app reruns and redraws the labels.  Before the first report (the first
run of a session, AppTest) the width is None and the figure is laid out for a narrow page.
"""

from __future__ import annotations

import streamlit as st

STEP = 40  # px; rounded down, so the plot is never thought wider than it is
KEY = "chart_width"

_JS = """
export default function ({ parentElement, data, setStateValue }) {
  const send = () => {
    const width = Math.floor(parentElement.getBoundingClientRect().width / STEP) * STEP;
    if (width > 0 && width !== data.width) {
      data.width = width;
      setStateValue("width", width);
    }
  };
  const watcher = new ResizeObserver(send);
  watcher.observe(parentElement);
  send();
  return () => watcher.disconnect();
}
""".replace("STEP", str(STEP))

_probe = st.components.v2.component("timeline_chart_width", js=_JS, isolate_styles=False)


def _ignore() -> None:
    """A report only reruns the app, which reads the new width."""


def chart_width() -> int | None:
    """The width in px of the column this is called in (the chart's), as last reported by the
    browser; None before the first report."""
    last = st.session_state.get("_chart_width_px")
    result = _probe(key=KEY, data={"width": last}, default={"width": None}, on_width_change=_ignore)
    width = result.get("width")
    width = int(width) if isinstance(width, (int, float)) and width > 0 else None
    st.session_state["_chart_width_px"] = width
    return width
