"""Stage 5: the staging folder MkDocs reads: hand-written ``content/`` merged with generated pages.

Generated pages may not overwrite hand-written ones (an error, not a silent choice). Files are
written only when their bytes change, so ``make serve`` reloads just what an edit touched, and
files that are no longer generated are removed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .problems import Problem


def collect_content(content_dir: Path) -> dict[str, bytes]:
    """Every hand-written file under ``content/`` by relative path (hidden files skipped)."""
    files: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            files[path.relative_to(content_dir).as_posix()] = path.read_bytes()
    return files


def merge(content: dict[str, bytes], generated: dict[str, str | bytes]) -> tuple[dict[str, bytes], list[Problem]]:
    """The staging tree as a mapping; a clash between content/ and a generated page is a problem."""
    problems = [
        Problem(f"content/{path}", 1, 1, "content-clash",
                f"Deze pagina heeft hetzelfde adres als een gegenereerde pagina ({path}).",
                hint="Geef de pagina in content/ een andere naam.")
        for path in sorted(set(content) & set(generated))
    ]
    tree = dict(content)
    for path, body in generated.items():
        tree[path] = body.encode("utf-8") if isinstance(body, str) else body
    return dict(sorted(tree.items())), problems


def write_tree(tree: dict[str, bytes], target: Path) -> int:
    """Make ``target`` hold exactly ``tree``; return how many files changed."""
    fresh = not target.exists()  # nothing to compare with: a first build, as on a fresh clone
    target.mkdir(parents=True, exist_ok=True)
    changed = 0
    folders: set[str] = set()
    base = str(target)
    for rel, body in tree.items():
        # Plain strings and os calls: pathlib would make several objects per file.
        path = os.path.join(base, rel)
        if not fresh and os.path.isfile(path):
            with open(path, "rb") as existing:
                if existing.read() == body:
                    continue
        folder = os.path.dirname(path)
        if folder not in folders:  # one mkdir per folder, not per file
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(path, "wb") as out:
            out.write(body)
        changed += 1
    start = len(base) + 1  # a path below ``target`` minus ``target/``
    for folder, _dirs, names in os.walk(base, topdown=False):
        for name in names:
            path = os.path.join(folder, name)
            if path[start:].replace(os.sep, "/") not in tree:
                os.unlink(path)
                changed += 1
        if folder != base and not os.listdir(folder):
            os.rmdir(folder)
    return changed


def replace_dir(new: Path, final: Path) -> None:
    """Swap a finished folder into place; the old one survives until the new one is complete."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    new.rename(final)
    if old.exists():
        shutil.rmtree(old)
