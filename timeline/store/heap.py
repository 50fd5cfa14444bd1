"""The one-process ingest's long-lived objects, kept out of the cyclic garbage collector's way.

Every full collection of Python's collector walks all the container objects it tracks.  Once
the spaCy pipeline, the analysis tables and the GeoNames index are loaded, that is some 200,000
objects that live as long as the process, walked again at each of the ingest's full
collections (0.03 to 0.25 s each: a second of CPU for 300 articles).  ``gc.freeze`` moves the
objects alive at that moment into the permanent generation, which no collection walks;
everything created afterwards is collected as before.  Nothing the ingest computes changes.

``reuse_freed_memory`` does the same for C's heap in a process that only ingests (the CLI, the
pool's workers): glibc's malloc gives freed memory back to the system and takes it again at
the next batch, each page faulted in and zeroed anew (300,000 page faults and some 1.5 s of
system time per 300 articles, against 70,000 for the bare spaCy pass).
"""

from __future__ import annotations

import ctypes
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


# glibc's mallopt parameters (malloc.h) and the values set: blocks up to 32 MiB (glibc's largest
# mmap threshold) come from the heap, and up to 256 MiB of free memory at its top is kept
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD, TRIM_THRESHOLD = 32 << 20, 256 << 20


def reuse_freed_memory() -> bool:
    """Make glibc's malloc keep the memory a process frees for its next allocations, instead of
    unmapping large blocks and trimming the heap's top (to fault it in again, zeroed, a moment
    later: spaCy's arrays of every batch, the analysis's objects).  Only for a process whose work
    is the ingest (the CLI's, a pool worker): the settings last as long as the process, whose
    peak memory stays where it was (up to 256 MiB of it free for reuse).  False, and nothing
    changed, where the C library has no glibc ``mallopt``."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


def release_freed_memory() -> None:
    """Give what C's heap holds free back to the system (glibc's ``malloc_trim``; nothing where
    there is none): at the end of the ingest, before the store's cross-article pass, whose peak
    would otherwise come on top of the memory that ``reuse_freed_memory`` kept."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def warm_frozen(warm: Callable[..., object], *args: object) -> None:
    """A pool worker's start-up: freed memory kept for reuse (``reuse_freed_memory``),
    ``warm(*args, gc.freeze)`` (the pipeline loaded, frozen, the gazetteer built), then frozen
    again.  Nothing is unfrozen: the worker ends by ``os._exit``, which frees nothing."""
    reuse_freed_memory()
    warm(*args, gc.freeze)
    gc.freeze()
