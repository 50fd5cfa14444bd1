"""The parse as the temporal and event rules walk it, in time linear in what is walked.

spaCy's ``Token.subtree`` nests one generator per level of the tree, so walking the subtree
of a token at the top of a long chain ("attack attack attack ...", a pasted word list that
the parser chains into one sentence) costs its size times its depth: quadratic.  ``subtree``
gives the same tokens in the same order from child lists built once per Doc (cached in
``doc.user_data``).
"""

from __future__ import annotations

import bisect
import functools

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_ALPHA, LENGTH, LOWER, ORTH
from spacy.tokens import Doc, Token

_KEY = "timeline_tree_children"
SMALL_SPAN = 256  # a subtree within this many tokens is walked by spaCy (in C: its depth is small)


def _children(doc: Doc) -> tuple[list[list[int]], list[list[int]]]:
    """(left children, right children) of every token, by index, in document order."""
    kids = doc.user_data.get(_KEY)
    if kids is None or len(kids[0]) != len(doc):
        lefts: list[list[int]] = [[] for _ in range(len(doc))]
        rights: list[list[int]] = [[] for _ in range(len(doc))]
        # HEAD holds offsets to the head (uint64, negative ones wrapped): plain ints, no Token objects
        heads = (doc.to_array("HEAD").astype(np.int64) + np.arange(len(doc), dtype=np.int64)).tolist()
        for i, head in enumerate(heads):
            if head != i:
                (lefts if i < head else rights)[head].append(i)
        kids = doc.user_data[_KEY] = (lefts, rights)
    return kids


def children(tok: Token) -> list[Token]:
    """``tok.children`` from the cached child lists (spaCy scans the token's whole span for
    them: on a chain, every call costs the length of the sentence)."""
    if tok.right_edge.i - tok.left_edge.i < SMALL_SPAN:
        return list(tok.children)
    lefts, rights = _children(tok.doc)
    doc = tok.doc
    return [doc[i] for i in (*lefts[tok.i], *rights[tok.i])]


def subtree_ids(tok: Token) -> list[int]:
    """Indices of ``tok.subtree``, in its order (left subtrees, the token, right subtrees)."""
    lefts, rights = _children(tok.doc)
    if not lefts[tok.i] and not rights[tok.i]:
        return [tok.i]
    out: list[int] = []
    stack = [tok.i]  # i >= 0: visit i; ~i (< 0): emit i
    while stack:
        i = stack.pop()
        if i < 0:
            out.append(~i)
            continue
        stack.extend(reversed(rights[i]))
        stack.append(~i)
        stack.extend(reversed(lefts[i]))
    return out


def subtree(tok: Token) -> list[Token]:
    """``tok.subtree`` as a list, linear in its size whatever the depth of the tree (spaCy's
    own walk for the subtrees of ordinary sentences, which is faster there)."""
    if tok.right_edge.i - tok.left_edge.i < SMALL_SPAN:
        return list(tok.subtree)
    ids = subtree_ids(tok)
    if len(ids) == 1:
        return [tok]
    doc = tok.doc
    return [doc[i] for i in ids]


def span_root(span) -> Token:
    """``span.root`` without its walk to the sentence root for every token (quadratic on a
    chain): the one token whose head lies outside the span; spaCy's rule only when there are
    several (a span cut across the tree)."""
    if len(span) == 1:
        return span[0]
    outside = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    return outside[0] if len(outside) == 1 else span.root


_UNSEEN = object()


def per_token(fn):
    """Cache a pure function of a token (and of further hashable arguments) on its Doc: the
    features of a trigger are read again for every trigger that looks at it, each time through
    new Token objects."""
    key = f"timeline_memo_{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def cached(tok: Token, *args):
        memo = tok.doc.user_data.get(key)
        if memo is None:
            memo = tok.doc.user_data[key] = {}
        k = (tok.i, *args) if args else tok.i  # the token alone: its index, no tuple to build and hash
        got = memo.get(k, _UNSEEN)
        if got is _UNSEEN:
            got = memo[k] = fn(tok, *args)
        return got

    return cached


def release(doc: Doc) -> None:
    """Drop the analysis's caches from the Doc (``doc.user_data`` keys ``timeline_*``): they hold
    Spans and Tokens, which hold the Doc, so that a Doc with them is freed by the cyclic garbage
    collector only; without them, as soon as its last user lets it go."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("timeline_")]:
        del doc.user_data[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (spaCy re-joins every token, making a Token object
    for each, on every read: six reads cost a fifth of the analysis)."""
    text = doc.user_data.get("timeline_text")
    if text is None:
        text = doc.user_data["timeline_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple:
    """``tuple(doc.ents)``, made once per Doc (spaCy makes a new Span for every entity on
    every read of ``doc.ents``)."""
    ents = doc.user_data.get("timeline_tree_ents")
    if ents is None:
        ents = doc.user_data["timeline_tree_ents"] = tuple(doc.ents)
    return ents


def sentence_starts(doc: Doc) -> list[int]:
    """The index of the first token of each sentence (``[s.start for s in doc.sents]``, once per Doc)."""
    starts = doc.user_data.get("timeline_tree_sent_starts")
    if starts is None:
        starts = doc.user_data["timeline_tree_sent_starts"] = [s.start for s in doc.sents]
    return starts


def sentence_index(tok: Token) -> int:
    """The number of ``tok``'s sentence in its Doc (by bisection)."""
    return bisect.bisect_right(sentence_starts(tok.doc), tok.i) - 1


def sentence_of(tok: Token):
    """``tok.sent`` by bisection over the Doc's sentence starts, found once (``Token.sent``
    walks back to the sentence start on every call)."""
    starts = sentence_starts(tok.doc)
    k = bisect.bisect_right(starts, tok.i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(tok.doc)
    return tok.doc[starts[k]:end]


def sentence_chars(tok: Token) -> tuple[int, int]:
    """(start_char, end_char) of ``tok``'s sentence (``sentence_of(tok)``'s), from the token
    offsets: no Span."""
    starts = sentence_starts(tok.doc)
    k = bisect.bisect_right(starts, tok.i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(tok.doc)
    begins, ends = token_offsets(tok.doc)
    return begins[starts[k]], ends[end - 1]


def count_before(tok: Token, texts: frozenset[str], key: str) -> int:
    """How many tokens of ``tok``'s sentence before it have one of ``texts`` (``key``: the
    cache name of that set), by bisection over their positions, found once per Doc."""
    doc = tok.doc
    cache_key = f"timeline_tree_{key}"
    where = doc.user_data.get(cache_key)
    if where is None:  # by the hashes of the token texts: no Token objects
        wanted = np.array([doc.vocab.strings.add(t) for t in texts], dtype=np.uint64)
        where = doc.user_data[cache_key] = np.flatnonzero(among(doc.to_array("ORTH"), wanted)).tolist()
    starts = sentence_starts(doc)
    start = starts[bisect.bisect_right(starts, tok.i) - 1]  # sentence_of(tok).start, without a Span
    return bisect.bisect_left(where, tok.i) - bisect.bisect_left(where, start)


QUOTES = frozenset({'"', "``", "''", "“", "”"})


def in_quotation(tok: Token) -> bool:
    """The token is inside a quotation of its sentence (an odd number of quote marks before it)."""
    return count_before(tok, QUOTES, "quotes") % 2 == 1


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """The character offset where each token starts and where its text ends (once per Doc)."""
    got = doc.user_data.get("timeline_tree_offsets")
    if got is None:
        arr = doc.to_array([IDX, LENGTH]).astype(np.int64)
        got = doc.user_data["timeline_tree_offsets"] = (arr[:, 0].tolist(), (arr[:, 0] + arr[:, 1]).tolist())
    return got


def lower_words(doc: Doc) -> frozenset[str]:
    """The words the article writes in lower case (``t.lower_`` of every alphabetic token whose
    text is lower case), read from the vocabulary once per distinct word: no Token objects."""
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, LOWER, IS_ALPHA])
    alpha = arr[arr[:, 2] != 0]
    pairs = set(zip(alpha[:, 0].tolist(), alpha[:, 1].tolist(), strict=True))
    return frozenset(strings[low] for orth, low in pairs if strings[orth].islower())


def among(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``np.isin(values, wanted)`` for integer ids, by bisection in the sorted ``wanted`` (np.isin
    costs 35-60 µs a call on the arrays of one article, this a third of it)."""
    wanted = np.sort(np.asarray(wanted, dtype=values.dtype))
    if not len(wanted):
        return np.zeros(values.shape, dtype=bool)
    return wanted[np.minimum(np.searchsorted(wanted, values), len(wanted) - 1)] == values


def _hashes(doc: Doc, words) -> np.ndarray:
    """The words' string ids as the int64 that ``to_array(...).astype(np.int64)`` gives."""
    return np.array([doc.vocab.strings.add(w) for w in words], dtype=np.uint64).astype(np.int64)


def with_child(doc: Doc, deps: str | tuple[str, ...], words: frozenset[str] | None = None) -> np.ndarray:
    """A boolean mask of the tokens with a child of relation ``deps`` (one or several) that is
    one of ``words`` (lower case; any word when None), from the Doc's arrays: no Token objects
    (``Token.children`` walks the token's whole span: quadratic on a degenerate sentence)."""
    arr = doc.to_array([DEP, LOWER, HEAD]).astype(np.int64)  # HEAD: offsets to the head, negatives wrapped
    child = among(arr[:, 0], _hashes(doc, (deps,) if isinstance(deps, str) else deps)) & (arr[:, 2] != 0)
    if words is not None:
        child &= among(arr[:, 1], _hashes(doc, words))
    mask = np.zeros(len(doc), dtype=bool)
    mask[np.flatnonzero(child) + arr[child, 2]] = True
    return mask
