"""Reading articles: the demo corpus folder with its articles.csv sidecar."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from timeline.models import Article


class CorpusError(ValueError):
    """Bad input, with the file and the problem named."""


def parse_date(value: str | None, where: str = "") -> date | None:
    """ISO date (YYYY-MM-DD) or None for empty; a clear error for a malformed one."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CorpusError(f"{where}: '{value}' is not a valid date (expected YYYY-MM-DD)") from None


def read_sidecar(path: Path) -> dict[str, dict]:
    """articles.csv rows keyed by file name."""
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def load_folder(folder: str | Path) -> list[Article]:
    """The .txt articles of a folder, with metadata from its articles.csv when present."""
    folder = Path(folder)
    sidecar = folder / "articles.csv"
    meta = read_sidecar(sidecar) if sidecar.exists() else {}
    articles = []
    for path in sorted(folder.glob("*.txt")):
        row = meta.get(path.name, {})
        published = parse_date(row.get("published"), f"{sidecar.name} row {path.name}")
        articles.append(
            Article(
                id=row.get("id") or path.stem,
                text=path.read_text(encoding="utf-8"),
                title=row.get("title", ""),
                source=row.get("publisher", ""),
                published=published,
                url=row.get("url", ""),
                path=str(path),
                published_origin="metadata" if published else "none",
            )
        )
    return articles
