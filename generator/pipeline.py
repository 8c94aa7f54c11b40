"""The stages wired in order, for the CLI, the tests and the benchmark: no stage is skipped."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .build import collect_content, merge, write_tree
from .config import Settings
from .export import export
from .load import load
from .model import Model, build_model
from .names import name_index
from .parallel import default_workers
from .problems import Problem
from .render import render
from .schema import Schemas
from .validate import Validated, validate


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a stage runs (a ``with`` block or a decorator).

    A build makes millions of objects that live until it ends (records, model, pages), and every
    full collection walks all of them: seven walks at 10,000 records, over a second in all. In a
    forked worker a walk also writes to every inherited object, so the worker copies the memory it
    shares with its parent. Reference counting still frees what the stages drop; what few reference
    cycles there are wait until the collector resumes.
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
    return validate(load(data_dir, list(schemas.collections), display_root, workers), schemas)


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
    """Load, validate and, when valid, model and render: the generated pages by path."""
    schemas = Schemas()
    validated = check(data_dir or settings.data_dir, schemas, settings.root, workers)
    if not validated.ok:
        return Generated(validated, None, {})
    return Generated(validated, *pages_for(validated, schemas, settings, workers))


@cycle_collector_paused()
def pages_for(validated: Validated, schemas: Schemas, settings: Settings, workers: int | None = None) -> tuple[Model, dict[str, str | bytes]]:
    """Model, render and export valid data: the model and every generated file by path."""
    if workers is None:
        workers = default_workers(sum(len(records) for records in validated.loaded.records.values()))
    model = build_model(validated, schemas, workers)
    # This process makes the exports while the forked workers render pages, then renders the rest.
    pages = render(model, settings, workers, meanwhile=lambda: {**export(model, settings), **name_index(model)})
    return model, pages
