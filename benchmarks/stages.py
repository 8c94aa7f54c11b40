"""Time each build stage on its own, in a fresh process per data set: ``python -m benchmarks.stages ROOT OUT``.

A process of its own because peak memory (``ru_maxrss``) only ever grows: measured in the process
that also ran a smaller size or made the synthetic data, it would say nothing about this size.
The stages are the generator's own functions, called in the order ``generator site`` calls them,
so the benchmark measures the real code and not a copy of it:

1. ``validate``: load + validate (:func:`generator.pipeline.check`), schemas included;
2. ``generate``: model + render + export, merged with ``content/`` and written to ``build/docs``;
3. ``mkdocs``: ``mkdocs build --strict`` of that staging folder into ``site/``;
4. ``pagefind``: ``pagefind --site site``;
5. ``bare_mkdocs``: the baseline, the same MkDocs build of the same Markdown into ``site-bare/``
   with no generator step before it: what any MkDocs + Material site of this size costs.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from generator.build import collect_content, merge, write_tree
from generator.config import load_settings
from generator.export import export
from generator.model import build_model
from generator.pipeline import check
from generator.render import render
from generator.schema import Schemas

STAGING = Path("build/docs")
SITE = "site"
BARE_SITE = "site-bare"
# The same environment generator/site.py gives the engines.
ENGINE_ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


class StageFailed(RuntimeError):
    """A stage did not succeed; its timing would be meaningless, so the benchmark stops."""


def run_engine(command: list[str], cwd: Path, log: Path) -> float:
    """Run an engine as ``generator site`` does and return its wall time; fail on any warning.

    MkDocs runs without ``--quiet``: quiet raises the log level above WARNING and strict mode counts
    warnings from the log, so a quiet build would pass with broken links. The output goes to a log
    file, not the terminal, so printing costs next to nothing.
    """
    start = time.perf_counter()
    with log.open("wb") as out:
        result = subprocess.run(command, cwd=cwd, env={**os.environ, **ENGINE_ENV}, stdout=out,
                                stderr=subprocess.STDOUT, check=False)
    elapsed = time.perf_counter() - start
    text = log.read_text(encoding="utf-8", errors="replace")
    if result.returncode != 0 or "WARNING" in text:
        tail = "\n".join(text.splitlines()[-20:])
        raise StageFailed(f"{' '.join(command)} failed ({result.returncode}); see {log}:\n{tail}")
    return elapsed


def peak_rss_mb() -> float:
    """The largest resident set of this process or of any one engine it ran (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run(root: Path) -> dict[str, Any]:
    """All five stages on the project in ``root``; timings in seconds."""
    settings = load_settings(root)
    timings: dict[str, Any] = {}

    start = time.perf_counter()
    schemas = Schemas()
    validated = check(settings.data_dir, schemas, settings.root)
    timings["validate_s"] = time.perf_counter() - start
    if not validated.ok:
        errors = [p for p in validated.problems if p.severity == "error"]
        raise StageFailed(f"synthetic data is not valid ({len(errors)} errors), first: {errors[0]}")

    start = time.perf_counter()
    model = build_model(validated, schemas)
    pages: dict[str, str | bytes] = {**render(model, settings), **export(model, settings)}
    tree, clashes = merge(collect_content(settings.content_dir), pages)
    if clashes:
        raise StageFailed(f"content/ clashes with generated pages: {clashes[0]}")
    write_tree(tree, root / STAGING)
    timings["generate_s"] = time.perf_counter() - start
    timings["generated_files"] = len(tree)
    del model, pages, tree, validated

    python = sys.executable
    timings["mkdocs_s"] = run_engine(
        [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / SITE)], root, root / "mkdocs.log")
    timings["pagefind_s"] = run_engine(
        [python, "-m", "pagefind", "--site", str(root / SITE)], root, root / "pagefind.log")
    timings["bare_mkdocs_s"] = run_engine(
        [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / BARE_SITE)], root, root / "bare-mkdocs.log")
    timings["peak_rss_mb"] = peak_rss_mb()
    return timings


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m benchmarks.stages PROJECT_ROOT RESULT_JSON", file=sys.stderr)
        return 2
    try:
        result = run(Path(args[0]).resolve())
    except StageFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    Path(args[1]).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
