"""Spreading independent per-item work over processes: reading record files, reading each
record's prose (the model) and rendering the pages.

That work is pure Python and independent per item, so on a machine with several cores a large
knowledge base gets it done in a fraction of the time. ``workers`` counts the processes that work,
this one included: with two cores one process is forked, and this one does its own work first
(linking records, the exports) and then takes items too. Forking one worker per core instead, so
that three processes shared two cores, cost 1.8 CPU-seconds more at 10,000 records (13.1 against
11.3) and 1.1 s more in all (7.4 against 6.3 s, medians of six alternating runs): each forked
process copies the memory it touches and sends its results back. It pays where the work per item
is large beside its result, and only if the result travels light: record files read in a worker
came back as dataclasses at about the cost of parsing them here, and as plain tuples in three
quarters of that time. Writing files stays in one process (the kernel's share did not shrink with
two writers).

Fork, not spawn: a worker inherits the model, the templates and the function to run instead of
receiving pickled copies; only results travel back.

Small jobs stay in one process (starting a worker costs more than a few hundred items), and so
does anything where forking is unavailable (not Linux or macOS) or unsafe: ``make serve`` runs
a file watcher thread and asks for one worker.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 2000  # items; below this one process is faster
MAX_WORKERS = 4
CHUNKS_PER_WORKER = 8

# The work of the current spread, inherited by the forked workers (never pickled): the function,
# the items, the chunks' bounds, the counter of chunks handed out, each worker's pipe, and the
# folder the results are written to.
_WORK: tuple[Callable[[Any], Any], list[Any], list[tuple[int, int]], Any, list[Connection], str] | None = None


def default_workers(items: int) -> int:
    """One working process per available CPU (at most ``MAX_WORKERS``) for large jobs, else one."""
    if items < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def _claim(counter: Any, total: int) -> int | None:
    """The next chunk nobody has taken yet, or ``None`` when all are taken."""
    with counter.get_lock():
        chunk = counter.value
        if chunk >= total:
            return None
        counter.value = chunk + 1
    return chunk


class _Failure:
    """An exception raised in a worker, sent to the parent with its traceback."""

    def __init__(self, exc: BaseException) -> None:
        self.traceback = traceback.format_exc()
        try:
            pickle.dumps(exc)
            self.exc: BaseException = exc
        except Exception:  # an exception that cannot travel is described instead
            self.exc = RuntimeError(f"{type(exc).__name__}: {exc}")


class WorkerTraceback(Exception):
    """Where in the worker the exception was raised (the cause of the re-raised exception)."""


def _result_file(folder: str, chunk: int) -> str:
    return os.path.join(folder, f"{chunk}.pickle")


def _work(index: int) -> None:
    """A forked worker: take chunks until none is left, and hand each chunk's results back.

    The results go to a file and only the chunk's number through the pipe: a pipe holds 64 KB,
    and a worker whose 2 MB of pages wait for the parent to read them cannot go on while the
    parent does its own work.
    """
    assert _WORK is not None
    func, items, chunks, counter, pipes, folder = _WORK
    out = pipes[index]
    for other in pipes:  # the parent sees a worker's pipe close when that worker is gone
        if other is not out:
            other.close()
    try:
        while (chunk := _claim(counter, len(chunks))) is not None:
            start, end = chunks[chunk]
            try:
                results = [func(items[i]) for i in range(start, end)]
                with open(_result_file(folder, chunk), "wb") as file:
                    pickle.dump(results, file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:
                out.send((chunk, _Failure(exc)))
                return
            out.send((chunk, None))
    finally:
        out.close()


class Spread(Generic[Item, Result]):
    """``func`` over ``items`` in ``workers`` processes, this one included; ``results()`` returns
    them in item order.

    ``workers - 1`` processes are forked and start at once, so the caller can do its own work
    before asking for the results; then the caller works on the items that are left, instead of
    waiting. With one worker nothing is forked and ``results()`` does all the work itself.
    """

    def __init__(self, func: Callable[[Item], Result], items: Sequence[Item], workers: int) -> None:
        global _WORK
        self.func, self.items = func, list(items)
        self.processes: list[Any] = []
        self.readers: list[Connection] = []
        if workers > 1 and len(self.items) >= workers and "fork" in multiprocessing.get_all_start_methods():
            if _WORK is not None:
                raise RuntimeError("one spread at a time")
            # Items go out in chunks, a few per process: whoever is free takes the next one, so
            # the work evens out, and the results of a finished chunk travel back while the
            # others are still being worked on (one result per worker at the end left the parent
            # a 0.5 s tail of receiving 40 MB of pages at 10,000 records). Only a chunk's number
            # travels; the items are inherited.
            context = multiprocessing.get_context("fork")
            size = -(-len(self.items) // (workers * CHUNKS_PER_WORKER))
            self.chunks = [(start, min(start + size, len(self.items))) for start in range(0, len(self.items), size)]
            self.counter = context.Value("i", 0)
            pipes = [context.Pipe(duplex=False) for _ in range(workers - 1)]
            self.folder = tempfile.mkdtemp(prefix="kennisbank-spread-")
            _WORK = (func, self.items, self.chunks, self.counter, [writer for _reader, writer in pipes], self.folder)
            self.readers = [reader for reader, _writer in pipes]
            self.processes = [context.Process(target=_work, args=(i,), daemon=True) for i in range(workers - 1)]
            for process in self.processes:
                process.start()
            for _reader, writer in pipes:
                writer.close()
            self.sent: set[int] = set()  # chunks whose results a worker has written

    def _receive(self, timeout: float | None) -> bool:
        """Take the workers' messages (waiting up to ``timeout``); ``False`` once all are gone."""
        if not self.readers:  # waiting on no pipe at all would wait for ever
            return False
        for reader in wait(self.readers, timeout):
            try:
                chunk, failure = reader.recv()  # type: ignore[union-attr]
            except EOFError:  # that worker is gone
                self.readers.remove(reader)  # type: ignore[arg-type]
                reader.close()  # type: ignore[union-attr]
                continue
            if failure is not None:
                raise failure.exc from WorkerTraceback(failure.traceback)
            self.sent.add(chunk)
        return bool(self.readers)

    def results(self) -> list[Result]:
        """Every result, in item order (a worker's exception is raised here)."""
        if not self.processes:
            return [self.func(item) for item in self.items]
        done: dict[int, list[Result]] = {}
        try:
            while (chunk := _claim(self.counter, len(self.chunks))) is not None:
                self._receive(0)  # a worker failed: stop now rather than after the work
                start, end = self.chunks[chunk]
                done[chunk] = [self.func(self.items[i]) for i in range(start, end)]
            while self._receive(None):  # every chunk is taken; the workers finish theirs and exit
                pass
            for chunk in sorted(self.sent):
                with open(_result_file(self.folder, chunk), "rb") as file:
                    done[chunk] = pickle.load(file)
            if len(done) < len(self.chunks):
                raise RuntimeError("a worker process stopped before it sent its results")
        finally:
            self.close()
        return [result for chunk in range(len(self.chunks)) for result in done[chunk]]

    def close(self) -> None:
        """Stop the workers (at once if they are still busy); safe to call more than once."""
        global _WORK
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for reader in self.readers:
            reader.close()
        if self.processes:
            shutil.rmtree(self.folder, ignore_errors=True)
            _WORK = None
        self.processes, self.readers = [], []
