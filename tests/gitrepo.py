"""A small real git history of the minimal data set, with fixed dates, for the tests of what git tells."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

from generator.config import load_settings
from generator.pipeline import generate

from conftest import MINIMAL, write_files

REPO_URL = "https://github.com/voorbeeld/kennisbank"


def git(repo: Path, *args: str, day: str = "2026-01-10") -> str:
    moment = f"{day}T10:00:00+01:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment, "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", "-c", "user.name=Secretariaat", "-c", "user.email=secretariaat@example.org",
                             "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                            cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def commit(repo: Path, subject: str, day: str) -> None:
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-q", "-m", subject, day=day)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def history_repo(root: Path) -> Path:
    """``root``/data as a repository of four commits: records added, one changed, one renamed (with
    its redirect), the same one changed again. ``root`` may already hold the rest of a project."""
    shutil.copytree(MINIMAL, root / "data")
    git(root.parent, "init", "-q", str(root))
    commit(root, "Eerste records", "2026-01-10")
    append(root / "data" / "funds" / "opkoopfonds.yaml", "amount: \"10 miljoen euro\"\n")
    commit(root, "Opkoopfonds: looptijd", "2026-02-03")
    git(root, "mv", "data/glossary/marktmeester.yaml", "data/glossary/kwartiermaker.yaml")
    write_files(root / "data", {"redirects.yaml": "glossary:\n  - {from: marktmeester, to: kwartiermaker}\n"})
    commit(root, "Marktmeester heet voortaan kwartiermaker (oude adres blijft werken)", "2026-03-05")
    append(root / "data" / "funds" / "opkoopfonds.yaml", "levels: [nationaal]\n")
    commit(root, "Opkoopfonds: omvang", "2026-04-01")
    return root


def pages(root: Path, repo_url: str = REPO_URL, site_url: str = "") -> dict[str, str | bytes]:
    """The generated files of the project at ``root``."""
    settings = replace(load_settings(root), repo_url=repo_url, site_url=site_url)
    result = generate(settings, root / "data")
    assert result.model is not None, [p.text() for p in result.problems]
    return result.pages
