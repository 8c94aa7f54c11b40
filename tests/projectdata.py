"""The fixture of local projects: the minimal data set plus tests/fixtures/projects/cases/."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MINIMAL, ROOT

PROJECTS = ROOT / "tests" / "fixtures" / "projects"


def projects_data(target: Path) -> Path:
    """A data folder in ``target``: the minimal fixture with the fictitious local projects added
    (and the minimal fixture's content/ beside it, as :func:`conftest.project_copy` expects)."""
    data = target / "data"
    shutil.copytree(MINIMAL, data)
    shutil.copytree(MINIMAL.parent / "content", target / "content")
    for path in sorted((PROJECTS / "cases").glob("*.yaml")):
        shutil.copy2(path, data / "cases" / path.name)
    return data
