"""The wegwijzer (which instrument or fund fits?) and the comparison: their values and data files.

Both work on the collections a help kind covers (``help_kinds`` in ``data/vocabularies.yaml``
maps a kind of help to the kinds of instruments and funds that give it), so no collection, kind
or value is named here. The questions name their vocabulary; the record fields that hold its
values are found through the schemas' ``x-vocab``.

The browser pages read static JSON this module writes: ``wegwijzer/gegevens.json`` (every
answerable record with its answers) and ``vergelijken/gegevens/<id>.json`` (one record's compared
fields, so a comparison fetches only what it shows). ``<`` is written as ``\\u003c``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .addresses import COMPARE, COMPARE_DATA, WEGWIJZER, WEGWIJZER_DATA, answer_page, page_url, relative
from .model import Model, Record
from .quantities import amount
from .schema import FieldInfo
from .text import dutch_date

HELP = "help_kinds"  # the vocabulary of the kinds of help, with their ``covers``
COMPARE_MAX = 4  # records side by side; the page says so when the address names more
# Fields a comparison leaves out: the title heads the column, the kind is in "Soort", and long
# or bookkeeping fields say nothing side by side.
NOT_COMPARED = {"title", "kind", "description", "sources", "links", "standalone", "contacts", "replaced_by",
                "abbreviations", "synonyms", "definition"}


@dataclass(frozen=True)
class Question:
    param: str  # the name in the address: ?thema=wonen
    vocabulary: str
    heading: str
    hint: str


QUESTIONS = (
    Question("thema", "themes", "Aan welke opgave werkt u?", "Kies het thema dat het best past bij uw vraag."),
    Question("bestuurslaag", "levels", "Op welke bestuurslaag werkt u?",
             "Instrumenten en fondsen horen bij een of meer bestuurslagen."),
    Question("hulp", HELP, "Wat voor hulp zoekt u?", "Geld, regels, kennis of samenwerking."),
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    description: str
    count: int
    page: str  # its static answer page (for readers without JavaScript)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c").encode()


def kind_label(model: Model, record: Record) -> str:
    """"Instrument · Regeling": the record's type and, where it has one, its kind."""
    singular = model.collections[record.collection].singular
    for info in model.schemas.fields(record.collection):
        if info.name in ("kind", "type") and info.name in record.fields:
            return f"{singular.capitalize()} · {model.vocab_label(info.target, record.fields[info.name])}"
    return singular.capitalize()


class Finder:
    """The answers of every record the wegwijzer and the comparison offer."""

    def __init__(self, model: Model) -> None:
        self.model = model
        help_kinds = model.vocabularies.get(HELP, {})
        covered = {name for entry in help_kinds.values() for name in entry.covers}
        self.collections = [name for name in model.collections
                            if any(f.target in covered for f in self._vocab_fields(name))]

    def _vocab_fields(self, collection: str) -> list[FieldInfo]:
        return [f for f in self.model.schemas.fields(collection) if f.kind in ("vocab", "vocabs")]

    @staticmethod
    def _values(record: Record, info: FieldInfo) -> list[str]:
        value = record.fields.get(info.name)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def answers(self, record: Record) -> dict[str, list[str]]:
        """The answers a record fits, per question: its themes, its levels, the help its kind gives."""
        held: dict[str, set[str]] = {}
        for info in self._vocab_fields(record.collection):
            held.setdefault(info.target, set()).update(self._values(record, info))
        out = {}
        for question in QUESTIONS:
            entries = self.model.vocabularies.get(question.vocabulary, {})
            if question.vocabulary == HELP:
                out[question.param] = [e.id for e in entries.values()
                                       if any(held.get(name, set()) & set(values) for name, values in e.covers.items())]
            else:
                out[question.param] = [v for v in entries if v in held.get(question.vocabulary, set())]
        return out

    @cached_property
    def records(self) -> list[Record]:
        return [r for name in self.collections for r in self.model.current(name)]

    @cached_property
    def _answers(self) -> dict[tuple[str, str], dict[str, list[str]]]:
        return {r.key: self.answers(r) for r in self.records}

    def matching(self, chosen: dict[str, str]) -> list[Record]:
        """The records that fit every given answer (an empty answer means "maakt niet uit")."""
        return [r for r in self.records
                if all(not value or value in self._answers[r.key][param] for param, value in chosen.items())]

    def options(self, question: Question) -> list[Option]:
        entries = self.model.vocabularies.get(question.vocabulary, {})
        return [Option(e.id, e.label, e.description, len(self.matching({question.param: e.id})),
                       answer_page(question.param, e.id)) for e in entries.values()]

    def overview_query(self, collection: str, question: Question, value: str) -> dict[str, list[str]]:
        """The overview's filter (``?field=a,b``) that shows what one answer selects there."""
        query: dict[str, list[str]] = {}
        if question.vocabulary == HELP:
            entry = self.model.vocabularies[HELP][value]
            for info in self._vocab_fields(collection):
                if info.target in entry.covers:
                    query.setdefault(info.name, []).extend(entry.covers[info.target])
        else:
            for info in self._vocab_fields(collection):
                if info.target == question.vocabulary:
                    query.setdefault(info.name, []).append(value)
        return query

    def kind_label(self, record: Record) -> str:
        return kind_label(self.model, record)

    # -- the wegwijzer's data and the comparison's ----------------------------------------------------

    def wegwijzer_data(self) -> bytes:
        """Every answerable record with its answers, and per collection how its overview filters."""
        records = [{"id": r.id, "c": r.collection, "t": r.title, "u": self.model.addresses.url(r), "k": self.kind_label(r),
                    "s": r.summary, "a": self._answers[r.key]} for r in self.records]
        collections = {}
        for name in self.collections:
            collection = self.model.collections[name]
            query = {q.param: {value: self.overview_query(name, q, value) for value in self.model.vocabularies.get(q.vocabulary, {})}
                     for q in QUESTIONS}
            collections[name] = {"label": collection.label, "url": page_url(self.model.addresses.overview(name)), "query": query}
        return _dumps({"records": records, "collections": collections})

    def compared(self, record: Record) -> dict[str, Any]:
        """One record's rows for the comparison: (label, values as plain text), in schema order."""
        rows: list[dict[str, Any]] = [{"label": "Soort", "values": [self.kind_label(record)]}]
        for info in self.model.schemas.fields(record.collection):
            if info.name in NOT_COMPARED or info.name not in record.fields:
                continue
            rows.append({"label": info.title, "values": self._text_values(info, record.fields[info.name])})
        return {"id": record.id, "collection": record.collection, "title": record.title,
                "url": self.model.addresses.url(record), "rows": rows}

    def _text_values(self, info: FieldInfo, value: Any) -> list[str]:
        values = value if isinstance(value, list) else [value]
        if info.kind in ("vocab", "vocabs"):
            return [self.model.vocab_label(info.target, v) for v in values]
        if info.kind in ("ref", "refs"):
            return [found.title for v in values if (found := self.model.find((info.target, v))) is not None]
        if info.unit:
            return [amount(v["value"], info.unit) for v in values]
        if info.kind == "date":
            return [dutch_date(str(v)) for v in values]
        return [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values]

    def files(self) -> dict[str, bytes]:
        """The data files the wegwijzer and the comparison fetch."""
        if not self.collections:
            return {}
        by_id: dict[str, list[dict[str, Any]]] = {}
        for record in self.records:
            by_id.setdefault(record.id, []).append(self.compared(record))
        files = {f"{COMPARE_DATA}/{record_id}.json": _dumps({"records": entries}) for record_id, entries in by_id.items()}
        files[WEGWIJZER_DATA] = self.wegwijzer_data()
        return files

    # -- page values ----------------------------------------------------------------------------------

    def wegwijzer(self) -> dict[str, Any]:
        here = f"{WEGWIJZER}/index.md"
        questions = [(q, [(o, relative(here, o.page, as_url=True)) for o in self.options(q)]) for q in QUESTIONS]
        return {"here": here, "questions": questions, "total": len(self.records),
                "data_url": relative(here, WEGWIJZER_DATA),
                "root": relative(here, "index.md", as_url=True)}

    def answer(self, question: Question, value: str) -> dict[str, Any]:
        """A static answer page: what one answer selects, per collection, for readers without JavaScript."""
        here = answer_page(question.param, value)
        entry = self.model.vocabularies[question.vocabulary][value]
        found = self.matching({question.param: value})
        groups = []
        for name in self.collections:
            records = [r for r in found if r.collection == name]
            query = self.overview_query(name, question, value)
            overview = relative(here, self.model.addresses.overview(name), as_url=True)
            groups.append({"collection": self.model.collections[name], "records": records,
                           "overview": overview + "?" + "&".join(f"{k}={','.join(v)}" for k, v in sorted(query.items()))})
        return {"here": here, "question": question, "entry": entry, "groups": groups, "count": len(found),
                "kind_label": self.kind_label, "start": relative(here, f"{WEGWIJZER}/index.md", as_url=True),
                "next": relative(here, f"{WEGWIJZER}/index.md", as_url=True) + f"?{question.param}={value}"}

    def answer_pages(self) -> list[tuple[Question, str]]:
        if not self.collections:
            return []
        return [(q, value) for q in QUESTIONS for value in self.model.vocabularies.get(q.vocabulary, {})]

    def compare(self) -> dict[str, Any]:
        here = f"{COMPARE}/index.md"
        overviews = [(self.model.collections[name].label, relative(here, self.model.addresses.overview(name), as_url=True))
                     for name in self.collections]
        return {"here": here, "overviews": overviews, "most": COMPARE_MAX,
                "data_url": relative(here, COMPARE_DATA) + "/",
                "root": relative(here, "index.md", as_url=True)}
