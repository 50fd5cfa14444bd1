"""Guards: reject matches that are not temporal in context ("may" the modal verb,
"fall" the verb, "march" the verb, lower-case weekday/month words).  A guard gets the
Doc (possibly without a parse) and the regex match, and returns True to keep it.
Guards read the text as ``m.string`` (``Doc.text`` re-joins every token on each call)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from timeline.dates.resources import load_tables
from timeline.dates.tree import sentence_of

MONTHS = load_tables("en")["months"]

SEASON_OK_BEFORE = re.compile(
    r"(?:\b(?:the|in|this|last|next|past|coming|during|early|late|mid|of|by|until|since|that|each|every|"
    r"through|for)[ -])$", re.IGNORECASE)
NOT_A_VERB_POS = ("VERB", "AUX")


def has(doc: Doc, attr: str) -> bool:
    """doc.has_annotation is O(len(doc)); cache it once per Doc (keeps guards linear)."""
    key = f"timex_has_{attr}"
    if key not in doc.user_data:
        doc.user_data[key] = doc.has_annotation(attr)
    return doc.user_data[key]


def _token_at(doc: Doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _capitalised(m, group: str) -> bool:
    word = m.group(group)
    return word is None or word[0].isupper()


MARCH_PREP = re.compile(r"['\"]*(?:\s+(?:for|of|on|to|against|through|from)\b|\s*[.,;:!?)])", re.IGNORECASE)
MONTH_AS_NOUN = re.compile(r"\b(?:the|a|an|annual|his|her|their|its|[a-z]+['’]s)[ ]?[`'\"]*$", re.IGNORECASE)
NAME_PART_POS = ("PROPN", "ADJ", "NOUN")


def _part_of_a_name(doc: Doc, m) -> bool:
    """'the Long March', 'the Ice March', 'Black September': a bare month after a capitalised
    word that modifies it is (part of) a name, not the month."""
    tok = _token_at(doc, m.start("month"))
    if tok is None or tok.i == 0 or not has(doc, "DEP"):
        return False
    prev = doc[tok.i - 1]
    return prev.is_title and prev.pos_ in NAME_PART_POS and prev.head.i == tok.i and prev.lower_ not in MONTHS


def month_capitalised(doc: Doc, m) -> bool:
    if not _capitalised(m, "month"):
        return False
    word = m.group("month").lower()
    if word in ("may", "march") and m.group(0).lower() == word and MONTH_AS_NOUN.search(
            m.string[max(0, m.start() - 16):m.start()]) and MARCH_PREP.match(m.string, m.end()):
        return False  # "the annual March for Life", "his ``March to the Sea''", "along the March." (not "the March accession")
    if m.group(0) == m.group("month") and _part_of_a_name(doc, m):
        return False
    if word in ("may", "march") and m.group(0).lower() == word:
        tok = _token_at(doc, m.start("month"))
        if tok is not None and has(doc, "TAG"):
            if tok.pos_ in NOT_A_VERB_POS or tok.tag_ == "MD":
                return False
            if tok.i == sentence_of(tok).start if has(doc, "SENT_START") else False:
                return tok.pos_ == "PROPN"
        elif word == "may":
            return False
    return True


def weekday_capitalised(doc: Doc, m) -> bool:
    return all(_capitalised(m, g) for g in ("weekday", "weekday2", "weekday3") if g in m.re.groupindex)


QUOTED_TITLE_BEFORE = re.compile(r"[\"“`](?:[A-Z][\w'’-]*\s)+$")  # 'the song "White Christmas"'


def holiday_capitalised(doc: Doc, m) -> bool:
    return m.group("name")[0].isupper() and not QUOTED_TITLE_BEFORE.search(m.string[max(0, m.start() - 30):m.start()])


def season_word(doc: Doc, m) -> bool:
    word = m.group("season").lower()
    if word not in ("fall", "spring") or m.group("dir") or m.group("mod") or m.group("year"):
        return True
    if not SEASON_OK_BEFORE.search(m.string[max(0, m.start() - 12):m.start()]):
        return False
    tok = _token_at(doc, m.start("season"))
    return tok is None or not has(doc, "TAG") or tok.pos_ not in NOT_A_VERB_POS


def ref_word(doc: Doc, m) -> bool:
    word = m.group("word").lower()
    if word == "future":
        tok = _token_at(doc, m.start("word"))
        return tok is None or tok.dep_ != "compound"
    return True


def quarter_context(doc: Doc, m) -> bool:
    return True


def set_adverb(doc: Doc, m) -> bool:
    if not m.group("adverb"):
        return True
    if re.search(r"\baverage $", m.string[max(0, m.start() - 8):m.start()], re.IGNORECASE):
        return False  # "average daily volume": a statistic, not a recurrence
    tok = _token_at(doc, m.start("adverb"))
    return tok is None or not has(doc, "TAG") or tok.pos_ in ("ADV", "ADJ")


def duration_number(doc: Doc, m) -> bool:
    if m.group("unit").lower().startswith("quarter") and re.match(r"\s+of\b", m.string[m.end():m.end() + 5]):
        return False
    before = m.string[max(0, m.start() - 8):m.start()].lower()
    num = m.group("num").lower()
    if num in ("a", "an") and re.search(r"(?:twice|once|times|per|\d%?|\$[\d.,]+ ?\w*) $", before):
        return False
    return not re.search(r"[\d$]$", before.rstrip(" ")) or num not in ("a", "an")


TITLE_BEFORE = re.compile(r"\b[A-Z][A-Za-z.]*\s$")  # "VOA Today", "USA Today"


def not_a_title(doc: Doc, m) -> bool:
    """A capitalised calendar word inside a name or title is not a date ("This Week with
    David Brinkley", "VOA Today", "USA Today"); all-capital headlines are kept."""
    word = m.group("unit") if "unit" in m.re.groupindex and m.group("unit") else m.group("word") if "word" in m.re.groupindex else None
    if not word or not word[0].isupper() or m.group(0).isupper():
        return True
    if "unit" in m.re.groupindex and m.group("unit"):
        return False  # "This Week": the unit is never capitalised in running text
    before = m.string[max(0, m.start() - 12):m.start()]
    return not (TITLE_BEFORE.search(before) and not re.search(r"[.!?]['\"`]*\s*$", before))


def year_range(doc: Doc, m) -> bool:
    """'1995-96', '2007-08': a two-digit end after the first year (not '2021-08', a month)."""
    g = m.groupdict()
    first, end = (g["first"], g["year"]) if g.get("first") else (g["year"], g["yy"])
    return int(first) % 100 < int(end)


def range_day(doc: Doc, m) -> bool:
    """'May 4 and 5', '6-7 February': a day of a range, not a count ('on May 4 and 5 people
    died': '5' modifies a noun)."""
    if not _capitalised(m, "month"):
        return False
    tok = _token_at(doc, m.start("day"))
    if tok is None or not has(doc, "DEP") or tok.dep_ != "nummod":
        return True
    return tok.head.lower_.rstrip(".") in MONTHS  # '6-7 February': the number of a month's day


_MAKE = re.compile(r"\s+(?:(?P<word>[A-Za-z]+)\s+)?(?P<make>[A-Z][A-Za-z-]*)\b")
_OWNED = re.compile(r"\b(?:a|an|the|his|her|their|my|our|your|its|[A-Za-z]+['’]s)\s+$", re.IGNORECASE)
MAKES = frozenset(load_tables("en")["vehicle_makes"])


def not_a_model_year(doc: Doc, m) -> bool:
    """'a 1999 Buick', 'his 2007 Gray Mitsubishi Eclipse': after a determiner, the year of a
    vehicle's model (words.yaml ``vehicle_makes``) is no date of the story ('In 2014 Ford
    cut jobs' is)."""
    if not _OWNED.search(m.string, max(0, m.start() - 20), m.start()):
        return True
    after = _MAKE.match(m.string, m.end(), m.end() + 40)
    return after is None or not ({after.group("make").lower(), (after.group("word") or "").lower()} & MAKES)


GUARDS = {
    "month_capitalised": month_capitalised, "weekday_capitalised": weekday_capitalised,
    "holiday_capitalised": holiday_capitalised, "season_word": season_word, "ref_word": ref_word,
    "quarter_context": quarter_context, "duration_number": duration_number, "set_adverb": set_adverb,
    "not_a_title": not_a_title, "year_range": year_range, "range_day": range_day,
    "not_a_model_year": not_a_model_year,
}
