"""Forked worker processes for the pipeline: one function over a list of independent items.

Only :mod:`generator.pipeline` uses this; the stages never start processes. Fork, not spawn: the
workers inherit the function and the items (the model, the templates) instead of receiving pickled
copies, so only a chunk's bounds travel out and only its results travel back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 2000  # items; below this, starting workers costs more than it saves
MAX_WORKERS = 4
CHUNKS_PER_WORKER = 8  # several chunks per worker even the work out

# The function and items of the pool being started; a forked worker inherits them.
_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_workers(items: int) -> int:
    """One worker per available CPU (at most ``MAX_WORKERS``) for a large job, else none."""
    if items < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def _run_chunk(start: int, end: int) -> list[Any]:
    assert _TASK is not None, "runs only in a worker forked by Mapped"
    func, items = _TASK
    return [func(items[i]) for i in range(start, end)]


class Mapped(Generic[Item, Result]):
    """``func`` over ``items``, started at once in ``workers`` forked processes; ``results()`` waits.

    The caller may do other work before asking for the results. With one worker, or where fork is
    unavailable, nothing is started and ``results()`` does the work in this process. An exception
    in a worker is raised by ``results()``; a worker that dies raises ``BrokenProcessPool``.
    """

    def __init__(self, func: Callable[[Item], Result], items: Sequence[Item], workers: int) -> None:
        global _TASK
        self.func, self.items = func, list(items)
        self.executor: ProcessPoolExecutor | None = None
        self.futures: list[Future[list[Result]]] = []
        self.done: list[Result] | None = None
        if workers <= 1 or len(self.items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return
        size = -(-len(self.items) // (workers * CHUNKS_PER_WORKER))
        _TASK = (func, self.items)
        try:
            # With fork, the first submit starts every worker, so all of them see _TASK.
            self.executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            self.futures = [self.executor.submit(_run_chunk, start, min(start + size, len(self.items)))
                            for start in range(0, len(self.items), size)]
        except BaseException:
            self.close()
            raise
        finally:
            _TASK = None

    def results(self) -> list[Result]:
        """Every result, in item order."""
        if self.done is None:
            try:
                if self.futures:
                    self.done = [result for future in self.futures for result in future.result()]
                else:
                    self.done = [self.func(item) for item in self.items]
            finally:
                self.close()
        return self.done

    def __iter__(self) -> Iterator[Result]:
        return iter(self.results())

    def close(self) -> None:
        """Stop the workers, dropping work not yet started; safe to call more than once."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def map_items(func: Callable[[Item], Result], items: Sequence[Item], workers: int) -> list[Result]:
    """``[func(item) for item in items]``, in ``workers`` processes."""
    return Mapped(func, items, workers).results()
