"""Pull-request check: a changed record whose ``last_reviewed`` was not updated gets a warning.

It warns, never fails: a typo fix need not count as a review, but the reviewer should see it.
Reads the base version of each changed file with ``git show``; nothing here writes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .load import read_yaml_file
from .problems import Problem


def changed_records(root: Path, base: str) -> list[str]:
    """Record files (``data/<collection>/<id>.yaml``) changed between ``base`` and the work tree."""
    out = subprocess.run(["git", "diff", "--name-only", "--diff-filter=M", base, "--", "data/"],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    return sorted(p for p in out.splitlines() if p.count("/") == 2 and p.endswith(".yaml"))


def _reviewed(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("last_reviewed:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return None


def review_warnings(root: Path, base: str) -> list[Problem]:
    warnings = []
    for rel in changed_records(root, base):
        old = subprocess.run(["git", "show", f"{base}:{rel}"], cwd=root, capture_output=True, text=True, check=False)
        record, _ = read_yaml_file(root / rel, rel)
        if old.returncode != 0 or record is None or not isinstance(record.data, dict):
            continue
        if _reviewed(old.stdout) == record.data.get("last_reviewed"):
            line, column = record.where(("last_reviewed",))
            warnings.append(Problem(rel, line, column, "review-date",
                                    "Dit record is gewijzigd, maar 'last_reviewed' niet.", "last_reviewed",
                                    "Hebt u het record inhoudelijk gecontroleerd? Zet dan de datum van vandaag.",
                                    severity="warning"))
    return warnings
