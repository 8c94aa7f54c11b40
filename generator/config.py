"""Project settings that are not data: paths and the repository that 'bewerk dit record' opens.

Read from ``kennisbank.yaml`` at the project root, so a fork changes its repository URL without
touching code; ``KENNISBANK_REPO_URL`` overrides it (CI sets it from the GitHub context), and
``KENNISBANK_SITE_URL`` the site's address, as it does for MkDocs (the publish workflow sets it).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC
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
    reference_date: str = ""  # the date "now" means in a build: the commit's date, never the clock
    page_size: int = 200  # records per overview page (kennisbank.yaml: overview_page_size)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def change_url(self, collection_label: str, record_id: str) -> str:
        """The change form on GitHub, with the record's collection and id filled in (by field id)."""
        from urllib.parse import urlencode

        query = urlencode({"template": "wijziging.yml", "collectie": collection_label, "id": record_id})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def edit_url(self, repo_path: str) -> str:
        """The web-editor URL of a file in the repository (GitHub's /edit/ route)."""
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{repo_path}"

    def history_url(self, repo_path: str) -> str:
        """The list of commits that changed a file (GitHub's /commits/ route)."""
        return f"{self.repo_url.rstrip('/')}/commits/{self.edit_branch}/{repo_path}"


def load_settings(root: Path = ROOT, environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings of ``root``; ``environ={}`` gives the committed file's values alone (for files
    that are committed, such as the issue forms, which must not change with CI's environment)."""
    file = root / "kennisbank.yaml"
    raw = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}) if file.is_file() else {}
    return Settings(
        root=root,
        site_name=raw.get("site_name", "Kennisbank Waardevolle Kernen"),
        repo_url=environ.get("KENNISBANK_REPO_URL") or raw.get("repo_url", ""),
        edit_branch=raw.get("edit_branch", "main"),
        site_url=environ.get("KENNISBANK_SITE_URL") or raw.get("site_url", ""),
        reference_date=_reference_date(root),
        page_size=int(raw.get("overview_page_size", 200)),
    )


# A repository's web address: https, a host, an owner and a name (GitHub's and GitHub Enterprise's shape).
REPO_URL = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_REPO_URL_LINE = re.compile(r"^repo_url:.*$", re.MULTILINE)


def with_repo_url(text: str, url: str) -> str:
    """``kennisbank.yaml``'s text with ``repo_url`` set; a line edit, since a YAML round trip drops the comments."""
    line = f"repo_url: {json.dumps(url)}"
    if _REPO_URL_LINE.search(text):
        return _REPO_URL_LINE.sub(lambda _: line, text, count=1)
    return text.rstrip("\n") + "\n" + line + "\n"


def _reference_date(root: Path) -> str:
    """The build's notion of today: SOURCE_DATE_EPOCH, else the last commit's date, else ``""``.

    Taking it from the commit keeps two builds of one commit byte-identical; the clock would not.
    """
    import subprocess
    from datetime import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""
