"""Publication dates as people and sites write them, parsed with dateparser.

"2021-10-09", "Sat, 09 Oct 2021 14:03:00 GMT", "October 9th, 2021 3:45 PM EDT",
"9 octobre 2021", "Samstag, 9. Oktober 2021", "Published: Oct 9 2021 at 11:04 am": the date
as written, in the time zone it is written in (a page dated 9 Oct in New York is dated 9
Oct, whatever the server's zone).  Never relative to the clock (DESIGN.md principle 4):
"yesterday", "3 days ago" or "today" are refused, since the package cannot know the day they
were written; a string is tried against two different reference days and refused when
the answers differ.  A date with no day ("October 2021") or no such day ("February 30") is
refused with the reason.  Languages: ``LANGUAGES`` (English first; dateparser needs a short
list or it is twenty times slower).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")
_BASES = (datetime(2000, 1, 1), datetime(2010, 6, 15))  # two reference days: a relative date moves
_LABEL = re.compile(r"^\s*(?:published|updated|posted|last updated|date|dated)(?:\s+on)?\s*[:\-–]?\s*", re.I)
_AT = re.compile(r"\s+(?:at|@|um|à|a las)\s+(?=\d)", re.I)
_DOTTED = re.compile(r"^\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")  # 9.10.2021: day first wherever dots are used
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


class PublishedDateError(ValueError):
    """A publication date that cannot be read, with the reason."""


def _parse(text: str, base: datetime, languages: tuple[str, ...]) -> datetime | None:
    settings = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first"}
    if _DOTTED.match(text):
        settings["DATE_ORDER"] = "DMY"
    return dateparser.parse(text, languages=list(languages), settings=settings)


def parse_published(value: object, languages: tuple[str, ...] = LANGUAGES) -> date | None:
    """The publication date written in ``value`` (None when empty); PublishedDateError with
    the reason when it cannot be read as one day of the calendar."""
    if value is None or not str(value).strip():
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if _ISO.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            raise PublishedDateError(f"'{text}' is not a valid date: no such day in that month") from None
    cleaned = _AT.sub(" ", _LABEL.sub("", text))
    first, second = (_parse(cleaned, base, languages) for base in _BASES)
    if first is None or second is None:
        raise PublishedDateError(f"'{text}' is not a valid date: a day, month and year are needed "
                                 "(e.g. 2021-10-09 or 9 October 2021), and the day must exist")
    if first != second:
        raise PublishedDateError(f"'{text}' is not a valid date: it is relative to the day it was "
                                 "written; give the date itself (e.g. 2021-10-09)")
    return first.date()
