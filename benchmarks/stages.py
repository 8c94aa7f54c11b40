"""Time each build stage on its own: ``python -m benchmarks.stages {generator|engines} ROOT OUT``.

Two phases, each in a fresh process, because of how Linux counts peak memory (``ru_maxrss``): it
only ever grows, and a child started by a large process reports at least the size its parent had
when it forked. Run from the process that just held the whole model, MkDocs would inherit the
generator's peak; run from the process that made the synthetic data, the generator would inherit
that. So ``generator`` runs stages 1–2 and reports its own peak, and ``engines`` is a small fresh
Python that runs stages 3–5 and reports each engine's peak from ``os.wait4``.

The stages are the generator's own functions, called in the order ``generator site`` calls them,
so the benchmark measures the real code and not a copy of it:

1. ``validate``: load + validate (:func:`generator.pipeline.check`), schemas included;
2. ``generate``: model + render + export + name index (:func:`generator.pipeline.pages_for`, with
   the number of render processes ``generator site`` uses), merged with ``content/`` and written
   to ``build/docs``;
3. ``mkdocs``: ``mkdocs build --strict`` of that staging folder into ``site/``;
4. ``pagefind``: ``pagefind --site site``;
5. ``bare_mkdocs``: the baseline, the same MkDocs build of the same Markdown into ``site-bare/``
   with no generator step before it: what any MkDocs + Material site of this size costs.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from generator.build import collect_content, merge, write_tree
from generator.config import load_settings
from generator.pipeline import check, pages_for
from generator.schema import Schemas

STAGING = Path("build/docs")
# Where earlier runs' outputs go; deleted with the whole project after the benchmark, not between
# the timings (see set_aside).
TRASH = Path("build/bench-trash")
SITE = "site"
BARE_SITE = "site-bare"
# The same environment generator/site.py gives the engines.
ENGINE_ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


class StageFailed(RuntimeError):
    """A stage did not succeed; its timing would be meaningless, so the benchmark stops."""


def run_engine(command: list[str], cwd: Path, log: Path, *, strict: bool = True) -> tuple[float, float]:
    """Run an engine as ``generator site`` does; return its wall time and its own peak RSS in MB.

    Fails on a non-zero exit, and with ``strict`` on any WARNING line. MkDocs runs without
    ``--quiet``: quiet raises the log level above WARNING and strict mode counts warnings from the
    log, so a quiet build would pass with broken links. The output goes to a log file, not the
    terminal, so printing costs next to nothing. ``os.wait4`` gives this one child's resource use,
    so the memory of each engine is known, not only the largest of all of them.
    """
    start = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **ENGINE_ENV}, stdout=out,
                                   stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    text = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0 or (strict and re.search(r"^WARNING\b", text, re.MULTILINE)):
        tail = "\n".join(text.splitlines()[-20:])
        raise StageFailed(f"{' '.join(command)} failed ({process.returncode}); see {log}:\n{tail}")
    return elapsed, usage.ru_maxrss / 1024


def set_aside(path: Path, root: Path) -> None:
    """Move an earlier run's output out of the way, to be deleted after the benchmark.

    Every stage starts from an empty output folder, as on a fresh clone, and no stage pays for
    deleting what an earlier one wrote. On the development VM creating 10,000 files took 0.4 s
    on a quiet file system and 2-8 s after tens of thousands of files had been deleted (its
    ext4 is mounted with ``discard``; the kernel time grew with every delete, for minutes).
    Renaming a folder deletes nothing.
    """
    if path.exists():
        trash = root / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / f"{path.name}-{time.time_ns()}")


def run_generator(root: Path) -> dict[str, Any]:
    """Stages 1 and 2 on the project in ``root``; seconds, and this process's peak RSS in MB."""
    settings = load_settings(root)
    result: dict[str, Any] = {}
    # A cold start every time: a staging folder left by an earlier run would spare the writes.
    set_aside(root / STAGING, root)

    start = time.perf_counter()
    schemas = Schemas()
    validated = check(settings.data_dir, schemas, settings.root)
    result["validate_s"] = time.perf_counter() - start
    if not validated.ok:
        errors = [p for p in validated.problems if p.severity == "error"]
        raise StageFailed(f"synthetic data is not valid ({len(errors)} errors), first: {errors[0]}")

    start = time.perf_counter()
    _model, pages = pages_for(validated, schemas, settings)
    written = time.perf_counter()
    tree, clashes = merge(collect_content(settings.content_dir), pages)
    if clashes:
        raise StageFailed(f"content/ clashes with generated pages: {clashes[0]}")
    write_tree(tree, root / STAGING)
    result["generate_s"] = time.perf_counter() - start
    # Part of generate_s, reported apart: creating ten thousand files is the file system's work,
    # and on a shared VM it varies far more from run to run than the computing does.
    result["write_s"] = time.perf_counter() - written
    result["generated_files"] = len(tree)
    result["peak_rss_generator_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return result


def run_engines(root: Path, bare_first: bool = False) -> dict[str, Any]:
    """Stages 3 to 5 on the staging folder the generator phase wrote; seconds and MB.

    ``bare_first`` runs the baseline before our build: with ``--repeat`` the order alternates,
    so neither build always meets the colder file cache.
    """
    python = sys.executable
    result: dict[str, Any] = {}

    def bare() -> None:
        set_aside(root / BARE_SITE, root)
        result["bare_mkdocs_s"], _ = run_engine(
            [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / BARE_SITE)], root, root / "bare-mkdocs.log")

    if bare_first:
        bare()
    set_aside(root / SITE, root)
    result["mkdocs_s"], result["peak_rss_mkdocs_mb"] = run_engine(
        [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / SITE)], root, root / "mkdocs.log")
    result["pagefind_s"], result["peak_rss_pagefind_mb"] = run_engine(
        [python, "-m", "pagefind", "--site", str(root / SITE)], root, root / "pagefind.log", strict=False)
    if not bare_first:
        bare()
    return result


PHASES = {"generator": run_generator, "engines": run_engines,
          "engines-bare-first": lambda root: run_engines(root, bare_first=True)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] not in PHASES:
        print("usage: python -m benchmarks.stages {generator|engines|engines-bare-first} PROJECT_ROOT RESULT_JSON",
              file=sys.stderr)
        return 2
    try:
        result = PHASES[args[0]](Path(args[1]).resolve())
    except StageFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    Path(args[2]).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
