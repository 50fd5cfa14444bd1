"""How wide a line of text is drawn in the charts, in pixels, estimated from its characters
(pure; no browser): the labels' room is reckoned in pixels, and a count of characters at one
width either wastes half the room ('The Taliban rejected c…') or, on 'WWW', overflows it.

Widths per character at the app's chart font (Source Sans, which Streamlit serves) measured in
Chromium at 11 px, grouped into classes and rounded up; ``SAFETY`` adds 10 %.  A character of
no class (another script, a symbol) counts as wide, a CJK one as a full em.
"""

from __future__ import annotations

from functools import lru_cache

SAFETY = 1.1
_CLASSES_11PX = (  # (characters, width in px at 11 px)
    (" ", 2.3),
    ("ijlI.,:;'’‘|!`", 3.0),
    ("ftr()[]{}-‐‑/\\\"“”", 4.0),
    ("sJz?*", 4.8),
    ("abcdeghknopquvxy0123456789$#_=+<>~^", 6.1),
    ("ABCDEFGHKLNOPQRSTUVXYZ&%@", 6.5),
    ("wM", 8.2),
    ("mW", 9.3),
    ("…—–", 10.6),
)
_WIDTH = {c: w for chars, w in _CLASSES_11PX for c in chars}
_OTHER, _CJK = 7.5, 11.0


@lru_cache(maxsize=4096)
def _char_px(c: str) -> float:
    if c in _WIDTH:
        return _WIDTH[c]
    if c.isalpha() and ord(c) < 0x2E80:
        return _WIDTH.get(c.lower() if c.isupper() else c, _OTHER if ord(c) > 0x24F else 6.5)
    return _CJK if ord(c) >= 0x2E80 else _OTHER


def text_px(text: str, size: float = 11) -> float:
    """The width in px of ``text`` on one line at font ``size`` px (a little more than drawn)."""
    return sum(map(_char_px, text)) * size / 11 * SAFETY


def fit_px(text: str, room_px: float, size: float = 11) -> str:
    """``text`` whole when it fits in ``room_px`` at font ``size``, else cut at the last word
    boundary where it fits with "…" (at a character where that leaves less than half the room
    used: a long first word, a URL)."""
    if text_px(text, size) <= room_px:
        return text
    words = text.split()
    while len(words) > 1 and text_px(" ".join(words) + "…", size) > room_px:
        words.pop()
    cut = " ".join(words)
    if text_px(cut, size) < room_px / 2:
        cut = " ".join(text.split())
    while len(cut) > 1 and text_px(cut + "…", size) > room_px:
        cut = cut[:-1]
    return cut.rstrip(" ,;:–—-") + "…"
