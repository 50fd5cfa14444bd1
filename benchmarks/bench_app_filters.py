"""The dashboard on a large store: first load and filter changes, through Streamlit's
AppTest (the whole script run: filters, table, timeline and map figures, exports).

    python benchmarks/bench_app_filters.py [--events 100000]

Synthetic events (benchmarks/bench_app_store.py) are written to a temporary DuckDB store,
read back once as the app reads it, and served to app.py.  The same steps then run on an
empty store: that column is AppTest's own cost plus the app's fixed cost, the floor under
any store size.  Prints a table; asserts nothing.  Targets (issue 6): first load <= 3 s,
a filter change <= 0.5 s.
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

from timeline.store.database import Store  # noqa: E402
from timeline.table import empty_table  # noqa: E402
from timeline.ui import data as ui_data  # noqa: E402

STEPS = (
    ("first load (all events)", lambda at: None),
    ("filter: one actor", lambda at: at.multiselect(key="f_actor").set_value(["actor-7"])),
    ("filter: two actors", lambda at: at.multiselect(key="f_actor").set_value(["actor-7", "actor-8"])),
    ("filter: text 'ceasefire'", lambda at: at.text_input(key="f_text").set_value("ceasefire")),
    (
        "filters cleared",
        lambda at: (at.multiselect(key="f_actor").set_value([]), at.text_input(key="f_text").set_value("")),
    ),
)


def run_steps(events: pd.DataFrame) -> tuple[list[tuple[str, float, int]], AppTest]:
    """Each step's seconds (action + one whole script run) and exceptions, on these events."""
    arts = (
        events[["article_id", "title", "published"]]
        .drop_duplicates("article_id")
        .rename(columns={"article_id": "id"})
        .reset_index(drop=True)
    )
    ui_data.demo_tables = lambda settings: (events, arts, "benchmark store")  # what app.py reads
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    rows = []
    for name, action in STEPS:
        t = time.perf_counter()
        action(at)
        at.run()
        rows.append((name, time.perf_counter() - t, len(at.exception)))
    return rows, at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "big.duckdb") as store:
            store.write_batch(synthetic_batch(args.events))
            events = store.events()
    rows, at = run_steps(events)
    shown = [m.value for m in at.metric]
    floor, _ = run_steps(empty_table())
    print(f"\nDashboard on {len(events):,} events (AppTest, whole script run per change)\n")
    print("| step | seconds | exceptions | empty store, seconds |\n| --- | ---: | ---: | ---: |")
    for (name, secs, exc), (_, empty_secs, _) in zip(rows, floor, strict=True):
        print(f"| {name} | {secs:.2f} | {exc} | {empty_secs:.2f} |")
    print(f"\nshown after the last step: {shown}")


if __name__ == "__main__":
    main()
