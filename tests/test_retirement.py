"""Retired records (status: vervallen): the page stays with a notice, everything that lists records leaves it out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS, XSD
from test_export import assert_conforms

from generator.config import load_settings
from generator.export import export
from generator.names import name_index
from generator.pipeline import Generated, check, generate

from conftest import MINIMAL

MARKTMEESTER = "glossary/marktmeester.yaml"
BASE = "urn:kennisbank-waardevolle-kernen:begrippen"


def retire(data_tree, extra: str = "replaced_by: toekomstbestendige-gebiedsontwikkeling\n", *,
           status: str = "vervallen") -> Path:
    """The minimal data set with the term Marktmeester retired (by default in favour of TBGO)."""
    text = (MINIMAL / MARKTMEESTER).read_text(encoding="utf-8")
    return data_tree({MARKTMEESTER: text + (f"status: {status}\n" if status else "") + extra})


def problems(data: Path) -> list[str]:
    return [p.text() for p in check(data, display_root=data.parent).problems]


def unchanged(tmp_path: Path) -> Generated:
    """The minimal data set as it is, for comparison."""
    data = tmp_path / "kept" / "data"
    shutil.copytree(MINIMAL, data)
    return generate(load_settings(data.parent), data)


@pytest.fixture
def retired(data_tree, tmp_path):
    result = generate(load_settings(tmp_path), retire(data_tree))
    assert result.model is not None, [p.text() for p in result.problems]
    return result


# -- validation ------------------------------------------------------------------------------------


def test_a_retired_record_with_or_without_replacement_is_valid(data_tree) -> None:
    assert problems(retire(data_tree)) == []
    assert problems(retire(data_tree, "")) == []


def test_a_replacement_belongs_only_to_a_retired_record(data_tree) -> None:
    assert problems(retire(data_tree, status="")) == [
        "data/glossary/marktmeester.yaml:10:14: 'Vervangen door' (replaced_by) hoort alleen bij een vervallen record. "
        "(veld replaced_by) Zet 'status: vervallen' in het record als het niet meer wordt bijgehouden, of haal "
        "'replaced_by' weg."]


def test_a_replacement_must_exist_be_another_record_and_be_kept(data_tree) -> None:
    assert problems(retire(data_tree, "replaced_by: marktmeester\n")) == [
        "data/glossary/marktmeester.yaml:11:14: Een record kan niet naar zichzelf verwijzen. (veld replaced_by)"]
    unknown = problems(retire(data_tree, "replaced_by: marktmeesters\n"))
    assert len(unknown) == 1 and "Onbekende verwijzing 'marktmeesters'" in unknown[0]
    # A chain: the replacement is retired too, and names its own replacement: point there directly.
    data = retire(data_tree)
    other = (data / "glossary/toekomstbestendige-gebiedsontwikkeling.yaml").read_text(encoding="utf-8")
    data_tree({"glossary/toekomstbestendige-gebiedsontwikkeling.yaml": other + "status: vervallen\n"
               "replaced_by: marktmeester\n"})
    assert problems(data) == [
        "data/glossary/marktmeester.yaml:11:14: Het vervangende record 'toekomstbestendige-gebiedsontwikkeling' is "
        "zelf vervallen. (veld replaced_by) Verwijs direct naar 'marktmeester', het record dat "
        "'toekomstbestendige-gebiedsontwikkeling' vervangt.",
        "data/glossary/toekomstbestendige-gebiedsontwikkeling.yaml:11:14: Het vervangende record 'marktmeester' is "
        "zelf vervallen. (veld replaced_by) Verwijs direct naar 'toekomstbestendige-gebiedsontwikkeling', het record "
        "dat 'marktmeester' vervangt."]


# -- pages -----------------------------------------------------------------------------------------


def test_the_page_stays_with_a_notice_and_a_link_to_the_replacement(retired) -> None:
    page = retired.pages["begrippen/marktmeester.md"]
    assert "**Dit record is vervallen.**" in page
    assert ("Het is vervangen door [Toekomstbestendige gebiedsontwikkeling]"
            "(toekomstbestendige-gebiedsontwikkeling.md).") in page
    # The replacement says what it replaces (the backlink of replaced_by).
    replacement = retired.pages["begrippen/toekomstbestendige-gebiedsontwikkeling.md"]
    assert "### Vervangt" in replacement and "[Marktmeester](marktmeester.md)" in replacement
    assert "Dit record is vervallen" not in replacement


def test_a_retired_record_without_replacement_has_the_notice_only(data_tree, tmp_path) -> None:
    page = generate(load_settings(tmp_path), retire(data_tree, "")).pages["begrippen/marktmeester.md"]
    assert "**Dit record is vervallen.**" in page and "vervangen door" not in page


def test_overviews_theme_pages_and_filters_leave_a_retired_record_out(data_tree, tmp_path, retired) -> None:
    kept = unchanged(tmp_path).pages
    for path, link in (("begrippen/index.md", 'href="marktmeester/"'),
                       ("themas/financiering.md", "(../begrippen/marktmeester.md)")):
        assert link in kept[path], path  # listed while kept
        assert link not in retired.pages[path], path
    # The A–Z of the glossary loses its letter M.
    assert 'href="#letter-m"' in kept["begrippen/index.md"]
    assert 'href="#letter-m"' not in retired.pages["begrippen/index.md"]
    # No search filters on its page: a filter on a theme lists only records that are kept.
    assert 'data-pagefind-filter="thema"' in kept["begrippen/marktmeester.md"]
    assert "data-pagefind-filter" not in retired.pages["begrippen/marktmeester.md"]


def test_a_retired_term_is_not_linked_in_other_texts_nor_offered_by_name(data_tree, tmp_path, retired) -> None:
    kept = unchanged(tmp_path)
    instrument = "instrumenten/pact-actie-10-marktmeester.md"
    assert "begrippen/marktmeester/" in kept.pages[instrument]
    assert "begrippen/marktmeester/" not in retired.pages[instrument]
    assert retired.model is not None and kept.model is not None
    names = json.loads(name_index(retired.model)["zoeken/namen/ma.json"]) if "zoeken/namen/ma.json" in name_index(
        retired.model) else {}
    assert "marktmeester" in json.loads(name_index(kept.model)["zoeken/namen/ma.json"])
    assert "marktmeester" not in names


# -- SKOS ------------------------------------------------------------------------------------------


def test_skos_marks_a_retired_concept_deprecated_with_its_replacement(retired, tmp_path) -> None:
    assert retired.model is not None
    files = export(retired.model, load_settings(tmp_path))
    data = assert_conforms(files["open-data/begrippen.ttl"], strict=True)
    old, new = URIRef(f"{BASE}:marktmeester"), URIRef(f"{BASE}:toekomstbestendige-gebiedsontwikkeling")
    assert list(data.objects(old, OWL.deprecated)) == [Literal(True, datatype=XSD.boolean)]
    assert list(data.objects(old, DCTERMS.isReplacedBy)) == [new]
    assert (old, SKOS.inScheme, URIRef(BASE)) in data  # still a concept of the scheme: its IRI resolves
    assert not list(data.objects(new, OWL.deprecated))
    jsonld = Graph().parse(data=files["open-data/begrippen.jsonld"], format="json-ld")
    assert list(jsonld.objects(old, OWL.deprecated)) == [Literal(True, datatype=XSD.boolean)]
    assert list(jsonld.objects(old, DCTERMS.isReplacedBy)) == [new]
