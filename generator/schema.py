"""The JSON Schemas: the single definition of every collection's fields.

Each collection has one draft-07 schema in ``generator/schemas/<collection>.schema.json``; editors
use the same files through the ``# yaml-language-server: $schema=…`` line. Besides standard
keywords the schemas carry these annotations that this package reads (editors ignore them):

* ``x-collection`` on the root: the collection's Dutch label, singular noun, URL segment, order,
  the one line the home page says about it (``tagline``), and the marker of its records in the
  network drawings (``network_shape``: cirkel, vierkant, ruit, driehoek, zeshoek; without it the
  collection is not drawn), and its column on the network pages (``network_column``: 0 or 1;
  without it the collection is drawn on record pages only);
* ``x-ref: <collection>`` on a field: its values are ids of records in that collection;
* ``x-vocab: <list>`` on a field: its values come from that list in ``data/vocabularies.yaml``;
* ``x-inverse`` beside ``x-ref``: the heading of the backlinks on the referenced record's page;
* ``x-unit: euro|woningen|m2`` on a field: a number with its source, shown with that unit;
* ``x-change-only`` on a field: only the change form asks for it, because a new record is not
  retired (``replaced_by``, and ``status`` where it only says that);
* ``x-only-for`` beside ``"not": {}``: the field belongs only to records with that value, and the
  message says so.

The allowed vocabulary values are not typed into the schemas: ``vocabulary-values.schema.json`` is
derived from ``data/vocabularies.yaml`` (in memory for validation, on disk for editors by
``python -m generator schemas``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent / "schemas"
RETIRED = "vervallen"  # the status of a record that is no longer kept (data/vocabularies.yaml, statuses)
COMMON = "common.schema.json"
VOCABULARY_VALUES = "vocabulary-values.schema.json"
VOCABULARIES = "vocabularies.schema.json"
REDIRECTS = "redirects.schema.json"  # data/redirects.yaml


@dataclass(frozen=True)
class FieldInfo:
    """What the schemas say about one top-level field of a collection."""

    name: str
    title: str
    description: str
    kind: str  # "text", "markdown", "list", "ref", "refs", "vocab", "vocabs", "date", "object", "objects", "bool"
    target: str = ""  # the collection (ref/refs) or vocabulary list (vocab/vocabs)
    required: bool = False
    examples: tuple[Any, ...] = ()
    schema: Any = None

    @property
    def unit(self) -> str:
        """For a stated figure (an object with ``x-unit``): its unit, otherwise ``""``."""
        return self.schema.get("x-unit", "") if isinstance(self.schema, dict) else ""

    @property
    def change_only(self) -> bool:
        """Whether only the change form asks for this field (``x-change-only``)."""
        return isinstance(self.schema, dict) and bool(self.schema.get("x-change-only"))


@dataclass(frozen=True)
class Collection:
    """One record type: its name in code, its Dutch labels and URL, and its schema."""

    name: str
    label: str
    singular: str
    path: str
    order: int
    schema: dict[str, Any]

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


class Schemas:
    """All schemas, resolved against each other, with field metadata derived from them."""

    def __init__(self, directory: Path = SCHEMA_DIR) -> None:
        self.directory = directory
        self.documents: dict[str, dict[str, Any]] = {
            path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.schema.json"))
        }
        collections = []
        for file, document in self.documents.items():
            meta = document.get("x-collection")
            if meta:
                name = file.removesuffix(".schema.json")
                collections.append(Collection(name, meta["label"], meta["singular"], meta["path"], meta["order"], document))
        self.collections: dict[str, Collection] = {c.name: c for c in sorted(collections, key=lambda c: c.order)}

    # -- resolution -------------------------------------------------------------------------

    def inlined(self, file: str, vocabulary_values: dict[str, Any]) -> dict[str, Any]:
        """A schema with every ``$ref`` replaced by what it points to (ours are not recursive).

        Validating against it skips the reference look-ups, most of jsonschema's work.
        """
        documents = self.documents
        self.documents = {**documents, VOCABULARY_VALUES: vocabulary_values}
        try:
            return self._inline(self.documents[file], file)
        finally:
            self.documents = documents

    def _inline(self, node: Any, base: str) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                target, target_base = self.resolve(node, base)
                return self._inline(target, target_base)
            return {key: self._inline(value, base) for key, value in node.items()}
        if isinstance(node, list):
            return [self._inline(value, base) for value in node]
        return node

    def resolve(self, node: Any, base: str) -> tuple[Any, str]:
        """Follow ``$ref`` chains by hand (annotations beside a ``$ref`` are merged in)."""
        merged: dict[str, Any] = {}
        while isinstance(node, dict) and "$ref" in node:
            merged = {**{k: v for k, v in node.items() if k != "$ref"}, **merged}
            target = node["$ref"]
            file, _, fragment = target.partition("#")
            base = file or base
            node = self.documents.get(base, {})
            for part in [p for p in fragment.split("/") if p]:
                node = node.get(part, {})
        if isinstance(node, dict):
            node = {**node, **merged}
        return node, base

    # -- field metadata ---------------------------------------------------------------------

    def fields(self, collection: str) -> list[FieldInfo]:
        """The collection's fields in schema order: the order partners and pages see them."""
        return self._fields[collection]

    @cached_property
    def _fields(self) -> dict[str, list[FieldInfo]]:
        result = {}
        for name, coll in self.collections.items():
            required = set(coll.schema.get("required", []))
            infos = []
            for field_name, raw in coll.schema.get("properties", {}).items():
                node, base = self.resolve(raw, coll.schema_file)
                infos.append(self._field_info(field_name, node, base, field_name in required))
            result[name] = infos
        return result

    def describe(self, name: str, node: dict[str, Any], required: bool = False) -> FieldInfo:
        """A field of an inlined schema (no ``$ref`` left), such as a property inside a group field."""
        return self._field_info(name, node, "", required)

    def _field_info(self, name: str, node: dict[str, Any], base: str, required: bool) -> FieldInfo:
        kind, target = "text", ""
        if "x-ref" in node:
            kind, target = ("refs" if node.get("type") == "array" else "ref"), node["x-ref"]
        elif "x-vocab" in node:
            kind, target = ("vocabs" if node.get("type") == "array" else "vocab"), node["x-vocab"]
        elif node.get("type") == "array":
            items, _ = self.resolve(node.get("items", {}), base)
            kind = "objects" if items.get("type") == "object" else "list"
        elif node.get("type") == "object":
            kind = "object"
        elif name == "description":
            kind = "markdown"
        elif name == "last_reviewed":
            kind = "date"
        elif "const" in node and isinstance(node["const"], bool):
            kind = "bool"
        return FieldInfo(name, node.get("title", name), node.get("description", ""), kind, target, required,
                         tuple(node.get("examples", ())), node)

    def references(self, collection: str, data: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
        """Every id a record refers to: (value path, target collection, id), sources included."""
        tree = self._reference_trees[collection]
        if tree is not None:
            yield from _walk_refs(tree, data, ())

    @cached_property
    def _reference_trees(self) -> dict[str, RefTree | None]:
        """Per collection, the schema pruned to the paths that lead to an ``x-ref``.

        Resolved once: walking the full schema and following ``$ref`` for every record cost more
        than validating it (validation and the model both ask for every record's references).
        """
        return {name: self._ref_tree(coll.schema, coll.schema_file) for name, coll in self.collections.items()}

    def _ref_tree(self, node: Any, base: str, target: str = "") -> RefTree | None:
        node, base = self.resolve(node, base)
        if not isinstance(node, dict):
            return None
        target = node.get("x-ref") or target
        items = node.get("items")
        properties = {key: self._ref_tree(value, base) for key, value in node.get("properties", {}).items()}
        tree = RefTree(
            target=target,
            items=self._ref_tree(items if isinstance(items, dict) else {}, base, target) if items is not None else None,
            properties={key: sub for key, sub in sorted(properties.items()) if sub is not None},
        )
        return tree if tree.target or tree.items or tree.properties else None


@dataclass(frozen=True)
class RefTree:
    """Where references sit in a record: a value naming ``target``, list items, or object fields."""

    target: str
    items: RefTree | None
    properties: dict[str, RefTree]


def _walk_refs(tree: RefTree, data: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    if tree.target and isinstance(data, str):
        yield path, tree.target, data
    elif isinstance(data, list):
        # A list where the schema wants one id still has its ids checked (the schema error says
        # the rest), so its items inherit the target.
        items = tree.items or (RefTree(tree.target, None, {}) if tree.target else None)
        if items is not None:
            for index, value in enumerate(data):
                yield from _walk_refs(items, value, (*path, index))
    elif isinstance(data, dict):
        for key, sub in tree.properties.items():
            if key in data:
                yield from _walk_refs(sub, data[key], (*path, key))


def vocabulary_values_schema(vocabularies: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The enum definitions derived from ``data/vocabularies.yaml`` (for validation and editors)."""
    definitions = {}
    for name in sorted(vocabularies):
        entries = vocabularies[name]
        definitions[name] = {
            "type": "string",
            "enum": [entry["id"] for entry in entries],
            "markdownEnumDescriptions": [
                f"**{entry['label']}**" + (f": {entry['description']}" if entry.get("description") else "")
                for entry in entries
            ],
        }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Toegestane waarden",
        "description": "Afgeleid uit data/vocabularies.yaml door 'python -m generator schemas'. Niet met de hand bewerken.",
        "definitions": definitions,
    }
