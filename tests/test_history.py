"""Dates from git: "Laatst gewijzigd" from the last commit that changed a record's file, on a real history."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.history import read_history
from generator.pipeline import generate

from conftest import MINIMAL, write_files

REPO_URL = "https://github.com/voorbeeld/kennisbank"
MARKT = "begrippen/marktmeester.md"
TBGO = "begrippen/toekomstbestendige-gebiedsontwikkeling.md"
FUND = "fondsen/opkoopfonds.md"


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


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project with four commits: records added, one changed, one renamed (with its redirect)."""
    root = tmp_path / "repo"
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


def pages(root: Path, repo_url: str = REPO_URL) -> dict[str, str | bytes]:
    settings = replace(load_settings(root), repo_url=repo_url)
    result = generate(settings, root / "data")
    assert result.model is not None, [p.text() for p in result.problems]
    return result.pages


def test_each_record_page_shows_when_its_file_last_changed(repo: Path) -> None:
    built = pages(repo)
    assert 'Laatst gewijzigd op <time datetime="2026-01-10">10 januari 2026</time>' in built[TBGO]
    assert 'Laatst gewijzigd op <time datetime="2026-04-01">1 april 2026</time>' in built[FUND]
    # A renamed file changed when it got its new name.
    assert 'Laatst gewijzigd op <time datetime="2026-03-05">5 maart 2026</time>' in built["begrippen/kwartiermaker.md"]
    # Beside the review date, with the file's history in the repository.
    assert ('(<a href="https://github.com/voorbeeld/kennisbank/commits/main/data/funds/opkoopfonds.yaml">'
            "alle wijzigingen</a>). Laatst gecontroleerd op") in built[FUND]
    assert "/commits/" not in pages(repo, repo_url="")[FUND]


def test_history_follows_renames(repo: Path) -> None:
    history = read_history(repo / "data")
    assert history.complete
    assert [c.subject for c in history.commits][:2] == ["Opkoopfonds: omvang",
                                                       "Marktmeester heet voortaan kwartiermaker (oude adres blijft werken)"]
    renamed = history.commits[1].changes
    assert ("R", "glossary/kwartiermaker.yaml", "glossary/marktmeester.yaml") in [(c.status, c.path, c.old) for c in renamed]


def test_two_builds_of_one_commit_are_identical(repo: Path) -> None:
    assert pages(repo) == pages(repo)


def test_a_shallow_clone_builds_with_fewer_dates_and_says_so(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(shallow))
    built = pages(shallow)
    assert 'Laatst gewijzigd op <time datetime="2026-04-01">1 april 2026</time>' in built[FUND]
    # The clone's oldest commit stands for all history before it: its date is no file's date.
    for path in (TBGO, "begrippen/kwartiermaker.md"):
        assert "Laatst gewijzigd: onbekend (deze versie van de site is gebouwd zonder volledige versiegeschiedenis)" in built[path]
        assert "2026-03-05" not in built[path]


def test_a_copy_without_git_builds_and_says_the_dates_are_missing(repo: Path, tmp_path: Path) -> None:
    tarball = tmp_path / "tarball"
    shutil.copytree(repo / "data", tarball / "data")
    built = pages(tarball)
    assert "Laatst gewijzigd: onbekend (deze versie van de site is gebouwd zonder volledige versiegeschiedenis)" in built[FUND]
    assert "Laatst gecontroleerd op" in built[FUND]
