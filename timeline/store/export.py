"""Exports of an event table (timeline.table schema): CSV safe against formula injection,
and JSON.

Article text is untrusted, and a spreadsheet evaluates a cell that begins with ``=``,
``+``, ``-`` or ``@`` (and, in some programs, a tab or carriage return) as a formula.
Following OWASP "CSV Injection", every text cell that begins with one of those characters
is prefixed with a single quote, which makes the spreadsheet show it as text.  Numeric
columns (offsets, counts, coordinates) come from the typed schema, never from article
text, so a negative longitude stays a number.
"""

from __future__ import annotations

import io
import json

import pandas as pd

from timeline.table import COLUMNS, EVENT_SCHEMA, LIST_COLUMNS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
_TEXT_COLUMNS = tuple(c.name for c in EVENT_SCHEMA if c.dtype in ("string", "list"))


def neutralise_cell(value: str) -> str:
    """A text cell a spreadsheet will not evaluate (OWASP: prefix a single quote)."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _iso_day(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Exactly the schema's columns; dates as ISO days; missing values as None."""
    out = df.loc[:, list(COLUMNS)].astype(object)
    for col in ("published", "date_start", "date_end"):
        out[col] = df[col].map(_iso_day).astype(object)
    return out.where(out.notna(), None)


def to_csv(df: pd.DataFrame) -> bytes:
    """The rows of ``df`` as UTF-8 CSV: every schema column, list cells joined with "; ",
    text cells neutralised against formula injection."""
    out = _plain(df)
    for col in LIST_COLUMNS:
        out[col] = out[col].map(lambda v: LIST_SEPARATOR.join(v or []))
    for col in _TEXT_COLUMNS:
        out[col] = out[col].map(lambda v: neutralise_cell(str(v)) if v is not None else "")
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\r\n")  # RFC 4180: a CR in a cell gets quoted
    return buf.getvalue().encode("utf-8")


def to_json(df: pd.DataFrame) -> bytes:
    """The rows of ``df`` as a UTF-8 JSON array of objects (dates ISO, missing = null)."""
    out = _plain(df)
    records = [
        {k: (list(v) if k in LIST_COLUMNS else _scalar(v)) for k, v in row.items()}
        for row in out.to_dict(orient="records")
    ]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def _scalar(value):
    if value is None:
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def safe_csv(df: pd.DataFrame) -> bytes:
    """Any small table (key dates, corrections) as UTF-8 CSV with its text cells neutralised
    against formula injection, like ``to_csv``."""
    out = df.astype(object).where(df.notna(), None)
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, str)).any():
            out[col] = out[col].map(lambda v: neutralise_cell(v) if isinstance(v, str) else v)
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\r\n")
    return buf.getvalue().encode("utf-8")
