"""The stages wired in order, for the CLI, the tests and the benchmark: no stage is skipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .build import collect_content, merge, write_tree
from .config import Settings
from .export import export
from .load import load
from .model import Model, build_model
from .names import name_index
from .problems import Problem
from .render import render
from .schema import Schemas
from .validate import Validated, validate


@dataclass
class Generated:
    validated: Validated
    model: Model | None
    pages: dict[str, str | bytes]

    @property
    def problems(self) -> list[Problem]:
        return self.validated.problems


def check(data_dir: Path, schemas: Schemas | None = None, display_root: Path | None = None) -> Validated:
    """Load and validate: every problem in ``data_dir``."""
    schemas = schemas or Schemas()
    return validate(load(data_dir, list(schemas.collections), display_root), schemas)


def stage(settings: Settings, staging: Path) -> tuple[list[Problem], int | None]:
    """Generate and write the staging folder MkDocs reads (``content/`` + generated pages).

    Returns every problem and how many files changed, or ``None`` when nothing was written
    because the data has errors or a hand-written page clashes with a generated one.
    """
    result = generate(settings)
    if result.model is None:
        return list(result.problems), None
    tree, clashes = merge(collect_content(settings.content_dir), result.pages)
    if clashes:
        return [*result.problems, *clashes], None
    return list(result.problems), write_tree(tree, settings.root / staging)


def generate(settings: Settings, data_dir: Path | None = None) -> Generated:
    """Load, validate and, when valid, model and render: the generated pages by path."""
    schemas = Schemas()
    validated = check(data_dir or settings.data_dir, schemas, settings.root)
    if not validated.ok:
        return Generated(validated, None, {})
    model = build_model(validated, schemas)
    pages: dict[str, str | bytes] = {**render(model, settings), **export(model, settings), **name_index(model)}
    return Generated(validated, model, pages)
