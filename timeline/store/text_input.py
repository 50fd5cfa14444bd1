"""Bytes -> clean text, on read: the encoding of a file and the normalisation of the text of
every article (the corpus readers and the app's paste and upload paths call this).

- **Encoding**: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else valid UTF-8 is
  UTF-8; else ``charset-normalizer`` (a maintained detector, pinned in requirements.txt)
  picks one, Windows-1252 where that reads the bytes as well as its best guess (news in
  Western languages: Latin-1 files are read right too).  What cannot be read as text
  (no encoding fits, or over 5 % control characters / NUL bytes once decoded) is refused
  with ``NotText``.  The encoding used goes into ``Article.encoding`` and the ingest summary.
- **Normalisation** (``normalise_text``): lone surrogates (from JSON ``"\\ud800"``) become
  U+FFFD; NUL and other control characters are removed; CR LF, CR, form feed, NEL and the
  Unicode line and paragraph separators become ``\\n``; no-break and other Unicode spaces
  become a space; zero-width spaces, word joiners and stray byte-order marks are removed.
  Each kind of change is counted (``Article.cleaned``, summed in the ingest summary).
  Text that needs none of it (nearly all) costs one regex scan.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from timeline.models import Article

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
WESTERN = "cp1252"
MAX_CONTROL_SHARE = 0.05  # decoded text with more control characters than this is binary
SAMPLE = 1 << 16  # characters checked for control characters

_SURROGATE = "\ud800-\udfff"
_LINE_BREAK = "\r\x0b\x0c\x85\u2028\u2029"
_CONTROL = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
_SPACE = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u2060\ufeff"
_ANY = re.compile(f"[{_SURROGATE}{_LINE_BREAK}{_CONTROL}{_SPACE}{_INVISIBLE}]")
STEPS = (  # (what the summary calls it, pattern, replacement), in this order
    ("lone surrogates", re.compile(f"[{_SURROGATE}]"), "\ufffd"),
    ("odd line breaks", re.compile(f"\r\n|[{_LINE_BREAK}]"), "\n"),
    ("control characters", re.compile(f"[{_CONTROL}]"), ""),
    ("odd spaces", re.compile(f"[{_SPACE}]"), " "),
    ("invisible characters", re.compile(f"[{_INVISIBLE}]"), ""),
)
_CONTROLS = re.compile(f"[{_CONTROL}]")


class NotText(ValueError):
    """Bytes that are not text in any encoding we read (the reason is the message)."""


def normalise_text(text: str) -> tuple[str, dict[str, int]]:
    """(clean text, {kind of change: count}); the text itself when nothing needs changing."""
    if not _ANY.search(text):
        return text, {}
    changed: dict[str, int] = {}
    for name, pattern, repl in STEPS:
        text, n = pattern.subn(repl, text)
        if n:
            changed[name] = n
    return text, changed


def clean_article(article: Article) -> Article:
    """The article with its text and metadata normalised, the changes counted in ``cleaned``."""
    total: dict[str, int] = dict(article.cleaned)
    fields = {}
    for name in ("id", "text", "title", "source", "url", "path"):
        value, changed = normalise_text(getattr(article, name))
        if changed:
            fields[name] = value
            for kind, n in changed.items():
                total[kind] = total.get(kind, 0) + n
    if not fields:
        return article
    return replace(article, **fields, cleaned=tuple(sorted(total.items())))


def _charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    for match in results:  # equally good readings: prefer Windows-1252 (a superset of Latin-1's letters)
        if match.chaos <= best.chaos + 0.01 and WESTERN in (match.encoding, *match.could_be_from_charset):
            return WESTERN
    return best.encoding


def _wide_text(data: bytes) -> bool:
    """Bytes shaped like UTF-16/32 text in a Latin script: at least 16 bytes, and NULs in at
    least 40 % of the even or of the odd positions (the high bytes of ASCII letters)."""
    head = data[:4096]
    half = len(head) // 2
    return len(head) >= 16 and max(head[0::2].count(0), head[1::2].count(0)) >= 0.4 * half


def detect_encoding(data: bytes, complete: bool = True) -> str:
    """The encoding of ``data`` (the whole file, or its first bytes when ``complete`` is
    False); NotText when none fits."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    nul = b"\x00" in data[:8192]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    if utf8 and not nul:
        return "utf-8"
    found = _charset_normalizer(data)
    if nul and found and found.startswith(("utf_16", "utf_32")) and _wide_text(data):
        return found  # UTF-16 without a byte-order mark
    if utf8:
        return "utf-8"  # with NUL bytes: decoded, then judged by its control characters
    if found is None or nul:
        raise NotText("binary file (contains NUL bytes), not text" if nul else
                      "not text: no text encoding reads these bytes (binary?)")
    return found


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a whole file; NotText for binary data."""
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise NotText(f"not text: cannot be decoded as {encoding} ({exc})") from None
    check_not_binary(text)
    return text, encoding


def check_not_binary(text: str) -> None:
    """NotText when the decoded text is mostly control characters (an image, an archive)."""
    sample = text[:SAMPLE]
    if sample and len(_CONTROLS.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise NotText("binary file (control characters / NUL bytes), not text")
