"""The stages wired in order, for the CLI, the tests and the benchmark: no stage is skipped.

This module alone decides what runs when and in which process: the stages are plain functions,
and their per-item work (reading a record file, a record's prose, a page) is spread over forked
workers (:mod:`generator.pool`) when the knowledge base is large.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .build import collect_content, merge, write_tree
from .changes import entries
from .config import Settings
from .export import export
from .feeds import feeds
from .finder import Finder
from .history import History, read_history
from .load import gather, list_records, read_record
from .model import Model, assemble, parts, prose
from .names import name_index
from .pool import Mapped, default_workers, map_items
from .problems import Problem
from .render import Renderer, page_jobs
from .schema import Schemas
from .validate import Validated, validate


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a stage runs (a ``with`` block or a decorator).

    A build makes millions of objects that live until it ends, and every full collection walks
    them all; in a forked worker a walk also copies the memory it shares with its parent.
    Reference counting still frees what the stages drop.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Generated:
    validated: Validated
    model: Model | None
    pages: dict[str, str | bytes]

    @property
    def problems(self) -> list[Problem]:
        return self.validated.problems


@cycle_collector_paused()
def check(data_dir: Path, schemas: Schemas | None = None, display_root: Path | None = None,
          workers: int | None = None) -> Validated:
    """Load and validate: every problem in ``data_dir``."""
    schemas = schemas or Schemas()
    listing = list_records(data_dir, list(schemas.collections), display_root)
    if workers is None:
        workers = default_workers(len(listing.files))
    return validate(gather(listing, map_items(read_record, listing.files, workers)), schemas)


def stage(settings: Settings, staging: Path, workers: int | None = None) -> tuple[list[Problem], int | None]:
    """Generate and write the staging folder MkDocs reads (``content/`` + generated pages).

    Returns every problem and how many files changed, or ``None`` when nothing was written
    because the data has errors or a hand-written page clashes with a generated one.
    """
    result = generate(settings, workers=workers)
    if result.model is None:
        return list(result.problems), None
    tree, clashes = merge(collect_content(settings.content_dir), result.pages)
    if clashes:
        return [*result.problems, *clashes], None
    return list(result.problems), write_tree(tree, settings.root / staging)


def generate(settings: Settings, data_dir: Path | None = None, workers: int | None = None) -> Generated:
    """Load, validate and, when valid, model and render: the generated pages by path.

    The git history of the data folder is read here, once, and handed to the render stage.
    """
    schemas = Schemas()
    validated = check(data_dir or settings.data_dir, schemas, settings.root, workers)
    if not validated.ok:
        return Generated(validated, None, {})
    history = read_history(data_dir or settings.data_dir)
    return Generated(validated, *pages_for(validated, schemas, settings, workers, history))


@cycle_collector_paused()
def pages_for(validated: Validated, schemas: Schemas, settings: Settings,
              workers: int | None = None, history: History | None = None) -> tuple[Model, dict[str, str | bytes]]:
    """Model, render and export valid data: the model and every generated file by path."""
    made = parts(validated, schemas)
    if workers is None:
        workers = default_workers(len(made.every))
    # The workers read the records' prose while this process links the records.
    reading = Mapped(lambda record: prose(record, made.terms), made.every, workers)
    try:
        model = assemble(made, reading)
    finally:
        reading.close()
    history = history or History()
    changes = entries(history, model)  # Nieuw en gewijzigd: its page, the home page and the feeds
    renderer = Renderer(model, settings, history, changes)
    jobs = page_jobs(model, settings.page_size)
    rendering = Mapped(renderer.page, jobs, workers)
    try:
        # This process makes the exports and feeds while the workers render the pages.
        newest = history.commits[0].moment if history.commits else ""
        files: dict[str, str | bytes] = {**export(model, settings), **name_index(model),
                                         **feeds(changes, model, settings, newest), **Finder(model).files()}
        files.update(zip((job.path for job in jobs), rendering.results(), strict=True))
    finally:
        rendering.close()
    return model, dict(sorted(files.items()))
