"""The git history of ``data/``: when each record's file last changed, read with one ``git log``.

The pipeline calls :func:`read_history` and hands the result to the stages, which stay pure. Dates
come from commits, never from the clock, so two builds of one commit are identical. A copy without
history (a tarball, or a shallow clone whose oldest commit stands for everything before it) still
builds: what git cannot tell is left unknown, and ``complete`` says that some dates are missing.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Fields of one commit line: a record separator starts each commit so subjects may hold anything.
_COMMIT = "\x1e"
_FIELD = "\x1f"
FORMAT = f"{_COMMIT}%H{_FIELD}%cI{_FIELD}%s"


@dataclass(frozen=True)
class Change:
    """One file touched by a commit: A(dded), M(odified), D(eleted) or R(enamed, from ``old``)."""

    status: str
    path: str  # relative to data/, POSIX: ``glossary/marktmeester.yaml``
    old: str = ""


@dataclass(frozen=True)
class Commit:
    sha: str
    moment: str  # ISO 8601 with offset, the committer's date
    subject: str
    changes: tuple[Change, ...]

    @property
    def day(self) -> str:
        return self.moment[:10]


@dataclass
class History:
    """The commits that changed ``data/``, newest first; ``complete`` when no history is missing."""

    commits: list[Commit] = field(default_factory=list)
    complete: bool = False

    def __post_init__(self) -> None:
        self._last: dict[str, Commit] = {}
        for commit in reversed(self.commits):  # oldest first: a later commit overwrites
            for change in commit.changes:
                self._last[change.path] = commit  # a deleted path is asked for only once it is back

    def last_changed(self, path: str) -> Commit | None:
        """The newest commit that changed the file at ``path`` (relative to data/), if git knows it."""
        return self._last.get(path)


def parse_log(text: str, boundary: frozenset[str] = frozenset()) -> list[Commit]:
    """``git log --name-status`` output in :data:`FORMAT` → commits; a shallow clone's oldest commit
    (in ``boundary``) is dropped, since it shows every file as added at that moment."""
    commits = []
    for block in text.split(_COMMIT)[1:]:
        head, _, rest = block.partition("\n")
        sha, moment, subject = head.split(_FIELD, 2)
        if sha in boundary:
            continue
        changes = []
        for line in rest.splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0]:
                continue
            status = parts[0][0]
            if status == "R" and len(parts) == 3:
                changes.append(Change("R", parts[2], parts[1]))
            elif status in "AMD":
                changes.append(Change(status, parts[1]))
            elif status in "CT" :  # copied or type-changed: a new or changed file all the same
                changes.append(Change("A" if status == "C" else "M", parts[-1]))
        commits.append(Commit(sha, moment, subject, tuple(changes)))
    return commits


def _git(data_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, text=True,
                                encoding="utf-8", errors="replace", check=False)
    except OSError:  # no git installed: a tarball build
        return None
    return result.stdout if result.returncode == 0 else None


def read_history(data_dir: Path) -> History:
    """Every commit that changed ``data_dir``, with one ``git log`` (renames followed), or an empty,
    incomplete history outside a git repository."""
    log = _git(data_dir, "log", "-M", "--name-status", "--relative", "--no-merges", f"--format={FORMAT}",
               "--", ".")
    if log is None:
        return History([], complete=False)
    shallow = _git(data_dir, "rev-parse", "--is-shallow-repository")
    boundary: frozenset[str] = frozenset()
    if shallow is not None and shallow.strip() == "true":
        git_dir = _git(data_dir, "rev-parse", "--absolute-git-dir")
        file = Path(git_dir.strip()) / "shallow" if git_dir else None
        boundary = frozenset(file.read_text().split()) if file and file.is_file() else frozenset()
    return History(parse_log(log, boundary), complete=not boundary and shallow is not None)
