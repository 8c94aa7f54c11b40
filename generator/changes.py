"""What changed in the knowledge base: the entries of *Nieuw en gewijzigd* and of its Atom feeds.

Pure: the pipeline reads the git history of ``data/`` once (:mod:`generator.history`) and this
module turns it, with the model, into one entry per record file a commit touched, newest first.
Git says which files a commit added, changed, renamed or deleted, not what it changed in them; so
the newest change of a record that is retired now counts as its retirement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .history import Change, Commit, History
from .model import Key, Model

LABELS = {"toegevoegd": "Toegevoegd", "gewijzigd": "Gewijzigd", "hernoemd": "Hernoemd", "vervallen": "Vervallen",
          "verwijderd": "Verwijderd", "samengevoegd": "Samengevoegd"}


@dataclass(frozen=True)
class Entry:
    """One change to one record: when, what happened, and the commit that did it."""

    moment: str  # ISO 8601 with offset: the commit's
    kind: str  # a key of LABELS
    collection: str
    record_id: str  # the id the record has now (or had, when it is gone)
    title: str
    subject: str  # the commit's subject line
    sha: str
    page: str  # the Markdown page to link: the record's, or its old address (redirect or notice); "" for none
    themes: tuple[str, ...] = ()
    old_id: str = ""  # a renamed record: the id it had before
    merged_into: str = ""  # a record removed into another (data/redirects.yaml): that record's title

    @property
    def day(self) -> str:
        return self.moment[:10]

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def record_file(path: str, collections: Mapping[str, Any]) -> Key | None:
    """``glossary/marktmeester.yaml`` → ``("glossary", "marktmeester")``; None for any other file."""
    folder, _, name = path.partition("/")
    if folder not in collections or "/" in name or not name.endswith(".yaml"):
        return None
    return folder, name.removesuffix(".yaml")


def entries(history: History, model: Model) -> list[Entry]:
    """Every change to a record that the history knows, newest first (ties in collection and title order)."""
    redirects = {(name, e["from"]): e for name, es in model.redirects.items() for e in es}
    now: dict[Key, Key] = {}  # an older name → the record's name now, learned from renames (newest first)
    met: set[Key] = set()  # records whose newest change has been seen
    found: list[tuple[float, int, Entry]] = []
    for rank, commit in enumerate(history.commits):
        for change in _paired(commit.changes, redirects, model):
            entry = _entry(commit, change, model, redirects, now, met)
            if entry is not None:
                found.append((-datetime.fromisoformat(commit.moment).timestamp(), rank, entry))
    order = {name: i for i, name in enumerate(model.collections)}
    found.sort(key=lambda f: (f[0], f[1], order[f[2].collection], f[2].title, f[2].record_id))
    return [entry for _, _, entry in found]


def _paired(changes: tuple[Change, ...], redirects: Mapping[Key, dict[str, Any]], model: Model) -> list[Change]:
    """A record deleted and its redirect target added in one commit is a rename git did not see as
    one (the text changed too much): one renaming change instead of two."""
    added = {c.path for c in changes if c.status == "A"}
    out: list[Change] = []
    taken: set[str] = set()
    for change in changes:
        where = record_file(change.path, model.collections) if change.status == "D" else None
        target = redirects.get(where, {}).get("to") if where else None
        new_path = f"{where[0]}/{target}.yaml" if where and target else ""
        if new_path in added:
            out.append(Change("R", new_path, change.path))
            taken.add(new_path)
        else:
            out.append(change)
    return [c for c in out if not (c.status == "A" and c.path in taken)]


def _entry(commit: Commit, change: Change, model: Model, redirects: Mapping[Key, dict[str, Any]],
           now: dict[Key, Key], met: set[Key]) -> Entry | None:
    where = record_file(change.path, model.collections)
    if where is None:
        return None
    key = now.get(where, where)
    old_id = ""
    if change.status == "R":
        old = record_file(change.old, model.collections)
        if old is not None:
            now[old] = key
            old_id = old[1]
    record = model.find(key)
    newest = key not in met
    met.add(key)
    if record is not None:
        kind = "verwijderd" if change.status == "D" else _kind(change.status, record.retired, newest)
        return Entry(commit.moment, kind, key[0], key[1], record.title, commit.subject, commit.sha,
                     model.addresses.page(record), tuple(record.fields.get("themes", ())), old_id)
    # Gone now: its old address is a page only while data/redirects.yaml keeps it.
    redirect = redirects.get(key)
    target = model.find((key[0], redirect["to"])) if redirect and redirect.get("to") else None
    if change.status == "D" and redirect and target is not None:
        return Entry(commit.moment, "samengevoegd", key[0], key[1], str(redirect.get("title", key[1])), commit.subject,
                     commit.sha, model.addresses.page(target), tuple(target.fields.get("themes", ())), old_id, target.title)
    kind = "verwijderd" if change.status == "D" else _kind(change.status, retired=False, newest=False)
    return Entry(commit.moment, kind, key[0], key[1], str((redirect or {}).get("title", key[1])), commit.subject,
                 commit.sha, model.addresses.old_page(*key) if redirect else "", (), old_id)


def _kind(status: str, retired: bool, newest: bool) -> str:
    if status == "A":
        return "toegevoegd"
    if status == "R":
        return "hernoemd"
    return "vervallen" if retired and newest else "gewijzigd"
