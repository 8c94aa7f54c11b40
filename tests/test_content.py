"""Content integrity of the real data/, beyond what the schemas check."""

from __future__ import annotations

import re

import pytest

from generator.model import build_model, orphans
from generator.pipeline import check
from generator.schema import Schemas

from conftest import ROOT


@pytest.fixture(scope="module")
def model():
    schemas = Schemas()
    validated = check(ROOT / "data", schemas, ROOT)
    assert validated.ok, "\n".join(p.text() for p in validated.problems if p.severity == "error")
    return build_model(validated, schemas)


def test_every_collection_is_non_empty(model) -> None:
    assert {name: len(records) for name, records in model.records.items() if not records} == {}


def test_every_record_cites_a_source(model) -> None:
    uncited = [r.source_path for r in model.all_records() if r.collection != "sources" and not model.derived[r.key].cites]
    assert uncited == []


def test_every_source_document_is_cited(model) -> None:
    uncited = [r.id for r in model.records["sources"] if not model.derived[r.key].incoming]
    assert uncited == []


def test_every_glossary_term_has_a_definition(model) -> None:
    assert [r.id for r in model.records["glossary"] if len(r.fields.get("definition", "").strip()) < 10] == []


def test_no_record_is_an_orphan_unless_marked(model) -> None:
    assert [r.source_path for r in orphans(model)] == []


def test_no_contact_person_without_consent(model) -> None:
    for record in model.records["partners"]:
        assert all(c.get("consent") is True for c in record.fields.get("contacts", []))


def test_no_record_claims_a_glossary_terms_name(model) -> None:
    """A name belongs to one record, so a search for it (and the term links) lead to one place."""
    names = {}
    for term in model.records["glossary"]:
        for label in term.labels():
            names[label.casefold()] = term.id
    claimed = [(r.source_path, label) for r in model.all_records() if r.collection != "glossary"
               for label in r.fields.get("abbreviations", []) if label.casefold() in names]
    assert claimed == []


def opens_by_saying_what_is_not_defined(text: str) -> bool:
    """'De documenten definiëren het begrip niet.' and the like, in the first sentence."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].casefold()
    about_defining = re.search(r"defini|uitleg|toelicht|toegelicht|\bleg\w* .*\buit\b|\blicht\w* .*\btoe\b", first)
    return bool(about_defining and re.search(r"\b(niet|geen|zonder)\b", first))


def test_no_glossary_definition_opens_by_saying_what_the_documents_do_not_define(model) -> None:
    """A term the documents do not define is described by how they use it (usage_only), not by a negation."""
    assert [r.id for r in model.records["glossary"] if opens_by_saying_what_is_not_defined(r.fields["definition"])] == []
