"""The timeline's width on the page, measured in the browser, so that the figure's labels take
the room the plot has (``charts.timeline_figure(width_px=...)``): a server-side figure cannot
know it, and a label sized for a narrow page reads 'The Taliban rejected c…' on a wide one.

A Streamlit component (``st.components.v2``) of a few lines of our own JavaScript, no HTML and
no data from articles: it watches its own width (that of the column the chart fills) and reports
it, rounded down to ``STEP`` pixels, whenever that step changes (a resized window, the sidebar
opened or closed); the app reruns and redraws the labels.

The first run of a session cannot know the width from the component (it reports after it is
drawn).  So that the chart is not drawn once for a guessed width and then again for the
measured one (a flash of a narrow layout replaced a second later, on every first load):

- the probe keeps the last width in a cookie (``COOKIE``, the width only), which the browser
  sends with its next visit: a reload or a shared link opened in the same browser draws the
  chart once, at that width (the probe reports again only if the width has changed);
- with no width at all (a browser's first visit), the chart is drawn inside the container
  ``UNSIZED_KEY``, which the app's stylesheet hides until the width arrives (the rerun draws
  it in ``SIZED_KEY``); should no width ever come (scripts blocked), the stylesheet shows it
  after 20 seconds anyway (8 were too few for the rerun of a first load on a busy machine).  AppTest, which runs no JavaScript, still gets the chart.
"""

from __future__ import annotations

import streamlit as st

STEP = 40  # px; rounded down, so the plot is never thought wider than it is
KEY = "chart_width"
COOKIE = "timeline_chart_width"
UNSIZED_KEY, SIZED_KEY = "timeline_unsized", "timeline_sized"  # the chart's container, before / after
_STATE = "_chart_width_px"
MIN_PX, MAX_PX = 80, 8000  # a width outside these (a cookie edited by hand) is no width

_JS = """
export default function ({ parentElement, data, setStateValue }) {
  const send = () => {
    const width = Math.floor(parentElement.getBoundingClientRect().width / STEP) * STEP;
    if (width > 0) {
      document.cookie = `COOKIE=${width}; path=/; max-age=31536000; SameSite=Strict`;
    }
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
""".replace("STEP", str(STEP)).replace("COOKIE", COOKIE)

_probe = st.components.v2.component("timeline_chart_width", js=_JS, isolate_styles=False)


def _ignore() -> None:
    """A report only reruns the app, which reads the new width."""


def valid_width(value: object) -> int | None:
    """``value`` (a reported number, a cookie's text) as a width in px, else None."""
    try:
        width = int(float(str(value)))
    except ValueError:
        return None
    return width if MIN_PX <= width <= MAX_PX else None


def _remembered() -> int | None:
    """The width this browser reported on its last visit (``COOKIE``), else None."""
    try:
        return valid_width(st.context.cookies.get(COOKIE))
    except Exception:  # no browser session (a bare script run): no cookies
        return None


def chart_width() -> int | None:
    """The width in px of the column this is called in (the chart's): as last reported by the
    browser in this session, else as it reported on its last visit; None before any report."""
    known = st.session_state.get(_STATE) or _remembered()
    result = _probe(key=KEY, data={"width": known}, default={"width": None}, on_width_change=_ignore)
    width = valid_width(result.get("width")) or known
    st.session_state[_STATE] = width
    return width


def area_key(width: int | None) -> str:
    """The key of the chart's container: ``UNSIZED_KEY`` (hidden by the stylesheet) before the
    width is known, ``SIZED_KEY`` after."""
    return SIZED_KEY if width else UNSIZED_KEY
