"""What an analyst sees in a real browser beyond tests/test_browser.py: the first load draws
the timeline once (never a layout for a guessed width, replaced a second later), labels stay
inside the plot, the provenance of a merged event lists every article that reports it."""

from __future__ import annotations

import pytest
import test_browser
from test_browser import CHROMIUM, _chart_geometry, _open, _sized

server, browser = test_browser.server, test_browser.browser  # its fixtures: an app and a Chromium for this module

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                                      reason=f"no chromium at {CHROMIUM}")]

# Every 15 ms: each Plotly chart shown (visibility), with the width its labels were laid out for.
WATCH = """
window.__shown = [];
setInterval(() => {
  document.querySelectorAll('.js-plotly-plot').forEach(p => {
    if (!p.__id) p.__id = Math.random();
    const meta = p._fullLayout && p._fullLayout.meta;
    if (meta && getComputedStyle(p).visibility === 'visible'
        && !window.__shown.some(s => s.id === p.__id && s.width === meta.width_px))
      window.__shown.push({id: p.__id, width: meta.width_px});
  });
}, 15);
"""


def _timeline_shown(pg) -> list[dict]:
    """The timeline charts the page showed since it loaded (the first .js-plotly-plot)."""
    pg.get_by_role("heading", name="News timeline").wait_for()
    _sized(pg)
    pg.wait_for_timeout(1500)  # a second drawing, if any, would come now
    return pg.evaluate("() => window.__shown.filter(s => s.width !== undefined)")


def test_browser_first_load_draws_the_timeline_once_at_its_measured_width(browser, server):
    # the first run cannot know the chart's width: its figure, laid out for a narrow page, was shown
    # for a second and then replaced by the one sized for the measured width (a flash on every load)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    pg.add_init_script(WATCH)
    pg.goto(server)
    shown = _timeline_shown(pg)
    assert shown and all(s["width"] for s in shown), shown  # never a chart laid out for an unknown width
    assert len({s["id"] for s in shown}) == 1, shown
    # the same browser again (a reload, a shared link): the width is remembered, the chart drawn once;
    # the probe writes its cookie as it measures, so the reload waits for it, not for a fixed time
    pg.wait_for_function("() => document.cookie.includes('timeline_chart_width=')")
    pg.goto(server)
    again = _timeline_shown(pg)
    assert len(again) == 1 and again[0]["width"] == shown[-1]["width"], again
    context.close()


@pytest.mark.parametrize("width", [1440, 900])
def test_browser_labels_stay_inside_the_plot(browser, server, width):
    # the demo's events in Kunduz (a view with no date filter and no far-off events): the label right of
    # the 'on or before 9 Oct' mark ran 20 px past the plot's right edge, its end cut off
    pg = _open(browser, f"{server}/?location=geonames:1135689", width)
    g = _chart_geometry(pg)
    assert len(g["labels"]) >= 2, g["labels"]
    for left, right, _top, _bottom, text in g["labels"]:
        assert g["left"] - 1 <= left and right <= g["left"] + g["width"] + 1, (text, left, right, g)
    pg.close()


def test_browser_provenance_lists_every_article_of_the_selected_event(browser, server):
    # the lead event of the demo is reported by both articles: the panel beside it named neither (their
    # ids only, under the event) nor showed the other article's sentence
    pg = _open(browser, server, 1440)
    panel = pg.locator(".tl-prov").first
    panel.scroll_into_view_if_needed()
    text = panel.inner_text()
    assert "Reported by 2 articles" in text, text
    assert "Taliban rule out cooperation with US to contain Islamic State" in text
    assert "Taliban: We will not work with the United States to contain ISIS" in text
    assert panel.locator(".tl-sentence mark.tl-trigger").count() >= 2
    pg.close()


@pytest.mark.parametrize("width", [1440, 900])
def test_browser_day_ticks_stay_level_and_apart(browser, server, width):
    # two weeks of days at 900 px (a plot ~430 px wide, 31 px a day): Plotly turned every day tick on its
    # side, 'Fri 01' and 'Oct 2021' rotated into each other and down over the overview under the chart
    pg = _open(browser, f"{server}/?from=2021-10-01&to=2021-10-14", width)
    ticks = pg.evaluate("""() => [...document.querySelector('.js-plotly-plot').querySelectorAll('.xtick text')]
        .map(t => { const r = t.getBoundingClientRect();
                    return [t.textContent, t.getAttribute('transform') || '', r.left, r.right]; })""")
    assert len(ticks) >= 3, ticks
    assert not any("rotate" in transform for _text, transform, _l, _r in ticks), ticks
    for (a, _ta, _la, right), (b, _tb, left, _rb) in zip(ticks, ticks[1:], strict=False):
        assert right <= left, (a, b, right, left)
    pg.close()


@pytest.mark.parametrize("width", [1440, 900])
def test_browser_article_lanes_leave_the_plot_its_width(browser, server, width):
    # grouped by article, the lane names were whole titles ('Taliban: We will not work with the United States
    # to contain ISIS'): at 900 px they took more than half the chart, the marks squeezed into the rest
    pg = _open(browser, f"{server}/?group=article", width)
    g = pg.evaluate("""() => { const p = document.querySelector('.js-plotly-plot');
        const area = (p.querySelector('.cartesianlayer .bg') || p.querySelector('.nsewdrag')).getBoundingClientRect();
        const names = [...p.querySelectorAll('.ytick text')].map(t => [t.textContent, t.getBoundingClientRect().width]);
        return {chart: p.getBoundingClientRect().width, plot: area.width, names: names}; }""")
    assert len(g["names"]) >= 2, g
    assert g["plot"] >= 0.6 * g["chart"], g
    assert all(w <= 0.4 * g["chart"] for _name, w in g["names"]), g
    pg.close()
