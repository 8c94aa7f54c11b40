"""Stage 1: read ``data/`` into raw records, refusing anything unsafe or unreadable.

One rule for what is read: in ``data/<collection>/``, every file named ``<id>.yaml`` is a record;
hidden files (starting with ``.``) are ignored; anything else (``.yml``, ``notes.txt``, folders,
symbolic links) is reported as a mistake, so a record is never silently skipped.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from slugify import slugify

from .problems import Problem, suggest
from .yamlsafe import Path as ValuePath
from .yamlsafe import YamlRejected, parse

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80
MAX_FILE_BYTES = 256 * 1024
VOCABULARY_FILE = "vocabularies.yaml"
REDIRECTS_FILE = "redirects.yaml"  # optional: old addresses of removed or renamed records


@dataclass(frozen=True)
class RawRecord:
    """One record file as read: its collection, id, display path, value and text.

    Where each value sits (for messages) is worked out from ``text`` only when asked: nearly
    every record is valid, and the maps would be most of what the parser builds.
    """

    collection: str
    id: str
    path: str
    data: Any
    text: str = field(repr=False)

    @cached_property
    def _positions(self) -> tuple[dict[ValuePath, tuple[int, int]], dict[ValuePath, tuple[int, int]]]:
        parsed = parse(self.text)
        return parsed.positions, parsed.key_positions

    @property
    def positions(self) -> dict[ValuePath, tuple[int, int]]:
        """Line and column of every value, by its path in the record."""
        return self._positions[0]

    @property
    def key_positions(self) -> dict[ValuePath, tuple[int, int]]:
        """Line and column of every mapping key, by the path of its value."""
        return self._positions[1]

    def where(self, path: ValuePath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), falling back to its nearest parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))


@dataclass
class Loaded:
    """Everything read from ``data/``: records per collection, the vocabularies, and problems."""

    records: dict[str, list[RawRecord]]
    vocabularies: RawRecord | None
    problems: list[Problem]
    # Per collection, the ids whose file exists but could not be read (id → file): references to
    # them are not "unknown".
    unreadable: dict[str, dict[str, str]] = field(default_factory=dict)
    redirects: RawRecord | None = None


def make_id(title: str) -> str:
    """The id a title gets: a lowercase ASCII slug, stable and safe as a path segment."""
    return slugify(title, max_length=MAX_ID_LENGTH, word_boundary=True, separator="-") or "record"


def read_yaml_file(file: Path, display: str) -> tuple[RawRecord | None, list[Problem]]:
    """Read one file strictly; return its parsed value or the problems that prevent reading it."""
    folder, _, name = display.rpartition("/")  # display paths are POSIX paths
    collection = folder.rpartition("/")[2]
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(display, 1, 1, "file-too-large",
                                  f"Het bestand is te groot ({size // 1024} KB; de grens is {MAX_FILE_BYTES // 1024} KB).",
                                  hint="Een record hoort kort te zijn; verplaats lange tekst naar een pagina in content/.")]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, 1, "file-unreadable", f"Het bestand kan niet worden gelezen ({exc.strerror}).")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # A byte-order mark is harmless: editors on Windows add it.
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(display, line, column, "file-not-utf8",
                              "Het bestand is niet opgeslagen als UTF-8.",
                              hint="Sla het op met de codering UTF-8 (in de meeste editors: 'Opslaan als' > codering).")]
    try:
        parsed = parse(text, positions=False)
    except YamlRejected as rejected:
        return None, [Problem(display, i.line, i.column, i.code, i.message, i.field_path, i.hint) for i in rejected.issues]
    stem = name.rpartition(".")[0] if "." in name.lstrip(".") else name
    return RawRecord(collection, stem, display, parsed.value, text), []


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _file_problem(display: str, name: str) -> Problem | None:
    """Why a file in a collection folder is not a record, or ``None`` when it is one."""
    stem, _, suffix = name.rpartition(".")
    if not stem:
        stem, suffix = name, ""
    if suffix == "yml":
        return Problem(display, 1, 1, "file-extension", "Records hebben de extensie .yaml, niet .yml.",
                       hint=f"Hernoem het bestand naar {stem}.yaml.")
    if suffix != "yaml":
        return Problem(display, 1, 1, "file-stray",
                       "Dit bestand is geen record: in een collectiemap horen alleen <id>.yaml-bestanden.",
                       hint="Verplaats of verwijder het bestand.")
    if not ID_PATTERN.match(stem) or len(stem) > MAX_ID_LENGTH:
        return Problem(display, 1, 1, "file-name",
                       f"De bestandsnaam '{name}' is geen geldige id: gebruik alleen kleine letters a-z, cijfers en "
                       f"koppeltekens (hoogstens {MAX_ID_LENGTH} tekens).",
                       hint=f"Bijvoorbeeld: {make_id(stem)}.yaml.")
    return None


def read_record(item: tuple[Path, str]) -> tuple[str, str, str, Any, str] | list[Problem]:
    """One record file (its path and display path) as a plain tuple, or its problems.

    A tuple rather than a ``RawRecord``: it is what a worker process sends back, and plain
    tuples travel much lighter than dataclasses.
    """
    record, problems = read_yaml_file(*item)
    if record is None:
        return problems
    return record.collection, record.id, record.path, record.data, record.text


@dataclass
class Listing:
    """What ``data/`` holds before the records are read: the record files, in a stable order, the
    vocabularies, and the problems found so far."""

    collections: list[str]
    files: list[tuple[Path, str]]
    vocabularies: RawRecord | None
    problems: list[Problem]
    redirects: RawRecord | None = None


def list_records(data_dir: Path, collections: list[str], display_root: Path | None = None) -> Listing:
    """Every record file of every collection (to be read with :func:`read_record`), plus the
    vocabularies; stray files, folders and links are problems."""
    root = display_root or data_dir.parent
    problems: list[Problem] = []

    def display(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    vocabularies = None
    vocab_path = data_dir / VOCABULARY_FILE
    if vocab_path.is_file() and not vocab_path.is_symlink():
        vocabularies, found = read_yaml_file(vocab_path, display(vocab_path))
        problems += found
    else:
        problems.append(Problem(display(vocab_path), 1, 1, "vocabularies-missing",
                                "Het bestand met woordenlijsten ontbreekt."))

    redirects = None
    redirects_path = data_dir / REDIRECTS_FILE
    if redirects_path.is_file() and not redirects_path.is_symlink():
        redirects, found = read_yaml_file(redirects_path, display(redirects_path))
        problems += found

    for entry in sorted(os.listdir(data_dir)) if data_dir.is_dir() else []:
        path = data_dir / entry
        if _is_hidden(entry) or entry in (VOCABULARY_FILE, REDIRECTS_FILE) or entry in collections:
            continue
        if path.is_dir():
            hint = suggest(entry, collections)
            problems.append(Problem(display(path), 1, 1, "unknown-collection",
                                    f"'{entry}' is geen collectie; de collecties zijn: {', '.join(collections)}.", hint=hint))
        elif entry.lower() not in {"readme.md"}:
            problems.append(Problem(display(path), 1, 1, "file-stray",
                                    "Dit bestand hoort niet in data/: records staan in data/<collectie>/<id>.yaml."))

    files: list[tuple[Path, str]] = []
    for collection in collections:
        folder = data_dir / collection
        if not folder.is_dir():
            continue
        shown_folder = display(folder)
        # scandir: whether an entry is a link or a folder comes with the listing, without a stat.
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for dirent in entries:
            name = dirent.name
            if _is_hidden(name):
                continue
            path = folder / name
            shown = f"{shown_folder}/{name}"
            if dirent.is_symlink():
                problems.append(Problem(shown, 1, 1, "file-symlink", "Symbolische links worden niet gevolgd.",
                                        hint="Zet het record zelf in deze map."))
                continue
            if dirent.is_dir():
                problems.append(Problem(shown, 1, 1, "file-folder", "Submappen in een collectie worden niet gelezen.",
                                        hint=f"Zet records direct in data/{collection}/."))
                continue
            wrong = _file_problem(shown, name)
            if wrong:
                problems.append(wrong)
                continue
            files.append((path, shown))
    return Listing(collections, files, vocabularies, problems, redirects)


def gather(listing: Listing, read: Iterable[tuple[str, str, str, Any, str] | list[Problem]]) -> Loaded:
    """The records and problems of a listing, given what :func:`read_record` returned for each file."""
    problems = list(listing.problems)
    records: dict[str, list[RawRecord]] = {name: [] for name in listing.collections}
    for result in read:
        if isinstance(result, list):
            problems += result
        else:
            records[result[0]].append(RawRecord(*result))
    read_ids = {(name, record.id) for name, found in records.items() for record in found}
    unreadable: dict[str, dict[str, str]] = {}
    for path, shown in listing.files:
        if (path.parent.name, path.stem) not in read_ids:
            unreadable.setdefault(path.parent.name, {})[path.stem] = shown
    return Loaded(records, listing.vocabularies, problems, unreadable, listing.redirects)


def load(data_dir: Path, collections: list[str], display_root: Path | None = None) -> Loaded:
    """Read every record of every collection, plus the vocabularies, in a stable order."""
    listing = list_records(data_dir, collections, display_root)
    return gather(listing, map(read_record, listing.files))


def fold(text: str) -> str:
    """Case- and accent-insensitive form, to catch ids and titles that differ only in those."""
    if text.isascii():  # nothing to decompose (most titles)
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

