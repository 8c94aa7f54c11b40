"""Content integrity of the real data/, beyond what the schemas check."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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
    if re.match(r"[*_\"'“„(]*(geen|niet|nergens)\b", first):  # "Geen definitie …", "Niet omschreven …"
        return True
    about_defining = re.search(r"defini|uitleg|toelicht|toegelicht|\bleg\w* .*\buit\b|\blicht\w* .*\btoe\b", first)
    return bool(about_defining and re.search(r"\b(niet|geen|zonder)\b", first))


def test_no_glossary_definition_opens_by_saying_what_the_documents_do_not_define(model) -> None:
    """A term the documents do not define is described by how they use it (usage_only), not by a negation."""
    assert [r.id for r in model.records["glossary"] if opens_by_saying_what_is_not_defined(r.fields["definition"])] == []


@pytest.mark.parametrize("definition, negative", [
    ("De documenten definiëren het begrip niet; ze gebruiken het bij de call to action.", True),
    ("Geen vaste definitie: de dealtekst gebruikt het woord voor ...", True),
    ("Niet omschreven in de bronnen.", True),
    ("Het Pact licht het woord niet toe. Het noemt splitsen bij regelgeving.", True),
    ("De documenten geven geen formele definitie. Ze gebruiken het woord voor ...", True),
    ("De documenten gebruiken het begrip voor aanpakken die nog niet bewezen zijn.", False),
    ("Een gebied met een centrumfunctie en een multifunctioneel profiel.", False),
    ("Gebiedsontwikkeling die niet afwentelt op toekomstige generaties.", False),
])
def test_negative_opening_is_recognised(definition: str, negative: bool) -> None:
    assert opens_by_saying_what_is_not_defined(definition) is negative


# Fields that are never shown to readers: an editor's reason for a record standing alone, the
# citations (ids and section names), links and dates.
NOT_PUBLIC = {"standalone", "sources", "links", "last_reviewed", "contacts"}
# Text about the knowledge base itself ("staat in de kennisbank als twee aparte records") is a note
# for editors; readers of a page need the subject, not how the site files it.
EDITORIAL = re.compile(r"\bkennisbank\b|\brecords?\b", re.IGNORECASE)


def public_texts(value: Any, key: str = "") -> list[str]:
    """Every piece of text a reader can see in a record's fields."""
    if key in NOT_PUBLIC:
        return []
    if isinstance(value, Mapping):
        return [t for k, v in value.items() for t in public_texts(v, str(k))]
    if isinstance(value, list):
        return [t for v in value for t in public_texts(v, key)]
    return [value] if isinstance(value, str) else []


def test_no_editorial_note_about_the_knowledge_base(model) -> None:
    notes = [(r.source_path, m.group(0), text[max(0, m.start() - 40):m.end() + 40])
             for r in model.all_records() for text in public_texts(r.fields)
             for m in [EDITORIAL.search(text)] if m]
    assert notes == [], "\n".join(f"{path}: '{word}' in …{context}…" for path, word, context in notes)


def name_key(name: str) -> str:
    """Names compare without case, dash style or spacing ("Regie op Transformatie" = "regie  op transformatie")."""
    return " ".join(re.sub(r"[\u2010-\u2015-]", "-", name).casefold().split())


def test_no_alternative_name_is_another_records_title(model) -> None:
    """An "Ook bekend als" label that is another record's title sends a search for it to two places."""
    titles: dict[str, list[str]] = {}
    for r in model.all_records():
        titles.setdefault(name_key(r.title), []).append(r.source_path)
    clashes = [(r.source_path, label, titles[name_key(label)]) for r in model.all_records()
               for label in [*r.fields.get("abbreviations", []), *r.fields.get("synonyms", [])]
               if name_key(label) in titles and titles[name_key(label)] != [r.source_path]]
    assert clashes == [], "\n".join(f"{path}: '{label}' is the title of {', '.join(other)}"
                                    for path, label, other in clashes)


def merged_name(title: str) -> str:
    """The part of an old title a merged record's text must name: without "(…)" or a ", Place" tail."""
    return name_key(re.sub(r"\s*\([^)]*\)", "", title).split(", ")[0])


@pytest.mark.parametrize("title, name", [
    ("Birds Directive (Directive 2009/147/EC)", "birds directive"),
    ("Plan van Aanpak Duurzaam Doorbouwen, Rotterdam", "plan van aanpak duurzaam doorbouwen"),
])
def test_merged_name_drops_what_a_text_may_phrase_differently(title: str, name: str) -> None:
    assert merged_name(title) == name


def test_a_merged_record_is_named_where_its_old_address_leads(model) -> None:
    """A reader who follows an old address (data/redirects.yaml) finds the thing it was about named there.

    Every redirect keeps the old title (a retirement notice shows it), so a merge can be checked: the
    target's public text names it. Otherwise a merge has silently dropped the entity from the base.
    """
    by_id = {(r.collection, r.id): r for r in model.all_records()}
    untitled, missing = [], []
    for collection, entries in model.redirects.items():
        for entry in entries:
            if not entry.get("title"):
                untitled.append(f"{collection}/{entry['from']}")
                continue
            if not entry.get("to"):
                continue
            target = by_id[(collection, entry["to"])]
            text = name_key(" ".join([target.title, *public_texts(target.fields)]))
            if merged_name(entry["title"]) not in text:
                missing.append(f"{collection}/{entry['from']} ('{entry['title']}') is not named in {target.source_path}")
    assert untitled == [], f"redirects without the old title: {untitled}"
    assert missing == [], "\n".join(missing)
