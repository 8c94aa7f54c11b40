"""Stage 3: the complete, read-only model of the knowledge base, backlinks included.

Built only from a validated result, and finished before anything is rendered (MkDocs' "gather,
then write"). Authored values stay exactly as partners wrote them in ``Record.fields``; everything
the generator derives lives in ``Derived`` so it can never be mistaken for authored data:

* ``outgoing``: the records this record names, per field, in field order;
* ``incoming``: the records that name this record (backlinks), per (collection, field);
* ``broader`` / ``narrower`` / ``related``: glossary relations made consistent in both directions;
* ``prose``: the record's text as its page shows it (plain fields normalised, the Markdown
  description rendered and sanitised) with where glossary terms occur in it;
* ``used_in``: for a glossary term, the records whose text uses one of its labels (from ``prose``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from .addresses import Addresses
from .collate import title_key
from .schema import Collection, FieldInfo, Schemas
from .terms import Occurrences, TermIndex
from .text import markdown_to_html
from .validate import RETIRED, Validated

Key = tuple[str, str]
# The fields that hold prose, in the order a page shows them (the first use of a term is linked).
PLAIN_PROSE = ("summary", "definition")
MARKDOWN_PROSE = ("description",)


@dataclass(frozen=True)
class VocabEntry:
    id: str
    label: str
    description: str = ""
    kind: str = ""
    schema_org: str = ""
    covers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # help_kinds: kind lists → values


@dataclass(frozen=True)
class Record:
    """One record: where it came from and the fields its author wrote."""

    collection: str
    id: str
    source_path: str
    fields: Mapping[str, Any]

    @cached_property
    def key(self) -> Key:
        """(collection, id): unique across the knowledge base (asked for hundreds of thousands of times)."""
        return (self.collection, self.id)

    @property
    def title(self) -> str:
        return self.fields["title"]

    @property
    def summary(self) -> str:
        return self.fields.get("summary", "")

    @property
    def retired(self) -> bool:
        """``status: vervallen``: the page stays (with a notice); overviews, filters and term links leave it out."""
        return self.fields.get("status") == RETIRED

    def labels(self) -> list[str]:
        """Every name the record is known by: title, abbreviations and synonyms."""
        return [self.title, *self.fields.get("abbreviations", []), *self.fields.get("synonyms", [])]


@dataclass
class Derived:
    """What the generator computes for one record. Never written back to ``data/``."""

    outgoing: list[tuple[FieldInfo, list[Record]]] = field(default_factory=list)
    incoming: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    broader: list[Record] = field(default_factory=list)
    narrower: list[Record] = field(default_factory=list)
    related: list[Record] = field(default_factory=list)
    used_in: list[Record] = field(default_factory=list)
    cites: list[tuple[Record, str]] = field(default_factory=list)
    prose: dict[str, Occurrences] = field(default_factory=dict)

    def outgoing_by_name(self) -> dict[str, list[Record]]:
        return {info.name: records for info, records in self.outgoing}


@dataclass
class Model:
    """Everything the renderer needs, and nothing it has to look up in ``data/``."""

    schemas: Schemas
    collections: dict[str, Collection]
    records: dict[str, list[Record]]
    vocabularies: dict[str, dict[str, VocabEntry]]
    derived: dict[Key, Derived]
    terms: TermIndex
    # Old ids of removed or renamed records, per collection (checked data/redirects.yaml).
    redirects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def get(self, key: Key) -> Record:
        return self._index[key]

    def find(self, key: Key) -> Record | None:
        """The record, or ``None`` where a page may do without it."""
        return self._index.get(key)

    def __post_init__(self) -> None:
        self._index = {r.key: r for records in self.records.values() for r in records}

    @cached_property
    def addresses(self) -> Addresses:
        """Page paths and URLs of the records (see :mod:`generator.addresses`)."""
        return Addresses(self.collections)

    def all_records(self) -> list[Record]:
        return [r for name in self.collections for r in self.records.get(name, [])]

    def current(self, collection: str) -> list[Record]:
        """A collection's records that are not retired: what overviews, theme pages and filters list."""
        return [r for r in self.records.get(collection, []) if not r.retired]

    def vocab_label(self, vocabulary: str, value: str) -> str:
        entry = self.vocabularies.get(vocabulary, {}).get(value)
        return entry.label if entry else value


def _sort_key(record: Record) -> tuple[Any, str, str]:
    """Title order; a partner and a fund may share title and id, so the collection breaks ties."""
    return (title_key(record.title), record.id, record.collection)


@dataclass
class Parts:
    """The records in title order and the glossary's term index: what the model is built from."""

    schemas: Schemas
    records: dict[str, list[Record]]
    vocabularies: dict[str, dict[str, VocabEntry]]
    terms: TermIndex
    redirects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def every(self) -> list[Record]:
        """Every record, collection by collection: the items :func:`prose` is applied to."""
        return [record for rs in self.records.values() for record in rs]


def parts(validated: Validated, schemas: Schemas) -> Parts:
    """Records and vocabularies of valid data; the caller has checked ``validated.ok``."""
    records: dict[str, list[Record]] = {}
    for name in schemas.collections:
        raw = validated.loaded.records.get(name, [])
        records[name] = sorted(
            (Record(name, r.id, r.path, MappingProxyType(dict(r.data))) for r in raw), key=_sort_key
        )
    vocabularies = {
        name: {e["id"]: VocabEntry(e["id"], e["label"], e.get("description", ""), e.get("kind", ""), e.get("schema_org", ""),
                               {k: tuple(v) for k, v in e.get("covers", {}).items()}) for e in entries}
        for name, entries in validated.vocabularies.items()
    }
    terms = TermIndex((t for t in records.get("glossary", []) if not t.retired),  # a retired term is not linked
                      # Other records' names: a name links its record, not a term inside it.
                      [r for name, rs in records.items() if name != "glossary" and name != "sources" for r in rs if not r.retired],
                      [r for r in records.get("sources", []) if not r.retired])  # a document leaves a shared name to the record
    return Parts(schemas, records, vocabularies, terms, validated.redirects)


def assemble(made: Parts, found: Iterable[dict[str, Occurrences]]) -> Model:
    """The model, given each record's :func:`prose` in the order of ``made.every``.

    ``found`` is read last, after the records are linked, so it may still be in the making.
    """
    records, schemas = made.records, made.schemas
    index = {r.key: r for rs in records.values() for r in rs}
    # Every derived list is in title order; ranking all records once spares folding titles again.
    rank = {key: i for i, key in enumerate(sorted(index, key=lambda k: _sort_key(index[k])))}
    derived = {key: Derived() for key in index}
    _link(records, schemas, index, derived, rank)
    _glossary_relations(records.get("glossary", []), index, derived, rank)
    _usage(zip(made.every, found, strict=True), index, derived, rank)
    return Model(schemas, dict(schemas.collections), records, made.vocabularies, derived, made.terms, made.redirects)


def build_model(validated: Validated, schemas: Schemas) -> Model:
    """Turn validated data into the model; the caller has checked ``validated.ok``."""
    made = parts(validated, schemas)
    return assemble(made, (prose(record, made.terms) for record in made.every))


def prose(record: Record, terms: TermIndex) -> dict[str, Occurrences]:
    """A record's prose fields as published, each with the glossary terms in it.

    Made once per record and used twice: for "gebruikt in" here and for the links on the page,
    so both always agree.
    """
    out = {name: terms.in_text(record.fields.get(name, "")) for name in PLAIN_PROSE}
    for name in MARKDOWN_PROSE:
        if record.fields.get(name):
            out[name] = terms.in_html(markdown_to_html(record.fields[name]))
    return out


def _in_order(keys: Any, index: dict[Key, Record], rank: dict[Key, int]) -> list[Record]:
    """The records of ``keys`` in title order."""
    return [index[k] for k in sorted(keys, key=rank.__getitem__)]


def _link(records: dict[str, list[Record]], schemas: Schemas, index: dict[Key, Record], derived: dict[Key, Derived],
          rank: dict[Key, int]) -> None:
    """Outgoing links per field, and their inverse (backlinks), in one pass over every record."""
    incoming: dict[Key, dict[tuple[str, str], set[Key]]] = defaultdict(lambda: defaultdict(set))
    fields = {name: {f.name: f for f in schemas.fields(name)} for name in schemas.collections}
    for name, rs in records.items():
        for record in rs:
            per_field: dict[str, list[Record]] = defaultdict(list)
            for path, target, ref in schemas.references(name, dict(record.fields)):
                other = index[(target, ref)]
                top = str(path[0])
                if target == "sources":
                    # The citation's section stands beside its document, in ``sources`` and in
                    # the source of a stated figure alike.
                    citation: Any = record.fields
                    for step in path[:-1]:
                        citation = citation[step]
                    derived[record.key].cites.append((other, citation.get("section", "")))
                else:
                    if other not in per_field[top]:
                        per_field[top].append(other)
                incoming[other.key][(name, top)].add(record.key)
            derived[record.key].outgoing = [
                (info, per_field[info.name]) for info in fields[name].values() if per_field.get(info.name)
            ]
    # A symmetric field (x-symmetric: "verwante voorbeelden") holds whichever side says it: the
    # records named and the records naming this one are one list, not the same list twice.
    for name, rs in records.items():
        symmetric = [f for f in fields[name].values() if f.schema.get("x-symmetric") and f.target == name]
        for info in symmetric:
            for record in rs:
                naming = incoming.get(record.key, {}).pop((name, info.name), set())
                outgoing = dict(derived[record.key].outgoing_by_name())
                both = {r.key for r in outgoing.get(info.name, [])} | naming
                if both:
                    outgoing[info.name] = _in_order(both, index, rank)
                    derived[record.key].outgoing = [(f, outgoing[f.name]) for f in fields[name].values() if f.name in outgoing]
    order = list(schemas.collections)
    for key, groups in incoming.items():
        derived[key].incoming = {
            group: _in_order(keys, index, rank)
            for group, keys in sorted(groups.items(), key=lambda item: (order.index(item[0][0]), item[0][1]))
        }


def _glossary_relations(terms: list[Record], index: dict[Key, Record], derived: dict[Key, Derived],
                        rank: dict[Key, int]) -> None:
    """Broader/narrower are each other's inverse and related is symmetric, whichever side says it."""
    broader: dict[str, set[str]] = defaultdict(set)
    related: dict[str, set[str]] = defaultdict(set)
    for term in terms:
        for other in term.fields.get("broader", []):
            broader[term.id].add(other)
        for other in term.fields.get("narrower", []):
            broader[other].add(term.id)
        for other in term.fields.get("related", []):
            related[term.id].add(other)
            related[other].add(term.id)
    narrower: dict[str, set[str]] = defaultdict(set)
    for child, parents in broader.items():
        for parent in parents:
            narrower[parent].add(child)

    def records(ids: set[str]) -> list[Record]:
        return _in_order([("glossary", i) for i in ids], index, rank)

    for term in terms:
        d = derived[term.key]
        d.broader, d.narrower = records(broader[term.id]), records(narrower[term.id])
        d.related = records(related[term.id] - broader[term.id] - narrower[term.id])


def _usage(found: Iterable[tuple[Record, dict[str, Occurrences]]], index: dict[Key, Record],
           derived: dict[Key, Derived], rank: dict[Key, int]) -> None:
    """Each record's prose, and for each term the records whose own text uses it ("gebruikt in").

    ``found`` pairs each record with its prose.
    """
    used: dict[str, set[Key]] = defaultdict(set)
    for record, fields in found:
        derived[record.key].prose = fields
        for occurrences in fields.values():
            for term_id in occurrences.terms:
                if term_id != record.id or record.collection != "glossary":
                    used[term_id].add(record.key)
    for term_id, keys in used.items():
        derived[("glossary", term_id)].used_in = _in_order(keys, index, rank)


def orphans(model: Model) -> list[Record]:
    """Records that reference no other record and that no record references, unless marked so."""
    lonely = []
    for record in model.all_records():
        if record.collection == "sources" or record.fields.get("standalone"):
            continue
        d = model.derived[record.key]
        if not d.outgoing and not d.incoming and not d.broader and not d.narrower and not d.related:
            lonely.append(record)
    return lonely
