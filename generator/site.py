"""Stage 6: build the HTML with MkDocs and index it with Pagefind, then swap it into ``site/``.

Both engines run as commands, so nothing here depends on MkDocs internals; any engine that builds
the same ``mkdocs.yml`` (ProperDocs, say) can stand in. The site is built beside the old one and
only replaces it when every step succeeded: a failed build leaves the published ``site/`` as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from .build import replace_dir
from .csp import write_policy
from .guards import BuildRefused, engine_problems
from .searchindex import canonicalise

ENGINE_ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def _run(command: list[str], cwd: Path, reference_date: str = "") -> list[str]:
    """Run one engine, passing its log on as it comes; on failure refuse the site, naming the
    files its warnings are about (:func:`generator.guards.engine_problems`)."""
    env = {**os.environ, **ENGINE_ENV}
    if reference_date and "SOURCE_DATE_EPOCH" not in os.environ:
        # MkDocs dates the sitemap and its gzip header by this; the commit's date, not the clock.
        moment = datetime.combine(date.fromisoformat(reference_date), datetime.min.time(), tzinfo=UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    warnings: list[str] = []
    with subprocess.Popen(command, cwd=cwd, env=env, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        for line in process.stderr:
            sys.stderr.write(line)
            if line.startswith(("WARNING", "ERROR")):
                warnings.append(line.split("-", 1)[-1].strip())
    if process.returncode != 0:
        problems = engine_problems(warnings, cwd)
        if problems:
            raise BuildRefused(problems)
        raise SystemExit(f"Stap mislukt ({process.returncode}): {' '.join(command)}")
    return warnings


def mkdocs_build(root: Path, site_dir: Path, reference_date: str = "") -> None:
    # No --quiet: it raises the log level above WARNING, and MkDocs' strict mode counts warnings
    # from the log, so a quiet strict build would publish broken links.
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)], root, reference_date)


def pagefind_index(root: Path, site_dir: Path) -> None:
    _run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"], root)


def build_site(root: Path, target: Path, reference_date: str = "") -> None:
    """MkDocs then Pagefind into a fresh folder beside ``target``, then swap it in."""
    fresh = target.with_name(target.name + ".new")
    if fresh.exists():
        shutil.rmtree(fresh)
    try:
        mkdocs_build(root, fresh, reference_date)
        write_policy(fresh, root)
        pagefind_index(root, fresh)
        canonicalise(fresh / "pagefind")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    replace_dir(fresh, target)
