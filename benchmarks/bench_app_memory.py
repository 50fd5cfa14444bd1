"""Memory of a shared deployment (issue 18): the app's resident memory (RSS of the streamlit
process, from /proc) when it has started, after the first page load, and with three browser
sessions open at once, on the demo corpus or a store named by --db.  Prints a table.

    python benchmarks/bench_app_memory.py [--db FILE]

Needs Debian's chromium (apt-get install chromium) and Playwright, like the browser tests.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def rss_mb(pid: int) -> float:
    """Resident memory of the process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="an event store (default: the demo corpus)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if args.db:
        env["TIMELINE_DB"] = args.db
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        rows.append(("started, no session", rss_mb(proc.pid)))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
            pages = []
            for n in (1, 2, 3):
                page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
                page.set_default_timeout(180_000)
                start = time.perf_counter()
                page.goto(url)
                page.locator(".js-plotly-plot .main-svg").first.wait_for()
                seconds = time.perf_counter() - start
                pages.append(page)
                time.sleep(2)
                rows.append((f"{n} session(s) open (page drawn in {seconds:.1f} s)", rss_mb(proc.pid)))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print("| state | RSS (MB) |")
    print("| --- | ---: |")
    for state, mb in rows:
        print(f"| {state} | {mb:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
