"""Reading articles: text, HTML, JSON Lines and CSV files, with optional sidecar metadata.

    for item in iter_corpus(["data/", "more.jsonl"], CorpusOptions(text_field="body")):
        if isinstance(item, CorpusError): report(item)   # names the file (and line)
        else: use(item)                                    # an Article

Formats (by suffix; a folder is read recursively in name order):
- ``.txt``: the whole file is the text; id = file stem.
- ``.html`` / ``.htm``: main text extracted by trafilatura; title, site name and the
  publication date from the page's metadata (htmldate, ``extensive_search=False``:
  markup only, never a date guessed from the body text or the clock).
- ``.jsonl``: one JSON object per line; ``.csv``: one article per row.  The field names
  are configurable (``CorpusOptions``); a record without an id gets ``<file stem>:<line>``.
- A sidecar CSV (``--metadata``, or ``articles.csv`` inside a folder, which is then not
  read as articles) with columns ``file`` and/or ``id`` plus any of ``title, publisher,
  source, published, url`` adds metadata to the article it names.

Publication date, by precedence: the user's date (``published_origin="user"``), the
sidecar (``"metadata"``), the record's date field (``"field"``) or the HTML metadata
(``"html"``); otherwise ``None`` with origin ``"none"``: never guessed.

Encodings: any that ``text_input`` detects (UTF-8/16/32 with or without a BOM,
Windows-1252, Latin-1...), named on ``Article.encoding``; every article's text and metadata
are normalised on read (``text_input.clean_article``: lone surrogates, NUL and control
characters, odd line breaks and spaces), the changes counted on ``Article.cleaned``.

Bad input (binary, no encoding fits, empty, too large, a malformed date such as "February
30", a malformed JSON line, an unreadable sidecar) becomes a ``CorpusError`` naming the
file, the line and the problem; it is yielded in place of the article and the rest of the
batch goes on (an unreadable ``articles.csv`` leaves its folder's articles without metadata).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from timeline.models import Article
from timeline.store.published import PublishedDateError, parse_published
from timeline.store.text_input import NotText, clean_article, decode_bytes, detect_encoding, normalise_text

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".csv")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
SIDECAR_NAME = "articles.csv"
HEAD_BYTES = 1 << 20  # a JSONL/CSV file's encoding is detected on its first MiB

csv.field_size_limit(sys.maxsize)


class CorpusError(ValueError):
    """Bad input, with the file (and line) and the problem named."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = self.path if line is None else f"{self.path}, line {line}"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class CorpusOptions:
    """How to read records and which metadata wins (the CLI's ingest flags)."""

    id_field: str = "id"
    text_field: str = "text"
    date_field: str = "published"
    title_field: str = "title"
    url_field: str = "url"
    source_field: str = "source"
    metadata: str | None = None  # sidecar CSV path
    published: date | None = None  # the user's date: overrides every other
    max_bytes: int = 20_000_000  # larger files are refused (a clear error, not a hang)


def parse_date(value: object, where: str = "") -> date | None:
    """A publication date in any common format or language (``published.parse_published``:
    dateparser, never relative to the clock); None when empty.  A malformed, impossible
    ("February 30, 2021") or relative ("yesterday") date raises ``CorpusError`` naming ``where``."""
    try:
        return parse_published(value)
    except PublishedDateError as exc:
        raise CorpusError(where, str(exc)) from None


def read_sidecar(path: str | Path) -> dict[str, dict]:
    """Sidecar rows keyed by their ``file`` name and by their ``id`` (any encoding
    ``text_input`` reads); CorpusError when it cannot be read."""
    path = Path(path)
    rows: dict[str, dict] = {}
    try:
        text, _ = decode_bytes(path.read_bytes())
        for row in csv.DictReader(io.StringIO(normalise_text(text)[0], newline="")):
            for key in (row.get("file"), row.get("id")):
                if key:
                    rows[key] = row
    except (OSError, NotText, csv.Error) as exc:
        raise CorpusError(path, f"cannot read the metadata CSV ({exc})") from None
    return rows


def read_text_file(path: Path, max_bytes: int) -> tuple[str, str]:
    """(text, encoding) of a file, or CorpusError: too large, binary, empty."""
    size = path.stat().st_size
    if size > max_bytes:
        raise CorpusError(path, f"file is too large ({size:,} bytes; the limit is {max_bytes:,})")
    try:
        text, encoding = decode_bytes(path.read_bytes())
    except NotText as exc:
        raise CorpusError(path, str(exc)) from None
    if not text.strip():
        raise CorpusError(path, "empty file (no text)")
    return text, encoding


def _finish(article: Article, meta: dict | None, options: CorpusOptions, where: str) -> Article:
    """Apply sidecar metadata, then the user's date (which wins)."""
    if meta:
        published = parse_date(meta.get("published"), where)
        article = replace(
            article,
            id=meta.get("id") or article.id,
            title=meta.get("title") or article.title,
            source=meta.get("publisher") or meta.get("source") or article.source,
            url=meta.get("url") or article.url,
        )
        if published:
            article = replace(article, published=published, published_origin="metadata")
    if options.published:
        article = replace(article, published=options.published, published_origin="user")
    return article


def read_txt(path: Path, options: CorpusOptions) -> Article:
    text, encoding = read_text_file(path, options.max_bytes)
    return Article(id=path.stem, text=text, path=str(path), encoding=encoding)


def read_html(path: Path, options: CorpusOptions) -> Article:
    import trafilatura  # heavy import: only when there is HTML

    html, encoding = read_text_file(path, options.max_bytes)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, date_extraction_params={"extensive_search": False, "original_date": True}
    )
    if doc is None or not (doc.text or "").strip():
        raise CorpusError(path, "no article text found in the HTML page")
    published = parse_date(doc.date, str(path)) if doc.date else None
    return Article(
        id=path.stem, text=doc.text, title=doc.title or "", source=doc.sitename or "", url=doc.url or "",
        published=published, path=str(path), published_origin="html" if published else "none", encoding=encoding,
    )


def record_article(record: dict, path: Path, line: int, options: CorpusOptions) -> Article:
    """One JSON/CSV record -> Article, with the configured field names."""
    text = record.get(options.text_field)
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(path, f"no text in field '{options.text_field}'", line)
    try:
        published = parse_date(record.get(options.date_field), str(path))
    except CorpusError as exc:
        raise CorpusError(path, exc.problem, line) from None
    ident = record.get(options.id_field)
    return Article(
        id=str(ident) if ident not in (None, "") else f"{path.stem}:{line}",
        text=text,
        title=str(record.get(options.title_field) or ""),
        source=str(record.get(options.source_field) or ""),
        url=str(record.get(options.url_field) or ""),
        published=published,
        path=str(path),
        published_origin="field" if published else "none",
    )


def iter_jsonl(path: Path, options: CorpusOptions) -> Iterator[Article | CorpusError]:
    """One article per line; a bad line is an error for that line only.  The encoding is
    detected on the first MiB; a UTF-8 file with a line in another encoding has that line
    detected on its own."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            encoding = detect_encoding(head, complete=len(head) < HEAD_BYTES)
            fh.seek(0)
            if encoding.startswith(("utf-16", "utf_16", "utf-32", "utf_32")):  # not split on b"\n"
                lines = ((line, encoding) for line in io.TextIOWrapper(fh, encoding=encoding))
            else:
                lines = (_decoded_line(raw, encoding) for raw in fh)
            for line_no, (line, used) in enumerate(lines, start=1):
                if line is None:
                    yield CorpusError(path, used, line_no)
                    continue
                if not line.strip():
                    continue
                item = _jsonl_line(line, path, line_no, options)
                yield replace(item, encoding=used) if isinstance(item, Article) else item
    except (NotText, UnicodeDecodeError) as exc:
        yield CorpusError(path, f"not text ({exc})")


def _decoded_line(raw: bytes, encoding: str) -> tuple[str | None, str]:
    """(text, encoding used) of one line, or (None, the problem)."""
    try:
        return raw.decode(encoding.replace("utf-8-sig", "utf-8")).lstrip("\ufeff"), encoding
    except UnicodeDecodeError:
        try:
            return decode_bytes(raw)  # this line only (a file mixing encodings)
        except NotText as exc:
            return None, str(exc)


def _jsonl_line(line: str, path: Path, line_no: int, options: CorpusOptions) -> Article | CorpusError:
    if len(line) > options.max_bytes:
        return CorpusError(path, f"line is too large ({len(line):,} characters)", line_no)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return CorpusError(path, f"malformed JSON ({exc.msg} at column {exc.colno})", line_no)
    if not isinstance(record, dict):
        return CorpusError(path, f"expected a JSON object, got {type(record).__name__}", line_no)
    try:
        return record_article(record, path, line_no, options)
    except CorpusError as exc:
        return exc


def iter_csv(path: Path, options: CorpusOptions) -> Iterator[Article | CorpusError]:
    """One article per row (line numbers are the CSV record's first line)."""
    try:
        with path.open("rb") as raw:
            head = raw.read(HEAD_BYTES)
            encoding = detect_encoding(head, complete=len(head) < HEAD_BYTES)
            raw.seek(0)
            fh = io.TextIOWrapper(raw, encoding=encoding, newline="")
            reader = csv.DictReader(fh)
            if options.text_field not in (reader.fieldnames or []):
                yield CorpusError(path, f"no '{options.text_field}' column (columns: {reader.fieldnames})")
                return
            line_no = reader.line_num + 1
            for record in reader:
                try:
                    yield replace(record_article(record, path, line_no, options), encoding=encoding)
                except CorpusError as exc:
                    yield exc
                line_no = reader.line_num + 1
    except NotText as exc:
        yield CorpusError(path, str(exc))
    except UnicodeDecodeError as exc:
        yield CorpusError(path, f"not valid {encoding} ({exc.reason} at byte {exc.start}); re-save it as UTF-8")
    except csv.Error as exc:
        yield CorpusError(path, f"malformed CSV ({exc})")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Path | None]]:
    """Files to read, each with the sidecar of its folder (``articles.csv``), if any: a file
    named on its own uses the sidecar beside it too ("ingest data/a.txt data/b.txt")."""
    for p in map(Path, paths):
        if p.is_dir():
            sidecar = p / SIDECAR_NAME
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and f != sidecar:
                    yield f, sidecar if sidecar.exists() else None
        elif p.name != SIDECAR_NAME:
            beside = p.parent / SIDECAR_NAME
            yield p, beside if p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES and beside.is_file() else None


def iter_file(path: Path, options: CorpusOptions) -> Iterator[Article | CorpusError]:
    """The articles of one file, or errors naming it."""
    suffix = path.suffix.lower()
    if not path.exists():
        yield CorpusError(path, "no such file or folder")
    elif suffix not in SUFFIXES:
        yield CorpusError(path, f"unsupported file type '{suffix}' (supported: {', '.join(SUFFIXES)})")
    elif suffix in RECORD_SUFFIXES:
        if path.stat().st_size == 0:
            yield CorpusError(path, "empty file (no records)")
        else:
            yield from (iter_jsonl if suffix == ".jsonl" else iter_csv)(path, options)
    else:
        try:
            yield (read_txt if suffix in TEXT_SUFFIXES else read_html)(path, options)
        except CorpusError as exc:
            yield exc
        except OSError as exc:
            yield CorpusError(path, f"cannot read ({exc.strerror or exc})")


def iter_corpus(paths: Iterable[str | Path], options: CorpusOptions | None = None) -> Iterator[Article | CorpusError]:
    """Stream the articles of files and folders; bad input is yielded as CorpusError."""
    options = options or CorpusOptions()
    sidecars: dict[Path, dict] = {}
    for sidecar in [Path(options.metadata)] if options.metadata else []:
        try:
            sidecars[sidecar] = read_sidecar(sidecar)
        except CorpusError as exc:
            yield exc
    for path, sidecar in expand_paths(paths):
        if sidecar is not None and sidecar not in sidecars:
            try:
                sidecars[sidecar] = read_sidecar(sidecar)
            except CorpusError as exc:  # the folder's articles still go in, without its metadata
                sidecars[sidecar] = {}
                yield exc
        meta_tables = [sidecars[s] for s in (sidecar, Path(options.metadata or "")) if s in sidecars]
        for item in iter_file(path, options):
            if isinstance(item, CorpusError):
                yield item
                continue
            meta = _sidecar_row(meta_tables, path, item.id)
            try:
                article = clean_article(_finish(item, meta, options, f"metadata row for {path.name}"))
                yield article if article.text.strip() else CorpusError(
                    path, f"article '{article.id}': no text left once control characters are removed")
            except CorpusError as exc:
                yield CorpusError(path, f"metadata: {exc.problem}")


def _sidecar_row(tables: list[dict], path: Path, article_id: str) -> dict | None:
    """The sidecar row of an article: by file name (one-article files) or by id."""
    keys = (article_id,) if path.suffix.lower() in RECORD_SUFFIXES else (path.name, article_id)
    return next((t[k] for t in tables for k in keys if k in t), None)


def load_folder(folder: str | Path, options: CorpusOptions | None = None) -> list[Article]:
    """The articles of a folder, with metadata from its articles.csv; raises on bad input."""
    articles = []
    for item in iter_corpus([folder], options):
        if isinstance(item, CorpusError):
            raise item
        articles.append(item)
    return articles
