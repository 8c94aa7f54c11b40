"""Spreading independent per-item work over processes: reading record files, reading each
record's prose (the model) and rendering record pages.

That work is pure Python and independent per record, so on a machine with several cores a large
knowledge base gets it done in a fraction of the time by forked worker processes (measured at
10,000 records on two cores: rendering 7–9 s in one process, 4–5 s with two), while the parent
does other work (linking records; overviews and exports). It pays where the work per item is large
beside its result, and only if the result travels light: record files read by two workers came
back as dataclasses at about the cost of parsing them in one process, and as plain tuples in
three quarters of that time. Writing files stays in one process (the kernel's share did not
shrink with two writers).

Fork, not spawn: a worker inherits the model, the templates and the function to run instead of
receiving pickled copies; only results travel back.

Small jobs stay in one process (starting workers costs more than a few hundred items), and so
does anything where forking is unavailable (not Linux or macOS) or unsafe: ``make serve`` runs
a file watcher thread and asks for one worker.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 2000  # items; below this one process is faster
MAX_WORKERS = 4

# The work of the current spread, inherited by the forked workers (never pickled).
_WORK: tuple[Callable[[Any], Any], list[Any]] | None = None
CHUNKS_PER_WORKER = 8


def default_workers(items: int) -> int:
    """One worker per available CPU (at most ``MAX_WORKERS``) for large jobs, else one."""
    if items < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _WORK is not None
    func, items = _WORK
    return [func(items[i]) for i in range(*bounds)]


class Spread(Generic[Item, Result]):
    """``func`` over ``items`` in ``workers`` processes; ``results()`` returns them in item order.

    The workers start at once, so the caller can do other work before asking for the results.
    With one worker nothing is forked and ``results()`` does the work itself.
    """

    def __init__(self, func: Callable[[Item], Result], items: Sequence[Item], workers: int) -> None:
        global _WORK
        self.func, self.items, self.workers = func, list(items), workers
        self.pool: Any = None
        if workers > 1 and len(self.items) >= workers and "fork" in multiprocessing.get_all_start_methods():
            if _WORK is not None:
                raise RuntimeError("one spread at a time")
            # Items go out in chunks, a few per worker: a worker that is done takes the next one,
            # and the results of a finished chunk travel back while the others are still being
            # worked on (one result per worker at the end left the parent a 0.5 s tail of
            # receiving 40 MB of pages at 10,000 records). Only chunk bounds are sent; the items
            # are inherited.
            _WORK = (func, self.items)
            size = -(-len(self.items) // (workers * CHUNKS_PER_WORKER))
            chunks = [(start, min(start + size, len(self.items))) for start in range(0, len(self.items), size)]
            self.pool = multiprocessing.get_context("fork").Pool(workers)
            self.pending = self.pool.map_async(_run_chunk, chunks, chunksize=1)

    def results(self) -> list[Result]:
        """Every result, in item order (a worker's exception is raised here)."""
        if self.pool is None:
            return [self.func(item) for item in self.items]
        try:
            chunks = self.pending.get()
        finally:
            self.close()
        return [result for chunk in chunks for result in chunk]

    def close(self) -> None:
        """Stop the workers (at once if they are still busy); safe to call more than once."""
        global _WORK
        if self.pool is not None:
            if self.pending.ready():
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()
            self.pool = None
            _WORK = None
