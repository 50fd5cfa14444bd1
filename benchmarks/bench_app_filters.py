"""The dashboard on a large store: first load and filter changes, through Streamlit's
AppTest (the whole script run: filters, table, timeline and map figures, exports).

    python benchmarks/bench_app_filters.py [--events 100000]

Synthetic events (benchmarks/bench_app_store.py) are written to a temporary DuckDB store,
read back once as the app reads it, and served to app.py.  Prints a table; asserts
nothing.  Targets (issue 6): first load <= 3 s, a filter change <= 0.5 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_app_store import synthetic_batch  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from timeline import ui_data  # noqa: E402
from timeline.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "big.duckdb") as store:
            store.write_batch(synthetic_batch(args.events))
            events = store.events()
    arts = (events[["article_id", "title", "published"]].drop_duplicates("article_id")
            .rename(columns={"article_id": "id"}).reset_index(drop=True))
    ui_data.demo_tables = lambda settings: (events, arts, "benchmark store")  # what app.py reads
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    rows = []

    def step(name: str, action) -> None:
        t = time.perf_counter()
        action()
        at.run()
        rows.append((name, time.perf_counter() - t, len(at.exception)))

    step("first load (all events)", lambda: None)
    actors = at.multiselect(key="f_actor")
    step("filter: one actor", lambda: actors.set_value(["actor-7"]))
    step("filter: two actors", lambda: at.multiselect(key="f_actor").set_value(["actor-7", "actor-8"]))
    step("filter: text 'ceasefire'", lambda: at.text_input(key="f_text").set_value("ceasefire"))
    step("filters cleared", lambda: (at.multiselect(key="f_actor").set_value([]),
                                     at.text_input(key="f_text").set_value("")))
    print(f"\nDashboard on {len(events):,} events (AppTest, whole script run per change)\n")
    print("| step | seconds | exceptions |\n| --- | ---: | ---: |")
    for name, secs, exc in rows:
        print(f"| {name} | {secs:.2f} | {exc} |")
    print(f"\nshown after the last step: {pd.Series([m.value for m in at.metric]).tolist()}")


if __name__ == "__main__":
    main()
