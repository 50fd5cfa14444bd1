import gc
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from timeline.pipeline import analyze_doc
from timeline.store.corpus import CorpusOptions, iter_corpus
from timeline.store.database import Store
from timeline.store.heap import LongLived
from timeline.store.ingest import IngestOptions, Progress, ingest

ROOT = Path(__file__).resolve().parent.parent
N_TINY = 6  # articles in the tiny_jsonl fixture

QUIET = IngestOptions(show_progress=False, chunk_size=2)


def _snapshot(path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    with Store(path, read_only=True) as s:
        return s.articles().drop(columns="path"), s.timexes(), s.events()


def _assert_same_store(a, b):
    for left, right in zip(_snapshot(a), _snapshot(b), strict=True):
        pd.testing.assert_frame_equal(left, right)


@pytest.fixture()
def reference(nlp, tiny_jsonl, tiny_options):
    """Per article: (events, timexes) counted by calling pipeline.analyze_doc directly."""
    out = {}
    for article in iter_corpus([tiny_jsonl], tiny_options):
        try:
            analysis = analyze_doc(nlp(article.text), article)
            out[article.id] = (len(analysis.rows()), len(analysis.timexes))
        except Exception:  # the ingest reports such an article instead of storing it
            pass
    return out


def test_ingest_rows_equal_the_pipeline(tmp_path, tiny_jsonl, tiny_options, reference):
    seen: list[Progress] = []
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([tiny_jsonl], store, QUIET, tiny_options, progress=seen.append)
        arts = store.articles().set_index("article_id")
        events = store.events()
    assert {k: (r.n_events, r.n_timexes) for k, r in arts.iterrows()} == reference
    assert report.progress.written == len(reference) and report.progress.total == N_TINY
    assert events.groupby("article_id").size().to_dict() == {k: v[0] for k, v in reference.items() if v[0]}
    assert events["event_id"].is_unique
    assert seen[-1].done == N_TINY and [p.done for p in seen] == sorted(p.done for p in seen)
    assert set(arts["title"]) == {f"Story {i}" for i in range(N_TINY)}


def test_ingest_again_changes_nothing(tmp_path, tiny_jsonl, tiny_options):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        first = ingest([tiny_jsonl], store, QUIET, tiny_options)
    before = _snapshot(path)
    with Store(path) as store:
        again = ingest([tiny_jsonl], store, QUIET, tiny_options)
    assert again.progress.skipped == first.progress.written and again.progress.written == 0
    for old, new in zip(before, _snapshot(path), strict=True):
        pd.testing.assert_frame_equal(old, new)


def test_one_process_ingest_freezes_its_start_up_objects_then_unfreezes_them(tmp_path, tiny_jsonl, tiny_options):
    """store/heap.py: frozen while the chunks are analysed (full collections walk less), nothing
    left frozen once the ingest returns (DuckDB would report unfreed objects at exit)."""
    counts: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        ingest([tiny_jsonl], store, QUIET, tiny_options, progress=lambda p: counts.append(gc.get_freeze_count()))
    assert max(counts) > 0 and gc.get_freeze_count() == 0


def test_long_lived_leaves_alone_a_process_that_froze_objects_of_its_own():
    gc.freeze()
    try:
        heap, before = LongLived(), gc.get_freeze_count()
        assert list(heap.after_start(iter([1, 2]), lambda: None)) == [1, 2]
        heap.release()
        assert not heap.frozen and gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


_FAULTS = textwrap.dedent("""
    import resource, sys
    from timeline.store.heap import reuse_freed_memory
    tuned = reuse_freed_memory() if sys.argv[1] == "1" else None
    big = b"x" * (30 << 20)  # a large block, freed: glibc's own thresholds rise to it
    del big
    counts = []
    for _ in range(4):  # 100 MiB in blocks of 1 MiB, freed, then again
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        blocks = [b"x" * (1 << 20) for _ in range(100)]
        del blocks
        counts.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    print(tuned, *counts)
""")


def _page_faults(tuned: bool) -> tuple[str, list[int]]:
    out = subprocess.run([sys.executable, "-c", _FAULTS, "1" if tuned else "0"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    return out[0], [int(n) for n in out[1:]]


def test_reuse_freed_memory_keeps_the_memory_a_process_frees_for_its_next_allocations():
    """store/heap.py (the CLI's ingest, pool workers): memory freed is taken again without a page
    fault; by default glibc gives 100 MiB freed back to the system and faults every page in again."""
    tuned, counts = _page_faults(True)
    if tuned != "True":
        pytest.skip("no glibc mallopt here")
    default = _page_faults(False)[1]
    assert counts[0] > 10_000 and max(counts[1:]) < 2_000  # 100 MiB = 25,600 pages: faulted in once
    assert min(default[1:]) > 10_000


_RELEASE = textwrap.dedent("""
    import os
    from timeline.store.heap import release_freed_memory, reuse_freed_memory
    def rss():
        return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20
    if reuse_freed_memory():
        blocks = [b"x" * (1 << 20) for _ in range(100)]
        del blocks
        kept = rss()
        release_freed_memory()
        print(kept, rss())
""")


def test_release_freed_memory_gives_back_what_reuse_kept():
    """Before the store's cross-article pass: the 100 MiB the ingest's process kept free go back."""
    out = subprocess.run([sys.executable, "-c", _RELEASE], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.split()
    if not out:
        pytest.skip("no glibc mallopt here")
    kept, after = map(int, out)
    assert kept - after > 80  # MiB


def test_ingest_changed_article_replaces_only_it(tmp_path, tiny_jsonl, tiny_options):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        ingest([tiny_jsonl], store, QUIET, tiny_options)
    old = _snapshot(path)[0].set_index("article_id")
    lines = tiny_jsonl.read_text().splitlines()
    record = json.loads(lines[0])
    record["body"] = "Rebels seized the airport on Tuesday. The army retreated."
    lines[0] = json.dumps(record)
    tiny_jsonl.write_text("\n".join(lines) + "\n")
    with Store(path) as store:
        report = ingest([tiny_jsonl], store, QUIET, tiny_options)
        events = store.events()
    new = _snapshot(path)[0].set_index("article_id")
    assert report.progress.written == 1 and report.progress.skipped == N_TINY - 1
    changed = new.index[new["hash"] != old["hash"]].tolist()
    assert changed == ["tiny-0"] and new.loc["tiny-0", "n_chars"] == len(record["body"])
    assert events.loc[events.article_id == "tiny-0", "sentence"].str.contains("Kunduz").sum() == 0


def test_ingest_reports_bad_files_by_name_and_ingests_the_rest(tmp_path, tiny_jsonl, tiny_options):
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"doc_id": "ok-1", "body": "Talks began on Monday."}\n{"doc_id": "x", "body": \n')
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([binary, bad_json, tiny_jsonl], store, QUIET, tiny_options)
        ids = set(store.articles()["article_id"])
    assert report.progress.errors == 2
    assert any(str(binary) in m and "binary" in m for m in report.errors)
    assert any(f"{bad_json}, line 2" in m and "malformed JSON" in m for m in report.errors)
    assert {"ok-1", *(f"tiny-{i}" for i in range(N_TINY))} <= ids


def test_ingest_article_whose_analysis_raises_is_reported_not_fatal(tmp_path, tiny_jsonl, tiny_options, monkeypatch):
    import timeline.pipeline as pipeline

    real = pipeline.analyze_doc

    def flaky(doc, article, *budget):
        if article.id == "tiny-2":
            raise RecursionError("deep parse")
        return real(doc, article, *budget)

    monkeypatch.setattr(pipeline, "analyze_doc", flaky)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([tiny_jsonl], store, QUIET, tiny_options)
        ids = set(store.articles()["article_id"])
    assert report.errors and "tiny-2" in report.errors[0] and "RecursionError" in report.errors[0]
    assert "tiny-2" not in ids and len(ids) == N_TINY - 1


def test_ingest_two_processes_equal_one(tmp_path, tiny_jsonl, tiny_options):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    for path, n in ((one, 1), (two, 2)):
        with Store(path) as store:
            ingest([tiny_jsonl], store, IngestOptions(show_progress=False, chunk_size=2, n_process=n), tiny_options)
    _assert_same_store(one, two)


def test_ingest_dask_local_cluster_equals_in_process(tmp_path, tiny_jsonl, tiny_options):
    from distributed import Client, LocalCluster

    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with Store(local) as store:
        ingest([tiny_jsonl], store, QUIET, tiny_options)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client, Store(dask) as store:
        report = ingest([tiny_jsonl], store, QUIET, tiny_options, client=client)
    assert report.progress.written == N_TINY
    assert not list((tmp_path / "dask.duckdb.parts").glob("*.parquet"))  # partitions loaded, then removed
    _assert_same_store(local, dask)



def test_ingest_dask_local_starts_its_own_cluster(tmp_path, tiny_jsonl, tiny_options):
    """``--dask local``: worker processes of our own LocalCluster, same store as in-process."""
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with Store(local) as store:
        ingest([tiny_jsonl], store, QUIET, tiny_options)
    with Store(dask) as store:
        report = ingest([tiny_jsonl], store, IngestOptions(show_progress=False, chunk_size=2, dask="local"),
                        tiny_options)
    assert report.progress.written == N_TINY and not report.errors
    _assert_same_store(local, dask)


def test_local_cluster_workers_run_without_profiler():
    """The worker's 10 ms stack sampler is off on the cluster we start (it slows pure-Python tasks)."""
    from timeline.store.ingest import _dask_client

    client, cluster = _dask_client("local", 1)
    try:
        import dask

        seen = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        assert list(seen.values()) == [False]
    finally:
        client.close()
        cluster.close()

CHILD = textwrap.dedent("""
    import sys
    from timeline.store.corpus import CorpusOptions
    from timeline.store.ingest import IngestOptions, ingest
    from timeline.store.database import Store
    opts = CorpusOptions(id_field="doc_id", text_field="body", date_field="dct", title_field="headline")
    with Store(sys.argv[1]) as store:
        ingest([sys.argv[2]], store, IngestOptions(show_progress=False, chunk_size=1), opts,
               progress=lambda p: print("written", p.written, flush=True))
""")


def test_ingest_killed_midway_then_resumed(tmp_path, tiny_jsonl, tiny_options):
    path, reference = tmp_path / "killed.duckdb", tmp_path / "reference.duckdb"
    with Store(reference) as store:
        ingest([tiny_jsonl], store, QUIET, tiny_options)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(tiny_jsonl)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        for line in child.stdout:
            if line.startswith("written") and int(line.split()[1]) >= 2:
                child.send_signal(signal.SIGKILL)  # mid-ingest: the next article is being analysed
                break
    finally:
        child.kill()
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    with Store(path) as store:
        partial = set(store.articles()["article_id"])
        assert 2 <= len(partial) < N_TINY
        report = ingest([tiny_jsonl], store, QUIET, tiny_options)
        assert report.progress.skipped == len(partial)
        assert store.events()["event_id"].is_unique and not store.clusters_stale()
    _assert_same_store(path, reference)


def test_ingest_actors_united_alike_whatever_the_order_articles_arrive_in(tmp_path, shared_eval):
    """Two articles that name 'Republicans' (TBAQ NYT20000424.0319, APW19980213.1310): the
    actors united across articles do not depend on which was stored first, so 2 processes
    (chunks finish in any order) store what 1 does.  Before the fix, one order united
    'Republicans' with 'republican' and the other did not."""
    wanted = ("NYT20000424.0319", "APW19980213.1310")
    with (shared_eval / "tbaq.jsonl").open(encoding="utf-8") as fh:
        docs = {d["doc_id"]: d for d in map(json.loads, fh) if d["doc_id"] in wanted}
    aliases = []
    for k, order in enumerate((wanted, wanted[::-1])):
        path = tmp_path / f"order{k}.jsonl"
        path.write_text("".join(json.dumps({"id": i, "text": docs[i]["text"], "published": docs[i]["dct"]}) + "\n"
                                for i in order), encoding="utf-8")
        with Store(tmp_path / f"order{k}.duckdb") as store:
            ingest([path], store, IngestOptions(show_progress=False, chunk_size=1), CorpusOptions())
            aliases.append(store.actor_aliases())
    assert aliases[0] == aliases[1], aliases
