"""The one-process ingest's long-lived objects, kept out of the cyclic garbage collector's way.

Every full collection of Python's collector walks all the container objects it tracks.  Once
the spaCy pipeline, the analysis tables and the GeoNames index are loaded, that is some 200,000
objects that live as long as the process, walked again at each of the ingest's full
collections (0.03 to 0.25 s each: a second of CPU for 300 articles).  ``gc.freeze`` moves the
objects alive at that moment into the permanent generation, which no collection walks;
everything created afterwards is collected as before.  Nothing the ingest computes changes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class LongLived:
    """Freezes the objects alive at the start of an ingest; ``release`` unfreezes them (at the
    end of the ingest: the interpreter's exit then frees them as it would have, and DuckDB
    does not report objects it finds unfreed).  A process that froze objects of its own before
    is left as it is."""

    def __init__(self) -> None:
        self.frozen = False

    def after_start(self, chunks: Iterable[T], warm: Callable[[], object]) -> Iterator[T]:
        """The chunks, as they come.  Before the first one, ``warm()`` (which loads the
        pipeline and the gazetteer, and may call ``freeze`` between the two) and the objects
        then alive are frozen; after it, again (the tables its analysis loaded)."""
        for k, chunk in enumerate(chunks):
            if k == 0:
                warm()
                self.freeze()
            yield chunk
            if k == 0:
                self.freeze()

    def freeze(self) -> None:
        if self.frozen or gc.get_freeze_count() == 0:
            self.frozen = True
            gc.freeze()

    def release(self) -> None:
        if self.frozen:
            self.frozen = False
            gc.unfreeze()


def warm_frozen(warm: Callable[..., object], *args: object) -> None:
    """A pool worker's start-up: ``warm(*args, gc.freeze)`` (the pipeline loaded, frozen, the
    gazetteer built), then frozen again.  Nothing is unfrozen: the worker ends by ``os._exit``,
    which frees nothing."""
    warm(*args, gc.freeze)
    gc.freeze()
