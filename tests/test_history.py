"""Dates from git: "Laatst gewijzigd" from the last commit that changed a record's file, on a real history."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gitrepo import git, history_repo, pages

from generator.history import read_history

MARKT = "begrippen/marktmeester.md"
TBGO = "begrippen/toekomstbestendige-gebiedsontwikkeling.md"
FUND = "fondsen/opkoopfonds.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project with four commits: records added, one changed, one renamed (with its redirect)."""
    return history_repo(tmp_path / "repo")


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
