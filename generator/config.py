"""Project settings that are not data: paths and the repository that 'bewerk dit record' opens.

Read from ``kennisbank.yaml`` at the project root, so a fork changes its repository URL without
touching code; ``KENNISBANK_REPO_URL`` overrides it (CI sets it from the GitHub context).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COLLECTION_ORDER = ("glossary", "instruments", "funds", "partners", "cases", "sources")


@dataclass(frozen=True)
class Settings:
    """Where things are, and what the site says about itself."""

    root: Path
    site_name: str
    repo_url: str
    edit_branch: str
    site_url: str

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def edit_url(self, repo_path: str) -> str:
        """The web-editor URL of a file in the repository (GitHub's /edit/ route)."""
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{repo_path}"


def load_settings(root: Path = ROOT) -> Settings:
    file = root / "kennisbank.yaml"
    raw = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}) if file.is_file() else {}
    return Settings(
        root=root,
        site_name=raw.get("site_name", "Kennisbank Waardevolle Kernen"),
        repo_url=os.environ.get("KENNISBANK_REPO_URL") or raw.get("repo_url", ""),
        edit_branch=raw.get("edit_branch", "main"),
        site_url=raw.get("site_url", ""),
    )
