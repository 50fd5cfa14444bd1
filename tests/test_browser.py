"""The dashboard in a real browser (Playwright + Debian's chromium): what AppTest cannot
see - the page renders, a Plotly chart is drawn, the CSV download works, the map's
outlines are served by the app itself (no internet needed)."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from timeline.table import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {proc.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer at {url} within {seconds}s")


def _serve(env: dict | None = None):
    """Run the app (streamlit) on a free port; yield its URL; stop it."""
    pytest.importorskip("playwright.sync_api")
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1"]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server():
    yield from _serve()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(server, browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(120_000)  # the first run loads the spaCy model
    pg.goto(server)
    pg.get_by_role("heading", name="News timeline").wait_for()
    _sized(pg)
    yield pg
    shot = os.environ.get("TIMELINE_SCREENSHOT")
    if shot:
        pg.screenshot(path=shot, full_page=True)
    context.close()


def test_browser_page_renders_with_a_plotly_chart(page):
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible")
    assert chart.bounding_box()["width"] > 300
    assert page.locator(".js-plotly-plot .main-svg").count() >= 1
    assert page.get_by_text("Something went wrong").count() == 0


def test_browser_csv_download_has_the_schema(page):
    button = page.get_by_role("button", name="Download CSV")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "timeline-events.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[0] == list(COLUMNS)


def test_browser_click_on_a_timeline_mark_selects_that_event(page):
    def details() -> str:
        return page.locator(".tl-event").first.inner_text()

    page.locator(".js-plotly-plot .scatterlayer .point").first.wait_for(state="visible")
    before = details()
    # the plot's own marks, not their copies in the overview strip (rangeslider) under it
    marks = page.locator(".js-plotly-plot").first.locator(".cartesianlayer .scatterlayer .point")
    mark = marks.nth(marks.count() - 1)  # the latest mark: not the first table row
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()  # earlier tests scrolled away
    box = mark.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("b => { const e = document.querySelector('.tl-event'); return e && e.innerText !== b; }",
                           arg=before)
    assert details() != before
    assert page.get_by_text("Something went wrong").count() == 0


def test_browser_map_outlines_are_served_by_the_app(server):
    with urllib.request.urlopen(f"{server}/app/static/topojson/world_110m.json", timeout=10) as r:
        assert r.status == 200
        assert b'"Topology"' in r.read(2000)


# --- what an analyst sees at a glance (issue 17) ----------------------------------------------

def _artefact(pg, name: str) -> None:
    """A screenshot kept as a test artefact (TIMELINE_ARTEFACTS, default .artefacts/)."""
    folder = Path(os.environ.get("TIMELINE_ARTEFACTS", ROOT / ".artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _open(browser, url: str, width: int = 1440):
    pg = browser.new_context(viewport={"width": width, "height": 1000}).new_page()
    pg.set_default_timeout(120_000)
    pg.goto(url)
    pg.get_by_role("heading", name="News timeline").wait_for()
    pg.locator(".js-plotly-plot .cartesianlayer .point").last.wait_for(state="attached")
    _sized(pg)
    pg.wait_for_timeout(500)
    return pg


def _sized(pg) -> None:
    """Wait until the timeline is drawn for the width the browser reported (the app reruns once
    it knows the chart's width: timeline/ui/chart_width.py), so the chart no longer changes."""
    pg.wait_for_function("""() => { const p = document.querySelector('.js-plotly-plot');
        const meta = p && p._fullLayout && p._fullLayout.meta;
        return meta && (meta.kind === 'aggregated' || meta.width_px > 0); }""")


def _chart_geometry(pg) -> dict:
    """The timeline's plot area, the x centres of its day marks (circles), the boxes of all its
    marks (circles, triangles, bars) and of its labels, in page pixels."""
    return pg.evaluate("""() => {
        const plot = document.querySelector('.js-plotly-plot');
        const area = plot.querySelector('.cartesianlayer .bg') || plot.querySelector('.nsewdrag');
        const a = area.getBoundingClientRect();
        const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
        const points = [...plot.querySelectorAll('.cartesianlayer .scatterlayer .point')];
        const marks = points.filter(p => (p.getAttribute('d') || '').includes('A'))  // a circle's path has arcs
            .map(p => { const r = p.getBoundingClientRect(); return r.x + r.width / 2; })
            .filter(x => x >= a.left && x <= a.right);
        const boxes = [...points, ...plot.querySelectorAll('.cartesianlayer .barlayer .point path')].map(box)
            .filter(b => b[1] > a.left && b[0] < a.right && b[1] - b[0] > 0);
        const labels = [...plot.querySelectorAll('.annotation-text')].map(t => [...box(t), t.textContent]);
        return {left: a.left, width: a.width, marks, boxes, labels};
    }""")


def _overlap(a, b, slack: float = 1.0) -> bool:
    return a[0] + slack < b[1] and b[0] + slack < a[1] and a[2] + slack < b[3] and b[2] + slack < a[3]


@pytest.mark.parametrize("width", [1440, 900])
def test_browser_landing_view_is_readable(browser, server, width):
    # (a) no two labels overlap, and no label covers a mark or a bar; no more than 25 % of the
    # opening view's day marks within 2 % of its width (a day's marks are spread across it; a
    # one-sided date stands on the edge of its day, and is no day mark)
    pg = _open(browser, server, width)
    _artefact(pg, f"landing-{width}")
    g = _chart_geometry(pg)
    assert len(g["labels"]) >= 5 and len(g["marks"]) >= 8 and len(g["boxes"]) >= 20
    for i, a in enumerate(g["labels"]):
        for b in g["labels"][i + 1:]:
            assert not _overlap(a, b, 0), (a[4], b[4])
        covered = [m for m in g["boxes"] if _overlap(a, m)]
        assert not covered, (a[4], covered)
    xs, strip = sorted(g["marks"]), 0.02 * g["width"]
    densest = max(sum(1 for x in xs if x0 <= x <= x0 + strip) for x0 in xs)
    assert densest <= 0.25 * len(xs), f"{densest} of {len(xs)} day marks within 2 % of the width"
    pg.close()


def test_browser_key_events_are_labelled_with_leaders_clear_of_marks(browser, server):
    # (e) the lead event of the demo has a label, a leader line (a label a row away from its mark)
    # crosses no mark, bar or other label, and the day ticks name the weekday
    pg = _open(browser, server, 1440)
    g = _chart_geometry(pg)
    lead = [t[4] for t in g["labels"] if t[4].startswith("The Taliban rejected")]
    assert lead, [t[4] for t in g["labels"]]
    # sized to the chart's measured width: a clause, not 'The Taliban rejected c…'; cut between words
    assert len(lead[0]) >= 50 and lead[0].endswith("…") and lead[0][-2].isalpha(), lead
    leaders = pg.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .annotation-arrow-g path')]
        .map(p => { const dash = (p.style.strokeDasharray || '').split(',').map(parseFloat);
                    const m = p.getScreenCTM(), n = dash.length > 2 ? dash[2] : p.getTotalLength();  // drawn part
                    return [...Array(21).keys()].map(k => { const q = p.getPointAtLength(n * k / 20);
                        return [m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]; }); })""")
    assert leaders
    for line in leaders:
        for x, y in line[1:]:  # it starts at its label and stops short of its mark (the dashes hide the rest)
            assert not [b for b in g["boxes"] + [t[:4] for t in g["labels"]]
                        if b[0] + 1 < x < b[1] - 1 and b[2] + 1 < y < b[3] - 1], (x, y)
    ticks = pg.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .xtick text')].map(t => t.textContent)")
    assert "Sat 09Oct 2021" in ticks, ticks  # two lines (tspans): 'Sat 09' over 'Oct 2021'
    pg.close()


def _x_range(pg) -> list[str]:
    return pg.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range")


def test_browser_date_filter_sets_the_axis(browser, server):
    # (c) a date filter changes the axis range
    pg = _open(browser, server)
    opening = _x_range(pg)
    pg.close()
    pg = _open(browser, f"{server}/?from=2021-08-20&to=2021-09-05")
    assert _x_range(pg) != opening
    assert str(_x_range(pg)[0]).startswith("2021-08-20") and str(_x_range(pg)[1]).startswith("2021-09-06")
    pg.close()


def test_browser_story_view_and_shared_url(browser, server):
    # (b) the story view lists events in date order; (d) a shared URL restores the view
    pg = _open(browser, f"{server}/?actor=isis&group=location")
    pg.get_by_role("tab", name="Story").click()
    pg.locator(".tl-story .tl-card").first.wait_for(state="visible")
    _artefact(pg, "story")
    heads = pg.locator(".tl-story .tl-story-day").all_inner_texts()
    assert heads and heads[0].startswith("2014")  # ISIS's emergence opens its story
    assert "isis" in pg.url and "group=location" in pg.url
    restored = _open(browser, pg.url)
    assert restored.url == pg.url
    chips = restored.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert "ISIS" in chips
    pg.close()
    restored.close()


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """The app on a store of its own (TIMELINE_DB), so a correction changes no shared file."""
    from timeline.store.corpus import CorpusOptions
    from timeline.store.database import Store
    from timeline.store.ingest import IngestOptions, ingest

    folder = tmp_path_factory.mktemp("own")
    (folder / "kunduz.txt").write_text("Rebels attacked the town of Kunduz on Friday.", encoding="utf-8")
    db = folder / "own.duckdb"
    from datetime import date

    with Store(db) as store:
        ingest([folder / "kunduz.txt"], store, IngestOptions(show_progress=False), CorpusOptions(published=date(2021, 10, 9)))
    yield from _serve({"TIMELINE_DB": str(db)})


def test_browser_corrected_date_survives_a_reload(browser, own_server):
    pg = _open(browser, own_server)
    pg.get_by_text("Correct this event").click()
    for label in ("First day", "Last day"):  # the day segment of each date field: 8 -> 5
        day = pg.get_by_role("spinbutton", name=f"day, {label}")
        day.click()
        pg.keyboard.type("05")
    pg.get_by_role("button", name="Save correction").click()
    pg.wait_for_timeout(3000)
    pg.reload()
    pg.get_by_role("heading", name="News timeline").wait_for()
    details = pg.locator(".tl-event").first
    details.wait_for(state="visible")
    text = details.inner_text()
    assert "5 Oct 2021" in text and "Corrected" in text, text
    _artefact(pg, "corrected")
    pg.close()


def test_browser_export_buttons_show_their_whole_label_on_a_narrow_page(browser, server):
    # at 900 px the two buttons had a fifth of the column each: "D…" (their labels cut with an ellipsis)
    pg = _open(browser, server, 900)
    for name in ("Download CSV", "Download JSON"):
        button = pg.get_by_role("button", name=name)
        button.scroll_into_view_if_needed()
        cut = button.evaluate("""b => [...b.querySelectorAll('p, span, div')].some(
            e => e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)""")
        assert not cut, name
        assert button.bounding_box()["width"] >= 8 * len(name), name
    pg.close()


def test_browser_a_click_on_an_overview_bin_shows_its_period(browser, server):
    # the overview under the chart counts the whole story's events per day on a broken axis; its first bin
    # is 2014 (years before the October 2021 window): a click sets the date filter, the chart shows 2014
    pg = _open(browser, server)
    bars = pg.locator(".js-plotly-plot").first.locator(".subplot.x2y2 .barlayer .trace:first-child .point")
    assert bars.count() >= 4  # each bin's full-height target (a bar of 1 event is a few pixels tall)
    ticks = pg.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .x2tick text')].map(t => t.textContent)")
    assert ticks[0] == "2014" and ticks[1].startswith("⋯"), ticks
    bars.first.scroll_into_view_if_needed()
    box = bars.first.bounding_box()
    pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pg.wait_for_function("() => location.search.includes('from=2014-01-01')")
    pg.wait_for_function("() => String(document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range[0]).startsWith('2014')")
    assert pg.get_by_text("Something went wrong").count() == 0
    pg.close()


def test_browser_a_narrow_page_gives_the_chart_its_width(browser, server):
    # at 900 px (a 300 px sidebar) the page's 80 px margins each side left the chart 440 of 600 px
    pg = _open(browser, server, 900)
    main = pg.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').getBoundingClientRect().width")
    chart = pg.locator(".js-plotly-plot").first.bounding_box()["width"]
    assert chart >= 0.9 * main, (chart, main)
    # the labels are sized to that width: the plot the figure was laid out for is as wide as the chart allows
    meta = pg.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout.meta")
    assert meta["width_px"] >= chart - 40 and meta["plot_px"] > 320
    pg.close()


HISTORY = ("In 1066 William of Normandy invaded England. His army defeated King Harold at Hastings.\n\n"
           "Columbus reached the Bahamas on 12 October 1492. In March 1493 he returned to Spain.\n\n"
           "The Spanish Armada sailed against England in 1588. The fleet was destroyed by storms.\n\n"
           "The war began on or after 28 July 1914, when Austria-Hungary declared war on Serbia.\n\n"
           "In 480 BC, the Persians burned Athens.\n")


@pytest.fixture(scope="module")
def history_server(tmp_path_factory):
    """The app on a store of a history told from 1066 to 1914 (and 480 BC): dates pandas'
    datetime64[ns] does not hold (1677-2262)."""
    from datetime import date

    from timeline.store.corpus import CorpusOptions
    from timeline.store.database import Store
    from timeline.store.ingest import IngestOptions, ingest

    folder = tmp_path_factory.mktemp("history")
    (folder / "history.txt").write_text(HISTORY, encoding="utf-8")
    db = folder / "history.duckdb"
    with Store(db) as store:
        ingest([folder / "history.txt"], store, IngestOptions(show_progress=False), CorpusOptions(published=date(2024, 5, 1)))
    yield from _serve({"TIMELINE_DB": str(db)})


def _no_exception(pg) -> None:
    assert pg.locator("[data-testid='stException']").count() == 0
    body = pg.locator("body").inner_text()
    assert "OutOfBounds" not in body and "Traceback" not in body and "Something went wrong" not in body


def test_browser_a_history_from_1066_to_1914_is_drawn(browser, history_server):
    pg = _open(browser, history_server)
    _no_exception(pg)
    xs = pg.evaluate("""() => document.querySelector('.js-plotly-plot').data
        .filter(t => t.meta === 'point').flatMap(t => [...t.x])""")
    assert any(x.startswith("1492-10-12") for x in xs), xs  # the day Columbus reached the Bahamas
    labels = pg.locator(".js-plotly-plot .annotation-text").all_text_contents()  # drawn in the SVG
    assert any("Columbus reached the Bahamas" in t for t in labels), labels
    assert any("William of Normandy invaded England" in t for t in labels), labels  # In 1066: a year's bar
    pg.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    _artefact(pg, "olddates-timeline")
    pg.get_by_text("undated event(s) not drawn").click()
    pg.get_by_text("• 480 BC, before year 1 · the Persians burned Athens").wait_for()  # listed with the undated
    pg.goto(f"{history_server}/?from=1400-01-01&to=1500-12-31")  # a date filter before 1677, from the URL
    pg.get_by_role("heading", name="News timeline").wait_for()
    _sized(pg)
    _no_exception(pg)
    assert [v[:10] for v in _x_range(pg)] == ["1400-01-01", "1501-01-01"]
    _artefact(pg, "olddates-filtered")
